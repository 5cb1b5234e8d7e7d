/* test-limits.c — what protects the machine from a scenario
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Worker count, memory a run may reserve (its cgroup's included), output
 * line length, ring overflow, the length of a run, how many workers a
 * scenario can start, the run's recording budgets, a channel nobody
 * reads, Stop during a flood, and forkline itself under ulimit -u and
 * ulimit -v: each limit refused or enforced with a message that says so.
 */

#define G_LOG_DOMAIN "test-limits"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "fl-interp.h"
#include "fl-run.h"
#include "fl-summary.h"
#include "fl-trace.h"
#include "fl-test-util.h"

static FlScenario *
scenario_from_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  FlScenario *scenario = fl_scenario_new_from_data (text, strlen (text), "limits.scenario", &error);

  g_assert_no_error (error);
  return scenario;
}

static FlRun *
run_text_with (const char         *text,
               FlRunOptions       *options_in)
{
  g_autoptr(FlScenario) scenario = scenario_from_text (text);
  g_autoptr(GError) error = NULL;
  FlRunOptions options = *options_in;
  FlRun *run;

  run = fl_run_new (scenario, &options, &error);
  g_assert_no_error (error);
  fl_run_run_sync (run, &error);
  g_assert_no_error (error);
  g_assert_true (fl_run_is_finished (run));
  return run;
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
  FlRunOptions options;

  fl_run_options_init (&options, scenario);
  options.mode = mode;
  options.workers = workers;
  options.params = params;
  options.max_seconds = max_seconds;
  options.ring_capacity = ring_capacity;
  return fl_test_run_sync (scenario, &options);
}


/* The sanitizers reserve terabytes of address space and make threads of
 * their own (LeakSanitizer's at exit, ThreadSanitizer's at start): under
 * them, an address-space limit or a process limit tests the sanitizer,
 * not Forkline.  The normal build runs those cases. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define UNDER_SANITIZER 1
#else
#define UNDER_SANITIZER 0
#endif

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

/* ---- the run's budget --------------------------------------------------- */

static void
init_options (FlRunOptions *options,
              FlMode        mode,
              guint         workers)
{
  fl_run_options_init (options, NULL);
  options->mode = mode;
  options->workers = workers;
}

/* A run that prints more lines than its budget: the budget's worth is
 * kept, the rest counted, and the summaries and the verdict say so. */
static void
test_budget_output (void)
{
  const char *text = HEADER ("1", "1")
    "[Worker w]\nSteps=repeat 20000 { print \"line {i}\" }\n";
  g_autoptr(FlRun) run = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *verdict = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *budget;
  FlStoreOverBudget over;
  FlRunOptions options;
  FlStore *store;

  init_options (&options, FL_MODE_THREADS, 1);
  options.max_output_lines = 1000;
  options.ring_capacity = 65536;   /* every line reaches the store: only the budget drops */
  run = run_text_with (text, &options);
  store = fl_run_get_store (run);
  fl_store_get_over_budget (store, &over);
  summary = fl_summary_format_text (run);
  verdict = fl_summary_verdict (run);
  json = fl_summary_build (run);
  g_assert_true (json_object_has_member (json_node_get_object (json), "budget"));
  budget = json_object_get_object_member (json_node_get_object (json), "budget");

  g_test_message ("%u lines kept, %" G_GUINT64_FORMAT " not kept, %" G_GUINT64_FORMAT " dropped by the ring",
                  fl_store_get_n_output (store), over.output_lines, fl_store_get_dropped (store));
  g_assert_cmpuint (fl_store_get_n_output (store), ==, 1000);
  g_assert_cmpuint (fl_store_get_n_output (store) + over.output_lines + fl_store_get_dropped (store), >=, 20000);
  g_assert_cmpuint (over.output_lines, >, 0);
  g_assert_cmpint (over.t, >=, 0);
  g_assert_nonnull (strstr (summary, "Recording budget reached"));
  g_assert_nonnull (strstr (verdict, "recording budget"));
  g_assert_cmpint (json_object_get_int_member (budget, "output_lines"), ==, 1000);
  g_assert_cmpint (json_object_get_int_member (budget, "output_lines_not_kept"), ==, (gint64) over.output_lines);
  g_assert_cmpint (json_object_get_int_member (budget, "reached_ms"), >=, 0);
  /* The worker's end is still there: it is not drawn running forever. */
  g_assert_cmpint (fl_store_get_lane_info (store, 1)->exit_t, >=, 0);
  g_assert_cmpint (fl_store_get_state_at (store, 1, fl_store_get_end (store)), ==, FL_STATE_EXITED);
}

/* Events and results: a loop of `get` (a result each) and `compute
 * units=0` (a state and a result each). */
static void
test_budget_events (void)
{
  const char *text = HEADER ("1", "1")
    "[Worker w]\nSteps=repeat 20000 { get; compute units=0 }\n";
  g_autoptr(FlRun) run = NULL;
  FlStoreOverBudget over;
  FlRunOptions options;
  FlStore *store;
  gsize n_events;
  const FlEvent *events;

  init_options (&options, FL_MODE_FORK, 1);
  options.max_events = 5000;
  options.ring_capacity = 262144;
  run = run_text_with (text, &options);
  store = fl_run_get_store (run);
  fl_store_get_over_budget (store, &over);

  /* A lane's start, exit and join are kept beyond the budget: a few. */
  g_assert_cmpuint (fl_store_get_n_events (store) + fl_store_get_n_results (store), <=, 5000 + 16);
  g_assert_cmpuint (over.events, >, 0);
  events = fl_store_get_events (store, 1, &n_events);
  g_assert_cmpuint (n_events, >, 0);
  g_assert_cmpint (events[n_events - 1].kind, ==, FL_EV_EXIT);
  g_assert_cmpint (fl_store_get_lane_info (store, 1)->exit_t, >=, 0);
}

/* Messages: the budget's worth is kept, each one's send and receive. */
static void
test_budget_messages (void)
{
  const char *text = HEADER ("2", "2")
    "[Main]\nSteps=start; join\n"
    "[Worker a]\nSteps=repeat 3000 { send bytes=8 }\n"
    "[Worker b]\nSteps=repeat 3000 { receive }\n";
  g_autoptr(FlRun) run = NULL;
  FlStoreOverBudget over;
  FlRunOptions options;
  FlStore *store;

  init_options (&options, FL_MODE_THREADS, 2);
  options.max_messages = 100;
  options.ring_capacity = 65536;
  run = run_text_with (text, &options);
  store = fl_run_get_store (run);
  fl_store_get_over_budget (store, &over);

  g_assert_cmpuint (fl_store_get_n_messages (store), ==, 100);
  g_assert_cmpuint (over.messages, ==, 2900);
  g_assert_cmpint (WEXITSTATUS (fl_run_get_main_status (run)), ==, 0);
}

/* The sampler's samples: per thread and core, and per process. */
static void
test_budget_samples (void)
{
  const char *text = HEADER ("2", "2")
    "[Worker w]\nSteps=sleep 1\n";
  g_autoptr(FlRun) run = NULL;
  g_autofree char *summary = NULL;
  FlStoreOverBudget over;
  FlRunOptions options;
  FlStore *store;
  gsize n, total = 0;
  guint i;

  init_options (&options, FL_MODE_FORK, 2);
  options.max_samples = 20;
  options.max_memory_samples = 2;
  run = run_text_with (text, &options);
  store = fl_run_get_store (run);
  fl_store_get_over_budget (store, &over);
  summary = fl_summary_format_text (run);

  for (i = 0; i < fl_store_get_n_lanes (store); i++)
    {
      fl_store_get_lane_samples (store, i, &n);
      total += n;
    }
  for (i = 0; i < fl_store_get_n_cores (store); i++)
    {
      fl_store_get_core_samples (store, i, &n);
      total += n;
    }
  /* 1 s at 100 Hz: some 300 thread samples and 200 core samples. */
  g_assert_cmpuint (total, <=, 20);
  g_assert_cmpuint (fl_store_get_n_memory_samples (store), <=, 2);
  g_assert_cmpuint (over.samples, >, 0);
  g_assert_nonnull (strstr (summary, "Recording budget reached"));
}

/* A sender nobody receives from waits once the channel holds a pipe's
 * worth (64 KiB), recorded as a wait, instead of filling memory. */
static void
test_blocked_sender (void)
{
  const char *text = HEADER ("1", "1")
    "[Worker w]\nSteps=repeat 100000 { send bytes=4080 }\n";
  FlMode modes[] = { FL_MODE_THREADS, FL_MODE_FORK, FL_MODE_SPAWN };
  guint m;

  for (m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(FlRun) run = run_text (text, modes[m], 1, NULL, 1.0, 0);
      FlStore *store = fl_run_get_store (run);
      gsize n_events;
      const FlEvent *events = fl_store_get_events (store, 1, &n_events);
      const FlEvent *last_state = NULL;
      gsize i;

      for (i = 0; i < n_events; i++)
        if (events[i].kind == FL_EV_STATE)
          last_state = &events[i];
      g_test_message ("%s: %u messages sent", fl_mode_to_string (modes[m]), fl_store_get_n_messages (store));
      g_assert_true (fl_run_hit_time_limit (run));
      /* 16 fit in 64 KiB; the 17th waits. */
      g_assert_cmpuint (fl_store_get_n_messages (store), >=, 1);
      g_assert_cmpuint (fl_store_get_n_messages (store), <=, 32);
      g_assert_nonnull (last_state);
      g_assert_cmpint (last_state->arg8, ==, FL_STATE_IO);
      g_assert_cmpint (fl_event_get_reason (last_state), ==, FL_REASON_SEND);
      /* Waiting until the limit stopped it. */
      g_assert_cmpint (fl_store_get_lane_info (store, 1)->end_t, >, last_state->t);
      g_assert_cmpint (fl_store_get_state_at (store, 1, fl_store_get_lane_info (store, 1)->end_t - 1), ==, FL_STATE_IO);
    }
}

static gboolean
stop_run_cb (gpointer data)
{
  gint64 *stopped_at = g_object_get_data (data, "stopped-at");

  *stopped_at = g_get_monotonic_time ();
  fl_run_stop (data);
  return G_SOURCE_REMOVE;
}

/* Stop is honoured at once while a worker prints as fast as it can. */
static void
test_stop_while_flooding (void)
{
  const char *text = HEADER ("2", "2")
    "[Worker w]\nSteps=repeat 1000000000 { print \"x\" }\n";
  g_autoptr(FlScenario) scenario = scenario_from_text (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlRun) run = NULL;
  FlRunOptions options;
  gint64 stopped_at = 0;
  double took;

  init_options (&options, FL_MODE_THREADS, 2);
  run = fl_run_new (scenario, &options, &error);
  g_assert_no_error (error);
  g_object_set_data (G_OBJECT (run), "stopped-at", &stopped_at);
  g_timeout_add (1500, stop_run_cb, run);
  fl_run_run_sync (run, &error);
  g_assert_no_error (error);
  took = (double) (g_get_monotonic_time () - stopped_at) / G_USEC_PER_SEC;
  g_test_message ("finished %.3f s after the stop, %u lines kept", took,
                  fl_store_get_n_output (fl_run_get_store (run)));
  g_assert_true (fl_run_was_stopped (run));
  /* Well under a second on an idle machine; 3 s leaves room for load. */
  g_assert_cmpfloat (took, <, 3.0);
  g_assert_cmpuint (fl_store_get_n_output (fl_run_get_store (run)), <=, FL_RUN_DEFAULT_MAX_OUTPUT_LINES);
}

/* ---- forkline itself, under limits -------------------------------------- */

typedef struct
{
  int     status;
  char   *out;
  char   *err;
  glong   max_rss_kb;
  double  exit_after_signal;   /* seconds from the signal to the exit */
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_pointer (&o->out, g_free);
  g_clear_pointer (&o->err, g_free);
}

static char *
read_fd_file (int fd)
{
  GString *str = g_string_new (NULL);
  char buf[65536];
  ssize_t n;

  lseek (fd, 0, SEEK_SET);
  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_string_append_len (str, buf, n);
  close (fd);
  return g_string_free (str, FALSE);
}

/* Called, when set, once forkline has been started (with its pid and tag). */
static void (*forkline_started) (pid_t pid, const char *tag);

/* Runs forkline with @args in a child: as @uid when >= 0, with a process
 * limit of @nproc and an address-space limit of @as_mb when not 0, with
 * XDG_DATA_HOME=@data_home and FORKLINE_TEST_TAG=@tag; SIGINT after
 * @sigint_after seconds when > 0. */
static void
run_forkline (const char * const *args,
              int                 uid,
              rlim_t              nproc,
              rlim_t              as_mb,
              const char         *data_home,
              const char         *tag,
              double              sigint_after,
              Outcome            *o)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  char out_path[] = "/tmp/forkline-limits-out-XXXXXX";
  char err_path[] = "/tmp/forkline-limits-err-XXXXXX";
  int out_fd = g_mkstemp (out_path);
  int err_fd = g_mkstemp (err_path);
  struct rusage usage;
  gint64 signalled = 0;
  pid_t pid;
  guint i;

  g_assert_cmpint (out_fd, >=, 0);
  g_assert_cmpint (err_fd, >=, 0);
  unlink (out_path);
  unlink (err_path);
  g_ptr_array_add (argv, (gpointer) g_getenv ("FORKLINE_BIN"));
  for (i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);
  env = g_environ_setenv (env, "HOME", data_home, TRUE);
  env = g_environ_setenv (env, "FORKLINE_TEST_TAG", tag, TRUE);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      dup2 (out_fd, STDOUT_FILENO);
      dup2 (err_fd, STDERR_FILENO);
      if (nproc > 0)
        {
          struct rlimit rl = { nproc, nproc };
          if (setrlimit (RLIMIT_NPROC, &rl) != 0)
            _exit (121);
        }
      if (as_mb > 0 && !UNDER_SANITIZER)
        {
          struct rlimit rl = { as_mb << 20, as_mb << 20 };
          if (setrlimit (RLIMIT_AS, &rl) != 0)
            _exit (122);
        }
      if (uid >= 0 && (setgroups (0, NULL) != 0 || setgid ((gid_t) uid) != 0 || setuid ((uid_t) uid) != 0))
        _exit (123);
      execve (g_ptr_array_index (argv, 0), (char **) argv->pdata, env);
      dprintf (STDERR_FILENO, "execve: %s\n", g_strerror (errno));
      _exit (124);
    }

  if (sigint_after > 0)
    {
      g_usleep ((gulong) (sigint_after * G_USEC_PER_SEC));
      signalled = g_get_monotonic_time ();
      kill (pid, SIGINT);
    }
  if (forkline_started != NULL)
    forkline_started (pid, tag);
  while (wait4 (pid, &o->status, 0, &usage) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  o->exit_after_signal = signalled ? (double) (g_get_monotonic_time () - signalled) / G_USEC_PER_SEC : 0;
  o->max_rss_kb = usage.ru_maxrss;
  o->out = read_fd_file (out_fd);
  o->err = read_fd_file (err_fd);
}

static void
remove_data_home (gpointer home)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", (const char *) home);

  if (system (cmd) != 0)
    g_test_message ("could not remove %s", (const char *) home);
  g_free (home);
}

/* A folder of user scenarios every user can read. */
static char *
make_data_home (const char *id,
                const char *body)
{
  g_autoptr(GError) error = NULL;
  char *home = g_dir_make_tmp ("forkline-limits-XXXXXX", &error);
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  dir = g_build_filename (home, "forkline", "scenarios", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  chmod (home, 0755);
  chmod (dir, 0755);
  {
    g_autofree char *parent = g_path_get_dirname (dir);
    chmod (parent, 0755);
  }
  file = g_strdup_printf ("%s/%s.scenario", dir, id);
  text = g_strdup_printf ("[Scenario]\nId=%s\nTitle=Test\nDescription=A test.\n%s", id, body);
  g_file_set_contents (file, text, -1, &error);
  g_assert_no_error (error);
  chmod (file, 0644);
  /* Removed when the test ends, passed or not. */
  g_test_queue_destroy (remove_data_home, g_strdup (home));
  return home;
}

/* Processes (not zombies) whose environment holds FORKLINE_TEST_TAG=@tag. */
static guint
count_tagged (const char *tag)
{
  g_autofree char *needle = g_strdup_printf ("FORKLINE_TEST_TAG=%s", tag);
  DIR *dir = opendir ("/proc");
  struct dirent *de;
  guint n = 0;

  while ((de = readdir (dir)))
    {
      g_autofree char *path = NULL;
      g_autofree char *environ_text = NULL;
      g_autofree char *stat = NULL;
      gsize len = 0, off;
      const char *paren;

      if (!g_ascii_isdigit (de->d_name[0]))
        continue;
      path = g_strdup_printf ("/proc/%s/stat", de->d_name);
      if (!g_file_get_contents (path, &stat, NULL, NULL) || !(paren = strrchr (stat, ')')) ||
          paren[2] == 'Z')
        continue;
      g_free (path);
      path = g_strdup_printf ("/proc/%s/environ", de->d_name);
      if (!g_file_get_contents (path, &environ_text, &len, NULL))
        continue;
      for (off = 0; off < len; off += strlen (environ_text + off) + 1)
        if (g_str_equal (environ_text + off, needle))
          n++;
    }
  closedir (dir);
  return n;
}

static void
assert_tag_gone (const char *tag)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (count_tagged (tag) > 0 && g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
  g_assert_cmpuint (count_tagged (tag), ==, 0);
}

/* As an unprivileged user with a low limit on processes and threads,
 * every point where forkline or its runner makes a thread or a process
 * may fail: forkline says so and exits 1, never crashes, and leaves
 * nothing running. */
static void
test_process_limit (void)
{
  g_autofree char *home = make_data_home ("two",
    "Modes=threads;fork;spawn\nWorkers=2\nMaxWorkers=2\n"
    "[Main]\nSteps=start; join; print \"done\"\n"
    "[Worker w]\nSteps=print \"hello\"\n");
  const char *modes[] = { "threads", "fork", "spawn" };
  /* Not 65534: other programs on the machine may run as nobody, and
   * the limit counts every process of the user.  A user of our own
   * (no account needed) starts from none. */
  int uid = 3000000 + (int) (getpid () % 100000);
  guint failures = 0, successes = 0;
  guint m;

  if (UNDER_SANITIZER)
    {
      g_test_skip ("a sanitizer's own threads fail under the process limit; the normal build runs this case");
      return;
    }
  rlim_t limit;

  for (m = 0; m < G_N_ELEMENTS (modes); m++)
    for (limit = 1; limit <= 9; limit++)
      {
        const char *args[] = { "--run", "two", "--mode", modes[m], "--summary=json", NULL };
        g_autofree char *tag = g_strdup_printf ("nproc-%d-%s-%u", (int) getpid (), modes[m], (guint) limit);
        Outcome o = { 0 };

        /* 1 to 8: each creation point in turn; then room to spare. */
        if (limit == 9)
          limit = 64;

        run_forkline (args, uid, limit, 0, home, tag, 0, &o);
        g_test_message ("%s, ulimit -u %u: status %d: %s", modes[m], (guint) limit, o.status, o.err);
        g_assert_true (WIFEXITED (o.status));
        g_assert_cmpint (WEXITSTATUS (o.status), <=, 1);
        g_assert_null (strstr (o.err, "GLib-ERROR"));
        if (WEXITSTATUS (o.status) == 1)
          {
            failures++;
            g_assert_nonnull (strstr (o.err, "forkline"));
            g_assert_nonnull (strstr (o.err, "ulimit -u"));
            /* The scenario is not to blame. */
            g_assert_null (strstr (o.err, "two.scenario:"));
          }
        else
          successes++;
        assert_tag_gone (tag);
        outcome_clear (&o);
      }
  /* With a limit of 1, nothing could start; with 64, everything could. */
  g_assert_cmpuint (failures, >, 0);
  g_assert_cmpuint (successes, >, 0);
}

/* forkline under a limit on its address space, printing as fast as it
 * can: it keeps within its budget, and SIGINT ends it at once, summary
 * and all. */
static void
test_flood_sigint (void)
{
  g_autofree char *home = make_data_home ("flood",
    "Modes=threads\nWorkers=1\nMaxWorkers=1\n"
    "[Worker w]\nSteps=repeat 1000000000 { print \"x\" }\n");
  const char *args[] = { "--run", "flood", "--summary=json", NULL };
  g_autofree char *tag = g_strdup_printf ("flood-%d", (int) getpid ());
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *summary;
  Outcome o = { 0 };

  run_forkline (args, -1, 0, 4096, home, tag, 2.0, &o);
  g_test_message ("exit %.3f s after SIGINT, peak RSS %ld MB: %s", o.exit_after_signal,
                  o.max_rss_kb / 1024, o.err);
  g_assert_true (WIFEXITED (o.status));
  g_assert_cmpint (WEXITSTATUS (o.status), ==, 128 + SIGINT);
  /* Under a sanitizer, writing the summary and the leak check at exit
   * take seconds of their own: the bound is the normal build's. */
  g_assert_cmpfloat (o.exit_after_signal, <, UNDER_SANITIZER ? 60.0 : 3.0);
  /* A sanitizer's shadow memory and quarantine are not Forkline's. */
  if (!UNDER_SANITIZER)
    g_assert_cmpint (o.max_rss_kb, <, 512 * 1024);
  json_parser_load_from_data (parser, o.out, -1, &error);
  g_assert_no_error (error);
  summary = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (summary, "stopped"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (summary, "output")), <=,
                    FL_RUN_DEFAULT_MAX_OUTPUT_LINES);
  assert_tag_gone (tag);
  outcome_clear (&o);
}

/* The worker process of the run of @observer started last (the one
 * whose parent's parent is @observer, with the latest start time): 0 if
 * none yet. */
static pid_t
find_last_worker (pid_t observer)
{
  DIR *dir = opendir ("/proc");
  struct dirent *de;
  guint64 latest = 0;
  pid_t found = 0;

  while ((de = readdir (dir)))
    {
      g_autofree char *path = NULL;
      g_autofree char *stat = NULL;
      g_autofree char *parent_stat = NULL;
      g_auto(GStrv) fields = NULL;
      const char *paren;
      int grandparent = 0;
      guint64 start;

      if (!g_ascii_isdigit (de->d_name[0]))
        continue;
      path = g_strdup_printf ("/proc/%s/stat", de->d_name);
      if (!g_file_get_contents (path, &stat, NULL, NULL) || !(paren = strrchr (stat, ')')))
        continue;
      /* From field 3 (the state) on: 4 is the parent, 22 the start time. */
      fields = g_strsplit (paren + 2, " ", -1);
      if (g_strv_length (fields) < 20 || fields[0][0] == 'Z')
        continue;
      g_free (path);
      path = g_strdup_printf ("/proc/%s/stat", fields[1]);
      if (!g_file_get_contents (path, &parent_stat, NULL, NULL) || !(paren = strrchr (parent_stat, ')')) ||
          sscanf (paren + 2, "%*c %d", &grandparent) != 1 || grandparent != observer)
        continue;
      start = g_ascii_strtoull (fields[19], NULL, 10);
      if (found == 0 || start > latest)
        {
          latest = start;
          found = atoi (de->d_name);
        }
    }
  closedir (dir);
  return found;
}

/* Worker 2, started 0.5 s after worker 1: killed once it is asleep. */
static void
kill_second_worker (pid_t       observer,
                    const char *tag)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  pid_t first = 0, worker = 0;

  while ((first == 0 || worker == first) && g_get_monotonic_time () < deadline)
    {
      g_usleep (20 * 1000);
      worker = find_last_worker (observer);
      if (first == 0)
        first = worker;
    }
  g_assert_cmpint (worker, >, 0);
  g_assert_cmpint (worker, !=, first);
  g_usleep (200 * 1000);   /* asleep by now */
  g_assert_cmpint (kill (worker, SIGKILL), ==, 0);
}

/* As an unprivileged user, a worker process killed from outside ends
 * where it died: the observer reads /proc and a pidfd of a process that
 * is its own user's, not its child. */
static void
test_killed_worker_as_user (void)
{
  g_autofree char *home = make_data_home ("sleepers",
    "Modes=fork;spawn\nWorkers=2\nMinWorkers=2\nMaxWorkers=2\n"
    "[Main]\nSteps=start worker=1; sleep 0.5; start worker=2; join worker=1; join worker=2\n"
    "[Worker w]\nSteps=sleep 3\n");
  const char *modes[] = { "fork", "spawn" };
  int uid = 3000000 + (int) (getpid () % 100000);
  guint m;

  for (m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      const char *args[] = { "--run", "sleepers", "--mode", modes[m], "--summary=json", NULL };
      g_autofree char *tag = g_strdup_printf ("killed-%d-%s", (int) getpid (), modes[m]);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonArray *workers;
      guint killed = 0, i;
      Outcome o = { 0 };

      forkline_started = kill_second_worker;
      run_forkline (args, uid, 0, 0, home, tag, 0, &o);
      forkline_started = NULL;
      g_assert_true (WIFEXITED (o.status));
      json_parser_load_from_data (parser, o.out, -1, &error);
      g_assert_no_error (error);
      workers = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "workers");
      for (i = 0; i < json_array_get_length (workers); i++)
        {
          JsonObject *w = json_array_get_object_element (workers, i);
          JsonObject *states = json_object_get_object_member (w, "states_ms");

          if (g_strcmp0 (json_object_get_string_member (w, "exit"), "signal:SIGKILL") != 0)
            continue;
          killed++;
          /* Joined after worker 1, 3 s in: without seeing the kill, it
           * would be drawn asleep until then. */
          g_assert_cmpstr (json_object_get_string_member (w, "name"), ==, "w 2");
          g_test_message ("%s: %s slept %" G_GINT64_FORMAT " ms", modes[m],
                          json_object_get_string_member (w, "name"),
                          json_object_get_int_member (states, "sleeping"));
          /* Killed some 0.2 s after it started. */
          g_assert_cmpint (json_object_get_int_member (states, "sleeping"), <, 2000);
        }
      g_assert_cmpuint (killed, ==, 1);
      assert_tag_gone (tag);
      outcome_clear (&o);
    }
}

/* A run stopped by its time limit did not finish: exit status 1. */
static void
test_time_limit_status (void)
{
  g_autofree char *home = make_data_home ("long",
    "Modes=threads;fork\nWorkers=1\nMaxWorkers=1\n"
    "[Worker w]\nSteps=sleep 60\n");
  const char *args[] = { "--run", "long", "--time-limit", "1", NULL };
  const char *bad[] = { "--run", "long", "--time-limit", "0", NULL };
  g_autofree char *tag = g_strdup_printf ("time-%d", (int) getpid ());
  Outcome o = { 0 };

  run_forkline (args, -1, 0, 0, home, tag, 0, &o);
  g_test_message ("%s", o.err);
  g_assert_true (WIFEXITED (o.status));
  g_assert_cmpint (WEXITSTATUS (o.status), ==, 1);
  g_assert_nonnull (strstr (o.err, "time limit of 1 s"));
  g_assert_nonnull (strstr (o.out, "length limit"));
  outcome_clear (&o);

  run_forkline (bad, -1, 0, 0, home, tag, 0, &o);
  g_assert_cmpint (WEXITSTATUS (o.status), ==, 2);
  g_assert_nonnull (strstr (o.err, "--time-limit"));
  outcome_clear (&o);
  assert_tag_gone (tag);
}

/* ---- alloc and cgroups ---------------------------------------------------- */

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* The headroom is the smallest limit less usage from the process's
 * cgroup up, in a v2 hierarchy (a fake one here) and a v1 one. */
static void
test_cgroup_headroom (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *top = g_dir_make_tmp ("forkline-cgroup-XXXXXX", &error);
  g_autofree char *a = g_build_filename (top, "v2", "a", NULL);
  g_autofree char *ab = g_build_filename (top, "v2", "a", "b", NULL);
  g_autofree char *v1 = g_build_filename (top, "v1", "x", NULL);
  g_autofree char *mounts = NULL;
  g_autofree char *cmd = NULL;

  g_assert_no_error (error);
  mounts = g_strdup_printf ("30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw\n"
                            "40 30 0:37 / %s/v2 rw,relatime shared:9 - cgroup2 cgroup2 rw\n"
                            "34 30 0:31 / %s/v1 rw,relatime - cgroup cgroup rw,memory\n", top, top);
  /* a: 3 GB allowed, 1 GB used; a/b: no limit of its own. */
  write_file (a, "memory.max", "3221225472\n");
  write_file (a, "memory.current", "1073741824\n");
  write_file (ab, "memory.max", "max\n");
  write_file (ab, "memory.current", "1000\n");
  g_assert_cmpint (fl_cgroup_memory_headroom ("0::/a/b\n", mounts), ==, G_GINT64_CONSTANT (2147483648));
  /* b limited more tightly than a: the smaller wins. */
  write_file (ab, "memory.max", "1048576\n");
  g_assert_cmpint (fl_cgroup_memory_headroom ("0::/a/b\n", mounts), ==, 1048576 - 1000);
  /* Over its limit: nothing left, never less. */
  write_file (ab, "memory.current", "2000000\n");
  g_assert_cmpint (fl_cgroup_memory_headroom ("0::/a/b\n", mounts), ==, 0);
  /* No limit anywhere, or no such cgroup. */
  g_assert_cmpint (fl_cgroup_memory_headroom ("0::/\n", mounts), ==, -1);
  g_assert_cmpint (fl_cgroup_memory_headroom ("0::/a/b\n", ""), ==, -1);
  /* v1: the memory controller's line; its "no limit" is a number near 2^63. */
  write_file (v1, "memory.limit_in_bytes", "536870912\n");
  write_file (v1, "memory.usage_in_bytes", "268435456\n");
  g_assert_cmpint (fl_cgroup_memory_headroom ("4:memory:/x\n0::/\n", mounts), ==, 268435456);
  write_file (v1, "memory.limit_in_bytes", "9223372036854771712\n");
  g_assert_cmpint (fl_cgroup_memory_headroom ("4:memory:/x\n0::/\n", mounts), ==, -1);

  cmd = g_strdup_printf ("rm -rf '%s'", top);
  g_assert_cmpint (system (cmd), ==, 0);
}

/* The directory of this process's v1 memory cgroup, or NULL. */
static char *
own_memory_cgroup_v1 (void)
{
  g_autofree char *groups = NULL;
  g_auto(GStrv) lines = NULL;
  guint i;

  if (!g_file_get_contents ("/proc/self/cgroup", &groups, NULL, NULL))
    return NULL;
  lines = g_strsplit (groups, "\n", -1);
  for (i = 0; lines[i]; i++)
    {
      const char *at = strstr (lines[i], ":memory:");
      if (at != NULL)
        {
          g_autofree char *dir = g_build_filename ("/sys/fs/cgroup/memory", at + strlen (":memory:"), NULL);
          g_autofree char *limit = g_build_filename (dir, "memory.limit_in_bytes", NULL);
          return g_file_test (limit, G_FILE_TEST_EXISTS) ? g_steal_pointer (&dir) : NULL;
        }
    }
  return NULL;
}

/* In a memory cgroup of 512 MB, alloc may reserve at most half of what
 * the cgroup has left, however much the machine has: a run there is
 * refused rather than killed by the OOM killer.  (alloc only reserves:
 * nothing is touched, so the test itself risks nothing.) */
static void
test_alloc_in_cgroup (void)
{
  g_autofree char *own = own_memory_cgroup_v1 ();
  g_autofree char *group = NULL;
  g_autofree char *limit_file = NULL;
  g_autofree char *procs_file = NULL;
  g_autofree char *home = NULL;
  g_autofree char *tag = NULL;
  const char *args[] = { "--run", "alloc", "--mode", "fork", NULL };
  Outcome o = { 0 };
  pid_t pid;
  int status;
  int pipefd[2];

  /* A sanitizer's shadow memory would count against the 512 MB too. */
  if (UNDER_SANITIZER)
    {
      g_test_skip ("a sanitizer's shadow memory counts against the cgroup; the normal build runs this case");
      return;
    }

  if (own == NULL)
    {
      g_test_skip ("no v1 memory cgroup to make a child of (the v2 reading is tested on a fake tree)");
      return;
    }
  group = g_strdup_printf ("%s/forkline-test-%d", own, (int) getpid ());
  if (mkdir (group, 0755) != 0)
    {
      g_test_skip ("cannot create a memory cgroup here");
      return;
    }
  limit_file = g_build_filename (group, "memory.limit_in_bytes", NULL);
  procs_file = g_build_filename (group, "cgroup.procs", NULL);
  {
    /* In place: cgroupfs takes no temporary file and rename. */
    FILE *f = fopen (limit_file, "w");

    g_assert_nonnull (f);
    g_assert_cmpint (fputs ("536870912", f), >=, 0);
    g_assert_cmpint (fclose (f), ==, 0);
  }

  home = make_data_home ("alloc",
    "Modes=threads;fork\nWorkers=1\nMaxWorkers=1\n"
    "[Worker w]\nSteps=alloc mb=400; print \"reserved\"\n");
  tag = g_strdup_printf ("alloc-%d", (int) getpid ());

  /* A child moves itself into the cgroup, then runs forkline there. */
  g_assert_cmpint (pipe (pipefd), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autofree char *me = g_strdup_printf ("%d", (int) getpid ());
      Outcome child = { 0 };
      FILE *f = fopen (procs_file, "w");

      if (f == NULL || fputs (me, f) < 0 || fclose (f) != 0)
        _exit (3);
      run_forkline (args, -1, 0, 0, home, tag, 0, &child);
      if (write (pipefd[1], child.out, strlen (child.out)) < 0)
        _exit (4);
      _exit (WIFEXITED (child.status) ? WEXITSTATUS (child.status) : 5);
    }
  close (pipefd[1]);
  o.out = read_fd_file (pipefd[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_test_message ("status %d: %s", status, o.out);
  rmdir (group);

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), <=, 1);
  g_assert_null (strstr (o.out, "reserved"));
  g_assert_nonnull (strstr (o.out, "alloc: refused"));
  g_assert_nonnull (strstr (o.out, "in its cgroup"));
  outcome_clear (&o);
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
  g_test_add_func ("/limits/budget/output", test_budget_output);
  g_test_add_func ("/limits/budget/events", test_budget_events);
  g_test_add_func ("/limits/budget/messages", test_budget_messages);
  g_test_add_func ("/limits/budget/samples", test_budget_samples);
  g_test_add_func ("/limits/blocked-sender", test_blocked_sender);
  g_test_add_func ("/limits/stop-while-flooding", test_stop_while_flooding);
  g_test_add_func ("/limits/cli/process-limit", test_process_limit);
  g_test_add_func ("/limits/cli/flood-sigint", test_flood_sigint);
  g_test_add_func ("/limits/cli/time-limit-status", test_time_limit_status);
  g_test_add_func ("/limits/cli/killed-worker-as-user", test_killed_worker_as_user);
  g_test_add_func ("/limits/cgroup-headroom", test_cgroup_headroom);
  g_test_add_func ("/limits/cli/alloc-in-cgroup", test_alloc_in_cgroup);
  return g_test_run ();
}
