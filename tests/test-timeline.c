/* test-timeline.c — the timeline widget with real runs
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under the virtual display of the test command (suite "ui").
 * Pictures land in the build folder: timeline-widget.png (the widget's
 * own render nodes), timeline-run-light.png / -dark.png / .svg / .pdf
 * (the export path, from the same painter).
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "fl-run.h"
#include "fl-scene-cairo.h"
#include "fl-scene-gtk.h"
#include "fl-timeline.h"
#include "fl-timeline-painter.h"
#include "fl-test-util.h"

/* A run of preset @id with one parameter, not started. */
static FlRun *
new_run (const char *id,
         FlMode      mode,
         guint       workers,
         const char *param)
{
  const char *params[] = { param, NULL };

  return fl_test_new_run (id, mode, workers, params);
}

/* cpu-bound, work=20, 2 workers, fork: finished. */
static FlRun *
finished_run (void)
{
  const char *params[] = { "work=20", NULL };

  return fl_test_run_preset ("cpu-bound", FL_MODE_FORK, 2, params);
}

static GtkWidget *
show_timeline (FlStore    *store,
               GtkWidget **window_out,
               int         width,
               int         height)
{
  GtkWidget *timeline = fl_timeline_new ();

  fl_scene_widget_set_store (FL_SCENE_WIDGET (timeline), store);
  *window_out = fl_test_show_widget (timeline, width, height);
  return timeline;
}

static void
draw_once (GtkWidget *widget)
{
  GskRenderNode *node = fl_test_snapshot_widget (widget);

  g_assert_nonnull (node);
  gsk_render_node_unref (node);
}

/* The painter of what the widget shows, for geometry. */
static FlTimelinePainter *
painter_like (GtkWidget *timeline)
{
  FlTimelineView view = { 0 };

  fl_timeline_get_visible_range (FL_TIMELINE (timeline), &view.start, &view.end);
  view.width = gtk_widget_get_width (timeline);
  view.height = gtk_widget_get_height (timeline);
  view.scale = gtk_widget_get_scale_factor (timeline);
  view.theme = fl_scene_widget_get_theme (FL_SCENE_WIDGET (timeline));
  view.background = TRUE;
  view.fill = TRUE;   /* as the widget lays its lanes out: filling its height */
  return fl_timeline_painter_new (fl_timeline_get_model (FL_TIMELINE (timeline)), &view);
}

static void
test_snapshot (void)
{
  g_autoptr(FlRun) run = finished_run ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "timeline-widget.png", NULL);
  GtkWidget *window, *timeline;
  guint nodes;

  timeline = g_object_ref (show_timeline (fl_run_get_store (run), &window, 1024, 420));
  node = fl_test_snapshot_widget (timeline);
  g_assert_nonnull (node);
  nodes = fl_render_node_count (node);
  g_assert_cmpuint (nodes, >, 30);
  g_assert_cmpuint (nodes, <, 20000);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (timeline) * gtk_widget_get_scale_factor (timeline));
  g_assert_true (gdk_texture_save_to_png (texture, path));

  /* The pointer over worker 1: the hover is drawn on top of the cached
   * picture, which is reused as it is. */
  {
    g_autoptr(FlTimelinePainter) painter = painter_like (timeline);
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (timeline);
    g_autoptr(GskRenderNode) again = NULL;
    g_autoptr(GdkTexture) hovered = NULL;
    g_autofree char *hover_path = g_test_build_filename (G_TEST_BUILT, "timeline-widget-hover.png", NULL);
    double x0, x1;
    float y, h;
    guint i;

    g_assert_true (fl_timeline_painter_get_lane_row (painter, 1, &y, &h));
    fl_timeline_painter_get_track (painter, &x0, &x1);
    for (i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
          g_signal_emit_by_name (controller, "motion", (x0 + x1) / 2, (double) y + h / 2);
      }
    fl_test_wait_ms (50);
    again = fl_test_snapshot_widget (timeline);
    g_assert_cmpuint (fl_render_node_count (again), >, nodes);
    hovered = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), again, NULL);
    g_assert_true (gdk_texture_save_to_png (hovered, hover_path));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (timeline);
}

static void
test_zoom (void)
{
  g_autoptr(FlRun) run = finished_run ();
  GtkWidget *window, *timeline, *other;
  gint64 start, end, until, s2, e2;
  double x0, x1;
  FlTimelinePainter *painter;

  timeline = g_object_ref (show_timeline (fl_run_get_store (run), &window, 1000, 300));
  draw_once (timeline);
  until = fl_store_get_end (fl_run_get_store (run));
  g_assert_cmpint (until, >, 0);

  /* Fit: the whole run, a hair of room after it. */
  fl_timeline_get_visible_range (FL_TIMELINE (timeline), &start, &end);
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, >=, until);
  g_assert_cmpint (end, <=, until + until / 50);

  /* Zoom in around a point: the time under it stays under it. */
  painter = painter_like (timeline);
  fl_timeline_painter_get_track (painter, &x0, &x1);
  {
    double ax = x0 + (x1 - x0) * 0.3;
    double before = fl_timeline_painter_x_to_time (painter, ax);
    g_autoptr(FlTimelinePainter) after = NULL;

    fl_timeline_zoom (FL_TIMELINE (timeline), 0.25, ax);
    fl_timeline_get_visible_range (FL_TIMELINE (timeline), &s2, &e2);
    g_assert_cmpint (ABS ((e2 - s2) - (end - start) / 4), <=, 2);
    after = painter_like (timeline);
    g_assert_cmpfloat (ABS (fl_timeline_painter_x_to_time (after, ax) - before), <, (e2 - s2) / 1000.0);
  }
  fl_timeline_painter_free (painter);

  /* Keys: "+" and "−" as actions, "0" to fit. */
  fl_timeline_get_visible_range (FL_TIMELINE (timeline), &start, &end);
  gtk_widget_activate_action (timeline, "timeline.zoom-in", NULL);
  fl_timeline_get_visible_range (FL_TIMELINE (timeline), &s2, &e2);
  g_assert_cmpint (e2 - s2, <, end - start);
  gtk_widget_activate_action (timeline, "timeline.zoom-out", NULL);
  gtk_widget_activate_action (timeline, "timeline.zoom-out", NULL);
  fl_timeline_get_visible_range (FL_TIMELINE (timeline), &s2, &e2);
  g_assert_cmpint (e2 - s2, >, end - start);
  gtk_widget_activate_action (timeline, "timeline.zoom-fit", NULL);
  fl_timeline_get_visible_range (FL_TIMELINE (timeline), &start, &end);
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, >=, until);

  /* Follow: the end of the run in view, at the zoom chosen. */
  fl_scene_widget_set_live (FL_SCENE_WIDGET (timeline), TRUE);
  fl_timeline_zoom (FL_TIMELINE (timeline), 0.1, -1);
  gtk_widget_activate_action (timeline, "timeline.follow", NULL);
  g_assert_true (fl_timeline_get_follow (FL_TIMELINE (timeline)));
  fl_test_wait_ms (100);
  fl_timeline_get_visible_range (FL_TIMELINE (timeline), &s2, &e2);
  g_assert_cmpint (s2, <, until);
  g_assert_cmpint (e2, >=, until);
  g_assert_cmpint (e2 - until, <, (e2 - s2) / 10);
  g_assert_cmpint (ABS ((e2 - s2) - (gint64) (0.1 * (end - start))), <, (end - start) / 100);
  /* Panning away stops following. */
  fl_timeline_set_visible_range (FL_TIMELINE (timeline), 10, 1000);
  fl_timeline_set_follow (FL_TIMELINE (timeline), FALSE);
  fl_scene_widget_set_live (FL_SCENE_WIDGET (timeline), FALSE);
  fl_timeline_get_visible_range (FL_TIMELINE (timeline), &s2, &e2);
  g_assert_cmpint (s2, ==, 10);
  g_assert_cmpint (e2, ==, 1000);

  /* Two timelines on one axis (the compare view). */
  other = g_object_ref_sink (fl_timeline_new ());
  g_object_bind_property (timeline, "visible-start", other, "visible-start", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (timeline, "visible-end", other, "visible-end", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  fl_timeline_zoom_to_fit (FL_TIMELINE (timeline));
  fl_timeline_zoom (FL_TIMELINE (timeline), 0.5, -1);
  fl_timeline_get_visible_range (FL_TIMELINE (timeline), &start, &end);
  fl_timeline_get_visible_range (FL_TIMELINE (other), &s2, &e2);
  g_assert_cmpint (s2, ==, start);
  g_assert_cmpint (e2, ==, end);
  fl_timeline_set_visible_range (FL_TIMELINE (other), 5000, 7000);
  fl_timeline_get_visible_range (FL_TIMELINE (timeline), &start, &end);
  g_assert_cmpint (start, ==, 5000);
  g_assert_cmpint (end, ==, 7000);
  g_assert_finalize_object (other);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (timeline);
}

static void
test_tooltip (void)
{
  g_autoptr(FlRun) run = finished_run ();
  g_autoptr(FlTimelinePainter) painter = NULL;
  g_autofree char *running = NULL;
  g_autofree char *label = NULL;
  g_autofree char *nothing = NULL;
  GtkWidget *window, *timeline;
  const FlLaneInfo *info;
  double x, x0, x1;
  float y, h;
  guint lane;

  timeline = g_object_ref (show_timeline (fl_run_get_store (run), &window, 1200, 400));
  draw_once (timeline);
  painter = painter_like (timeline);

  /* Worker 1 computes from its start to its exit: the middle is "running". */
  lane = 1;
  info = fl_store_get_lane_info (fl_run_get_store (run), lane);
  g_assert_cmpint (info->exit_t, >, info->start_t);
  g_assert_true (fl_timeline_painter_get_lane_row (painter, lane, &y, &h));
  x = fl_timeline_painter_time_to_x (painter, (info->start_t + info->exit_t) / 2.0);
  running = fl_scene_widget_describe_at (FL_SCENE_WIDGET (timeline), x, y + h / 2);
  g_assert_nonnull (running);
  g_test_message ("tooltip: %s", running);
  g_assert_true (g_str_has_prefix (running, "running"));
  g_assert_nonnull (strstr (running, info->name));
  g_assert_nonnull (strstr (running, "CPU"));

  /* The main process waits for its workers: a join. */
  {
    const FlLaneInfo *main_info = fl_store_get_lane_info (fl_run_get_store (run), 0);
    g_autofree char *join = NULL;

    FlStore *store = fl_run_get_store (run);
    gint64 t, step = MAX (fl_store_get_end (store) / 2000, 1);
    gint64 from = -1, best_from = -1, best_len = 0;

    /* The middle of main's longest join, as the store has it (when that
     * is depends on how quickly the machine started the workers). */
    for (t = 0; t <= fl_store_get_end (store); t += step)
      {
        gboolean joining = fl_store_get_state_at (store, 0, t) == FL_STATE_JOIN;

        if (joining && from < 0)
          from = t;
        if ((!joining || t + step > fl_store_get_end (store)) && from >= 0)
          {
            if (t - from > best_len)
              {
                best_len = t - from;
                best_from = from;
              }
            from = -1;
          }
      }
    g_assert_cmpint (best_len, >, 0);
    g_assert_true (fl_timeline_painter_get_lane_row (painter, 0, &y, &h));
    x = fl_timeline_painter_time_to_x (painter, best_from + best_len / 2.0);
    join = fl_scene_widget_describe_at (FL_SCENE_WIDGET (timeline), x, y + h / 2);
    g_assert_nonnull (join);
    g_test_message ("tooltip: %s", join);
    g_assert_nonnull (strstr (join, "waiting for a worker"));
    g_assert_nonnull (strstr (join, main_info->name));
  }

  /* On the label: who the lane is. */
  fl_timeline_painter_get_track (painter, &x0, &x1);
  g_assert_true (fl_timeline_painter_get_lane_row (painter, lane, &y, &h));
  label = fl_scene_widget_describe_at (FL_SCENE_WIDGET (timeline), x0 / 2, y + h / 2);
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (label, "pid"));

  /* Above the lanes, nothing. */
  nothing = fl_scene_widget_describe_at (FL_SCENE_WIDGET (timeline), x, 2);
  g_assert_null (nothing);

  g_clear_pointer (&painter, fl_timeline_painter_free);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (timeline);
}

static void
on_finished (FlRun    *run,
             gboolean *done)
{
  *done = TRUE;
}

/* A live run: the view follows it as it grows, and snapshots each frame. */
static void
test_live (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlRun) run = new_run ("cpu-bound", FL_MODE_THREADS, 2, "work=600");
  GtkWidget *window, *timeline;
  gint64 start, end, first_end = -1;
  gboolean done = FALSE;
  guint frames = 0;

  g_signal_connect (run, "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (fl_run_start (run, &error));
  g_assert_no_error (error);
  timeline = g_object_ref (show_timeline (fl_run_get_store (run), &window, 900, 300));
  fl_scene_widget_set_live (FL_SCENE_WIDGET (timeline), TRUE);
  fl_timeline_set_follow (FL_TIMELINE (timeline), TRUE);

  while (!done)
    {
      GskRenderNode *node;

      fl_test_wait_ms (16);
      /* The widget's paintable is empty while a new layout is pending
       * (GtkWidgetPaintable draws nothing then): count the frames drawn. */
      node = fl_test_snapshot_widget (timeline);
      if (node == NULL)
        continue;
      gsk_render_node_unref (node);
      fl_timeline_get_visible_range (FL_TIMELINE (timeline), &start, &end);
      if (first_end < 0)
        first_end = end;
      frames++;
    }
  g_assert_cmpuint (frames, >, 2);
  /* It followed: the view ends where the run ended, not where it began,
   * once it has caught up with the last events (a frame or a few later). */
  for (guint waited = 0; waited < 1000; waited++)
    {
      fl_timeline_get_visible_range (FL_TIMELINE (timeline), &start, &end);
      if (end >= fl_store_get_end (fl_run_get_store (run)))
        break;
      fl_test_wait_ms (10);
    }
  fl_scene_widget_set_live (FL_SCENE_WIDGET (timeline), FALSE);
  g_assert_cmpint (end, >, first_end);
  g_assert_cmpint (end, >=, fl_store_get_end (fl_run_get_store (run)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (timeline);
}

/* The export's path: the same painter into PNG, SVG and PDF. */
static void
test_export (void)
{
  g_autoptr(FlRun) run = finished_run ();
  g_autoptr(FlTimelineModel) model = fl_timeline_model_new (fl_run_get_store (run));
  const char *themes[] = { "light", "dark" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (themes); i++)
    {
      g_autoptr(FlTheme) theme = fl_theme_new_by_name (themes[i]);
      g_autoptr(FlTimelinePainter) painter = NULL;
      g_autoptr(FlScene) scene = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("timeline-run-%s.png", themes[i]);
      g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
      FlTimelineView view = { 0 };

      view.width = 1280;
      view.end = fl_timeline_model_get_until (model) * 101 / 100;
      view.theme = theme;
      view.background = TRUE;
      view.legend = TRUE;
      view.height = fl_timeline_painter_measure_height (model, &view);
      painter = fl_timeline_painter_new (model, &view);
      scene = fl_scene_new (view.width, view.height);
      fl_timeline_painter_paint (painter, scene);
      g_assert_true (fl_scene_write_file (scene, path, FL_SCENE_FORMAT_PNG, 2, &error));
      g_assert_no_error (error);
      if (i == 0)
        {
          g_autofree char *svg = g_test_build_filename (G_TEST_BUILT, "timeline-run.svg", NULL);
          g_autofree char *pdf = g_test_build_filename (G_TEST_BUILT, "timeline-run.pdf", NULL);

          g_assert_true (fl_scene_write_file (scene, svg, FL_SCENE_FORMAT_SVG, 1, &error));
          g_assert_true (fl_scene_write_file (scene, pdf, FL_SCENE_FORMAT_PDF, 1, &error));
          g_assert_no_error (error);
        }
    }
  g_assert_finalize_object (g_steal_pointer (&model));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/timeline/snapshot", test_snapshot);
  g_test_add_func ("/ui/timeline/zoom", test_zoom);
  g_test_add_func ("/ui/timeline/tooltip", test_tooltip);
  g_test_add_func ("/ui/timeline/live", test_live);
  g_test_add_func ("/ui/timeline/export", test_export);

  status = g_test_run ();
  fl_test_util_cleanup ();
  return status;
}
