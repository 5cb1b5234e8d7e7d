/* fl-scene-svg.c — scenes as SVG documents, with text as <text>
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cairo's SVG surface draws every glyph as a path: a slide then cannot
 * be searched or edited.  A scene is simple enough to write directly:
 * rects, paths, clip groups, hatch patterns and text.
 */

#define G_LOG_DOMAIN "fl-scene"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fl-scene-cairo.h"

/* Numbers as SVG wants them: '.' as decimal point whatever the locale,
 * no needless digits. */
static void
num (GString *s,
     double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_ascii_formatd (buf, sizeof buf, "%.3f", v);
  end = buf + strlen (buf) - 1;
  while (end > buf && *end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  if (strcmp (buf, "-0") == 0)
    strcpy (buf, "0");
  g_string_append (s, buf);
}

static void
color_attr (GString       *s,
            const char    *what,
            const FlColor *c)
{
  g_string_append_printf (s, " %s=\"#%02x%02x%02x\"", what,
                          (guint) lroundf (CLAMP (c->red, 0, 1) * 255),
                          (guint) lroundf (CLAMP (c->green, 0, 1) * 255),
                          (guint) lroundf (CLAMP (c->blue, 0, 1) * 255));
  if (c->alpha < 1)
    {
      g_string_append_printf (s, " %s-opacity=\"", what);
      num (s, c->alpha);
      g_string_append_c (s, '"');
    }
}

static void
rect_attrs (GString *s,
            double   x,
            double   y,
            double   w,
            double   h,
            double   r)
{
  g_string_append (s, " x=\"");
  num (s, x);
  g_string_append (s, "\" y=\"");
  num (s, y);
  g_string_append (s, "\" width=\"");
  num (s, w);
  g_string_append (s, "\" height=\"");
  num (s, h);
  g_string_append_c (s, '"');
  if (r > 0)
    {
      g_string_append (s, " rx=\"");
      num (s, r);
      g_string_append_c (s, '"');
    }
}

static guint
color_key (const FlColor *c)
{
  return (guint) lroundf (c->red * 255) << 24 | (guint) lroundf (c->green * 255) << 16 |
         (guint) lroundf (c->blue * 255) << 8 | (guint) lroundf (c->alpha * 255);
}

/* One <pattern> per hatch, fill and stripe colour, in the same grid as
 * fl_scene_cairo_hatch(). */
static const char *
pattern_for (GString      *defs,
             GHashTable   *patterns,
             const FlItem *item)
{
  g_autofree char *key = g_strdup_printf ("%u-%08x-%08x", item->hatch, color_key (&item->color),
                                          color_key (&item->color2));
  const double T = FL_HATCH_TILE;
  char *id;

  if ((id = g_hash_table_lookup (patterns, key)))
    return id;
  id = g_strdup_printf ("h%u", g_hash_table_size (patterns));
  g_hash_table_insert (patterns, g_steal_pointer (&key), id);

  /* Every number through num(): printf would use the locale's decimal comma. */
  g_string_append_printf (defs, "<pattern id=\"%s\" patternUnits=\"userSpaceOnUse\" width=\"", id);
  num (defs, T);
  g_string_append (defs, "\" height=\"");
  num (defs, T);
  g_string_append (defs, "\"><rect");
  rect_attrs (defs, 0, 0, T, T, 0);
  color_attr (defs, "fill", &item->color);
  g_string_append (defs, "/>");
  if (item->hatch == FL_HATCH_DOTS)
    {
      g_string_append (defs, "<circle cx=\"");
      num (defs, T / 2);
      g_string_append (defs, "\" cy=\"");
      num (defs, T / 2);
      g_string_append (defs, "\" r=\"");
      num (defs, T * 0.2);
      g_string_append_c (defs, '"');
      color_attr (defs, "fill", &item->color2);
      g_string_append (defs, "/>");
    }
  else
    {
      /* Segments of the stripes that cross the tile, as in fl_scene_cairo_hatch(). */
      static const double slash[] = { -1, 1, 0, 0,  0, 1, 1, 0,  1, 1, 2, 0 };
      static const double back[] = { -1, 0, 0, 1,  0, 0, 1, 1,  1, 0, 2, 1 };
      guint k;

      g_string_append (defs, "<path d=\"");
      for (k = 0; k < 12; k += 4)
        {
          if (item->hatch == FL_HATCH_DIAGONAL || item->hatch == FL_HATCH_CROSS)
            {
              g_string_append_c (defs, 'M'); num (defs, slash[k] * T); g_string_append_c (defs, ' ');
              num (defs, slash[k + 1] * T); g_string_append_c (defs, 'L'); num (defs, slash[k + 2] * T);
              g_string_append_c (defs, ' '); num (defs, slash[k + 3] * T);
            }
          if (item->hatch == FL_HATCH_BACK_DIAGONAL || item->hatch == FL_HATCH_CROSS)
            {
              g_string_append_c (defs, 'M'); num (defs, back[k] * T); g_string_append_c (defs, ' ');
              num (defs, back[k + 1] * T); g_string_append_c (defs, 'L'); num (defs, back[k + 2] * T);
              g_string_append_c (defs, ' '); num (defs, back[k + 3] * T);
            }
        }
      g_string_append (defs, "\" stroke-linecap=\"square\" stroke-width=\"");
      num (defs, item->hatch == FL_HATCH_CROSS ? T * 0.18 : T * 0.28);
      g_string_append_c (defs, '"');
      color_attr (defs, "stroke", &item->color2);
      g_string_append (defs, "/>");
    }
  g_string_append (defs, "</pattern>\n");
  return id;
}

static void
write_line (GString      *s,
            const FlItem *item)
{
  double x0 = item->x, y0 = item->y, x1 = item->x + item->w, y1 = item->y + item->h;
  double len = hypot (item->w, item->h);

  if (len <= 0)
    return;
  if (item->arrow)
    {
      double head = MIN (4 + 2.5 * item->line_width, len * 0.6);
      double ux = item->w / len, uy = item->h / len;
      double bx = x1 - ux * head, by = y1 - uy * head, half = head * 0.45;

      g_string_append (s, "<path d=\"M");
      num (s, x1); g_string_append_c (s, ' '); num (s, y1);
      g_string_append_c (s, 'L');
      num (s, bx - uy * half); g_string_append_c (s, ' '); num (s, by + ux * half);
      g_string_append_c (s, 'L');
      num (s, bx + uy * half); g_string_append_c (s, ' '); num (s, by - ux * half);
      g_string_append (s, "Z\"");
      color_attr (s, "fill", &item->color);
      g_string_append (s, "/>\n");
      x1 = bx + ux * head * 0.3;
      y1 = by + uy * head * 0.3;
    }
  g_string_append (s, "<path d=\"M");
  num (s, x0); g_string_append_c (s, ' '); num (s, y0);
  g_string_append_c (s, 'L');
  num (s, x1); g_string_append_c (s, ' '); num (s, y1);
  g_string_append (s, "\" fill=\"none\" stroke-width=\"");
  num (s, item->line_width);
  g_string_append_c (s, '"');
  if (item->dashed)
    {
      g_string_append (s, " stroke-dasharray=\"");
      num (s, 4 * item->line_width);
      g_string_append_c (s, ' ');
      num (s, 3 * item->line_width);
      g_string_append_c (s, '"');
    }
  color_attr (s, "stroke", &item->color);
  g_string_append (s, "/>\n");
}

static void
write_text (GString      *s,
            const FlItem *item)
{
  g_autofree char *escaped = g_markup_escape_text (item->text, -1);
  float baseline;
  double x = item->x;
  const char *anchor = "start";

  fl_scene_text_height (item->font_size, &baseline);
  if (item->align == FL_TEXT_CENTER)
    {
      x += item->w / 2;
      anchor = "middle";
    }
  else if (item->align == FL_TEXT_RIGHT)
    {
      x += item->w;
      anchor = "end";
    }
  g_string_append (s, "<text x=\"");
  num (s, x);
  g_string_append (s, "\" y=\"");
  num (s, item->y + baseline);
  g_string_append (s, "\" font-size=\"");
  num (s, item->font_size);
  g_string_append_c (s, '"');
  if (item->bold)
    g_string_append (s, " font-weight=\"bold\"");
  if (item->mono)
    g_string_append (s, " font-family=\"'DejaVu Sans Mono', 'Noto Sans Mono', 'Liberation Mono', monospace\" xml:space=\"preserve\"");
  if (item->align != FL_TEXT_LEFT)
    g_string_append_printf (s, " text-anchor=\"%s\"", anchor);
  color_attr (s, "fill", &item->color);
  g_string_append_printf (s, ">%s</text>\n", escaped);
}

char *
fl_scene_to_svg (FlScene *scene,
                 double   scale)
{
  const FlItem *items = fl_scene_get_items (scene);
  guint n = fl_scene_get_n_items (scene), i, clips = 0;
  const FlColor *bg = fl_scene_get_background (scene);
  float w = fl_scene_get_width (scene), h = fl_scene_get_height (scene);
  g_autoptr(GHashTable) patterns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GString *defs = g_string_new (NULL);
  GString *body = g_string_sized_new (64 * n + 256);
  GString *doc;
  int depth = 0;

  if (bg->alpha > 0)
    {
      g_string_append (body, "<rect");
      rect_attrs (body, 0, 0, w, h, 0);
      color_attr (body, "fill", bg);
      g_string_append (body, "/>\n");
    }

  for (i = 0; i < n; i++)
    {
      const FlItem *item = &items[i];

      switch (item->kind)
        {
        case FL_ITEM_RECT:
          g_string_append (body, "<rect");
          rect_attrs (body, item->x, item->y, item->w, item->h, item->radius);
          if (item->hatch != FL_HATCH_NONE)
            g_string_append_printf (body, " fill=\"url(#%s)\"", pattern_for (defs, patterns, item));
          else
            color_attr (body, "fill", &item->color);
          g_string_append (body, "/>\n");
          break;

        case FL_ITEM_FRAME:
          g_string_append (body, "<rect");
          rect_attrs (body, item->x + item->line_width / 2, item->y + item->line_width / 2,
                      item->w - item->line_width, item->h - item->line_width,
                      MAX (item->radius - item->line_width / 2, 0));
          g_string_append (body, " fill=\"none\" stroke-width=\"");
          num (body, item->line_width);
          g_string_append_c (body, '"');
          color_attr (body, "stroke", &item->color);
          g_string_append (body, "/>\n");
          break;

        case FL_ITEM_LINE:
          write_line (body, item);
          break;

        case FL_ITEM_TEXT:
          write_text (body, item);
          break;

        case FL_ITEM_CLIP_PUSH:
          g_string_append_printf (body, "<clipPath id=\"c%u\"><rect", clips);
          rect_attrs (body, item->x, item->y, item->w, item->h, 0);
          g_string_append_printf (body, "/></clipPath>\n<g clip-path=\"url(#c%u)\">\n", clips);
          clips++;
          depth++;
          break;

        case FL_ITEM_CLIP_POP:
          if (depth > 0)
            {
              g_string_append (body, "</g>\n");
              depth--;
            }
          break;

        default:
          break;
        }
    }
  while (depth-- > 0)
    g_string_append (body, "</g>\n");

  doc = g_string_sized_new (body->len + defs->len + 512);
  g_string_append (doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append (doc, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"");
  num (doc, w * scale);
  g_string_append (doc, "\" height=\"");
  num (doc, h * scale);
  g_string_append (doc, "\" viewBox=\"0 0 ");
  num (doc, w);
  g_string_append_c (doc, ' ');
  num (doc, h);
  g_string_append (doc, "\" font-family=\"Cantarell, 'Noto Sans', 'DejaVu Sans', sans-serif\">\n");
  {
    g_autofree char *title = g_markup_escape_text (fl_scene_get_title (scene) ? fl_scene_get_title (scene)
                                                                               : "Forkline", -1);

    g_string_append_printf (doc, "<title>%s</title>\n", title);
  }
  if (defs->len > 0)
    g_string_append_printf (doc, "<defs>\n%s</defs>\n", defs->str);
  g_string_append_len (doc, body->str, body->len);
  g_string_append (doc, "</svg>\n");
  g_string_free (defs, TRUE);
  g_string_free (body, TRUE);
  return g_string_free (doc, FALSE);
}
