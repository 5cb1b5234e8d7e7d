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
 * share (FlSceneWidget: live, text-scale, theme) is checked on each; the
 * tooltips are checked on a saved run loaded back.
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

static void
check_scene_widget (gpointer object)
{
  g_assert_true (FL_IS_SCENE_WIDGET (object));
  check_boolean_property (object, "live");
  check_text_scale (object);
  check_theme (object);
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
  g_assert_true (fl_timeline_get_store (FL_TIMELINE (timeline)) == store);
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
  FlTimeAxis *back = NULL;

  check_scene_widget (chart);
  g_object_get (chart, "axis", &back, NULL);
  g_assert_null (back);
  check_object_property (chart, "store", store);
  g_assert_true (fl_scene_widget_get_store (FL_SCENE_WIDGET (chart)) == store);
  check_object_property (chart, "axis", axis);
  g_assert_true (fl_cpu_chart_get_axis (FL_CPU_CHART (chart)) == axis);
  check_object_property (chart, "axis", NULL);
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
  fl_timeline_set_axis (FL_TIMELINE (timeline), axis);
  fl_cpu_chart_set_axis (FL_CPU_CHART (chart), axis);
  fl_timeline_set_store (FL_TIMELINE (timeline), store);
  fl_cpu_chart_set_store (FL_CPU_CHART (chart), store);
  fl_memory_diagram_set_store (FL_MEMORY_DIAGRAM (diagram), store);
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

  g_assert_true (fl_run_save (live, path, &error));
  g_assert_no_error (error);
  run = fl_run_load (path, &error);
  g_assert_no_error (error);

  fl_timeline_set_axis (FL_TIMELINE (timeline), axis);
  fl_cpu_chart_set_axis (FL_CPU_CHART (chart), axis);
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

  /* The CPU chart: core 0 first, at a time on the shared axis. */
  core = describe_down (chart, (x0 + x1) / 2, &y);
  g_assert_nonnull (core);
  g_assert_true (g_str_has_prefix (core, "Core 0 at "));
  check_tooltip (chart, (x0 + x1) / 2, y, TRUE);
  g_assert_null (fl_scene_widget_describe_at (FL_SCENE_WIDGET (chart), (x0 + x1) / 2, -50));
  check_tooltip (chart, (x0 + x1) / 2, -50, FALSE);

  /* The memory diagram: the main process's box. */
  space = describe_down (diagram, gtk_widget_get_width (diagram) / 4.0, &y);
  g_assert_nonnull (space);
  check_tooltip (diagram, gtk_widget_get_width (diagram) / 4.0, y, TRUE);

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
  g_test_add_func ("/ui/scene-widgets/shown", test_shown);
  g_test_add_func ("/ui/scene-widgets/describe-saved-run", test_describe_saved_run);

  status = g_test_run ();
  fl_test_util_cleanup ();
  return status;
}
