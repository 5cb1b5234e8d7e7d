/* fl-primes.c — the compute kernel: what one unit of a compute step is
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runner counts primes by trial division, FL_PRIMES_BLOCK numbers a
 * unit; the observer checks the counts a run reports against its own
 * sieve (fl-measure-primes.c), and the tests against this.
 */

#define G_LOG_DOMAIN "fl-primes"

#include "config.h"

#include "fl-primes.h"

guint64
fl_count_primes (guint64 from,
                 guint64 to)
{
  guint64 count = 0;
  guint64 n;

  for (n = MAX (from, 2); n < to; n++)
    {
      gboolean prime = TRUE;
      guint64 d;

      if (n < 4)
        {
          count++;
          continue;
        }
      if ((n & 1) == 0)
        continue;
      for (d = 3; d * d <= n; d += 2)
        if (n % d == 0)
          {
            prime = FALSE;
            break;
          }
      count += prime;
    }
  return count;
}
