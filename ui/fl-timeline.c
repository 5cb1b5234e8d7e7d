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
  PROP_STORE,
  PROP_LIVE,
  PROP_FOLLOW,
  PROP_VISIBLE_START,
  PROP_VISIBLE_END,
  PROP_SHOW_LEGEND,
  PROP_HOVER_TIME,
  PROP_AXIS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FlTimeline, fl_timeline, GTK_TYPE_WIDGET)

/* Layout work happens in size_allocate: anything the layout depends on
 * (range, scroll, model, theme, size) asks for a new allocation, which
 * then draws again. */
static void
relayout_later (FlTimeline *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
invalidate (FlTimeline *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  relayout_later (self);
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
  fl_time_axis_set_range (self->axis, start, end);
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
  else if (self->follow && self->live)
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
  if (self->painter)
    fl_timeline_painter_get_track (self->painter, x0, x1);
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
  double max = 0;

  if (self->painter)
    max = MAX (0, fl_timeline_painter_get_content_height (self->painter) -
                  fl_timeline_painter_get_lanes_height (self->painter));
  dy = CLAMP (self->scroll_y + dy, 0, max);
  if (dy == self->scroll_y)
    return;
  self->scroll_y = dy;
  relayout_later (self);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  FlTimeline *self = FL_TIMELINE (widget);

  if (self->model)
    {
      gint64 now = g_get_monotonic_time () * 1000 - fl_store_get_t0 (self->store);

      fl_timeline_model_set_now (self->model, now);
      fl_timeline_model_sync (self->model);
      update_range (self);
      /* New lanes (workers starting) change the height the lanes need. */
      if (fl_timeline_model_get_n_lanes (self->model) != self->n_lanes_measured)
        gtk_widget_queue_resize (widget);
      /* Lanes still going grow with the clock: every frame is new. */
      relayout_later (self);
    }
  return G_SOURCE_CONTINUE;
}

static void
update_ticking (FlTimeline *self)
{
  gboolean want = self->live && self->store && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (want && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  else if (!want && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

/* ---- drawing ------------------------------------------------------------- */

FlTheme *
fl_timeline_get_theme (FlTimeline *self)
{
  if (self->theme)
    return self->theme;
  return fl_theme_cache_get (&self->style, GTK_WIDGET (self));
}

/* The layout of this allocation: the painter, and the axis's track. */
static void
fl_timeline_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  FlTimeline *self = FL_TIMELINE (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  FlTheme *theme = fl_timeline_get_theme (self);
  FlTimelineView view = { 0 };
  double x0, x1;

  gtk_widget_queue_draw (widget);
  if (self->model == NULL || width <= 0 || height <= 0)
    return;

  view.width = width;
  view.height = height;
  view.start = self->start;
  view.end = MAX (self->end, self->start + 1);
  view.scroll_y = self->scroll_y;
  view.scale = scale;
  view.theme = theme;
  view.background = TRUE;
  view.legend = self->show_legend;
  view.font_size = 12 * self->text_scale;
  view.fill = TRUE;
  g_clear_pointer (&self->painter, fl_timeline_painter_free);
  self->painter = fl_timeline_painter_new (self->model, &view);
  self->scroll_y = MIN (self->scroll_y, MAX (0, fl_timeline_painter_get_content_height (self->painter) -
                                                fl_timeline_painter_get_lanes_height (self->painter)));
  /* Views under the timeline line up with its track. */
  fl_timeline_painter_get_track (self->painter, &x0, &x1);
  fl_time_axis_set_track (self->axis, x0, x1);
}

static void
fl_timeline_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  FlTimeline *self = FL_TIMELINE (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  FlTheme *theme = fl_timeline_get_theme (self);
  guint64 generation;

  if (self->model == NULL || self->painter == NULL || width <= 0 || height <= 0)
    return;

  generation = fl_timeline_model_get_generation (self->model);
  if (self->cache == NULL ||
      self->cache_key.start != self->start || self->cache_key.end != self->end ||
      self->cache_key.until != get_until (self) || self->cache_key.width != width ||
      self->cache_key.height != height || self->cache_key.scale != scale ||
      self->cache_key.scroll_y != self->scroll_y || self->cache_key.generation != generation ||
      self->cache_key.theme != theme || self->cache_key.legend != self->show_legend)
    {
      g_autoptr(FlScene) scene = fl_scene_new (width, height);

      fl_timeline_painter_paint (self->painter, scene);
      g_clear_pointer (&self->cache, gsk_render_node_unref);
      self->cache = fl_scene_renderer_to_node (self->renderer, scene);
      self->cache_key.start = self->start;
      self->cache_key.end = self->end;
      self->cache_key.until = get_until (self);
      self->cache_key.width = width;
      self->cache_key.height = height;
      self->cache_key.scale = scale;
      self->cache_key.scroll_y = self->scroll_y;
      self->cache_key.generation = generation;
      self->cache_key.theme = theme;
      self->cache_key.legend = self->show_legend;
    }
  if (self->cache)
    gtk_snapshot_append_node (snapshot, self->cache);

  if (self->hovering)
    {
      g_autoptr(FlScene) hover = fl_scene_new (width, height);

      fl_timeline_painter_paint_hover (self->painter, hover, self->hover_x, self->hover_y);
      fl_scene_renderer_render (self->renderer, hover, snapshot);
    }
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
      view.theme = fl_timeline_get_theme (self);
      view.legend = self->show_legend;
      view.font_size = 12 * self->text_scale;
      *natural = MAX (*minimum, (int) fl_timeline_painter_measure_height (self->model, &view));
      self->n_lanes_measured = fl_timeline_model_get_n_lanes (self->model);
    }
}

static void
fl_timeline_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (fl_timeline_parent_class)->map (widget);
  update_ticking (FL_TIMELINE (widget));
}

static void
fl_timeline_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (fl_timeline_parent_class)->unmap (widget);
  update_ticking (FL_TIMELINE (widget));
}

/* The colours come from the style: a new style, a new layout. */
static void
fl_timeline_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (fl_timeline_parent_class)->css_changed (widget, change);
  relayout_later (FL_TIMELINE (widget));
}

static void
on_scale_factor (FlTimeline *self)
{
  fl_scene_renderer_reset (self->renderer);
  invalidate (self);
}

/* ---- GObject ------------------------------------------------------------- */

static void
fl_timeline_dispose (GObject *object)
{
  FlTimeline *self = FL_TIMELINE (object);

  if (self->tick_id)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  g_clear_pointer (&self->painter, fl_timeline_painter_free);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_signal_handler (&self->axis_changed_id, self->axis);
  g_clear_object (&self->axis);
  g_clear_pointer (&self->theme, fl_theme_unref);
  fl_theme_cache_clear (&self->style);

  G_OBJECT_CLASS (fl_timeline_parent_class)->dispose (object);
}

static void
fl_timeline_finalize (GObject *object)
{
  FlTimeline *self = FL_TIMELINE (object);

  g_clear_pointer (&self->renderer, fl_scene_renderer_free);

  G_OBJECT_CLASS (fl_timeline_parent_class)->finalize (object);
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
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LIVE:
      g_value_set_boolean (value, self->live);
      break;
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
    case PROP_AXIS:
      g_value_set_object (value, self->axis);
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
    case PROP_STORE:
      fl_timeline_set_store (self, g_value_get_object (value));
      break;
    case PROP_LIVE:
      fl_timeline_set_live (self, g_value_get_boolean (value));
      break;
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
    case PROP_AXIS:
      fl_timeline_set_axis (self, g_value_get_object (value));
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

  object_class->dispose = fl_timeline_dispose;
  object_class->finalize = fl_timeline_finalize;
  object_class->get_property = fl_timeline_get_property;
  object_class->set_property = fl_timeline_set_property;

  widget_class->snapshot = fl_timeline_snapshot;
  widget_class->size_allocate = fl_timeline_size_allocate;
  widget_class->css_changed = fl_timeline_css_changed;
  widget_class->measure = fl_timeline_measure;
  widget_class->map = fl_timeline_map;
  widget_class->unmap = fl_timeline_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, FL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIVE] =
    g_param_spec_boolean ("live", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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
  /**
   * FlTimeline:axis:
   *
   * The time axis the timeline lays out: its visible range and track, for
   * the views drawn under it (the window gives them one axis).  Setting
   * %NULL gives the timeline an axis of its own.
   */
  properties[PROP_AXIS] =
    g_param_spec_object ("axis", NULL, NULL, FL_TYPE_TIME_AXIS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "fltimeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  fl_timeline_install_input (klass);
}

static void
fl_timeline_init (FlTimeline *self)
{
  self->hover_t = -1;
  self->text_scale = 1.0;
  self->start = 0;
  self->end = 1000000;
  self->fitted = TRUE;
  fl_timeline_set_axis (self, NULL);
  self->renderer = fl_scene_renderer_new (GTK_WIDGET (self));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor), NULL);
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

/* A text alternative for screen readers: who ran, waited, crashed. */
static void
update_description (FlTimeline *self)
{
  g_autofree char *text = NULL;

  if (self->model != NULL && !self->live)
    text = fl_timeline_model_describe (self->model);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text ? text : _("The lanes are described when the run has ended."), -1);
}

void
fl_timeline_set_store (FlTimeline *self,
                       FlStore    *store)
{
  g_return_if_fail (FL_IS_TIMELINE (self));
  g_return_if_fail (store == NULL || FL_IS_STORE (store));

  if (store == self->store)
    return;
  g_clear_pointer (&self->painter, fl_timeline_painter_free);
  g_clear_object (&self->model);
  g_set_object (&self->store, store);
  if (store)
    {
      self->model = fl_timeline_model_new (store);
      if (self->live)
        fl_timeline_model_set_now (self->model, g_get_monotonic_time () * 1000 - fl_store_get_t0 (store));
    }
  self->scroll_y = 0;
  self->hovering = FALSE;
  self->fitted = TRUE;
  update_range (self);
  update_ticking (self);
  invalidate (self);
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

FlStore *
fl_timeline_get_store (FlTimeline *self)
{
  g_return_val_if_fail (FL_IS_TIMELINE (self), NULL);
  return self->store;
}

FlTimelineModel *
fl_timeline_get_model (FlTimeline *self)
{
  g_return_val_if_fail (FL_IS_TIMELINE (self), NULL);
  return self->model;
}

void
fl_timeline_set_live (FlTimeline *self,
                      gboolean    live)
{
  g_return_if_fail (FL_IS_TIMELINE (self));

  live = !!live;
  if (live == self->live)
    return;
  self->live = live;
  if (self->model)
    {
      /* The last look: everything the run recorded, up to its end. */
      fl_timeline_model_sync (self->model);
      update_range (self);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  update_ticking (self);
  invalidate (self);
  update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
}

gboolean
fl_timeline_get_live (FlTimeline *self)
{
  g_return_val_if_fail (FL_IS_TIMELINE (self), FALSE);
  return self->live;
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
  invalidate (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
}

/**
 * fl_timeline_set_text_scale:
 * @self: a timeline
 * @scale: 1 for the normal size; lane labels, ruler and rows grow with it
 */
void
fl_timeline_set_text_scale (FlTimeline *self,
                            double      scale)
{
  g_return_if_fail (FL_IS_TIMELINE (self));

  scale = CLAMP (scale, 0.5, 4.0);
  if (scale == self->text_scale)
    return;
  self->text_scale = scale;
  invalidate (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The moment under the pointer, for the views that follow it. */
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

void
fl_timeline_set_theme (FlTimeline *self,
                       FlTheme    *theme)
{
  g_return_if_fail (FL_IS_TIMELINE (self));

  if (theme == self->theme)
    return;
  g_clear_pointer (&self->theme, fl_theme_unref);
  self->theme = theme ? fl_theme_ref (theme) : NULL;
  invalidate (self);
}

double
fl_timeline_get_scroll_y (FlTimeline *self)
{
  g_return_val_if_fail (FL_IS_TIMELINE (self), 0);
  return self->scroll_y;
}

char *
fl_timeline_describe_at (FlTimeline *self,
                         double      x,
                         double      y)
{
  g_return_val_if_fail (FL_IS_TIMELINE (self), NULL);

  if (self->painter == NULL)
    return NULL;
  return fl_timeline_painter_describe_at (self->painter, x, y);
}

/* Another view moved the shared range: show it too. */
static void
on_axis_changed (FlTimeline *self)
{
  gint64 start, end;

  fl_time_axis_get_range (self->axis, &start, &end);
  if (start == self->start && end == self->end)
    return;
  self->fitted = FALSE;
  store_range (self, start, end);
}

/**
 * fl_timeline_set_axis:
 * @self: a timeline
 * @axis: (nullable): the window's time axis, or %NULL for one of its own
 *
 * The timeline publishes its visible range and its track on @axis.
 */
void
fl_timeline_set_axis (FlTimeline *self,
                      FlTimeAxis *axis)
{
  g_autoptr(FlTimeAxis) own = NULL;
  double x0 = 0, x1 = 0;

  g_return_if_fail (FL_IS_TIMELINE (self));
  g_return_if_fail (axis == NULL || FL_IS_TIME_AXIS (axis));

  if (axis != NULL && axis == self->axis)
    return;
  if (axis == NULL)
    axis = own = fl_time_axis_new ();
  if (self->axis)
    g_clear_signal_handler (&self->axis_changed_id, self->axis);
  g_set_object (&self->axis, axis);
  /* The timeline lays the axis out: its range and track go on it. */
  fl_time_axis_set_range (axis, self->start, self->end);
  if (self->painter)
    fl_timeline_painter_get_track (self->painter, &x0, &x1);
  fl_time_axis_set_track (axis, x0, x1);
  self->axis_changed_id = g_signal_connect_object (axis, "changed", G_CALLBACK (on_axis_changed),
                                                   self, G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AXIS]);
}

FlTimeAxis *
fl_timeline_get_axis (FlTimeline *self)
{
  g_return_val_if_fail (FL_IS_TIMELINE (self), NULL);
  return self->axis;
}
