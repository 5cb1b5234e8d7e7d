/* fl-scene-widget.h — the base of the widgets that draw a run's scene
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FlTimeline, FlCpuChart and FlMemoryDiagram draw a store with a painter
 * (the export's) into render nodes.  What they share lives here: the store
 * and whether its run is live, the text scale, the theme (read from the
 * style only when it changes), the renderer and the cached picture, the
 * frame clock (ticking while mapped and live), the pointer and the
 * tooltip, the accessible description, the window's time axis (shared
 * by the views that draw the run's time), and the painter (the layout of
 * the last allocation, FlPainterFuncs) that paints the picture, what the
 * pointer brings up over it and says what is at a point.  A subclass only
 * lays its painter out (layout, called from size_allocate: nothing is
 * laid out while drawing); modelled on Sysprof's SysprofChartLayer.
 */

#pragma once

#include <gtk/gtk.h>

#include "fl-scene.h"
#include "fl-store.h"
#include "fl-theme.h"
#include "fl-time-axis.h"

G_BEGIN_DECLS

#define FL_TYPE_SCENE_WIDGET (fl_scene_widget_get_type ())
G_DECLARE_DERIVABLE_TYPE (FlSceneWidget, fl_scene_widget, FL, SCENE_WIDGET, GtkWidget)

struct _FlSceneWidgetClass
{
  GtkWidgetClass parent_class;

  /* The store or its liveness changed (after the base has taken it). */
  void      (*store_changed) (FlSceneWidget *self);
  void      (*live_changed)  (FlSceneWidget *self);
  /* Whether the frame clock should tick while mapped; default: the
   * "live" property and a store. */
  gboolean  (*is_live)       (FlSceneWidget *self);
  /* One frame while live: G_SOURCE_REMOVE stops ticking until the store
   * or liveness changes again. */
  gboolean  (*tick)          (FlSceneWidget *self,
                              GdkFrameClock *clock);
  /* The layout of an allocation of width × height: a new painter of the
   * class's painter_funcs, or NULL (nothing to draw).  Called from
   * size_allocate, only with a store; the base holds the painter until
   * the next allocation or store, and draws the picture from it once. */
  gpointer  (*layout)        (FlSceneWidget *self,
                              int            width,
                              int            height);
  /* The time axis was replaced (@replaced) or another view moved it;
   * default: lay out again.  NULL: the view does not draw the run's time. */
  void      (*axis_changed)  (FlSceneWidget *self,
                              gboolean       replaced);
  /* The pointer moved to (@x, @y), or left (@inside FALSE). */
  void      (*hover_changed) (FlSceneWidget *self,
                              gboolean       inside,
                              double         x,
                              double         y);
  /* A text alternative of the whole picture once the run has ended. */
  char     *(*describe)      (FlSceneWidget *self);

  /* What the accessible description says while the run goes on. */
  const char *pending_description;
  /* The functions of the painters layout makes. */
  const FlPainterFuncs *painter_funcs;

  gpointer padding[8];
};

FlStore  *fl_scene_widget_get_store       (FlSceneWidget *self);
void      fl_scene_widget_set_store       (FlSceneWidget *self,
                                           FlStore       *store);
gboolean  fl_scene_widget_get_live        (FlSceneWidget *self);
void      fl_scene_widget_set_live        (FlSceneWidget *self,
                                           gboolean       live);
double    fl_scene_widget_get_text_scale  (FlSceneWidget *self);
/* Text this many times its normal size (the window's zoom), 0.5 to 4. */
void      fl_scene_widget_set_text_scale  (FlSceneWidget *self,
                                           double         scale);
/* The time axis the views of one window share (the timeline lays it out,
 * the CPU chart draws its range on its track; the memory diagram, which
 * shows one moment, does not read it).  NULL gives the widget an axis of
 * its own: never NULL. */
void      fl_scene_widget_set_axis        (FlSceneWidget *self,
                                           FlTimeAxis    *axis);
FlTimeAxis *fl_scene_widget_get_axis      (FlSceneWidget *self);
/* Colours: NULL (the default) follows the widget's style. */
void      fl_scene_widget_set_theme       (FlSceneWidget *self,
                                           FlTheme       *theme);
FlTheme  *fl_scene_widget_get_theme       (FlSceneWidget *self);
/* What the tooltip at (@x, @y) says, or NULL. */
char     *fl_scene_widget_describe_at     (FlSceneWidget *self,
                                           double         x,
                                           double         y);

/* The painter of the last allocation (of the class's painter_funcs), or
 * NULL: what the widget draws, its hover and tooltips come from it. */
gpointer  fl_scene_widget_get_painter     (FlSceneWidget *self);

/* For subclasses. */
/* Lays out again, and draws the new layout (queue_resize when @resize). */
void      fl_scene_widget_invalidate      (FlSceneWidget *self,
                                           gboolean       resize);
/* Says the picture again to screen readers (describe, once not live). */
void      fl_scene_widget_update_description (FlSceneWidget *self);
/* Whether the pointer is over the widget, and where. */
gboolean  fl_scene_widget_get_hover       (FlSceneWidget *self,
                                           double        *x,
                                           double        *y);

G_END_DECLS
