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
 * tooltip, the accessible description.  A subclass paints the picture
 * (paint), what the pointer brings up over it (paint_hover) and says what
 * is at a point (describe_at); modelled on Sysprof's SysprofChartLayer.
 */

#pragma once

#include <gtk/gtk.h>

#include "fl-scene.h"
#include "fl-store.h"
#include "fl-theme.h"

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
  /* Whether the cached picture is out of date beyond size, scale and
   * theme, which the base checks itself; may be NULL. */
  gboolean  (*is_stale)      (FlSceneWidget *self);
  /* The picture, width × height, into @scene; called only with a store. */
  void      (*paint)         (FlSceneWidget *self,
                              FlScene       *scene,
                              int            width,
                              int            height);
  /* What the pointer at (@x, @y) brings up, over the picture; may be NULL. */
  void      (*paint_hover)   (FlSceneWidget *self,
                              FlScene       *scene,
                              double         x,
                              double         y);
  /* The tooltip's text at (@x, @y), or NULL. */
  char     *(*describe_at)   (FlSceneWidget *self,
                              double         x,
                              double         y);
  /* The pointer moved to (@x, @y), or left (@inside FALSE). */
  void      (*hover_changed) (FlSceneWidget *self,
                              gboolean       inside,
                              double         x,
                              double         y);
  /* A text alternative of the whole picture once the run has ended. */
  char     *(*describe)      (FlSceneWidget *self);

  /* What the accessible description says while the run goes on. */
  const char *pending_description;

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
/* Colours: NULL (the default) follows the widget's style. */
void      fl_scene_widget_set_theme       (FlSceneWidget *self,
                                           FlTheme       *theme);
FlTheme  *fl_scene_widget_get_theme       (FlSceneWidget *self);
/* What the tooltip at (@x, @y) says, or NULL. */
char     *fl_scene_widget_describe_at     (FlSceneWidget *self,
                                           double         x,
                                           double         y);

/* For subclasses. */
/* Drops the cached picture and draws again (queue_resize when @resize). */
void      fl_scene_widget_invalidate      (FlSceneWidget *self,
                                           gboolean       resize);
/* Says the picture again to screen readers (describe, once not live). */
void      fl_scene_widget_update_description (FlSceneWidget *self);
/* Whether the pointer is over the widget, and where. */
gboolean  fl_scene_widget_get_hover       (FlSceneWidget *self,
                                           double        *x,
                                           double        *y);

G_END_DECLS
