/* forkline-bench.c — Forkline's measured figures, one "key: value" line each
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   forkline-bench            every benchmark
 *   forkline-bench trace …    only the named groups
 *   (forkline-bench --flood-child is the limits group's own run)
 */

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fl-export.h"
#include "fl-sampler.h"
#include "fl-scenario.h"
#include "fl-trace.h"
#include "forkline-bench.h"

typedef void (*BenchFunc) (void);

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
fl_bench_median (double *values,
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
  rec = fl_bench_median (record_ns, BATCHES);
  clk = fl_bench_median (clock_ns, BATCHES);
  printf ("trace.record_ns: %.1f\n", rec);
  printf ("trace.clock_ns: %.1f\n", clk);
  printf ("trace.ratio: %.2f\n", rec / clk);
  fl_trace_free (trace);
}

/* The cost of a tick: 64 sleeping threads and a spinning one, each a
 * lane of a store, as in a run with 64 workers. */
#define SAMPLER_THREADS (64 + 1)
#define SAMPLER_TICKS   200

typedef struct
{
  gint      tid;
  gint     *stop;
  gboolean  busy;
} SamplerBenchThread;

static guint64
thread_cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (guint64) ts.tv_sec * G_GUINT64_CONSTANT (1000000000) + (guint64) ts.tv_nsec;
}

static gpointer
sampler_bench_thread (gpointer data)
{
  SamplerBenchThread *t = data;

  g_atomic_int_set (&t->tid, gettid ());
  while (!g_atomic_int_get (t->stop))
    {
      if (t->busy)
        sink++;
      else
        g_usleep (50000);  /* a worker in sleep or io steps: preset waits are 100 ms and more */
    }
  return NULL;
}

/* What one pread of a thread's /proc schedstat costs on this machine, the
 * least a tick must read per sampled thread: the floor of a tick. */
static double
proc_read_floor_us (void)
{
  g_autofree char *path = g_strdup_printf ("/proc/self/task/%d/schedstat", (int) gettid ());
  double values[15];
  char buf[128];
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  guint i, k;

  if (fd < 0)
    return 0;
  for (i = 0; i < G_N_ELEMENTS (values); i++)
    {
      guint64 t0 = thread_cpu_ns ();

      for (k = 0; k < 200; k++)
        if (pread (fd, buf, sizeof buf, 0) <= 0)
          break;
      values[i] = (thread_cpu_ns () - t0) / 1000.0 / 200;
    }
  close (fd);
  return fl_bench_median (values, G_N_ELEMENTS (values));
}

static void
bench_sampler (void)
{
  g_autoptr(FlStore) store = fl_store_new ((gint64) fl_trace_now ());
  SamplerBenchThread threads[SAMPLER_THREADS];
  GThread *handles[SAMPLER_THREADS];
  g_autofree double *tick_us = g_new (double, SAMPLER_TICKS);
  g_autofree double *plain_us = g_new (double, SAMPLER_TICKS);
  double memory_us[9];
  FlSampler *sampler;
  gint stop = 0;
  guint i;

  for (i = 0; i < SAMPLER_THREADS + 1; i++)
    {
      guint lane = fl_store_add_lane (store, i ? FL_LANE_WORKER : FL_LANE_MAIN, i == 0, "bench", NULL);
      FlLaneInfo *info;
      int tid = gettid ();

      if (i > 0)
        {
          SamplerBenchThread *t = &threads[i - 1];

          *t = (SamplerBenchThread) { 0, &stop, i == SAMPLER_THREADS };
          handles[i - 1] = g_thread_new ("bench-sampled", sampler_bench_thread, t);
          while ((tid = g_atomic_int_get (&t->tid)) == 0)
            g_usleep (100);
        }
      fl_store_lock (store);
      info = fl_store_get_lane_info_mut (store, lane);
      info->pid = getpid ();
      info->tid = tid;
      info->start_t = 0;
      fl_store_unlock (store);
    }

  /* Without, then with the system call classification of observed
   * programs (what a Python program's run does). */
  sampler = fl_sampler_new (store, FL_SAMPLER_DEFAULT_HZ, FL_SAMPLER_MEMORY_HZ);
  fl_sampler_tick (sampler, FALSE);    /* opens the files */
  for (i = 0; i < SAMPLER_TICKS; i++)
    {
      guint64 t0 = thread_cpu_ns ();

      fl_sampler_tick (sampler, FALSE);
      plain_us[i] = (thread_cpu_ns () - t0) / 1000.0;
      g_usleep (G_USEC_PER_SEC / FL_SAMPLER_DEFAULT_HZ);
    }
  fl_sampler_set_classify (sampler, TRUE);
  fl_sampler_tick (sampler, FALSE);    /* opens the syscall files */

  for (i = 0; i < SAMPLER_TICKS; i++)
    {
      /* Its cost is the CPU it takes, not the time a busy machine makes it wait. */
      guint64 t0 = thread_cpu_ns ();

      fl_sampler_tick (sampler, FALSE);
      tick_us[i] = (thread_cpu_ns () - t0) / 1000.0;
      /* The real period: the caches cool between ticks, and that costs
       * a fifth more than ticking back to back. */
      g_usleep (G_USEC_PER_SEC / FL_SAMPLER_DEFAULT_HZ);
    }
  for (i = 0; i < G_N_ELEMENTS (memory_us); i++)
    {
      guint64 t0 = fl_trace_now ();

      fl_sampler_tick (sampler, TRUE);
      memory_us[i] = (fl_trace_now () - t0) / 1000.0;
    }

  g_atomic_int_set (&stop, 1);
  for (i = 0; i < SAMPLER_THREADS; i++)
    g_thread_join (handles[i]);
  fl_sampler_free (sampler);

  printf ("sampler.tick_us_64: %.1f\n", fl_bench_median (tick_us, SAMPLER_TICKS));
  printf ("sampler.tick_us_64_unclassified: %.1f\n", fl_bench_median (plain_us, SAMPLER_TICKS));
  printf ("sampler.floor_us_64: %.1f\n", proc_read_floor_us () * SAMPLER_THREADS);
  printf ("sampler.memory_tick_us: %.1f\n", fl_bench_median (memory_us, G_N_ELEMENTS (memory_us)));
}

/* A 3840 × 2160 PNG of a run of 1,000,000 events: 64 threads switching
 * between running, runnable, lock and sleeping every 5 to 200 µs.  The
 * whole export: model, layout, scene, cairo, PNG encoding, temp file and
 * rename. */
#define EXPORT_LANES  64
#define EXPORT_EVENTS 1000000
#define EXPORT_RUNS   3

static guint64
process_cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (guint64) ts.tv_sec * G_GUINT64_CONSTANT (1000000000) + (guint64) ts.tv_nsec;
}

static FlStore *
export_store (void)
{
  static const FlState states[] = { FL_STATE_RUNNING, FL_STATE_RUNNABLE, FL_STATE_LOCK, FL_STATE_SLEEPING };
  const gint64 t0 = G_GINT64_CONSTANT (1000000000000);
  FlStore *store = fl_store_new (t0);
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);
  g_autoptr(GArray) records = g_array_new (FALSE, TRUE, sizeof (FlRecord));
  guint per_lane = EXPORT_EVENTS / EXPORT_LANES, lane, i;
  gint64 end = 0;

  for (lane = 0; lane < EXPORT_LANES; lane++)
    {
      FlRecord r = { 0 };
      gint64 t = 100000;

      fl_store_add_lane (store, lane ? FL_LANE_WORKER : FL_LANE_MAIN, lane == 0, lane ? "worker" : "main", NULL);
      g_array_set_size (records, 0);
      r.lane = (guint16) lane;
      r.ts = (guint64) (t0 + t);
      r.kind = lane ? FL_EV_WORKER_START : FL_EV_RUN_START;
      r.a = 1000;
      r.b = 1000 + lane;
      g_array_append_val (records, r);
      for (i = 1; i + 1 < per_lane; i++)
        {
          t += g_rand_int_range (rand, 5000, 200000);
          r.ts = (guint64) (t0 + t);
          r.kind = FL_EV_STATE;
          r.arg8 = states[g_rand_int_range (rand, 0, G_N_ELEMENTS (states))];
          r.a = 0;
          r.b = 0;
          g_array_append_val (records, r);
        }
      r.ts = (guint64) (t0 + t + 1000);
      r.kind = FL_EV_EXIT;
      r.arg8 = 0;
      g_array_append_val (records, r);
      fl_store_ingest (store, lane, (const FlRecord *) records->data, records->len);
      end = MAX (end, t + 1000);
    }
  fl_store_set_end (store, end);
  return store;
}

static void
bench_export (void)
{
  g_autoptr(FlStore) store = export_store ();
  g_autofree char *dir = g_dir_make_tmp ("forkline-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "timeline.png", NULL);
  double ms[EXPORT_RUNS], wall_ms[EXPORT_RUNS];
  FlExportOptions options;
  guint i;

  fl_export_options_init (&options);
  options.view = FL_EXPORT_VIEW_TIMELINE;
  options.width = 3840;
  options.height = 2160;
  for (i = 0; i < EXPORT_RUNS; i++)
    {
      g_autoptr(FlScene) scene = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      guint64 cpu_start = process_cpu_ns ();

      scene = fl_export_build_store_scene (store, &options, &error);
      if (scene == NULL || !fl_export_write_scene (scene, &options, path, &error))
        g_error ("export failed: %s", error->message);
      ms[i] = (process_cpu_ns () - cpu_start) / 1e6;
      wall_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  g_unlink (path);
  g_rmdir (dir);
  /* Its cost is the CPU it takes (one thread); the wall time, which a
   * busy machine stretches, is printed beside it. */
  printf ("export.png4k_ms: %.0f\n", fl_bench_median (ms, EXPORT_RUNS));
  printf ("export.png4k_wall_ms: %.0f\n", fl_bench_median (wall_ms, EXPORT_RUNS));
}

#define PARSE_RUNS 5

/* A scenario whose worker program is @n steps, as a user's file might be. */
static char *
scenario_of_steps (guint n)
{
  GString *text = g_string_new ("[Scenario]\nId=bench\nTitle=Bench\nDescription=Many steps.\n\n"
                                "[Worker w]\nSteps=");

  for (guint i = 0; i < n; i++)
    g_string_append (text, i % 3 == 0 ? "sleep 0; " : i % 3 == 1 ? "print \"{worker}\"; " : "compute 0; ");
  g_string_append_c (text, '\n');
  return g_string_free (text, FALSE);
}

static double
parse_ms (const char *text)
{
  double ms[PARSE_RUNS];

  for (guint i = 0; i < PARSE_RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FlScenario) scenario = NULL;
      gint64 start = g_get_monotonic_time ();

      scenario = fl_scenario_new_from_data (text, strlen (text), "bench.scenario", &error);
      if (scenario == NULL)
        g_error ("parse failed: %s", error->message);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  return fl_bench_median (ms, PARSE_RUNS);
}

/* Reading a scenario file: linear in its steps (it was quadratic: 45 s
 * for 100,000 steps).  The ratio says so whatever the machine: ~10. */
static void
bench_scenario (void)
{
  g_autofree char *small = scenario_of_steps (10000);
  g_autofree char *large = scenario_of_steps (100000);
  double small_ms = parse_ms (small);
  double large_ms = parse_ms (large);

  printf ("scenario.parse_ms_10k: %.1f\n", small_ms);
  printf ("scenario.parse_ms_100k: %.1f\n", large_ms);
  printf ("scenario.parse_ratio_100k_10k: %.1f\n", large_ms / MAX (small_ms, 0.001));
  printf ("scenario.bytes_100k: %zu\n", strlen (large));
}

static const struct {
  const char *name;
  BenchFunc   func;
} benches[] = {
  { "scenario", bench_scenario },
  { "trace", bench_trace },
  { "sampler", bench_sampler },
  { "spawn", fl_bench_spawn },
  { "observer", fl_bench_observer },
  { "python", fl_bench_python },
  { "ingest", fl_bench_ingest },
  { "frame", fl_bench_frame },
  { "export", bench_export },
  { "limits", fl_bench_limits },
};

int
main (int   argc,
      char *argv[])
{
  guint i;
  int a;

  setvbuf (stdout, NULL, _IOLBF, 0);
  if (argc == 2 && g_str_equal (argv[1], "--flood-child"))
    {
      fl_bench_flood_child ();
      return 0;
    }
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
