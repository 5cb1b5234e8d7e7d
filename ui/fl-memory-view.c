/* fl-memory-view.c — FlMemoryDiagram: the memory painter in a widget
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-memory-view"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "fl-memory-view.h"
#include "fl-scene-gtk.h"

/* Memory is sampled at 2 Hz: looking four times a second is plenty. */
#define CHECK_INTERVAL_US (G_USEC_PER_SEC / 4)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _FlMemoryDiagram
{
  GtkWidget        parent_instance;

  FlStore         *store;
  int              mode;           /* FlMode, or -1 */
  double           text_scale;
  gint64           at;             /* the moment to show, or -1: now, or the peak */
  gboolean         live;
  guint            tick_id;
  gint64           last_check_us;

  FlTheme         *theme;          /* override, or NULL */
  FlThemeCache      style;          /* the theme of the widget's style */

  FlSceneRenderer *renderer;
  GskRenderNode   *cache;
  struct {
    guint    n_samples, n_results, n_lanes;
    gint64   end;
    int      width, height, scale;
    FlTheme *theme;
  } cache_key;
};

G_DEFINE_FINAL_TYPE (FlMemoryDiagram, fl_memory_diagram, GTK_TYPE_WIDGET)

static void
invalidate (FlMemoryDiagram *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static FlTheme *
get_theme (FlMemoryDiagram *self)
{
  if (self->theme)
    return self->theme;
  return fl_theme_cache_get (&self->style, GTK_WIDGET (self));
}

static void
fill_view (FlMemoryDiagram *self,
           FlMemoryView    *view,
           float            width,
           float            height)
{
  memset (view, 0, sizeof *view);
  view->width = width;
  view->height = height;
  /* While the run goes on, now; once it has ended, its peak: its last
   * samples come after the workers are gone. */
  view->at = self->at >= 0 ? self->at : self->live ? -1 : FL_MEMORY_AT_PEAK;
  view->scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  view->theme = get_theme (self);
  view->background = TRUE;
  view->font_size = 12 * self->text_scale;
  view->mode_known = self->mode >= 0;
  view->mode = self->mode >= 0 ? (FlMode) self->mode : FL_MODE_THREADS;
}

/* What the picture depends on in the store: it only grows. */
static void
read_key (FlMemoryDiagram *self,
          guint           *n_samples,
          guint           *n_results,
          guint           *n_lanes,
          gint64          *end)
{
  fl_store_lock (self->store);
  *n_samples = fl_store_get_n_memory_samples (self->store);
  *n_results = fl_store_get_n_results (self->store);
  *n_lanes = fl_store_get_n_lanes (self->store);
  *end = fl_store_get_end (self->store);
  fl_store_unlock (self->store);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  FlMemoryDiagram *self = FL_MEMORY_DIAGRAM (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  guint n_samples, n_results, n_lanes;
  gint64 end;

  if (self->store == NULL || now - self->last_check_us < CHECK_INTERVAL_US)
    return G_SOURCE_CONTINUE;
  self->last_check_us = now;
  read_key (self, &n_samples, &n_results, &n_lanes, &end);
  if (n_samples != self->cache_key.n_samples || n_results != self->cache_key.n_results ||
      n_lanes != self->cache_key.n_lanes || end != self->cache_key.end)
    invalidate (self);
  return G_SOURCE_CONTINUE;
}

static void
update_ticking (FlMemoryDiagram *self)
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

static void
fl_memory_diagram_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  FlMemoryDiagram *self = FL_MEMORY_DIAGRAM (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  FlTheme *theme;
  guint n_samples, n_results, n_lanes;
  gint64 end;

  if (self->store == NULL || width <= 0 || height <= 0)
    return;
  theme = get_theme (self);
  read_key (self, &n_samples, &n_results, &n_lanes, &end);
  if (self->cache == NULL ||
      self->cache_key.n_samples != n_samples || self->cache_key.n_results != n_results ||
      self->cache_key.n_lanes != n_lanes || self->cache_key.end != end ||
      self->cache_key.width != width || self->cache_key.height != height ||
      self->cache_key.scale != scale || self->cache_key.theme != theme)
    {
      g_autoptr(FlScene) scene = fl_scene_new (width, height);
      FlMemoryView view;

      fill_view (self, &view, width, height);
      fl_memory_painter_paint (self->store, &view, scene);
      g_clear_pointer (&self->cache, gsk_render_node_unref);
      self->cache = fl_scene_renderer_to_node (self->renderer, scene);
      self->cache_key.n_samples = n_samples;
      self->cache_key.n_results = n_results;
      self->cache_key.n_lanes = n_lanes;
      self->cache_key.end = end;
      self->cache_key.width = width;
      self->cache_key.height = height;
      self->cache_key.scale = scale;
      self->cache_key.theme = theme;
    }
  if (self->cache)
    gtk_snapshot_append_node (snapshot, self->cache);
}

static GtkSizeRequestMode
fl_memory_diagram_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
fl_memory_diagram_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  FlMemoryDiagram *self = FL_MEMORY_DIAGRAM (widget);
  FlMemoryView view;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 220;
      *natural = 340;
      return;
    }
  *minimum = *natural = 120;
  if (self->store)
    {
      fill_view (self, &view, for_size > 0 ? for_size : 360, 0);
      *minimum = *natural = MAX (*minimum, (int) ceilf (fl_memory_painter_measure_height (self->store, &view)));
    }
}

static void
fl_memory_diagram_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (fl_memory_diagram_parent_class)->map (widget);
  update_ticking (FL_MEMORY_DIAGRAM (widget));
}

static void
fl_memory_diagram_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (fl_memory_diagram_parent_class)->unmap (widget);
  update_ticking (FL_MEMORY_DIAGRAM (widget));
}

static void
fl_memory_diagram_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (fl_memory_diagram_parent_class)->css_changed (widget, change);
  invalidate (FL_MEMORY_DIAGRAM (widget));
}

static void
on_scale_factor (FlMemoryDiagram *self)
{
  fl_scene_renderer_reset (self->renderer);
  invalidate (self);
}

static gboolean
query_tooltip_cb (GtkWidget       *widget,
                  int              x,
                  int              y,
                  gboolean         keyboard,
                  GtkTooltip      *tooltip,
                  FlMemoryDiagram *self)
{
  g_autofree char *text = NULL;

  if (keyboard)
    return FALSE;
  text = fl_memory_diagram_describe_at (self, x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { x, y, 1, 1 });
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------- */

static void
fl_memory_diagram_dispose (GObject *object)
{
  FlMemoryDiagram *self = FL_MEMORY_DIAGRAM (object);

  if (self->tick_id)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->theme, fl_theme_unref);
  fl_theme_cache_clear (&self->style);

  G_OBJECT_CLASS (fl_memory_diagram_parent_class)->dispose (object);
}

static void
fl_memory_diagram_finalize (GObject *object)
{
  FlMemoryDiagram *self = FL_MEMORY_DIAGRAM (object);

  g_clear_pointer (&self->renderer, fl_scene_renderer_free);

  G_OBJECT_CLASS (fl_memory_diagram_parent_class)->finalize (object);
}

static void
fl_memory_diagram_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FlMemoryDiagram *self = FL_MEMORY_DIAGRAM (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LIVE:
      g_value_set_boolean (value, self->live);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_memory_diagram_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FlMemoryDiagram *self = FL_MEMORY_DIAGRAM (object);

  switch (prop_id)
    {
    case PROP_STORE:
      fl_memory_diagram_set_store (self, g_value_get_object (value));
      break;
    case PROP_LIVE:
      fl_memory_diagram_set_live (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_memory_diagram_class_init (FlMemoryDiagramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fl_memory_diagram_dispose;
  object_class->finalize = fl_memory_diagram_finalize;
  object_class->get_property = fl_memory_diagram_get_property;
  object_class->set_property = fl_memory_diagram_set_property;

  widget_class->snapshot = fl_memory_diagram_snapshot;
  widget_class->measure = fl_memory_diagram_measure;
  widget_class->get_request_mode = fl_memory_diagram_get_request_mode;
  widget_class->map = fl_memory_diagram_map;
  widget_class->unmap = fl_memory_diagram_unmap;
  widget_class->css_changed = fl_memory_diagram_css_changed;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, FL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIVE] =
    g_param_spec_boolean ("live", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "flmemorydiagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fl_memory_diagram_init (FlMemoryDiagram *self)
{
  self->at = -1;
  self->text_scale = 1.0;
  self->mode = -1;
  self->renderer = fl_scene_renderer_new (GTK_WIDGET (self));
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor), NULL);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Memory of the run: one box per address space"), -1);
}

/* ---- public API ---------------------------------------------------------- */

GtkWidget *
fl_memory_diagram_new (void)
{
  return g_object_new (FL_TYPE_MEMORY_DIAGRAM, NULL);
}

/* A text alternative for screen readers: what the picture shows. */
static void
update_description (FlMemoryDiagram *self)
{
  g_autofree char *text = NULL;
  FlMemoryView view;

  if (self->store != NULL && !self->live)
    {
      fill_view (self, &view, 600, 400);
      text = fl_memory_painter_describe (self->store, &view);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text ? text : _("The address spaces are described when the run has ended."),
                                  -1);
}

void
fl_memory_diagram_set_store (FlMemoryDiagram *self,
                             FlStore         *store)
{
  g_return_if_fail (FL_IS_MEMORY_DIAGRAM (self));
  g_return_if_fail (store == NULL || FL_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  update_ticking (self);
  invalidate (self);
  update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

FlStore *
fl_memory_diagram_get_store (FlMemoryDiagram *self)
{
  g_return_val_if_fail (FL_IS_MEMORY_DIAGRAM (self), NULL);
  return self->store;
}

void
fl_memory_diagram_set_mode (FlMemoryDiagram *self,
                            int              mode)
{
  g_return_if_fail (FL_IS_MEMORY_DIAGRAM (self));

  mode = mode >= FL_MODE_THREADS && mode <= FL_MODE_SPAWN ? mode : -1;
  if (mode == self->mode)
    return;
  self->mode = mode;
  invalidate (self);
}

void
fl_memory_diagram_set_live (FlMemoryDiagram *self,
                            gboolean         live)
{
  g_return_if_fail (FL_IS_MEMORY_DIAGRAM (self));

  live = !!live;
  if (live == self->live)
    return;
  self->live = live;
  update_ticking (self);
  /* The last samples, and the end of the run, once it stops. */
  invalidate (self);
  update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
}

gboolean
fl_memory_diagram_get_live (FlMemoryDiagram *self)
{
  g_return_val_if_fail (FL_IS_MEMORY_DIAGRAM (self), FALSE);
  return self->live;
}

void
fl_memory_diagram_set_theme (FlMemoryDiagram *self,
                             FlTheme         *theme)
{
  g_return_if_fail (FL_IS_MEMORY_DIAGRAM (self));

  if (theme == self->theme)
    return;
  g_clear_pointer (&self->theme, fl_theme_unref);
  self->theme = theme ? fl_theme_ref (theme) : NULL;
  invalidate (self);
}

char *
fl_memory_diagram_describe_at (FlMemoryDiagram *self,
                               double           x,
                               double           y)
{
  FlMemoryView view;

  g_return_val_if_fail (FL_IS_MEMORY_DIAGRAM (self), NULL);

  if (self->store == NULL)
    return NULL;
  fill_view (self, &view, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  return fl_memory_painter_describe_at (self->store, &view, x, y);
}

/* Text this many times its normal size (the window's zoom). */
void
fl_memory_diagram_set_text_scale (FlMemoryDiagram *self,
                                  double           scale)
{
  g_return_if_fail (FL_IS_MEMORY_DIAGRAM (self));

  scale = CLAMP (scale, 0.5, 4.0);
  if (scale == self->text_scale)
    return;
  self->text_scale = scale;
  invalidate (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * fl_memory_diagram_set_at:
 * @self: a memory diagram
 * @at: the moment to show (ns since the run started, as the timeline's
 *   cursor), or -1: the latest while the run goes on, its peak after
 */
void
fl_memory_diagram_set_at (FlMemoryDiagram *self,
                          gint64           at)
{
  g_return_if_fail (FL_IS_MEMORY_DIAGRAM (self));

  at = MAX (at, -1);
  if (at == self->at)
    return;
  self->at = at;
  invalidate (self);
}

/**
 * fl_memory_diagram_count_below:
 * @self: a #FlMemoryDiagram
 * @y: the bottom of what is in view, in the diagram's coordinates
 *
 * Returns: how many address-space boxes have less than half of their
 *   height above @y, for a "more below" sign when the diagram is scrolled
 */
guint
fl_memory_diagram_count_below (FlMemoryDiagram *self,
                               double           y)
{
  g_autoptr(GArray) spaces = NULL;
  FlMemoryView view;
  guint i, n = 0;

  g_return_val_if_fail (FL_IS_MEMORY_DIAGRAM (self), 0);

  if (self->store == NULL || gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return 0;
  fill_view (self, &view, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  spaces = fl_memory_painter_get_spaces (self->store, &view);
  for (i = 0; i < spaces->len; i++)
    {
      const FlMemorySpace *space = &g_array_index (spaces, FlMemorySpace, i);

      if (space->y + space->height / 2 > y)
        n++;
    }
  return n;
}
