/* forkline-bench.c — Forkline's measured figures, one "key: value" line each
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   forkline-bench            every benchmark
 *   forkline-bench trace …    only the named groups
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fl-trace.h"

typedef void (*BenchFunc) (void);

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

#define BATCH   1000
#define BATCHES 2001

/* A sink the compiler cannot see through, so the clock reads stay. */
static volatile guint64 sink;

static void
bench_trace (void)
{
  FlTrace *trace = fl_trace_new (1, BATCH * 2, NULL, NULL);
  FlRing *ring = fl_trace_get_ring (trace, 0);
  guint capacity = fl_trace_get_capacity (trace);
  g_autofree FlRecord *out = g_new (FlRecord, capacity);
  g_autofree double *record_ns = g_new (double, BATCHES);
  g_autofree double *clock_ns = g_new (double, BATCHES);
  double rec, clk;
  guint b, i;

  fl_trace_bind (trace, 0);

  /* Interleave the two measurements so that both see the same machine. */
  for (b = 0; b < BATCHES; b++)
    {
      guint64 t0, t1;

      t0 = fl_trace_now ();
      for (i = 0; i < BATCH; i++)
        fl_trace_emit (FL_EV_STATE, FL_STATE_RUNNING, FL_REASON_COMPUTE, i, 0);
      t1 = fl_trace_now ();
      record_ns[b] = (double) (t1 - t0) / BATCH;
      fl_ring_drain (ring, capacity, out, capacity);

      t0 = fl_trace_now ();
      for (i = 0; i < BATCH; i++)
        sink += fl_trace_now ();
      t1 = fl_trace_now ();
      clock_ns[b] = (double) (t1 - t0) / BATCH;
    }

  g_assert (fl_ring_get_dropped (ring) == 0);
  rec = median (record_ns, BATCHES);
  clk = median (clock_ns, BATCHES);
  printf ("trace.record_ns: %.1f\n", rec);
  printf ("trace.clock_ns: %.1f\n", clk);
  printf ("trace.ratio: %.2f\n", rec / clk);
  fl_trace_free (trace);
}

/* 64 sleeping threads and a spinning one, each a lane of a store. */
#define SAMPLER_THREADS (64 + 1)
#define SAMPLER_TICKS   200

typedef struct
{
  gint  tid;
  gint *stop;
  gboolean busy;
} SamplerBenchThread;

static const struct {
  const char *name;
  BenchFunc   func;
} benches[] = {
  { "trace", bench_trace },
};

int
main (int   argc,
      char *argv[])
{
  guint i;
  int a;

  setvbuf (stdout, NULL, _IOLBF, 0);
  for (i = 0; i < G_N_ELEMENTS (benches); i++)
    {
      gboolean wanted = argc < 2;

      for (a = 1; a < argc; a++)
        wanted |= g_str_equal (argv[a], benches[i].name);
      if (wanted)
        benches[i].func ();
    }
  for (a = 1; a < argc; a++)
    {
      gboolean known = FALSE;

      for (i = 0; i < G_N_ELEMENTS (benches); i++)
        known |= g_str_equal (argv[a], benches[i].name);
      if (!known)
        {
          fprintf (stderr, "forkline-bench: unknown benchmark “%s”\n", argv[a]);
          return 2;
        }
    }
  return 0;
}
