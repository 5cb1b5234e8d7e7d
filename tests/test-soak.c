/* test-soak.c — many runs of every preset in one observer: nothing grows
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs every preset, one after the other, FORKLINE_SOAK_RUNS times each
 * (default 10; the modes a preset allows take turns), with its smallest
 * parameters, through the engine as the app does.  After a warm-up round
 * the observer's descriptors and threads must be back where they were
 * after each round, its resident memory must have grown by less than
 * 1 MiB in all, no child of it may be left (not even a zombie), and no
 * run may drop an event at the default ring size.
 */

#define G_LOG_DOMAIN "test-soak"

#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fl-catalog.h"
#include "fl-run.h"

/* AddressSanitizer keeps freed memory in quarantine: RSS says nothing there. */
#if defined(__SANITIZE_ADDRESS__)
# define UNDER_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define UNDER_ASAN 1
# endif
#endif
#ifndef UNDER_ASAN
# define UNDER_ASAN 0
#endif

#define RSS_GROWTH_MAX_KB 1024

static guint
count_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir))
    n++;
  return n - 1;  /* the directory's own descriptor */
}

static gint64
status_field (const char *name)
{
  g_autofree char *contents = NULL;
  g_autofree char *key = g_strdup_printf ("\n%s:", name);
  const char *at;

  g_assert_true (g_file_get_contents ("/proc/self/status", &contents, NULL, NULL));
  at = strstr (contents, key);
  g_assert_nonnull (at);
  return g_ascii_strtoll (at + strlen (key), NULL, 10);
}

/* Children of ours, zombies included, by /proc/PID/stat. */
static guint
count_children (void)
{
  DIR *dir = opendir ("/proc");
  struct dirent *de;
  int self = (int) getpid ();
  guint n = 0;

  while ((de = readdir (dir)))
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      const char *close_paren;
      int ppid;

      if (!g_ascii_isdigit (de->d_name[0]))
        continue;
      path = g_strdup_printf ("/proc/%s/stat", de->d_name);
      if (g_file_get_contents (path, &contents, NULL, NULL) &&
          (close_paren = strrchr (contents, ')')) &&
          sscanf (close_paren + 2, "%*c %d", &ppid) == 1 && ppid == self)
        n++;
    }
  closedir (dir);
  return n;
}

/* The smallest run of @scenario: each parameter at its minimum (a switch
 * as it comes), at most 4 workers. */
static void
run_small (FlScenario *scenario,
           FlMode      mode)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlRun) run = NULL;
  guint n_params = fl_scenario_get_n_params (scenario);
  FlRunOptions options;
  FlStore *store;
  guint i;

  for (i = 0; i < n_params; i++)
    {
      const FlParam *param = fl_scenario_get_param (scenario, i);

      if (param->type != FL_PARAM_BOOL)
        g_ptr_array_add (params, g_strdup_printf ("%s=%.17g", param->name, param->min));
    }
  g_ptr_array_add (params, NULL);

  fl_run_options_init (&options, scenario);
  options.mode = mode;
  options.workers = MAX (fl_scenario_get_min_workers (scenario),
                         MIN (fl_scenario_get_default_workers (scenario), 4));
  options.params = (const char * const *) params->pdata;
  run = fl_run_new (scenario, &options, &error);
  g_assert_no_error (error);
  fl_run_run_sync (run, &error);
  g_assert_no_error (error);
  g_assert_true (fl_run_is_finished (run));

  store = fl_run_get_store (run);
  if (fl_store_get_dropped (store) != 0)
    g_error ("%s (%s): %" G_GUINT64_FORMAT " events dropped at the default ring size",
             fl_scenario_get_id (scenario), fl_mode_to_string (mode),
             fl_store_get_dropped (store));
  {
    FlStoreOverBudget over;

    /* Every preset fits its budget with plenty to spare. */
    fl_store_get_over_budget (store, &over);
    if (over.t >= 0)
      g_error ("%s (%s): the recording budget was reached", fl_scenario_get_id (scenario),
               fl_mode_to_string (mode));
  }
}

static void
test_soak (void)
{
  g_autoptr(FlCatalog) catalog = fl_catalog_new ();
  const char *runs_env = g_getenv ("FORKLINE_SOAK_RUNS");
  guint runs = runs_env ? (guint) g_ascii_strtoull (runs_env, NULL, 10) : 10;
  GPtrArray *scenarios;
  guint fds0 = 0, threads0 = 0;
  gint64 rss0 = 0, rss = 0;
  gint64 started = g_get_monotonic_time ();
  guint round, i, total = 0;

  fl_catalog_load (catalog);
  scenarios = fl_catalog_get_scenarios (catalog);
  g_assert_cmpuint (scenarios->len, >=, 15);

  /* Round 0 warms up: the sampler's and the drain thread's first use,
   * the catalogue's resources, malloc's arenas. */
  for (round = 0; round <= runs; round++)
    {
      for (i = 0; i < scenarios->len; i++)
        {
          FlScenario *scenario = g_ptr_array_index (scenarios, i);
          FlMode allowed[FL_N_MODES];
          guint n_allowed = 0, m;

          if (!fl_catalog_is_preset (catalog, scenario))
            continue;
          for (m = 0; m < FL_N_MODES; m++)
            if (fl_scenario_allows_mode (scenario, (FlMode) m))
              allowed[n_allowed++] = (FlMode) m;
          g_assert_cmpuint (n_allowed, >, 0);
          run_small (scenario, allowed[(round + i) % n_allowed]);
          total++;
        }

      /* Nothing of the runs is left: not a process, not a descriptor, not a thread. */
      g_assert_cmpuint (count_children (), ==, 0);
      if (round == 0)
        {
          fds0 = count_fds ();
          threads0 = (guint) status_field ("Threads");
          rss0 = status_field ("VmRSS");
          continue;
        }
      g_assert_cmpuint (count_fds (), ==, fds0);
      g_assert_cmpuint ((guint) status_field ("Threads"), ==, threads0);
      rss = status_field ("VmRSS");
      if (!UNDER_ASAN && rss - rss0 >= RSS_GROWTH_MAX_KB)
        g_error ("resident memory grew by %" G_GINT64_FORMAT " KiB over %u rounds",
                 rss - rss0, round);
    }

  g_test_message ("%u runs (%u per preset after a warm-up round) in %.1f s: "
                  "%u descriptors, %u threads, RSS %" G_GINT64_FORMAT " → %" G_GINT64_FORMAT " KiB%s",
                  total, runs, (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC,
                  fds0, threads0, rss0, rss,
                  UNDER_ASAN ? " (not checked under AddressSanitizer)" : "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/soak/presets", test_soak);
  return g_test_run ();
}
