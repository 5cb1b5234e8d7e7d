/* fl-scene.h — a picture as a list of boxes, lines and text
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every view of Forkline (timeline, CPU chart, memory diagram, slide) is
 * painted into an FlScene by a painter that knows nothing of GTK.  The
 * window turns a scene into render nodes (fl-scene-gtk.c); export turns
 * the very same scene into PNG, SVG or PDF with cairo and Pango
 * (fl-scene-cairo.c), with no display at all.  One painter, so the slide
 * shows exactly what the window showed.
 *
 * Coordinates are in logical pixels, y down.  Items are drawn in order.
 * Text is set in FL_SCENE_FONT_FAMILY by every renderer, so that what a
 * painter measured with fl_scene_measure_text() is what gets drawn.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The same layout as GdkRGBA, so the GTK renderer can cast. */
typedef struct
{
  float red, green, blue, alpha;
} FlColor;

#define FL_COLOR_RGB(hex) { ((hex) >> 16 & 0xff) / 255.f, ((hex) >> 8 & 0xff) / 255.f, ((hex) & 0xff) / 255.f, 1.f }

typedef enum
{
  FL_ITEM_RECT,       /* a filled box (rounded by radius), optionally hatched */
  FL_ITEM_FRAME,      /* a box outline of line_width, drawn inside the box */
  FL_ITEM_LINE,       /* a straight line, optionally dashed, with an arrow head at its end */
  FL_ITEM_TEXT,       /* one line of text */
  FL_ITEM_CLIP_PUSH,  /* clip to the rect until the matching FL_ITEM_CLIP_POP */
  FL_ITEM_CLIP_POP,
} FlItemKind;

typedef enum
{
  FL_TEXT_LEFT,
  FL_TEXT_CENTER,
  FL_TEXT_RIGHT,
} FlTextAlign;

typedef enum
{
  FL_HATCH_NONE,
  FL_HATCH_DIAGONAL,       /* "/" stripes */
  FL_HATCH_BACK_DIAGONAL,  /* "\" stripes */
  FL_HATCH_CROSS,          /* both */
  FL_HATCH_DOTS,
  FL_N_HATCHES
} FlHatch;

/* The hatch pattern repeats every FL_HATCH_TILE logical pixels, aligned on
 * the scene's origin, so that neighbouring boxes continue each other. */
#define FL_HATCH_TILE 6.f

typedef struct
{
  FlItemKind  kind;
  float       x, y, w, h;      /* RECT, FRAME, TEXT box, CLIP; LINE: from (x, y) to (x + w, y + h) */
  FlColor     color;
  FlColor     color2;          /* RECT: hatch colour */
  float       line_width;      /* FRAME, LINE */
  float       radius;          /* RECT, FRAME: corner radius */
  float       font_size;       /* TEXT: in logical pixels */
  guint8      hatch;           /* RECT: FlHatch */
  guint8      arrow;           /* LINE: draw a head at the end */
  guint8      dashed;          /* LINE */
  guint8      align;           /* TEXT: FlTextAlign within [x, x + w] */
  guint8      bold;            /* TEXT */
  guint8      mono;            /* TEXT: in FL_SCENE_MONO_FAMILY (program source) */
  const char *text;            /* TEXT: owned by the scene */
} FlItem;

#define FL_SCENE_FONT_FAMILY "Cantarell,Noto Sans,DejaVu Sans,sans-serif"
#define FL_SCENE_MONO_FAMILY "DejaVu Sans Mono,Noto Sans Mono,Liberation Mono,monospace"

typedef struct _FlScene FlScene;

FlScene       *fl_scene_new          (float          width,
                                      float          height);
FlScene       *fl_scene_ref          (FlScene       *scene);
void           fl_scene_unref        (FlScene       *scene);
float          fl_scene_get_width    (FlScene       *scene);
float          fl_scene_get_height   (FlScene       *scene);
/* The page's background; a transparent one (the default) lets the
 * widget's show through. */
/* What the picture is: a PDF's title metadata, an SVG's <title>. */
void           fl_scene_set_title    (FlScene       *scene,
                                      const char    *title);
const char    *fl_scene_get_title    (FlScene       *scene);
void           fl_scene_set_background (FlScene     *scene,
                                        const FlColor *color);
const FlColor *fl_scene_get_background (FlScene     *scene);

void           fl_scene_rect         (FlScene       *scene,
                                      float          x,
                                      float          y,
                                      float          w,
                                      float          h,
                                      const FlColor *color);
void           fl_scene_rounded_rect (FlScene       *scene,
                                      float          x,
                                      float          y,
                                      float          w,
                                      float          h,
                                      float          radius,
                                      const FlColor *color);
void           fl_scene_hatched_rect (FlScene       *scene,
                                      float          x,
                                      float          y,
                                      float          w,
                                      float          h,
                                      const FlColor *color,
                                      const FlColor *hatch_color,
                                      FlHatch        hatch);
void           fl_scene_frame        (FlScene       *scene,
                                      float          x,
                                      float          y,
                                      float          w,
                                      float          h,
                                      float          line_width,
                                      float          radius,
                                      const FlColor *color);
void           fl_scene_line         (FlScene       *scene,
                                      float          x0,
                                      float          y0,
                                      float          x1,
                                      float          y1,
                                      float          line_width,
                                      const FlColor *color,
                                      gboolean       arrow);
void           fl_scene_dashed_line  (FlScene       *scene,
                                      float          x0,
                                      float          y0,
                                      float          x1,
                                      float          y1,
                                      float          line_width,
                                      const FlColor *color,
                                      gboolean       arrow);
/* @y is the top of the text line; @w the box @align refers to. */
void           fl_scene_text         (FlScene       *scene,
                                      float          x,
                                      float          y,
                                      float          w,
                                      const char    *text,
                                      float          font_size,
                                      gboolean       bold,
                                      FlTextAlign    align,
                                      const FlColor *color);
/* One line of program source, left-aligned, in the monospace family. */
void           fl_scene_mono_text    (FlScene       *scene,
                                      float          x,
                                      float          y,
                                      const char    *text,
                                      float          font_size,
                                      const FlColor *color);
void           fl_scene_push_clip    (FlScene       *scene,
                                      float          x,
                                      float          y,
                                      float          w,
                                      float          h);
void           fl_scene_pop_clip     (FlScene       *scene);

guint          fl_scene_get_n_items  (FlScene       *scene);
const FlItem  *fl_scene_get_items    (FlScene       *scene);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlScene, fl_scene_unref)

/* What every painter does once it has laid a view out: paint it, paint
 * what the pointer brings up over it (NULL when nothing does), say what
 * is at a point, free itself.  Each painter exports its table
 * (fl_timeline_painter_funcs, fl_cpu_painter_funcs,
 * fl_memory_painter_funcs), so that a widget can hold any of them. */
typedef void   (*FlPainterPaintFunc)      (gpointer painter,
                                           FlScene *scene);
typedef void   (*FlPainterPaintHoverFunc) (gpointer painter,
                                           FlScene *scene,
                                           double   x,
                                           double   y);
typedef char  *(*FlPainterDescribeAtFunc) (gpointer painter,
                                           double   x,
                                           double   y);

typedef struct
{
  FlPainterPaintFunc      paint;
  FlPainterPaintHoverFunc paint_hover;
  FlPainterDescribeAtFunc describe_at;
  GDestroyNotify          free;
} FlPainterFuncs;

/* Text measurement for painters, without GTK: the advance width of @text
 * at @font_size, set in FL_SCENE_FONT_FAMILY by Pango through pangocairo's
 * default font map (metrics unhinted, as the renderers draw it).  Cached;
 * safe from any thread. */
float          fl_scene_measure_text (const char    *text,
                                      float          font_size,
                                      gboolean       bold);
/* The height of one line of text at @font_size and the distance from its
 * top to the baseline. */
/* The width of @text in the monospace family (FL_SCENE_MONO_FAMILY). */
float          fl_scene_measure_mono_text (const char *text,
                                           float       font_size);
float          fl_scene_text_height  (float          font_size,
                                      float         *baseline);
/* @text if it fits in @max_width, else its longest prefix with "…" that
 * does, else NULL.  Free with g_free. */
char          *fl_scene_fit_text     (const char    *text,
                                      float          font_size,
                                      gboolean       bold,
                                      float          max_width);

/* Mixes @a towards @b by @t (0..1). */
FlColor        fl_color_mix          (const FlColor *a,
                                      const FlColor *b,
                                      float          t);
FlColor        fl_color_with_alpha   (const FlColor *color,
                                      float          alpha);

G_END_DECLS
