/* fl-scene-cairo.h — scenes to cairo, and to PNG, SVG and PDF files
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No display needed: cairo and Pango (pangocairo) only, so the command
 * line can export headless.  Text stays text: PDF embeds the fonts'
 * glyphs with their characters (selectable), and SVG is written by hand
 * with <text> elements rather than through cairo's SVG surface, which
 * would turn every letter into a path.
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "fl-scene.h"

G_BEGIN_DECLS

typedef enum
{
  FL_SCENE_FORMAT_PNG,
  FL_SCENE_FORMAT_SVG,
  FL_SCENE_FORMAT_PDF,
} FlSceneFormat;

/* Largest side, in device pixels, of a PNG (cairo's image limit). */
#define FL_SCENE_MAX_PIXELS 32767

/* Draws @scene into @cr, in @cr's current user space (logical pixels);
 * paints the scene's background if it is not transparent. */
void             fl_scene_render_cairo      (FlScene        *scene,
                                             cairo_t        *cr);
/* Draws the hatch pattern of a hatched box, clipped to it: shared with
 * the GTK renderer's tiles so both draw the same stripes. */
void             fl_scene_cairo_hatch       (cairo_t        *cr,
                                             FlHatch         hatch,
                                             const FlColor  *color,
                                             double          x,
                                             double          y,
                                             double          w,
                                             double          h);

/* An ARGB32 image of @scene at @scale device pixels per logical one;
 * NULL with @error when too big. */
cairo_surface_t *fl_scene_to_image          (FlScene        *scene,
                                             double          scale,
                                             GError        **error);
/* The SVG document of @scene, @scale times its logical size. */
char            *fl_scene_to_svg            (FlScene        *scene,
                                             double          scale);

/* By the file name's extension (.png, .svg, .pdf, any case). */
gboolean         fl_scene_format_from_path  (const char     *path,
                                             FlSceneFormat  *format);
const char      *fl_scene_format_to_string  (FlSceneFormat   format);

/**
 * fl_scene_write_file:
 * @scene: what to draw
 * @path: where
 * @format: how
 * @scale: device pixels (PNG) or points (PDF) per logical pixel; SVG
 *   gets @scale times the logical size as its width and height
 *
 * Writes to a temporary file in @path's folder and renames it to @path
 * once complete: a failure leaves nothing behind, and the error (in the
 * G_IO_ERROR domain) says what failed and where.
 */
gboolean         fl_scene_write_file        (FlScene        *scene,
                                             const char     *path,
                                             FlSceneFormat   format,
                                             double          scale,
                                             GError        **error);
/* The same, in memory (the clipboard). */
GBytes          *fl_scene_write_bytes       (FlScene        *scene,
                                             FlSceneFormat   format,
                                             double          scale,
                                             GError        **error);

G_END_DECLS
