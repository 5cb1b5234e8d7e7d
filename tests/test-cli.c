/* test-cli.c — the forkline command line, run as a user runs it
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built `forkline` ($FORKLINE_BIN) with real scenarios in every
 * mode, and with every kind of bad input.
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "fl-catalog.h"
#include "fl-test-util.h"

static const char *forkline_bin;
static FlCatalog *catalog;

/* An XDG_DATA_HOME of the tests' own with user scenarios: one that only
 * runs in threads mode with up to 4 workers, and a malformed one. */
static char *user_data_home;
static char **user_env;

static const char user_scenario[] =
  "[Scenario]\n"
  "Id=cli-threads-only\n"
  "Title=Threads only, for the tests\n"
  "Description=A scenario that refuses processes.\n"
  "Modes=threads\n"
  "Workers=2\n"
  "MaxWorkers=4\n"
  "\n"
  "[Worker hello]\n"
  "Steps=print \"hello {worker}\"\n";

static const char broken_scenario[] =
  "[Scenario]\n"
  "Id=cli-broken\n"
  "Title=Broken\n"
  "Description=Its Modes key names a mode that does not exist.\n"
  "Modes=threads;quantum\n"
  "\n"
  "[Worker w]\n"
  "Steps=print \"x\"\n";

static const char * const mode_names[] = { "threads", "fork", "spawn" };

/* ---- running forkline ----------------------------------------------------- */

typedef struct
{
  int   status;   /* exit status; 128 + signal if killed */
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Runs forkline with @args (NULL-terminated) and, if @envp, that environment. */
static void
run_forkline_env (const char * const *args,
                  char              **envp,
                  Result             *r)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) forkline_bin);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  memset (r, 0, sizeof *r);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &r->out, &r->err, &wait_status, &error);
  g_assert_no_error (error);
  if (WIFEXITED (wait_status))
    r->status = WEXITSTATUS (wait_status);
  else
    r->status = 128 + WTERMSIG (wait_status);
  if (g_test_verbose ())
    g_printerr ("forkline exited %d\n--- stdout\n%s--- stderr\n%s---\n", r->status, r->out, r->err);
}

static void
run_forkline (const char * const *args,
              Result             *r)
{
  run_forkline_env (args, NULL, r);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static FlScenario *
preset (const char *id)
{
  FlScenario *scenario = fl_catalog_lookup (catalog, id);

  g_assert_nonnull (scenario);
  return scenario;
}

/* ---- bad input ------------------------------------------------------------ */

/* Runs forkline with @args plus a --trace into a fresh folder (unless the
 * case is about the trace path itself) and checks the refusal: exit 2, a
 * "forkline: " message naming every string of @mentions, nothing on
 * stdout, and no file left. */
static void
expect_refusal_env (const char * const *args,
                    char              **envp,
                    gboolean            add_trace,
                    const char * const *mentions)
{
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-cli-XXXXXX");
  g_autofree char *trace = g_build_filename (dir, "trace.json", NULL);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_auto(Result) r = { 0 };

  for (guint i = 0; args[i] != NULL; i++)
    {
      /* @DIR@ stands for the fresh folder. */
      g_autoptr(GString) arg = g_string_new (args[i]);
      g_string_replace (arg, "@DIR@", dir, 0);
      g_ptr_array_add (all, g_string_free (g_steal_pointer (&arg), FALSE));
    }
  if (add_trace)
    {
      g_ptr_array_add (all, g_strdup ("--trace"));
      g_ptr_array_add (all, g_strdup (trace));
    }
  g_ptr_array_add (all, NULL);

  run_forkline_env ((const char * const *) all->pdata, envp, &r);

  g_assert_cmpint (r.status, ==, 2);
  g_assert_true (g_str_has_prefix (r.err, "forkline: "));
  for (guint i = 0; mentions != NULL && mentions[i] != NULL; i++)
    {
      g_autoptr(GString) mention = g_string_new (mentions[i]);

      g_string_replace (mention, "@DIR@", dir, 0);
      if (strstr (r.err, mention->str) == NULL)
        g_error ("the message “%s” does not mention “%s”", r.err, mention->str);
    }
  g_assert_cmpstr (r.out, ==, "");
  g_assert_false (g_file_test (trace, G_FILE_TEST_EXISTS));
  g_assert_cmpint (fl_test_count_dir_entries (dir), ==, 0);

  fl_test_remove_tree (dir);
}

static void
expect_refusal (const char * const *args,
                gboolean            add_trace,
                const char * const *mentions)
{
  expect_refusal_env (args, NULL, add_trace, mentions);
}

#define ARGS(...) ((const char * const []) { __VA_ARGS__, NULL })

static void
test_bad_scenario (void)
{
  expect_refusal (ARGS ("--run", "no-such-scenario"), TRUE,
                  ARGS ("no-such-scenario", "--list-scenarios"));
}

static void
test_bad_mode (void)
{
  expect_refusal (ARGS ("--run", "numbers-letters", "--mode", "coroutines"), TRUE,
                  ARGS ("coroutines", "threads", "fork", "spawn"));
}

static void
test_bad_workers (void)
{
  expect_refusal (ARGS ("--run", "cpu-bound", "--workers", "0"), TRUE, ARGS ("“0”", "256"));
  expect_refusal (ARGS ("--run", "cpu-bound", "--workers", "257"), TRUE, ARGS ("257", "256"));
  expect_refusal (ARGS ("--run", "cpu-bound", "--workers", "-1"), TRUE, ARGS ("-1", "256"));
  expect_refusal (ARGS ("--run", "cpu-bound", "--workers", "many"), TRUE, ARGS ("many", "256"));
  expect_refusal (ARGS ("--run", "cpu-bound", "--workers", "2x"), TRUE, ARGS ("2x"));
  expect_refusal (ARGS ("--run", "cpu-bound", "--workers", " 3"), TRUE, ARGS ("“ 3”"));
  expect_refusal (ARGS ("--run", "cpu-bound", "--workers", "3 "), TRUE, ARGS ("“3 ”"));
}

/* A count within 1..256 that the scenario itself does not take. */
static void
test_bad_workers_for_scenario (void)
{
  expect_refusal_env (ARGS ("--run", "cli-threads-only", "--workers", "5"), user_env, TRUE,
                      ARGS ("cli-threads-only", "5", "4"));
}

/* A mode the scenario does not allow: the message says which it allows. */
static void
test_bad_mode_for_scenario (void)
{
  expect_refusal_env (ARGS ("--run", "cli-threads-only", "--mode", "fork"), user_env, TRUE,
                      ARGS ("cli-threads-only", "fork", "threads"));
  expect_refusal_env (ARGS ("--run", "cli-threads-only", "--mode", "spawn"), user_env, TRUE,
                      ARGS ("cli-threads-only", "spawn", "threads"));
}

static void
test_bad_param (void)
{
  FlScenario *scenario = preset ("cpu-bound");
  const FlParam *param;
  g_autofree char *too_big = NULL;
  g_autofree char *not_a_number = NULL;
  g_autofree char *max_text = NULL;

  expect_refusal (ARGS ("--run", "cpu-bound", "--param", "no_such_param=1"), TRUE,
                  ARGS ("no_such_param", "cpu-bound"));
  expect_refusal (ARGS ("--run", "cpu-bound", "--param", "novalue"), TRUE,
                  ARGS ("novalue", "NAME=VALUE"));
  expect_refusal (ARGS ("--run", "cpu-bound", "--param", "=3"), TRUE, ARGS ("=3"));

  g_assert_cmpuint (fl_scenario_get_n_params (scenario), >, 0);
  param = fl_scenario_get_param (scenario, 0);
  g_assert_true (param->type != FL_PARAM_BOOL);
  max_text = g_strdup_printf ("%g", param->max);

  /* Out of range and not a number: the parameter, its type and range are named. */
  too_big = g_strdup_printf ("%s=%g", param->name, param->max + 1);
  expect_refusal (ARGS ("--run", "cpu-bound", "--param", too_big), TRUE,
                  ARGS (param->name, too_big + strlen (param->name) + 1, max_text));
  not_a_number = g_strdup_printf ("%s=lots", param->name);
  expect_refusal (ARGS ("--run", "cpu-bound", "--param", not_a_number), TRUE,
                  ARGS (param->name, "lots", max_text));

  /* Spaces around a number: refused as --workers refuses them. */
  {
    g_autofree char *spaced = g_strdup_printf ("%s= %g", param->name, param->min);

    expect_refusal (ARGS ("--run", "cpu-bound", "--param", spaced), TRUE, ARGS (param->name));
  }
}

static void
test_bad_trace_path (void)
{
  /* A folder that does not exist, and a folder given as the file. */
  expect_refusal (ARGS ("--run", "numbers-letters", "--trace", "@DIR@/missing/trace.json"), FALSE,
                  ARGS ("@DIR@/missing/trace.json", "does not exist"));
  expect_refusal (ARGS ("--run", "numbers-letters", "--trace", "@DIR@"), FALSE,
                  ARGS ("@DIR@", "folder"));

  if (geteuid () != 0)
    {
      g_autofree char *dir = fl_test_make_tmp_dir ("forkline-cli-XXXXXX");
      g_autofree char *trace = g_build_filename (dir, "trace.json", NULL);
      g_auto(Result) r = { 0 };

      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      run_forkline (ARGS ("--run", "numbers-letters", "--trace", trace), &r);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, trace));
      g_assert_cmpint (fl_test_count_dir_entries (dir), ==, 0);
      g_chmod (dir, 0755);
      fl_test_remove_tree (dir);
    }
}

static void
test_bad_options (void)
{
  expect_refusal (ARGS ("--run", "numbers-letters", "--summary=xml"), TRUE, ARGS ("xml", "json"));
  expect_refusal (ARGS ("--run", "numbers-letters", "--frobnicate"), TRUE, ARGS ("frobnicate"));
  expect_refusal (ARGS ("--run", "numbers-letters", "surplus"), TRUE, ARGS ("surplus"));
  expect_refusal (ARGS ("--mode", "fork"), TRUE, ARGS ("--run"));
}

static void
test_bad_gil_options (void)
{
  const char *intervals[] = { "0", "0.05", "1000.5", "-5", "abc", "5ms", "nan", "inf", "" };
  const char *rates[] = { "0", "0.5", "1001", "-1", "fast", "100Hz", "nan", "" };

  expect_refusal (ARGS ("--run", "cpu-bound", "--gil", "--no-gil"), TRUE, ARGS ("--gil", "--no-gil"));
  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", intervals[i]);

      expect_refusal (ARGS ("--run", "cpu-bound", "--switch-interval", intervals[i]), TRUE,
                      ARGS ("--switch-interval", quoted, "0.1", "1000"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", rates[i]);

      expect_refusal (ARGS ("--run", "cpu-bound", "--sample-rate", rates[i]), TRUE,
                      ARGS ("--sample-rate", quoted, "from 1 to 1000"));
    }
  /* Each needs a run to apply to. */
  expect_refusal (ARGS ("--gil"), TRUE, ARGS ("--gil", "--run"));
  expect_refusal (ARGS ("--no-gil"), TRUE, ARGS ("--no-gil", "--run"));
  expect_refusal (ARGS ("--switch-interval", "5"), TRUE, ARGS ("--switch-interval", "--run"));
  expect_refusal (ARGS ("--sample-rate", "50"), TRUE, ARGS ("--sample-rate", "--run"));
}

/* ---- listing -------------------------------------------------------------- */

static void
test_list (void)
{
  const char *ids[] = { "numbers-letters", "squares-cubes", "cpu-bound" };
  g_auto(Result) r = { 0 };
  g_auto(GStrv) lines = NULL;

  run_forkline (ARGS ("--list-scenarios"), &r);
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      FlScenario *scenario = preset (ids[i]);
      gboolean found = FALSE;

      /* The id first, then the title. */
      for (guint l = 0; lines[l] != NULL; l++)
        if (g_str_has_prefix (lines[l], ids[i]) && lines[l][strlen (ids[i])] == ' ')
          {
            g_assert_true (g_str_has_suffix (lines[l], fl_scenario_get_title (scenario)));
            found = TRUE;
          }
      g_assert_true (found);
    }
}

/* A malformed user scenario is reported with its file and line; the rest are still listed. */
static void
test_list_user (void)
{
  g_auto(Result) r = { 0 };

  run_forkline_env (ARGS ("--list-scenarios"), user_env, &r);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "broken.scenario:5"));
  g_assert_nonnull (strstr (r.err, "quantum"));
  g_assert_null (strstr (r.out, "cli-broken"));
  g_assert_nonnull (strstr (r.out, "\ncli-threads-only "));
  g_assert_true (g_str_has_prefix (r.out, "numbers-letters ") || strstr (r.out, "\nnumbers-letters ") != NULL);
  g_assert_nonnull (strstr (r.out, "\ncpu-bound "));
}

static void
test_version_and_usage (void)
{
  g_auto(Result) version = { 0 };
  g_auto(Result) usage = { 0 };

  run_forkline (ARGS ("--version"), &version);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "forkline " PACKAGE_VERSION "\n");

  /* Without arguments forkline opens its window: the usage is --help's. */
  run_forkline (ARGS ("--help"), &usage);
  g_assert_cmpint (usage.status, ==, 0);
  g_assert_nonnull (strstr (usage.out, "--run"));
  g_assert_nonnull (strstr (usage.out, "--list-scenarios"));
  g_assert_nonnull (strstr (usage.out, "--gil"));
  g_assert_nonnull (strstr (usage.out, "--no-gil"));
  g_assert_nonnull (strstr (usage.out, "--switch-interval=MS"));
  g_assert_nonnull (strstr (usage.out, "--sample-rate=HZ"));
}

/* ---- runs ----------------------------------------------------------------- */

static JsonObject *
find_lane (JsonObject *summary,
           gint64      id)
{
  JsonArray *workers = json_object_get_array_member (summary, "workers");

  for (guint i = 0; i < json_array_get_length (workers); i++)
    {
      JsonObject *lane = json_array_get_object_element (workers, i);
      if (json_object_get_int_member (lane, "id") == id)
        return lane;
    }
  g_assert_not_reached ();
}

/* The trace of a numbers-letters run: processes named, states as X events
 * that never go back in time on a track, the output as instant events,
 * each core's use and the main process's RSS as counters. */
static void
check_trace (const char *path,
             JsonObject *summary)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) last = g_hash_table_new_full (fl_test_track_hash, fl_test_track_equal, g_free, g_free);
  g_autoptr(GHashTable) named_pids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  JsonObject *main_lane = find_lane (summary, 0);
  gint64 main_pid = json_object_get_int_member (main_lane, "pid");
  g_autofree char *main_name = g_strdup_printf ("main process (pid %" G_GINT64_FORMAT ")", main_pid);
  gboolean main_named = FALSE, cpu_named = FALSE;
  JsonArray *events;
  guint n_x = 0, n_cpu = 0, n_rss = 0;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  events = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "traceEvents");

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *ev = json_array_get_object_element (events, i);
      const char *ph = json_object_get_string_member (ev, "ph");
      const char *name = json_object_get_string_member (ev, "name");
      FlTestTrack key = { json_object_get_int_member (ev, "pid"), json_object_get_int_member (ev, "tid") };

      if (g_str_equal (ph, "M") && g_str_equal (name, "process_name"))
        {
          const char *value = json_object_get_string_member (json_object_get_object_member (ev, "args"), "name");

          if (key.pid == main_pid)
            main_named = g_str_equal (value, main_name);
          /* pid 0 is the pseudo-process of the per-core counters. */
          if (key.pid == 0)
            cpu_named = g_str_equal (value, "CPU");
          else
            g_hash_table_add (named_pids, g_memdup2 (&key.pid, sizeof key.pid));
        }
      else if (g_str_equal (ph, "C"))
        {
          JsonObject *args = json_object_get_object_member (ev, "args");

          if (key.pid == 0 && g_str_has_prefix (name, "CPU "))
            {
              double busy = json_object_get_double_member (args, "busy %");

              g_assert_cmpfloat (busy, >=, 0);
              g_assert_cmpfloat (busy, <=, 100);
              n_cpu++;
            }
          else if (key.pid == main_pid && g_str_equal (name, "RSS"))
            {
              g_assert_cmpint (json_object_get_int_member (args, "kB"), >, 0);
              n_rss++;
            }
        }
      else if (g_str_equal (ph, "X"))
        {
          double ts = json_object_get_double_member (ev, "ts");
          double *end = g_hash_table_lookup (last, &key);

          if (end != NULL)
            g_assert_cmpfloat (ts, >=, *end - 0.01);
          else
            g_hash_table_insert (last, g_memdup2 (&key, sizeof key), end = g_new (double, 1));
          *end = ts + json_object_get_double_member (ev, "dur");
          n_x++;
        }
      else if (g_str_equal (ph, "i") && json_object_has_member (ev, "cat") &&
               g_str_equal (json_object_get_string_member (ev, "cat"), "output"))
        g_ptr_array_add (texts, (gpointer) json_object_get_string_member (json_object_get_object_member (ev, "args"),
                                                                          "text"));
    }

  g_assert_true (main_named);
  /* Five seconds sampled: per-core use at 100 Hz, memory at 2 Hz. */
  g_assert_true (cpu_named);
  g_assert_cmpuint (n_cpu, >=, 10);
  g_assert_cmpuint (n_rss, >=, 2);
  g_assert_cmpuint (n_x, >=, 10);
  g_assert_cmpuint (texts->len, >=, 10);
  /* Every process of the run is named: one in threads mode, three with processes. */
  g_assert_cmpuint (g_hash_table_size (named_pids), ==,
                    g_str_equal (json_object_get_string_member (summary, "mode"), "threads") ? 1 : 3);
  /* Every lane has states on its track. */
  for (guint k = 0; k <= 2; k++)
    {
      JsonObject *lane = find_lane (summary, k);
      FlTestTrack key = { json_object_get_int_member (lane, "pid"), json_object_get_int_member (lane, "tid") };

      g_assert_nonnull (g_hash_table_lookup (last, &key));
    }
}

static void
test_numbers_letters (gconstpointer data)
{
  const char *mode = data;
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-cli-XXXXXX");
  g_autofree char *trace = g_build_filename (dir, "trace.json", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) pids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) by_worker = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           (GDestroyNotify) g_ptr_array_unref);
  g_auto(Result) r = { 0 };
  JsonObject *summary, *main_lane;
  JsonArray *output;
  gint64 main_pid;
  gboolean threads = g_str_equal (mode, "threads");
  guint n_worker_lines = 0, n_sequences = 0;
  GHashTableIter iter;
  gpointer value;

  run_forkline (ARGS ("--run", "numbers-letters", "--mode", mode, "--summary=json", "--trace", trace), &r);
  g_assert_cmpint (r.status, ==, 0);

  /* Nothing but the JSON object on stdout. */
  root = parse_json (r.out);
  summary = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (summary, "scenario"), ==, "numbers-letters");
  g_assert_cmpstr (json_object_get_string_member (summary, "mode"), ==, mode);
  g_assert_cmpint (json_object_get_int_member (summary, "worker_count"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (summary, "dropped_events"), ==, 0);
  /* They overlap: one after the other they would need about 10 s. */
  g_assert_cmpint (json_object_get_int_member (summary, "wall_ms"), <, 8000);

  main_lane = find_lane (summary, 0);
  g_assert_cmpstr (json_object_get_string_member (main_lane, "role"), ==, "main");
  g_assert_cmpstr (json_object_get_string_member (main_lane, "kind"), ==, "process");
  g_assert_cmpstr (json_object_get_string_member (main_lane, "exit"), ==, "ok");
  main_pid = json_object_get_int_member (main_lane, "pid");
  g_assert_cmpint (main_pid, >, 0);
  g_assert_cmpint (main_pid, !=, getpid ());

  for (gint64 k = 1; k <= 2; k++)
    {
      JsonObject *lane = find_lane (summary, k);
      gint64 pid = json_object_get_int_member (lane, "pid");

      g_assert_cmpstr (json_object_get_string_member (lane, "role"), ==, "worker");
      g_assert_cmpstr (json_object_get_string_member (lane, "exit"), ==, "ok");
      g_assert_cmpint (json_object_get_int_member (lane, "tid"), >, 0);
      if (threads)
        {
          /* Threads live in the main process. */
          g_assert_cmpstr (json_object_get_string_member (lane, "kind"), ==, "thread");
          g_assert_cmpint (pid, ==, main_pid);
          g_assert_cmpint (json_object_get_int_member (lane, "tid"), !=, main_pid);
        }
      else
        {
          /* Processes have pids of their own. */
          g_assert_cmpstr (json_object_get_string_member (lane, "kind"), ==, "process");
          g_assert_cmpint (pid, >, 0);
          g_assert_cmpint (pid, !=, main_pid);
          g_assert_false (g_hash_table_contains (pids, &pid));
          g_hash_table_add (pids, g_memdup2 (&pid, sizeof pid));
        }
    }

  /* Ten lines from the workers, in order per worker, a second apart. */
  output = json_object_get_array_member (summary, "output");
  for (guint i = 0; i < json_array_get_length (output); i++)
    {
      JsonObject *line = json_array_get_object_element (output, i);
      gint64 worker = json_object_get_int_member (line, "worker");
      GPtrArray *lines;

      if (worker < 1 || worker > 2)
        continue;
      n_worker_lines++;
      if (!(lines = g_hash_table_lookup (by_worker, &worker)))
        g_hash_table_insert (by_worker, g_memdup2 (&worker, sizeof worker), lines = g_ptr_array_new ());
      g_ptr_array_add (lines, line);
    }
  g_assert_cmpuint (n_worker_lines, ==, 10);
  g_assert_cmpuint (g_hash_table_size (by_worker), ==, 2);

  g_hash_table_iter_init (&iter, by_worker);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *lines = value;
      const char *first = json_object_get_string_member (g_ptr_array_index (lines, 0), "text");
      gboolean is_numbers = strstr (first, "Number: ") != NULL;
      gint64 t_first, t_last;

      g_assert_cmpuint (lines->len, ==, 5);
      for (guint i = 0; i < 5; i++)
        {
          g_autofree char *expected = is_numbers ? g_strdup_printf ("Number: %u", i + 1)
                                                 : g_strdup_printf ("Letter: %c", 'a' + i);
          const char *text = json_object_get_string_member (g_ptr_array_index (lines, i), "text");

          if (strstr (text, expected) == NULL)
            g_error ("line %u of a worker is “%s”, not “%s”", i, text, expected);
        }
      n_sequences |= is_numbers ? 1 : 2;

      /* Real sleeps of one second between the lines; well under 10 s in all. */
      t_first = json_object_get_int_member (g_ptr_array_index (lines, 0), "t_ms");
      t_last = json_object_get_int_member (g_ptr_array_index (lines, 4), "t_ms");
      g_assert_cmpint (t_last - t_first, >=, 3900);
      g_assert_cmpint (t_last, <, 7000);
    }
  g_assert_cmpuint (n_sequences, ==, 3);

  check_trace (trace, summary);
  fl_test_remove_tree (dir);
}

static void
test_cpu_bound (gconstpointer data)
{
  const char *mode = data;

  for (guint n = 1; n <= 3; n++)
    {
      g_autofree char *workers = g_strdup_printf ("%u", n);
      g_autoptr(JsonNode) root = NULL;
      g_auto(Result) r = { 0 };
      JsonObject *summary, *results;

      run_forkline (ARGS ("--run", "cpu-bound", "--mode", mode, "--workers", workers, "--summary=json"), &r);
      g_assert_cmpint (r.status, ==, 0);
      root = parse_json (r.out);
      summary = json_node_get_object (root);
      g_assert_cmpint (json_object_get_int_member (summary, "worker_count"), ==, n);
      results = json_object_get_object_member (summary, "results");
      g_assert_true (json_object_get_boolean_member (results, "correct"));
      g_assert_cmpint (json_object_get_int_member (results, "primes"), ==,
                       json_object_get_int_member (results, "expected_primes"));
      g_assert_cmpint (json_object_get_int_member (results, "primes"), >, 0);
    }
}

/* Runs cpu-bound briefly with @extra options and returns its summary. */
static JsonNode *
run_cpu_bound_json (const char * const *extra)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(Result) r = { 0 };

  g_ptr_array_add (args, (gpointer) "--run");
  g_ptr_array_add (args, (gpointer) "cpu-bound");
  g_ptr_array_add (args, (gpointer) "--workers");
  g_ptr_array_add (args, (gpointer) "2");
  g_ptr_array_add (args, (gpointer) "--mode");
  g_ptr_array_add (args, (gpointer) "threads");
  g_ptr_array_add (args, (gpointer) "--param");
  g_ptr_array_add (args, (gpointer) "work=20");
  g_ptr_array_add (args, (gpointer) "--summary=json");
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) extra[i]);
  g_ptr_array_add (args, NULL);

  run_forkline ((const char * const *) args->pdata, &r);
  g_assert_cmpint (r.status, ==, 0);
  return parse_json (r.out);
}

/* --gil: both threads took the emulated GIL and held it while they computed. */
static void
test_gil (void)
{
  g_autoptr(JsonNode) root = run_cpu_bound_json (ARGS ("--gil"));
  JsonObject *summary = json_node_get_object (root);
  JsonObject *gil = json_object_get_object_member (summary, "gil");
  JsonArray *threads = json_object_get_array_member (gil, "threads");
  guint n_workers = 0;

  g_assert_true (json_object_get_boolean_member (gil, "enabled"));
  g_assert_cmpfloat (json_object_get_double_member (gil, "switch_interval_ms"), ==, 5.0);
  for (guint i = 0; i < json_array_get_length (threads); i++)
    {
      JsonObject *thread = json_array_get_object_element (threads, i);
      gint64 worker = json_object_get_int_member (thread, "worker");

      g_assert_cmpfloat (json_object_get_double_member (thread, "wait_ms"), >=, 0);
      if (worker < 1 || worker > 2)
        continue;
      g_assert_cmpfloat (json_object_get_double_member (thread, "held_ms"), >, 0);
      n_workers++;
    }
  g_assert_cmpuint (n_workers, ==, 2);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (summary, "results"), "correct"));
  g_assert_nonnull (strstr (json_object_get_string_member (summary, "verdict"), "with the emulated GIL"));
}

/* --no-gil, the switch interval and the sample rate reach the run, at the ends of their ranges. */
static void
test_gil_options (void)
{
  g_autoptr(JsonNode) fast = run_cpu_bound_json (ARGS ("--gil", "--switch-interval", "0.1", "--sample-rate", "1000"));
  g_autoptr(JsonNode) slow = run_cpu_bound_json (ARGS ("--no-gil", "--switch-interval", "1000",
                                                       "--sample-rate", "1"));
  JsonObject *gil;

  gil = json_object_get_object_member (json_node_get_object (fast), "gil");
  g_assert_true (json_object_get_boolean_member (gil, "enabled"));
  g_assert_cmpfloat (json_object_get_double_member (gil, "switch_interval_ms"), ==, 0.1);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (json_node_get_object (fast),
                                                                                   "samples"),
                                                    "rate_hz"), ==, 1000);

  gil = json_object_get_object_member (json_node_get_object (slow), "gil");
  g_assert_false (json_object_get_boolean_member (gil, "enabled"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (gil, "threads")), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (gil, "switch_interval_ms"), ==, 1000);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (json_node_get_object (slow),
                                                                                   "samples"),
                                                    "rate_hz"), ==, 1);
  g_assert_null (strstr (json_object_get_string_member (json_node_get_object (slow), "verdict"), "GIL"));
}

/* The default summary: each line as it happens, tagged, then the table. */
static void
test_text_output (void)
{
  g_auto(Result) r = { 0 };

  run_forkline (ARGS ("--run", "squares-cubes"), &r);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, " s  "));
  g_assert_nonnull (strstr (r.out, " │ "));
  g_assert_nonnull (strstr (r.out, "\nID "));
  g_assert_nonnull (strstr (r.out, "\n0 dropped events\n"));
  g_assert_nonnull (strstr (r.out, "Wall time"));
}

/* The pid of a child of @parent, or 0 (from /proc/N/stat: the kernel
 * here need not have /proc/N/task/N/children). */
static pid_t
find_child (pid_t parent)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  g_assert_nonnull (proc);
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *stat = NULL;
      const char *after;
      char state;
      int ppid;

      if (!g_ascii_isdigit (name[0]))
        continue;
      path = g_build_filename ("/proc", name, "stat", NULL);
      if (!g_file_get_contents (path, &stat, NULL, NULL) || (after = strrchr (stat, ')')) == NULL)
        continue;
      if (sscanf (after + 1, " %c %d", &state, &ppid) == 2 && ppid == parent)
        return (pid_t) atoi (name);
    }
  return 0;
}

/* Waits until the process @pid_str has a child that has children of its
 * own: forkline's runner has started its forked workers. */
static void
wait_for_grandchildren (const char *pid_str)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_assert_nonnull (pid_str);
  while (g_get_monotonic_time () < deadline)
    {
      pid_t child = find_child ((pid_t) atoi (pid_str));

      if (child > 0 && find_child (child) > 0)
        return;
      g_usleep (20 * 1000);
    }
  g_assert_not_reached ();
}

/* SIGINT and SIGTERM stop the run: every process reaped, the trace
 * written up to then, the status tells which signal. */
static void
test_stop (gconstpointer data)
{
  int signum = GPOINTER_TO_INT (data);
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-cli-XXXXXX");
  g_autofree char *trace = g_build_filename (dir, "trace.json", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *summary;
  JsonArray *workers;
  gint64 stopped_at;

  /* Twenty lines a second apart: the run's own end is 20 s away. */
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              forkline_bin, "--run", "numbers-letters", "--mode", "fork",
                              "--param", "count=20", "--summary=json", "--trace", trace, NULL);
  g_assert_no_error (error);

  /* Once the workers run (however long a busy machine takes to start
   * them), and a line or so later. */
  wait_for_grandchildren (g_subprocess_get_identifier (process));
  g_usleep (G_USEC_PER_SEC / 2);
  stopped_at = g_get_monotonic_time ();
  g_subprocess_send_signal (process, signum);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 128 + signum);
  /* Well before the scenario's own end, at least 18 s on. */
  g_assert_cmpint (g_get_monotonic_time () - stopped_at, <, 6 * G_USEC_PER_SEC);

  root = parse_json (out);
  summary = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (summary, "stopped"));
  g_assert_cmpint (json_object_get_int_member (summary, "wall_ms"), <, 12000);

  /* No process of the run is left, not even a zombie. */
  workers = json_object_get_array_member (summary, "workers");
  for (guint i = 0; i < json_array_get_length (workers); i++)
    {
      gint64 pid = json_object_get_int_member (json_array_get_object_element (workers, i), "pid");
      g_autofree char *proc = g_strdup_printf ("/proc/%" G_GINT64_FORMAT, pid);

      g_assert_cmpint (pid, >, 0);
      g_assert_false (g_file_test (proc, G_FILE_TEST_EXISTS));
    }

  /* Nor in the run's process group, which the main process leads. */
  g_assert_cmpint (kill (-(pid_t) json_object_get_int_member (find_lane (summary, 0), "pid"), 0), ==, -1);
  g_assert_cmpint (errno, ==, ESRCH);

  /* The trace is there and whole. */
  json_parser_load_from_file (parser, trace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fl_test_count_dir_entries (dir), ==, 1);
  fl_test_remove_tree (dir);
}

static void
add_mode_tests (const char     *prefix,
                GTestDataFunc   func)
{
  for (guint m = 0; m < G_N_ELEMENTS (mode_names); m++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s", prefix, mode_names[m]);
      g_test_add_data_func (path, mode_names[m], func);
    }
}

/* --check-scenario names every mistake with its file and line, exit 2;
 * a good file (a preset) passes with exit 0. */
static void
test_check_scenario (void)
{
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-cli-XXXXXX");
  g_autofree char *bad = g_build_filename (dir, "bad.scenario", NULL);
  g_autofree char *good = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", "scenarios",
                                            "07-race-counter.scenario", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.scenario", NULL);
  g_autofree char *line7 = NULL;
  g_autofree char *line11 = NULL;

  g_assert_true (g_file_set_contents (bad,
                                      "[Scenario]\n"                   /* 1 */
                                      "Id=bad\n"
                                      "Title=Bad\n"
                                      "Description=Two mistakes.\n"
                                      "\n"                             /* 5 */
                                      "[Worker w]\n"
                                      "Steps=print \"hi\"; slep 3\n"    /* 7: unknown step */
                                      "\n"
                                      "[Param n]\n"
                                      "Type=int\n"
                                      "Default=50\n"                   /* 11: out of range */
                                      "Min=1\n"
                                      "Max=10\n"
                                      "Label=N\n", -1, NULL));
  line7 = g_strdup_printf ("%s:7:", bad);
  line11 = g_strdup_printf ("%s:11:", bad);

  {
    g_auto(Result) r = { 0 };

    run_forkline (ARGS ("--check-scenario", bad), &r);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, line7));
    g_assert_nonnull (strstr (r.err, "slep"));
    g_assert_nonnull (strstr (r.err, line11));
    g_assert_cmpstr (r.out, ==, "");
  }
  {
    g_auto(Result) r = { 0 };

    run_forkline (ARGS ("--check-scenario", good), &r);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "race-counter"));
    g_assert_cmpstr (r.err, ==, "");
  }
  {
    g_auto(Result) r = { 0 };

    run_forkline (ARGS ("--check-scenario", missing), &r);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "missing.scenario"));
  }

  g_assert_cmpint (g_unlink (bad), ==, 0);
  fl_test_remove_tree (dir);
}

/* One exit status per outcome, in every mode: a step that fails at run
 * time (a value computed from a parameter set for this run) exits 1, whether it took the
 * main process down (threads) or only a worker process (fork, spawn);
 * the scenario's own crash and exit steps are the run going as written:
 * 0. */
static void
test_exit_statuses (void)
{
  static const char failing[] =
    "[Scenario]\nId=cli-fails\nTitle=Fails\nDescription=Divides by a parameter.\n"
    "MinWorkers=2\nMaxWorkers=2\n"
    "[Param zero]\nType=int\nDefault=1\nMin=0\nMax=1\nLabel=Zero\n"
    "[Main]\nSteps=start; join; print \"main done\"\n"
    "[Worker w]\nSteps=sleep 1/$zero\n";
  static const char exiting[] =
    "[Scenario]\nId=cli-exits\nTitle=Exits\nDescription=The main program exits with 3.\n"
    "[Main]\nSteps=start; join; exit code=3\n"
    "[Worker w]\nSteps=sleep 0\n";
  g_autofree char *home = fl_test_make_tmp_dir ("forkline-cli-XXXXXX");
  g_autofree char *dir = g_build_filename (home, "forkline", "scenarios", NULL);
  g_autofree char *path1 = g_build_filename (dir, "fails.scenario", NULL);
  g_autofree char *path2 = g_build_filename (dir, "exits.scenario", NULL);
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", home, TRUE);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path1, failing, -1, NULL));
  g_assert_true (g_file_set_contents (path2, exiting, -1, NULL));

  {
    /* With its default (zero=1) the file runs: the checker accepts it. */
    g_auto(Result) r = { 0 };

    run_forkline_env (ARGS ("--check-scenario", path1), envp, &r);
    g_assert_cmpint (r.status, ==, 0);
  }
  for (guint m = 0; m < G_N_ELEMENTS (mode_names); m++)
    {
      g_auto(Result) fails = { 0 };
      g_auto(Result) exits = { 0 };
      g_auto(Result) crash = { 0 };

      run_forkline_env (ARGS ("--run", "cli-fails", "--mode", mode_names[m], "--param", "zero=0"), envp, &fails);
      g_assert_cmpint (fails.status, ==, 1);
      g_assert_nonnull (strstr (fails.out, "division by zero"));

      run_forkline_env (ARGS ("--run", "cli-exits", "--mode", mode_names[m]), envp, &exits);
      g_assert_cmpint (exits.status, ==, 0);

      run_forkline_env (ARGS ("--run", "crash", "--mode", mode_names[m]), envp, &crash);
      g_assert_cmpint (crash.status, ==, 0);
    }

  fl_test_remove_tree (home);
}

/* --check-scenario reports every mistake of one Steps= line, and a
 * user file that reuses a preset's id (the catalogue would skip it). */
static void
test_check_scenario_more (void)
{
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-cli-XXXXXX");
  g_autofree char *bad = g_build_filename (dir, "bad.scenario", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.scenario", NULL);

  g_assert_true (g_file_set_contents (bad,
                                      "[Scenario]\nId=bad\nTitle=Bad\nDescription=Three mistakes.\n"
                                      "[Worker w]\nSteps=sleep -5; slep 1; exit code=300\n", -1, NULL));
  g_assert_true (g_file_set_contents (copy,
                                      "[Scenario]\nId=cpu-bound\nTitle=Mine\nDescription=A copy.\n"
                                      "[Worker w]\nSteps=sleep 0\n", -1, NULL));
  {
    g_auto(Result) r = { 0 };

    run_forkline (ARGS ("--check-scenario", bad), &r);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, ":6:7: sleep"));
    g_assert_nonnull (strstr (r.err, ":6:17: unknown step \"slep\""));
    g_assert_nonnull (strstr (r.err, ":6:25: exit"));
  }
  {
    g_auto(Result) r = { 0 };

    run_forkline (ARGS ("--check-scenario", copy), &r);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "cpu-bound"));
    g_assert_nonnull (strstr (r.err, "preset"));
  }
  g_unlink (bad);
  g_unlink (copy);
  fl_test_remove_tree (dir);
}

/* The command line speaks German and French when the locale asks: option
 * help, scenario titles and error messages. */
static void
test_translations (void)
{
  struct {
    const char *language;
    const char *help;
    const char *title;
    const char *error;
  } cases[] = {
    { "de", "ohne Fenster", "Zahlen und Buchstaben", "Szenario" },
    { "fr", "sans fenêtre", "Nombres et lettres", "scénario" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) envp = g_get_environ ();
      g_auto(Result) help = { 0 };
      g_auto(Result) list = { 0 };
      g_auto(Result) bad = { 0 };

      envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
      envp = g_environ_setenv (envp, "LANGUAGE", cases[i].language, TRUE);

      run_forkline_env (ARGS ("--help"), envp, &help);
      g_assert_cmpint (help.status, ==, 0);
      if (strstr (help.out, cases[i].help) == NULL)
        g_error ("--help in %s does not say “%s”:\n%s", cases[i].language, cases[i].help, help.out);

      run_forkline_env (ARGS ("--list-scenarios"), envp, &list);
      g_assert_cmpint (list.status, ==, 0);
      g_assert_nonnull (strstr (list.out, cases[i].title));

      run_forkline_env (ARGS ("--run", "no-such-scenario"), envp, &bad);
      g_assert_cmpint (bad.status, ==, 2);
      g_assert_nonnull (strstr (bad.err, cases[i].error));
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  forkline_bin = g_getenv ("FORKLINE_BIN");
  if (forkline_bin == NULL || !g_file_test (forkline_bin, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_message ("FORKLINE_BIN does not name the forkline executable");
      return 77;
    }

  catalog = fl_catalog_new ();
  fl_catalog_load (catalog);

  {
    g_autofree char *dir = NULL;
    g_autofree char *good = NULL;
    g_autofree char *bad = NULL;

    user_data_home = fl_test_make_tmp_dir ("forkline-cli-XXXXXX");
    dir = g_build_filename (user_data_home, "forkline", "scenarios", NULL);
    g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
    good = g_build_filename (dir, "cli-threads-only.scenario", NULL);
    bad = g_build_filename (dir, "broken.scenario", NULL);
    g_assert_true (g_file_set_contents (good, user_scenario, -1, NULL));
    g_assert_true (g_file_set_contents (bad, broken_scenario, -1, NULL));
    user_env = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", user_data_home, TRUE);
  }

  g_test_add_func ("/cli/bad-input/scenario", test_bad_scenario);
  g_test_add_func ("/cli/bad-input/mode", test_bad_mode);
  g_test_add_func ("/cli/bad-input/mode-for-scenario", test_bad_mode_for_scenario);
  g_test_add_func ("/cli/bad-input/workers", test_bad_workers);
  g_test_add_func ("/cli/bad-input/workers-for-scenario", test_bad_workers_for_scenario);
  g_test_add_func ("/cli/bad-input/param", test_bad_param);
  g_test_add_func ("/cli/bad-input/trace-path", test_bad_trace_path);
  g_test_add_func ("/cli/bad-input/options", test_bad_options);
  g_test_add_func ("/cli/bad-input/gil-options", test_bad_gil_options);
  g_test_add_func ("/cli/list-scenarios", test_list);
  g_test_add_func ("/cli/list-scenarios-user", test_list_user);
  g_test_add_func ("/cli/version-and-usage", test_version_and_usage);
  g_test_add_func ("/cli/text-output", test_text_output);
  g_test_add_func ("/cli/gil", test_gil);
  g_test_add_func ("/cli/gil-options", test_gil_options);
  g_test_add_func ("/cli/check-scenario", test_check_scenario);
  g_test_add_func ("/cli/check-scenario-more", test_check_scenario_more);
  g_test_add_func ("/cli/exit-statuses", test_exit_statuses);
  g_test_add_func ("/cli/translations", test_translations);
  add_mode_tests ("/cli/numbers-letters", test_numbers_letters);
  add_mode_tests ("/cli/cpu-bound", test_cpu_bound);
  g_test_add_data_func ("/cli/stop/sigint", GINT_TO_POINTER (SIGINT), test_stop);
  g_test_add_data_func ("/cli/stop/sigterm", GINT_TO_POINTER (SIGTERM), test_stop);

  status = g_test_run ();
  fl_test_remove_tree (user_data_home);
  g_free (user_data_home);
  g_strfreev (user_env);
  g_object_unref (catalog);
  return status;
}
