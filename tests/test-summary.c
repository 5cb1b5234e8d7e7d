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
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fl-catalog.h"
#include "fl-chrome-trace.h"
#include "fl-interp.h"
#include "fl-run-private.h"
#include "fl-summary.h"

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

  probe = fl_run_new_for_store (preset ("cpu-bound"), b.store, FL_MODE_THREADS, n_workers);
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
  return fl_run_new_for_store (preset ("cpu-bound"), store, FL_MODE_THREADS, n_workers);
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

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("forkline-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_dir_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

typedef struct
{
  gint64 pid;
  gint64 tid;
} Track;

static guint
track_hash (gconstpointer p)
{
  const Track *t = p;
  return (guint) (t->pid * 31 + t->tid);
}

static gboolean
track_equal (gconstpointer a,
             gconstpointer b)
{
  const Track *x = a, *y = b;
  return x->pid == y->pid && x->tid == y->tid;
}

/* Checks what every trace must hold; returns the number of X events. */
static guint
check_trace_events (JsonArray *events)
{
  g_autoptr(GHashTable) last_ts = g_hash_table_new_full (track_hash, track_equal, g_free, g_free);
  guint n_x = 0;

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *ev = json_array_get_object_element (events, i);
      const char *ph = json_object_get_string_member (ev, "ph");
      Track key = { json_object_get_int_member (ev, "pid"), json_object_get_int_member (ev, "tid") };
      double ts, *last;

      g_assert_nonnull (json_object_get_string_member (ev, "name"));
      if (g_str_equal (ph, "M"))
        continue;
      ts = json_object_get_double_member (ev, "ts");
      g_assert_cmpfloat (ts, >=, 0);
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
  g_autofree char *dir = make_tmp_dir ();
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
  g_assert_cmpint (count_dir_entries (dir), ==, 1);

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

  remove_dir (dir);
}

/* The observer may ingest the main process's join before the worker's
 * own last records: the trace is still in order on every track. */
static void
test_trace_out_of_order (void)
{
  g_autoptr(FlRun) run = make_numbers_letters (FL_MODE_SPAWN, FALSE, TRUE);
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_true (fl_chrome_trace_write (run, path, &error));
  g_assert_no_error (error);
  root = load_json_file (path);
  g_assert_cmpint (check_trace_events (json_object_get_array_member (json_node_get_object (root), "traceEvents")),
                   >, 10);
  remove_dir (dir);
}

static void
test_trace_unwritable (void)
{
  g_autoptr(FlRun) run = make_numbers_letters (FL_MODE_THREADS, FALSE, FALSE);
  g_autofree char *dir = make_tmp_dir ();
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
  g_assert_cmpint (count_dir_entries (dir), ==, 0);

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
      g_assert_cmpint (count_dir_entries (locked), ==, 0);
      g_chmod (locked, 0755);
    }

  remove_dir (dir);
}

/* Writing over an existing trace replaces it whole. */
static void
test_trace_replace (void)
{
  g_autoptr(FlRun) run = make_numbers_letters (FL_MODE_THREADS, FALSE, FALSE);
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_true (g_file_set_contents (path, "not json at all", -1, NULL));
  g_assert_true (fl_chrome_trace_write (run, path, &error));
  g_assert_no_error (error);
  root = load_json_file (path);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_cmpint (count_dir_entries (dir), ==, 1);
  remove_dir (dir);
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
  g_test_add_func ("/engine/summary/signal-name", test_signal_name);
  g_test_add_func ("/engine/chrome-trace/write", test_trace_write);
  g_test_add_func ("/engine/chrome-trace/out-of-order", test_trace_out_of_order);
  g_test_add_func ("/engine/chrome-trace/unwritable", test_trace_unwritable);
  g_test_add_func ("/engine/chrome-trace/replace", test_trace_replace);
  g_test_add_func ("/engine/chrome-trace/json-escape", test_json_escape);

  status = g_test_run ();
  g_object_unref (catalog);
  return status;
}
