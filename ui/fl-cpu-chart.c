/* fl-cpu-chart.c — the widget: store, shared time axis, drawing, hover
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-cpu-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fl-cpu-chart.h"
#include "fl-cpu-painter.h"

struct _FlCpuChart
{
  FlSceneWidget    parent_instance;

  guint            n_lanes;      /* what the size was measured for */
  guint            n_cores;

  gint64           start;        /* the range of the last layout */
  gint64           end;
};

G_DEFINE_FINAL_TYPE (FlCpuChart, fl_cpu_chart, FL_TYPE_SCENE_WIDGET)

/* The chart follows its store's run by itself, not a "live" property. */
static gboolean
fl_cpu_chart_is_live (FlSceneWidget *widget)
{
  FlStore *store = fl_scene_widget_get_store (widget);
  gboolean running;

  if (store == NULL)
    return FALSE;
  fl_store_lock (store);
  running = fl_store_get_end (store) < 0;
  fl_store_unlock (store);
  return running;
}

/* More lanes or cores take more height. */
static void
check_size (FlCpuChart *self)
{
  FlStore *store = fl_scene_widget_get_store (FL_SCENE_WIDGET (self));
  guint n_lanes = 0, n_cores = 0;

  if (store)
    {
      fl_store_lock (store);
      n_lanes = fl_store_get_n_lanes (store);
      n_cores = fl_store_get_n_cores (store);
      fl_store_unlock (store);
    }
  if (n_lanes != self->n_lanes || n_cores != self->n_cores)
    {
      self->n_lanes = n_lanes;
      self->n_cores = n_cores;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

/* A text alternative for screen readers: how busy the cores were. */
static char *
fl_cpu_chart_describe (FlSceneWidget *widget)
{
  return fl_cpu_painter_describe (fl_scene_widget_get_store (widget));
}

static gboolean
fl_cpu_chart_tick (FlSceneWidget *widget,
                   GdkFrameClock *clock)
{
  FlCpuChart *self = FL_CPU_CHART (widget);
  gboolean running = fl_cpu_chart_is_live (widget);

  check_size (self);
  /* New samples every frame while the run goes on; one last look after. */
  fl_scene_widget_invalidate (widget, FALSE);
  if (running)
    return G_SOURCE_CONTINUE;
  fl_scene_widget_update_description (widget);
  return G_SOURCE_REMOVE;
}

static void
fl_cpu_chart_store_changed (FlSceneWidget *widget)
{
  check_size (FL_CPU_CHART (widget));
}

/* ---- the time axis ------------------------------------------------------- */

/* The range and track to draw @width wide: the axis's, once a view
 * has laid it out (its track is in the coordinates of the column the
 * views stand in, which begins where we begin), or the whole run on our
 * own track (0, 0). */
static void
get_axis (FlCpuChart *self,
          int         width,
          gint64     *start,
          gint64     *end,
          double     *x0,
          double     *x1)
{
  FlStore *store = fl_scene_widget_get_store (FL_SCENE_WIDGET (self));
  FlTimeAxis *axis = fl_scene_widget_get_axis (FL_SCENE_WIDGET (self));

  *x0 = *x1 = 0;
  if (fl_time_axis_has_track (axis))
    {
      fl_time_axis_get_range (axis, start, end);
      fl_time_axis_get_track (axis, x0, x1);
      if (*x0 >= 0 && *x1 <= width)
        return;
      *x0 = *x1 = 0;
      return;
    }

  *start = 0;
  *end = 1000000;
  if (store)
    {
      gint64 until;

      fl_store_lock (store);
      until = fl_store_get_end (store);
      if (until < 0)
        until = fl_store_get_last_t (store);
      fl_store_unlock (store);
      *end = MAX (until + until / 100, 1000000);
    }
}

/* ---- layout -------------------------------------------------------------- */

static void
fill_view (FlCpuChart *self,
           FlCpuView  *view,
           int         width,
           int         height)
{
  double x0, x1;

  memset (view, 0, sizeof *view);
  view->width = width;
  view->height = height;
  get_axis (self, width, &view->start, &view->end, &x0, &x1);
  view->end = MAX (view->end, view->start + 1);
  view->track_x0 = (float) x0;
  view->track_x1 = (float) x1;
  view->scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  view->theme = fl_scene_widget_get_theme (FL_SCENE_WIDGET (self));
  view->background = TRUE;
  view->font_size = 12 * fl_scene_widget_get_text_scale (FL_SCENE_WIDGET (self));
}

/* The cores and workers over the axis's range, read from the store once. */
static gpointer
fl_cpu_chart_layout (FlSceneWidget *widget,
                     int            width,
                     int            height)
{
  FlCpuChart *self = FL_CPU_CHART (widget);
  FlCpuView view;

  fill_view (self, &view, width, height);
  self->start = view.start;
  self->end = view.end;
  return fl_cpu_painter_new (fl_scene_widget_get_store (widget), &view);
}

static void
fl_cpu_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  FlSceneWidget *self = FL_SCENE_WIDGET (widget);
  FlStore *store = fl_scene_widget_get_store (self);
  FlCpuView view = { 0 };

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 960;
      return;
    }
  *minimum = *natural = 0;
  if (store == NULL)
    return;
  view.width = for_size > 0 ? for_size : 960;
  view.end = 1000000;
  view.theme = fl_scene_widget_get_theme (self);
  view.font_size = 12 * fl_scene_widget_get_text_scale (self);
  *minimum = *natural = (int) fl_cpu_painter_measure_height (store, &view);
}

/* Its height depends on its width (the CPU-share chips wrap): asked with
 * the real width, it is as tall as it draws, no taller. */
static GtkSizeRequestMode
fl_cpu_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
fl_cpu_chart_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (fl_cpu_chart_parent_class)->map (widget);
  fl_scene_widget_update_description (FL_SCENE_WIDGET (widget));
}

/* ---- GObject ------------------------------------------------------------- */

static void
fl_cpu_chart_class_init (FlCpuChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FlSceneWidgetClass *scene_class = FL_SCENE_WIDGET_CLASS (klass);

  widget_class->measure = fl_cpu_chart_measure;
  widget_class->get_request_mode = fl_cpu_chart_get_request_mode;
  widget_class->map = fl_cpu_chart_map;

  scene_class->store_changed = fl_cpu_chart_store_changed;
  scene_class->is_live = fl_cpu_chart_is_live;
  scene_class->tick = fl_cpu_chart_tick;
  scene_class->layout = fl_cpu_chart_layout;
  scene_class->describe = fl_cpu_chart_describe;
  scene_class->pending_description = _("The cores are described when the run has ended.");
  scene_class->painter_funcs = &fl_cpu_painter_funcs;

  gtk_widget_class_set_css_name (widget_class, "flcpuchart");
}

static void
fl_cpu_chart_init (FlCpuChart *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("CPU use of the run, per core and per worker"), -1);
}

/* ---- public API ---------------------------------------------------------- */

GtkWidget *
fl_cpu_chart_new (void)
{
  return g_object_new (FL_TYPE_CPU_CHART, NULL);
}

void
fl_cpu_chart_get_view (FlCpuChart *self,
                       gint64     *start,
                       gint64     *end,
                       double     *track_x0,
                       double     *track_x1)
{
  FlCpuPainter *painter;
  gint64 s = 0, e = 0;
  double x0 = 0, x1 = 0;

  g_return_if_fail (FL_IS_CPU_CHART (self));

  painter = fl_scene_widget_get_painter (FL_SCENE_WIDGET (self));
  if (painter)
    {
      s = self->start;
      e = self->end;
      fl_cpu_painter_get_track (painter, &x0, &x1);
    }
  if (start)
    *start = s;
  if (end)
    *end = e;
  if (track_x0)
    *track_x0 = x0;
  if (track_x1)
    *track_x1 = x1;
}
