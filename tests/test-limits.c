/* test-limits.c — what protects the machine from a scenario
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Worker count, memory a run may reserve, output line length, ring
 * overflow, the length of a run, and how many workers a scenario can
 * start: each limit refused or enforced with a message that says so.
 */

#define G_LOG_DOMAIN "test-limits"

#include "config.h"

#include <string.h>

#include "fl-run.h"
#include "fl-summary.h"
#include "fl-trace.h"

static FlScenario *
scenario_from_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  FlScenario *scenario = fl_scenario_new_from_data (text, strlen (text), "limits.scenario", &error);

  g_assert_no_error (error);
  return scenario;
}

static FlRun *
run_text (const char         *text,
          FlMode              mode,
          guint               workers,
          const char * const *params,
          double              max_seconds,
          guint               ring_capacity)
{
  g_autoptr(FlScenario) scenario = scenario_from_text (text);
  g_autoptr(GError) error = NULL;
  FlRunOptions options;
  FlRun *run;

  fl_run_options_init (&options, scenario);
  options.mode = mode;
  options.workers = workers;
  options.params = params;
  options.max_seconds = max_seconds;
  options.ring_capacity = ring_capacity;
  run = fl_run_new (scenario, &options, &error);
  g_assert_no_error (error);
  fl_run_run_sync (run, &error);
  g_assert_no_error (error);
  g_assert_true (fl_run_is_finished (run));
  return run;
}

/* Every output line of the run, joined. */
static char *
all_output (FlRun *run)
{
  FlStore *store = fl_run_get_store (run);
  GString *out = g_string_new (NULL);
  guint i;

  for (i = 0; i < fl_store_get_n_output (store); i++)
    {
      g_string_append (out, fl_store_get_output (store, i)->text);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

#define HEADER(workers, max_workers) \
  "[Scenario]\nId=limits\nTitle=Limits\nDescription=A test.\n" \
  "Modes=threads;fork;spawn\nWorkers=" workers "\nMaxWorkers=" max_workers "\n"

static void
test_workers (void)
{
  g_autoptr(FlScenario) scenario =
    scenario_from_text (HEADER ("2", "256") "[Worker w]\nSteps=sleep 0\n");
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(FlScenario) too_many = NULL;
  const char *bad = HEADER ("2", "257") "[Worker w]\nSteps=sleep 0\n";
  guint counts[] = { 257, 1000, G_MAXUINT };
  guint i;

  /* A scenario cannot allow more than 256 … */
  too_many = fl_scenario_check (bad, strlen (bad), "limits.scenario", errors);
  g_assert_null (too_many);
  g_assert_cmpuint (errors->len, >, 0);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (errors, 0))->message, "MaxWorkers"));

  /* … nor a run ask for more. */
  for (i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FlRun) run = NULL;
      FlRunOptions options;

      fl_run_options_init (&options, scenario);
      options.workers = counts[i];
      run = fl_run_new (scenario, &options, &error);
      g_assert_null (run);
      g_assert_error (error, FL_RUN_ERROR, FL_RUN_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "1 to 256"));
    }
}

/* A scenario starts at most its workers, whatever its main program says. */
static void
test_no_unbounded_fork (void)
{
  const char *text = HEADER ("2", "4") "MinWorkers=2\n"
    "[Main]\nSteps=repeat 50 { start }; start worker=1; start worker=2; join\n"
    "[Worker w]\nSteps=print \"hello\"\n";
  /* A number computed from a parameter set for this run: the run
   * refuses it (a constant, or one wrong with the default settings, is
   * refused by the checker already, see below). */
  const char *beyond = HEADER ("2", "4")
    "[Param extra]\nType=int\nDefault=0\nMin=0\nMax=9\nLabel=Extra\n"
    "[Main]\nSteps=start; start worker=workers+$extra; join\n"
    "[Worker w]\nSteps=sleep 0\n";
  const char *from_worker = HEADER ("2", "4") "[Worker w]\nSteps=start\n";
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(FlScenario) bad = NULL;
  FlMode modes[] = { FL_MODE_FORK, FL_MODE_SPAWN };
  guint m;

  for (m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(FlRun) run = run_text (text, modes[m], 2, NULL, 0, 0);
      const char * const extra[] = { "extra=1", NULL };
      g_autoptr(FlRun) run2 = run_text (beyond, modes[m], 2, extra, 0, 0);
      g_autofree char *output = all_output (run);
      g_autofree char *output2 = all_output (run2);
      FlStore *store = fl_run_get_store (run);
      guint hellos = 0, i;

      for (i = 0; i < fl_store_get_n_output (store); i++)
        hellos += g_str_equal (fl_store_get_output (store, i)->text, "hello");
      g_assert_cmpuint (hellos, ==, 2);
      g_assert_cmpuint (fl_store_get_n_lanes (store), ==, 3);  /* main and 2 workers */
      g_assert_nonnull (strstr (output2, "there is no worker 3"));
    }

  /* Only the main program starts workers. */
  bad = fl_scenario_check (from_worker, strlen (from_worker), "limits.scenario", errors);
  g_assert_null (bad);
  g_assert_cmpuint (errors->len, >, 0);

  /* A constant beyond the workers of the smallest run: refused when read. */
  {
    const char *constant = HEADER ("2", "4") "[Main]\nSteps=start; start worker=3; join\n"
                           "[Worker w]\nSteps=sleep 0\n";
    g_autoptr(GPtrArray) constant_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
    g_autoptr(FlScenario) refused = fl_scenario_check (constant, strlen (constant), "limits.scenario",
                                                       constant_errors);

    g_assert_null (refused);
    g_assert_cmpuint (constant_errors->len, ==, 1);
    g_assert_nonnull (strstr (((GError *) g_ptr_array_index (constant_errors, 0))->message,
                              "there is no worker 3"));
  }
}

static gint64
mem_available_mb (void)
{
  g_autofree char *contents = NULL;
  const char *at;

  g_assert_true (g_file_get_contents ("/proc/meminfo", &contents, NULL, NULL));
  at = strstr (contents, "MemAvailable:");
  g_assert_nonnull (at);
  return g_ascii_strtoll (at + strlen ("MemAvailable:"), NULL, 10) / 1024;
}

/* Two workers each reserve 30 % of the memory available: together they
 * would pass half, so the second is refused — in every mode, since the
 * budget is the run's, not a process's. */
static void
test_memory (void)
{
  const char *text = HEADER ("2", "4") "MinWorkers=2\n"
    "[Param mb]\nType=double\nDefault=1\nMin=1\nMax=65536\nLabel=MB\n"
    "[Main]\nSteps=start worker=1; join worker=1; start worker=2; join worker=2\n"
    "[Worker w]\nSteps=alloc mb=$mb; print \"reserved\"\n";
  gint64 available = mem_available_mb ();
  g_autofree char *param = NULL;
  FlMode modes[] = { FL_MODE_THREADS, FL_MODE_FORK, FL_MODE_SPAWN };
  guint m;

  if (available * 3 / 10 > 65536)
    {
      g_test_skip ("more than 218 GB available: alloc's own 64 GB cap comes first");
      return;
    }
  param = g_strdup_printf ("mb=%" G_GINT64_FORMAT, MAX (available * 3 / 10, 1));

  for (m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      const char *params[] = { param, NULL };
      g_autoptr(FlRun) run = run_text (text, modes[m], 2, params, 0, 0);
      g_autofree char *output = all_output (run);

      g_test_message ("%s: %s", fl_mode_to_string (modes[m]), output);
      g_assert_nonnull (strstr (output, "reserved\n"));
      g_assert_nonnull (strstr (output, "alloc: refused"));
      g_assert_nonnull (strstr (output, "more than half of the memory available"));
      g_assert_nonnull (strstr (output, "limits.scenario:"));
    }
}

static void
test_line_length (void)
{
  g_autoptr(GString) text = g_string_new (HEADER ("1", "1") "[Worker w]\nSteps=print \"");
  g_autoptr(FlRun) run = NULL;
  const FlOutputLine *line;
  guint i;

  for (i = 0; i < 5000; i++)
    g_string_append (text, i % 2 ? "é" : "x");   /* 7500 bytes, two-byte characters between */
  g_string_append (text, "\"\n");
  run = run_text (text->str, FL_MODE_THREADS, 1, NULL, 0, 0);

  g_assert_cmpuint (fl_store_get_n_output (fl_run_get_store (run)), ==, 1);
  line = fl_store_get_output (fl_run_get_store (run), 0);
  g_assert_true (line->truncated);
  g_assert_cmpuint (strlen (line->text), <=, FL_TEXT_MAX);
  g_assert_cmpuint (strlen (line->text), >=, FL_TEXT_MAX - 1);
  g_assert_true (g_utf8_validate (line->text, -1, NULL));
}

/* A ring too small for what a worker records: the overflow is counted
 * and the summary says so. */
static void
test_ring_overflow (void)
{
  const char *text = HEADER ("1", "1")
    "[Worker w]\nSteps=repeat 5000 { print \"line {i}\" }\n";
  g_autoptr(FlRun) run = run_text (text, FL_MODE_THREADS, 1, NULL, 0, 64);
  g_autofree char *summary = fl_summary_format_text (run);
  FlStore *store = fl_run_get_store (run);
  guint64 dropped = fl_store_get_dropped (store);

  g_test_message ("%" G_GUINT64_FORMAT " dropped, %u lines kept", dropped, fl_store_get_n_output (store));
  g_assert_cmpuint (dropped, >, 0);
  g_assert_cmpuint (fl_store_get_n_output (store) + dropped, >=, 5000);
  g_assert_nonnull (strstr (summary, "dropped event"));
}

/* A run past its length cap is stopped like a user stop, and says why. */
static void
test_run_length (void)
{
  const char *text = HEADER ("2", "2")
    "[Worker w]\nSteps=sleep 60\n";
  FlMode modes[] = { FL_MODE_THREADS, FL_MODE_FORK, FL_MODE_SPAWN };
  guint m;

  for (m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(FlRun) run = run_text (text, modes[m], 2, NULL, 0.5, 0);
      g_autofree char *verdict = fl_summary_verdict (run);
      double took = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;

      g_assert_cmpfloat (took, <, 30);
      g_assert_true (fl_run_was_stopped (run));
      g_assert_true (fl_run_hit_time_limit (run));
      g_assert_cmpfloat (fl_run_get_max_seconds (run), ==, 0.5);
      g_assert_nonnull (strstr (verdict, "length limit"));
    }

  /* The default cap, and none at all. */
  {
    g_autoptr(FlScenario) scenario = scenario_from_text (text);
    g_autoptr(FlRun) run = NULL;
    g_autoptr(FlRun) uncapped = NULL;
    g_autoptr(GError) error = NULL;
    FlRunOptions options;

    fl_run_options_init (&options, scenario);
    run = fl_run_new (scenario, &options, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (fl_run_get_max_seconds (run), ==, FL_RUN_DEFAULT_MAX_SECONDS);
    options.max_seconds = -1;
    uncapped = fl_run_new (scenario, &options, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (fl_run_get_max_seconds (uncapped), ==, 0);
    options.max_seconds = FL_RUN_MAX_SECONDS_LIMIT * 2;
    g_assert_null (fl_run_new (scenario, &options, &error));
    g_assert_error (error, FL_RUN_ERROR, FL_RUN_ERROR_INVALID);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/limits/workers", test_workers);
  g_test_add_func ("/limits/no-unbounded-fork", test_no_unbounded_fork);
  g_test_add_func ("/limits/memory", test_memory);
  g_test_add_func ("/limits/line-length", test_line_length);
  g_test_add_func ("/limits/ring-overflow", test_ring_overflow);
  g_test_add_func ("/limits/run-length", test_run_length);
  return g_test_run ();
}
