/* exec-probe.c — the cheapest program there is, to measure what exec costs
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * forkline-bench spawns it with the time of its request and it prints how
 * long it took to reach its first instruction: the floor under any spawn
 * on this machine, the runner's included.
 */

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int
main (int   argc,
      char *argv[])
{
  struct timespec ts;
  long long now, requested;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  now = ts.tv_sec * 1000000000LL + ts.tv_nsec;
  if (argc < 2)
    return 2;
  requested = atoll (argv[1]);
  printf ("%lld\n", now - requested);
  return 0;
}
