/* fl-timeline.c — the widget: properties, range, drawing
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fl-timeline-private.h"

enum {
  PROP_0,
  PROP_FOLLOW,
  PROP_VISIBLE_START,
  PROP_VISIBLE_END,
  PROP_SHOW_LEGEND,
  PROP_HOVER_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FlTimeline, fl_timeline, FL_TYPE_SCENE_WIDGET)

static gboolean
get_live (FlTimeline *self)
{
  return fl_scene_widget_get_live (FL_SCENE_WIDGET (self));
}

/* Layout work happens in size_allocate: anything the layout depends on
 * (range, scroll, model, legend) asks for a new allocation, which then
 * draws again. */
static void
relayout_later (FlTimeline *self)
{
  fl_scene_widget_invalidate (FL_SCENE_WIDGET (self), FALSE);
}

/* The range, notified once for both ends. */
static void
store_range (FlTimeline *self,
             gint64      start,
             gint64      end)
{
  gboolean start_changed = start != self->start, end_changed = end != self->end;

  if (!start_changed && !end_changed)
    return;
  /* Both ends first, then the notifications, start first: a binding
   * that copies them one by one sees a whole range each time. */
  self->start = start;
  self->end = end;
  if (start_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_START]);
  if (end_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_END]);
  /* The views on the same axis follow. */
  fl_time_axis_set_range (fl_scene_widget_get_axis (FL_SCENE_WIDGET (self)), start, end);
  relayout_later (self);
}

static gint64
get_until (FlTimeline *self)
{
  return self->model ? MAX (fl_timeline_model_get_until (self->model), 0) : 0;
}

/* Fit and follow move the range by themselves as the run grows. */
static void
update_range (FlTimeline *self)
{
  gint64 until = get_until (self);

  if (self->model == NULL)
    return;
  if (self->fitted)
    {
      gint64 end = MAX (until + until / 100, FL_TIMELINE_MIN_DURATION * 10);
      store_range (self, 0, end);
    }
  else if (self->follow && get_live (self))
    {
      gint64 duration = self->end - self->start;
      gint64 end;

      if (self->follow_auto)
        {
          duration = MAX (until + until / 32, 1000000);
          if (duration <= FL_TIMELINE_FOLLOW_WINDOW)
            {
              store_range (self, 0, duration);
              return;
            }
          duration = FL_TIMELINE_FOLLOW_WINDOW;
        }
      end = until + duration / 32;
      store_range (self, end - duration, end);
    }
}

void
fl_timeline_set_range (FlTimeline *self,
                       gint64      start,
                       gint64      end)
{
  gint64 until = get_until (self), duration, lo, hi;

  duration = CLAMP (end - start, FL_TIMELINE_MIN_DURATION, G_MAXINT64 / 4);
  /* Leave a little room on both sides of the run, not a page of nothing. */
  lo = -duration / 20;
  hi = MAX (until, duration) + duration / 20;
  start = CLAMP (start, lo, MAX (lo, hi - duration));
  self->fitted = FALSE;
  store_range (self, start, start + duration);
}

double
fl_timeline_ns_per_px (FlTimeline *self)
{
  double x0, x1;

  fl_timeline_get_track (self, &x0, &x1);
  return (double) (self->end - self->start) / MAX (x1 - x0, 1);
}

void
fl_timeline_get_track (FlTimeline *self,
                       double     *x0,
                       double     *x1)
{
  FlTimelinePainter *painter = fl_timeline_get_painter (self);

  if (painter)
    fl_timeline_painter_get_track (painter, x0, x1);
  else
    {
      *x0 = 150;
      *x1 = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - 16, 151);
    }
}

void
fl_timeline_scroll_lanes (FlTimeline *self,
                          double      dy)
{
  FlTimelinePainter *painter = fl_timeline_get_painter (self);
  double max = 0;

  if (painter)
    max = MAX (0, fl_timeline_painter_get_content_height (painter) -
                  fl_timeline_painter_get_lanes_height (painter));
  dy = CLAMP (self->scroll_y + dy, 0, max);
  if (dy == self->scroll_y)
    return;
  self->scroll_y = dy;
  relayout_later (self);
}

static gboolean
fl_timeline_tick (FlSceneWidget *widget,
                  GdkFrameClock *clock)
{
  FlTimeline *self = FL_TIMELINE (widget);

  if (self->model)
    {
      gint64 now = g_get_monotonic_time () * 1000 - fl_store_get_t0 (fl_scene_widget_get_store (widget));

      fl_timeline_model_set_now (self->model, now);
      fl_timeline_model_sync (self->model);
      update_range (self);
      /* New lanes (workers starting) change the height the lanes need. */
      if (fl_timeline_model_get_n_lanes (self->model) != self->n_lanes_measured)
        gtk_widget_queue_resize (GTK_WIDGET (self));
      /* Lanes still going grow with the clock: every frame is new. */
      relayout_later (self);
    }
  return G_SOURCE_CONTINUE;
}

/* ---- layout -------------------------------------------------------------- */

/* The layout of this allocation: the painter, and the axis's track. */
static gpointer
fl_timeline_layout (FlSceneWidget *widget,
                    int            width,
                    int            height)
{
  FlTimeline *self = FL_TIMELINE (widget);
  FlTimelineView view = { 0 };
  FlTimelinePainter *painter;
  double x0, x1;

  if (self->model == NULL)
    return NULL;

  view.width = width;
  view.height = height;
  view.start = self->start;
  view.end = MAX (self->end, self->start + 1);
  view.scroll_y = self->scroll_y;
  view.scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  view.theme = fl_scene_widget_get_theme (widget);
  view.background = TRUE;
  view.legend = self->show_legend;
  view.font_size = 12 * fl_scene_widget_get_text_scale (widget);
  view.fill = TRUE;
  painter = fl_timeline_painter_new (self->model, &view);
  self->scroll_y = MIN (self->scroll_y, MAX (0, fl_timeline_painter_get_content_height (painter) -
                                                fl_timeline_painter_get_lanes_height (painter)));
  /* Views under the timeline line up with its track. */
  fl_timeline_painter_get_track (painter, &x0, &x1);
  fl_time_axis_set_track (fl_scene_widget_get_axis (widget), x0, x1);
  return painter;
}

/* A text alternative for screen readers: who ran, waited, crashed. */
static char *
fl_timeline_describe (FlSceneWidget *widget)
{
  FlTimeline *self = FL_TIMELINE (widget);

  return self->model ? fl_timeline_model_describe (self->model) : NULL;
}

static void
fl_timeline_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  FlTimeline *self = FL_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 960;
      return;
    }
  *minimum = 120;
  *natural = 240;
  if (self->model)
    {
      FlTimelineView view = { 0 };

      view.width = for_size > 0 ? for_size : 960;
      view.start = self->start;
      view.end = MAX (self->end, self->start + 1);
      view.theme = fl_scene_widget_get_theme (FL_SCENE_WIDGET (self));
      view.legend = self->show_legend;
      view.font_size = 12 * fl_scene_widget_get_text_scale (FL_SCENE_WIDGET (self));
      *natural = MAX (*minimum, (int) fl_timeline_painter_measure_height (self->model, &view));
      self->n_lanes_measured = fl_timeline_model_get_n_lanes (self->model);
    }
}

/* A new store, a new model; the range fits the whole run. */
static void
fl_timeline_store_changed (FlSceneWidget *widget)
{
  FlTimeline *self = FL_TIMELINE (widget);
  FlStore *store = fl_scene_widget_get_store (widget);

  g_clear_object (&self->model);
  if (store)
    {
      self->model = fl_timeline_model_new (store);
      if (get_live (self))
        fl_timeline_model_set_now (self->model, g_get_monotonic_time () * 1000 - fl_store_get_t0 (store));
    }
  self->scroll_y = 0;
  self->fitted = TRUE;
  update_range (self);
  relayout_later (self);
}

static void
fl_timeline_live_changed (FlSceneWidget *widget)
{
  FlTimeline *self = FL_TIMELINE (widget);

  if (self->model)
    {
      /* The last look: everything the run recorded, up to its end. */
      fl_timeline_model_sync (self->model);
      update_range (self);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  relayout_later (self);
}

/* A new axis: the timeline lays it out, its range and track go on it.
 * Another view moved it: the timeline shows its range too. */
static void
fl_timeline_axis_changed (FlSceneWidget *widget,
                          gboolean       replaced)
{
  FlTimeline *self = FL_TIMELINE (widget);
  FlTimeAxis *axis = fl_scene_widget_get_axis (widget);
  FlTimelinePainter *painter = fl_timeline_get_painter (self);
  double x0 = 0, x1 = 0;
  gint64 start, end;

  if (replaced)
    {
      fl_time_axis_set_range (axis, self->start, self->end);
      if (painter)
        fl_timeline_painter_get_track (painter, &x0, &x1);
      fl_time_axis_set_track (axis, x0, x1);
      return;
    }
  fl_time_axis_get_range (axis, &start, &end);
  if (start == self->start && end == self->end)
    return;
  self->fitted = FALSE;
  store_range (self, start, end);
}

/* The moment under the pointer, for the views that follow it. */
static void
fl_timeline_hover_changed (FlSceneWidget *widget,
                           gboolean       inside,
                           double         x,
                           double         y)
{
  FlTimeline *self = FL_TIMELINE (widget);
  FlTimelinePainter *painter = fl_timeline_get_painter (self);
  double x0, x1;

  if (!inside)
    fl_timeline_set_hover_time (self, -1);
  else if (painter != NULL)
    {
      fl_timeline_painter_get_track (painter, &x0, &x1);
      fl_timeline_set_hover_time (self, x >= x0 && x <= x1
                                          ? MAX ((gint64) fl_timeline_painter_x_to_time (painter, x), 0)
                                          : -1);
    }
}

/* ---- GObject ------------------------------------------------------------- */

static void
fl_timeline_dispose (GObject *object)
{
  FlTimeline *self = FL_TIMELINE (object);

  g_clear_object (&self->model);

  G_OBJECT_CLASS (fl_timeline_parent_class)->dispose (object);
}

static void
fl_timeline_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FlTimeline *self = FL_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_FOLLOW:
      g_value_set_boolean (value, self->follow);
      break;
    case PROP_VISIBLE_START:
      g_value_set_int64 (value, self->start);
      break;
    case PROP_VISIBLE_END:
      g_value_set_int64 (value, self->end);
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, self->show_legend);
      break;
    case PROP_HOVER_TIME:
      g_value_set_int64 (value, self->hover_t);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_timeline_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FlTimeline *self = FL_TIMELINE (object);
  gint64 v;

  switch (prop_id)
    {
    case PROP_FOLLOW:
      fl_timeline_set_follow (self, g_value_get_boolean (value));
      break;
    case PROP_VISIBLE_START:
      /* One end at a time (a binding): the ends may cross for a moment,
       * until the other one comes; drawing copes with that. */
      v = g_value_get_int64 (value);
      self->fitted = FALSE;
      store_range (self, v, self->end);
      break;
    case PROP_VISIBLE_END:
      v = g_value_get_int64 (value);
      self->fitted = FALSE;
      store_range (self, self->start, v);
      break;
    case PROP_SHOW_LEGEND:
      fl_timeline_set_show_legend (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_timeline_class_init (FlTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FlSceneWidgetClass *scene_class = FL_SCENE_WIDGET_CLASS (klass);

  object_class->dispose = fl_timeline_dispose;
  object_class->get_property = fl_timeline_get_property;
  object_class->set_property = fl_timeline_set_property;

  widget_class->measure = fl_timeline_measure;

  scene_class->store_changed = fl_timeline_store_changed;
  scene_class->live_changed = fl_timeline_live_changed;
  scene_class->tick = fl_timeline_tick;
  scene_class->layout = fl_timeline_layout;
  scene_class->axis_changed = fl_timeline_axis_changed;
  scene_class->hover_changed = fl_timeline_hover_changed;
  scene_class->describe = fl_timeline_describe;
  scene_class->pending_description = _("The lanes are described when the run has ended.");
  scene_class->painter_funcs = &fl_timeline_painter_funcs;

  properties[PROP_FOLLOW] =
    g_param_spec_boolean ("follow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE_START] =
    g_param_spec_int64 ("visible-start", NULL, NULL, G_MININT64 / 4, G_MAXINT64 / 4, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE_END] =
    g_param_spec_int64 ("visible-end", NULL, NULL, G_MININT64 / 4, G_MAXINT64 / 4, 1000000,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlTimeline:hover-time:
   *
   * The run's time under the pointer on the time axis, ns; -1 when the
   * pointer is elsewhere.  Other views show that moment.
   */
  properties[PROP_HOVER_TIME] =
    g_param_spec_int64 ("hover-time", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "fltimeline");
  fl_timeline_install_input (klass);
}

static void
fl_timeline_init (FlTimeline *self)
{
  self->hover_t = -1;
  self->start = 0;
  self->end = 1000000;
  self->fitted = TRUE;
  /* The timeline lays its axis out: its range goes on it. */
  fl_time_axis_set_range (fl_scene_widget_get_axis (FL_SCENE_WIDGET (self)), self->start, self->end);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Timeline of the run"), -1);
  fl_timeline_init_input (self);
}

/* ---- public API ---------------------------------------------------------- */

GtkWidget *
fl_timeline_new (void)
{
  return g_object_new (FL_TYPE_TIMELINE, NULL);
}

FlTimelineModel *
fl_timeline_get_model (FlTimeline *self)
{
  g_return_val_if_fail (FL_IS_TIMELINE (self), NULL);
  return self->model;
}

void
fl_timeline_set_follow (FlTimeline *self,
                        gboolean    follow)
{
  g_return_if_fail (FL_IS_TIMELINE (self));

  follow = !!follow;
  if (follow == self->follow)
    return;
  self->follow = follow;
  if (follow)
    {
      /* Follow the edge at the zoom we are at; from "fit", at no zoom in
       * particular: the whole run while it is short, then its last seconds. */
      gint64 duration = self->end - self->start;

      self->follow_auto = self->fitted;
      self->fitted = FALSE;
      if (!self->follow_auto)
        fl_timeline_set_range (self, get_until (self) - duration + duration / 32,
                               get_until (self) + duration / 32);
      update_range (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW]);
}

gboolean
fl_timeline_get_follow (FlTimeline *self)
{
  g_return_val_if_fail (FL_IS_TIMELINE (self), FALSE);
  return self->follow;
}

void
fl_timeline_zoom_to_fit (FlTimeline *self)
{
  g_return_if_fail (FL_IS_TIMELINE (self));

  self->fitted = TRUE;
  fl_timeline_set_follow (self, FALSE);
  self->scroll_y = 0;
  update_range (self);
  relayout_later (self);
}

void
fl_timeline_zoom (FlTimeline *self,
                  double      factor,
                  double      anchor_x)
{
  double x0, x1, ns_per_px, anchor_t, duration;

  g_return_if_fail (FL_IS_TIMELINE (self));
  g_return_if_fail (factor > 0);

  fl_timeline_get_track (self, &x0, &x1);
  self->follow_auto = FALSE;
  if (anchor_x < 0 || self->follow)
    anchor_x = self->follow ? x1 : (x0 + x1) / 2;
  anchor_x = CLAMP (anchor_x, x0, x1);
  ns_per_px = (double) (self->end - self->start) / MAX (x1 - x0, 1);
  anchor_t = self->start + (anchor_x - x0) * ns_per_px;
  duration = CLAMP ((self->end - self->start) * factor, FL_TIMELINE_MIN_DURATION, 1e15);
  fl_timeline_set_range (self, (gint64) (anchor_t - (anchor_x - x0) / MAX (x1 - x0, 1) * duration),
                         (gint64) (anchor_t + (x1 - anchor_x) / MAX (x1 - x0, 1) * duration));
  update_range (self);
}

void
fl_timeline_set_visible_range (FlTimeline *self,
                               gint64      start,
                               gint64      end)
{
  g_return_if_fail (FL_IS_TIMELINE (self));

  if (start == self->start && end == self->end)
    return;
  if (end <= start)
    end = start + FL_TIMELINE_MIN_DURATION;
  /* Set from outside (a shared axis): exactly what was asked. */
  self->fitted = FALSE;
  store_range (self, start, end);
}

void
fl_timeline_get_visible_range (FlTimeline *self,
                               gint64     *start,
                               gint64     *end)
{
  g_return_if_fail (FL_IS_TIMELINE (self));

  if (start)
    *start = self->start;
  if (end)
    *end = self->end;
}

void
fl_timeline_set_show_legend (FlTimeline *self,
                             gboolean    show)
{
  g_return_if_fail (FL_IS_TIMELINE (self));

  show = !!show;
  if (show == self->show_legend)
    return;
  self->show_legend = show;
  fl_scene_widget_invalidate (FL_SCENE_WIDGET (self), TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
}

void
fl_timeline_set_hover_time (FlTimeline *self,
                            gint64      t)
{
  if (t == self->hover_t)
    return;
  self->hover_t = t;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER_TIME]);
}

gboolean
fl_timeline_get_show_legend (FlTimeline *self)
{
  g_return_val_if_fail (FL_IS_TIMELINE (self), FALSE);
  return self->show_legend;
}

double
fl_timeline_get_scroll_y (FlTimeline *self)
{
  g_return_val_if_fail (FL_IS_TIMELINE (self), 0);
  return self->scroll_y;
}
