/* fl-test-util.c — helpers the test programs share
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compiled into each test program that uses it (tests/meson.build), so
 * that a run of one preset is written once, not once per test file.
 */

#define G_LOG_DOMAIN "fl-test-util"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "fl-test-util.h"

static FlCatalog *catalog;

FlCatalog *
fl_test_catalog (void)
{
  if (catalog == NULL)
    {
      catalog = fl_catalog_new ();
      fl_catalog_load (catalog);
    }
  return catalog;
}

FlScenario *
fl_test_preset (const char *id)
{
  FlScenario *scenario = fl_catalog_lookup (fl_test_catalog (), id);

  g_assert_nonnull (scenario);
  return scenario;
}

FlRun *
fl_test_new_run (const char         *id,
                 FlMode              mode,
                 guint               workers,
                 const char * const *params)
{
  g_autoptr(GError) error = NULL;
  FlScenario *scenario = fl_test_preset (id);
  FlRunOptions options;
  FlRun *run;

  fl_run_options_init (&options, scenario);
  options.mode = mode;
  if (workers > 0)
    options.workers = workers;
  options.params = params;
  run = fl_run_new (scenario, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  return run;
}

FlRun *
fl_test_run_preset (const char         *id,
                    FlMode              mode,
                    guint               workers,
                    const char * const *params)
{
  g_autoptr(GError) error = NULL;
  FlRun *run = fl_test_new_run (id, mode, workers, params);

  g_assert_true (fl_run_run_sync (run, &error));
  g_assert_no_error (error);
  g_assert_true (fl_run_is_finished (run));
  return run;
}

FlRun *
fl_test_run_sync (FlScenario         *scenario,
                  const FlRunOptions *options)
{
  g_autoptr(GError) error = NULL;
  FlRun *run;

  run = fl_run_new (scenario, options, &error);
  g_assert_no_error (error);
  fl_run_run_sync (run, &error);
  g_assert_no_error (error);
  g_assert_true (fl_run_is_finished (run));
  return run;
}

char *
fl_test_make_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
fl_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      struct stat st;

      if (lstat (child, &st) == 0 && S_ISDIR (st.st_mode))
        fl_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

guint
fl_test_count_dir_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

guint
fl_test_track_hash (gconstpointer p)
{
  const FlTestTrack *t = p;

  return (guint) (t->pid * 31 + t->tid);
}

gboolean
fl_test_track_equal (gconstpointer a,
                     gconstpointer b)
{
  const FlTestTrack *x = a, *y = b;

  return x->pid == y->pid && x->tid == y->tid;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
fl_test_wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

#ifdef FL_TEST_WITH_GTK
GtkWidget *
fl_test_show_widget (GtkWidget *widget,
                     int        width,
                     int        height)
{
  GtkWidget *window = gtk_window_new ();
  guint waited = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  while ((gtk_widget_get_width (widget) <= 0 || !gtk_widget_get_mapped (widget)) && waited++ < 500)
    fl_test_wait_ms (10);
  g_assert_true (gtk_widget_get_mapped (widget));
  fl_test_wait_ms (50);
  return window;
}

GskRenderNode *
fl_test_snapshot_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  return gtk_snapshot_free_to_node (snapshot);
}
#endif

void
fl_test_util_cleanup (void)
{
  g_clear_object (&catalog);
}
