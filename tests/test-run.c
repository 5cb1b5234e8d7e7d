/* test-run.c — real runs: threads, forked and spawned processes
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fl-catalog.h"
#include "fl-interp.h"
#include "fl-run.h"
#include "fl-test-util.h"

static FlCatalog *catalog;

static FlScenario *
preset (const char *id)
{
  FlScenario *scenario = fl_catalog_lookup (catalog, id);

  g_assert_nonnull (scenario);
  return scenario;
}

static FlRun *
run_scenario (FlScenario         *scenario,
              FlMode              mode,
              guint               workers,
              const char * const *params)
{
  FlRunOptions options;

  fl_run_options_init (&options, scenario);
  options.mode = mode;
  options.workers = workers;
  options.params = params;
  return fl_test_run_sync (scenario, &options);
}

/* Processes whose process group is @pgid, by /proc. */
static guint
count_group_members (int pgid)
{
  DIR *dir = opendir ("/proc");
  struct dirent *de;
  guint count = 0;

  while ((de = readdir (dir)))
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      const char *close_paren;
      int pgrp = 0;

      if (!g_ascii_isdigit (de->d_name[0]))
        continue;
      path = g_strdup_printf ("/proc/%s/stat", de->d_name);
      if (!g_file_get_contents (path, &contents, NULL, NULL))
        continue;
      /* pid (comm) state ppid pgrp … — comm may hold spaces */
      if ((close_paren = strrchr (contents, ')')) &&
          sscanf (close_paren + 2, "%*c %*d %d", &pgrp) == 1 && pgrp == pgid)
        count++;
    }
  closedir (dir);
  return count;
}

static guint
count_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir))
    n++;
  return n;
}

static void
assert_no_children (void)
{
  int status;

  g_assert_cmpint (waitpid (-1, &status, WNOHANG), ==, -1);
  g_assert_cmpint (errno, ==, ECHILD);
}

static void
assert_times_never_go_back (FlStore *store)
{
  guint lane;

  for (lane = 0; lane < fl_store_get_n_lanes (store); lane++)
    {
      gsize n, i;
      const FlEvent *ev = fl_store_get_events (store, lane, &n);

      for (i = 1; i < n; i++)
        {
          if (ev[i].t < ev[i - 1].t)
            g_test_message ("lane %u: event %zu (kind %u) at %" G_GINT64_FORMAT
                            " before event %zu (kind %u) at %" G_GINT64_FORMAT,
                            lane, i, ev[i].kind, ev[i].t, i - 1, ev[i - 1].kind, ev[i - 1].t);
          g_assert_cmpint (ev[i].t, >=, ev[i - 1].t);
        }
    }
}

static void
test_numbers_letters (gconstpointer data)
{
  FlMode mode = GPOINTER_TO_INT (data);
  g_autoptr(FlRun) run = run_scenario (preset ("numbers-letters"), mode, 2, NULL);
  FlStore *store = fl_run_get_store (run);
  const FlLaneInfo *main_lane = fl_store_get_lane_info (store, 0);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new ();
  g_autoptr(GPtrArray) letters = g_ptr_array_new ();
  guint i;

  for (i = 0; i < fl_store_get_n_output (store); i++)
    {
      const FlOutputLine *line = fl_store_get_output (store, i);

      if (line->lane == 1)
        g_ptr_array_add (numbers, line->text);
      else if (line->lane == 2)
        g_ptr_array_add (letters, line->text);
    }
  g_assert_cmpuint (numbers->len, ==, 5);
  g_assert_cmpuint (letters->len, ==, 5);
  for (i = 0; i < 5; i++)
    {
      g_autofree char *n = g_strdup_printf ("Number: %u", i + 1);
      g_autofree char *l = g_strdup_printf ("Letter: %c", 'a' + i);

      g_assert_cmpstr (g_ptr_array_index (numbers, i), ==, n);
      g_assert_cmpstr (g_ptr_array_index (letters, i), ==, l);
    }

  /* Side by side: five one-second steps each, not ten. */
  g_assert_cmpint (fl_store_get_end (store), <, 8 * G_TIME_SPAN_SECOND * 1000);
  g_assert_cmpint (fl_store_get_end (store), >=, 4 * G_TIME_SPAN_SECOND * 1000);

  g_assert_cmpint (main_lane->pid, ==, fl_run_get_main_pid (run));
  for (i = 1; i <= 2; i++)
    {
      const FlLaneInfo *w = fl_store_get_lane_info (store, i);

      g_assert_cmpint (w->start_t, >, w->create_t);
      g_assert_cmpint (w->create_t, >=, 0);
      g_assert_cmpint (w->exit_t, >, w->start_t);
      g_assert_cmpint (w->join_t, >=, w->exit_t);
      g_assert_cmpint (w->exit_code, ==, 0);
      g_assert_cmpint (w->signal, ==, 0);
      if (mode == FL_MODE_THREADS)
        {
          g_assert_cmpint (w->pid, ==, main_lane->pid);
          g_assert_cmpint (w->tid, !=, main_lane->tid);
          g_assert_false (w->is_process);
        }
      else
        {
          g_assert_cmpint (w->pid, !=, main_lane->pid);
          g_assert_true (w->is_process);
        }
    }
  if (mode != FL_MODE_THREADS)
    g_assert_cmpint (fl_store_get_lane_info (store, 1)->pid, !=,
                     fl_store_get_lane_info (store, 2)->pid);

  /* The main process printed after joining both. */
  g_assert_cmpstr (fl_store_get_output (store, fl_store_get_n_output (store) - 1)->text, ==,
                   "Both workers are done!");
  g_assert_cmpuint (fl_store_get_output (store, fl_store_get_n_output (store) - 1)->lane, ==, 0);
  g_assert_cmpuint (fl_store_get_dropped (store), ==, 0);
  assert_times_never_go_back (store);
  assert_no_children ();
}

static guint64
primes_below (guint64 n)
{
  g_autofree guint8 *composite = g_malloc0 (n + 1);
  guint64 count = 0, i, j;

  for (i = 2; i < n; i++)
    if (!composite[i])
      {
        count++;
        for (j = i * i; j < n; j += i)
          composite[j] = 1;
      }
  return count;
}

static void
test_cpu_bound_correct (void)
{
  const char *params[] = { "work=30", NULL };
  guint64 expected = primes_below (30 * FL_PRIMES_BLOCK);
  guint mode, workers;

  for (mode = 0; mode < FL_N_MODES; mode++)
    for (workers = 1; workers <= 3; workers++)
      {
        g_autoptr(FlRun) run = run_scenario (preset ("cpu-bound"), mode, workers, params);
        FlStore *store = fl_run_get_store (run);
        guint64 primes = 0, blocks = 0;
        guint i;

        for (i = 0; i < fl_store_get_n_results (store); i++)
          {
            const FlResult *r = fl_store_get_result (store, i);
            if (r->key == FL_RESULT_PRIMES)
              {
                primes += r->a;
                blocks += r->b;
              }
          }
        g_assert_cmpuint (primes, ==, expected);
        g_assert_cmpuint (blocks, ==, 30);
      }
  assert_no_children ();
}

/* Stops the run mid-work: once every lane has started, which a
 * sanitizer build takes longer to reach. */
static gboolean
stop_cb (gpointer data)
{
  FlRun *run = data;
  FlStore *store = fl_run_get_store (run);
  gboolean all_started = TRUE;
  guint i;

  fl_store_lock (store);
  for (i = 0; i < fl_store_get_n_lanes (store); i++)
    all_started = all_started && fl_store_get_lane_info (store, i)->start_t >= 0;
  fl_store_unlock (store);
  if (!all_started && fl_run_is_running (run))
    return G_SOURCE_CONTINUE;
  fl_run_stop (run);
  return G_SOURCE_REMOVE;
}

static void
test_stop_leaves_nothing (gconstpointer data)
{
  FlMode mode = GPOINTER_TO_INT (data);
  const char *params[] = { "work=20000", NULL };
  g_autoptr(GError) error = NULL;
  guint fds_before = count_fds ();
  FlRunOptions options;
  g_autoptr(FlRun) run = NULL;
  FlStore *store;
  int pgid;
  guint i;

  fl_run_options_init (&options, preset ("cpu-bound"));
  options.mode = mode;
  options.workers = 4;
  options.params = params;
  run = fl_run_new (preset ("cpu-bound"), &options, &error);
  g_assert_no_error (error);

  g_timeout_add (400, stop_cb, run);
  fl_run_run_sync (run, &error);
  g_assert_no_error (error);
  g_assert_true (fl_run_was_stopped (run));

  pgid = fl_run_get_main_pid (run);
  g_assert_cmpuint (count_group_members (pgid), ==, 0);
  assert_no_children ();

  store = fl_run_get_store (run);
  g_assert_cmpint (fl_store_get_lane_info (store, 0)->signal, ==, SIGKILL);
  g_assert_true (fl_store_get_lane_info (store, 0)->stopped);
  for (i = 1; i <= 4; i++)
    {
      const FlLaneInfo *w = fl_store_get_lane_info (store, i);

      g_assert_cmpint (w->signal, ==, SIGKILL);
      g_assert_true (w->stopped);
      g_assert_cmpint (fl_store_get_state_at (store, i, fl_store_get_end (store)), ==, FL_STATE_CRASHED);
    }
  g_clear_object (&run);
  g_assert_cmpuint (count_fds (), ==, fds_before);
}

static void
test_full_rings_are_counted (void)
{
  static const char data[] =
    "[Scenario]\n"
    "Id=chatty\n"
    "Title=Chatty\n"
    "Description=Prints more than a tiny ring can hold.\n"
    "Workers=1\n"
    "[Worker chatty]\n"
    "Steps=repeat 3000 { print \"line {i}\" }\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(FlScenario) scenario = fl_scenario_new_from_data (data, strlen (data), "chatty.scenario", &error);
  g_autoptr(FlRun) run = NULL;
  FlRunOptions options;
  FlStore *store;
  guint64 dropped;

  g_assert_no_error (error);
  fl_run_options_init (&options, scenario);
  options.ring_capacity = 16;
  run = fl_run_new (scenario, &options, &error);
  g_assert_no_error (error);
  fl_run_run_sync (run, &error);
  g_assert_no_error (error);

  store = fl_run_get_store (run);
  dropped = fl_store_get_dropped (store);
  g_assert_cmpuint (dropped, >, 0);
  g_assert_cmpuint (fl_store_get_lane_info (store, 1)->dropped, ==, dropped);
  /* every line is either kept or counted (2 records a line); a few other
   * records of the worker's end may be counted too */
  g_assert_cmpuint (fl_store_get_n_output (store), <, 3000);
  g_assert_cmpuint (dropped, >=, 2 * (3000 - fl_store_get_n_output (store)));
  g_assert_cmpuint (dropped, <=, 2 * (3000 - fl_store_get_n_output (store)) + 8);
}

static void
test_bad_options (void)
{
  const char *unknown[] = { "nope=1", NULL };
  const char *malformed[] = { "work", NULL };
  const char *out_of_range[] = { "work=0", NULL };
  FlScenario *scenario = preset ("cpu-bound");
  FlRunOptions options;
  GError *error = NULL;

  fl_run_options_init (&options, scenario);
  options.workers = 257;
  g_assert_null (fl_run_new (scenario, &options, &error));
  g_assert_error (error, FL_RUN_ERROR, FL_RUN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "257"));
  g_clear_error (&error);

  fl_run_options_init (&options, scenario);
  options.params = unknown;
  g_assert_null (fl_run_new (scenario, &options, &error));
  g_assert_nonnull (strstr (error->message, "nope"));
  g_clear_error (&error);

  options.params = malformed;
  g_assert_null (fl_run_new (scenario, &options, &error));
  g_assert_nonnull (strstr (error->message, "work"));
  g_clear_error (&error);

  options.params = out_of_range;
  g_assert_null (fl_run_new (scenario, &options, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
}

static void
test_runner_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlRun) run = NULL;
  FlRunOptions options;

  fl_run_options_init (&options, preset ("numbers-letters"));
  options.runner_path = "/nonexistent/forkline-runner";
  run = fl_run_new (preset ("numbers-letters"), &options, &error);
  g_assert_no_error (error);
  g_assert_false (fl_run_start (run, &error));
  g_assert_error (error, FL_RUN_ERROR, FL_RUN_ERROR_RUNNER);
  assert_no_children ();
}

typedef struct
{
  FlRun  *run;
  gint64  killed_t;   /* store time of the kill; -1 until done */
} KillWorker;

static void
kill_worker_on_output (FlRun    *run,
                       guint     index,
                       gpointer  data)
{
  KillWorker *kw = data;
  FlStore *store = fl_run_get_store (run);
  const FlOutputLine *line;
  int pid;

  fl_store_lock (store);
  line = fl_store_get_output (store, index);
  pid = line->lane == 2 ? fl_store_get_lane_info (store, 2)->pid : 0;
  fl_store_unlock (store);
  if (pid > 0 && kw->killed_t < 0)
    {
      kw->killed_t = (gint64) fl_trace_now () - fl_store_get_t0 (store);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
    }
}

/* A worker process killed from outside (SIGKILL: it cannot record it) is
 * ended where it died, not when its parent got round to waiting for it:
 * here the main process waits for the other worker first, 3 s long. */
static void
test_killed_worker (gconstpointer data)
{
  const char *text =
    "[Scenario]\nId=killed\nTitle=Killed\nDescription=A test.\nModes=fork;spawn\nWorkers=2\nMinWorkers=2\n"
    "[Main]\nSteps=start; join worker=1; join worker=2\n"
    "[Worker w]\nSteps=print \"ready\"; sleep 3\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(FlScenario) scenario = fl_scenario_new_from_data (text, strlen (text), "killed.scenario", &error);
  g_autoptr(FlRun) run = NULL;
  KillWorker kw = { NULL, -1 };
  FlRunOptions options;
  const FlLaneInfo *info;
  gint64 durations[FL_N_STATES];
  FlStore *store;

  g_assert_no_error (error);
  fl_run_options_init (&options, scenario);
  options.mode = GPOINTER_TO_INT (data);
  run = fl_run_new (scenario, &options, &error);
  g_assert_no_error (error);
  g_signal_connect (run, "output", G_CALLBACK (kill_worker_on_output), &kw);
  fl_run_run_sync (run, &error);
  g_assert_no_error (error);

  store = fl_run_get_store (run);
  info = fl_store_get_lane_info (store, 2);
  g_assert_cmpint (kw.killed_t, >=, 0);
  g_test_message ("killed at %.3f s, ended at %.3f s, joined at %.3f s",
                  kw.killed_t / 1e9, info->end_t / 1e9, info->join_t / 1e9);
  g_assert_cmpint (info->signal, ==, SIGKILL);
  g_assert_cmpint (info->end_t, >=, kw.killed_t);
  /* Within the sampler's 10 ms on an idle machine; the join is ~3 s later. */
  g_assert_cmpint (info->end_t - kw.killed_t, <, G_GINT64_CONSTANT (1000000000));
  g_assert_cmpint (fl_store_get_state_at (store, 2, kw.killed_t + G_GINT64_CONSTANT (1500000000)),
                   ==, FL_STATE_CRASHED);
  fl_store_get_state_durations (store, 2, fl_store_get_end (store), durations);
  g_assert_cmpint (durations[FL_STATE_SLEEPING], <, G_GINT64_CONSTANT (1500000000));
  assert_times_never_go_back (store);
  assert_no_children ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  catalog = fl_catalog_new ();
  fl_catalog_load (catalog);

  g_test_add_data_func ("/engine/run/numbers-letters/threads", GINT_TO_POINTER (FL_MODE_THREADS), test_numbers_letters);
  g_test_add_data_func ("/engine/run/numbers-letters/fork", GINT_TO_POINTER (FL_MODE_FORK), test_numbers_letters);
  g_test_add_data_func ("/engine/run/numbers-letters/spawn", GINT_TO_POINTER (FL_MODE_SPAWN), test_numbers_letters);
  g_test_add_func ("/engine/run/cpu-bound/correct", test_cpu_bound_correct);
  g_test_add_data_func ("/engine/run/stop/threads", GINT_TO_POINTER (FL_MODE_THREADS), test_stop_leaves_nothing);
  g_test_add_data_func ("/engine/run/stop/fork", GINT_TO_POINTER (FL_MODE_FORK), test_stop_leaves_nothing);
  g_test_add_data_func ("/engine/run/stop/spawn", GINT_TO_POINTER (FL_MODE_SPAWN), test_stop_leaves_nothing);
  g_test_add_func ("/engine/run/full-rings-are-counted", test_full_rings_are_counted);
  g_test_add_func ("/engine/run/bad-options", test_bad_options);
  g_test_add_func ("/engine/run/runner-missing", test_runner_missing);
  g_test_add_data_func ("/engine/run/killed-worker/fork", GINT_TO_POINTER (FL_MODE_FORK), test_killed_worker);
  g_test_add_data_func ("/engine/run/killed-worker/spawn", GINT_TO_POINTER (FL_MODE_SPAWN), test_killed_worker);

  ret = g_test_run ();
  g_object_unref (catalog);
  return ret;
}
