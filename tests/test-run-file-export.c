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

/* A slide with a program's source: the lines are on it as text (SVG
 * keeps text), numbered; a selection keeps only its lines; a range not in
 * the text is refused and no file is left; without source the slide is
 * the one it always was (the same SVG as with options that never heard
 * of source). */
static void
test_slide_source (void)
{
  const char * const params[] = { "messages=2", "interval=0.01", NULL };
  g_autoptr(FlRun) run = fl_test_run_preset ("message-passing", FL_MODE_THREADS, 0, params);
  g_autofree char *all = g_build_filename (tmpdir, "source-all.svg", NULL);
  g_autofree char *some = g_build_filename (tmpdir, "source-some.svg", NULL);
  g_autofree char *bad = g_build_filename (tmpdir, "source-bad.svg", NULL);
  g_autofree char *plain = g_build_filename (tmpdir, "plain.svg", NULL);
  g_autofree char *plain2 = g_build_filename (tmpdir, "plain2.svg", NULL);
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autoptr(GError) error = NULL;
  const char *source = "import threading\n\ndef work(n):\n\treturn n * 2\n\nprint(work(21))  # the answer\n";
  FlExportOptions options;

  fl_export_options_init (&options);
  options.width = 1280;
  options.height = 720;
  options.source = source;
  options.source_title = "answer.py";
  options.source_first_line = 1;
  g_assert_true (fl_export_run (run, &options, all, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (all, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, ">answer.py<"));
  g_assert_nonnull (strstr (text, ">import threading<"));
  g_assert_nonnull (strstr (text, ">def work(n):<"));
  /* A tab is drawn as spaces, up to the next multiple of eight. */
  g_assert_nonnull (strstr (text, ">        return n * 2<"));
  g_assert_nonnull (strstr (text, ">print(work(21))  # the answer<"));
  g_assert_nonnull (strstr (text, ">6<"));
  g_assert_nonnull (strstr (text, "monospace"));
  g_clear_pointer (&text, g_free);

  options.source_from = 3;
  options.source_last = 4;
  g_assert_true (fl_export_run (run, &options, some, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (some, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, ">def work(n):<"));
  g_assert_nonnull (strstr (text, "answer.py, lines 3–4"));
  g_assert_null (strstr (text, "import threading"));
  g_assert_null (strstr (text, "print(work(21))"));
  g_clear_pointer (&text, g_free);

  options.source_from = 5;
  options.source_last = 9;
  g_assert_false (fl_export_run (run, &options, bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "6 lines"));
  g_clear_error (&error);
  options.source_from = 4;
  options.source_last = 3;
  g_assert_false (fl_export_check (&options, bad, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  options.source_from = 1;
  options.source_last = 2;
  options.view = FL_EXPORT_VIEW_TIMELINE;
  g_assert_false (fl_export_check (&options, bad, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  {
    guint from = 0, last = 0;

    g_assert_true (fl_export_parse_line_range ("12-30", &from, &last, NULL));
    g_assert_cmpuint (from, ==, 12);
    g_assert_cmpuint (last, ==, 30);
    g_assert_true (fl_export_parse_line_range ("7", &from, &last, NULL));
    g_assert_cmpuint (from, ==, 7);
    g_assert_cmpuint (last, ==, 7);
    g_assert_false (fl_export_parse_line_range ("30-12", &from, &last, NULL));
    g_assert_false (fl_export_parse_line_range ("0-3", &from, &last, NULL));
    g_assert_false (fl_export_parse_line_range ("1-2-3", &from, &last, NULL));
    g_assert_false (fl_export_parse_line_range ("a", &from, &last, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }

  /* No source: the slide as before, no monospace text on it. */
  fl_export_options_init (&options);
  options.width = 1280;
  options.height = 720;
  g_assert_true (fl_export_run (run, &options, plain, &error));
  g_assert_no_error (error);
  options.source_title = "ignored.py";
  options.source_from = 1;
  options.source_last = 1;
  g_assert_true (fl_export_run (run, &options, plain2, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (plain, &text, NULL, NULL));
  g_assert_true (g_file_get_contents (plain2, &text2, NULL, NULL));
  g_assert_cmpstr (text, ==, text2);
  g_assert_null (strstr (text, "monospace"));

  g_unlink (all);
  g_unlink (some);
  g_unlink (plain);
  g_unlink (plain2);
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
  g_test_add_func ("/run-file/export/slide-source", test_slide_source);

  status = g_test_run ();
  g_rmdir (tmpdir);
  g_free (tmpdir);
  fl_test_util_cleanup ();
  return status;
}
