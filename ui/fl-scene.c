/* fl-scene.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-scene"

#include "config.h"

#include <string.h>

#include <pango/pangocairo.h>

#include "fl-scene.h"

struct _FlScene
{
  gatomicrefcount  ref_count;
  float            width;
  float            height;
  FlColor          background;
  GArray          *items;     /* of FlItem */
  GStringChunk    *strings;
  int              clip_depth;
  char            *title;
};

FlScene *
fl_scene_new (float width,
              float height)
{
  FlScene *scene = g_new0 (FlScene, 1);

  g_atomic_ref_count_init (&scene->ref_count);
  scene->width = width;
  scene->height = height;
  scene->items = g_array_sized_new (FALSE, FALSE, sizeof (FlItem), 1024);
  scene->strings = g_string_chunk_new (1024);
  return scene;
}

FlScene *
fl_scene_ref (FlScene *scene)
{
  g_atomic_ref_count_inc (&scene->ref_count);
  return scene;
}

void
fl_scene_unref (FlScene *scene)
{
  if (!g_atomic_ref_count_dec (&scene->ref_count))
    return;
  g_array_unref (scene->items);
  g_string_chunk_free (scene->strings);
  g_free (scene->title);
  g_free (scene);
}

/**
 * fl_scene_set_title:
 * @scene: a scene
 * @title: (nullable): what the picture is, for a PDF's or an SVG's title
 */
void
fl_scene_set_title (FlScene    *scene,
                    const char *title)
{
  g_free (scene->title);
  scene->title = g_strdup (title);
}

const char *
fl_scene_get_title (FlScene *scene)
{
  return scene->title;
}

float
fl_scene_get_width (FlScene *scene)
{
  return scene->width;
}

float
fl_scene_get_height (FlScene *scene)
{
  return scene->height;
}

void
fl_scene_set_background (FlScene       *scene,
                         const FlColor *color)
{
  scene->background = *color;
}

const FlColor *
fl_scene_get_background (FlScene *scene)
{
  return &scene->background;
}

static FlItem *
add_item (FlScene    *scene,
          FlItemKind  kind)
{
  FlItem *item;

  g_array_set_size (scene->items, scene->items->len + 1);
  item = &g_array_index (scene->items, FlItem, scene->items->len - 1);
  memset (item, 0, sizeof *item);
  item->kind = kind;
  return item;
}

/* An item of @kind that covers the box at (@x, @y), @w × @h. */
static FlItem *
add_box (FlScene    *scene,
         FlItemKind  kind,
         float       x,
         float       y,
         float       w,
         float       h)
{
  FlItem *item = add_item (scene, kind);

  item->x = x;
  item->y = y;
  item->w = w;
  item->h = h;
  return item;
}

void
fl_scene_rect (FlScene       *scene,
               float          x,
               float          y,
               float          w,
               float          h,
               const FlColor *color)
{
  FlItem *item;

  if (w <= 0 || h <= 0 || color->alpha <= 0)
    return;
  item = add_box (scene, FL_ITEM_RECT, x, y, w, h);
  item->color = *color;
}

void
fl_scene_rounded_rect (FlScene       *scene,
                       float          x,
                       float          y,
                       float          w,
                       float          h,
                       float          radius,
                       const FlColor *color)
{
  FlItem *item;

  if (w <= 0 || h <= 0 || color->alpha <= 0)
    return;
  item = add_box (scene, FL_ITEM_RECT, x, y, w, h);
  item->radius = MIN (radius, MIN (w, h) / 2);
  item->color = *color;
}

void
fl_scene_hatched_rect (FlScene       *scene,
                       float          x,
                       float          y,
                       float          w,
                       float          h,
                       const FlColor *color,
                       const FlColor *hatch_color,
                       FlHatch        hatch)
{
  FlItem *item;

  if (w <= 0 || h <= 0)
    return;
  item = add_box (scene, FL_ITEM_RECT, x, y, w, h);
  item->color = *color;
  item->color2 = *hatch_color;
  item->hatch = hatch;
}

void
fl_scene_frame (FlScene       *scene,
                float          x,
                float          y,
                float          w,
                float          h,
                float          line_width,
                float          radius,
                const FlColor *color)
{
  FlItem *item;

  if (w <= 0 || h <= 0 || line_width <= 0)
    return;
  item = add_box (scene, FL_ITEM_FRAME, x, y, w, h);
  item->line_width = line_width;
  item->radius = MIN (radius, MIN (w, h) / 2);
  item->color = *color;
}

static void
add_line (FlScene       *scene,
          float          x0,
          float          y0,
          float          x1,
          float          y1,
          float          line_width,
          const FlColor *color,
          gboolean       arrow,
          gboolean       dashed)
{
  FlItem *item = add_box (scene, FL_ITEM_LINE, x0, y0, x1 - x0, y1 - y0);

  item->line_width = line_width;
  item->color = *color;
  item->arrow = arrow != FALSE;
  item->dashed = dashed != FALSE;
}

void
fl_scene_line (FlScene       *scene,
               float          x0,
               float          y0,
               float          x1,
               float          y1,
               float          line_width,
               const FlColor *color,
               gboolean       arrow)
{
  add_line (scene, x0, y0, x1, y1, line_width, color, arrow, FALSE);
}

void
fl_scene_dashed_line (FlScene       *scene,
                      float          x0,
                      float          y0,
                      float          x1,
                      float          y1,
                      float          line_width,
                      const FlColor *color,
                      gboolean       arrow)
{
  add_line (scene, x0, y0, x1, y1, line_width, color, arrow, TRUE);
}

void
fl_scene_text (FlScene       *scene,
               float          x,
               float          y,
               float          w,
               const char    *text,
               float          font_size,
               gboolean       bold,
               FlTextAlign    align,
               const FlColor *color)
{
  FlItem *item;

  if (text == NULL || *text == '\0')
    return;
  item = add_box (scene, FL_ITEM_TEXT, x, y, w, fl_scene_text_height (font_size, NULL));
  item->font_size = font_size;
  item->bold = bold != FALSE;
  item->align = align;
  item->color = *color;
  item->text = g_string_chunk_insert_const (scene->strings, text);
}

void
fl_scene_mono_text (FlScene       *scene,
                    float          x,
                    float          y,
                    const char    *text,
                    float          font_size,
                    const FlColor *color)
{
  FlItem *item;

  if (text == NULL || *text == '\0')
    return;
  item = add_box (scene, FL_ITEM_TEXT, x, y, 0, fl_scene_text_height (font_size, NULL));
  item->font_size = font_size;
  item->mono = TRUE;
  item->align = FL_TEXT_LEFT;
  item->color = *color;
  item->text = g_string_chunk_insert_const (scene->strings, text);
}

void
fl_scene_push_clip (FlScene *scene,
                    float    x,
                    float    y,
                    float    w,
                    float    h)
{
  add_box (scene, FL_ITEM_CLIP_PUSH, x, y, MAX (w, 0), MAX (h, 0));
  scene->clip_depth++;
}

void
fl_scene_pop_clip (FlScene *scene)
{
  g_return_if_fail (scene->clip_depth > 0);
  add_item (scene, FL_ITEM_CLIP_POP);
  scene->clip_depth--;
}

guint
fl_scene_get_n_items (FlScene *scene)
{
  return scene->items->len;
}

const FlItem *
fl_scene_get_items (FlScene *scene)
{
  return (const FlItem *) (gpointer) scene->items->data;
}

FlColor
fl_color_mix (const FlColor *a,
              const FlColor *b,
              float          t)
{
  FlColor c;

  c.red = a->red + (b->red - a->red) * t;
  c.green = a->green + (b->green - a->green) * t;
  c.blue = a->blue + (b->blue - a->blue) * t;
  c.alpha = a->alpha + (b->alpha - a->alpha) * t;
  return c;
}

FlColor
fl_color_with_alpha (const FlColor *color,
                     float          alpha)
{
  FlColor c = *color;

  c.alpha = alpha;
  return c;
}

/* ---- measuring text ------------------------------------------------------ */

/* One per thread: pangocairo's default font map is per thread, and an
 * export may paint in a worker thread while the window paints. */
typedef struct
{
  PangoContext         *context;
  PangoLayout          *layout;
  PangoFontDescription *desc;
  GHashTable           *widths;   /* "size|bold|text" → width, as a float in a pointer-sized box */
} Measure;

static void
measure_free (gpointer data)
{
  Measure *m = data;

  g_hash_table_unref (m->widths);
  pango_font_description_free (m->desc);
  g_object_unref (m->layout);
  g_object_unref (m->context);
  g_free (m);
}

static GPrivate measure_key = G_PRIVATE_INIT (measure_free);

static Measure *
get_measure (float    font_size,
             gboolean bold)
{
  Measure *m = g_private_get (&measure_key);

  if (m == NULL)
    {
      PangoFontMap *map = pango_cairo_font_map_get_default ();
      cairo_font_options_t *options = cairo_font_options_create ();

      m = g_new0 (Measure, 1);
      m->context = pango_font_map_create_context (map);
      /* Unhinted metrics: the same advances at every scale and in every
       * renderer, so what fits on screen fits in a 4K export. */
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (m->context, options);
      cairo_font_options_destroy (options);
      m->layout = pango_layout_new (m->context);
      m->desc = pango_font_description_from_string (FL_SCENE_FONT_FAMILY);
      m->widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_private_set (&measure_key, m);
    }
  pango_font_description_set_absolute_size (m->desc, font_size * PANGO_SCALE);
  pango_font_description_set_weight (m->desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (m->layout, m->desc);
  return m;
}

float
fl_scene_measure_text (const char *text,
                       float       font_size,
                       gboolean    bold)
{
  g_autofree char *key = NULL;
  Measure *m;
  float *cached;
  PangoRectangle logical;

  if (text == NULL || *text == '\0')
    return 0;

  m = g_private_get (&measure_key);
  key = g_strdup_printf ("%.2f|%d|%s", font_size, bold != FALSE, text);
  if (m && (cached = g_hash_table_lookup (m->widths, key)))
    return *cached;

  m = get_measure (font_size, bold);
  pango_layout_set_text (m->layout, text, -1);
  pango_layout_get_extents (m->layout, NULL, &logical);
  if (g_hash_table_size (m->widths) > 8192)
    g_hash_table_remove_all (m->widths);
  cached = g_new (float, 1);
  *cached = (float) logical.width / PANGO_SCALE;
  g_hash_table_insert (m->widths, g_steal_pointer (&key), cached);
  return *cached;
}

float
fl_scene_measure_mono_text (const char *text,
                            float       font_size)
{
  Measure *m;
  PangoRectangle logical;

  if (text == NULL || *text == '\0')
    return 0;
  m = get_measure (font_size, FALSE);
  pango_font_description_set_family (m->desc, FL_SCENE_MONO_FAMILY);
  pango_layout_set_font_description (m->layout, m->desc);
  pango_layout_set_text (m->layout, text, -1);
  pango_layout_get_extents (m->layout, NULL, &logical);
  pango_font_description_set_family (m->desc, FL_SCENE_FONT_FAMILY);
  pango_layout_set_font_description (m->layout, m->desc);
  return (float) logical.width / PANGO_SCALE;
}

float
fl_scene_text_height (float  font_size,
                      float *baseline)
{
  g_autofree char *key = g_strdup_printf ("%.2f|metrics", font_size);
  Measure *m = g_private_get (&measure_key);
  float *cached;

  if (!(m && (cached = g_hash_table_lookup (m->widths, key))))
    {
      PangoRectangle logical;

      m = get_measure (font_size, FALSE);
      pango_layout_set_text (m->layout, "Xg", -1);
      pango_layout_get_extents (m->layout, NULL, &logical);
      cached = g_new (float, 2);
      cached[0] = (float) logical.height / PANGO_SCALE;
      cached[1] = (float) pango_layout_get_baseline (m->layout) / PANGO_SCALE;
      g_hash_table_insert (m->widths, g_steal_pointer (&key), cached);
    }
  if (baseline)
    *baseline = cached[1];
  return cached[0];
}

char *
fl_scene_fit_text (const char *text,
                   float       font_size,
                   gboolean    bold,
                   float       max_width)
{
  g_autoptr(GString) s = NULL;
  const char *end;
  glong n, lo, hi;

  if (text == NULL || max_width <= 0)
    return NULL;
  if (fl_scene_measure_text (text, font_size, bold) <= max_width)
    return g_strdup (text);

  /* The longest prefix that fits with the ellipsis: a binary search over
   * characters, each probe one (cached) measurement. */
  n = g_utf8_strlen (text, -1);
  lo = 0;
  hi = n - 1;
  s = g_string_new (NULL);
  while (lo < hi)
    {
      glong mid = (lo + hi + 1) / 2;

      end = g_utf8_offset_to_pointer (text, mid);
      g_string_truncate (s, 0);
      g_string_append_len (s, text, end - text);
      g_string_append (s, "…");
      if (fl_scene_measure_text (s->str, font_size, bold) <= max_width)
        lo = mid;
      else
        hi = mid - 1;
    }
  if (lo == 0)
    return NULL;
  end = g_utf8_offset_to_pointer (text, lo);
  g_string_truncate (s, 0);
  g_string_append_len (s, text, end - text);
  /* No ellipsis after a space. */
  while (s->len > 0 && s->str[s->len - 1] == ' ')
    g_string_truncate (s, s->len - 1);
  g_string_append (s, "…");
  return g_string_free (g_steal_pointer (&s), FALSE);
}
