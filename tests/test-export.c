/* test-export.c — exported pictures: PNG, SVG, PDF, and the command line's checks
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No display: cairo and Pango only.  The command-line cases run the real
 * forkline binary ($FORKLINE_BIN).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <string.h>

#include "fl-export.h"
#include "fl-timeline-model.h"
#include "fl-timeline-painter.h"

#define T0 G_GINT64_CONSTANT (1000000000000)
#define MS G_GINT64_CONSTANT (1000000)

static void
ingest (FlStore     *store,
        guint        lane,
        gint64       t,
        FlEventKind  kind,
        guint8       arg8,
        guint64      a,
        guint64      b)
{
  FlRecord r = { 0 };

  r.ts = (guint64) (T0 + t);
  r.lane = (guint16) lane;
  r.kind = kind;
  r.arg8 = arg8;
  r.a = a;
  r.b = b;
  fl_store_ingest (store, lane, &r, 1);
}

/* main joins two workers: "runner" runs all the time, "sleeper" sleeps. */
static FlStore *
make_store (void)
{
  FlStore *store = fl_store_new (T0);

  fl_store_add_lane (store, FL_LANE_MAIN, TRUE, "main", NULL);
  fl_store_add_lane (store, FL_LANE_WORKER, FALSE, "runner", NULL);
  fl_store_add_lane (store, FL_LANE_WORKER, FALSE, "sleeper", NULL);
  ingest (store, 0, 0, FL_EV_RUN_START, 0, 1000, 1000);
  ingest (store, 0, 1 * MS, FL_EV_CREATE, 0, 1, 0);
  ingest (store, 0, 1 * MS, FL_EV_CREATE, 0, 2, 0);
  ingest (store, 1, 2 * MS, FL_EV_WORKER_START, 0, 1000, 1001);
  ingest (store, 1, 2 * MS, FL_EV_STATE, FL_STATE_RUNNING, 0, 0);
  ingest (store, 2, 2 * MS, FL_EV_WORKER_START, 0, 1000, 1002);
  ingest (store, 2, 2 * MS, FL_EV_STATE, FL_STATE_SLEEPING, 0, 0);
  ingest (store, 0, 3 * MS, FL_EV_STATE, FL_STATE_JOIN, 0, 1);
  ingest (store, 1, 98 * MS, FL_EV_EXIT, 0, 0, 0);
  ingest (store, 2, 98 * MS, FL_EV_EXIT, 0, 0, 0);
  ingest (store, 0, 99 * MS, FL_EV_EXIT, 0, 0, 0);
  fl_store_set_end (store, 100 * MS);
  return store;
}

static gboolean
same_colour (const guint8 *px,
             const FlColor *c)
{
  /* ARGB32, native endian, opaque: B G R A on little-endian machines. */
  guint32 v = *(const guint32 *) px;
  int r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;

  return ABS (r - (int) (c->red * 255 + 0.5)) <= 2 &&
         ABS (g - (int) (c->green * 255 + 0.5)) <= 2 &&
         ABS (b - (int) (c->blue * 255 + 0.5)) <= 2;
}

/* The rows of column @x that have @colour: their first and their count. */
static int
find_band (cairo_surface_t *image,
           int              x,
           const FlColor   *colour,
           int             *first)
{
  int stride = cairo_image_surface_get_stride (image);
  int height = cairo_image_surface_get_height (image);
  const guint8 *data = cairo_image_surface_get_data (image);
  int y, n = 0;

  *first = -1;
  for (y = 0; y < height; y++)
    if (same_colour (data + y * stride + x * 4, colour))
      {
        if (*first < 0)
          *first = y;
        n++;
      }
  return n;
}

static char *
tmp_path (const char *dir,
          const char *name)
{
  return g_build_filename (dir, name, NULL);
}

/* A PNG of the asked size, the lanes' colours where the lanes are: the
 * running worker's lane above the sleeping one's, all along the run. */
static void
test_png (void)
{
  g_autoptr(FlStore) store = make_store ();
  g_autoptr(FlTheme) theme = fl_theme_new_light ();
  g_autoptr(FlScene) scene = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("forkline-export-XXXXXX", NULL);
  g_autofree char *path = tmp_path (dir, "timeline.png");
  const FlStateStyle *running = fl_theme_get_state_style (theme, FL_STATE_RUNNING);
  const FlStateStyle *sleeping = fl_theme_get_state_style (theme, FL_STATE_SLEEPING);
  FlExportOptions options;
  cairo_surface_t *image;
  guint i;

  fl_export_options_init (&options);
  options.view = FL_EXPORT_VIEW_TIMELINE;
  options.width = 1280;
  options.height = 720;
  options.theme = theme;
  scene = fl_export_build_store_scene (store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (fl_export_write_scene (scene, &options, path, &error));
  g_assert_no_error (error);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 720);

  /* Across the middle of the time axis, at a quarter, half, three quarters. */
  for (i = 1; i <= 3; i++)
    {
      int x = 1280 * (int) i / 4, run_y, sleep_y;
      int run_n = find_band (image, x, &running->fill, &run_y);
      int sleep_n = find_band (image, x, &sleeping->fill, &sleep_y);

      g_assert_cmpint (run_n, >=, 10);
      g_assert_cmpint (sleep_n, >=, 4);
      g_assert_cmpint (run_y, <, sleep_y);
    }
  cairo_surface_destroy (image);

  /* At scale 2 the same picture has twice the pixels and the same layout. */
  options.scale = 2;
  options.width = 2560;
  options.height = 1440;
  g_clear_pointer (&scene, fl_scene_unref);
  scene = fl_export_build_store_scene (store, &options, &error);
  g_assert_cmpfloat (fl_scene_get_width (scene), ==, 1280);
  g_assert_true (fl_export_write_scene (scene, &options, path, &error));
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 2560);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 1440);
  cairo_surface_destroy (image);

  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  guint n_text;
  guint depth;
  gboolean svg_root;
  GString *text;
  gboolean in_text;
} SvgCheck;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SvgCheck *check = user_data;

  if (check->depth++ == 0)
    check->svg_root = g_str_equal (element, "svg");
  if (g_str_equal (element, "text"))
    {
      check->n_text++;
      check->in_text = TRUE;
    }
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  SvgCheck *check = user_data;

  check->depth--;
  if (g_str_equal (element, "text"))
    {
      check->in_text = FALSE;
      g_string_append_c (check->text, '\n');
    }
}

static void
svg_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 len,
          gpointer              user_data,
          GError              **error)
{
  SvgCheck *check = user_data;

  if (check->in_text)
    g_string_append_len (check->text, text, (gssize) len);
}

/* Well-formed XML, an <svg> root, and the labels as <text> elements. */
static void
test_svg (void)
{
  static const GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  g_autoptr(FlStore) store = make_store ();
  g_autoptr(FlScene) scene = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autofree char *dir = g_dir_make_tmp ("forkline-export-XXXXXX", NULL);
  g_autofree char *path = tmp_path (dir, "timeline.svg");
  g_autofree char *contents = NULL;
  SvgCheck check = { 0 };
  FlExportOptions options;
  gsize length;

  fl_export_options_init (&options);
  options.view = FL_EXPORT_VIEW_TIMELINE;
  scene = fl_export_build_store_scene (store, &options, &error);
  g_assert_true (fl_export_write_scene (scene, &options, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  check.text = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, 0, &check, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, (gssize) length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_true (check.svg_root);
  g_assert_cmpuint (check.n_text, >=, 8);
  g_assert_nonnull (strstr (check.text->str, "runner"));
  g_assert_nonnull (strstr (check.text->str, "sleeper"));
  g_assert_nonnull (strstr (check.text->str, "running"));   /* the legend */
  g_assert_nonnull (strstr (contents, "width=\"1920\""));
  g_string_free (check.text, TRUE);

  g_unlink (path);
  g_rmdir (dir);
}

/* One page, 1280 × 720 pixels at 96 dpi: 960 × 540 points. */
static void
test_pdf (void)
{
  g_autoptr(FlStore) store = make_store ();
  g_autoptr(FlScene) scene = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("forkline-export-XXXXXX", NULL);
  g_autofree char *path = tmp_path (dir, "cpu.pdf");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *out = NULL;
  const char *argv[] = { "pdfinfo", path, NULL };
  FlExportOptions options;
  int status;

  fl_export_options_init (&options);
  options.view = FL_EXPORT_VIEW_TIMELINE;
  options.width = 1280;
  options.height = 720;
  scene = fl_export_build_store_scene (store, &options, &error);
  g_assert_true (fl_export_write_scene (scene, &options, path, &error));
  g_assert_no_error (error);

  if (pdfinfo == NULL)
    {
      g_test_skip ("pdfinfo (poppler-utils) is not installed");
    }
  else
    {
      argv[0] = pdfinfo;
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                   &out, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (out, "Pages:"));
      g_assert_true (g_regex_match_simple ("^Pages: +1$", out, G_REGEX_MULTILINE, 0));
      g_assert_true (g_regex_match_simple ("^Page size: +960 x 540 pts", out, G_REGEX_MULTILINE, 0));
      /* A title, for the viewer's window and the file's properties. */
      g_assert_true (g_regex_match_simple ("^Title: +Forkline$", out, G_REGEX_MULTILINE, 0));
    }

  g_unlink (path);
  g_rmdir (dir);
}

/* The texts of @scene. */
static GPtrArray *
scene_texts (FlScene *scene)
{
  const FlItem *items = fl_scene_get_items (scene);
  GPtrArray *texts = g_ptr_array_new ();
  guint i;

  for (i = 0; i < fl_scene_get_n_items (scene); i++)
    if (items[i].kind == FL_ITEM_TEXT)
      g_ptr_array_add (texts, (gpointer) items[i].text);
  return texts;
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

/* The legend lists what the run shows, and nothing else. */
static void
test_legend_used (void)
{
  g_autoptr(FlStore) store = make_store ();
  g_autoptr(FlScene) scene = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GError) error = NULL;
  const char *shown[] = { "running", "sleeping", "join", "exited" };
  const char *not_shown[] = { "runnable", "I/O", "lock", "GIL", "zombie", "crashed", "stopped", "message",
                              "joined" };
  FlExportOptions options;

  fl_export_options_init (&options);
  options.view = FL_EXPORT_VIEW_TIMELINE;
  options.width = 1920;
  options.height = 1080;
  scene = fl_export_build_store_scene (store, &options, &error);
  g_assert_no_error (error);
  texts = scene_texts (scene);
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    if (!has_text (texts, shown[i]))
      g_error ("the legend lacks “%s”, which the run shows", shown[i]);
  for (guint i = 0; i < G_N_ELEMENTS (not_shown); i++)
    if (has_text (texts, not_shown[i]))
      g_error ("the legend lists “%s”, which the run does not show", not_shown[i]);
}

/* Every text and line lies inside the clip it is drawn in, and inside the
 * page: nothing is cut at the right edge. */
static void
assert_nothing_clipped (FlScene *scene)
{
  const FlItem *items = fl_scene_get_items (scene);
  g_autoptr(GArray) clips = g_array_new (FALSE, FALSE, sizeof (float) * 4);
  float page[4] = { 0, 0, fl_scene_get_width (scene), fl_scene_get_height (scene) };
  guint i;

  g_array_append_vals (clips, page, 1);
  for (i = 0; i < fl_scene_get_n_items (scene); i++)
    {
      const FlItem *it = &items[i];
      const float *clip = &g_array_index (clips, float, 4 * (clips->len - 1));
      float x0, x1;

      switch (it->kind)
        {
        case FL_ITEM_CLIP_PUSH:
          {
            float c[4] = { MAX (it->x, clip[0]), MAX (it->y, clip[1]),
                           MIN (it->x + it->w, clip[0] + clip[2]) - MAX (it->x, clip[0]),
                           MIN (it->y + it->h, clip[1] + clip[3]) - MAX (it->y, clip[1]) };
            g_array_append_vals (clips, c, 1);
          }
          continue;
        case FL_ITEM_CLIP_POP:
          g_array_set_size (clips, clips->len - 1);
          continue;
        case FL_ITEM_TEXT:
          {
            float tw = fl_scene_measure_text (it->text, it->font_size, it->bold);

            x0 = it->align == FL_TEXT_LEFT ? it->x : it->align == FL_TEXT_RIGHT ? it->x + it->w - tw
                                                                                : it->x + (it->w - tw) / 2;
            x1 = x0 + tw;
          }
          break;
        case FL_ITEM_LINE:
          x0 = MIN (it->x, it->x + it->w) - it->line_width / 2;
          x1 = MAX (it->x, it->x + it->w) + it->line_width / 2;
          break;
        case FL_ITEM_RECT:
        case FL_ITEM_FRAME:
        default:
          continue;
        }
      /* Only what is drawn where the clip's rows are: scrolled-out lanes
       * are meant to be cut. */
      if (it->y + (it->kind == FL_ITEM_TEXT ? it->font_size : 0) < clip[1] || it->y > clip[1] + clip[3])
        continue;
      if (x0 < clip[0] - 1.5f || x1 > clip[0] + clip[2] + 1.5f)
        g_error ("“%s” (item %u) spans x %.1f–%.1f, outside its clip %.1f–%.1f",
                 it->kind == FL_ITEM_TEXT ? it->text : "a line", i, x0, x1, clip[0], clip[0] + clip[2]);
    }
}

static void
test_nothing_clipped (void)
{
  g_autoptr(FlStore) store = fl_store_new (T0);
  const guint sizes[][2] = { { 1920, 1080 }, { 1280, 720 }, { 800, 600 } };

  /* A worker that crashes at the run's very end, one that is stopped
   * there, and the ruler's last label near the right edge. */
  fl_store_add_lane (store, FL_LANE_MAIN, TRUE, "main", NULL);
  fl_store_add_lane (store, FL_LANE_WORKER, FALSE, "faulty", NULL);
  fl_store_add_lane (store, FL_LANE_WORKER, FALSE, "worker 2", NULL);
  ingest (store, 0, 0, FL_EV_RUN_START, 0, 1000, 1000);
  ingest (store, 0, 1 * MS, FL_EV_CREATE, 0, 1, 0);
  ingest (store, 0, 1 * MS, FL_EV_CREATE, 0, 2, 0);
  ingest (store, 1, 2 * MS, FL_EV_WORKER_START, 0, 1000, 1001);
  ingest (store, 2, 2 * MS, FL_EV_WORKER_START, 0, 1000, 1002);
  ingest (store, 0, 3 * MS, FL_EV_STATE, FL_STATE_JOIN, 0, 1);
  /* A tick at 2.0 s, a hair before the right edge, and the ends there. */
  ingest (store, 1, 2010 * MS, FL_EV_CRASH, SIGSEGV, 0, 0);
  fl_store_end_unfinished (store, 2010 * MS, SIGKILL, TRUE);
  fl_store_set_end (store, 2010 * MS);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(FlScene) scene = NULL;
      g_autoptr(GPtrArray) texts = NULL;
      g_autoptr(GError) error = NULL;
      FlExportOptions options;

      fl_export_options_init (&options);
      options.view = FL_EXPORT_VIEW_TIMELINE;
      options.width = sizes[i][0];
      options.height = sizes[i][1];
      scene = fl_export_build_store_scene (store, &options, &error);
      g_assert_no_error (error);
      assert_nothing_clipped (scene);
      texts = scene_texts (scene);
      g_assert_true (has_text (texts, "SIGSEGV"));
      g_assert_true (has_text (texts, "stopped"));
    }
}

static guint
count_text (GPtrArray  *texts,
            const char *text)
{
  guint n = 0;

  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      n++;
  return n;
}

/* Threads: one faults, the others die with their process.  Only the one
 * that faulted gets the crash mark and its signal. */
static void
test_crash_marks (void)
{
  g_autoptr(FlStore) store = fl_store_new (T0);
  g_autoptr(FlScene) scene = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GError) error = NULL;
  FlExportOptions options;

  fl_store_add_lane (store, FL_LANE_MAIN, TRUE, "main", NULL);
  fl_store_add_lane (store, FL_LANE_WORKER, FALSE, "task 1", NULL);
  fl_store_add_lane (store, FL_LANE_WORKER, FALSE, "task 2", NULL);
  fl_store_add_lane (store, FL_LANE_WORKER, FALSE, "task 3", NULL);
  ingest (store, 0, 0, FL_EV_RUN_START, 0, 1000, 1000);
  for (guint k = 1; k <= 3; k++)
    ingest (store, k, 2 * MS, FL_EV_WORKER_START, 0, 1000, 1000 + k);
  ingest (store, 0, 3 * MS, FL_EV_STATE, FL_STATE_JOIN, 0, 1);
  /* task 2 records its own fault; the observer ends the rest. */
  ingest (store, 2, 50 * MS, FL_EV_CRASH, SIGSEGV, 0, 0);
  fl_store_end_unfinished (store, 50 * MS, SIGSEGV, FALSE);
  fl_store_set_end (store, 60 * MS);

  fl_export_options_init (&options);
  options.view = FL_EXPORT_VIEW_TIMELINE;
  scene = fl_export_build_store_scene (store, &options, &error);
  g_assert_no_error (error);
  texts = scene_texts (scene);
  g_assert_cmpuint (count_text (texts, "SIGSEGV"), ==, 1);
  g_assert_cmpuint (count_text (texts, "ended with its process"), ==, 3);
  g_assert_cmpuint (count_text (texts, "stopped"), ==, 0);
}

/* A slide needs a run: a bare store says so. */
static void
test_views (void)
{
  g_autoptr(FlStore) store = make_store ();
  g_autoptr(GError) error = NULL;
  FlExportOptions options;
  FlExportView view;
  guint w, h;

  fl_export_options_init (&options);
  g_assert_null (fl_export_build_store_scene (store, &options, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  g_assert_true (fl_export_view_from_string ("Slide", &view));
  g_assert_cmpint (view, ==, FL_EXPORT_VIEW_SLIDE);
  g_assert_false (fl_export_view_from_string ("chart", &view));
  g_assert_true (fl_export_parse_size ("3840x2160", &w, &h, NULL));
  g_assert_cmpuint (w, ==, 3840);
  g_assert_cmpuint (h, ==, 2160);
  g_assert_true (fl_export_parse_size ("1280×720", &w, &h, NULL));
  g_assert_false (fl_export_parse_size ("100x100", &w, &h, &error));
  g_assert_nonnull (strstr (error->message, "240"));
  g_assert_nonnull (strstr (error->message, "7680"));
  g_clear_error (&error);
  g_assert_false (fl_export_parse_size ("1920", &w, &h, NULL));
  g_assert_false (fl_export_parse_size ("x", &w, &h, NULL));
}

/* ---- the command line ------------------------------------------------------ */

static int
run_cli (const char * const *args,
         char              **err)
{
  const char *bin = g_getenv ("FORKLINE_BIN");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (gpointer) bin);
  for (; *args; args++)
    g_ptr_array_add (argv, (gpointer) *args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static gboolean
dir_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) == NULL;
}

/* Every bad input: exit 2, a message that says what, no file, no run. */
static void
test_cli_bad_input (void)
{
  g_autofree char *dir = g_dir_make_tmp ("forkline-export-XXXXXX", NULL);
  g_autofree char *png = tmp_path (dir, "out.png");
  g_autofree char *jpg = tmp_path (dir, "out.jpg");
  g_autofree char *noext = tmp_path (dir, "out");
  g_autofree char *missing = g_build_filename (dir, "no", "such", "out.png", NULL);
  const struct {
    const char *args[12];
    const char *message;
  } cases[] = {
    { { "--run", "cpu-bound", "--export", jpg, NULL }, ".png, .svg or .pdf" },
    { { "--run", "cpu-bound", "--export", noext, NULL }, ".png, .svg or .pdf" },
    { { "--run", "cpu-bound", "--export", png, "--view", "pie", NULL }, "unknown view “pie”" },
    { { "--run", "cpu-bound", "--export", png, "--size", "100x100", NULL }, "240 to 7680" },
    { { "--run", "cpu-bound", "--export", png, "--size", "9000x1080", NULL }, "240 to 7680" },
    { { "--run", "cpu-bound", "--export", png, "--size", "big", NULL }, "WIDTHxHEIGHT" },
    { { "--run", "cpu-bound", "--export", png, "--theme", "pink", NULL }, "unknown theme “pink”" },
    { { "--run", "cpu-bound", "--export", missing, NULL }, "does not exist" },
    { { "--run", "cpu-bound", "--export", dir, NULL }, ".png, .svg or .pdf" },
    { { "--run", "cpu-bound", "--size", "1920x1080", NULL }, "--size needs --export" },
    { { "--export", png, NULL }, "--export needs --run" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      int status = run_cli (cases[i].args, &err);

      g_test_message ("case %u: %s", i, err);
      g_assert_cmpint (status, ==, 2);
      g_assert_nonnull (strstr (err, cases[i].message));
      g_assert_true (g_str_has_prefix (err, "forkline: "));
      g_assert_true (dir_is_empty (dir));
    }

  /* A read-only folder: checked before the run starts. */
  if (getuid () != 0)
    {
      g_autofree char *ro = tmp_path (dir, "read-only");
      g_autofree char *inside = tmp_path (ro, "slide.pdf");
      g_autofree char *err = NULL;
      const char *args[] = { "--run", "cpu-bound", "--export", inside, NULL };

      g_assert_cmpint (g_mkdir (ro, 0555), ==, 0);
      g_assert_cmpint (run_cli (args, &err), ==, 2);
      g_assert_nonnull (strstr (err, "not writable"));
      g_assert_true (dir_is_empty (ro));
      g_rmdir (ro);
    }
  g_rmdir (dir);
}

/* A real run, exported headless as a slide (SVG) and a timeline (PNG). */
static void
test_cli_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("forkline-export-XXXXXX", NULL);
  g_autofree char *svg = tmp_path (dir, "slide.svg");
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  const char *args[] = { "--run", "crash", "--export", svg, "--size", "1280x720", "--theme", "dark", NULL };

  g_assert_cmpint (run_cli (args, &err), !=, 2);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<text"));
  g_assert_nonnull (strstr (contents, "width=\"1280\""));
  g_assert_nonnull (strstr (contents, "What the run showed"));
  g_unlink (svg);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/draw/export/png", test_png);
  g_test_add_func ("/draw/export/svg", test_svg);
  g_test_add_func ("/draw/export/pdf", test_pdf);
  g_test_add_func ("/draw/export/views", test_views);
  g_test_add_func ("/draw/export/legend-used", test_legend_used);
  g_test_add_func ("/draw/export/nothing-clipped", test_nothing_clipped);
  g_test_add_func ("/draw/export/crash-marks", test_crash_marks);
  g_test_add_func ("/draw/export/cli-bad-input", test_cli_bad_input);
  g_test_add_func ("/draw/export/cli-export", test_cli_export);

  return g_test_run ();
}
