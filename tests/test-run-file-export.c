/* test-run-file-export.c — a saved run draws the picture the live run drew
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real run is exported, saved, read back and exported again: every
 * view's PNG must be the same, pixel for pixel, and the SVG the same text.
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "fl-export.h"
#include "fl-run-file.h"
#include "fl-test-util.h"

static char *tmpdir;

static void
export_view (FlRun        *run,
             FlExportView  view,
             const char   *path)
{
  g_autoptr(GError) error = NULL;
  FlExportOptions options;

  fl_export_options_init (&options);
  options.view = view;
  options.width = 1280;
  options.height = 720;
  g_assert_true (fl_export_run (run, &options, path, &error));
  g_assert_no_error (error);
}

/* Same size, same pixels, and not a blank page. */
static void
assert_same_png (const char *a_path,
                 const char *b_path)
{
  cairo_surface_t *a = cairo_image_surface_create_from_png (a_path);
  cairo_surface_t *b = cairo_image_surface_create_from_png (b_path);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  int width, height, stride, y, x;

  g_assert_cmpint (cairo_surface_status (a), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (b), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (a);
  height = cairo_image_surface_get_height (a);
  stride = cairo_image_surface_get_stride (a);
  g_assert_cmpint (width, ==, 1280);
  g_assert_cmpint (height, ==, 720);
  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  g_assert_cmpint (cairo_image_surface_get_stride (b), ==, stride);

  for (y = 0; y < height; y++)
    {
      const guint32 *ra = (const guint32 *) (gpointer) (cairo_image_surface_get_data (a) + y * stride);
      const guint32 *rb = (const guint32 *) (gpointer) (cairo_image_surface_get_data (b) + y * stride);

      for (x = 0; x < width; x++)
        {
          if (ra[x] != rb[x])
            g_error ("%s and %s differ at %d,%d: %08x and %08x", a_path, b_path, x, y, ra[x], rb[x]);
          if (g_hash_table_size (colours) < 64)
            g_hash_table_add (colours, GUINT_TO_POINTER (ra[x]));
        }
    }
  /* Lanes, text and charts: many colours, not an empty picture. */
  g_assert_cmpuint (g_hash_table_size (colours), >=, 8);

  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

static void
check_run (FlRun      *live,
           const char *name)
{
  static const FlExportView views[] = {
    FL_EXPORT_VIEW_SLIDE, FL_EXPORT_VIEW_TIMELINE, FL_EXPORT_VIEW_CPU, FL_EXPORT_VIEW_MEMORY,
  };
  g_autofree char *trace = g_strdup_printf ("%s/%s.json", tmpdir, name);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlRun) loaded = NULL;
  guint i;

  g_assert_true (fl_run_save (live, trace, &error));
  g_assert_no_error (error);
  loaded = fl_run_load (trace, &error);
  g_assert_no_error (error);

  for (i = 0; i < G_N_ELEMENTS (views); i++)
    {
      const char *view = fl_export_view_to_string (views[i]);
      g_autofree char *live_png = g_strdup_printf ("%s/%s-%s-live.png", tmpdir, name, view);
      g_autofree char *loaded_png = g_strdup_printf ("%s/%s-%s-loaded.png", tmpdir, name, view);

      export_view (live, views[i], live_png);
      export_view (loaded, views[i], loaded_png);
      assert_same_png (live_png, loaded_png);
      g_unlink (live_png);
      g_unlink (loaded_png);
    }

  /* Vectors too: the same SVG text. */
  {
    g_autofree char *live_svg = g_strdup_printf ("%s/%s-live.svg", tmpdir, name);
    g_autofree char *loaded_svg = g_strdup_printf ("%s/%s-loaded.svg", tmpdir, name);
    g_autofree char *a = NULL, *b = NULL;

    export_view (live, FL_EXPORT_VIEW_SLIDE, live_svg);
    export_view (loaded, FL_EXPORT_VIEW_SLIDE, loaded_svg);
    g_assert_true (g_file_get_contents (live_svg, &a, NULL, NULL));
    g_assert_true (g_file_get_contents (loaded_svg, &b, NULL, NULL));
    g_assert_cmpstr (a, ==, b);
    g_unlink (live_svg);
    g_unlink (loaded_svg);
  }
  g_unlink (trace);
}

static void
test_same_picture_fork (void)
{
  const char * const params[] = { "mb=8", "parent_mb=8", NULL };
  g_autoptr(FlRun) run = fl_test_run_preset ("memory-cost", FL_MODE_FORK, 0, params);

  check_run (run, "memory-cost-fork");
}

static void
test_same_picture_threads (void)
{
  const char * const params[] = { "messages=6", "interval=0.02", NULL };
  g_autoptr(FlRun) run = fl_test_run_preset ("message-passing", FL_MODE_THREADS, 0, params);

  check_run (run, "message-passing-threads");
}

/* Export Picture (the window's dialog and --export) checks and writes
 * through fl_file_write(): a FIFO named like a picture is refused by the
 * check and by the writer, and left as it is; a link is written through. */
static void
test_export_rules (void)
{
  const char * const params[] = { "messages=2", "interval=0.01", NULL };
  g_autoptr(FlRun) run = fl_test_run_preset ("message-passing", FL_MODE_THREADS, 0, params);
  g_autofree char *fifo = g_build_filename (tmpdir, "fifo.png", NULL);
  g_autofree char *target = g_build_filename (tmpdir, "target.png", NULL);
  g_autofree char *link = g_build_filename (tmpdir, "link.png", NULL);
  g_autoptr(GError) error = NULL;
  FlExportOptions options;
  GStatBuf st;

  fl_export_options_init (&options);
  options.width = 640;
  options.height = 360;
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_false (fl_export_check (&options, fifo, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);
  g_assert_false (fl_export_run (run, &options, fifo, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (symlink ("target.png", link), ==, 0);
  g_assert_true (fl_export_run (run, &options, link, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_stat (target, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 3);

  g_unlink (fifo);
  g_unlink (link);
  g_unlink (target);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("forkline-run-file-export-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/run-file/export/same-picture/fork", test_same_picture_fork);
  g_test_add_func ("/run-file/export/same-picture/threads", test_same_picture_threads);
  g_test_add_func ("/run-file/export/file-rules", test_export_rules);

  status = g_test_run ();
  g_rmdir (tmpdir);
  g_free (tmpdir);
  fl_test_util_cleanup ();
  return status;
}
