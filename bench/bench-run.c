/* bench-run.c — what real runs cost: starting workers, observing them
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fl-chrome-trace.h"
#include "fl-program.h"
#include "fl-run.h"
#include "fl-trace.h"
#include "forkline-bench.h"

static FlRun *
run_data (const char *data,
          FlMode      mode,
          guint       workers,
          gboolean    observed,
          double     *wall_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlScenario) scenario = fl_scenario_new_from_data (data, strlen (data), "bench.scenario", &error);
  FlRunOptions options;
  gint64 t0;
  FlRun *run;

  g_assert_no_error (error);
  fl_run_options_init (&options, scenario);
  options.mode = mode;
  options.workers = workers;
  options.gil = 0;
  options.no_trace = !observed;
  options.sample_rate_hz = observed ? 0 : -1;
  run = fl_run_new (scenario, &options, &error);
  g_assert_no_error (error);
  t0 = g_get_monotonic_time ();
  fl_run_run_sync (run, &error);
  g_assert_no_error (error);
  if (wall_ms)
    *wall_ms = (g_get_monotonic_time () - t0) / 1000.0;
  return run;
}

extern char **environ;

static gpointer
floor_thread (gpointer data)
{
  *(guint64 *) data = fl_trace_now ();
  return NULL;
}

/* The same measure for a bare GThread in this process: what creating a
 * thread and getting it onto a core costs on this machine. */
static double
thread_floor_us (void)
{
  double values[50];
  guint i;

  for (i = 0; i < G_N_ELEMENTS (values); i++)
    {
      guint64 first = 0;
      guint64 t0 = fl_trace_now ();
      GThread *thread = g_thread_new ("floor", floor_thread, &first);

      g_thread_join (thread);
      values[i] = (first - t0) / 1000.0;
    }
  return fl_bench_median (values, G_N_ELEMENTS (values));
}

/* The same measure for a static program that does nothing: what exec
 * alone costs on this machine, below which no spawn can go. */
static double
exec_floor_us (void)
{
  double values[20];
  guint i;

  for (i = 0; i < G_N_ELEMENTS (values); i++)
    {
      posix_spawn_file_actions_t actions;
      const char *argv[] = { EXEC_PROBE, NULL, NULL };
      g_autofree char *stamp = NULL;
      char buf[64] = { 0 };
      struct timespec ts;
      int fds[2];
      pid_t pid;

      g_assert (pipe (fds) == 0);
      posix_spawn_file_actions_init (&actions);
      posix_spawn_file_actions_adddup2 (&actions, fds[1], STDOUT_FILENO);
      clock_gettime (CLOCK_MONOTONIC, &ts);
      stamp = g_strdup_printf ("%lld", ts.tv_sec * 1000000000LL + ts.tv_nsec);
      argv[1] = stamp;
      g_assert (posix_spawn (&pid, EXEC_PROBE, &actions, NULL, (char **) argv, environ) == 0);
      posix_spawn_file_actions_destroy (&actions);
      close (fds[1]);
      g_assert (read (fds[0], buf, sizeof buf - 1) > 0);
      close (fds[0]);
      waitpid (pid, NULL, 0);
      values[i] = atoll (buf) / 1000.0;
    }
  return fl_bench_median (values, G_N_ELEMENTS (values));
}

/* Request to first instruction, for each way of making a worker. */
void
fl_bench_spawn (void)
{
  static const char data[] =
    "[Scenario]\nId=start\nTitle=Start\nDescription=Start.\nWorkers=20\n"
    "[Main]\nSteps=repeat workers as k { start worker=k+1; join worker=k+1 }\n"
    "[Worker idle]\nSteps=sleep 0\n";
  static const char *names[] = { "spawn.thread_us", "spawn.fork_us", "spawn.spawn_us" };
  guint mode;

  for (mode = 0; mode < FL_N_MODES; mode++)
    {
      g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
      guint round;

      /* One worker at a time, so that each start meets an idle machine. */
      for (round = 0; round < 5; round++)
        {
          g_autoptr(FlRun) run = run_data (data, mode, 20, TRUE, NULL);
          FlStore *store = fl_run_get_store (run);
          guint k;

          for (k = 1; k <= 20; k++)
            {
              const FlLaneInfo *info = fl_store_get_lane_info (store, k);
              double us = (info->start_t - info->create_t) / 1000.0;

              if (info->start_t >= 0 && info->create_t >= 0)
                g_array_append_val (latencies, us);
            }
        }
      printf ("%s: %.1f\n", names[mode],
              fl_bench_median ((double *) (gpointer) latencies->data, latencies->len));
    }
  printf ("spawn.exec_floor_us: %.1f\n", exec_floor_us ());
  printf ("spawn.thread_floor_us: %.1f\n", thread_floor_us ());
}

/* The same CPU-bound work, traced and sampled or not, alternately. */
void
fl_bench_observer (void)
{
  static const char data[] =
    "[Scenario]\nId=cpu\nTitle=CPU\nDescription=CPU.\nWorkers=2\n"
    "[Worker compute]\nSteps=compute units=600 split=true\n";
  double observed[7], bare[7];
  guint i;

  for (i = 0; i < G_N_ELEMENTS (observed); i++)
    {
      g_autoptr(FlRun) a = run_data (data, FL_MODE_THREADS, 2, TRUE, &observed[i]);
      g_autoptr(FlRun) b = run_data (data, FL_MODE_THREADS, 2, FALSE, &bare[i]);
    }
  printf ("observer.observed_ms: %.1f\n", fl_bench_median (observed, G_N_ELEMENTS (observed)));
  printf ("observer.bare_ms: %.1f\n", fl_bench_median (bare, G_N_ELEMENTS (bare)));
  printf ("observer.overhead_ratio: %.3f\n",
          fl_bench_median (observed, G_N_ELEMENTS (observed)) /
          fl_bench_median (bare, G_N_ELEMENTS (bare)));
}

/* ---- limits: what a run that prints as fast as it can costs the observer */

static const char flood_data[] =
  "[Scenario]\nId=flood\nTitle=Flood\nDescription=Prints.\nWorkers=1\n"
  "[Worker w]\nSteps=repeat 1000000000 { print \"x {i}\" }\n";

static gboolean
stop_cb (gpointer data)
{
  gint64 *stopped_at = g_object_get_data (data, "stopped-at");

  *stopped_at = g_get_monotonic_time ();
  fl_run_stop (data);
  return G_SOURCE_REMOVE;
}

static glong
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *at;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      !(at = strstr (status, "VmHWM:")))
    return -1;
  return strtol (at + strlen ("VmHWM:"), NULL, 10);
}

static glong
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *at;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      !(at = strstr (status, "VmRSS:")))
    return -1;
  return strtol (at + strlen ("VmRSS:"), NULL, 10);
}

/* The peak resident memory while the flood's trace is written: the peak
 * is set back to what is resident now (clear_refs, Linux 4.0), so that
 * the run's own peak does not hide the writer's. */
static void
bench_trace_write (FlRun *run)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;
  glong before, peak;
  gboolean reset;
  int fd;

  dir = g_dir_make_tmp ("forkline-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "flood.json", NULL);
  fd = open ("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
  reset = fd >= 0 && write (fd, "5", 1) == 1;
  if (fd >= 0)
    close (fd);
  if (!reset)
    {
      fprintf (stderr, "limits.trace_write_peak_rss_mb: not measured: "
               "/proc/self/clear_refs cannot reset the peak\n");
      return;
    }
  before = rss_kb ();
  if (!fl_chrome_trace_write (run, path, &error))
    g_error ("could not write the flood's trace: %s", error->message);
  peak = peak_rss_kb ();
  printf ("limits.trace_write_peak_rss_mb: %.0f\n", peak / 1024.0);
  printf ("limits.trace_write_extra_mb: %.0f\n", (peak - before) / 1024.0);
  if (stat (path, &st) == 0)
    printf ("limits.flood_trace_mb: %.0f\n", st.st_size / 1048576.0);
  g_unlink (path);
  g_rmdir (dir);
}

/* In a fresh process (forkline-bench --flood-child), so that its peak
 * resident memory is the run's: one worker prints as fast as it can
 * until the run's 10 s limit stops it, with the default budgets; then
 * its trace is written. */
void
fl_bench_flood_child (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlScenario) scenario = fl_scenario_new_from_data (flood_data, strlen (flood_data),
                                                              "flood.scenario", &error);
  g_autoptr(FlRun) run = NULL;
  FlStoreOverBudget over;
  FlRunOptions options;
  gint64 t0;

  g_assert_no_error (error);
  fl_run_options_init (&options, scenario);
  options.mode = FL_MODE_THREADS;
  options.max_seconds = 10;
  run = fl_run_new (scenario, &options, &error);
  g_assert_no_error (error);
  t0 = g_get_monotonic_time ();
  fl_run_run_sync (run, &error);
  g_assert_no_error (error);
  fl_store_get_over_budget (fl_run_get_store (run), &over);
  printf ("limits.flood_peak_rss_mb: %.0f\n", peak_rss_kb () / 1024.0);
  printf ("limits.flood_lines_kept: %u\n", fl_store_get_n_output (fl_run_get_store (run)));
  printf ("limits.flood_budget_reached_ms: %.0f\n", over.t >= 0 ? over.t / 1e6 : -1.0);
  printf ("limits.flood_limit_stop_ms: %.0f\n",
          (g_get_monotonic_time () - t0) / 1000.0 - options.max_seconds * 1000);
  bench_trace_write (run);
}

void
fl_bench_limits (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self, "--flood-child", NULL };
  g_autoptr(GError) error = NULL;
  double stop_ms[3];
  int status;
  guint i;

  fflush (stdout);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error))
    g_error ("could not run the flood: %s", error->message);

  /* Stop (SIGINT, the window's Stop) while a worker floods: from the
   * request to "finished", with the store at its budget. */
  for (i = 0; i < G_N_ELEMENTS (stop_ms); i++)
    {
      g_autoptr(FlScenario) scenario = fl_scenario_new_from_data (flood_data, strlen (flood_data),
                                                                  "flood.scenario", &error);
      g_autoptr(FlRun) run = NULL;
      FlRunOptions options;
      gint64 stopped_at = 0;

      g_assert_no_error (error);
      fl_run_options_init (&options, scenario);
      options.mode = FL_MODE_THREADS;
      run = fl_run_new (scenario, &options, &error);
      g_assert_no_error (error);
      g_object_set_data (G_OBJECT (run), "stopped-at", &stopped_at);
      g_timeout_add (1500, stop_cb, run);
      fl_run_run_sync (run, &error);
      g_assert_no_error (error);
      stop_ms[i] = (g_get_monotonic_time () - stopped_at) / 1000.0;
    }
  printf ("limits.stop_ms: %.0f\n", fl_bench_median (stop_ms, G_N_ELEMENTS (stop_ms)));
}

/* A CPU-bound Python program (two threads counting primes) observed —
 * probe, process-tree watch and the sampler at 100 Hz with the system
 * call classification — against the same program run plainly; wall
 * times, alternately, median of @rounds. */
static gboolean
python_round_trip (const char *limit,
                   guint       rounds,
                   double     *observed_ms,
                   double     *plain_ms,
                   double     *total_ms)
{
  const char *args[] = { "--mode=threads", limit, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(FlProgram) program = NULL;
  double observed[5], plain[5], total[5];
  guint i;

  g_assert (rounds <= G_N_ELEMENTS (observed));
  program = fl_program_new ("py-cpu-bound", args, NULL, &error);
  if (program == NULL)
    {
      printf ("# python: skipped (%s)\n", error->message);
      return FALSE;
    }
  for (i = 0; i < rounds; i++)
    {
      FlRunOptions options;
      g_autoptr(FlRun) run = NULL;
      const char *argv[] = { fl_program_get_interpreter (program), fl_program_get_path (program),
                             args[0], args[1], NULL };
      guint64 t0;
      int status;

      fl_run_options_init (&options, NULL);
      options.sample_rate_hz = 100;
      run = fl_run_new_for_program (program, &options, &error);
      t0 = fl_trace_now ();
      if (run == NULL || !fl_run_run_sync (run, &error))
        {
          printf ("# python: failed (%s)\n", error ? error->message : "?");
          return FALSE;
        }
      /* The program's wall time, as for the plain run: from just before
       * the fork to the moment its exit was reaped (the observer's own
       * set-up and its last memory sample are not the program's). */
      observed[i] = fl_store_get_lane_info (fl_run_get_store (run), 0)->join_t / 1e6;
      total[i] = (fl_trace_now () - t0) / 1e6;

      t0 = fl_trace_now ();
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                         NULL, NULL, &status, &error))
        {
          printf ("# python: failed (%s)\n", error->message);
          return FALSE;
        }
      plain[i] = (fl_trace_now () - t0) / 1e6;
    }
  *observed_ms = fl_bench_median (observed, rounds);
  *plain_ms = fl_bench_median (plain, rounds);
  *total_ms = fl_bench_median (total, rounds);
  return TRUE;
}

/* A class-sized run (about 4 s here) gives the ratio; a short one (about
 * 0.5 s) shows what the observer adds once, at the start. */
void
fl_bench_python (void)
{
  double observed, plain, total;

  if (!python_round_trip ("--limit=1000000", 3, &observed, &plain, &total))
    return;
  printf ("python.observed_ms: %.1f\n", observed);
  printf ("python.observed_with_setup_ms: %.1f\n", total);
  printf ("python.plain_ms: %.1f\n", plain);
  printf ("python.overhead_ratio: %.3f\n", observed / plain);
  if (!python_round_trip ("--limit=250000", 5, &observed, &plain, &total))
    return;
  printf ("python.short_plain_ms: %.1f\n", plain);
  printf ("python.short_overhead_ratio: %.3f\n", observed / plain);
  printf ("python.short_extra_ms: %.1f\n", observed - plain);
}
