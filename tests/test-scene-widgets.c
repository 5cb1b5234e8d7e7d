/* test-scene-widgets.c — the three drawn views as GObjects
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In libadwaita's style: every property of FlTimeline, FlCpuChart and
 * FlMemoryDiagram is set and read back, each change is notified once and
 * a set to the same value not at all, and each widget is finalized when
 * its last reference goes (g_assert_finalize_object), also after it was
 * shown with a finished run and given the window's time axis.  What they
 * share (FlSceneWidget: live, text-scale, theme, axis) is checked on each; the
 * tooltips are checked on a saved run loaded back.  Each lays its painter
 * out when it is allocated, not when it is drawn; the base draws that
 * painter, what the pointer brings up over it and its tooltips.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "fl-cpu-chart.h"
#include "fl-memory-view.h"
#include "fl-run-file.h"
#include "fl-test-util.h"
#include "fl-time-axis.h"
#include "fl-timeline.h"

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           int        *count)
{
  (*count)++;
}

static void
changed_cb (FlTimeAxis *axis,
            int        *count)
{
  (*count)++;
}

/* Sets @name to @value twice: notified once, then not at all; reads it back. */
static void
check_object_property (gpointer     object,
                       const char  *name,
                       gpointer     value)
{
  g_autofree char *signal = g_strconcat ("notify::", name, NULL);
  gpointer back = NULL;
  int count = 0;
  gulong id = g_signal_connect (object, signal, G_CALLBACK (notify_cb), &count);

  g_object_set (object, name, value, NULL);
  g_assert_cmpint (count, ==, 1);
  g_object_get (object, name, &back, NULL);
  g_assert_true (back == value);
  g_clear_object (&back);
  g_object_set (object, name, value, NULL);
  g_assert_cmpint (count, ==, 1);
  g_signal_handler_disconnect (object, id);
}

static void
check_boolean_property (gpointer    object,
                        const char *name)
{
  g_autofree char *signal = g_strconcat ("notify::", name, NULL);
  gboolean value = TRUE;
  int count = 0;
  gulong id = g_signal_connect (object, signal, G_CALLBACK (notify_cb), &count);

  g_object_get (object, name, &value, NULL);
  g_assert_false (value);
  g_object_set (object, name, TRUE, NULL);
  g_assert_cmpint (count, ==, 1);
  g_object_get (object, name, &value, NULL);
  g_assert_true (value);
  g_object_set (object, name, TRUE, NULL);
  g_assert_cmpint (count, ==, 1);
  g_object_set (object, name, FALSE, NULL);
  g_assert_cmpint (count, ==, 2);
  g_object_get (object, name, &value, NULL);
  g_assert_false (value);
  g_signal_handler_disconnect (object, id);
}

static void
check_int64_property (gpointer    object,
                      const char *name,
                      gint64      value)
{
  g_autofree char *signal = g_strconcat ("notify::", name, NULL);
  gint64 back = 0;
  int count = 0;
  gulong id = g_signal_connect (object, signal, G_CALLBACK (notify_cb), &count);

  g_object_set (object, name, value, NULL);
  g_assert_cmpint (count, ==, 1);
  g_object_get (object, name, &back, NULL);
  g_assert_cmpint (back, ==, value);
  g_object_set (object, name, value, NULL);
  g_assert_cmpint (count, ==, 1);
  g_signal_handler_disconnect (object, id);
}

/* The base's own properties, the same on every view. */
static void
check_text_scale (gpointer object)
{
  double scale = 0;
  int count = 0;
  gulong id = g_signal_connect (object, "notify::text-scale", G_CALLBACK (notify_cb), &count);

  g_object_get (object, "text-scale", &scale, NULL);
  g_assert_cmpfloat (scale, ==, 1.0);
  g_object_set (object, "text-scale", 1.5, NULL);
  g_assert_cmpint (count, ==, 1);
  g_assert_cmpfloat (fl_scene_widget_get_text_scale (object), ==, 1.5);
  fl_scene_widget_set_text_scale (object, 1.5);
  g_assert_cmpint (count, ==, 1);
  /* Clamped to what the window's zoom offers. */
  fl_scene_widget_set_text_scale (object, 100);
  g_assert_cmpint (count, ==, 2);
  g_assert_cmpfloat (fl_scene_widget_get_text_scale (object), ==, 4.0);
  g_object_set (object, "text-scale", 1.0, NULL);
  g_assert_cmpint (count, ==, 3);
  g_signal_handler_disconnect (object, id);
}

/* A theme override is taken and given back; NULL follows the style. */
static void
check_theme (gpointer object)
{
  g_autoptr(FlTheme) light = fl_theme_new_light ();
  FlTheme *style = fl_scene_widget_get_theme (object);

  g_assert_nonnull (style);
  fl_scene_widget_set_theme (object, light);
  g_assert_true (fl_scene_widget_get_theme (object) == light);
  fl_scene_widget_set_theme (object, NULL);
  g_assert_nonnull (fl_scene_widget_get_theme (object));
  g_assert_true (fl_scene_widget_get_theme (object) != light);
}

/* An axis of its own until one is given; NULL gives one of its own
 * again, and the one given is let go of (no handler left on it). */
static void
check_axis (gpointer object)
{
  FlTimeAxis *axis = fl_time_axis_new ();
  FlTimeAxis *own = NULL;
  int count = 0;
  gulong id;

  g_object_get (object, "axis", &own, NULL);
  g_assert_nonnull (own);
  g_assert_true (fl_scene_widget_get_axis (object) == own);
  check_object_property (object, "axis", axis);
  g_assert_true (fl_scene_widget_get_axis (object) == axis);
  g_assert_finalize_object (own);

  id = g_signal_connect (object, "notify::axis", G_CALLBACK (notify_cb), &count);
  fl_scene_widget_set_axis (object, NULL);
  g_assert_cmpint (count, ==, 1);
  g_assert_nonnull (fl_scene_widget_get_axis (object));
  g_assert_true (fl_scene_widget_get_axis (object) != axis);
  g_signal_handler_disconnect (object, id);
  fl_time_axis_set_range (axis, 0, 1);
  g_assert_finalize_object (axis);
}

static void
check_scene_widget (gpointer object)
{
  g_assert_true (FL_IS_SCENE_WIDGET (object));
  check_boolean_property (object, "live");
  check_text_scale (object);
  check_theme (object);
  check_axis (object);
  /* Nothing to describe without a store. */
  g_assert_null (fl_scene_widget_describe_at (object, 10, 10));
}

static void
test_axis (void)
{
  g_autoptr(FlTimeAxis) axis = fl_time_axis_new ();
  int changed = 0, count = 0;
  gint64 start, end;
  double x0, x1;

  g_signal_connect (axis, "changed", G_CALLBACK (changed_cb), &changed);
  g_assert_false (fl_time_axis_has_track (axis));
  check_int64_property (axis, "start", 5000);
  check_int64_property (axis, "end", 9000000);
  g_assert_cmpint (changed, ==, 2);

  /* Both ends at once: one "changed", both ends notified. */
  g_signal_connect (axis, "notify", G_CALLBACK (notify_cb), &count);
  fl_time_axis_set_range (axis, 10, 20);
  g_assert_cmpint (changed, ==, 3);
  g_assert_cmpint (count, ==, 2);
  fl_time_axis_get_range (axis, &start, &end);
  g_assert_cmpint (start, ==, 10);
  g_assert_cmpint (end, ==, 20);
  fl_time_axis_set_range (axis, 10, 20);
  g_assert_cmpint (changed, ==, 3);

  fl_time_axis_set_track (axis, 150.5, 900);
  g_assert_cmpint (changed, ==, 4);
  g_assert_cmpint (count, ==, 4);
  g_object_get (axis, "track-x0", &x0, "track-x1", &x1, NULL);
  g_assert_cmpfloat (x0, ==, 150.5);
  g_assert_cmpfloat (x1, ==, 900);
  g_assert_true (fl_time_axis_has_track (axis));
  g_object_set (axis, "track-x1", 151.0, NULL);
  g_assert_false (fl_time_axis_has_track (axis));
  g_assert_cmpint (changed, ==, 5);

  g_assert_finalize_object (g_steal_pointer (&axis));
}

static void
test_timeline_properties (void)
{
  GtkWidget *timeline = g_object_ref_sink (fl_timeline_new ());
  g_autoptr(FlStore) store = fl_store_new (0);
  g_autoptr(FlTimeAxis) axis = fl_time_axis_new ();
  FlTimeAxis *own = NULL;
  gint64 start, end, hover = 0;

  check_object_property (timeline, "store", store);
  g_assert_true (fl_scene_widget_get_store (FL_SCENE_WIDGET (timeline)) == store);
  check_scene_widget (timeline);
  check_boolean_property (timeline, "follow");
  check_boolean_property (timeline, "show-legend");
  check_int64_property (timeline, "visible-start", 2000);
  check_int64_property (timeline, "visible-end", 8000000);
  g_object_get (timeline, "hover-time", &hover, NULL);
  g_assert_cmpint (hover, ==, -1);

  /* An axis of its own until it is given one; its range goes on it, and
   * a range set on the axis comes back. */
  g_object_get (timeline, "axis", &own, NULL);
  g_assert_nonnull (own);
  fl_time_axis_get_range (own, &start, &end);
  g_assert_cmpint (start, ==, 2000);
  g_assert_cmpint (end, ==, 8000000);
  check_object_property (timeline, "axis", axis);
  fl_time_axis_get_range (axis, &start, &end);
  g_assert_cmpint (start, ==, 2000);
  g_assert_cmpint (end, ==, 8000000);
  fl_time_axis_set_range (axis, 3000, 7000000);
  fl_timeline_get_visible_range (FL_TIMELINE (timeline), &start, &end);
  g_assert_cmpint (start, ==, 3000);
  g_assert_cmpint (end, ==, 7000000);
  /* The axis it had is not held any more. */
  g_assert_finalize_object (own);

  check_object_property (timeline, "store", NULL);
  g_assert_finalize_object (timeline);
  /* The widget let go of the axis: no handler left on it. */
  fl_time_axis_set_range (axis, 0, 1);
  g_assert_finalize_object (g_steal_pointer (&axis));
}

static void
test_cpu_chart_properties (void)
{
  GtkWidget *chart = g_object_ref_sink (fl_cpu_chart_new ());
  g_autoptr(FlStore) store = fl_store_new (0);
  g_autoptr(FlTimeAxis) axis = fl_time_axis_new ();

  check_scene_widget (chart);
  check_object_property (chart, "store", store);
  g_assert_true (fl_scene_widget_get_store (FL_SCENE_WIDGET (chart)) == store);
  check_object_property (chart, "axis", axis);
  g_assert_finalize_object (chart);
  fl_time_axis_set_range (axis, 0, 1);
  g_assert_finalize_object (g_steal_pointer (&axis));
}

static void
test_memory_diagram_properties (void)
{
  GtkWidget *diagram = g_object_ref_sink (fl_memory_diagram_new ());
  g_autoptr(FlStore) store = fl_store_new (0);

  check_scene_widget (diagram);
  check_object_property (diagram, "store", store);
  g_assert_true (fl_scene_widget_get_store (FL_SCENE_WIDGET (diagram)) == store);
  check_object_property (diagram, "store", NULL);
  g_assert_finalize_object (diagram);
}

/* The first point down @widget at @x that says something, and what;
 * NULL when none does. */
static char *
describe_down (GtkWidget *widget,
               double     x,
               double    *y_out)
{
  int y;

  for (y = 1; y < gtk_widget_get_height (widget); y += 2)
    {
      char *text = fl_scene_widget_describe_at (FL_SCENE_WIDGET (widget), x, y);

      if (text != NULL)
        {
          *y_out = y;
          return text;
        }
    }
  return NULL;
}

/* Measures and allocates @widget 1000 px wide, as a parent would. */
static void
allocate (GtkWidget *widget)
{
  int minimum, natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, 1000, &minimum, &natural, NULL, NULL);
  gtk_widget_allocate (widget, 1000, MAX (natural, 300), -1, NULL);
}

/* @widget (floating) with @store, never in a window and so never drawn:
 * its painter is made by the allocation, answers the tooltips, is made
 * again by the next allocation after a change, and goes with the store. */
static void
check_laid_out_at_allocate (GtkWidget *widget,
                            FlStore   *store)
{
  FlSceneWidget *scene_widget = FL_SCENE_WIDGET (g_object_ref_sink (widget));
  g_autofree char *text = NULL;
  gpointer painter;
  double x, y = 0;

  fl_scene_widget_set_store (scene_widget, store);
  g_assert_null (fl_scene_widget_get_painter (scene_widget));
  g_assert_null (fl_scene_widget_describe_at (scene_widget, 500, 100));
  allocate (widget);
  painter = fl_scene_widget_get_painter (scene_widget);
  g_assert_nonnull (painter);
  for (x = 5; text == NULL && x < gtk_widget_get_width (widget); x += 20)
    text = describe_down (widget, x, &y);
  g_assert_nonnull (text);

  /* A new look: a new layout at the next allocation. */
  fl_scene_widget_set_text_scale (scene_widget, 1.5);
  allocate (widget);
  g_assert_nonnull (fl_scene_widget_get_painter (scene_widget));
  g_assert_true (fl_scene_widget_get_painter (scene_widget) != painter);

  fl_scene_widget_set_store (scene_widget, NULL);
  g_assert_null (fl_scene_widget_get_painter (scene_widget));
  g_assert_null (fl_scene_widget_describe_at (scene_widget, 500, y));
  g_assert_finalize_object (scene_widget);
}

/* Layout happens in size_allocate: each view has its painter, and its
 * tooltips, before anything is drawn. */
static void
test_laid_out_at_allocate (void)
{
  const char *params[] = { "mb=8", "parent_mb=8", NULL };
  g_autoptr(FlRun) run = fl_test_run_preset ("memory-cost", FL_MODE_FORK, 0, params);

  check_laid_out_at_allocate (fl_timeline_new (), fl_run_get_store (run));
  check_laid_out_at_allocate (fl_cpu_chart_new (), fl_run_get_store (run));
  check_laid_out_at_allocate (fl_memory_diagram_new (), fl_run_get_store (run));
}

/* Shown with a finished run, the timeline and the CPU chart on one axis,
 * as the window has them: the timeline lays the axis out, the chart draws
 * on its track; all three are finalized after the window goes. */
static void
test_shown (void)
{
  const char *params[] = { "work=20", NULL };
  g_autoptr(FlRun) run = fl_test_run_preset ("cpu-bound", FL_MODE_FORK, 2, params);
  FlStore *store = fl_run_get_store (run);
  g_autoptr(FlTimeAxis) axis = fl_time_axis_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *timeline = fl_timeline_new ();
  GtkWidget *chart = fl_cpu_chart_new ();
  GtkWidget *diagram = fl_memory_diagram_new ();
  GtkWidget *window;
  GskRenderNode *node;
  double ax0, ax1, x0, x1;
  gint64 start, end, astart, aend;

  g_object_add_weak_pointer (G_OBJECT (timeline), (gpointer *) &timeline);
  g_object_add_weak_pointer (G_OBJECT (chart), (gpointer *) &chart);
  g_object_add_weak_pointer (G_OBJECT (diagram), (gpointer *) &diagram);
  fl_scene_widget_set_axis (FL_SCENE_WIDGET (timeline), axis);
  fl_scene_widget_set_axis (FL_SCENE_WIDGET (chart), axis);
  fl_scene_widget_set_store (FL_SCENE_WIDGET (timeline), store);
  fl_scene_widget_set_store (FL_SCENE_WIDGET (chart), store);
  fl_scene_widget_set_store (FL_SCENE_WIDGET (diagram), store);
  gtk_widget_set_vexpand (timeline, TRUE);
  gtk_box_append (GTK_BOX (box), timeline);
  gtk_box_append (GTK_BOX (box), chart);
  gtk_box_append (GTK_BOX (box), diagram);
  window = fl_test_show_widget (box, 1000, 900);

  /* Laid out in size_allocate, before anything is drawn. */
  g_assert_true (fl_time_axis_has_track (axis));
  fl_time_axis_get_track (axis, &ax0, &ax1);
  g_assert_cmpfloat (ax0, >, 0);
  g_assert_cmpfloat (ax1, <=, gtk_widget_get_width (timeline));

  node = fl_test_snapshot_widget (box);
  g_assert_nonnull (node);
  gsk_render_node_unref (node);
  fl_cpu_chart_get_view (FL_CPU_CHART (chart), &start, &end, &x0, &x1);
  fl_time_axis_get_range (axis, &astart, &aend);
  g_assert_cmpint (start, ==, astart);
  g_assert_cmpint (end, ==, aend);
  g_assert_cmpfloat (x0, ==, ax0);
  g_assert_cmpfloat (x1, ==, ax1);

  /* A zoom on the timeline moves the chart with it. */
  fl_timeline_zoom (FL_TIMELINE (timeline), 0.5, -1);
  fl_time_axis_get_range (axis, &astart, &aend);
  g_assert_cmpint (aend - astart, <, end - start);
  fl_test_wait_ms (50);
  node = fl_test_snapshot_widget (box);
  gsk_render_node_unref (node);
  fl_cpu_chart_get_view (FL_CPU_CHART (chart), &start, &end, NULL, NULL);
  g_assert_cmpint (start, ==, astart);
  g_assert_cmpint (end, ==, aend);

  gtk_window_destroy (GTK_WINDOW (window));
  fl_test_wait_ms (20);
  g_assert_null (timeline);
  g_assert_null (chart);
  g_assert_null (diagram);
  g_assert_finalize_object (g_steal_pointer (&axis));
}

/* The tooltip is what describe_at says: shown where it says something,
 * not where it says nothing, nor for the keyboard. */
static void
check_tooltip (GtkWidget *widget,
               double     x,
               double     y,
               gboolean   expected)
{
  GtkTooltip *tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = !expected;

  g_signal_emit_by_name (widget, "query-tooltip", (int) x, (int) y, FALSE, tooltip, &shown);
  g_assert_true (shown == expected);
  g_signal_emit_by_name (widget, "query-tooltip", (int) x, (int) y, TRUE, tooltip, &shown);
  g_assert_false (shown);
  g_object_unref (tooltip);
}

/* The pointer moves to (@x, @y) over @widget (inside) or leaves it: what
 * the base's motion controller is told. */
static void
move_pointer (GtkWidget *widget,
              gboolean   inside,
              double     x,
              double     y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint i, n = 0;

  for (i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        continue;
      if (inside)
        g_signal_emit_by_name (controller, "motion", x, y);
      else
        g_signal_emit_by_name (controller, "leave");
      n++;
    }
  g_assert_cmpuint (n, ==, 1);
}

/* What @widget's snapshot draws now, as render-node text. */
static GBytes *
draw (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GBytes *bytes;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  bytes = gsk_render_node_serialize (node);
  gsk_render_node_unref (node);
  return bytes;
}

/* The pointer over @widget at (@x, @y): drawing lays nothing out (the
 * painter stays), and what the pointer brings up goes over the picture
 * (@hover: the picture grows, else it stays the same). */
static void
check_hover (GtkWidget *widget,
             double     x,
             double     y,
             gboolean   hover)
{
  gpointer painter = fl_scene_widget_get_painter (FL_SCENE_WIDGET (widget));
  g_autoptr(GBytes) plain = draw (widget);
  g_autoptr(GBytes) again = NULL, over = NULL, left = NULL;
  double hx = -1, hy = -1;

  g_assert_nonnull (painter);
  again = draw (widget);
  g_assert_true (g_bytes_equal (plain, again));
  move_pointer (widget, TRUE, x, y);
  g_assert_true (fl_scene_widget_get_hover (FL_SCENE_WIDGET (widget), &hx, &hy));
  g_assert_cmpfloat (hx, ==, x);
  g_assert_cmpfloat (hy, ==, y);
  over = draw (widget);
  if (hover)
    g_assert_cmpuint (g_bytes_get_size (over), >, g_bytes_get_size (plain));
  else
    g_assert_true (g_bytes_equal (over, plain));
  move_pointer (widget, FALSE, 0, 0);
  g_assert_false (fl_scene_widget_get_hover (FL_SCENE_WIDGET (widget), NULL, NULL));
  left = draw (widget);
  g_assert_true (g_bytes_equal (left, plain));
  g_assert_true (fl_scene_widget_get_painter (FL_SCENE_WIDGET (widget)) == painter);
}

/* A run saved and loaded back: each view says what is under the pointer,
 * from what was measured. */
static void
test_describe_saved_run (void)
{
  const char *params[] = { "mb=8", "parent_mb=8", NULL };
  g_autoptr(FlRun) live = fl_test_run_preset ("memory-cost", FL_MODE_FORK, 0, params);
  g_autofree char *dir = g_dir_make_tmp ("fl-scene-widgets-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlRun) run = NULL;
  g_autoptr(FlTimeAxis) axis = fl_time_axis_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *timeline = fl_timeline_new ();
  GtkWidget *chart = fl_cpu_chart_new ();
  GtkWidget *diagram = fl_memory_diagram_new ();
  g_autofree char *lane = NULL, *core = NULL, *space = NULL;
  GtkWidget *window;
  GskRenderNode *node;
  double x0, x1, y = 0;
  gint64 hover_time = -1;

  g_assert_true (fl_run_save (live, path, &error));
  g_assert_no_error (error);
  run = fl_run_load (path, &error);
  g_assert_no_error (error);

  fl_scene_widget_set_axis (FL_SCENE_WIDGET (timeline), axis);
  fl_scene_widget_set_axis (FL_SCENE_WIDGET (chart), axis);
  fl_scene_widget_set_store (FL_SCENE_WIDGET (timeline), fl_run_get_store (run));
  fl_scene_widget_set_store (FL_SCENE_WIDGET (chart), fl_run_get_store (run));
  fl_scene_widget_set_store (FL_SCENE_WIDGET (diagram), fl_run_get_store (run));
  gtk_widget_set_vexpand (timeline, TRUE);
  gtk_box_append (GTK_BOX (box), timeline);
  gtk_box_append (GTK_BOX (box), chart);
  gtk_box_append (GTK_BOX (box), diagram);
  window = fl_test_show_widget (box, 1000, 1200);
  node = fl_test_snapshot_widget (box);
  gsk_render_node_unref (node);

  /* The timeline: a worker's lane, named, mid-run. */
  fl_time_axis_get_track (axis, &x0, &x1);
  lane = describe_down (timeline, (x0 + x1) / 2, &y);
  g_assert_nonnull (lane);
  check_tooltip (timeline, (x0 + x1) / 2, y, TRUE);
  check_tooltip (timeline, (x0 + x1) / 2, 1, fl_scene_widget_describe_at (FL_SCENE_WIDGET (timeline), (x0 + x1) / 2, 1) != NULL);
  /* Its cursor line over the lanes, and the moment under it for the
   * views that follow the pointer. */
  check_hover (timeline, (x0 + x1) / 2, y, TRUE);
  move_pointer (timeline, TRUE, (x0 + x1) / 2, y);
  g_object_get (timeline, "hover-time", &hover_time, NULL);
  g_assert_cmpint (hover_time, >, 0);
  move_pointer (timeline, FALSE, 0, 0);
  g_object_get (timeline, "hover-time", &hover_time, NULL);
  g_assert_cmpint (hover_time, ==, -1);

  /* The CPU chart: core 0 first, at a time on the shared axis. */
  core = describe_down (chart, (x0 + x1) / 2, &y);
  g_assert_nonnull (core);
  g_assert_true (g_str_has_prefix (core, "Core 0 at "));
  check_tooltip (chart, (x0 + x1) / 2, y, TRUE);
  g_assert_null (fl_scene_widget_describe_at (FL_SCENE_WIDGET (chart), (x0 + x1) / 2, -50));
  check_tooltip (chart, (x0 + x1) / 2, -50, FALSE);
  check_hover (chart, (x0 + x1) / 2, y, TRUE);

  /* The memory diagram: the main process's box. */
  space = describe_down (diagram, gtk_widget_get_width (diagram) / 4.0, &y);
  g_assert_nonnull (space);
  check_tooltip (diagram, gtk_widget_get_width (diagram) / 4.0, y, TRUE);
  /* Its painter brings nothing up under the pointer. */
  check_hover (diagram, gtk_widget_get_width (diagram) / 4.0, y, FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
  fl_test_wait_ms (20);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/scene-widgets/axis", test_axis);
  g_test_add_func ("/ui/scene-widgets/timeline/properties", test_timeline_properties);
  g_test_add_func ("/ui/scene-widgets/cpu-chart/properties", test_cpu_chart_properties);
  g_test_add_func ("/ui/scene-widgets/memory-diagram/properties", test_memory_diagram_properties);
  g_test_add_func ("/ui/scene-widgets/laid-out-at-allocate", test_laid_out_at_allocate);
  g_test_add_func ("/ui/scene-widgets/shown", test_shown);
  g_test_add_func ("/ui/scene-widgets/describe-saved-run", test_describe_saved_run);

  status = g_test_run ();
  fl_test_util_cleanup ();
  return status;
}
