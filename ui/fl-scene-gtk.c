/* fl-scene-gtk.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-scene"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "fl-scene-cairo.h"
#include "fl-scene-gtk.h"

G_STATIC_ASSERT (sizeof (FlColor) == sizeof (GdkRGBA));
G_STATIC_ASSERT (G_STRUCT_OFFSET (FlColor, alpha) == G_STRUCT_OFFSET (GdkRGBA, alpha));

#define MAX_CACHED_LAYOUTS 4096

struct _FlSceneRenderer
{
  GtkWidget            *widget;     /* not owned: it owns us */
  PangoContext         *context;
  PangoFontDescription *desc;
  GHashTable           *layouts;    /* "size|bold|text" → PangoLayout */
  GHashTable           *tiles;      /* "hatch|fill|stripes|scale" → GdkTexture */
  int                   scale;
};

FlSceneRenderer *
fl_scene_renderer_new (GtkWidget *widget)
{
  FlSceneRenderer *self = g_new0 (FlSceneRenderer, 1);

  self->widget = widget;
  self->desc = pango_font_description_from_string (FL_SCENE_FONT_FAMILY);
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->tiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  return self;
}

void
fl_scene_renderer_reset (FlSceneRenderer *self)
{
  g_hash_table_remove_all (self->layouts);
  g_hash_table_remove_all (self->tiles);
  g_clear_object (&self->context);
}

void
fl_scene_renderer_free (FlSceneRenderer *self)
{
  fl_scene_renderer_reset (self);
  g_hash_table_unref (self->layouts);
  g_hash_table_unref (self->tiles);
  pango_font_description_free (self->desc);
  g_free (self);
}

static void
ensure_context (FlSceneRenderer *self)
{
  int scale = gtk_widget_get_scale_factor (self->widget);

  if (self->context && scale == self->scale)
    return;
  fl_scene_renderer_reset (self);
  self->scale = scale;
  self->context = gtk_widget_create_pango_context (self->widget);
  {
    /* Unhinted advances, as fl_scene_measure_text() and export measure:
     * a label that fits on screen fits on the slide. */
    const cairo_font_options_t *widget_options = pango_cairo_context_get_font_options (self->context);
    cairo_font_options_t *options = widget_options ? cairo_font_options_copy (widget_options)
                                                   : cairo_font_options_create ();

    cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options (self->context, options);
    cairo_font_options_destroy (options);
  }
}

static PangoLayout *
get_layout (FlSceneRenderer *self,
            const FlItem    *item)
{
  g_autofree char *key = g_strdup_printf ("%.2f|%d|%s", item->font_size, item->bold, item->text);
  PangoLayout *layout = g_hash_table_lookup (self->layouts, key);

  if (layout)
    return layout;
  if (g_hash_table_size (self->layouts) >= MAX_CACHED_LAYOUTS)
    g_hash_table_remove_all (self->layouts);
  layout = pango_layout_new (self->context);
  pango_font_description_set_absolute_size (self->desc, item->font_size * PANGO_SCALE);
  pango_font_description_set_weight (self->desc, item->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, self->desc);
  pango_layout_set_text (layout, item->text, -1);
  g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);
  return layout;
}

static GdkTexture *
get_tile (FlSceneRenderer *self,
          const FlItem    *item)
{
  g_autofree char *key = g_strdup_printf ("%u|%.3f,%.3f,%.3f,%.3f|%.3f,%.3f,%.3f,%.3f|%d", item->hatch,
                                          item->color.red, item->color.green, item->color.blue, item->color.alpha,
                                          item->color2.red, item->color2.green, item->color2.blue, item->color2.alpha,
                                          self->scale);
  GdkTexture *texture = g_hash_table_lookup (self->tiles, key);
  int px = (int) ceil (FL_HATCH_TILE * self->scale);
  cairo_surface_t *surface;
  g_autoptr(GBytes) bytes = NULL;
  cairo_t *cr;

  if (texture)
    return texture;

  /* The tile is drawn by the export's own hatch code: the same stripes. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, px, px);
  cr = cairo_create (surface);
  cairo_scale (cr, (double) px / FL_HATCH_TILE, (double) px / FL_HATCH_TILE);
  cairo_set_source_rgba (cr, item->color.red, item->color.green, item->color.blue, item->color.alpha);
  cairo_paint (cr);
  fl_scene_cairo_hatch (cr, item->hatch, &item->color2, 0, 0, FL_HATCH_TILE, FL_HATCH_TILE);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * px);
  texture = gdk_memory_texture_new (px, px, GDK_MEMORY_DEFAULT, bytes,
                                    (gsize) cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  g_hash_table_insert (self->tiles, g_steal_pointer (&key), texture);
  return texture;
}

static void
draw_lines (cairo_t      *cr,
            const FlItem *items,
            guint         n)
{
  guint i;

  for (i = 0; i < n; i++)
    {
      const FlItem *item = &items[i];
      double x0 = item->x, y0 = item->y, x1 = item->x + item->w, y1 = item->y + item->h;
      double len = hypot (item->w, item->h);

      if (len <= 0)
        continue;
      gdk_cairo_set_source_rgba (cr, (const GdkRGBA *) &item->color);
      cairo_set_line_width (cr, item->line_width);
      if (item->arrow)
        {
          double head = MIN (4 + 2.5 * item->line_width, len * 0.6);
          double ux = item->w / len, uy = item->h / len;
          double bx = x1 - ux * head, by = y1 - uy * head, half = head * 0.45;

          cairo_move_to (cr, x1, y1);
          cairo_line_to (cr, bx - uy * half, by + ux * half);
          cairo_line_to (cr, bx + uy * half, by - ux * half);
          cairo_close_path (cr);
          cairo_fill (cr);
          x1 = bx + ux * head * 0.3;
          y1 = by + uy * head * 0.3;
        }
      if (item->dashed)
        {
          double dashes[] = { 4 * item->line_width, 3 * item->line_width };
          cairo_set_dash (cr, dashes, 2, 0);
        }
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static gboolean
is_straight (const FlItem *item)
{
  return item->kind == FL_ITEM_LINE && !item->arrow && !item->dashed && (item->w == 0 || item->h == 0);
}

/* A run of lines that need a path, drawn as one cairo node. */
static guint
append_lines (GtkSnapshot  *snapshot,
              const FlItem *items,
              guint         n)
{
  graphene_rect_t bounds;
  float x0 = G_MAXFLOAT, y0 = G_MAXFLOAT, x1 = -G_MAXFLOAT, y1 = -G_MAXFLOAT;
  guint count = 0;
  cairo_t *cr;

  while (count < n && items[count].kind == FL_ITEM_LINE && !is_straight (&items[count]))
    {
      const FlItem *item = &items[count++];
      float m = item->line_width + (item->arrow ? 4 + 2.5f * item->line_width : 0);

      x0 = MIN (x0, MIN (item->x, item->x + item->w) - m);
      y0 = MIN (y0, MIN (item->y, item->y + item->h) - m);
      x1 = MAX (x1, MAX (item->x, item->x + item->w) + m);
      y1 = MAX (y1, MAX (item->y, item->y + item->h) + m);
    }
  graphene_rect_init (&bounds, floorf (x0), floorf (y0), ceilf (x1) - floorf (x0), ceilf (y1) - floorf (y0));
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  draw_lines (cr, items, count);
  cairo_destroy (cr);
  return count;
}

void
fl_scene_renderer_render (FlSceneRenderer *self,
                          FlScene         *scene,
                          GtkSnapshot     *snapshot)
{
  const FlItem *items = fl_scene_get_items (scene);
  guint n = fl_scene_get_n_items (scene), i = 0;
  const FlColor *bg = fl_scene_get_background (scene);
  int depth = 0;

  ensure_context (self);
  if (bg->alpha > 0)
    gtk_snapshot_append_color (snapshot, (const GdkRGBA *) bg,
                               &GRAPHENE_RECT_INIT (0, 0, fl_scene_get_width (scene), fl_scene_get_height (scene)));

  while (i < n)
    {
      const FlItem *item = &items[i];
      graphene_rect_t r = GRAPHENE_RECT_INIT (item->x, item->y, item->w, item->h);

      switch (item->kind)
        {
        case FL_ITEM_RECT:
          if (item->hatch != FL_HATCH_NONE)
            {
              const float T = FL_HATCH_TILE;
              graphene_rect_t tile = GRAPHENE_RECT_INIT (floorf (item->x / T) * T, floorf (item->y / T) * T, T, T);

              gtk_snapshot_push_repeat (snapshot, &r, &tile);
              gtk_snapshot_append_texture (snapshot, get_tile (self, item), &tile);
              gtk_snapshot_pop (snapshot);
            }
          else if (item->radius > 0)
            {
              GskRoundedRect rounded;

              gsk_rounded_rect_init_from_rect (&rounded, &r, item->radius);
              gtk_snapshot_push_rounded_clip (snapshot, &rounded);
              gtk_snapshot_append_color (snapshot, (const GdkRGBA *) &item->color, &r);
              gtk_snapshot_pop (snapshot);
            }
          else
            gtk_snapshot_append_color (snapshot, (const GdkRGBA *) &item->color, &r);
          i++;
          break;

        case FL_ITEM_FRAME:
          {
            GskRoundedRect rounded;
            float lw = item->line_width;
            const float widths[4] = { lw, lw, lw, lw };
            const GdkRGBA colors[4] = {
              *(const GdkRGBA *) &item->color, *(const GdkRGBA *) &item->color,
              *(const GdkRGBA *) &item->color, *(const GdkRGBA *) &item->color,
            };

            gsk_rounded_rect_init_from_rect (&rounded, &r, item->radius);
            gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
            i++;
          }
          break;

        case FL_ITEM_LINE:
          if (is_straight (item))
            {
              float lw = item->line_width;
              graphene_rect_t box;

              if (item->h == 0)
                graphene_rect_init (&box, MIN (item->x, item->x + item->w), item->y - lw / 2, fabsf (item->w), lw);
              else
                graphene_rect_init (&box, item->x - lw / 2, MIN (item->y, item->y + item->h), lw, fabsf (item->h));
              gtk_snapshot_append_color (snapshot, (const GdkRGBA *) &item->color, &box);
              i++;
            }
          else
            i += append_lines (snapshot, item, n - i);
          break;

        case FL_ITEM_TEXT:
          {
            PangoLayout *layout = get_layout (self, item);
            float x = item->x;

            if (item->align != FL_TEXT_LEFT)
              {
                PangoRectangle logical;

                pango_layout_get_extents (layout, NULL, &logical);
                x += (item->w - (float) logical.width / PANGO_SCALE) / (item->align == FL_TEXT_CENTER ? 2 : 1);
              }
            gtk_snapshot_save (snapshot);
            gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, item->y));
            gtk_snapshot_append_layout (snapshot, layout, (const GdkRGBA *) &item->color);
            gtk_snapshot_restore (snapshot);
            i++;
          }
          break;

        case FL_ITEM_CLIP_PUSH:
          gtk_snapshot_push_clip (snapshot, &r);
          depth++;
          i++;
          break;

        case FL_ITEM_CLIP_POP:
          if (depth > 0)
            {
              gtk_snapshot_pop (snapshot);
              depth--;
            }
          i++;
          break;

        default:
          i++;
          break;
        }
    }
  while (depth-- > 0)
    gtk_snapshot_pop (snapshot);
}

GskRenderNode *
fl_scene_renderer_to_node (FlSceneRenderer *self,
                           FlScene         *scene)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  fl_scene_renderer_render (self, scene, snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

guint
fl_render_node_count (GskRenderNode *node)
{
  guint count = 1, i;

  if (node == NULL)
    return 0;
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (i = 0; i < gsk_container_node_get_n_children (node); i++)
        count += fl_render_node_count (gsk_container_node_get_child (node, i));
      break;
    case GSK_CLIP_NODE:
      count += fl_render_node_count (gsk_clip_node_get_child (node));
      break;
    case GSK_ROUNDED_CLIP_NODE:
      count += fl_render_node_count (gsk_rounded_clip_node_get_child (node));
      break;
    case GSK_TRANSFORM_NODE:
      count += fl_render_node_count (gsk_transform_node_get_child (node));
      break;
    case GSK_REPEAT_NODE:
      count += fl_render_node_count (gsk_repeat_node_get_child (node));
      break;
    case GSK_OPACITY_NODE:
      count += fl_render_node_count (gsk_opacity_node_get_child (node));
      break;
    case GSK_DEBUG_NODE:
      count += fl_render_node_count (gsk_debug_node_get_child (node));
      break;
    default:
      break;
    }
  return count;
}

FlTheme *
fl_theme_new_for_widget (GtkWidget *widget)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA fg, bg, accent;
  gboolean has_accent;

  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "view_bg_color", &bg) &&
      !gtk_style_context_lookup_color (context, "window_bg_color", &bg) &&
      !gtk_style_context_lookup_color (context, "theme_base_color", &bg))
    {
      /* No named colour: the opposite of the text. */
      float l = 0.2126f * fg.red + 0.7152f * fg.green + 0.0722f * fg.blue;
      bg = l > 0.5f ? (GdkRGBA) { 0.12f, 0.12f, 0.12f, 1 } : (GdkRGBA) { 1, 1, 1, 1 };
    }
  has_accent = gtk_style_context_lookup_color (context, "accent_color", &accent);
  return fl_theme_new_from_colors ((const FlColor *) &fg, (const FlColor *) &bg,
                                   has_accent ? (const FlColor *) &accent : NULL);
}
