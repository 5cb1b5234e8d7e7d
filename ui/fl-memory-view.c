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

/* Memory is sampled at 2 Hz: looking four times a second is plenty. */
#define CHECK_INTERVAL_US (G_USEC_PER_SEC / 4)

struct _FlMemoryDiagram
{
  FlSceneWidget    parent_instance;

  int              mode;           /* FlMode, or -1 */
  gint64           at;             /* the moment to show, or -1: now, or the peak */
  gint64           last_check_us;

  struct {
    guint    n_samples, n_results, n_lanes;
    gint64   end;
  } layout_key;                    /* what the last layout was made from */
};

G_DEFINE_FINAL_TYPE (FlMemoryDiagram, fl_memory_diagram, FL_TYPE_SCENE_WIDGET)

static void
fill_view (FlMemoryDiagram *self,
           FlMemoryView    *view,
           float            width,
           float            height)
{
  FlSceneWidget *widget = FL_SCENE_WIDGET (self);

  memset (view, 0, sizeof *view);
  view->width = width;
  view->height = height;
  /* While the run goes on, now; once it has ended, its peak: its last
   * samples come after the workers are gone. */
  view->at = self->at >= 0 ? self->at : fl_scene_widget_get_live (widget) ? -1 : FL_MEMORY_AT_PEAK;
  view->scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  view->theme = fl_scene_widget_get_theme (widget);
  view->background = TRUE;
  view->font_size = 12 * fl_scene_widget_get_text_scale (widget);
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
  FlStore *store = fl_scene_widget_get_store (FL_SCENE_WIDGET (self));

  fl_store_lock (store);
  *n_samples = fl_store_get_n_memory_samples (store);
  *n_results = fl_store_get_n_results (store);
  *n_lanes = fl_store_get_n_lanes (store);
  *end = fl_store_get_end (store);
  fl_store_unlock (store);
}

static gboolean
is_stale (FlMemoryDiagram *self)
{
  guint n_samples, n_results, n_lanes;
  gint64 end;

  read_key (self, &n_samples, &n_results, &n_lanes, &end);
  return n_samples != self->layout_key.n_samples || n_results != self->layout_key.n_results ||
         n_lanes != self->layout_key.n_lanes || end != self->layout_key.end;
}

static gboolean
fl_memory_diagram_tick (FlSceneWidget *widget,
                        GdkFrameClock *clock)
{
  FlMemoryDiagram *self = FL_MEMORY_DIAGRAM (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (now - self->last_check_us < CHECK_INTERVAL_US)
    return G_SOURCE_CONTINUE;
  self->last_check_us = now;
  if (is_stale (self))
    fl_scene_widget_invalidate (widget, TRUE);
  return G_SOURCE_CONTINUE;
}

/* The address spaces at the moment shown, read from the store once;
 * what they were read from, for the tick to compare. */
static gpointer
fl_memory_diagram_layout (FlSceneWidget *widget,
                          int            width,
                          int            height)
{
  FlMemoryDiagram *self = FL_MEMORY_DIAGRAM (widget);
  FlMemoryView view;

  read_key (self, &self->layout_key.n_samples, &self->layout_key.n_results,
            &self->layout_key.n_lanes, &self->layout_key.end);
  fill_view (self, &view, width, height);
  return fl_memory_painter_new (fl_scene_widget_get_store (widget), &view);
}

/* A text alternative for screen readers: what the picture shows. */
static char *
fl_memory_diagram_describe (FlSceneWidget *widget)
{
  FlMemoryView view;

  fill_view (FL_MEMORY_DIAGRAM (widget), &view, 600, 400);
  return fl_memory_painter_describe (fl_scene_widget_get_store (widget), &view);
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
  FlStore *store = fl_scene_widget_get_store (FL_SCENE_WIDGET (self));
  FlMemoryView view;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 220;
      *natural = 340;
      return;
    }
  *minimum = *natural = 120;
  if (store)
    {
      fill_view (self, &view, for_size > 0 ? for_size : 360, 0);
      *minimum = *natural = MAX (*minimum, (int) ceilf (fl_memory_painter_measure_height (store, &view)));
    }
}

static void
fl_memory_diagram_class_init (FlMemoryDiagramClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  FlSceneWidgetClass *scene_class = FL_SCENE_WIDGET_CLASS (klass);

  widget_class->measure = fl_memory_diagram_measure;
  widget_class->get_request_mode = fl_memory_diagram_get_request_mode;

  /* One moment, not a range of time: the shared axis is not read. */
  scene_class->axis_changed = NULL;
  scene_class->tick = fl_memory_diagram_tick;
  scene_class->layout = fl_memory_diagram_layout;
  scene_class->describe = fl_memory_diagram_describe;
  scene_class->pending_description = _("The address spaces are described when the run has ended.");
  scene_class->painter_funcs = &fl_memory_painter_funcs;

  gtk_widget_class_set_css_name (widget_class, "flmemorydiagram");
}

static void
fl_memory_diagram_init (FlMemoryDiagram *self)
{
  self->at = -1;
  self->mode = -1;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Memory of the run: one box per address space"), -1);
}

/* ---- public API ---------------------------------------------------------- */

GtkWidget *
fl_memory_diagram_new (void)
{
  return g_object_new (FL_TYPE_MEMORY_DIAGRAM, NULL);
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
  fl_scene_widget_invalidate (FL_SCENE_WIDGET (self), TRUE);
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
  fl_scene_widget_invalidate (FL_SCENE_WIDGET (self), TRUE);
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
  FlStore *store;
  guint i, n = 0;

  g_return_val_if_fail (FL_IS_MEMORY_DIAGRAM (self), 0);

  store = fl_scene_widget_get_store (FL_SCENE_WIDGET (self));
  if (store == NULL || gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return 0;
  fill_view (self, &view, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  spaces = fl_memory_painter_get_spaces (store, &view);
  for (i = 0; i < spaces->len; i++)
    {
      const FlMemorySpace *space = &g_array_index (spaces, FlMemorySpace, i);

      if (space->y + space->height / 2 > y)
        n++;
    }
  return n;
}
