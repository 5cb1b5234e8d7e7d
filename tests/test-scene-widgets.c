/* test-scene-widgets.c — the three drawn views as GObjects
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In libadwaita's style: every property of FlTimeline, FlCpuChart and
 * FlMemoryDiagram is set and read back, each change is notified once and
 * a set to the same value not at all, and each widget is finalized when
 * its last reference goes (g_assert_finalize_object), also after it was
 * shown with a finished run and given the window's time axis.
 */

#include "config.h"

#include <gtk/gtk.h>

#include "fl-cpu-chart.h"
#include "fl-memory-view.h"
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
  check_boolean_property (timeline, "live");
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

  g_object_get (chart, "axis", &back, NULL);
  g_assert_null (back);
  check_object_property (chart, "store", store);
  g_assert_true (fl_cpu_chart_get_store (FL_CPU_CHART (chart)) == store);
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

  check_object_property (diagram, "store", store);
  g_assert_true (fl_memory_diagram_get_store (FL_MEMORY_DIAGRAM (diagram)) == store);
  check_boolean_property (diagram, "live");
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

  status = g_test_run ();
  fl_test_util_cleanup ();
  return status;
}
