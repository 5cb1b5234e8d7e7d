/* fl-scene-widget.c — the base of the widgets that draw a run's scene
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-scene-widget"

#include "config.h"

#include "fl-scene-gtk.h"
#include "fl-scene-widget.h"

typedef struct
{
  FlStore         *store;
  gboolean         live;
  double           text_scale;
  guint            tick_id;

  FlTheme         *theme;        /* override, or NULL */
  FlThemeCache     style;        /* the theme of the widget's style, read on css_changed */

  gpointer         painter;      /* the layout of the last allocation, or NULL */
  FlSceneRenderer *renderer;
  GskRenderNode   *cache;        /* the painter's picture, once drawn */

  FlTimeAxis      *axis;         /* never NULL */
  GSignalGroup    *axis_signals;

  gboolean         hovering;
  double           hover_x;
  double           hover_y;
} FlSceneWidgetPrivate;

enum {
  PROP_0,
  PROP_STORE,
  PROP_LIVE,
  PROP_TEXT_SCALE,
  PROP_AXIS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (FlSceneWidget, fl_scene_widget, GTK_TYPE_WIDGET)

/* Layout work happens in size_allocate: anything the picture depends on
 * (the store's contents, range, theme, scale, size) asks for a new
 * allocation, whose new painter is then drawn once. */
void
fl_scene_widget_invalidate (FlSceneWidget *self,
                            gboolean       resize)
{
  g_return_if_fail (FL_IS_SCENE_WIDGET (self));

  gtk_widget_queue_allocate (GTK_WIDGET (self));
  if (resize)
    gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Takes @painter (of the class's painter_funcs, or NULL) in place of the
 * one before, whose picture goes with it. */
static void
set_painter (FlSceneWidget *self,
             gpointer       painter)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);

  g_clear_pointer (&priv->painter, FL_SCENE_WIDGET_GET_CLASS (self)->painter_funcs->free);
  priv->painter = painter;
  g_clear_pointer (&priv->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gpointer
fl_scene_widget_get_painter (FlSceneWidget *self)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);

  g_return_val_if_fail (FL_IS_SCENE_WIDGET (self), NULL);
  return priv->painter;
}

FlTheme *
fl_scene_widget_get_theme (FlSceneWidget *self)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);

  g_return_val_if_fail (FL_IS_SCENE_WIDGET (self), NULL);

  if (priv->theme)
    return priv->theme;
  /* Read from the style once, then again only when it changes. */
  if (priv->style.theme == NULL)
    return fl_theme_cache_get (&priv->style, GTK_WIDGET (self));
  return priv->style.theme;
}

/* ---- the frame clock ----------------------------------------------------- */

static gboolean
fl_scene_widget_real_is_live (FlSceneWidget *self)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);

  return priv->live && priv->store != NULL;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  FlSceneWidget *self = FL_SCENE_WIDGET (widget);
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);
  FlSceneWidgetClass *klass = FL_SCENE_WIDGET_GET_CLASS (self);

  if (klass->tick == NULL || klass->tick (self, clock) == G_SOURCE_CONTINUE)
    return G_SOURCE_CONTINUE;
  priv->tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* Starts or stops the frame clock as is_live says now. */
static void
update_ticking (FlSceneWidget *self)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);
  gboolean want;

  want = gtk_widget_get_mapped (GTK_WIDGET (self)) && FL_SCENE_WIDGET_GET_CLASS (self)->is_live (self);
  if (want && priv->tick_id == 0)
    priv->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  else if (!want && priv->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), priv->tick_id);
      priv->tick_id = 0;
    }
}

/* A text alternative for screen readers: what the picture shows, once
 * the run has ended. */
void
fl_scene_widget_update_description (FlSceneWidget *self)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);
  FlSceneWidgetClass *klass = FL_SCENE_WIDGET_GET_CLASS (self);
  g_autofree char *text = NULL;

  g_return_if_fail (FL_IS_SCENE_WIDGET (self));

  if (priv->store != NULL && !klass->is_live (self) && klass->describe != NULL)
    text = klass->describe (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text ? text : klass->pending_description ? klass->pending_description : "",
                                  -1);
}

/* ---- layout and drawing -------------------------------------------------- */

/* The layout of this allocation: the subclass's new painter. */
static void
fl_scene_widget_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  FlSceneWidget *self = FL_SCENE_WIDGET (widget);
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);
  gpointer painter = NULL;

  if (priv->store != NULL && width > 0 && height > 0)
    painter = FL_SCENE_WIDGET_GET_CLASS (self)->layout (self, width, height);
  set_painter (self, painter);
}

/* Draws the painter laid out last: its picture once, what the pointer
 * brings up over it each time. */
static void
fl_scene_widget_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  FlSceneWidget *self = FL_SCENE_WIDGET (widget);
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);
  const FlPainterFuncs *funcs = FL_SCENE_WIDGET_GET_CLASS (self)->painter_funcs;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (priv->painter == NULL)
    return;
  if (priv->cache == NULL)
    {
      g_autoptr(FlScene) scene = fl_scene_new (width, height);

      funcs->paint (priv->painter, scene);
      priv->cache = fl_scene_renderer_to_node (priv->renderer, scene);
    }
  if (priv->cache)
    gtk_snapshot_append_node (snapshot, priv->cache);

  if (priv->hovering && funcs->paint_hover)
    {
      g_autoptr(FlScene) hover = fl_scene_new (width, height);

      funcs->paint_hover (priv->painter, hover, priv->hover_x, priv->hover_y);
      fl_scene_renderer_render (priv->renderer, hover, snapshot);
    }
}

static void
fl_scene_widget_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (fl_scene_widget_parent_class)->map (widget);
  update_ticking (FL_SCENE_WIDGET (widget));
}

static void
fl_scene_widget_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (fl_scene_widget_parent_class)->unmap (widget);
  update_ticking (FL_SCENE_WIDGET (widget));
}

/* The colours come from the style: read again only when it changes. */
static void
fl_scene_widget_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  FlSceneWidget *self = FL_SCENE_WIDGET (widget);
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);

  GTK_WIDGET_CLASS (fl_scene_widget_parent_class)->css_changed (widget, change);
  fl_theme_cache_get (&priv->style, widget);
  fl_scene_widget_invalidate (self, FALSE);
}

static void
on_scale_factor (FlSceneWidget *self)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);

  fl_scene_renderer_reset (priv->renderer);
  fl_scene_widget_invalidate (self, FALSE);
}

/* ---- the time axis ------------------------------------------------------- */

static void
fl_scene_widget_real_axis_changed (FlSceneWidget *self,
                                   gboolean       replaced)
{
  fl_scene_widget_invalidate (self, FALSE);
}

/* Another view moved the shared axis. */
static void
on_axis_changed (FlSceneWidget *self)
{
  FlSceneWidgetClass *klass = FL_SCENE_WIDGET_GET_CLASS (self);

  if (klass->axis_changed)
    klass->axis_changed (self, FALSE);
}

/* ---- hover and tooltip --------------------------------------------------- */

static void
set_hover (FlSceneWidget *self,
           gboolean       inside,
           double         x,
           double         y)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);
  FlSceneWidgetClass *klass = FL_SCENE_WIDGET_GET_CLASS (self);

  priv->hovering = inside;
  priv->hover_x = x;
  priv->hover_y = y;
  if (klass->painter_funcs->paint_hover)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  if (klass->hover_changed)
    klass->hover_changed (self, inside, x, y);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           FlSceneWidget            *self)
{
  set_hover (self, TRUE, x, y);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          FlSceneWidget            *self)
{
  set_hover (self, FALSE, 0, 0);
}

gboolean
fl_scene_widget_get_hover (FlSceneWidget *self,
                           double        *x,
                           double        *y)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);

  g_return_val_if_fail (FL_IS_SCENE_WIDGET (self), FALSE);

  if (x)
    *x = priv->hover_x;
  if (y)
    *y = priv->hover_y;
  return priv->hovering;
}

static gboolean
query_tooltip_cb (GtkWidget     *widget,
                  int            x,
                  int            y,
                  gboolean       keyboard,
                  GtkTooltip    *tooltip,
                  FlSceneWidget *self)
{
  g_autofree char *text = NULL;

  if (keyboard)
    return FALSE;
  text = fl_scene_widget_describe_at (self, x, y);
  if (text == NULL)
    return FALSE;
  /* No tip area: GTK asks again at every motion anyway, and with one as
   * small as the pointer's pixel GTK 4.8 never showed the tooltip. */
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------- */

static void
fl_scene_widget_dispose (GObject *object)
{
  FlSceneWidget *self = FL_SCENE_WIDGET (object);
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);

  if (priv->tick_id)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), priv->tick_id);
      priv->tick_id = 0;
    }
  g_clear_pointer (&priv->painter, FL_SCENE_WIDGET_GET_CLASS (self)->painter_funcs->free);
  g_clear_pointer (&priv->cache, gsk_render_node_unref);
  g_clear_object (&priv->store);
  g_clear_pointer (&priv->theme, fl_theme_unref);
  fl_theme_cache_clear (&priv->style);
  g_clear_object (&priv->axis_signals);
  g_clear_object (&priv->axis);

  G_OBJECT_CLASS (fl_scene_widget_parent_class)->dispose (object);
}

static void
fl_scene_widget_finalize (GObject *object)
{
  FlSceneWidget *self = FL_SCENE_WIDGET (object);
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);

  g_clear_pointer (&priv->renderer, fl_scene_renderer_free);

  G_OBJECT_CLASS (fl_scene_widget_parent_class)->finalize (object);
}

static void
fl_scene_widget_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FlSceneWidget *self = FL_SCENE_WIDGET (object);
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;
    case PROP_LIVE:
      g_value_set_boolean (value, priv->live);
      break;
    case PROP_TEXT_SCALE:
      g_value_set_double (value, priv->text_scale);
      break;
    case PROP_AXIS:
      g_value_set_object (value, priv->axis);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_scene_widget_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FlSceneWidget *self = FL_SCENE_WIDGET (object);

  switch (prop_id)
    {
    case PROP_STORE:
      fl_scene_widget_set_store (self, g_value_get_object (value));
      break;
    case PROP_LIVE:
      fl_scene_widget_set_live (self, g_value_get_boolean (value));
      break;
    case PROP_TEXT_SCALE:
      fl_scene_widget_set_text_scale (self, g_value_get_double (value));
      break;
    case PROP_AXIS:
      fl_scene_widget_set_axis (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_scene_widget_class_init (FlSceneWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fl_scene_widget_dispose;
  object_class->finalize = fl_scene_widget_finalize;
  object_class->get_property = fl_scene_widget_get_property;
  object_class->set_property = fl_scene_widget_set_property;

  widget_class->size_allocate = fl_scene_widget_size_allocate;
  widget_class->snapshot = fl_scene_widget_snapshot;
  widget_class->map = fl_scene_widget_map;
  widget_class->unmap = fl_scene_widget_unmap;
  widget_class->css_changed = fl_scene_widget_css_changed;

  klass->is_live = fl_scene_widget_real_is_live;
  klass->axis_changed = fl_scene_widget_real_axis_changed;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, FL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlSceneWidget:live:
   *
   * The store's run goes on: the widget follows it at frame rate while mapped.
   */
  properties[PROP_LIVE] =
    g_param_spec_boolean ("live", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL, 0.5, 4.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlSceneWidget:axis:
   *
   * The time axis shared by the views of a window: the timeline lays its
   * range and track out, the views under it follow.  Setting %NULL gives
   * the widget an axis of its own.
   */
  properties[PROP_AXIS] =
    g_param_spec_object ("axis", NULL, NULL, FL_TYPE_TIME_AXIS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fl_scene_widget_init (FlSceneWidget *self)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);
  GtkEventController *controller;

  priv->text_scale = 1.0;
  priv->renderer = fl_scene_renderer_new (GTK_WIDGET (self));
  priv->axis = fl_time_axis_new ();
  priv->axis_signals = g_signal_group_new (FL_TYPE_TIME_AXIS);
  g_signal_group_connect_swapped (priv->axis_signals, "changed", G_CALLBACK (on_axis_changed), self);
  g_signal_group_set_target (priv->axis_signals, priv->axis);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor), NULL);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* ---- public API ---------------------------------------------------------- */

FlStore *
fl_scene_widget_get_store (FlSceneWidget *self)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);

  g_return_val_if_fail (FL_IS_SCENE_WIDGET (self), NULL);
  return priv->store;
}

/**
 * fl_scene_widget_set_store:
 * @self: a scene widget
 * @store: (nullable): the store to show; %NULL shows nothing
 */
void
fl_scene_widget_set_store (FlSceneWidget *self,
                           FlStore       *store)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);
  FlSceneWidgetClass *klass;

  g_return_if_fail (FL_IS_SCENE_WIDGET (self));
  g_return_if_fail (store == NULL || FL_IS_STORE (store));

  if (!g_set_object (&priv->store, store))
    return;
  klass = FL_SCENE_WIDGET_GET_CLASS (self);
  priv->hovering = FALSE;
  /* The old layout may hold what the subclass lets go of now. */
  set_painter (self, NULL);
  if (klass->store_changed)
    klass->store_changed (self);
  update_ticking (self);
  fl_scene_widget_invalidate (self, TRUE);
  fl_scene_widget_update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
fl_scene_widget_get_live (FlSceneWidget *self)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);

  g_return_val_if_fail (FL_IS_SCENE_WIDGET (self), FALSE);
  return priv->live;
}

void
fl_scene_widget_set_live (FlSceneWidget *self,
                          gboolean       live)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);
  FlSceneWidgetClass *klass;

  g_return_if_fail (FL_IS_SCENE_WIDGET (self));

  live = !!live;
  if (live == priv->live)
    return;
  klass = FL_SCENE_WIDGET_GET_CLASS (self);
  priv->live = live;
  if (klass->live_changed)
    klass->live_changed (self);
  update_ticking (self);
  /* The last samples, and the end of the run, once it stops. */
  fl_scene_widget_invalidate (self, TRUE);
  fl_scene_widget_update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
}

double
fl_scene_widget_get_text_scale (FlSceneWidget *self)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);

  g_return_val_if_fail (FL_IS_SCENE_WIDGET (self), 1.0);
  return priv->text_scale;
}

void
fl_scene_widget_set_text_scale (FlSceneWidget *self,
                                double         scale)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);

  g_return_if_fail (FL_IS_SCENE_WIDGET (self));

  scale = CLAMP (scale, 0.5, 4.0);
  if (scale == priv->text_scale)
    return;
  priv->text_scale = scale;
  fl_scene_widget_invalidate (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

void
fl_scene_widget_set_theme (FlSceneWidget *self,
                           FlTheme       *theme)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);

  g_return_if_fail (FL_IS_SCENE_WIDGET (self));

  if (theme == priv->theme)
    return;
  g_clear_pointer (&priv->theme, fl_theme_unref);
  priv->theme = theme ? fl_theme_ref (theme) : NULL;
  fl_scene_widget_invalidate (self, FALSE);
}

char *
fl_scene_widget_describe_at (FlSceneWidget *self,
                             double         x,
                             double         y)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);

  g_return_val_if_fail (FL_IS_SCENE_WIDGET (self), NULL);

  /* What the picture on screen shows, not a new read of the store. */
  if (priv->painter == NULL)
    return NULL;
  return FL_SCENE_WIDGET_GET_CLASS (self)->painter_funcs->describe_at (priv->painter, x, y);
}

/**
 * fl_scene_widget_set_axis:
 * @self: a scene widget
 * @axis: (nullable): the window's time axis, or %NULL for one of its own
 */
void
fl_scene_widget_set_axis (FlSceneWidget *self,
                          FlTimeAxis    *axis)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);
  FlSceneWidgetClass *klass;
  g_autoptr(FlTimeAxis) own = NULL;

  g_return_if_fail (FL_IS_SCENE_WIDGET (self));
  g_return_if_fail (axis == NULL || FL_IS_TIME_AXIS (axis));

  if (axis != NULL && axis == priv->axis)
    return;
  if (axis == NULL)
    axis = own = fl_time_axis_new ();
  g_set_object (&priv->axis, axis);
  /* The subclass first (the timeline puts its range and track on it),
   * then what others do to it. */
  klass = FL_SCENE_WIDGET_GET_CLASS (self);
  if (klass->axis_changed)
    klass->axis_changed (self, TRUE);
  g_signal_group_set_target (priv->axis_signals, axis);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AXIS]);
}

FlTimeAxis *
fl_scene_widget_get_axis (FlSceneWidget *self)
{
  FlSceneWidgetPrivate *priv = fl_scene_widget_get_instance_private (self);

  g_return_val_if_fail (FL_IS_SCENE_WIDGET (self), NULL);
  return priv->axis;
}
