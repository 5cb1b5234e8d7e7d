/* fl-scene-gtk.h — scenes to GTK render nodes
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Boxes become color nodes, rounded boxes and frames border nodes, text
 * glyph nodes; axis-aligned lines become thin boxes.  Only what needs a
 * path goes through cairo — diagonal lines and arrows, one cairo node per
 * run of them — and a hatched box is one repeat node of a small cached
 * texture.  A renderer keeps the text layouts and hatch tiles between
 * frames.
 */

#pragma once

#include <gtk/gtk.h>

#include "fl-scene.h"
#include "fl-theme.h"

G_BEGIN_DECLS

typedef struct _FlSceneRenderer FlSceneRenderer;

/* For @widget: text is set with a Pango context made from it, hatch
 * tiles at its scale factor. */
FlSceneRenderer *fl_scene_renderer_new      (GtkWidget       *widget);
/* For no widget (no display needed): text set with @context. */
FlSceneRenderer *fl_scene_renderer_new_for_context (PangoContext *context,
                                                    int           scale);
void             fl_scene_renderer_free     (FlSceneRenderer *self);
/* Call when the widget's scale factor or font settings changed. */
void             fl_scene_renderer_reset    (FlSceneRenderer *self);
void             fl_scene_renderer_render   (FlSceneRenderer *self,
                                             FlScene         *scene,
                                             GtkSnapshot     *snapshot);
/* The same as one render node (NULL for an empty scene). */
GskRenderNode   *fl_scene_renderer_to_node  (FlSceneRenderer *self,
                                             FlScene         *scene);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlSceneRenderer, fl_scene_renderer_free)

/* How many nodes @node is, itself and all it contains. */
guint            fl_render_node_count       (GskRenderNode   *node);

/* The theme "as on screen": @widget's text and background colours (and
 * libadwaita's accent colour when there is one). */
FlTheme         *fl_theme_new_for_widget    (GtkWidget       *widget);

/* A widget's theme, made from its style and made anew only when the
 * style's text colour or view background changes (light/dark switch). */
typedef struct
{
  FlTheme *theme;
  GdkRGBA  fg;
  GdkRGBA  bg;
} FlThemeCache;

FlTheme         *fl_theme_cache_get         (FlThemeCache    *cache,
                                             GtkWidget       *widget);
void             fl_theme_cache_clear       (FlThemeCache    *cache);

G_END_DECLS
