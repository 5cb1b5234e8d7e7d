/* fl-cpu-chart.c — the widget: store, shared time axis, drawing, hover
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-cpu-chart"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fl-cpu-chart.h"
#include "fl-cpu-painter.h"
#include "fl-scene-gtk.h"

struct _FlCpuChart
{
  GtkWidget        parent_instance;

  FlStore         *store;
  FlTimeAxis      *axis;         /* the window's, laid out by the timeline; or NULL */
  gulong           axis_changed_id;
  double           text_scale;
  guint            tick_id;
  guint            n_lanes;      /* what the size was measured for */
  guint            n_cores;

  FlTheme         *theme;        /* override, or NULL */
  FlThemeCache      style;          /* the theme of the widget's style */

  FlSceneRenderer *renderer;
  FlCpuLayout     *layout;       /* of the last frame: hover and tooltips */
  GskRenderNode   *cache;
  struct {
    gint64   start, end;
    double   track_x0, track_x1;
    int      width, height, scale;
    FlTheme *theme;
  } cache_key;

  gboolean         hovering;
  double           hover_x;
  double           hover_y;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_AXIS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FlCpuChart, fl_cpu_chart, GTK_TYPE_WIDGET)

static void
invalidate (FlCpuChart *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
store_running (FlCpuChart *self)
{
  gboolean running;

  if (self->store == NULL)
    return FALSE;
  fl_store_lock (self->store);
  running = fl_store_get_end (self->store) < 0;
  fl_store_unlock (self->store);
  return running;
}

/* More lanes or cores take more height. */
static void
check_size (FlCpuChart *self)
{
  guint n_lanes = 0, n_cores = 0;

  if (self->store)
    {
      fl_store_lock (self->store);
      n_lanes = fl_store_get_n_lanes (self->store);
      n_cores = fl_store_get_n_cores (self->store);
      fl_store_unlock (self->store);
    }
  if (n_lanes != self->n_lanes || n_cores != self->n_cores)
    {
      self->n_lanes = n_lanes;
      self->n_cores = n_cores;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

/* A text alternative for screen readers: how busy the cores were. */
static void
update_description (FlCpuChart *self)
{
  g_autofree char *text = NULL;

  if (self->store != NULL && !store_running (self))
    text = fl_cpu_painter_describe (self->store);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text ? text : _("The cores are described when the run has ended."), -1);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  FlCpuChart *self = FL_CPU_CHART (widget);
  gboolean running = store_running (self);

  check_size (self);
  /* New samples every frame while the run goes on; one last look after. */
  invalidate (self);
  if (running)
    return G_SOURCE_CONTINUE;
  update_description (self);
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
update_ticking (FlCpuChart *self)
{
  gboolean want = store_running (self) && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (want && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  else if (!want && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

/* ---- the time axis ------------------------------------------------------- */

/* The range and track to draw: the shared axis's, once a view has laid it
 * out (its track is in the coordinates of the column the views stand in,
 * which begins where we begin), or the whole run on our own track (0, 0). */
static void
get_axis (FlCpuChart *self,
          gint64     *start,
          gint64     *end,
          double     *x0,
          double     *x1)
{
  *x0 = *x1 = 0;
  if (self->axis && fl_time_axis_has_track (self->axis))
    {
      fl_time_axis_get_range (self->axis, start, end);
      fl_time_axis_get_track (self->axis, x0, x1);
      if (*x0 >= 0 && *x1 <= gtk_widget_get_width (GTK_WIDGET (self)))
        return;
      *x0 = *x1 = 0;
      return;
    }

  *start = 0;
  *end = 1000000;
  if (self->store)
    {
      gint64 until;

      fl_store_lock (self->store);
      until = fl_store_get_end (self->store);
      if (until < 0)
        until = fl_store_get_last_t (self->store);
      fl_store_unlock (self->store);
      *end = MAX (until + until / 100, 1000000);
    }
}

static void
on_axis_changed (FlCpuChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- drawing ------------------------------------------------------------- */

static FlTheme *
get_theme (FlCpuChart *self)
{
  if (self->theme)
    return self->theme;
  return fl_theme_cache_get (&self->style, GTK_WIDGET (self));
}

static void
fl_cpu_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  FlCpuChart *self = FL_CPU_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  FlTheme *theme = get_theme (self);
  FlCpuView view = { 0 };
  double x0, x1;

  if (self->store == NULL || width <= 0 || height <= 0)
    return;

  view.width = width;
  view.height = height;
  get_axis (self, &view.start, &view.end, &x0, &x1);
  view.end = MAX (view.end, view.start + 1);
  view.track_x0 = (float) x0;
  view.track_x1 = (float) x1;
  view.scale = scale;
  view.theme = theme;
  view.background = TRUE;
  view.font_size = 12 * self->text_scale;

  if (self->cache == NULL || self->layout == NULL ||
      self->cache_key.start != view.start || self->cache_key.end != view.end ||
      self->cache_key.track_x0 != x0 || self->cache_key.track_x1 != x1 ||
      self->cache_key.width != width || self->cache_key.height != height ||
      self->cache_key.scale != scale || self->cache_key.theme != theme)
    {
      g_autoptr(FlScene) scene = fl_scene_new (width, height);

      g_clear_pointer (&self->layout, fl_cpu_layout_free);
      self->layout = fl_cpu_layout_new (self->store, &view);
      fl_cpu_layout_paint (self->layout, scene);
      g_clear_pointer (&self->cache, gsk_render_node_unref);
      self->cache = fl_scene_renderer_to_node (self->renderer, scene);
      self->cache_key.start = view.start;
      self->cache_key.end = view.end;
      self->cache_key.track_x0 = x0;
      self->cache_key.track_x1 = x1;
      self->cache_key.width = width;
      self->cache_key.height = height;
      self->cache_key.scale = scale;
      self->cache_key.theme = theme;
    }
  if (self->cache)
    gtk_snapshot_append_node (snapshot, self->cache);

  if (self->hovering)
    {
      g_autoptr(FlScene) hover = fl_scene_new (width, height);

      fl_cpu_layout_paint_hover (self->layout, hover, self->hover_x, self->hover_y);
      fl_scene_renderer_render (self->renderer, hover, snapshot);
    }
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
  FlCpuChart *self = FL_CPU_CHART (widget);
  FlCpuView view = { 0 };

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 960;
      return;
    }
  *minimum = *natural = 0;
  if (self->store == NULL)
    return;
  view.width = for_size > 0 ? for_size : 960;
  view.end = 1000000;
  view.theme = get_theme (self);
  view.font_size = 12 * self->text_scale;
  *minimum = *natural = (int) fl_cpu_painter_measure_height (self->store, &view);
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
  update_ticking (FL_CPU_CHART (widget));
  update_description (FL_CPU_CHART (widget));
}

static void
fl_cpu_chart_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (fl_cpu_chart_parent_class)->unmap (widget);
  update_ticking (FL_CPU_CHART (widget));
}

static void
on_scale_factor (FlCpuChart *self)
{
  fl_scene_renderer_reset (self->renderer);
  invalidate (self);
}

/* ---- hover --------------------------------------------------------------- */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           FlCpuChart               *self)
{
  self->hovering = TRUE;
  self->hover_x = x;
  self->hover_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          FlCpuChart               *self)
{
  self->hovering = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  FlCpuChart *self)
{
  g_autofree char *text = NULL;

  if (keyboard)
    return FALSE;
  text = fl_cpu_chart_describe_at (self, x, y);
  if (text == NULL)
    return FALSE;
  /* No tip area: GTK asks again at every motion anyway, and with one as
   * small as the pointer's pixel GTK 4.8 never showed the tooltip. */
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------- */

static void
fl_cpu_chart_dispose (GObject *object)
{
  FlCpuChart *self = FL_CPU_CHART (object);

  if (self->tick_id)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  fl_cpu_chart_set_axis (self, NULL);
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  g_clear_pointer (&self->layout, fl_cpu_layout_free);
  g_clear_object (&self->store);
  g_clear_pointer (&self->theme, fl_theme_unref);
  fl_theme_cache_clear (&self->style);

  G_OBJECT_CLASS (fl_cpu_chart_parent_class)->dispose (object);
}

static void
fl_cpu_chart_finalize (GObject *object)
{
  FlCpuChart *self = FL_CPU_CHART (object);

  g_clear_pointer (&self->renderer, fl_scene_renderer_free);

  G_OBJECT_CLASS (fl_cpu_chart_parent_class)->finalize (object);
}

static void
fl_cpu_chart_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FlCpuChart *self = FL_CPU_CHART (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_AXIS:
      g_value_set_object (value, self->axis);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_cpu_chart_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FlCpuChart *self = FL_CPU_CHART (object);

  switch (prop_id)
    {
    case PROP_STORE:
      fl_cpu_chart_set_store (self, g_value_get_object (value));
      break;
    case PROP_AXIS:
      fl_cpu_chart_set_axis (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_cpu_chart_class_init (FlCpuChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fl_cpu_chart_dispose;
  object_class->finalize = fl_cpu_chart_finalize;
  object_class->get_property = fl_cpu_chart_get_property;
  object_class->set_property = fl_cpu_chart_set_property;

  widget_class->snapshot = fl_cpu_chart_snapshot;
  widget_class->measure = fl_cpu_chart_measure;
  widget_class->get_request_mode = fl_cpu_chart_get_request_mode;
  widget_class->map = fl_cpu_chart_map;
  widget_class->unmap = fl_cpu_chart_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, FL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlCpuChart:axis:
   *
   * The time axis shared with the timeline above: the chart draws its
   * range on its track.  Without one, the whole run on a track of its own.
   */
  properties[PROP_AXIS] =
    g_param_spec_object ("axis", NULL, NULL, FL_TYPE_TIME_AXIS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "flcpuchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fl_cpu_chart_init (FlCpuChart *self)
{
  self->text_scale = 1.0;
  GtkEventController *controller;

  self->renderer = fl_scene_renderer_new (GTK_WIDGET (self));
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor), NULL);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("CPU use of the run, per core and per worker"), -1);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* ---- public API ---------------------------------------------------------- */

GtkWidget *
fl_cpu_chart_new (void)
{
  return g_object_new (FL_TYPE_CPU_CHART, NULL);
}

void
fl_cpu_chart_set_store (FlCpuChart *self,
                        FlStore    *store)
{
  g_return_if_fail (FL_IS_CPU_CHART (self));
  g_return_if_fail (store == NULL || FL_IS_STORE (store));

  if (store == self->store)
    return;
  g_set_object (&self->store, store);
  g_clear_pointer (&self->layout, fl_cpu_layout_free);
  self->hovering = FALSE;
  check_size (self);
  update_ticking (self);
  invalidate (self);
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

FlStore *
fl_cpu_chart_get_store (FlCpuChart *self)
{
  g_return_val_if_fail (FL_IS_CPU_CHART (self), NULL);
  return self->store;
}

void
fl_cpu_chart_set_axis (FlCpuChart *self,
                       FlTimeAxis *axis)
{
  g_return_if_fail (FL_IS_CPU_CHART (self));
  g_return_if_fail (axis == NULL || FL_IS_TIME_AXIS (axis));

  if (axis == self->axis)
    return;
  if (self->axis)
    g_clear_signal_handler (&self->axis_changed_id, self->axis);
  g_set_object (&self->axis, axis);
  if (axis)
    self->axis_changed_id = g_signal_connect_object (axis, "changed", G_CALLBACK (on_axis_changed),
                                                     self, G_CONNECT_SWAPPED);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AXIS]);
}

FlTimeAxis *
fl_cpu_chart_get_axis (FlCpuChart *self)
{
  g_return_val_if_fail (FL_IS_CPU_CHART (self), NULL);
  return self->axis;
}

void
fl_cpu_chart_set_theme (FlCpuChart *self,
                        FlTheme    *theme)
{
  g_return_if_fail (FL_IS_CPU_CHART (self));

  if (theme == self->theme)
    return;
  g_clear_pointer (&self->theme, fl_theme_unref);
  self->theme = theme ? fl_theme_ref (theme) : NULL;
  invalidate (self);
}

void
fl_cpu_chart_get_view (FlCpuChart *self,
                       gint64     *start,
                       gint64     *end,
                       double     *track_x0,
                       double     *track_x1)
{
  gint64 s = 0, e = 0;
  double x0 = 0, x1 = 0;

  g_return_if_fail (FL_IS_CPU_CHART (self));

  if (self->layout)
    {
      s = self->cache_key.start;
      e = self->cache_key.end;
      fl_cpu_layout_get_track (self->layout, &x0, &x1);
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

char *
fl_cpu_chart_describe_at (FlCpuChart *self,
                          double      x,
                          double      y)
{
  g_return_val_if_fail (FL_IS_CPU_CHART (self), NULL);

  if (self->layout == NULL)
    return NULL;
  return fl_cpu_layout_describe_at (self->layout, x, y);
}

/* Text this many times its normal size (the window's zoom). */
void
fl_cpu_chart_set_text_scale (FlCpuChart *self,
                             double      scale)
{
  g_return_if_fail (FL_IS_CPU_CHART (self));

  scale = CLAMP (scale, 0.5, 4.0);
  if (scale == self->text_scale)
    return;
  self->text_scale = scale;
  invalidate (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
