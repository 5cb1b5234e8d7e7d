/* test-summary.c — the summary and the Chrome trace of a synthetic run
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stores here are built from records, the way the observer builds
 * them from the rings, so no process is needed and every number is known.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fl-catalog.h"
#include "fl-chrome-trace.h"
#include "fl-interp.h"
#include "fl-run-private.h"
#include "fl-summary-private.h"
#include "fl-test-util.h"

#define T0   G_GINT64_CONSTANT (1000000000000)
#define MS   G_GINT64_CONSTANT (1000000)
#define SEC  G_GINT64_CONSTANT (1000000000)

#define MAIN_PID 1000

static FlCatalog *catalog;

static FlScenario *
preset (const char *id)
{
  FlScenario *scenario = fl_catalog_lookup (catalog, id);

  g_assert_nonnull (scenario);
  return scenario;
}

/* ---- building stores ------------------------------------------------------ */

typedef struct
{
  FlStore *store;
  GArray  *records[8];   /* per lane, in the order the lane recorded them */
} Builder;

static void
builder_init (Builder *b)
{
  memset (b, 0, sizeof *b);
  b->store = fl_store_new (T0);
  for (guint i = 0; i < G_N_ELEMENTS (b->records); i++)
    b->records[i] = g_array_new (FALSE, TRUE, sizeof (FlRecord));
}

static void
emit (Builder     *b,
      guint        lane,
      gint64       t,
      FlEventKind  kind,
      guint8       arg8,
      guint16      arg16,
      guint64      a,
      guint64      c)
{
  FlRecord r = { 0 };

  r.ts = (guint64) (T0 + t);
  r.lane = (guint16) lane;
  r.cpu = (guint16) lane;
  r.kind = kind;
  r.arg8 = arg8;
  r.arg16 = arg16;
  r.a = a;
  r.b = c;
  g_array_append_val (b->records[lane], r);
}

static void
emit_output (Builder    *b,
             guint       lane,
             gint64      t,
             const char *text)
{
  gsize length = strlen (text);
  guint n = fl_trace_text_records (length);
  g_autofree FlRecord *records = g_new0 (FlRecord, n);

  emit (b, lane, t, FL_EV_OUTPUT, 0, (guint16) length, 0, 0);
  memcpy (&records[1], text, length);
  g_array_append_vals (b->records[lane], &records[1], n - 1);
}

/* Hands the records to the store, lane by lane in @order, as the drain thread does. */
static FlStore *
builder_finish (Builder      *b,
                const guint  *order,
                guint         n_lanes,
                gint64        end)
{
  for (guint i = 0; i < n_lanes; i++)
    {
      guint lane = order[i];
      fl_store_ingest (b->store, lane, (const FlRecord *) (gpointer) b->records[lane]->data,
                       b->records[lane]->len);
    }
  fl_store_set_end (b->store, end);
  for (guint i = 0; i < G_N_ELEMENTS (b->records); i++)
    g_array_unref (b->records[i]);
  return b->store;
}

/* A worker that prints @lines, each followed by a sleep of one second,
 * from @start; it exits at @start + n seconds. */
static void
emit_printing_worker (Builder            *b,
                      guint               lane,
                      gboolean            is_process,
                      gint64              start,
                      const char * const *lines,
                      gint64              cpu_ns)
{
  gint64 t = start;

  emit (b, lane, t, FL_EV_WORKER_START, is_process, 0,
        is_process ? MAIN_PID + lane : MAIN_PID, MAIN_PID + lane);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      emit (b, lane, t, FL_EV_STATE, FL_STATE_RUNNING, FL_REASON_PRINT, 0, 0);
      emit_output (b, lane, t, lines[i]);
      emit (b, lane, t + 1 * MS, FL_EV_STATE, FL_STATE_SLEEPING, FL_REASON_SLEEP, SEC, 0);
      t += SEC;
    }
  emit (b, lane, t, FL_EV_STATE, FL_STATE_RUNNING, FL_REASON_STEP, 0, 0);
  emit (b, lane, t, FL_EV_EXIT, 0, 0, 0, (guint64) cpu_ns);
}

static const char * const numbers[] = { "Number: 1", "Number: 2", "Number: 3", "Number: 4", "Number: 5", NULL };
static const char * const letters[] = { "Letter: a", "Letter: b", "Letter: c", "Letter: d", "Letter: e", NULL };

/* numbers-letters: two workers of five prints a second apart, started
 * together (@sequential: the second after the first has been joined). */
static FlRun *
make_numbers_letters (FlMode   mode,
                      gboolean sequential,
                      gboolean main_first)
{
  gboolean proc = mode != FL_MODE_THREADS;
  g_autoptr(FlStore) store = NULL;
  Builder b;
  gint64 start2, join1, join2, end;
  const guint workers_first[] = { 1, 2, 0 };
  const guint main_first_order[] = { 0, 1, 2 };

  builder_init (&b);
  fl_store_add_lane (b.store, FL_LANE_MAIN, TRUE, "main", NULL);
  fl_store_add_lane (b.store, FL_LANE_WORKER, proc, "numbers 1", "numbers");
  fl_store_add_lane (b.store, FL_LANE_WORKER, proc, "letters 2", "letters");

  join1 = 5 * SEC + 1 * MS + 100 * MS;
  start2 = sequential ? join1 + 20 * MS : 2 * MS;
  join2 = start2 + 5 * SEC + 100 * MS;
  end = MAX (join1, join2) + 10 * MS;

  emit (&b, 0, 0, FL_EV_RUN_START, 0, 0, MAIN_PID, MAIN_PID);
  emit (&b, 0, 1 * MS, FL_EV_CREATE, 0, 1, 0, 0);
  if (!sequential)
    emit (&b, 0, 1 * MS + 500 * 1000, FL_EV_CREATE, 0, 2, 0, 0);
  emit (&b, 0, 3 * MS, FL_EV_STATE, FL_STATE_JOIN, FL_REASON_JOIN, 1, 0);
  emit (&b, 0, join1, FL_EV_JOIN, 0, 1, 0, 0);
  if (sequential)
    {
      emit (&b, 0, start2 - 500 * 1000, FL_EV_CREATE, 0, 2, 0, 0);
      emit (&b, 0, start2 + 1 * MS, FL_EV_STATE, FL_STATE_JOIN, FL_REASON_JOIN, 2, 0);
    }
  emit (&b, 0, join2, FL_EV_JOIN, 0, 2, 0, 0);
  emit (&b, 0, join2, FL_EV_STATE, FL_STATE_RUNNING, FL_REASON_STEP, 0, 0);
  emit_output (&b, 0, join2, "Both are done: \"quotes\", a \\ backslash,\ta tab, a bell \a, é ✓");
  emit (&b, 0, join2 + 1 * MS, FL_EV_EXIT, 0, 0, 0, 2 * MS);

  /* Worker 1 asked for at 1 ms, first instruction at 1.5 ms: 500 µs latency. */
  emit_printing_worker (&b, 1, proc, 1 * MS + 500 * 1000, numbers, 1 * MS);
  emit_printing_worker (&b, 2, proc, start2, letters, 1 * MS);

  store = builder_finish (&b, main_first ? main_first_order : workers_first, 3, end);
  return fl_run_new_for_store (preset ("numbers-letters"), store, mode, 2);
}

/* ---- JSON helpers ----------------------------------------------------------- */

static JsonObject *
summary_object (FlRun     *run,
                JsonNode **root_out)
{
  JsonNode *root = fl_summary_build (run);

  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  *root_out = root;
  return json_node_get_object (root);
}

static JsonObject *
lane_object (JsonObject *summary,
             guint       id)
{
  JsonArray *workers = json_object_get_array_member (summary, "workers");
  JsonObject *lane = json_array_get_object_element (workers, id);

  g_assert_cmpint (json_object_get_int_member (lane, "id"), ==, id);
  return lane;
}

/* ---- summary tests --------------------------------------------------------- */

static void
test_summary_overlap (void)
{
  g_autoptr(FlRun) run = make_numbers_letters (FL_MODE_THREADS, FALSE, FALSE);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *summary = summary_object (run, &root);
  JsonObject *main_lane, *w1, *w2, *states;
  JsonArray *output;
  const char *verdict;
  guint n_numbers = 0, n_letters = 0;

  g_assert_cmpstr (json_object_get_string_member (summary, "scenario"), ==, "numbers-letters");
  g_assert_cmpstr (json_object_get_string_member (summary, "mode"), ==, "threads");
  g_assert_cmpint (json_object_get_int_member (summary, "worker_count"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (summary, "wall_ms"), ==, 5112);
  g_assert_cmpint (json_object_get_int_member (summary, "cpu_ms"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (summary, "dropped_events"), ==, 0);

  g_assert_cmpint (json_array_get_length (json_object_get_array_member (summary, "workers")), ==, 3);
  main_lane = lane_object (summary, 0);
  g_assert_cmpstr (json_object_get_string_member (main_lane, "role"), ==, "main");
  g_assert_cmpstr (json_object_get_string_member (main_lane, "kind"), ==, "process");
  g_assert_cmpint (json_object_get_int_member (main_lane, "pid"), ==, MAIN_PID);
  g_assert_cmpstr (json_object_get_string_member (main_lane, "exit"), ==, "ok");

  /* Threads share the main process's pid and have tids of their own. */
  w1 = lane_object (summary, 1);
  w2 = lane_object (summary, 2);
  g_assert_cmpstr (json_object_get_string_member (w1, "role"), ==, "worker");
  g_assert_cmpstr (json_object_get_string_member (w1, "kind"), ==, "thread");
  g_assert_cmpint (json_object_get_int_member (w1, "pid"), ==, MAIN_PID);
  g_assert_cmpint (json_object_get_int_member (w2, "pid"), ==, MAIN_PID);
  g_assert_cmpint (json_object_get_int_member (w1, "tid"), ==, MAIN_PID + 1);
  g_assert_cmpint (json_object_get_int_member (w2, "tid"), ==, MAIN_PID + 2);
  g_assert_cmpint (json_object_get_int_member (w1, "start_latency_us"), ==, 500);
  g_assert_cmpint (json_object_get_int_member (w1, "cpu_ms"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (w1, "exit"), ==, "ok");
  g_assert_false (json_object_get_boolean_member (w1, "stopped"));

  /* Five prints of 1 ms and five sleeps of 999 ms. */
  states = json_object_get_object_member (w1, "states_ms");
  g_assert_cmpint (json_object_get_int_member (states, "sleeping"), ==, 4995);
  g_assert_cmpint (json_object_get_int_member (states, "running"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (states, "io"), ==, 0);
  g_assert_true (json_object_has_member (states, "zombie"));
  g_assert_true (json_object_has_member (states, "join"));
  g_assert_false (json_object_has_member (states, "exited"));
  g_assert_false (json_object_has_member (states, "none"));
  states = json_object_get_object_member (main_lane, "states_ms");
  g_assert_cmpint (json_object_get_int_member (states, "join"), >=, 5000);

  output = json_object_get_array_member (summary, "output");
  g_assert_cmpint (json_array_get_length (output), ==, 11);
  for (guint i = 0; i < json_array_get_length (output); i++)
    {
      JsonObject *line = json_array_get_object_element (output, i);
      gint64 worker = json_object_get_int_member (line, "worker");
      const char *text = json_object_get_string_member (line, "text");

      if (worker == 1)
        g_assert_cmpstr (text, ==, numbers[n_numbers++]);
      else if (worker == 2)
        g_assert_cmpstr (text, ==, letters[n_letters++]);
      else
        g_assert_true (g_str_has_prefix (text, "Both are done"));
    }
  g_assert_cmpint (n_numbers, ==, 5);
  g_assert_cmpint (n_letters, ==, 5);

  verdict = json_object_get_string_member (summary, "verdict");
  g_assert_cmpstr (fl_scenario_get_verdict_kind (fl_run_get_scenario (run)), ==, "overlap");
  g_assert_nonnull (strstr (verdict, "The 2 workers ran side by side"));
  g_assert_nonnull (strstr (verdict, "5.0 s of wall time"));
  g_assert_nonnull (strstr (verdict, "would have taken 10.0 s"));
}

static void
test_summary_sequential (void)
{
  g_autoptr(FlRun) run = make_numbers_letters (FL_MODE_FORK, TRUE, FALSE);
  g_autofree char *verdict = fl_summary_verdict (run);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *summary = summary_object (run, &root);
  JsonObject *w1 = lane_object (summary, 1);
  JsonObject *w2 = lane_object (summary, 2);

  g_assert_nonnull (strstr (verdict, "one after the other: they took 10.1 s"));
  g_assert_nonnull (strstr (verdict, "added up (10.0 s)"));

  /* Processes: pids of their own, and the time between exit and reap is a zombie's. */
  g_assert_cmpstr (json_object_get_string_member (w1, "kind"), ==, "process");
  g_assert_cmpint (json_object_get_int_member (w1, "pid"), ==, MAIN_PID + 1);
  g_assert_cmpint (json_object_get_int_member (w2, "pid"), ==, MAIN_PID + 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (w1, "states_ms"), "zombie"),
                   ==, 100);
}

static void
test_summary_exits (void)
{
  g_autoptr(FlStore) store = NULL;
  g_autoptr(FlRun) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const guint order[] = { 1, 2, 3, 0 };
  JsonObject *summary;
  Builder b;

  builder_init (&b);
  fl_store_add_lane (b.store, FL_LANE_MAIN, TRUE, "main", NULL);
  fl_store_add_lane (b.store, FL_LANE_WORKER, TRUE, "numbers 1", "numbers");
  fl_store_add_lane (b.store, FL_LANE_WORKER, TRUE, "letters 2", "letters");
  fl_store_add_lane (b.store, FL_LANE_WORKER, TRUE, "numbers 3", "numbers");

  emit (&b, 0, 0, FL_EV_RUN_START, 0, 0, MAIN_PID, MAIN_PID);
  for (guint k = 1; k <= 3; k++)
    emit (&b, 0, (gint64) k * MS, FL_EV_CREATE, 0, (guint16) k, 0, 0);
  emit (&b, 0, 100 * MS, FL_EV_JOIN, 0, 1, W_EXITCODE (3, 0), 0);
  emit (&b, 0, 200 * MS, FL_EV_JOIN, 0, 2, SIGSEGV, 0);

  for (guint k = 1; k <= 3; k++)
    emit (&b, k, (gint64) k * MS + 100 * 1000, FL_EV_WORKER_START, 1, 0, MAIN_PID + k, MAIN_PID + k);
  emit (&b, 1, 50 * MS, FL_EV_EXIT, 0, 0, 3, 10 * MS);
  emit (&b, 2, 60 * MS, FL_EV_CRASH, SIGSEGV, 0, 0, 0);

  store = builder_finish (&b, order, 4, 300 * MS);
  /* The run was stopped: worker 3 and the main process were killed. */
  fl_store_end_unfinished (store, 300 * MS, SIGKILL, TRUE);
  run = fl_run_new_for_store (preset ("numbers-letters"), store, FL_MODE_FORK, 3);

  summary = summary_object (run, &root);
  g_assert_cmpstr (json_object_get_string_member (lane_object (summary, 1), "exit"), ==, "exit:3");
  g_assert_cmpstr (json_object_get_string_member (lane_object (summary, 2), "exit"), ==, "signal:SIGSEGV");
  g_assert_false (json_object_get_boolean_member (lane_object (summary, 2), "stopped"));
  g_assert_cmpstr (json_object_get_string_member (lane_object (summary, 3), "exit"), ==, "signal:SIGKILL");
  g_assert_true (json_object_get_boolean_member (lane_object (summary, 3), "stopped"));
  g_assert_true (json_object_get_boolean_member (summary, "stopped"));
  /* Worker 3 reported no CPU time: it is unknown, not zero. */
  g_assert_true (json_object_get_null_member (lane_object (summary, 3), "cpu_ms"));
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (lane_object (summary, 1), "states_ms"), "zombie"), ==, 50);

  text = fl_summary_format_text (run);
  g_assert_nonnull (strstr (text, "exit 3"));
  g_assert_nonnull (strstr (text, "SIGSEGV"));
  g_assert_nonnull (strstr (text, "stopped"));
  g_assert_nonnull (strstr (text, "The run was stopped after 300 ms."));
}

static void
test_summary_dropped (void)
{
  g_autoptr(FlRun) run = make_numbers_letters (FL_MODE_THREADS, FALSE, FALSE);
  g_autofree char *before = fl_summary_format_text (run);
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *summary;

  /* Always shown, even when nothing was lost. */
  g_assert_nonnull (strstr (before, "\n0 dropped events\n"));

  fl_store_get_lane_info_mut (fl_run_get_store (run), 1)->dropped = 5;
  fl_store_get_lane_info_mut (fl_run_get_store (run), 2)->dropped = 2;
  after = fl_summary_format_text (run);
  g_assert_nonnull (strstr (after, "\n7 dropped events\n"));
  summary = summary_object (run, &root);
  g_assert_cmpint (json_object_get_int_member (summary, "dropped_events"), ==, 7);
}

/* The table's columns line up: each lane's name starts where the title "Name" does. */
static void
test_summary_text_table (void)
{
  g_autoptr(FlRun) run = make_numbers_letters (FL_MODE_SPAWN, FALSE, FALSE);
  g_autofree char *text = fl_summary_format_text (run);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  const char *names[] = { "main", "numbers 1", "letters 2" };
  glong name_column;

  g_assert_true (g_str_has_prefix (lines[0], "ID"));
  name_column = g_utf8_pointer_to_offset (lines[0], strstr (lines[0], "Name"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *line = lines[2 + i];
      const char *at = strstr (line, names[i]);

      g_assert_nonnull (at);
      g_assert_cmpint (g_utf8_pointer_to_offset (line, at), ==, name_column);
      g_assert_nonnull (strstr (line, "process"));
      g_assert_nonnull (strstr (line, "ok"));
      g_assert_false (g_str_has_suffix (line, " "));
    }
  g_assert_nonnull (strstr (lines[3], "1001"));
  g_assert_nonnull (strstr (text, "Wall time 5.1 s"));
  g_assert_nonnull (strstr (text, "side by side"));
}

/* The preset cpu-bound with its GIL default set to @gil. */
static FlScenario *
cpu_bound_scenario (gboolean gil)
{
  g_autoptr(GString) data = g_string_new (fl_scenario_get_data (preset ("cpu-bound")));
  g_autoptr(GError) error = NULL;
  FlScenario *scenario;

  g_assert_cmpuint (g_string_replace (data, "\nGil=true\n", gil ? "\nGil=true\n" : "\nGil=false\n", 1), ==, 1);
  scenario = fl_scenario_new_from_data (data->str, data->len, "cpu-bound.scenario", &error);
  g_assert_no_error (error);
  return scenario;
}

/* Number of blocks the scenario's workers are asked to compute. */
static guint64
cpu_bound_units (FlRun *run)
{
  FlScenario *scenario = fl_run_get_scenario (run);
  const FlWorkerTemplate *template = fl_scenario_get_template_for_worker (scenario, 1);

  for (guint i = 0; i < template->steps->len; i++)
    {
      const FlStep *step = g_ptr_array_index (template->steps, i);
      const FlStepArg *units = fl_step_get_arg (step, "units");
      g_auto(GStrv) vars = NULL;
      double value = 0;

      if (step->kind != FL_STEP_COMPUTE || units == NULL)
        continue;
      /* The preset's units are one parameter: read its value. */
      vars = fl_expr_get_variables (units->expr);
      g_assert_cmpint (g_strv_length (vars), ==, 1);
      for (guint p = 0; p < fl_scenario_get_n_params (scenario); p++)
        if (g_str_equal (fl_scenario_get_param (scenario, p)->name, vars[0]))
          value = fl_run_get_param_values (run)[p];
      g_assert_cmpfloat (value, >, 0);
      return (guint64) value;
    }
  g_assert_not_reached ();
}

static FlRun *
make_cpu_bound (guint    n_workers,
                gint64   worker_cpu,
                gint64   duration,
                gint64   error_in_primes,
                guint64 *expected_out)
{
  /* Without the GIL: the verdict is the plain speed-up. */
  g_autoptr(FlScenario) scenario = cpu_bound_scenario (FALSE);
  g_autoptr(FlStore) store = NULL;
  g_autoptr(FlRun) probe = NULL;
  guint order[8];
  guint64 units, expected = 0;
  Builder b;

  builder_init (&b);
  fl_store_add_lane (b.store, FL_LANE_MAIN, TRUE, "main", NULL);
  for (guint k = 1; k <= n_workers; k++)
    {
      g_autofree char *name = g_strdup_printf ("worker %u", k);
      fl_store_add_lane (b.store, FL_LANE_WORKER, FALSE, name, "worker");
    }

  probe = fl_run_new_for_store (scenario, b.store, FL_MODE_THREADS, n_workers);
  units = cpu_bound_units (probe);

  emit (&b, 0, 0, FL_EV_RUN_START, 0, 0, MAIN_PID, MAIN_PID);
  for (guint k = 1; k <= n_workers; k++)
    {
      guint64 primes = 0, blocks = 0;

      /* split=true: worker k takes blocks k-1, k-1+N, … — counted with the kernel itself. */
      for (guint64 j = k - 1; j < units; j += n_workers)
        {
          primes += fl_count_primes (j * FL_PRIMES_BLOCK, (j + 1) * FL_PRIMES_BLOCK);
          blocks++;
        }
      expected += primes;
      if (k == 1)
        primes += (guint64) error_in_primes;

      emit (&b, 0, (gint64) k * 10000, FL_EV_CREATE, 0, (guint16) k, 0, 0);
      emit (&b, k, 1 * MS, FL_EV_WORKER_START, 0, 0, MAIN_PID, MAIN_PID + k);
      emit (&b, k, 1 * MS, FL_EV_STATE, FL_STATE_RUNNING, FL_REASON_COMPUTE, units, 0);
      emit (&b, k, 1 * MS + duration, FL_EV_RESULT, 0, FL_RESULT_PRIMES, primes, blocks);
      emit (&b, k, 1 * MS + duration, FL_EV_EXIT, 0, 0, 0, (guint64) worker_cpu);
      order[k - 1] = k;
    }
  for (guint k = 1; k <= n_workers; k++)
    emit (&b, 0, 2 * MS + duration, FL_EV_JOIN, 0, (guint16) k, 0, 0);
  emit (&b, 0, 3 * MS + duration, FL_EV_EXIT, 0, 0, 0, 1 * MS);
  order[n_workers] = 0;

  store = builder_finish (&b, order, n_workers + 1, 4 * MS + duration);
  *expected_out = expected;
  return fl_run_new_for_store (scenario, store, FL_MODE_THREADS, n_workers);
}

static void
test_summary_primes (void)
{
  guint64 expected;
  g_autoptr(FlRun) run = make_cpu_bound (2, 1950 * MS, 2 * SEC, 0, &expected);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *summary = summary_object (run, &root);
  JsonObject *results = json_object_get_object_member (summary, "results");
  g_autofree char *verdict = fl_summary_verdict (run);
  g_autofree char *text = fl_summary_format_text (run);

  g_assert_cmpint (json_object_get_int_member (results, "primes"), ==, expected);
  g_assert_cmpint (json_object_get_int_member (results, "expected_primes"), ==, expected);
  g_assert_true (json_object_get_boolean_member (results, "correct"));
  g_assert_cmpint (json_object_get_int_member (results, "blocks"), ==, cpu_bound_units (run));

  g_assert_cmpstr (fl_scenario_get_verdict_kind (fl_run_get_scenario (run)), ==, "speedup");
  g_assert_nonnull (strstr (verdict, "2 workers used 3.9 s of CPU in 2.0 s: a speed-up of 1.95× over one core."));
  g_assert_nonnull (strstr (verdict, "which is correct"));
  g_assert_nonnull (strstr (text, "correct"));
}

static void
test_summary_primes_wrong (void)
{
  guint64 expected;
  g_autoptr(FlRun) run = make_cpu_bound (3, 500 * MS, 1 * SEC, 1, &expected);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *summary = summary_object (run, &root);
  JsonObject *results = json_object_get_object_member (summary, "results");
  g_autofree char *verdict = fl_summary_verdict (run);

  g_assert_cmpint (json_object_get_int_member (results, "primes"), ==, expected + 1);
  g_assert_cmpint (json_object_get_int_member (results, "expected_primes"), ==, expected);
  g_assert_false (json_object_get_boolean_member (results, "correct"));
  g_assert_nonnull (strstr (verdict, "the result is wrong"));
  /* 1.5 s of CPU in 1 s with 3 workers is far from what the cores allow, when there are several. */
  g_assert_nonnull (strstr (verdict, "a speed-up of 1.50×"));
}

/* ---- measurements: the GIL, samples, memory, messages, results ---------- */

/* A scenario of the tests' own: only its verdict kind, GIL default and
 * programs matter to the summary. */
static FlScenario *
make_scenario (const char *verdict,
               gboolean    gil,
               const char *main_steps,
               const char *worker_steps)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data =
    g_strdup_printf ("[Scenario]\nId=test-%s\nTitle=Test\nDescription=A test of the %s verdict.\n"
                     "Workers=2\nMaxWorkers=8\nGil=%s\nVerdict=%s\n\n"
                     "[Main]\nSteps=%s\n\n[Worker w]\nSteps=%s\n",
                     verdict, verdict, gil ? "true" : "false", verdict, main_steps, worker_steps);
  FlScenario *scenario = fl_scenario_new_from_data (data, strlen (data), "test.scenario", &error);

  g_assert_no_error (error);
  return scenario;
}

/* Lanes "main" and "w 1" … "w N". */
static void
add_lanes (Builder *b,
           FlMode   mode,
           guint    n_workers)
{
  fl_store_add_lane (b->store, FL_LANE_MAIN, TRUE, "main", NULL);
  for (guint k = 1; k <= n_workers; k++)
    {
      g_autofree char *name = g_strdup_printf ("w %u", k);
      fl_store_add_lane (b->store, FL_LANE_WORKER, mode != FL_MODE_THREADS, name, "w");
    }
}

static void
emit_start (Builder *b,
            FlMode   mode,
            guint    k,
            gint64   t)
{
  gboolean proc = mode != FL_MODE_THREADS;

  emit (b, k, t, FL_EV_WORKER_START, proc, 0, proc ? MAIN_PID + k : MAIN_PID, MAIN_PID + k);
}

/* The main process: starts at 0, asks for every worker at @create_t,
 * joins them all at @join_t and exits 1 ms later. */
static void
emit_main (Builder *b,
           guint    n_workers,
           gint64   create_t,
           gint64   join_t)
{
  emit (b, 0, 0, FL_EV_RUN_START, 0, 0, MAIN_PID, MAIN_PID);
  for (guint k = 1; k <= n_workers; k++)
    emit (b, 0, create_t, FL_EV_CREATE, 0, (guint16) k, 0, 0);
  emit (b, 0, create_t, FL_EV_STATE, FL_STATE_JOIN, FL_REASON_JOIN, 1, 0);
  for (guint k = 1; k <= n_workers; k++)
    emit (b, 0, join_t, FL_EV_JOIN, 0, (guint16) k, 0, 0);
  emit (b, 0, join_t, FL_EV_STATE, FL_STATE_RUNNING, FL_REASON_STEP, 0, 0);
  emit (b, 0, join_t + 1 * MS, FL_EV_EXIT, 0, 0, 0, 1 * MS);
}

/* Workers first, then the main process, as the drain thread often does. */
static FlRun *
finish_run (Builder    *b,
            FlScenario *scenario,
            FlMode      mode,
            guint       n_workers,
            gint64      end)
{
  g_autoptr(FlStore) store = NULL;
  guint order[8];

  for (guint k = 1; k <= n_workers; k++)
    order[k - 1] = k;
  order[n_workers] = 0;
  store = builder_finish (b, order, n_workers + 1, end);
  return fl_run_new_for_store (scenario, store, mode, n_workers);
}

static JsonObject *
find_by_int (JsonArray  *array,
             const char *member,
             gint64      value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = json_array_get_object_element (array, i);
      if (json_object_get_int_member (obj, member) == value)
        return obj;
    }
  return NULL;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

/* Two threads take turns with the GIL every 10 ms for 100 ms: each holds
 * it half the time and waits for it the other half. */
static FlRun *
make_gil_run (FlScenario *scenario,
              FlMode      mode)
{
  Builder b;

  builder_init (&b);
  add_lanes (&b, mode, 2);
  emit_main (&b, 2, 0, 101 * MS);
  for (guint k = 1; k <= 2; k++)
    {
      emit_start (&b, mode, k, 0);
      for (guint j = 0; j < 10; j++)
        {
          gint64 t = (gint64) j * 10 * MS;
          gboolean holder = j % 2 == k - 1;

          if (j == 0 && !holder)
            emit (&b, k, t, FL_EV_STATE, FL_STATE_GIL, FL_REASON_GIL, 0, 0);
          if (!holder)
            continue;
          emit (&b, k, t, FL_EV_GIL, 1, 0, 0, 0);
          if (j > 0)
            emit (&b, k, t, FL_EV_STATE, FL_STATE_RUNNING, FL_REASON_COMPUTE, 0, 0);
          emit (&b, k, t + 10 * MS, FL_EV_GIL, 0, 0, 0, 0);
          if (j < 9)
            emit (&b, k, t + 10 * MS, FL_EV_STATE, FL_STATE_GIL, FL_REASON_GIL, 0, 0);
        }
      emit (&b, k, 100 * MS, FL_EV_EXIT, 0, 0, 0, 50 * MS);
    }
  return finish_run (&b, scenario, mode, 2, 103 * MS);
}

static void
test_summary_gil (void)
{
  g_autoptr(FlScenario) scenario = make_scenario ("speedup", TRUE, "start; join", "sleep 1");
  g_autoptr(FlRun) run = make_gil_run (scenario, FL_MODE_THREADS);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = fl_summary_format_text (run);
  JsonObject *summary = summary_object (run, &root);
  JsonObject *gil = json_object_get_object_member (summary, "gil");
  JsonArray *threads = json_object_get_array_member (gil, "threads");
  const char *verdict = json_object_get_string_member (summary, "verdict");

  g_assert_true (json_object_get_boolean_member (gil, "enabled"));
  g_assert_cmpfloat (json_object_get_double_member (gil, "switch_interval_ms"), ==, 5.0);
  /* The main process never took the GIL: only the two workers are listed. */
  g_assert_cmpuint (json_array_get_length (threads), ==, 2);
  for (gint64 k = 1; k <= 2; k++)
    {
      JsonObject *thread = find_by_int (threads, "worker", k);
      JsonObject *states = json_object_get_object_member (lane_object (summary, k), "states_ms");
      double held, wait;

      g_assert_nonnull (thread);
      held = json_object_get_double_member (thread, "held_ms");
      wait = json_object_get_double_member (thread, "wait_ms");
      g_assert_cmpfloat_with_epsilon (held, 50.0, 1e-9);
      g_assert_cmpfloat_with_epsilon (wait, 50.0, 1e-9);
      /* Held and waiting make up the thread's whole life. */
      g_assert_cmpfloat_with_epsilon (held + wait, 100.0, 1e-9);
      g_assert_cmpint (json_object_get_int_member (states, "gil"), ==, 50);
      g_assert_cmpint (json_object_get_int_member (states, "running"), ==, 50);
    }

  assert_contains (verdict, "2 threads with the emulated GIL took 100 ms for 100 ms of CPU: no faster than one core.");
  assert_contains (verdict, "Each waited 50% of its time for the GIL.");
  assert_contains (text, "GIL (switch interval 5.0 ms): w 1 held 50 ms, waited 50 ms; w 2 held 50 ms, waited 50 ms\n");
}

/* Processes each have their own GIL: the speed-up sentence, and their wait. */
static void
test_summary_gil_processes (void)
{
  g_autoptr(FlScenario) scenario = make_scenario ("speedup", TRUE, "start; join", "sleep 1");
  g_autoptr(FlRun) run = make_gil_run (scenario, FL_MODE_FORK);
  g_autofree char *verdict = fl_summary_verdict (run);

  assert_contains (verdict, "2 workers used 100 ms of CPU in 100 ms: a speed-up of 1.00× over one core.");
  assert_contains (verdict, "Each process has a GIL of its own: they waited 50% of their time for it.");
}

/* Without the GIL, nothing is reported about it, whatever the events say. */
static void
test_summary_no_gil (void)
{
  g_autoptr(FlScenario) scenario = make_scenario ("speedup", FALSE, "start; join", "sleep 1");
  g_autoptr(FlRun) run = make_gil_run (scenario, FL_MODE_THREADS);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = fl_summary_format_text (run);
  JsonObject *summary = summary_object (run, &root);
  JsonObject *gil = json_object_get_object_member (summary, "gil");

  g_assert_false (json_object_get_boolean_member (gil, "enabled"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (gil, "threads")), ==, 0);
  g_assert_null (strstr (text, "GIL ("));
  assert_contains (json_object_get_string_member (summary, "verdict"),
                   "2 workers used 100 ms of CPU in 100 ms: a speed-up of 1.00× over one core.");
}

static void
add_lane_sample (FlStore *store,
                 guint    lane,
                 gint64   t,
                 gint64   cpu_ns,
                 gint64   wait_ns,
                 char     kstate)
{
  FlLaneSample sample = { 0 };

  sample.t = t;
  sample.cpu_ns = cpu_ns;
  sample.wait_ns = wait_ns;
  sample.cpu = 0;
  sample.kstate = kstate;
  fl_store_add_lane_sample (store, lane, &sample);
}

/* Three CPU-bound threads on two cores, sampled every 10 ms:
 *  w 1: schedstat says it waited 4 ms of every 10 (runnable 40 of 100 ms);
 *  w 2: no schedstat; it got 5 ms of CPU per 10 ms while in R for 100 ms
 *       (runnable 50 ms, estimated), then slept 100 ms;
 *  w 3: no schedstat; CPU charged 15 ms, 5 ms, 15 ms … by the ticks: it
 *       was never kept waiting. */
static FlRun *
make_sampled_run (FlScenario *scenario)
{
  FlStore *store;
  FlRun *run;
  Builder b;

  builder_init (&b);
  add_lanes (&b, FL_MODE_THREADS, 3);
  emit_main (&b, 3, 0, 201 * MS);
  for (guint k = 1; k <= 3; k++)
    {
      emit_start (&b, FL_MODE_THREADS, k, 0);
      emit (&b, k, 0, FL_EV_STATE, FL_STATE_RUNNING, FL_REASON_COMPUTE, 10, 0);
    }
  emit (&b, 1, 100 * MS, FL_EV_EXIT, 0, 0, 0, 60 * MS);
  emit (&b, 2, 100 * MS, FL_EV_STATE, FL_STATE_SLEEPING, FL_REASON_SLEEP, 100 * MS, 0);
  emit (&b, 2, 200 * MS, FL_EV_STATE, FL_STATE_RUNNING, FL_REASON_STEP, 0, 0);
  emit (&b, 2, 200 * MS, FL_EV_EXIT, 0, 0, 0, 50 * MS);
  emit (&b, 3, 100 * MS, FL_EV_EXIT, 0, 0, 0, 100 * MS);

  run = finish_run (&b, scenario, FL_MODE_THREADS, 3, 203 * MS);
  store = fl_run_get_store (run);

  fl_store_lock (store);
  for (gint64 i = 0; i <= 10; i++)
    add_lane_sample (store, 1, i * 10 * MS, i * 6 * MS, i * 4 * MS, 'R');
  for (gint64 i = 0; i <= 20; i++)
    add_lane_sample (store, 2, i * 10 * MS, MIN (i, 10) * 5 * MS, -1, i <= 10 ? 'R' : 'S');
  for (gint64 i = 0; i <= 10; i++)
    add_lane_sample (store, 3, i * 10 * MS, (i / 2) * 20 * MS + (i % 2) * 15 * MS, -1, 'R');

  fl_store_set_n_cores (store, 2);
  {
    const FlCoreSample core0[] = { { 0, 0.5f, 0 }, { 50 * MS, 1.0f, 0 }, { 100 * MS, 0.25f, 0 } };
    const FlCoreSample core1[] = { { 0, 0.0f, 0 }, { 50 * MS, 0.1f, 0 }, { 100 * MS, 1.0f, 0 } };

    for (guint i = 0; i < G_N_ELEMENTS (core0); i++)
      {
        fl_store_add_core_sample (store, 0, &core0[i]);
        fl_store_add_core_sample (store, 1, &core1[i]);
      }
  }
  fl_store_unlock (store);
  return run;
}

static void
test_summary_samples (void)
{
  g_autoptr(FlScenario) scenario = make_scenario ("oversubscription", FALSE, "start; join", "compute units=1");
  g_autoptr(FlRun) run = make_sampled_run (scenario);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *summary = summary_object (run, &root);
  JsonObject *samples = json_object_get_object_member (summary, "samples");
  JsonArray *cores = json_object_get_array_member (samples, "cores");
  JsonArray *workers = json_object_get_array_member (samples, "workers");
  JsonArray *core0;
  JsonObject *w, *kstates, *states;
  const char *verdict;

  g_assert_nonnull (strstr (json_object_get_string_member (samples, "smoothing"), "100 ms"));

  /* Per core, [t_ms, busy %]. */
  g_assert_cmpuint (json_array_get_length (cores), ==, 2);
  core0 = json_array_get_array_element (cores, 0);
  g_assert_cmpuint (json_array_get_length (core0), ==, 3);
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (core0, 1), 0), ==, 50);
  g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (core0, 0), 1), ==, 50.0);
  g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (core0, 1), 1), ==, 100.0);
  g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (core0, 2), 1), ==, 25.0);

  /* w 1: CPU and run-queue wait from schedstat. */
  g_assert_cmpuint (json_array_get_length (workers), ==, 3);
  w = find_by_int (workers, "id", 1);
  g_assert_cmpint (json_object_get_int_member (w, "cpu_ms"), ==, 60);
  g_assert_cmpint (json_object_get_int_member (w, "runnable_ms"), ==, 40);
  g_assert_cmpint (json_object_get_int_member (w, "samples"), ==, 11);
  kstates = json_object_get_object_member (w, "kernel_states");
  g_assert_cmpfloat (json_object_get_double_member (kstates, "R"), ==, 1.0);
  g_assert_cmpfloat (json_object_get_double_member (kstates, "S"), ==, 0.0);
  g_assert_true (json_object_has_member (kstates, "D"));
  g_assert_true (json_object_has_member (kstates, "Z"));
  states = json_object_get_object_member (lane_object (summary, 1), "states_ms");
  g_assert_cmpint (json_object_get_int_member (states, "running"), ==, 60);
  g_assert_cmpint (json_object_get_int_member (states, "runnable"), ==, 40);

  /* w 2: estimated, 11 samples in R and 10 in S. */
  w = find_by_int (workers, "id", 2);
  g_assert_cmpint (json_object_get_int_member (w, "runnable_ms"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (w, "cpu_ms"), ==, 50);
  kstates = json_object_get_object_member (w, "kernel_states");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (kstates, "R"), 11.0 / 21, 0.001);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (kstates, "S"), 10.0 / 21, 0.001);
  states = json_object_get_object_member (lane_object (summary, 2), "states_ms");
  g_assert_cmpint (json_object_get_int_member (states, "running"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (states, "runnable"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (states, "sleeping"), ==, 100);

  /* w 3: CPU time charged late is carried over, not counted as waiting. */
  w = find_by_int (workers, "id", 3);
  g_assert_cmpint (json_object_get_int_member (w, "runnable_ms"), ==, 0);
  states = json_object_get_object_member (lane_object (summary, 3), "states_ms");
  g_assert_cmpint (json_object_get_int_member (states, "running"), ==, 100);
  g_assert_cmpint (json_object_get_int_member (states, "runnable"), ==, 0);

  /* Runnable shares 40%, 25% and 0%. */
  verdict = json_object_get_string_member (summary, "verdict");
  assert_contains (verdict, "3 workers shared 2 cores: each waited for a core 22% of its time on average "
                            "(from 0% to 40%).");
  g_assert_null (strstr (verdict, "GIL"));

  /* Threads under the GIL queue for it rather than for a core: the verdict says how long. */
  {
    g_autoptr(FlScenario) with_gil = make_scenario ("oversubscription", TRUE, "start; join", "compute units=1");
    g_autoptr(FlRun) gil_run = make_sampled_run (with_gil);
    g_autofree char *gil_verdict = fl_summary_verdict (gil_run);

    assert_contains (gil_verdict, "Under the emulated GIL they waited for the GIL instead, 0% of their time "
                                  "on average.");
  }
}

static void
test_summary_downsample (void)
{
  g_autofree FlCoreSample *samples = g_new0 (FlCoreSample, 1200);
  g_autoptr(GArray) points = NULL;

  for (guint i = 0; i < 1200; i++)
    {
      samples[i].t = (gint64) i * 10 * MS;
      samples[i].busy = i % 3 == 0 ? 0.9f : 0.0f;
    }
  points = fl_measure_downsample_cores (samples, 1200, 500);
  /* Groups of three: every point is their mean. */
  g_assert_cmpuint (points->len, ==, 400);
  g_assert_cmpint (g_array_index (points, FlCoreSample, 1).t, ==, 40 * MS);
  g_assert_cmpfloat_with_epsilon (g_array_index (points, FlCoreSample, 1).busy, 0.3, 1e-6);
}

static FlRegion *
make_region (FlRegionKind  kind,
             guint64       start,
             guint64       end,
             int           lane,
             const char   *label)
{
  FlRegion *region = g_new0 (FlRegion, 1);

  region->kind = kind;
  region->start = start;
  region->end = end;
  region->rss_kb = G_MAXUINT64;
  region->lane = lane;
  region->label = g_strdup (label);
  return region;
}

static void
region_free (gpointer data)
{
  FlRegion *region = data;

  g_free (region->label);
  g_free (region);
}

static void
add_memory_sample (FlStore   *store,
                   guint      lane,
                   gint64     t,
                   guint64    rss,
                   guint64    pss,
                   guint64    shared_clean,
                   guint64    private_dirty,
                   GPtrArray *regions)
{
  FlMemorySample *sample = g_new0 (FlMemorySample, 1);

  sample->t = t;
  sample->pid = MAIN_PID + (int) lane;
  sample->lane = lane;
  sample->rss_kb = rss;
  sample->pss_kb = pss;
  sample->shared_clean_kb = shared_clean;
  sample->private_dirty_kb = private_dirty;
  sample->private_clean_kb = rss - shared_clean - private_dirty;
  sample->anon_kb = private_dirty;
  sample->regions = regions;
  fl_store_add_memory_sample (store, sample);
}

/* The main process (samples of 10000 then 12000 kB) and, with processes,
 * two workers; worker 1 allocated 64 MB and touched half. */
static FlRun *
make_memory_run (FlScenario *scenario,
                 FlMode      mode)
{
  GPtrArray *regions;
  FlStore *store;
  FlRun *run;
  Builder b;

  builder_init (&b);
  add_lanes (&b, mode, 2);
  emit_main (&b, 2, 0, 201 * MS);
  for (guint k = 1; k <= 2; k++)
    {
      emit_start (&b, mode, k, 1 * MS);
      emit (&b, k, 200 * MS, FL_EV_EXIT, 0, 0, 0, 10 * MS);
    }
  emit (&b, 1, 10 * MS, FL_EV_RESULT, 0, FL_RESULT_ALLOC, 64 << 20, 0);
  emit (&b, 1, 20 * MS, FL_EV_RESULT, 0, FL_RESULT_ALLOC, 0, 32 << 20);
  run = finish_run (&b, scenario, mode, 2, 203 * MS);
  store = fl_run_get_store (run);

  fl_store_lock (store);
  regions = g_ptr_array_new_with_free_func (region_free);
  g_ptr_array_add (regions, make_region (FL_REGION_CODE, 0x400000, 0x500000, -1, "/usr/libexec/forkline-runner"));
  g_ptr_array_add (regions, make_region (FL_REGION_HEAP, 0x600000, 0x700000, -1, "[heap]"));
  add_memory_sample (store, 0, 50 * MS, 10000, 6000, 4000, 5000, NULL);
  add_memory_sample (store, 0, 100 * MS, 12000, 7000, 4000, 7000, regions);
  if (mode != FL_MODE_THREADS)
    {
      regions = g_ptr_array_new_with_free_func (region_free);
      g_ptr_array_add (regions, make_region (FL_REGION_STACK, G_GUINT64_CONSTANT (0x7ff000000000),
                                             G_GUINT64_CONSTANT (0x7ff000800000), 1, "[stack]"));
      add_memory_sample (store, 1, 60 * MS, 9000, 5000, 6000, 3000, NULL);
      add_memory_sample (store, 1, 110 * MS, 8000, 4500, 5000, 3000, regions);
      add_memory_sample (store, 2, 60 * MS, 7000, 4000, 5000, 2000, NULL);
    }
  fl_store_unlock (store);
  return run;
}

static void
test_summary_memory (void)
{
  g_autoptr(FlScenario) scenario = make_scenario ("memory", FALSE, "start; join", "alloc 64; touch 0.5");
  g_autoptr(FlRun) run = make_memory_run (scenario, FL_MODE_FORK);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = fl_summary_format_text (run);
  JsonObject *summary = summary_object (run, &root);
  JsonArray *memory = json_object_get_array_member (summary, "memory");
  JsonObject *results = json_object_get_object_member (summary, "results");
  JsonObject *alloc = json_object_get_object_member (results, "memory_alloc");
  JsonObject *space, *region;
  JsonArray *regions;

  g_assert_cmpuint (json_array_get_length (memory), ==, 3);
  space = json_array_get_object_element (memory, 0);
  g_assert_cmpstr (json_object_get_string_member (space, "role"), ==, "main");
  g_assert_cmpint (json_object_get_int_member (space, "pid"), ==, MAIN_PID);
  g_assert_cmpint (json_object_get_int_member (space, "rss_kb"), ==, 12000);
  g_assert_cmpint (json_object_get_int_member (space, "peak_rss_kb"), ==, 12000);
  regions = json_object_get_array_member (space, "regions");
  g_assert_cmpuint (json_array_get_length (regions), ==, 2);
  region = json_array_get_object_element (regions, 1);
  g_assert_cmpstr (json_object_get_string_member (region, "kind"), ==, "heap");
  g_assert_cmpstr (json_object_get_string_member (region, "start"), ==, "0x600000");
  g_assert_cmpstr (json_object_get_string_member (region, "end"), ==, "0x700000");
  g_assert_cmpstr (json_object_get_string_member (region, "label"), ==, "[heap]");
  g_assert_true (json_object_get_null_member (region, "worker"));

  /* Worker 1: the latest sample, and the peak of the earlier one. */
  space = json_array_get_object_element (memory, 1);
  g_assert_cmpstr (json_object_get_string_member (space, "role"), ==, "worker");
  g_assert_cmpint (json_object_get_int_member (space, "worker"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (space, "pid"), ==, MAIN_PID + 1);
  g_assert_cmpint (json_object_get_int_member (space, "rss_kb"), ==, 8000);
  g_assert_cmpint (json_object_get_int_member (space, "pss_kb"), ==, 4500);
  g_assert_cmpint (json_object_get_int_member (space, "shared_kb"), ==, 5000);
  g_assert_cmpint (json_object_get_int_member (space, "private_kb"), ==, 3000);
  g_assert_cmpint (json_object_get_int_member (space, "private_dirty_kb"), ==, 3000);
  g_assert_cmpint (json_object_get_int_member (space, "peak_rss_kb"), ==, 9000);
  region = json_array_get_object_element (json_object_get_array_member (space, "regions"), 0);
  g_assert_cmpstr (json_object_get_string_member (region, "kind"), ==, "stack");
  g_assert_cmpstr (json_object_get_string_member (region, "start"), ==, "0x7ff000000000");
  g_assert_cmpint (json_object_get_int_member (region, "worker"), ==, 1);
  /* Worker 2's sample read no regions. */
  space = json_array_get_object_element (memory, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (space, "regions")), ==, 0);

  g_assert_cmpfloat (json_object_get_double_member (alloc, "allocated_mb"), ==, 64.0);
  g_assert_cmpfloat (json_object_get_double_member (alloc, "touched_mb"), ==, 32.0);

  /* Peaks: main 12000/7000 kB; workers 9000/5000 and 7000/4000, shared
   * 6000 and 5000, private dirty 3000 and 2000. */
  assert_contains (json_object_get_string_member (summary, "verdict"),
                   "3 address spaces, one per process: the main process peaked at 11.7 MB resident (PSS 6.8 MB), "
                   "each worker at 7.8 MB on average (PSS 4.4 MB). A forked worker still shared 5.4 MB with the "
                   "others on average, and had 2.4 MB private and dirty");
  assert_contains (text, "Memory at its peak (RSS / PSS): main 11.7 MB / 6.8 MB, w 1 8.8 MB / 4.9 MB, "
                         "w 2 6.8 MB / 3.9 MB\n");
  assert_contains (text, "Allocated 64.0 MB, touched 32.0 MB\n");
}

static void
test_summary_memory_threads (void)
{
  g_autoptr(FlScenario) scenario = make_scenario ("memory", FALSE, "start; join", "alloc 64; touch 0.5");
  g_autoptr(FlRun) run = make_memory_run (scenario, FL_MODE_THREADS);
  g_autoptr(FlRun) unsampled = make_gil_run (scenario, FL_MODE_FORK);
  g_autofree char *verdict = fl_summary_verdict (run);
  g_autofree char *none = fl_summary_verdict (unsampled);

  assert_contains (verdict, "The main process and its 2 threads share one address space: "
                            "at its peak, 11.7 MB resident (PSS 6.8 MB).");
  assert_contains (none, "Memory was not sampled");
}

/* w 1 sends four messages to w 2, which receives three. */
static FlRun *
make_messages_run (FlScenario *scenario)
{
  const gint64 sent[] = { 10, 20, 30, 50 };
  const gint64 received[] = { 11, 23, 40 };
  Builder b;

  builder_init (&b);
  add_lanes (&b, FL_MODE_THREADS, 2);
  emit_main (&b, 2, 0, 61 * MS);
  for (guint k = 1; k <= 2; k++)
    emit_start (&b, FL_MODE_THREADS, k, 0);
  for (guint i = 0; i < G_N_ELEMENTS (sent); i++)
    emit (&b, 1, sent[i] * MS, FL_EV_SEND, 0, 0, (1u << 20) | (i + 1), 64);
  emit (&b, 2, 0, FL_EV_STATE, FL_STATE_IO, FL_REASON_RECEIVE, 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (received); i++)
    emit (&b, 2, received[i] * MS, FL_EV_RECEIVE, 0, 0, (1u << 20) | (i + 1), 64);
  for (guint k = 1; k <= 2; k++)
    emit (&b, k, 60 * MS, FL_EV_EXIT, 0, 0, 0, 1 * MS);
  return finish_run (&b, scenario, FL_MODE_THREADS, 2, 63 * MS);
}

static void
test_summary_messages (void)
{
  g_autoptr(FlScenario) scenario = make_scenario ("messages", FALSE, "start; join", "send");
  g_autoptr(FlRun) run = make_messages_run (scenario);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  JsonObject *summary, *messages, *latency, *first, *last;
  JsonArray *list;

  summary = summary_object (run, &root);
  messages = json_object_get_object_member (summary, "messages");
  g_assert_cmpint (json_object_get_int_member (messages, "count"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (messages, "received"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (messages, "bytes"), ==, 256);
  latency = json_object_get_object_member (messages, "latency_ms");
  g_assert_cmpfloat (json_object_get_double_member (latency, "median"), ==, 3.0);
  g_assert_cmpfloat (json_object_get_double_member (latency, "max"), ==, 10.0);
  /* Three received between 10 and 40 ms. */
  g_assert_cmpfloat (json_object_get_double_member (messages, "per_second"), ==, 100.0);

  list = json_object_get_array_member (messages, "list");
  g_assert_cmpuint (json_array_get_length (list), ==, 4);
  first = json_array_get_object_element (list, 0);
  g_assert_cmpint (json_object_get_int_member (first, "id"), ==, (1 << 20) | 1);
  g_assert_cmpint (json_object_get_int_member (first, "from"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (first, "to"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (first, "sent_ms"), ==, 10.0);
  g_assert_cmpfloat (json_object_get_double_member (first, "received_ms"), ==, 11.0);
  last = json_array_get_object_element (list, 3);
  g_assert_true (json_object_get_null_member (last, "to"));
  g_assert_true (json_object_get_null_member (last, "received_ms"));

  assert_contains (json_object_get_string_member (summary, "verdict"),
                   "3 messages went from sender to receiver, 100 per second, taking 3.0 ms in the median "
                   "and 10 ms at most. 1 was never received.");
  text = fl_summary_format_text (run);
  assert_contains (text, "Messages: 4 sent, 3 received, latency 3.0 ms in the median, 10 ms at most\n");
}

/* Four workers increment a counter 1000 times each. */
static FlRun *
make_race_run (FlScenario *scenario,
               gboolean    locked,
               guint64     counter)
{
  Builder b;

  builder_init (&b);
  add_lanes (&b, FL_MODE_THREADS, 4);
  emit_main (&b, 4, 0, 101 * MS);
  emit (&b, 0, 101 * MS, FL_EV_RESULT, 0, FL_RESULT_COUNTER, counter, 0);
  for (guint k = 1; k <= 4; k++)
    {
      emit_start (&b, FL_MODE_THREADS, k, 0);
      if (locked)
        {
          emit (&b, k, 10 * MS, FL_EV_STATE, FL_STATE_LOCK, FL_REASON_LOCK, 0, 0);
          emit (&b, k, 20 * MS, FL_EV_STATE, FL_STATE_RUNNING, FL_REASON_LOCK, 0, 0);
        }
      emit (&b, k, 100 * MS, FL_EV_RESULT, 0, FL_RESULT_INCREMENTS, 1000, locked);
      emit (&b, k, 100 * MS, FL_EV_EXIT, 0, 0, 0, 90 * MS);
    }
  return finish_run (&b, scenario, FL_MODE_THREADS, 4, 103 * MS);
}

static void
test_summary_race (void)
{
  g_autoptr(FlScenario) scenario = make_scenario ("race", FALSE, "start; join", "increment times=1000");
  g_autoptr(FlRun) racy = make_race_run (scenario, FALSE, 2731);
  g_autoptr(FlRun) locked = make_race_run (scenario, TRUE, 4000);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) locked_root = NULL;
  g_autofree char *text = fl_summary_format_text (racy);
  JsonObject *summary = summary_object (racy, &root);
  JsonObject *counter = json_object_get_object_member (json_object_get_object_member (summary, "results"), "counter");

  g_assert_cmpint (json_object_get_int_member (counter, "expected"), ==, 4000);
  g_assert_cmpint (json_object_get_int_member (counter, "actual"), ==, 2731);
  g_assert_cmpint (json_object_get_int_member (counter, "lost"), ==,
                   json_object_get_int_member (counter, "expected") - json_object_get_int_member (counter, "actual"));
  g_assert_false (json_object_get_boolean_member (counter, "locked"));
  assert_contains (json_object_get_string_member (summary, "verdict"),
                   "The workers made 4000 increments without a lock, and the counter ended at 2731. "
                   "1269 updates were lost (31.7%).");
  assert_contains (text, "Counter: 4000 increments without a lock, final value 2731, 1269 lost\n");

  summary = summary_object (locked, &locked_root);
  counter = json_object_get_object_member (json_object_get_object_member (summary, "results"), "counter");
  g_assert_cmpint (json_object_get_int_member (counter, "lost"), ==, 0);
  g_assert_true (json_object_get_boolean_member (counter, "locked"));
  /* Four workers waited 10 ms each for the lock. */
  assert_contains (json_object_get_string_member (summary, "verdict"),
                   "The workers made 4000 increments, each under the lock, and the counter ended at 4000. "
                   "None was lost; the workers waited 40 ms in all for the lock.");
}

/* "get; set 42; start; join; get" in the main process; each worker reads
 * @first[k], then writes 1000 + k and reads it back.  @after is what the
 * main process reads at the end. */
static FlRun *
make_globals_run_full (FlScenario    *scenario,
                       FlMode         mode,
                       const gint64  *first,
                       gint64         after,
                       const guint64 *fds,
                       const guint64 *fds_opened)
{
  Builder b;

  builder_init (&b);
  add_lanes (&b, mode, 2);
  emit_main (&b, 2, 1 * MS, 101 * MS);
  emit (&b, 0, 0, FL_EV_RESULT, 0, FL_RESULT_GLOBAL_SEEN, 0, MAIN_PID);
  emit (&b, 0, 0, FL_EV_RESULT, 0, FL_RESULT_GLOBAL_SET, 42, MAIN_PID);
  if (fds != NULL)
    {
      /* "open; fds" before the start; each worker runs `fds` too. */
      emit (&b, 0, 0, FL_EV_RESULT, 0, FL_RESULT_OPENED, 4, 123456);
      emit (&b, 0, 0, FL_EV_RESULT, 0, FL_RESULT_DESCRIPTORS, fds[0], fds_opened[0]);
      for (guint k = 1; k <= 2; k++)
        emit (&b, k, 2 * MS, FL_EV_RESULT, 0, FL_RESULT_DESCRIPTORS, fds[k], fds_opened[k]);
    }
  emit (&b, 0, 101 * MS, FL_EV_RESULT, 0, FL_RESULT_GLOBAL_SEEN, (guint64) after, MAIN_PID);
  for (guint k = 1; k <= 2; k++)
    {
      guint64 pid = mode == FL_MODE_THREADS ? MAIN_PID : MAIN_PID + k;

      /* Started 100 µs and 300 µs after being asked for. */
      emit_start (&b, mode, k, 1 * MS + (k == 1 ? 100 : 300) * 1000);
      emit (&b, k, 2 * MS, FL_EV_RESULT, 0, FL_RESULT_GLOBAL_SEEN, (guint64) first[k], pid);
      emit (&b, k, 2 * MS, FL_EV_RESULT, 0, FL_RESULT_GLOBAL_SET, 1000 + k, pid);
      emit (&b, k, 2 * MS, FL_EV_RESULT, 0, FL_RESULT_GLOBAL_SEEN, 1000 + k, pid);
      emit (&b, k, 100 * MS, FL_EV_EXIT, 0, 0, 0, 1 * MS);
    }
  return finish_run (&b, scenario, mode, 2, 103 * MS);
}

static FlRun *
make_globals_run (FlScenario   *scenario,
                  FlMode        mode,
                  const gint64 *first,
                  gint64        after)
{
  return make_globals_run_full (scenario, mode, first, after, NULL, NULL);
}

static void
test_summary_globals (void)
{
  g_autoptr(FlScenario) scenario = make_scenario ("globals", FALSE, "get; set 42; start; join; get",
                                                  "get; set 1000 + worker; get");
  const gint64 forked[] = { 0, 42, 42 };
  const gint64 threads[] = { 0, 42, 1001 };
  g_autoptr(FlRun) fork_run = make_globals_run (scenario, FL_MODE_FORK, forked, 42);
  g_autoptr(FlRun) thread_run = make_globals_run (scenario, FL_MODE_THREADS, threads, 1002);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *thread_verdict = fl_summary_verdict (thread_run);
  g_autofree char *text = fl_summary_format_text (fork_run);
  JsonObject *summary = summary_object (fork_run, &root);
  JsonObject *globals = json_object_get_object_member (json_object_get_object_member (summary, "results"), "globals");
  JsonArray *set = json_object_get_array_member (globals, "set");
  JsonArray *seen = json_object_get_array_member (globals, "seen");
  JsonObject *entry;

  g_assert_cmpint (json_object_get_int_member (globals, "initial"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (globals, "parent_before"), ==, 42);
  g_assert_cmpint (json_object_get_int_member (globals, "parent_after"), ==, 42);
  g_assert_cmpuint (json_array_get_length (set), ==, 3);
  entry = find_by_int (set, "worker", 2);
  g_assert_cmpint (json_object_get_int_member (entry, "value"), ==, 1002);
  g_assert_cmpuint (json_array_get_length (seen), ==, 6);
  entry = find_by_int (seen, "worker", 1);
  g_assert_cmpint (json_object_get_int_member (entry, "pid"), ==, MAIN_PID + 1);
  g_assert_cmpint (json_object_get_int_member (entry, "value"), ==, 42);

  assert_contains (json_object_get_string_member (summary, "verdict"),
                   "The main process saw 42 before starting its workers and 42 after joining them. "
                   "All 2 workers first read 42. The workers' writes never reached the main process: "
                   "each process has its own copy.");
  assert_contains (text, "Global variable: main saw 42 before its workers and 42 after; the workers saw 42, 1001, "
                         "42, 1002\n");

  assert_contains (thread_verdict, "The main process saw 42 before starting its workers and 1002 after joining "
                                   "them. The workers first read 42 and 1001. A worker's write reached the main "
                                   "process: they share one variable.");
}

static void
test_summary_fork_vs_spawn (void)
{
  g_autoptr(FlScenario) scenario = make_scenario ("fork-vs-spawn", FALSE, "get; set 42; start; join; get",
                                                  "get; set 1000 + worker; get");
  const gint64 forked[] = { 0, 42, 42 };
  const gint64 spawned[] = { 0, 0, 0 };
  g_autoptr(FlRun) fork_run = make_globals_run (scenario, FL_MODE_FORK, forked, 42);
  g_autoptr(FlRun) spawn_run = make_globals_run (scenario, FL_MODE_SPAWN, spawned, 42);
  g_autofree char *fork_verdict = fl_summary_verdict (fork_run);
  g_autofree char *spawn_verdict = fl_summary_verdict (spawn_run);

  assert_contains (fork_verdict, "2 forked processes started a median 200 µs after the main process asked for "
                                 "them (from 100 µs to 300 µs). Each saw the global variable as 42, the value "
                                 "the main process held when it started them.");
  assert_contains (spawn_verdict, "2 spawned processes started a median 200 µs");
  assert_contains (spawn_verdict, "Each saw the global variable as 0, the program's initial value, "
                                  "not the main process's 42.");
}

/* `open` in the main process, `fds` in each: a forked child has the
 * main process's file among its descriptors, a spawned one does not. */
static void
test_summary_descriptors (void)
{
  g_autoptr(FlScenario) scenario = make_scenario ("fork-vs-spawn", FALSE, "get; set 42; open; fds; start; join; get",
                                                  "get; fds; set 1000 + worker; get");
  const gint64 forked[] = { 0, 42, 42 };
  const gint64 spawned[] = { 0, 0, 0 };
  const guint64 fork_fds[] = { 5, 5, 5 }, fork_found[] = { 1, 1, 1 };
  const guint64 spawn_fds[] = { 5, 4, 4 }, spawn_found[] = { 1, 0, 0 };
  const guint64 mixed_fds[] = { 5, 5, 4 }, mixed_found[] = { 1, 1, 0 };
  g_autoptr(FlRun) fork_run = make_globals_run_full (scenario, FL_MODE_FORK, forked, 42, fork_fds, fork_found);
  g_autoptr(FlRun) spawn_run = make_globals_run_full (scenario, FL_MODE_SPAWN, spawned, 42, spawn_fds, spawn_found);
  g_autoptr(FlRun) mixed_run = make_globals_run_full (scenario, FL_MODE_FORK, forked, 42, mixed_fds, mixed_found);
  g_autofree char *fork_verdict = fl_summary_verdict (fork_run);
  g_autofree char *spawn_verdict = fl_summary_verdict (spawn_run);
  g_autofree char *mixed_verdict = fl_summary_verdict (mixed_run);
  g_autofree char *text = fl_summary_format_text (spawn_run);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *summary = summary_object (spawn_run, &root);
  JsonObject *descriptors = json_object_get_object_member (json_object_get_object_member (summary, "results"),
                                                           "descriptors");
  JsonArray *opened = json_object_get_array_member (descriptors, "opened");
  JsonArray *processes = json_object_get_array_member (descriptors, "processes");
  JsonObject *entry;

  assert_contains (fork_verdict, "the value the main process held when it started them. The main process opened "
                                 "a file and then held 5 open descriptors. Every worker had that file among its "
                                 "own 5 descriptors.");
  assert_contains (spawn_verdict, "not the main process's 42. The main process opened a file and then held 5 open "
                                  "descriptors. No worker had that file: each held 4 descriptors of its own.");
  assert_contains (mixed_verdict, "1 of the 2 workers had that file.");
  assert_contains (text, "Descriptors: main held 5; the workers held 4, 4; 0 of 2 workers had the main "
                         "process's opened files\n");

  g_assert_cmpuint (json_array_get_length (opened), ==, 1);
  entry = json_array_get_object_element (opened, 0);
  g_assert_cmpint (json_object_get_int_member (entry, "worker"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (entry, "fd"), ==, 4);
  g_assert_cmpuint (json_array_get_length (processes), ==, 3);
  entry = find_by_int (processes, "worker", 0);
  g_assert_cmpint (json_object_get_int_member (entry, "count"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (entry, "opened_found"), ==, 1);
  g_assert_false (json_object_has_member (entry, "inherited"));
  entry = find_by_int (processes, "worker", 2);
  g_assert_cmpint (json_object_get_int_member (entry, "pid"), ==, MAIN_PID + 2);
  g_assert_cmpint (json_object_get_int_member (entry, "count"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (entry, "opened_found"), ==, 0);
  g_assert_false (json_object_get_boolean_member (entry, "inherited"));
}

/* Worker 2 crashes with SIGSEGV at 50 ms; in threads mode the process dies with it. */
static FlRun *
make_crash_run (FlScenario *scenario,
                FlMode      mode)
{
  g_autoptr(FlStore) store = NULL;
  const guint order[] = { 1, 2, 3, 0 };
  Builder b;

  builder_init (&b);
  add_lanes (&b, mode, 3);
  emit (&b, 0, 0, FL_EV_RUN_START, 0, 0, MAIN_PID, MAIN_PID);
  for (guint k = 1; k <= 3; k++)
    {
      emit (&b, 0, 0, FL_EV_CREATE, 0, (guint16) k, 0, 0);
      emit_start (&b, mode, k, 1 * MS);
    }
  emit (&b, 2, 50 * MS, FL_EV_CRASH, SIGSEGV, 0, 0, 0);
  if (mode == FL_MODE_THREADS)
    {
      store = builder_finish (&b, order, 4, 60 * MS);
      /* The observer's view: every thread ended when the process died. */
      fl_store_end_unfinished (store, 50 * MS, SIGSEGV, FALSE);
      return fl_run_new_for_store (scenario, store, mode, 3);
    }
  emit (&b, 1, 100 * MS, FL_EV_EXIT, 0, 0, 0, 1 * MS);
  emit (&b, 3, 100 * MS, FL_EV_EXIT, 0, 0, 0, 1 * MS);
  emit (&b, 0, 101 * MS, FL_EV_JOIN, 0, 1, 0, 0);
  emit (&b, 0, 101 * MS, FL_EV_JOIN, 0, 2, SIGSEGV, 0);
  emit (&b, 0, 101 * MS, FL_EV_JOIN, 0, 3, 0, 0);
  emit (&b, 0, 102 * MS, FL_EV_EXIT, 0, 0, 0, 1 * MS);
  store = builder_finish (&b, order, 4, 103 * MS);
  return fl_run_new_for_store (scenario, store, mode, 3);
}

static void
test_summary_crash (void)
{
  g_autoptr(FlScenario) scenario = make_scenario ("crash", FALSE, "start; join", "crash");
  g_autoptr(FlRun) threads = make_crash_run (scenario, FL_MODE_THREADS);
  g_autoptr(FlRun) forked = make_crash_run (scenario, FL_MODE_FORK);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *fork_verdict = fl_summary_verdict (forked);
  JsonObject *summary = summary_object (threads, &root);

  for (guint k = 0; k <= 3; k++)
    g_assert_cmpstr (json_object_get_string_member (lane_object (summary, k), "exit"), ==, "signal:SIGSEGV");
  assert_contains (json_object_get_string_member (summary, "verdict"),
                   "In threads mode, worker 2 crashed with SIGSEGV and the whole process died: "
                   "all 4 threads ended with it, the main one included.");
  assert_contains (fork_verdict, "Only worker 2 (pid 1002) crashed, with SIGSEGV. "
                                 "2 other workers finished, and the main process went on to its end.");
}

/* Three processes asked for at 0, started 100, 300 and 200 µs later, exited
 * at 100 ms and reaped at 2.1 s, 2.1 s and 100.012 ms. */
static FlRun *
make_zombie_run (FlScenario *scenario,
                 FlMode      mode)
{
  const gint64 latency_us[] = { 0, 100, 300, 200 };
  const gint64 reaped[] = { 0, 2100 * MS, 2100 * MS, 100 * MS + 12000 };
  Builder b;

  builder_init (&b);
  add_lanes (&b, mode, 3);
  emit (&b, 0, 0, FL_EV_RUN_START, 0, 0, MAIN_PID, MAIN_PID);
  for (guint k = 1; k <= 3; k++)
    {
      emit (&b, 0, 0, FL_EV_CREATE, 0, (guint16) k, 0, 0);
      emit_start (&b, mode, k, latency_us[k] * 1000);
      emit (&b, k, 100 * MS, FL_EV_EXIT, 0, 0, 0, 1 * MS);
    }
  emit (&b, 0, 1 * MS, FL_EV_STATE, FL_STATE_SLEEPING, FL_REASON_SLEEP, 2 * SEC, 0);
  emit (&b, 0, reaped[3], FL_EV_JOIN, 0, 3, 0, 0);
  emit (&b, 0, reaped[1], FL_EV_JOIN, 0, 1, 0, 0);
  emit (&b, 0, reaped[2], FL_EV_JOIN, 0, 2, 0, 0);
  emit (&b, 0, 2101 * MS, FL_EV_EXIT, 0, 0, 0, 1 * MS);
  return finish_run (&b, scenario, mode, 3, 2102 * MS);
}

static void
test_summary_zombie_startup (void)
{
  g_autoptr(FlScenario) zombie = make_scenario ("zombie", FALSE, "start; join-after 2", "sleep 0.1");
  g_autoptr(FlScenario) startup = make_scenario ("startup", FALSE, "start; join-after 2", "sleep 0.1");
  g_autoptr(FlRun) forked = make_zombie_run (zombie, FL_MODE_FORK);
  g_autoptr(FlRun) threads = make_zombie_run (zombie, FL_MODE_THREADS);
  g_autoptr(FlRun) started = make_zombie_run (startup, FL_MODE_FORK);
  g_autofree char *fork_verdict = fl_summary_verdict (forked);
  g_autofree char *thread_verdict = fl_summary_verdict (threads);
  g_autofree char *startup_verdict = fl_summary_verdict (started);

  assert_contains (fork_verdict, "Each worker process stayed a zombie from its exit until the main process "
                                 "reaped it: worker 1 for 2.0 s, worker 2 for 2.0 s and worker 3 for 12 µs.");
  assert_contains (thread_verdict, "The 3 workers were threads of the main process");
  assert_contains (startup_verdict, "3 forked processes started a median 200 µs after the main process asked "
                                    "for them (from 100 µs to 300 µs).");
}

/* Two threads make ten requests of a nominal 1 ms each that take 6 ms. */
static FlRun *
make_io_run (FlScenario *scenario,
             guint       n_io)
{
  Builder b;

  builder_init (&b);
  add_lanes (&b, FL_MODE_THREADS, 2);
  emit_main (&b, 2, 0, 81 * MS);
  for (guint k = 1; k <= 2; k++)
    {
      emit_start (&b, FL_MODE_THREADS, k, 0);
      if (k <= n_io)
        {
          for (guint i = 0; i < 10; i++)
            {
              emit (&b, k, (gint64) i * 8 * MS, FL_EV_STATE, FL_STATE_IO, FL_REASON_READ, 1 * MS, 0);
              emit (&b, k, (gint64) i * 8 * MS + 6 * MS, FL_EV_STATE, FL_STATE_RUNNING, FL_REASON_READ, 0, 0);
            }
          emit (&b, k, 80 * MS, FL_EV_RESULT, 0, FL_RESULT_IO_REQUESTS, 10, 60 * MS);
        }
      emit (&b, k, 80 * MS, FL_EV_EXIT, 0, 0, 0, 1 * MS);
    }
  return finish_run (&b, scenario, FL_MODE_THREADS, 2, 83 * MS);
}

static void
test_summary_io_convoy (void)
{
  g_autoptr(FlScenario) io = make_scenario ("io", FALSE, "start; join", "io latency=0.001");
  g_autoptr(FlScenario) convoy = make_scenario ("convoy", TRUE, "start; join", "io latency=0.001");
  g_autoptr(FlRun) io_run = make_io_run (io, 2);
  g_autoptr(FlRun) convoy_run = make_io_run (convoy, 1);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *convoy_verdict = fl_summary_verdict (convoy_run);
  JsonObject *summary = summary_object (io_run, &root);
  JsonObject *results = json_object_get_object_member (summary, "results");
  JsonObject *io_object = json_object_get_object_member (results, "io");

  g_assert_cmpint (json_object_get_int_member (io_object, "requests"), ==, 20);
  g_assert_cmpfloat (json_object_get_double_member (io_object, "mean_wait_ms"), ==, 6.0);
  g_assert_cmpint (json_object_get_int_member (results, "io_wait_ms"), ==, 120);
  assert_contains (json_object_get_string_member (summary, "verdict"),
                   "2 workers waited 120 ms for I/O in all, within 80 ms: their waits overlapped 1.5-fold. "
                   "That is 20 requests, of 6.0 ms each on average.");
  assert_contains (convoy_verdict, "The I/O requests of worker 1 took 6.0 ms on average, for a nominal 1.0 ms: "
                                   "5.0 ms more. The emulated GIL was on, with a switch interval of 5.0 ms.");
}

/* Two threads asked for I/O five times each, then the run was stopped:
 * they never reported their results, but their lanes show the requests. */
static void
test_summary_stopped_io (void)
{
  g_autoptr(FlScenario) scenario = make_scenario ("io", FALSE, "start; join", "io latency=0.001");
  g_autoptr(FlStore) store = NULL;
  g_autoptr(FlRun) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  const guint order[] = { 1, 2, 0 };
  JsonObject *summary;
  const char *verdict;
  Builder b;

  builder_init (&b);
  add_lanes (&b, FL_MODE_THREADS, 2);
  emit (&b, 0, 0, FL_EV_RUN_START, 0, 0, MAIN_PID, MAIN_PID);
  for (guint k = 1; k <= 2; k++)
    emit (&b, 0, 0, FL_EV_CREATE, 0, (guint16) k, 0, 0);
  emit (&b, 0, 0, FL_EV_STATE, FL_STATE_JOIN, FL_REASON_JOIN, 1, 0);
  for (guint k = 1; k <= 2; k++)
    {
      emit_start (&b, FL_MODE_THREADS, k, 0);
      for (guint i = 0; i < 5; i++)
        {
          emit (&b, k, (gint64) i * 8 * MS, FL_EV_STATE, FL_STATE_IO, FL_REASON_READ, 1 * MS, 0);
          emit (&b, k, (gint64) i * 8 * MS + 6 * MS, FL_EV_STATE, FL_STATE_RUNNING, FL_REASON_READ, 0, 0);
        }
    }
  store = builder_finish (&b, order, 3, 40 * MS);
  fl_store_end_unfinished (store, 40 * MS, SIGKILL, TRUE);
  run = fl_run_new_for_store (scenario, store, FL_MODE_THREADS, 2);

  summary = summary_object (run, &root);
  verdict = json_object_get_string_member (summary, "verdict");
  g_assert_true (json_object_get_boolean_member (summary, "stopped"));
  g_assert_true (json_object_get_boolean_member (lane_object (summary, 1), "stopped"));
  g_assert_null (strstr (verdict, "No I/O request"));
  assert_contains (verdict, "The run was stopped after 40 ms.");
  assert_contains (verdict, "2 workers waited 60 ms for I/O in all");
  assert_contains (verdict, "That is 10 requests, of 6.0 ms each on average.");
}

/* Two processes use 50 ms of CPU each in 100 ms on two cores.  The cores
 * are @core_busy busy all the while: at 1.0, other programs had a core's
 * worth of the machine, and the verdict must say so. */
static FlRun *
make_load_run (FlScenario *scenario,
               float       core_busy)
{
  FlStore *store;
  FlRun *run;
  Builder b;

  builder_init (&b);
  add_lanes (&b, FL_MODE_FORK, 2);
  emit_main (&b, 2, 0, 101 * MS);
  for (guint k = 1; k <= 2; k++)
    {
      emit_start (&b, FL_MODE_FORK, k, 0);
      emit (&b, k, 0, FL_EV_STATE, FL_STATE_RUNNING, FL_REASON_COMPUTE, 10, 0);
      emit (&b, k, 100 * MS, FL_EV_EXIT, 0, 0, 0, 50 * MS);
    }
  run = finish_run (&b, scenario, FL_MODE_FORK, 2, 103 * MS);
  store = fl_run_get_store (run);

  fl_store_lock (store);
  fl_store_set_n_cores (store, 2);
  for (gint64 i = 0; i <= 10; i++)
    {
      FlCoreSample core = { i * 10 * MS, core_busy, 0 };

      for (guint k = 1; k <= 2; k++)
        add_lane_sample (store, k, i * 10 * MS, i * 5 * MS, -1, 'R');
      fl_store_add_core_sample (store, 0, &core);
      fl_store_add_core_sample (store, 1, &core);
    }
  fl_store_unlock (store);
  return run;
}

static void
test_summary_busy_machine (void)
{
  g_autoptr(FlScenario) scenario = make_scenario ("speedup", FALSE, "start; join", "compute units=1");
  g_autoptr(FlRun) busy = make_load_run (scenario, 1.0f);
  g_autoptr(FlRun) quiet = make_load_run (scenario, 0.5f);
  g_autoptr(JsonNode) busy_root = NULL;
  g_autoptr(JsonNode) quiet_root = NULL;
  JsonObject *busy_summary = summary_object (busy, &busy_root);
  JsonObject *quiet_summary = summary_object (quiet, &quiet_root);
  const char *busy_verdict = json_object_get_string_member (busy_summary, "verdict");
  const char *quiet_verdict = json_object_get_string_member (quiet_summary, "verdict");

  /* One speed-up: the same figure in the verdict and in the summary. */
  assert_contains (busy_verdict, "2 workers used 100 ms of CPU in 100 ms: a speed-up of 1.00× over one core.");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (busy_summary, "speedup"), 1.0, 1e-9);

  assert_contains (busy_verdict, "Other programs kept the cores busy during the run "
                                 "(1.0 of 2 cores’ time on average): these figures may be off.");
  g_assert_true (json_object_get_boolean_member (busy_summary, "busy_machine"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (busy_summary, "other_programs_cores"), 1.0, 1e-6);

  g_assert_null (strstr (quiet_verdict, "Other programs"));
  g_assert_false (json_object_get_boolean_member (quiet_summary, "busy_machine"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (quiet_summary, "other_programs_cores"), 0.0, 1e-6);
}

/* Every kind in the table has a test above; a new one needs one too. */
static void
test_summary_verdict_kinds (void)
{
  const char *tested[] = { "overlap", "speedup", "race", "globals", "crash", "memory", "messages", "zombie",
                           "io", "startup", "convoy", "oversubscription", "fork-vs-spawn",
                           "program" /* tests/test-python.c */ };
  g_autofree const char **kinds = fl_summary_get_verdict_kinds ();

  g_assert_cmpuint (g_strv_length ((char **) kinds), ==, G_N_ELEMENTS (tested));
  for (guint i = 0; i < G_N_ELEMENTS (tested); i++)
    g_assert_true (g_strv_contains (kinds, tested[i]));
}

static void
test_signal_name (void)
{
  g_autofree char *segv = fl_signal_name (SIGSEGV);
  g_autofree char *kill = fl_signal_name (SIGKILL);

  g_assert_cmpstr (segv, ==, "SIGSEGV");
  g_assert_cmpstr (kill, ==, "SIGKILL");
}

/* ---- Chrome trace tests -------------------------------------------------- */

static JsonNode *
load_json_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* Checks what every trace must hold; returns the number of X events. */
static guint
check_trace_events (JsonArray *events)
{
  g_autoptr(GHashTable) last_ts = g_hash_table_new_full (fl_test_track_hash, fl_test_track_equal, g_free, g_free);
  guint n_x = 0;

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *ev = json_array_get_object_element (events, i);
      const char *ph = json_object_get_string_member (ev, "ph");
      FlTestTrack key = { json_object_get_int_member (ev, "pid"), json_object_get_int_member (ev, "tid") };
      double ts, *last;

      g_assert_nonnull (json_object_get_string_member (ev, "name"));
      if (g_str_equal (ph, "M"))
        continue;
      ts = json_object_get_double_member (ev, "ts");
      g_assert_cmpfloat (ts, >=, 0);
      if (g_str_equal (ph, "C") || g_str_equal (ph, "s") || g_str_equal (ph, "f"))
        {
          /* Counters carry their values; flow ends their message's id. */
          g_assert_true (json_object_has_member (ev, ph[0] == 'C' ? "args" : "id"));
          continue;
        }
      if (!g_str_equal (ph, "X"))
        {
          g_assert_cmpstr (ph, ==, "i");
          g_assert_cmpstr (json_object_get_string_member (ev, "s"), ==, "t");
          continue;
        }
      n_x++;
      g_assert_cmpfloat (json_object_get_double_member (ev, "dur"), >, 0);
      last = g_hash_table_lookup (last_ts, &key);
      /* Never back in time, nor over the previous state (up to rounding of the decimals). */
      if (last != NULL)
        g_assert_cmpfloat (ts, >=, *last - 0.01);
      else
        {
          last = g_new (double, 1);
          g_hash_table_insert (last_ts, g_memdup2 (&key, sizeof key), last);
        }
      *last = ts + json_object_get_double_member (ev, "dur");
    }
  return n_x;
}

static void
test_trace_write (void)
{
  g_autoptr(FlRun) run = make_numbers_letters (FL_MODE_FORK, FALSE, FALSE);
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-test-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  JsonObject *trace, *other;
  JsonArray *events;
  gboolean main_named = FALSE, worker_named = FALSE, thread_named = FALSE;
  gboolean created = FALSE, joined = FALSE;
  double sleeping_us = 0;

  g_assert_true (fl_chrome_trace_write (run, path, &error));
  g_assert_no_error (error);
  /* The temporary file was renamed: only the trace is left. */
  g_assert_cmpint (fl_test_count_dir_entries (dir), ==, 1);

  root = load_json_file (path);
  trace = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (trace, "displayTimeUnit"), ==, "ms");
  other = json_object_get_object_member (trace, "otherData");
  g_assert_cmpstr (json_object_get_string_member (other, "forkline_version"), ==, PACKAGE_VERSION);
  g_assert_cmpstr (json_object_get_string_member (other, "scenario"), ==, "numbers-letters");
  g_assert_cmpstr (json_object_get_string_member (other, "mode"), ==, "fork");
  g_assert_cmpint (json_object_get_int_member (other, "workers"), ==, 2);

  events = json_object_get_array_member (trace, "traceEvents");
  g_assert_cmpint (check_trace_events (events), >, 10);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *ev = json_array_get_object_element (events, i);
      const char *ph = json_object_get_string_member (ev, "ph");
      const char *name = json_object_get_string_member (ev, "name");
      gint64 pid = json_object_get_int_member (ev, "pid");
      gint64 tid = json_object_get_int_member (ev, "tid");

      if (g_str_equal (ph, "M") && g_str_equal (name, "process_name"))
        {
          const char *value = json_object_get_string_member (json_object_get_object_member (ev, "args"), "name");
          if (pid == MAIN_PID)
            main_named = g_str_equal (value, "main process (pid 1000)");
          if (pid == MAIN_PID + 1)
            worker_named = g_str_equal (value, "worker 1 (pid 1001)");
        }
      else if (g_str_equal (ph, "M") && g_str_equal (name, "thread_name") && tid == MAIN_PID + 2)
        thread_named = g_str_equal (json_object_get_string_member (json_object_get_object_member (ev, "args"), "name"),
                                    "letters 2");
      else if (g_str_equal (ph, "X") && g_str_equal (name, "sleeping") && tid == MAIN_PID + 1)
        {
          JsonObject *args = json_object_get_object_member (ev, "args");
          g_assert_cmpstr (json_object_get_string_member (args, "reason"), ==, "sleep");
          g_assert_cmpint (json_object_get_int_member (args, "cpu"), ==, 1);
          g_assert_cmpint (pid, ==, MAIN_PID + 1);
          sleeping_us += json_object_get_double_member (ev, "dur");
        }
      else if (g_str_equal (ph, "i") && json_object_has_member (ev, "cat") &&
               g_str_equal (json_object_get_string_member (ev, "cat"), "output"))
        g_ptr_array_add (texts, (gpointer) json_object_get_string_member (json_object_get_object_member (ev, "args"),
                                                                          "text"));
      else if (g_str_equal (ph, "i") && g_str_equal (name, "create numbers 1"))
        created = pid == MAIN_PID;
      else if (g_str_equal (ph, "i") && g_str_equal (name, "join letters 2"))
        joined = pid == MAIN_PID;
    }

  g_assert_true (main_named);
  g_assert_true (worker_named);
  g_assert_true (thread_named);
  g_assert_true (created);
  g_assert_true (joined);
  g_assert_cmpfloat_with_epsilon (sleeping_us, 4995000.0, 0.5);

  /* Output lines in order per lane, the awkward characters intact. */
  g_assert_cmpint (texts->len, ==, 11);
  g_assert_cmpstr (g_ptr_array_index (texts, 0), ==,
                   "Both are done: \"quotes\", a \\ backslash,\ta tab, a bell \a, é ✓");
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (texts, 1 + i), ==, numbers[i]);
      g_assert_cmpstr (g_ptr_array_index (texts, 6 + i), ==, letters[i]);
    }

  fl_test_remove_tree (dir);
}

/* The observer may ingest the main process's join before the worker's
 * own last records: the trace is still in order on every track. */
static void
test_trace_out_of_order (void)
{
  g_autoptr(FlRun) run = make_numbers_letters (FL_MODE_SPAWN, FALSE, TRUE);
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-test-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_true (fl_chrome_trace_write (run, path, &error));
  g_assert_no_error (error);
  root = load_json_file (path);
  g_assert_cmpint (check_trace_events (json_object_get_array_member (json_node_get_object (root), "traceEvents")),
                   >, 10);
  fl_test_remove_tree (dir);
}

static void
test_trace_unwritable (void)
{
  g_autoptr(FlRun) run = make_numbers_letters (FL_MODE_THREADS, FALSE, FALSE);
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-test-XXXXXX");
  g_autofree char *missing = g_build_filename (dir, "missing", "run.json", NULL);
  g_autofree char *fine = g_build_filename (dir, "run.json", NULL);
  g_autoptr(GError) error = NULL;

  /* A folder that does not exist: nothing is created, the message names the path. */
  g_assert_false (fl_chrome_trace_write (run, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);

  /* A folder given as the file. */
  g_assert_false (fl_check_writable_path (dir, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, dir));
  g_clear_error (&error);

  g_assert_false (fl_check_writable_path ("", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A fine path passes and is not created by the check. */
  g_assert_true (fl_check_writable_path (fine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fl_test_count_dir_entries (dir), ==, 0);

  /* A folder without write permission; root may write anywhere. */
  if (geteuid () != 0)
    {
      g_autofree char *locked = g_build_filename (dir, "locked", NULL);
      g_autofree char *inside = g_build_filename (locked, "run.json", NULL);

      g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);
      g_assert_false (fl_chrome_trace_write (run, inside, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_assert_nonnull (strstr (error->message, inside));
      g_clear_error (&error);
      g_assert_cmpint (fl_test_count_dir_entries (locked), ==, 0);
      g_chmod (locked, 0755);
    }

  fl_test_remove_tree (dir);
}

/* Writing over an existing trace replaces it whole. */
static void
test_trace_replace (void)
{
  g_autoptr(FlRun) run = make_numbers_letters (FL_MODE_THREADS, FALSE, FALSE);
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-test-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_true (g_file_set_contents (path, "not json at all", -1, NULL));
  g_assert_true (fl_chrome_trace_write (run, path, &error));
  g_assert_no_error (error);
  root = load_json_file (path);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_cmpint (fl_test_count_dir_entries (dir), ==, 1);
  fl_test_remove_tree (dir);
}

typedef struct
{
  JsonNode  *root;
  JsonArray *events;
  char      *dir;
} Trace;

static void
trace_load (Trace *trace,
            FlRun *run)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  trace->dir = fl_test_make_tmp_dir ("forkline-test-XXXXXX");
  path = g_build_filename (trace->dir, "run.json", NULL);
  g_assert_true (fl_chrome_trace_write (run, path, &error));
  g_assert_no_error (error);
  trace->root = load_json_file (path);
  trace->events = json_object_get_array_member (json_node_get_object (trace->root), "traceEvents");
  check_trace_events (trace->events);
}

static void
trace_clear (Trace *trace)
{
  fl_test_remove_tree (trace->dir);
  g_clear_pointer (&trace->dir, g_free);
  g_clear_pointer (&trace->root, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Trace, trace_clear)

/* The summed duration of the X events named @name on thread @tid, in µs. */
static double
trace_state_us (Trace      *trace,
                const char *name,
                gint64      tid)
{
  double total = 0;

  for (guint i = 0; i < json_array_get_length (trace->events); i++)
    {
      JsonObject *ev = json_array_get_object_element (trace->events, i);

      if (g_str_equal (json_object_get_string_member (ev, "ph"), "X") &&
          g_str_equal (json_object_get_string_member (ev, "name"), name) &&
          json_object_get_int_member (ev, "tid") == tid)
        total += json_object_get_double_member (ev, "dur");
    }
  return total;
}

static guint
trace_count (Trace      *trace,
             const char *ph,
             const char *name,
             gint64      pid)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (trace->events); i++)
    {
      JsonObject *ev = json_array_get_object_element (trace->events, i);

      if (g_str_equal (json_object_get_string_member (ev, "ph"), ph) &&
          (name == NULL || g_str_equal (json_object_get_string_member (ev, "name"), name)) &&
          (pid < 0 || json_object_get_int_member (ev, "pid") == pid))
        n++;
    }
  return n;
}

/* gil and runnable states as slices, CPU counters under a "CPU" process. */
static void
test_trace_states_and_cpu (void)
{
  g_autoptr(FlScenario) oversubscribed = make_scenario ("oversubscription", FALSE, "start; join", "compute units=1");
  g_autoptr(FlScenario) gil_scenario = make_scenario ("speedup", TRUE, "start; join", "sleep 1");
  g_autoptr(FlRun) sampled = make_sampled_run (oversubscribed);
  g_autoptr(FlRun) gil_run = make_gil_run (gil_scenario, FL_MODE_THREADS);
  g_auto(Trace) trace = { 0 };
  g_auto(Trace) gil_trace = { 0 };
  gboolean cpu_named = FALSE;

  trace_load (&trace, sampled);
  /* w 1: 40 ms of its 100 ms of running were spent waiting for a core. */
  g_assert_cmpfloat_with_epsilon (trace_state_us (&trace, "runnable", MAIN_PID + 1), 40000.0, 0.01);
  g_assert_cmpfloat_with_epsilon (trace_state_us (&trace, "running", MAIN_PID + 1), 60000.0, 0.01);
  g_assert_cmpfloat_with_epsilon (trace_state_us (&trace, "runnable", MAIN_PID + 2), 50000.0, 0.01);
  g_assert_cmpfloat_with_epsilon (trace_state_us (&trace, "runnable", MAIN_PID + 3), 0.0, 0.01);

  g_assert_cmpuint (trace_count (&trace, "C", "CPU 0", 0), ==, 3);
  g_assert_cmpuint (trace_count (&trace, "C", "CPU 1", 0), ==, 3);
  for (guint i = 0; i < json_array_get_length (trace.events); i++)
    {
      JsonObject *ev = json_array_get_object_element (trace.events, i);
      const char *ph = json_object_get_string_member (ev, "ph");

      if (g_str_equal (ph, "M") && json_object_get_int_member (ev, "pid") == 0 &&
          g_str_equal (json_object_get_string_member (ev, "name"), "process_name"))
        cpu_named = g_str_equal (json_object_get_string_member (json_object_get_object_member (ev, "args"), "name"),
                                 "CPU");
      if (g_str_equal (ph, "C") && g_str_equal (json_object_get_string_member (ev, "name"), "CPU 0") &&
          json_object_get_double_member (ev, "ts") == 50000.0)
        g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (ev, "args"), "busy %"),
                           ==, 100.0);
    }
  g_assert_true (cpu_named);

  trace_load (&gil_trace, gil_run);
  for (gint64 k = 1; k <= 2; k++)
    {
      g_assert_cmpfloat_with_epsilon (trace_state_us (&gil_trace, "gil", MAIN_PID + k), 50000.0, 0.01);
      g_assert_cmpfloat_with_epsilon (trace_state_us (&gil_trace, "running", MAIN_PID + k), 50000.0, 0.01);
    }
  /* Not sampled: no CPU process at all. */
  g_assert_cmpuint (trace_count (&gil_trace, "C", NULL, -1), ==, 0);
}

/* Messages as flows from the sender's slice to the receiver's; RSS per process. */
static void
test_trace_flows_and_memory (void)
{
  g_autoptr(FlScenario) messages = make_scenario ("messages", FALSE, "start; join", "send");
  g_autoptr(FlScenario) memory = make_scenario ("memory", FALSE, "start; join", "alloc 64; touch 0.5");
  g_autoptr(FlRun) message_run = make_messages_run (messages);
  g_autoptr(FlRun) memory_run = make_memory_run (memory, FL_MODE_FORK);
  g_autoptr(GHashTable) starts = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(Trace) trace = { 0 };
  g_auto(Trace) memory_trace = { 0 };
  guint n_finish = 0;

  trace_load (&trace, message_run);
  for (guint i = 0; i < json_array_get_length (trace.events); i++)
    {
      JsonObject *ev = json_array_get_object_element (trace.events, i);
      const char *ph = json_object_get_string_member (ev, "ph");

      if (g_str_equal (ph, "s"))
        {
          gint64 id = json_object_get_int_member (ev, "id");

          g_assert_cmpint (json_object_get_int_member (ev, "tid"), ==, MAIN_PID + 1);
          g_array_append_val (ids, id);
        }
      else if (g_str_equal (ph, "f"))
        {
          g_assert_cmpint (json_object_get_int_member (ev, "tid"), ==, MAIN_PID + 2);
          g_assert_cmpstr (json_object_get_string_member (ev, "bp"), ==, "e");
          n_finish++;
        }
    }
  /* The unanswered fourth message has no arrow. */
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpuint (n_finish, ==, 3);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (starts, &g_array_index (ids, gint64, i));
  for (guint i = 0; i < json_array_get_length (trace.events); i++)
    {
      JsonObject *ev = json_array_get_object_element (trace.events, i);
      gint64 id;

      if (!g_str_equal (json_object_get_string_member (ev, "ph"), "f"))
        continue;
      id = json_object_get_int_member (ev, "id");
      g_assert_true (g_hash_table_contains (starts, &id));
    }

  trace_load (&memory_trace, memory_run);
  g_assert_cmpuint (trace_count (&memory_trace, "C", "RSS", MAIN_PID), ==, 2);
  g_assert_cmpuint (trace_count (&memory_trace, "C", "RSS", MAIN_PID + 1), ==, 2);
  g_assert_cmpuint (trace_count (&memory_trace, "C", "RSS", MAIN_PID + 2), ==, 1);
}

static void
test_json_escape (void)
{
  const char *samples[] = {
    "",
    "plain",
    "\"quoted\" and \\back\\slashed\\",
    "line\nbreak\r\n\ttab\b\f",
    "\x01\x02\x1f\x7f",
    "é ✓ 日本 \xf0\x9f\x98\x80",
    "</script>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GString) out = g_string_new ("[");
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      fl_json_append_string (out, samples[i]);
      g_string_append_c (out, ']');
      json_parser_load_from_data (parser, out->str, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (json_array_get_string_element (json_node_get_array (json_parser_get_root (parser)), 0),
                       ==, samples[i]);
    }

  /* Invalid UTF-8 still gives a file that parses. */
  {
    g_autoptr(GString) out = g_string_new (NULL);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;

    fl_json_append_string (out, "bad \xff\xfe bytes");
    json_parser_load_from_data (parser, out->str, -1, &error);
    g_assert_no_error (error);
  }
}

static char *
written_json (FlRun *run)
{
  char *data = NULL;
  size_t size = 0;
  FILE *out = open_memstream (&data, &size);

  g_assert_true (fl_summary_write_json (run, out));
  g_assert_cmpint (fclose (out), ==, 0);
  return data;
}

static char *
built_json (FlRun *run)
{
  g_autoptr(JsonNode) root = fl_summary_build (run);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  return g_strconcat (json, "\n", NULL);
}

/* --summary=json is written as it is built, output line by output line:
 * byte for byte what json-glib prints for the whole object, with text
 * that needs escaping, a cut line, and no output at all. */
static void
test_summary_streamed (void)
{
  g_autoptr(FlScenario) scenario = make_scenario ("messages", FALSE, "start; join", "print \"x\"");
  const char *texts[] = { "plain", "quote \" and \\ backslash", "tab\tand \x01 control", "été → ünïcode", NULL };
  guint with_output;

  for (with_output = 0; with_output < 2; with_output++)
    {
      g_autoptr(FlRun) run = NULL;
      g_autofree char *written = NULL;
      g_autofree char *built = NULL;
      Builder b;

      builder_init (&b);
      add_lanes (&b, FL_MODE_THREADS, 2);
      emit_main (&b, 2, 0, 61 * MS);
      for (guint k = 1; k <= 2; k++)
        emit_start (&b, FL_MODE_THREADS, k, 0);
      for (guint i = 0; with_output && texts[i]; i++)
        emit_output (&b, 1 + i % 2, (gint64) (i + 1) * MS, texts[i]);
      if (with_output)
        {
          emit (&b, 2, 9 * MS, FL_EV_OUTPUT, FL_OUTPUT_TRUNCATED, 3, 0, 0);
          emit (&b, 2, 9 * MS, FL_EV_TEXT, 0, 0, 0, 0);
          memcpy (&g_array_index (b.records[2], FlRecord, b.records[2]->len - 1), "cut", 3);
        }
      for (guint k = 1; k <= 2; k++)
        emit (&b, k, 60 * MS, FL_EV_EXIT, 0, 0, 0, 1 * MS);
      run = finish_run (&b, scenario, FL_MODE_THREADS, 2, 63 * MS);

      written = written_json (run);
      built = built_json (run);
      g_assert_cmpstr (written, ==, built);
      g_assert_nonnull (strstr (written, with_output ? "\"truncated\" : true" : "\"output\" : [],"));
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  catalog = fl_catalog_new ();
  fl_catalog_load (catalog);

  g_test_add_func ("/engine/summary/overlap", test_summary_overlap);
  g_test_add_func ("/engine/summary/sequential", test_summary_sequential);
  g_test_add_func ("/engine/summary/exits", test_summary_exits);
  g_test_add_func ("/engine/summary/dropped", test_summary_dropped);
  g_test_add_func ("/engine/summary/text-table", test_summary_text_table);
  g_test_add_func ("/engine/summary/primes", test_summary_primes);
  g_test_add_func ("/engine/summary/primes-wrong", test_summary_primes_wrong);
  g_test_add_func ("/engine/summary/gil", test_summary_gil);
  g_test_add_func ("/engine/summary/gil-processes", test_summary_gil_processes);
  g_test_add_func ("/engine/summary/no-gil", test_summary_no_gil);
  g_test_add_func ("/engine/summary/samples", test_summary_samples);
  g_test_add_func ("/engine/summary/downsample", test_summary_downsample);
  g_test_add_func ("/engine/summary/memory", test_summary_memory);
  g_test_add_func ("/engine/summary/memory-threads", test_summary_memory_threads);
  g_test_add_func ("/engine/summary/messages", test_summary_messages);
  g_test_add_func ("/engine/summary/race", test_summary_race);
  g_test_add_func ("/engine/summary/globals", test_summary_globals);
  g_test_add_func ("/engine/summary/fork-vs-spawn", test_summary_fork_vs_spawn);
  g_test_add_func ("/engine/summary/descriptors", test_summary_descriptors);
  g_test_add_func ("/engine/summary/crash", test_summary_crash);
  g_test_add_func ("/engine/summary/zombie-startup", test_summary_zombie_startup);
  g_test_add_func ("/engine/summary/io-convoy", test_summary_io_convoy);
  g_test_add_func ("/engine/summary/stopped-io", test_summary_stopped_io);
  g_test_add_func ("/engine/summary/busy-machine", test_summary_busy_machine);
  g_test_add_func ("/engine/summary/verdict-kinds", test_summary_verdict_kinds);
  g_test_add_func ("/engine/summary/signal-name", test_signal_name);
  g_test_add_func ("/engine/summary/streamed", test_summary_streamed);
  g_test_add_func ("/engine/chrome-trace/write", test_trace_write);
  g_test_add_func ("/engine/chrome-trace/out-of-order", test_trace_out_of_order);
  g_test_add_func ("/engine/chrome-trace/unwritable", test_trace_unwritable);
  g_test_add_func ("/engine/chrome-trace/replace", test_trace_replace);
  g_test_add_func ("/engine/chrome-trace/states-and-cpu", test_trace_states_and_cpu);
  g_test_add_func ("/engine/chrome-trace/flows-and-memory", test_trace_flows_and_memory);
  g_test_add_func ("/engine/chrome-trace/json-escape", test_json_escape);

  status = g_test_run ();
  g_object_unref (catalog);
  return status;
}
