/* test-run-file.c — saved runs: written with the trace, read back exactly
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real short runs in each mode are saved and read back: the summary, the
 * store and a second save must be the same.  Damaged files, of every
 * kind a disk or a hand can make, must give a clear error and nothing
 * else.  And `forkline --open` prints what `forkline --run` printed.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "fl-catalog.h"
#include "fl-chrome-trace.h"
#include "fl-run-file.h"
#include "fl-summary.h"

static FlCatalog *catalog;
static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static FlRun *
run_preset (const char         *id,
            FlMode              mode,
            guint               workers,
            const char * const *params)
{
  FlScenario *scenario = fl_catalog_lookup (catalog, id);
  g_autoptr(GError) error = NULL;
  FlRunOptions options;
  FlRun *run;

  g_assert_nonnull (scenario);
  fl_run_options_init (&options, scenario);
  options.mode = mode;
  options.workers = workers;
  options.params = params;
  run = fl_run_new (scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (fl_run_run_sync (run, &error));
  g_assert_no_error (error);
  return run;
}

static char *
summary_json (FlRun *run)
{
  g_autoptr(JsonNode) root = fl_summary_build (run);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* Everything the views read, compared field by field. */
static void
assert_same_store (FlStore *a,
                   FlStore *b)
{
  guint i, n;

  g_assert_cmpint (fl_store_get_t0 (a), ==, fl_store_get_t0 (b));
  g_assert_cmpint (fl_store_get_end (a), ==, fl_store_get_end (b));
  g_assert_cmpint (fl_store_get_last_t (a), ==, fl_store_get_last_t (b));
  g_assert_cmpuint (fl_store_get_n_events (a), ==, fl_store_get_n_events (b));
  g_assert_cmpuint (fl_store_get_dropped (a), ==, fl_store_get_dropped (b));
  g_assert_cmpuint (fl_store_get_n_lanes (a), ==, fl_store_get_n_lanes (b));
  for (i = 0; i < fl_store_get_n_lanes (a); i++)
    {
      const FlLaneInfo *ia = fl_store_get_lane_info (a, i);
      const FlLaneInfo *ib = fl_store_get_lane_info (b, i);
      const FlEvent *ea, *eb;
      const FlLaneSample *sa, *sb;
      gsize na, nb;

      g_assert_cmpstr (ia->name, ==, ib->name);
      g_assert_cmpstr (ia->template_name, ==, ib->template_name);
      g_assert_cmpint (ia->kind, ==, ib->kind);
      g_assert_cmpint (ia->is_process, ==, ib->is_process);
      g_assert_cmpint (ia->pid, ==, ib->pid);
      g_assert_cmpint (ia->tid, ==, ib->tid);
      g_assert_cmpint (ia->create_t, ==, ib->create_t);
      g_assert_cmpint (ia->start_t, ==, ib->start_t);
      g_assert_cmpint (ia->exit_t, ==, ib->exit_t);
      g_assert_cmpint (ia->end_t, ==, ib->end_t);
      g_assert_cmpint (ia->join_t, ==, ib->join_t);
      g_assert_cmpint (ia->exit_code, ==, ib->exit_code);
      g_assert_cmpint (ia->signal, ==, ib->signal);
      g_assert_cmpint (ia->stopped, ==, ib->stopped);
      g_assert_cmpint (ia->cpu_ns, ==, ib->cpu_ns);
      g_assert_cmpuint (ia->stack_base, ==, ib->stack_base);
      g_assert_cmpuint (ia->stack_size, ==, ib->stack_size);

      ea = fl_store_get_events (a, i, &na);
      eb = fl_store_get_events (b, i, &nb);
      g_assert_cmpuint (na, ==, nb);
      if (na > 0)
        g_assert_cmpmem (ea, na * sizeof *ea, eb, nb * sizeof *eb);
      sa = fl_store_get_lane_samples (a, i, &na);
      sb = fl_store_get_lane_samples (b, i, &nb);
      g_assert_cmpuint (na, ==, nb);
      for (gsize k = 0; k < na; k++)
        {
          g_assert_cmpint (sa[k].t, ==, sb[k].t);
          g_assert_cmpint (sa[k].cpu_ns, ==, sb[k].cpu_ns);
          g_assert_cmpint (sa[k].wait_ns, ==, sb[k].wait_ns);
          g_assert_cmpuint (sa[k].cpu, ==, sb[k].cpu);
          g_assert_cmpint (sa[k].kstate, ==, sb[k].kstate);
        }
    }

  g_assert_cmpuint (fl_store_get_n_output (a), ==, fl_store_get_n_output (b));
  for (i = 0; i < fl_store_get_n_output (a); i++)
    {
      g_assert_cmpstr (fl_store_get_output (a, i)->text, ==, fl_store_get_output (b, i)->text);
      g_assert_cmpint (fl_store_get_output (a, i)->t, ==, fl_store_get_output (b, i)->t);
      g_assert_cmpstr (fl_store_get_output_sorted (a, i)->text, ==, fl_store_get_output_sorted (b, i)->text);
    }
  g_assert_cmpuint (fl_store_get_n_messages (a), ==, fl_store_get_n_messages (b));
  for (i = 0; i < fl_store_get_n_messages (a); i++)
    {
      const FlMessage *ma = fl_store_get_message (a, i);
      const FlMessage *mb = fl_store_get_message (b, i);

      g_assert_cmpuint (ma->id, ==, mb->id);
      g_assert_cmpuint (ma->bytes, ==, mb->bytes);
      g_assert_cmpuint (ma->channel, ==, mb->channel);
      g_assert_cmpuint (ma->send_lane, ==, mb->send_lane);
      g_assert_cmpuint (ma->receive_lane, ==, mb->receive_lane);
      g_assert_cmpint (ma->send_t, ==, mb->send_t);
      g_assert_cmpint (ma->receive_t, ==, mb->receive_t);
    }
  g_assert_cmpuint (fl_store_get_n_results (a), ==, fl_store_get_n_results (b));
  for (i = 0; i < fl_store_get_n_results (a); i++)
    g_assert_cmpmem (fl_store_get_result (a, i), sizeof (FlResult),
                     fl_store_get_result (b, i), sizeof (FlResult));

  g_assert_cmpuint (fl_store_get_n_cores (a), ==, fl_store_get_n_cores (b));
  for (i = 0; i < fl_store_get_n_cores (a); i++)
    {
      gsize na, nb;
      const FlCoreSample *ca = fl_store_get_core_samples (a, i, &na);
      const FlCoreSample *cb = fl_store_get_core_samples (b, i, &nb);

      g_assert_cmpuint (na, ==, nb);
      if (na > 0)
        g_assert_cmpmem (ca, na * sizeof *ca, cb, nb * sizeof *cb);
    }

  n = fl_store_get_n_memory_samples (a);
  g_assert_cmpuint (n, ==, fl_store_get_n_memory_samples (b));
  for (i = 0; i < n; i++)
    {
      const FlMemorySample *ma = fl_store_get_memory_sample (a, i);
      const FlMemorySample *mb = fl_store_get_memory_sample (b, i);
      guint r;

      g_assert_cmpint (ma->t, ==, mb->t);
      g_assert_cmpint (ma->pid, ==, mb->pid);
      g_assert_cmpuint (ma->lane, ==, mb->lane);
      g_assert_cmpuint (ma->rss_kb, ==, mb->rss_kb);
      g_assert_cmpuint (ma->pss_kb, ==, mb->pss_kb);
      g_assert_cmpuint (ma->private_dirty_kb, ==, mb->private_dirty_kb);
      g_assert_cmpuint (ma->anon_kb, ==, mb->anon_kb);
      g_assert_true ((ma->regions == NULL) == (mb->regions == NULL));
      if (ma->regions == NULL)
        continue;
      g_assert_cmpuint (ma->regions->len, ==, mb->regions->len);
      for (r = 0; r < ma->regions->len; r++)
        {
          const FlRegion *ra = g_ptr_array_index (ma->regions, r);
          const FlRegion *rb = g_ptr_array_index (mb->regions, r);

          g_assert_cmpint (ra->kind, ==, rb->kind);
          g_assert_cmpuint (ra->start, ==, rb->start);
          g_assert_cmpuint (ra->end, ==, rb->end);
          g_assert_cmpuint (ra->rss_kb, ==, rb->rss_kb);
          g_assert_cmpint (ra->lane, ==, rb->lane);
          g_assert_cmpstr (ra->label, ==, rb->label);
        }
    }
}

/* Saves @run, reads it back, and checks that nothing was lost. */
static void
check_round_trip (FlRun      *run,
                  const char *name)
{
  g_autofree char *path = tmp_path (name);
  g_autofree char *again_path = g_strconcat (path, ".again", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlRun) loaded = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *live_json = summary_json (run);
  g_autofree char *loaded_json = NULL;
  g_autofree char *live_text = fl_summary_format_text (run);
  g_autofree char *loaded_text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  JsonObject *root;
  GList *members;

  g_assert_true (fl_run_save (run, path, &error));
  g_assert_no_error (error);

  /* Still a Chrome trace: one JSON object whose events come first, and
   * the section last, where Perfetto (which stops at unknown keys) is done. */
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (root, "traceEvents"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "traceEvents")), >, 10);
  members = json_object_get_members (root);
  g_assert_cmpstr (g_list_last (members)->data, ==, "forkline");
  g_assert_cmpstr (members->data, ==, "traceEvents");
  g_list_free (members);

  loaded = fl_run_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_true (fl_run_is_finished (loaded));
  g_assert_false (fl_run_is_running (loaded));

  /* The same report, byte for byte. */
  loaded_json = summary_json (loaded);
  g_assert_cmpstr (loaded_json, ==, live_json);
  loaded_text = fl_summary_format_text (loaded);
  g_assert_cmpstr (loaded_text, ==, live_text);

  g_assert_cmpstr (fl_scenario_get_data (fl_run_get_scenario (loaded)), ==,
                   fl_scenario_get_data (fl_run_get_scenario (run)));
  g_assert_cmpint (fl_run_get_mode (loaded), ==, fl_run_get_mode (run));
  g_assert_cmpuint (fl_run_get_n_workers (loaded), ==, fl_run_get_n_workers (run));
  g_assert_cmpint (fl_run_get_gil (loaded), ==, fl_run_get_gil (run));
  g_assert_cmpfloat (fl_run_get_switch_interval_ms (loaded), ==, fl_run_get_switch_interval_ms (run));
  g_assert_cmpfloat (fl_run_get_sample_rate (loaded), ==, fl_run_get_sample_rate (run));
  g_assert_cmpint (fl_run_get_main_status (loaded), ==, fl_run_get_main_status (run));
  g_assert_cmpint (fl_run_get_main_pid (loaded), ==, fl_run_get_main_pid (run));
  g_assert_cmpint (fl_run_was_stopped (loaded), ==, fl_run_was_stopped (run));
  g_assert_cmpint (fl_run_hit_time_limit (loaded), ==, fl_run_hit_time_limit (run));
  g_assert_cmpfloat (fl_run_get_max_seconds (loaded), ==, fl_run_get_max_seconds (run));
  for (guint i = 0; i < fl_scenario_get_n_params (fl_run_get_scenario (run)); i++)
    g_assert_cmpfloat (fl_run_get_param_values (loaded)[i], ==, fl_run_get_param_values (run)[i]);
  assert_same_store (fl_run_get_store (run), fl_run_get_store (loaded));

  /* Saved again, it is the same file: nothing drifts from one save to the next. */
  g_assert_true (fl_run_save (loaded, again_path, &error));
  g_assert_no_error (error);
  first = read_file (path);
  second = read_file (again_path);
  g_assert_cmpstr (first, ==, second);

  g_unlink (path);
  g_unlink (again_path);
}

static void
test_round_trip_threads (void)
{
  const char * const letters[] = { "count=3", NULL };
  const char * const race[] = { "increments=200", NULL };
  g_autoptr(FlRun) a = run_preset ("numbers-letters", FL_MODE_THREADS, 2, letters);
  g_autoptr(FlRun) b = run_preset ("race-counter", FL_MODE_THREADS, 3, race);

  g_assert_cmpuint (fl_store_get_n_output (fl_run_get_store (a)), >, 0);
  check_round_trip (a, "numbers-letters-threads.json");
  g_assert_cmpuint (fl_store_get_n_results (fl_run_get_store (b)), >, 0);
  check_round_trip (b, "race-counter-threads.json");
}

static void
test_round_trip_fork (void)
{
  const char * const params[] = { "mb=8", "parent_mb=8", NULL };
  g_autoptr(FlRun) run = run_preset ("memory-cost", FL_MODE_FORK, 2, params);

  g_assert_cmpuint (fl_store_get_n_memory_samples (fl_run_get_store (run)), >, 0);
  check_round_trip (run, "memory-cost-fork.json");
}

static void
test_round_trip_spawn (void)
{
  const char * const params[] = { "messages=5", "interval=0.01", NULL };
  g_autoptr(FlRun) run = run_preset ("message-passing", FL_MODE_SPAWN, 0, params);

  g_assert_cmpuint (fl_store_get_n_messages (fl_run_get_store (run)), >, 0);
  check_round_trip (run, "message-passing-spawn.json");
}

/* What `open` and `fds` reported: descriptors and inodes come back. */
static void
test_round_trip_descriptors (void)
{
  const char * const params[] = { "mb=1", NULL };
  g_autoptr(FlRun) run = run_preset ("fork-vs-spawn", FL_MODE_FORK, 2, params);
  FlStore *store = fl_run_get_store (run);
  guint i, n_descriptors = 0;

  for (i = 0; i < fl_store_get_n_results (store); i++)
    if (fl_store_get_result (store, i)->key == FL_RESULT_DESCRIPTORS)
      n_descriptors++;
  g_assert_cmpuint (n_descriptors, ==, 3);
  check_round_trip (run, "fork-vs-spawn-fork.json");
}

/* A run that crashed: its lanes end with a signal, its main status is one. */
static void
test_round_trip_crash (void)
{
  g_autoptr(FlRun) run = run_preset ("crash", fl_scenario_get_default_mode (fl_catalog_lookup (catalog, "crash")),
                                     0, NULL);

  check_round_trip (run, "crash.json");
}

/* A run stopped by its length cap: killed lanes, the cap in the verdict. */
static void
test_round_trip_stopped (void)
{
  FlScenario *scenario = fl_catalog_lookup (catalog, "cpu-bound");
  g_autoptr(GError) error = NULL;
  g_autoptr(FlRun) run = NULL;
  FlRunOptions options;

  fl_run_options_init (&options, scenario);
  options.mode = FL_MODE_FORK;
  options.max_seconds = 0.4;
  run = fl_run_new (scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (fl_run_run_sync (run, &error));
  g_assert_no_error (error);
  g_assert_true (fl_run_was_stopped (run));
  g_assert_true (fl_run_hit_time_limit (run));

  check_round_trip (run, "cpu-bound-stopped.json");
}

static FlRun *
run_text (const char         *text,
          const FlRunOptions *base)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlScenario) scenario = fl_scenario_new_from_data (text, strlen (text), "test.scenario", &error);
  FlRunOptions options;
  FlRun *run;

  g_assert_no_error (error);
  fl_run_options_init (&options, scenario);
  options.mode = base->mode;
  options.max_events = base->max_events;
  options.max_output_lines = base->max_output_lines;
  options.max_samples = base->max_samples;
  options.ring_capacity = base->ring_capacity;
  run = fl_run_new (scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_true (fl_run_run_sync (run, &error));
  g_assert_no_error (error);
  return run;
}

/* What `forkline --summary=json` prints. */
static char *
summary_json_written (FlRun *run)
{
  char *text = NULL;
  size_t length = 0;
  FILE *out = open_memstream (&text, &length);

  g_assert_nonnull (out);
  g_assert_true (fl_summary_write_json (run, out));
  g_assert_cmpint (fclose (out), ==, 0);
  return text;
}

static const char budget_scenario[] =
  "[Scenario]\nId=budget\nTitle=Budget\nDescription=Prints.\nWorkers=1\nModes=threads\n"
  "[Worker w]\nSteps=repeat 3000 { print \"line {i}\"; get }\n";

/* A run that reached its budgets: saved and reopened, it still says so,
 * with the same counts, in the summary and the verdict. */
static void
test_round_trip_budget (void)
{
  g_autoptr(FlRun) run = NULL;
  g_autoptr(FlRun) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("budget.json");
  g_autofree char *text = NULL;
  g_autofree char *live_json = NULL;
  g_autofree char *loaded_json = NULL;
  g_autofree char *live_verdict = NULL;
  g_autofree char *loaded_verdict = NULL;
  FlStoreOverBudget over, loaded_over;
  FlStoreBudget budget, loaded_budget;
  FlRunOptions options = { 0 };

  options.mode = FL_MODE_THREADS;
  options.max_events = 2000;
  options.max_output_lines = 500;
  options.max_samples = 50;
  options.ring_capacity = 65536;   /* only the budgets drop */
  run = run_text (budget_scenario, &options);
  fl_store_get_over_budget (fl_run_get_store (run), &over);
  g_assert_cmpint (over.t, >=, 0);
  g_assert_cmpuint (over.events, >, 0);
  g_assert_cmpuint (over.output_lines, >, 0);

  check_round_trip (run, "budget-round-trip.json");

  g_assert_true (fl_run_save (run, path, &error));
  g_assert_no_error (error);
  text = read_file (path);
  g_assert_nonnull (strstr (text, "\"budget\":{\"events\":2000,\"output_lines\":500,"));
  loaded = fl_run_load (path, &error);
  g_assert_no_error (error);

  fl_store_get_over_budget (fl_run_get_store (loaded), &loaded_over);
  g_assert_cmpmem (&loaded_over, sizeof loaded_over, &over, sizeof over);
  fl_store_get_budget (fl_run_get_store (run), &budget);
  fl_store_get_budget (fl_run_get_store (loaded), &loaded_budget);
  g_assert_cmpmem (&loaded_budget, sizeof loaded_budget, &budget, sizeof budget);

  live_json = summary_json_written (run);
  loaded_json = summary_json_written (loaded);
  g_assert_nonnull (strstr (live_json, "\"budget\" :"));
  g_assert_cmpstr (loaded_json, ==, live_json);
  live_verdict = fl_summary_verdict (run);
  loaded_verdict = fl_summary_verdict (loaded);
  g_assert_nonnull (strstr (live_verdict, "recording budget"));
  g_assert_cmpstr (loaded_verdict, ==, live_verdict);
  g_unlink (path);
}

/* A run within its budget has no "budget" member, as before. */
static void
test_round_trip_within_budget (void)
{
  const char * const params[] = { "count=3", NULL };
  g_autoptr(FlRun) run = run_preset ("numbers-letters", FL_MODE_THREADS, 2, params);
  g_autofree char *path = tmp_path ("within-budget.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (fl_run_save (run, path, &error));
  g_assert_no_error (error);
  text = read_file (path);
  g_assert_null (strstr (text, "\"budget\""));
  g_unlink (path);
}

/* Long enough that records are encoded, and the file written out, in
 * many pieces: what is read back is what was written. */
static void
test_round_trip_long (void)
{
  static const char long_scenario[] =
    "[Scenario]\nId=long\nTitle=Long\nDescription=Prints.\nWorkers=1\nModes=threads\n"
    "[Worker w]\nSteps=repeat 12000 { print \"a line of some length, number {i}\" }\n";
  g_autoptr(FlRun) run = NULL;
  FlRunOptions options = { 0 };
  gsize n_events;

  options.mode = FL_MODE_THREADS;
  options.ring_capacity = 65536;
  run = run_text (long_scenario, &options);
  fl_store_get_events (fl_run_get_store (run), 1, &n_events);
  g_assert_cmpuint (n_events, >, 3 * 3072);
  g_assert_cmpuint (fl_store_get_n_output (fl_run_get_store (run)), ==, 12000);
  check_round_trip (run, "long.json");
}

/* ---- damaged files --------------------------------------------------------- */

/* A saved run of messages, outputs and samples, as text, for the damage tests. */
static char *good_text;
static gsize good_length;

static void
ensure_good_file (void)
{
  const char * const params[] = { "messages=6", "interval=0.05", NULL };
  g_autoptr(FlRun) run = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (good_text != NULL)
    return;
  run = run_preset ("message-passing", FL_MODE_THREADS, 0, params);
  path = tmp_path ("good.json");
  g_assert_true (fl_run_save (run, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &good_text, &good_length, &error));
  g_assert_no_error (error);
}

static void
assert_load_fails (const char *data,
                   gsize       length,
                   int         code,
                   const char *says)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlRun) run = fl_run_load_from_data (data, length, "damaged.json", &error);

  g_assert_null (run);
  g_assert_error (error, FL_RUN_FILE_ERROR, code);
  g_test_message ("%s", error->message);
  /* It names the file, and says what is wrong. */
  g_assert_nonnull (strstr (error->message, "damaged.json"));
  if (says != NULL && strstr (error->message, says) == NULL)
    g_error ("“%s” does not say “%s”", error->message, says);
}

typedef void (*Damage) (JsonObject *section);

/* The good file with its "forkline" section changed by @damage. */
static char *
damaged_text (Damage damage)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  ensure_good_file ();
  g_assert_true (json_parser_load_from_data (parser, good_text, (gssize) good_length, &error));
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  damage (json_object_get_object_member (json_node_get_object (root), "forkline"));
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
assert_damage_fails (Damage      damage,
                     int         code,
                     const char *says)
{
  g_autofree char *text = damaged_text (damage);

  assert_load_fails (text, strlen (text), code, says);
}

static JsonObject *
store_of (JsonObject *section)
{
  return json_object_get_object_member (section, "store");
}

static JsonObject *
lane_of (JsonObject *section,
         guint       lane)
{
  return json_array_get_object_element (json_object_get_array_member (store_of (section), "lanes"), lane);
}

static void
damage_format (JsonObject *section)
{
  json_object_set_int_member (section, "format", 7);
}

static void
damage_format_type (JsonObject *section)
{
  json_object_set_string_member (section, "format", "one");
}

static void
damage_workers_type (JsonObject *section)
{
  json_object_set_string_member (json_object_get_object_member (section, "run"), "workers", "2");
}

static void
damage_huge_workers (JsonObject *section)
{
  json_object_set_int_member (json_object_get_object_member (section, "run"), "workers", G_GINT64_CONSTANT (4000000000));
}

static void
damage_huge_cores (JsonObject *section)
{
  json_object_set_int_member (store_of (section), "n_cores", G_GINT64_CONSTANT (1) << 40);
}

static void
damage_no_store (JsonObject *section)
{
  json_object_remove_member (section, "store");
}

static void
damage_lane_count (JsonObject *section)
{
  json_array_remove_element (json_object_get_array_member (store_of (section), "lanes"), 1);
}

static void
damage_output_lane (JsonObject *section)
{
  JsonArray *output = json_object_get_array_member (store_of (section), "output");
  JsonArray *row = json_array_get_array_element (output, 0);
  JsonArray *bad = json_array_new ();

  json_array_add_int_element (bad, json_array_get_int_element (row, 0));
  json_array_add_int_element (bad, 99);
  json_array_add_boolean_element (bad, FALSE);
  json_array_add_string_element (bad, "x");
  json_array_remove_element (output, 0);
  /* Appended last, so that lines keep their indexes for the events. */
  json_array_add_array_element (output, bad);
}

static void
damage_no_messages (JsonObject *section)
{
  json_object_set_array_member (store_of (section), "messages", json_array_new ());
}

static void
damage_scenario (JsonObject *section)
{
  json_object_set_string_member (json_object_get_object_member (section, "scenario"), "data",
                                 "[Scenario]\nId=broken\n");
}

static void
damage_params (JsonObject *section)
{
  json_array_add_double_element (json_object_get_array_member (json_object_get_object_member (section, "run"),
                                                               "params"), 1.0);
}

static void
damage_param_range (JsonObject *section)
{
  JsonArray *params = json_object_get_array_member (json_object_get_object_member (section, "run"), "params");

  json_array_remove_element (params, 0);
  json_array_add_int_element (params, -5);
}

/* Rewrites a base64 member by @edit on its bytes. */
static void
edit_records (JsonObject *object,
              const char *name,
              void      (*edit) (guint8 *bytes, gsize *length))
{
  gsize length = 0;
  g_autofree guint8 *bytes = g_base64_decode (json_object_get_string_member (object, name), &length);
  g_autofree guint8 *room = g_malloc0 (length + 64);
  g_autofree char *text = NULL;

  memcpy (room, bytes, length);
  edit (room, &length);
  text = g_base64_encode (room, length);
  json_object_set_string_member (object, name, text);
}

static void
samples_backwards (guint8 *bytes,
                   gsize  *length)
{
  gint64 t;

  g_assert_cmpuint (*length, >=, 64);
  /* The second sample 1 ms before the first. */
  memcpy (&t, bytes, 8);
  t = GINT64_FROM_LE (t) - 1000000;
  t = GINT64_TO_LE (t);
  memcpy (bytes + 32, &t, 8);
}

static void
damage_samples_backwards (JsonObject *section)
{
  edit_records (lane_of (section, 1), "samples", samples_backwards);
}

static void
events_cut (guint8 *bytes,
            gsize  *length)
{
  g_assert_cmpuint (*length, >, 16);
  *length -= 5;
}

static void
damage_events_cut (JsonObject *section)
{
  edit_records (lane_of (section, 0), "events", events_cut);
}

static void
event_kind (guint8 *bytes,
            gsize  *length)
{
  bytes[14] = 200;
}

static void
damage_event_kind (JsonObject *section)
{
  edit_records (lane_of (section, 1), "events", event_kind);
}

static void
event_state (guint8 *bytes,
             gsize  *length)
{
  gsize i;

  /* The first STATE event gets a state that does not exist. */
  for (i = 0; i + 16 <= *length; i += 16)
    if (bytes[i + 14] == FL_EV_STATE)
      {
        bytes[i + 15] = FL_N_STATES + 3;
        return;
      }
  g_assert_not_reached ();
}

static void
damage_event_state (JsonObject *section)
{
  edit_records (lane_of (section, 1), "events", event_state);
}

static void
event_time (guint8 *bytes,
            gsize  *length)
{
  gint64 t = GINT64_TO_LE (G_MININT64 + 3);

  memcpy (bytes, &t, 8);
}

static void
damage_event_time (JsonObject *section)
{
  edit_records (lane_of (section, 1), "events", event_time);
}

static void
damage_lane_kind (JsonObject *section)
{
  json_object_set_string_member (lane_of (section, 0), "kind", "server");
}

static void
damage_region (JsonObject *section)
{
  static const char * const kb[] = {
    "rss_kb", "pss_kb", "shared_clean_kb", "shared_dirty_kb", "private_clean_kb", "private_dirty_kb", "anon_kb",
  };
  JsonArray *memory = json_object_get_array_member (store_of (section), "memory");
  JsonObject *sample = json_object_new ();
  JsonArray *regions = json_array_new ();
  JsonArray *bad = json_array_new ();
  guint i;

  /* A sample like the sampler's, with a region of a kind there is not. */
  json_object_set_int_member (sample, "t", 1000);
  json_object_set_int_member (sample, "pid", 1);
  json_object_set_int_member (sample, "lane", 0);
  for (i = 0; i < G_N_ELEMENTS (kb); i++)
    json_object_set_int_member (sample, kb[i], 4);
  json_array_add_int_element (bad, 99);
  json_array_add_int_element (bad, 0);
  json_array_add_int_element (bad, 4096);
  json_array_add_int_element (bad, 4);
  json_array_add_int_element (bad, -1);
  json_array_add_null_element (bad);
  json_array_add_array_element (regions, bad);
  json_object_set_array_member (sample, "regions", regions);
  json_array_add_object_element (memory, sample);
}

static void
test_damaged_budget (void)
{
  static const struct { const char *key; const char *value; const char *says; } damage[] = {
    { "events", "-1", "“events” is -1, out of range" },
    { "samples_not_kept", "\"many\"", "“samples_not_kept” is missing or not a whole number" },
    { "reached_t", "-1", "“reached_t” is -1, out of range" },
    { "output_bytes", "1.5", "“output_bytes” is missing or not a whole number" },
  };
  g_autoptr(FlRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("budget-damaged.json");
  g_autofree char *text = NULL;
  FlRunOptions options = { 0 };
  guint i;

  options.mode = FL_MODE_THREADS;
  options.max_output_lines = 100;
  options.ring_capacity = 65536;
  run = run_text (budget_scenario, &options);
  g_assert_true (fl_run_save (run, path, &error));
  g_assert_no_error (error);
  text = read_file (path);
  g_unlink (path);

  for (i = 0; i < G_N_ELEMENTS (damage); i++)
    {
      g_autofree char *key = g_strdup_printf ("\"%s\":", damage[i].key);
      const char *budget = strstr (text, "\"budget\":{");
      const char *at = budget != NULL ? strstr (budget, key) : NULL;
      const char *end;
      g_autoptr(GString) bad = g_string_new (NULL);

      g_assert_nonnull (at);
      at += strlen (key);
      end = at + strspn (at, "0123456789");
      g_string_append_len (bad, text, at - text);
      g_string_append (bad, damage[i].value);
      g_string_append (bad, end);
      assert_load_fails (bad->str, bad->len, FL_RUN_FILE_ERROR_DAMAGED, damage[i].says);
      g_assert_nonnull (strstr (bad->str, "budget"));
    }

  /* Not an object at all. */
  {
    const char *budget = strstr (text, "\"budget\":{");
    const char *end = strchr (budget, '}');
    g_autoptr(GString) bad = g_string_new (NULL);

    g_string_append_len (bad, text, budget - text);
    g_string_append (bad, "\"budget\":3");
    g_string_append (bad, end + 1);
    assert_load_fails (bad->str, bad->len, FL_RUN_FILE_ERROR_DAMAGED, "“budget” is missing or not an object");
  }
}

static void
test_damaged_not_forkline (void)
{
  static const char deep_prefix[] = "{\"traceEvents\":[],\"forkline\":";
  g_autoptr(GString) deep = g_string_new (deep_prefix);
  guint i;

  assert_load_fails ("", strlen (""), FL_RUN_FILE_ERROR_NOT_FORKLINE, "empty");
  assert_load_fails ("  \n", strlen ("  \n"), FL_RUN_FILE_ERROR_NOT_FORKLINE, "empty");
  assert_load_fails ("hello, world", strlen ("hello, world"), FL_RUN_FILE_ERROR_NOT_FORKLINE, "JSON");
  assert_load_fails ("[{\"ph\":\"X\"}]", strlen ("[{\"ph\":\"X\"}]"), FL_RUN_FILE_ERROR_NOT_FORKLINE, "JSON object");
  assert_load_fails ("{\"traceEvents\":[{\"ph\":\"X\",\"name\":\"}\"}]}", strlen ("{\"traceEvents\":[{\"ph\":\"X\",\"name\":\"}\"}]}"), FL_RUN_FILE_ERROR_NOT_FORKLINE,
                     "“forkline”");
  assert_load_fails ("\x89PNG\r\n\x1a\n", strlen ("\x89PNG\r\n\x1a\n"), FL_RUN_FILE_ERROR_NOT_FORKLINE, NULL);

  /* Nested deeper than any saved run: refused before it is parsed. */
  for (i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  for (i = 0; i < 200000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  assert_load_fails (deep->str, deep->len, FL_RUN_FILE_ERROR_DAMAGED, "nested");

  assert_load_fails ("{\"forkline\":{\"format\":1}", strlen ("{\"forkline\":{\"format\":1}"), FL_RUN_FILE_ERROR_DAMAGED, NULL);
  assert_load_fails ("{\"forkline\":[1,2]}", strlen ("{\"forkline\":[1,2]}"), FL_RUN_FILE_ERROR_DAMAGED, "not an object");
  assert_load_fails ("{\"forkline\":{\"format\":1,}}", strlen ("{\"forkline\":{\"format\":1,}}"), FL_RUN_FILE_ERROR_DAMAGED, "JSON");
}

static void
test_damaged_truncated (void)
{
  ensure_good_file ();

  /* Cut in the trace part, and cut in the section itself. */
  assert_load_fails (good_text, good_length / 3, FL_RUN_FILE_ERROR_DAMAGED, "cut short");
  assert_load_fails (good_text, good_length - 4, FL_RUN_FILE_ERROR_DAMAGED, "cut short");
}

/* Saved runs that lie: each value is of the right type and within its
 * own range, but impossible beside the others. */
static void
damage_end_zero (JsonObject *section)
{
  json_object_set_int_member (store_of (section), "end", 0);
}

static void
damage_cpu_huge (JsonObject *section)
{
  json_object_set_int_member (lane_of (section, 1), "cpu_ns", G_GINT64_CONSTANT (1) << 60);
}

static void
damage_start_before_create (JsonObject *section)
{
  JsonObject *lane = lane_of (section, 1);

  g_assert_cmpint (json_object_get_int_member (lane, "create_t"), >, 0);
  json_object_set_int_member (lane, "start_t", json_object_get_int_member (lane, "create_t") - 1);
}

static void
test_damaged_lies (void)
{
  assert_damage_fails (damage_end_zero, FL_RUN_FILE_ERROR_DAMAGED, "“end”");
  assert_damage_fails (damage_cpu_huge, FL_RUN_FILE_ERROR_DAMAGED, "“cpu_ns”");
  assert_damage_fails (damage_start_before_create, FL_RUN_FILE_ERROR_DAMAGED, "“start_t” is before “create_t”");
}

/* A whole number too large for 64 bits is named, not read as another
 * number (json-glib read 1e30 written out as -1). */
static void
test_damaged_huge_number (void)
{
  static const char * const huge[] = { "1000000000000000000000000000000", "9223372036854775808" };

  ensure_good_file ();
  for (guint i = 0; i < G_N_ELEMENTS (huge); i++)
    {
      g_autoptr(GRegex) regex = g_regex_new ("\"n_cores\":\\s*[0-9]+", 0, 0, NULL);
      g_autofree char *replacement = g_strdup_printf ("\"n_cores\":%s", huge[i]);
      g_autofree char *text = g_regex_replace_literal (regex, good_text, (gssize) good_length, 0,
                                                       replacement, 0, NULL);

      g_assert_nonnull (strstr (text, replacement));
      assert_load_fails (text, strlen (text), FL_RUN_FILE_ERROR_DAMAGED, "“n_cores”");
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(FlRun) run = fl_run_load_from_data (text, strlen (text), "damaged.json", &error);

        g_assert_null (strstr (error->message, "-1"));
        g_assert_nonnull (strstr (error->message, "too large"));
      }
    }
}

/* Save Run (the window's, and --trace) writes through fl_file_write():
 * a FIFO at the path is refused and left as it is; a link is written
 * through to its target, which then opens as the run. */
static void
test_save_rules (void)
{
  g_autofree char *dir = g_dir_make_tmp ("forkline-save-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "run.json", NULL);
  g_autofree char *target = g_build_filename (dir, "target.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlRun) run = NULL;
  g_autoptr(FlRun) again = NULL;
  struct stat st;

  ensure_good_file ();
  run = fl_run_load_from_data (good_text, good_length, "good.json", &error);
  g_assert_no_error (error);

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_false (fl_run_save (run, fifo, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (symlink ("target.json", link), ==, 0);
  g_assert_true (fl_run_save (run, link, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  again = fl_run_load (target, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);

  g_unlink (fifo);
  g_unlink (link);
  g_unlink (target);
  g_rmdir (dir);
}

/* A write that fails part way (a file size limit, as a full disk would):
 * an error naming the file, the old file as it was, no temporary left. */
static void
test_save_fails_midway (void)
{
  g_autofree char *dir = g_dir_make_tmp ("forkline-save-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (dir, "run.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlRun) run = NULL;
  FlRunOptions options = { 0 };
  int status;
  pid_t pid;

  /* Several times the buffer: the first write out already fails. */
  options.mode = FL_MODE_THREADS;
  options.ring_capacity = 65536;
  run = run_text (budget_scenario, &options);
  g_assert_true (g_file_set_contents (target, "old", -1, NULL));

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit limit = { 16384, 16384 };
      g_autoptr(GError) child_error = NULL;
      g_autoptr(GDir) listing = NULL;
      g_autofree char *contents = NULL;
      const char *name;
      guint n = 0;

      signal (SIGXFSZ, SIG_IGN);
      if (setrlimit (RLIMIT_FSIZE, &limit) < 0)
        _exit (10);
      if (fl_run_save (run, target, &child_error))
        _exit (11);
      g_printerr ("%s\n", child_error->message);
      if (strstr (child_error->message, "run.json") == NULL)
        _exit (12);
      if (!g_file_get_contents (target, &contents, NULL, NULL) || strcmp (contents, "old") != 0)
        _exit (13);
      listing = g_dir_open (dir, 0, NULL);
      while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
        n++;
      _exit (n == 1 ? 0 : 14);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  g_unlink (target);
  g_rmdir (dir);
}

static void
test_damaged_section (void)
{
  assert_damage_fails (damage_format, FL_RUN_FILE_ERROR_TOO_NEW, "newer");
  assert_damage_fails (damage_format_type, FL_RUN_FILE_ERROR_DAMAGED, "format");
  assert_damage_fails (damage_workers_type, FL_RUN_FILE_ERROR_DAMAGED, "“workers” is missing or not a whole number");
  assert_damage_fails (damage_huge_workers, FL_RUN_FILE_ERROR_DAMAGED, "out of range");
  assert_damage_fails (damage_huge_cores, FL_RUN_FILE_ERROR_DAMAGED, "n_cores");
  assert_damage_fails (damage_no_store, FL_RUN_FILE_ERROR_DAMAGED, "“store” is missing");
  assert_damage_fails (damage_lane_count, FL_RUN_FILE_ERROR_DAMAGED, "lanes");
  assert_damage_fails (damage_output_lane, FL_RUN_FILE_ERROR_DAMAGED, "output line");
  assert_damage_fails (damage_no_messages, FL_RUN_FILE_ERROR_DAMAGED, "message");
  assert_damage_fails (damage_scenario, FL_RUN_FILE_ERROR_DAMAGED, "scenario");
  assert_damage_fails (damage_params, FL_RUN_FILE_ERROR_DAMAGED, "parameters");
  assert_damage_fails (damage_param_range, FL_RUN_FILE_ERROR_DAMAGED, "out of range");
  assert_damage_fails (damage_samples_backwards, FL_RUN_FILE_ERROR_DAMAGED, "back in time");
  assert_damage_fails (damage_events_cut, FL_RUN_FILE_ERROR_DAMAGED, "cut short");
  assert_damage_fails (damage_event_kind, FL_RUN_FILE_ERROR_DAMAGED, "unknown kind");
  assert_damage_fails (damage_event_state, FL_RUN_FILE_ERROR_DAMAGED, "unknown state");
  assert_damage_fails (damage_event_time, FL_RUN_FILE_ERROR_DAMAGED, "impossible time");
  assert_damage_fails (damage_lane_kind, FL_RUN_FILE_ERROR_DAMAGED, "lane 0");
  assert_damage_fails (damage_region, FL_RUN_FILE_ERROR_DAMAGED, "region");
}

/* Bytes of the section changed at random: an error or a run, never a crash. */
static void
test_damaged_random_bytes (void)
{
  const char *section;
  gsize offset, span;
  guint i, failed = 0;

  ensure_good_file ();
  section = strstr (good_text, "\"forkline\":");
  g_assert_nonnull (section);
  offset = (gsize) (section - good_text);
  span = good_length - offset;

  for (i = 0; i < 400; i++)
    {
      g_autofree char *copy = g_memdup2 (good_text, good_length);
      g_autoptr(GError) error = NULL;
      g_autoptr(FlRun) run = NULL;
      guint flips = 1 + (guint) g_test_rand_int_range (0, 4);
      guint f;

      for (f = 0; f < flips; f++)
        copy[offset + (gsize) g_test_rand_int_range (0, (gint32) span)] = (char) g_test_rand_int_range (0, 256);
      run = fl_run_load_from_data (copy, good_length, "random.json", &error);
      g_assert_true ((run == NULL) != (error == NULL));
      if (run != NULL)
        {
          /* Whatever loaded is whole enough to report on. */
          g_autofree char *json = summary_json (run);
          g_assert_nonnull (json);
        }
      else
        failed++;
    }
  g_assert_cmpuint (failed, >, 0);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("there-is-no-such-file.json");
  g_autoptr(FlRun) run = fl_run_load (path, &error);

  g_assert_null (run);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "there-is-no-such-file.json"));
  g_clear_error (&error);

  g_assert_null (fl_run_load (tmpdir, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
}

/* ---- the command line ------------------------------------------------------ */

static int
run_forkline (const char * const *args,
              char              **out,
              char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("FORKLINE_BIN"));
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (gpointer) *args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

static void
test_cli_open (void)
{
  g_autofree char *trace = tmp_path ("cli.json");
  g_autofree char *bad = tmp_path ("cli-bad.json");
  g_autofree char *live_out = NULL, *live_err = NULL;
  g_autofree char *open_out = NULL, *open_err = NULL;
  g_autofree char *text_out = NULL, *text_err = NULL;
  const char * const live[] = { "--run", "race-counter", "--mode", "fork", "--workers", "2",
                                "--param", "increments=100", "--trace", trace, "--summary=json", NULL };
  const char * const open[] = { "--open", trace, "--summary=json", NULL };
  const char * const open_text[] = { "--open", trace, "--summary", NULL };
  const char * const open_bad[] = { "--open", bad, "--summary=json", NULL };
  const char * const open_run[] = { "--open", trace, "--run", "crash", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_forkline (live, &live_out, &live_err), ==, 0);
  g_assert_cmpint (run_forkline (open, &open_out, &open_err), ==, 0);
  g_assert_cmpstr (open_err, ==, "");
  g_assert_cmpstr (open_out, ==, live_out);

  /* Text: the output lines as they were printed, then the table. */
  g_assert_cmpint (run_forkline (open_text, &text_out, &text_err), ==, 0);
  g_assert_nonnull (strstr (text_out, "│"));
  g_assert_nonnull (strstr (text_out, "adder 2"));

  /* A damaged file: exit 2, one line saying what, nothing on stdout. */
  g_assert_true (g_file_set_contents (bad, "{\"traceEvents\":[]}", -1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&open_out, g_free);
  g_clear_pointer (&open_err, g_free);
  g_assert_cmpint (run_forkline (open_bad, &open_out, &open_err), ==, 2);
  g_assert_cmpstr (open_out, ==, "");
  g_assert_nonnull (strstr (open_err, "cli-bad.json"));
  g_assert_nonnull (strstr (open_err, "not a saved Forkline run"));

  g_clear_pointer (&open_out, g_free);
  g_clear_pointer (&open_err, g_free);
  g_assert_cmpint (run_forkline (open_run, &open_out, &open_err), ==, 2);
  g_assert_nonnull (strstr (open_err, "--run"));

  g_unlink (trace);
  g_unlink (bad);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("forkline-run-file-XXXXXX", &error);
  g_assert_no_error (error);
  catalog = fl_catalog_new ();
  fl_catalog_load (catalog);

  g_test_add_func ("/run-file/round-trip/threads", test_round_trip_threads);
  g_test_add_func ("/run-file/round-trip/fork", test_round_trip_fork);
  g_test_add_func ("/run-file/round-trip/spawn", test_round_trip_spawn);
  g_test_add_func ("/run-file/round-trip/descriptors", test_round_trip_descriptors);
  g_test_add_func ("/run-file/round-trip/crash", test_round_trip_crash);
  g_test_add_func ("/run-file/round-trip/stopped", test_round_trip_stopped);
  g_test_add_func ("/run-file/round-trip/budget", test_round_trip_budget);
  g_test_add_func ("/run-file/round-trip/within-budget", test_round_trip_within_budget);
  g_test_add_func ("/run-file/round-trip/long", test_round_trip_long);
  g_test_add_func ("/run-file/damaged/budget", test_damaged_budget);
  g_test_add_func ("/run-file/damaged/not-forkline", test_damaged_not_forkline);
  g_test_add_func ("/run-file/damaged/truncated", test_damaged_truncated);
  g_test_add_func ("/run-file/damaged/section", test_damaged_section);
  g_test_add_func ("/run-file/damaged/random-bytes", test_damaged_random_bytes);
  g_test_add_func ("/run-file/damaged/lies", test_damaged_lies);
  g_test_add_func ("/run-file/save-rules", test_save_rules);
  g_test_add_func ("/run-file/save-fails-midway", test_save_fails_midway);
  g_test_add_func ("/run-file/damaged/huge-number", test_damaged_huge_number);
  g_test_add_func ("/run-file/missing", test_missing_file);
  g_test_add_func ("/run-file/cli/open", test_cli_open);

  status = g_test_run ();

  g_clear_pointer (&good_text, g_free);
  g_clear_object (&catalog);
  {
    g_autofree char *good = tmp_path ("good.json");
    g_unlink (good);
  }
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
