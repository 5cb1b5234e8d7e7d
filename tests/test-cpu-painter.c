/* test-cpu-painter.c — the CPU painter draws what the sampler measured
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A synthetic store whose samples say exactly which worker ran on which
 * core, and a real run.  Pictures land in the build folder:
 * cpu-chart-synthetic.png, cpu-chart-synthetic-dark.png, cpu-chart-run.png,
 * cpu-chart-64-workers.png.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "fl-cpu-painter.h"
#include "fl-run.h"
#include "fl-scene-cairo.h"
#include "fl-test-util.h"
#include "fl-timeline-model.h"
#include "fl-timeline-painter.h"

#define MS G_GINT64_CONSTANT (1000000)


/* Main sleeps; "numbers 1" computes on core 0 for the whole second;
 * "numbers 2" computes on core 1 for half of it, then sleeps.  The cores
 * read busy accordingly (core 1 drops to 5% once its worker sleeps). */
static FlStore *
synthetic_store (void)
{
  FlStore *store = fl_store_new (0);
  guint main_lane, w1, w2, lane;
  int k;

  main_lane = fl_store_add_lane (store, FL_LANE_MAIN, TRUE, "main", NULL);
  w1 = fl_store_add_lane (store, FL_LANE_WORKER, TRUE, "numbers 1", "numbers");
  w2 = fl_store_add_lane (store, FL_LANE_WORKER, TRUE, "numbers 2", "numbers");

  fl_store_lock (store);
  for (lane = 0; lane < 3; lane++)
    {
      FlLaneInfo *info = fl_store_get_lane_info_mut (store, lane);

      info->start_t = 0;
      info->pid = 100 + lane;
      info->tid = 100 + lane;
    }
  fl_store_set_n_cores (store, 2);
  for (k = 1; k <= 100; k++)
    {
      gint64 t = k * 10 * MS;
      FlLaneSample main_s = { t, 0, -1, 0, 'S' };
      FlLaneSample s1 = { t, t, -1, 0, 'R' };
      FlLaneSample s2 = { t, MIN (t, 500 * MS), -1, 1, t <= 500 * MS ? 'R' : 'S' };
      FlCoreSample c0 = { t, 1.f, 0 };
      FlCoreSample c1 = { t, t <= 550 * MS ? 1.f : 0.05f, 0 };

      fl_store_add_lane_sample (store, main_lane, &main_s);
      fl_store_add_lane_sample (store, w1, &s1);
      fl_store_add_lane_sample (store, w2, &s2);
      if (t >= 100 * MS)
        {
          fl_store_add_core_sample (store, 0, &c0);
          fl_store_add_core_sample (store, 1, &c1);
        }
    }
  fl_store_unlock (store);
  fl_store_set_end (store, 1000 * MS);
  return store;
}

static gboolean
color_equal (const FlColor *a,
             const FlColor *b)
{
  return fabsf (a->red - b->red) < 1e-4f && fabsf (a->green - b->green) < 1e-4f &&
         fabsf (a->blue - b->blue) < 1e-4f && fabsf (a->alpha - b->alpha) < 1e-4f;
}

/* Rects of @color covering @x inside [@top, @top + @h). */
static guint
count_boxes_at (FlScene       *scene,
                const FlColor *color,
                float          x,
                float          top,
                float          h)
{
  const FlItem *items = fl_scene_get_items (scene);
  guint n = fl_scene_get_n_items (scene), i, found = 0;

  for (i = 0; i < n; i++)
    if (items[i].kind == FL_ITEM_RECT && color_equal (&items[i].color, color) &&
        items[i].x <= x && items[i].x + items[i].w > x &&
        items[i].y >= top - 0.01f && items[i].y + items[i].h <= top + h + 0.01f && items[i].h > 0)
      found++;
  return found;
}

/* Rects of @color anywhere inside [@top, @top + @h) of the track. */
static guint
count_boxes_in (FlScene       *scene,
                const FlColor *color,
                double         x0,
                double         x1,
                float          top,
                float          h)
{
  const FlItem *items = fl_scene_get_items (scene);
  guint n = fl_scene_get_n_items (scene), i, found = 0;

  for (i = 0; i < n; i++)
    if (items[i].kind == FL_ITEM_RECT && color_equal (&items[i].color, color) &&
        items[i].x >= x0 - 0.01 && items[i].x + items[i].w <= x1 + 0.01 &&
        items[i].y >= top - 0.01f && items[i].y + items[i].h <= top + h + 0.01f && items[i].h > 0)
      found++;
  return found;
}

/* The colour of the dot before @lane's name on the timeline. */
static FlColor
timeline_lane_color (FlStore *store,
                     FlTheme *theme,
                     guint    lane)
{
  g_autoptr(FlTimelineModel) model = fl_timeline_model_new (store);
  g_autoptr(FlTimelinePainter) painter = NULL;
  g_autoptr(FlScene) scene = fl_scene_new (900, 300);
  FlTimelineView view = { 0 };
  const FlItem *items;
  double x0, x1;
  float top, h;
  guint i, n;

  fl_timeline_model_sync (model);
  view.width = 900;
  view.height = 300;
  view.end = 1000 * MS;
  view.theme = theme;
  painter = fl_timeline_painter_new (model, &view);
  fl_timeline_painter_paint (painter, scene);
  fl_timeline_painter_get_track (painter, &x0, &x1);
  g_assert_true (fl_timeline_painter_get_lane_row (painter, lane, &top, &h));

  items = fl_scene_get_items (scene);
  n = fl_scene_get_n_items (scene);
  for (i = 0; i < n; i++)
    if (items[i].kind == FL_ITEM_RECT && items[i].radius > 0 && items[i].w == items[i].h &&
        fabsf (items[i].radius - items[i].w / 2) < 0.01f && items[i].x < x0 &&
        items[i].y >= top && items[i].y + items[i].h <= top + h)
      return items[i].color;
  g_assert_not_reached ();
}

static void
write_png (FlScene    *scene,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                            name, NULL);

  g_assert_true (fl_scene_write_file (scene, path, FL_SCENE_FORMAT_PNG, 2, &error));
  g_assert_no_error (error);
  g_test_message ("wrote %s", path);
}

static void
test_synthetic (void)
{
  g_autoptr(FlStore) store = synthetic_store ();
  g_autoptr(FlTheme) theme = fl_theme_new_light ();
  g_autoptr(FlCpuPainter) layout = NULL;
  g_autoptr(FlScene) scene = NULL;
  const FlColor *c1 = fl_theme_get_worker_color (theme, 1), *c2 = fl_theme_get_worker_color (theme, 2);
  FlCpuView view = { 0 };
  FlColor dot;
  double x0, x1, share_sum = 0;
  float row0, row1, h, total_y, total_h, height;
  float x_early, x_late;
  g_autofree char *tip = NULL;
  guint lane, c;
  gint64 t;

  view.width = 900;
  view.start = 0;
  view.end = 1000 * MS;
  view.theme = theme;
  view.background = TRUE;
  height = fl_cpu_painter_measure_height (store, &view);
  g_assert_cmpfloat (height, >, 100);
  view.height = height;

  layout = fl_cpu_painter_new (store, &view);
  g_assert_cmpfloat (fl_cpu_painter_get_height (layout), ==, height);
  g_assert_cmpuint (fl_cpu_painter_get_n_cores (layout), ==, 2);
  scene = fl_scene_new (view.width, height);
  fl_cpu_painter_paint (layout, scene);
  write_png (scene, "cpu-chart-synthetic.png");

  /* Where the samples put each worker. */
  g_assert_cmpfloat_with_epsilon (fl_cpu_painter_get_lane_on_core_at (layout, 1, 0, 300 * MS), 1.0, 0.05);
  g_assert_cmpfloat_with_epsilon (fl_cpu_painter_get_lane_on_core_at (layout, 2, 1, 300 * MS), 1.0, 0.05);
  g_assert_cmpfloat (fl_cpu_painter_get_lane_on_core_at (layout, 1, 1, 300 * MS), ==, 0);
  g_assert_cmpfloat (fl_cpu_painter_get_lane_on_core_at (layout, 2, 0, 300 * MS), ==, 0);
  g_assert_cmpfloat (fl_cpu_painter_get_lane_on_core_at (layout, 2, 1, 800 * MS), ==, 0);
  g_assert_cmpfloat (fl_cpu_painter_get_lane_on_core_at (layout, 0, 0, 300 * MS), ==, 0);

  /* The same in the picture: boxes of the worker's colour in its core's lane. */
  fl_cpu_painter_get_track (layout, &x0, &x1);
  g_assert_true (fl_cpu_painter_get_core_row (layout, 0, &row0, &h));
  g_assert_true (fl_cpu_painter_get_core_row (layout, 1, &row1, &h));
  g_assert_false (fl_cpu_painter_get_core_row (layout, 2, &total_y, &total_h));
  x_early = (float) fl_cpu_painter_time_to_x (layout, 300 * MS);
  x_late = (float) fl_cpu_painter_time_to_x (layout, 800 * MS);
  g_assert_cmpuint (count_boxes_at (scene, c1, x_early, row0, h), ==, 1);
  g_assert_cmpuint (count_boxes_at (scene, c2, x_early, row1, h), ==, 1);
  g_assert_cmpuint (count_boxes_at (scene, c2, x_early, row0, h), ==, 0);
  g_assert_cmpuint (count_boxes_at (scene, c1, x_late, row0, h), ==, 1);
  g_assert_cmpuint (count_boxes_at (scene, c2, x_late, row1, h), ==, 0);
  /* A worker that ran steadily is one box, not a column per pixel. */
  g_assert_cmpuint (count_boxes_in (scene, c1, x0, x1, row0, h), <=, 3);

  /* The colours are the timeline's lane colours. */
  for (lane = 0; lane < 3; lane++)
    {
      dot = timeline_lane_color (store, theme, lane);
      g_assert_true (color_equal (&dot, fl_theme_get_worker_color (theme, lane)));
    }

  /* Busy shares are shares, and say what the cores read. */
  for (c = 0; c < 2; c++)
    for (t = 0; t < 1000 * MS; t += 5 * MS)
      {
        double busy = fl_cpu_painter_get_core_busy_at (layout, c, t);
        g_assert_true (busy == -1 || (busy >= 0 && busy <= 1));
      }
  g_assert_cmpfloat_with_epsilon (fl_cpu_painter_get_core_busy_at (layout, 1, 300 * MS), 1.0, 0.01);
  g_assert_cmpfloat_with_epsilon (fl_cpu_painter_get_core_busy_at (layout, 1, 800 * MS), 0.05, 0.01);
  /* Before the first 100 ms window there is no reading. */
  g_assert_cmpfloat (fl_cpu_painter_get_core_busy_at (layout, 0, 5 * MS), ==, -1);

  /* The all-cores chart stays inside its area. */
  fl_cpu_painter_get_total_area (layout, &total_y, &total_h);
  g_assert_cmpuint (count_boxes_in (scene, c1, x0, x1, total_y, total_h), >=, 1);
  g_assert_cmpuint (count_boxes_in (scene, c2, x0, x1, total_y, total_h), >=, 1);

  /* CPU time and shares: 1 s and 0.5 s of the run's 1.5 s. */
  g_assert_cmpint (llabs (fl_cpu_painter_get_lane_cpu_ns (layout, 1) - 1000 * MS), <, 2 * MS);
  g_assert_cmpint (llabs (fl_cpu_painter_get_lane_cpu_ns (layout, 2) - 500 * MS), <, 2 * MS);
  g_assert_cmpint (fl_cpu_painter_get_lane_cpu_ns (layout, 0), ==, 0);
  for (lane = 0; lane < 3; lane++)
    share_sum += fl_cpu_painter_get_lane_share (layout, lane);
  g_assert_cmpfloat_with_epsilon (share_sum, 1.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (fl_cpu_painter_get_lane_share (layout, 1), 2.0 / 3, 0.01);
  g_assert_cmpfloat_with_epsilon (fl_cpu_painter_get_run_cores (layout), 1.5, 0.02);

  /* The tooltip says core, worker and busy share. */
  tip = fl_cpu_painter_describe_at (layout, x_early, row0 + h / 2);
  g_assert_nonnull (tip);
  g_assert_nonnull (strstr (tip, "Core 0"));
  g_assert_nonnull (strstr (tip, "numbers 1: 100%"));
  g_assert_nonnull (strstr (tip, "Busy 100%"));
  g_assert_null (strstr (tip, "numbers 2"));
  g_clear_pointer (&tip, g_free);
  tip = fl_cpu_painter_describe_at (layout, x_early, total_y + total_h / 2);
  g_assert_nonnull (strstr (tip, "All cores"));
  g_assert_nonnull (strstr (tip, "numbers 2: 1.00 cores"));
  g_clear_pointer (&tip, g_free);

  /* A zoomed-in range: only what is in it counts. */
  {
    g_autoptr(FlCpuPainter) zoomed = NULL;
    FlCpuView z = view;

    z.start = 600 * MS;
    z.end = 900 * MS;
    zoomed = fl_cpu_painter_new (store, &z);
    g_assert_cmpint (llabs (fl_cpu_painter_get_lane_cpu_ns (zoomed, 1) - 300 * MS), <, 2 * MS);
    g_assert_cmpint (fl_cpu_painter_get_lane_cpu_ns (zoomed, 2), ==, 0);
    g_assert_cmpfloat_with_epsilon (fl_cpu_painter_get_lane_share (zoomed, 1), 1.0, 1e-6);
  }

  /* The export path, dark, aligned to a given track. */
  {
    g_autoptr(FlTheme) dark = fl_theme_new_dark ();
    g_autoptr(FlScene) dark_scene = fl_scene_new (900, height);
    g_autoptr(FlCpuPainter) dark_painter = NULL;
    FlCpuView d = view;

    d.theme = dark;
    d.track_x0 = 200;
    d.track_x1 = 880;
    dark_painter = fl_cpu_painter_new (store, &d);
    fl_cpu_painter_paint (dark_painter, dark_scene);
    g_assert_cmpuint (fl_scene_get_n_items (dark_scene), >, 20);
    write_png (dark_scene, "cpu-chart-synthetic-dark.png");
  }
}

/* A real run: cpu-bound on two forked workers. */
static void
test_run (void)
{
  g_autoptr(FlRun) run = NULL;
  g_autoptr(FlTheme) theme = fl_theme_new_light ();
  g_autoptr(FlCpuPainter) layout = NULL;
  g_autoptr(FlScene) scene = NULL;
  const char *params[] = { "work=150", NULL };
  FlStore *store;
  FlCpuView view = { 0 };
  double x0, x1, share_sum = 0;
  gint64 end;
  guint lane, n_lanes, c, n_cores;

  run = fl_test_run_preset ("cpu-bound", FL_MODE_FORK, 2, params);
  store = fl_run_get_store (run);

  fl_store_lock (store);
  end = fl_store_get_end (store);
  n_lanes = fl_store_get_n_lanes (store);
  fl_store_unlock (store);
  g_assert_cmpint (end, >, 0);

  view.width = 1200;
  view.end = end;
  view.theme = theme;
  view.background = TRUE;
  view.height = fl_cpu_painter_measure_height (store, &view);
  layout = fl_cpu_painter_new (store, &view);
  scene = fl_scene_new (view.width, view.height);
  fl_cpu_painter_paint (layout, scene);
  write_png (scene, "cpu-chart-run.png");

  n_cores = fl_cpu_painter_get_n_cores (layout);
  g_assert_cmpuint (n_cores, >=, 1);
  fl_cpu_painter_get_track (layout, &x0, &x1);

  for (lane = 0; lane < n_lanes; lane++)
    {
      const FlLaneInfo *info;
      gint64 sampled = fl_cpu_painter_get_lane_cpu_ns (layout, lane);
      guint boxes = 0;

      fl_store_lock (store);
      info = fl_store_get_lane_info (store, lane);
      if (info->kind != FL_LANE_WORKER)
        {
          fl_store_unlock (store);
          continue;
        }
      /* The sampled CPU time is the one the worker reported at its exit,
       * less what it used after the last sample. */
      if (info->cpu_ns > 0)
        {
          g_assert_cmpint (sampled, <=, info->cpu_ns + info->cpu_ns / 10 + 20 * MS);
          g_assert_cmpint (sampled, >=, info->cpu_ns / 2 - 20 * MS);
        }
      fl_store_unlock (store);
      g_assert_cmpint (sampled, >, 0);

      /* It ran somewhere: a box of its colour in some core's lane. */
      for (c = 0; c < n_cores; c++)
        {
          float top, h;

          g_assert_true (fl_cpu_painter_get_core_row (layout, c, &top, &h));
          boxes += count_boxes_in (scene, fl_theme_get_worker_color (theme, lane), x0, x1, top, h);
        }
      g_assert_cmpuint (boxes, >, 0);
    }

  for (lane = 0; lane < n_lanes; lane++)
    share_sum += fl_cpu_painter_get_lane_share (layout, lane);
  g_assert_cmpfloat_with_epsilon (share_sum, 1.0, 1e-6);
  g_assert_cmpfloat (fl_cpu_painter_get_run_cores (layout), >, 0);
  g_assert_cmpfloat (fl_cpu_painter_get_run_cores (layout), <=, n_cores + 0.05);

  for (c = 0; c < n_cores; c++)
    {
      gint64 t;

      for (t = 0; t < end; t += end / 200 + 1)
        {
          double busy = fl_cpu_painter_get_core_busy_at (layout, c, t);
          g_assert_true (busy == -1 || (busy >= 0 && busy <= 1));
        }
    }
}

/* A store with no samples yet: a note, no boxes, no crash. */
static void
test_empty (void)
{
  g_autoptr(FlStore) store = fl_store_new (0);
  g_autoptr(FlScene) scene = fl_scene_new (600, 300);
  g_autoptr(FlCpuPainter) layout = NULL;
  FlCpuView view = { 0 };

  fl_store_add_lane (store, FL_LANE_MAIN, TRUE, "main", NULL);
  view.width = 600;
  view.end = 1000 * MS;
  view.height = fl_cpu_painter_measure_height (store, &view);
  g_assert_cmpfloat (view.height, >, 0);
  layout = fl_cpu_painter_new (store, &view);
  fl_cpu_painter_paint (layout, scene);
  g_assert_cmpuint (fl_cpu_painter_get_n_cores (layout), ==, 0);
  g_assert_cmpfloat (fl_cpu_painter_get_run_cores (layout), ==, 0);
  g_assert_null (fl_cpu_painter_describe_at (layout, 300, view.height + 50));
}

static gint64
cpu_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* 64 workers for a minute on 4 cores, sampled at 100 Hz: one frame stays
 * within a node budget whatever the zoom, and loses no CPU time. */
static void
test_budget (void)
{
  g_autoptr(FlStore) store = fl_store_new (0);
  g_autoptr(FlTheme) theme = fl_theme_new_light ();
  GRand *rand = g_rand_new_with_seed (7);
  gint64 cpu[65] = { 0 };
  gint64 zooms[] = { 60000 * MS, 2000 * MS, 50 * MS };
  guint lane, z;
  int k;

  for (lane = 0; lane <= 64; lane++)
    {
      g_autofree char *name = lane == 0 ? g_strdup ("main") : g_strdup_printf ("worker %u", lane);
      fl_store_add_lane (store, lane == 0 ? FL_LANE_MAIN : FL_LANE_WORKER, FALSE, name, NULL);
    }
  fl_store_lock (store);
  fl_store_set_n_cores (store, 4);
  for (lane = 0; lane <= 64; lane++)
    fl_store_get_lane_info_mut (store, lane)->start_t = 0;
  for (k = 1; k <= 6000; k++)
    {
      gint64 t = k * 10 * MS;
      guint c;

      for (lane = 0; lane <= 64; lane++)
        {
          FlLaneSample s = { t, 0, -1, (guint16) g_rand_int_range (rand, 0, 4), 'R' };

          /* Four cores for 65 threads: each gets a sixteenth, unevenly. */
          cpu[lane] += g_rand_int_range (rand, 0, 1250000);
          s.cpu_ns = cpu[lane];
          fl_store_add_lane_sample (store, lane, &s);
        }
      for (c = 0; c < 4; c++)
        {
          FlCoreSample cs = { t, 0.9f + 0.1f * (float) g_rand_double (rand), 0 };
          fl_store_add_core_sample (store, c, &cs);
        }
    }
  fl_store_unlock (store);
  fl_store_set_end (store, 60000 * MS);
  g_rand_free (rand);

  for (z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      g_autoptr(FlCpuPainter) layout = NULL;
      g_autoptr(FlScene) scene = NULL;
      FlCpuView view = { 0 };
      gint64 t0 = cpu_time_us (), sum = 0;

      view.width = 1920;
      view.start = 30000 * MS - zooms[z] / 2;
      view.end = 30000 * MS + zooms[z] / 2;
      view.theme = theme;
      view.height = fl_cpu_painter_measure_height (store, &view);
      layout = fl_cpu_painter_new (store, &view);
      scene = fl_scene_new (view.width, view.height);
      fl_cpu_painter_paint (layout, scene);
      g_test_message ("%" G_GINT64_FORMAT " ms in view: %u items, %.1f ms of CPU", zooms[z] / MS,
                      fl_scene_get_n_items (scene), (cpu_time_us () - t0) / 1000.0);
      g_assert_cmpuint (fl_scene_get_n_items (scene), <=, 12000);
      if (z == 1)
        write_png (scene, "cpu-chart-64-workers.png");
      for (lane = 0; lane <= 64; lane++)
        sum += fl_cpu_painter_get_lane_cpu_ns (layout, lane);
      /* Sixteenth of four cores each, on average: about 4 cores' worth. */
      g_assert_cmpfloat (fl_cpu_painter_get_run_cores (layout), >, 3.0);
      g_assert_cmpfloat (fl_cpu_painter_get_run_cores (layout), <, 5.0);
      g_assert_cmpint (sum, >, 0);
    }
}

static double
linear (double v)
{
  return v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
}

static double
contrast (const FlColor *a,
          const FlColor *b)
{
  double la = 0.2126 * linear (a->red) + 0.7152 * linear (a->green) + 0.0722 * linear (a->blue);
  double lb = 0.2126 * linear (b->red) + 0.7152 * linear (b->green) + 0.0722 * linear (b->blue);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* On a dark page every worker's shade keeps 3:1 against the background,
 * the fixed dark theme's and one built from a screen's colours alike. */
static void
test_dark_worker_shades (void)
{
  FlColor fg = FL_COLOR_RGB (0xffffff), bg = FL_COLOR_RGB (0x242424);
  FlTheme *themes[2];
  guint t, i;

  themes[0] = fl_theme_new_dark ();
  themes[1] = fl_theme_new_from_colors (&fg, &bg, NULL);
  for (t = 0; t < G_N_ELEMENTS (themes); t++)
    {
      g_assert_cmpuint (themes[t]->n_workers, >=, 5);
      for (i = 0; i < themes[t]->n_workers; i++)
        g_assert_cmpfloat (contrast (fl_theme_get_worker_color (themes[t], i), &themes[t]->background), >=, 3.0);
      /* Still told apart: the darker shades differ from the running colour. */
      g_assert_cmpfloat (fabsf (fl_theme_get_worker_color (themes[t], 4)->green -
                                themes[t]->states[FL_STATE_RUNNING].fill.green), >, 0.05f);
      fl_theme_unref (themes[t]);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/draw/cpu/synthetic", test_synthetic);
  g_test_add_func ("/draw/cpu/empty", test_empty);
  g_test_add_func ("/draw/cpu/budget", test_budget);
  g_test_add_func ("/draw/cpu/run", test_run);
  g_test_add_func ("/draw/cpu/dark-worker-shades", test_dark_worker_shades);

  status = g_test_run ();
  fl_test_util_cleanup ();
  return status;
}
