/* fl-scene-gtk.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-scene"

#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "fl-scene-cairo.h"
#include "fl-scene-gtk.h"

G_STATIC_ASSERT (sizeof (FlColor) == sizeof (GdkRGBA));
G_STATIC_ASSERT (G_STRUCT_OFFSET (FlColor, alpha) == G_STRUCT_OFFSET (GdkRGBA, alpha));

#define MAX_CACHED_LAYOUTS 4096
#define MAX_CACHED_TILES   64

/* A hatch tile at the renderer's scale. */
typedef struct
{
  FlColor        fill;
  FlColor        stripes;
  guint          hatch;
  GskRenderNode *node;
} Tile;

struct _FlSceneRenderer
{
  GtkWidget            *widget;     /* not owned: it owns us; NULL for a fixed context */
  PangoContext         *fixed;      /* the context given instead of a widget */
  PangoContext         *context;
  PangoFontDescription *desc;
  GHashTable           *layouts;    /* "size|bold|text" → Text */
  GArray               *tiles;      /* of Tile, at this scale */
  int                   scale;
};

static void text_free (gpointer data);
static void tile_clear (gpointer data);

FlSceneRenderer *
fl_scene_renderer_new (GtkWidget *widget)
{
  FlSceneRenderer *self = g_new0 (FlSceneRenderer, 1);

  self->widget = widget;
  self->desc = pango_font_description_from_string (FL_SCENE_FONT_FAMILY);
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, text_free);
  self->tiles = g_array_new (FALSE, TRUE, sizeof (Tile));
  g_array_set_clear_func (self->tiles, tile_clear);
  return self;
}

/**
 * fl_scene_renderer_new_for_context:
 * @context: a Pango context to set text with (pangocairo's will do)
 * @scale: device pixels per logical pixel, for hatch tiles
 *
 * A renderer that needs no widget, so no display: render nodes are
 * plain objects (benchmarks measure the window's frames with this).
 */
FlSceneRenderer *
fl_scene_renderer_new_for_context (PangoContext *context,
                                   int           scale)
{
  FlSceneRenderer *self = fl_scene_renderer_new (NULL);

  /* gtk_init() registers the node types; without it, asking for one does. */
  g_type_ensure (GSK_TYPE_COLOR_NODE);
  self->fixed = g_object_ref (context);
  self->scale = MAX (scale, 1);
  return self;
}

void
fl_scene_renderer_reset (FlSceneRenderer *self)
{
  g_hash_table_remove_all (self->layouts);
  g_array_set_size (self->tiles, 0);
  g_clear_object (&self->context);
}

void
fl_scene_renderer_free (FlSceneRenderer *self)
{
  fl_scene_renderer_reset (self);
  g_hash_table_unref (self->layouts);
  g_array_unref (self->tiles);
  pango_font_description_free (self->desc);
  g_clear_object (&self->fixed);
  g_free (self);
}

static void
ensure_context (FlSceneRenderer *self)
{
  int scale = self->widget ? gtk_widget_get_scale_factor (self->widget) : self->scale;

  if (self->context && scale == self->scale)
    return;
  fl_scene_renderer_reset (self);
  self->scale = scale;
  self->context = self->widget ? gtk_widget_create_pango_context (self->widget)
                               : g_object_ref (self->fixed);
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

/* A text item's layout, and its render node in the colour last asked for. */
typedef struct
{
  PangoLayout   *layout;
  GskRenderNode *node;      /* at the origin */
  GdkRGBA        color;
  float          width;
} Text;

static void
text_free (gpointer data)
{
  Text *text = data;

  g_object_unref (text->layout);
  g_clear_pointer (&text->node, gsk_render_node_unref);
  g_free (text);
}

static Text *
get_text (FlSceneRenderer *self,
          const FlItem    *item)
{
  g_autofree char *key = g_strdup_printf ("%.2f|%d|%d|%s", item->font_size, item->bold, item->mono, item->text);
  Text *text = g_hash_table_lookup (self->layouts, key);
  PangoRectangle logical;

  if (text)
    return text;
  if (g_hash_table_size (self->layouts) >= MAX_CACHED_LAYOUTS)
    g_hash_table_remove_all (self->layouts);
  text = g_new0 (Text, 1);
  text->layout = pango_layout_new (self->context);
  pango_font_description_set_absolute_size (self->desc, item->font_size * PANGO_SCALE);
  pango_font_description_set_weight (self->desc, item->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_family (self->desc, item->mono ? FL_SCENE_MONO_FAMILY : FL_SCENE_FONT_FAMILY);
  pango_layout_set_font_description (text->layout, self->desc);
  pango_layout_set_text (text->layout, item->text, -1);
  pango_layout_get_extents (text->layout, NULL, &logical);
  text->width = (float) logical.width / PANGO_SCALE;
  g_hash_table_insert (self->layouts, g_steal_pointer (&key), text);
  return text;
}

/* The text's glyphs as nodes, made once per colour. */
static GskRenderNode *
get_text_node (Text          *text,
               const GdkRGBA *color)
{
  if (text->node == NULL || !gdk_rgba_equal (&text->color, color))
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      g_clear_pointer (&text->node, gsk_render_node_unref);
      gtk_snapshot_append_layout (snapshot, text->layout, color);
      text->node = gtk_snapshot_free_to_node (snapshot);
      text->color = *color;
    }
  return text->node;
}

/* A T × T tile of a hatch, as a texture node at the origin: every hatched
 * box repeats the same one.  A handful of them: found by a plain scan,
 * which costs far less than formatting a key for each box. */
static void
tile_clear (gpointer data)
{
  g_clear_pointer (&((Tile *) data)->node, gsk_render_node_unref);
}

static GskRenderNode *
get_tile (FlSceneRenderer *self,
          const FlItem    *item)
{
  int px = (int) ceil (FL_HATCH_TILE * self->scale);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  Tile tile = { item->color, item->color2, item->hatch, NULL };
  cairo_t *cr;
  guint i;

  for (i = 0; i < self->tiles->len; i++)
    {
      const Tile *t = &g_array_index (self->tiles, Tile, i);

      if (t->hatch == tile.hatch && memcmp (&t->fill, &tile.fill, sizeof tile.fill) == 0 &&
          memcmp (&t->stripes, &tile.stripes, sizeof tile.stripes) == 0)
        return t->node;
    }

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
  tile.node = gsk_texture_node_new (texture, &GRAPHENE_RECT_INIT (0, 0, FL_HATCH_TILE, FL_HATCH_TILE));
  if (self->tiles->len >= MAX_CACHED_TILES)
    g_array_set_size (self->tiles, 0);
  g_array_append_val (self->tiles, tile);
  return tile.node;
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
append_lines (GPtrArray    *nodes,
              const FlItem *items,
              guint         n)
{
  graphene_rect_t bounds;
  float x0 = G_MAXFLOAT, y0 = G_MAXFLOAT, x1 = -G_MAXFLOAT, y1 = -G_MAXFLOAT;
  GskRenderNode *node;
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
  node = gsk_cairo_node_new (&bounds);
  cr = gsk_cairo_node_get_draw_context (node);
  draw_lines (cr, items, count);
  cairo_destroy (cr);
  g_ptr_array_add (nodes, node);
  return count;
}

/* The children of a clip, or of the whole scene. */
typedef struct
{
  GPtrArray       *nodes;
  graphene_rect_t  clip;
} Level;

static GskRenderNode *
level_to_node (GPtrArray *nodes)
{
  if (nodes->len == 0)
    return NULL;
  if (nodes->len == 1)
    return gsk_render_node_ref (g_ptr_array_index (nodes, 0));
  return gsk_container_node_new ((GskRenderNode **) nodes->pdata, nodes->len);
}

/* Closes the innermost clip: its children, clipped, join the level
 * around it, which is returned. */
static GPtrArray *
level_pop (GArray    *stack,
           GPtrArray *nodes)
{
  Level *level = &g_array_index (stack, Level, stack->len - 1);
  GskRenderNode *child = level_to_node (nodes);
  GPtrArray *outer = level->nodes;

  g_ptr_array_unref (nodes);
  if (child)
    {
      g_ptr_array_add (outer, gsk_clip_node_new (child, &level->clip));
      gsk_render_node_unref (child);
    }
  g_array_set_size (stack, stack->len - 1);
  return outer;
}

/* Render nodes are made directly, not through a GtkSnapshot: a frame of
 * the timeline has thousands of boxes, and the snapshot's bookkeeping for
 * each was most of what a frame cost. */
GskRenderNode *
fl_scene_renderer_to_node (FlSceneRenderer *self,
                           FlScene         *scene)
{
  const FlItem *items = fl_scene_get_items (scene);
  guint n = fl_scene_get_n_items (scene), i = 0;
  const FlColor *bg = fl_scene_get_background (scene);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Level));
  GPtrArray *nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);
  GskRenderNode *result;

  ensure_context (self);
  if (bg->alpha > 0)
    g_ptr_array_add (nodes, gsk_color_node_new ((const GdkRGBA *) bg,
                                                &GRAPHENE_RECT_INIT (0, 0, fl_scene_get_width (scene),
                                                                     fl_scene_get_height (scene))));

  while (i < n)
    {
      const FlItem *item = &items[i];
      const GdkRGBA *color = (const GdkRGBA *) &item->color;
      graphene_rect_t r = GRAPHENE_RECT_INIT (item->x, item->y, item->w, item->h);

      switch (item->kind)
        {
        case FL_ITEM_RECT:
          if (item->w <= 0 || item->h <= 0)
            ;
          else if (item->hatch != FL_HATCH_NONE)
            g_ptr_array_add (nodes, gsk_repeat_node_new (&r, get_tile (self, item),
                                                         &GRAPHENE_RECT_INIT (0, 0, FL_HATCH_TILE, FL_HATCH_TILE)));
          else if (item->radius > 0)
            {
              /* A border as wide as half the box fills it: one node, not
               * a rounded clip around a colour. */
              GskRoundedRect rounded;
              const float widths[4] = { item->h / 2, item->w / 2, item->h / 2, item->w / 2 };
              const GdkRGBA colors[4] = { *color, *color, *color, *color };

              gsk_rounded_rect_init_from_rect (&rounded, &r, item->radius);
              g_ptr_array_add (nodes, gsk_border_node_new (&rounded, widths, colors));
            }
          else
            g_ptr_array_add (nodes, gsk_color_node_new (color, &r));
          i++;
          break;

        case FL_ITEM_FRAME:
          {
            GskRoundedRect rounded;
            float lw = item->line_width;
            const float widths[4] = { lw, lw, lw, lw };
            const GdkRGBA colors[4] = { *color, *color, *color, *color };

            gsk_rounded_rect_init_from_rect (&rounded, &r, item->radius);
            g_ptr_array_add (nodes, gsk_border_node_new (&rounded, widths, colors));
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
              g_ptr_array_add (nodes, gsk_color_node_new (color, &box));
              i++;
            }
          else
            i += append_lines (nodes, item, n - i);
          break;

        case FL_ITEM_TEXT:
          {
            Text *text = get_text (self, item);
            GskRenderNode *glyphs = get_text_node (text, color);
            float x = item->x;

            if (item->align != FL_TEXT_LEFT)
              x += (item->w - text->width) / (item->align == FL_TEXT_CENTER ? 2 : 1);
            if (glyphs)
              {
                g_autoptr(GskTransform) at = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (x, item->y));

                g_ptr_array_add (nodes, gsk_transform_node_new (glyphs, at));
              }
            i++;
          }
          break;

        case FL_ITEM_CLIP_PUSH:
          {
            Level level = { nodes, r };

            g_array_append_val (stack, level);
            nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);
            i++;
          }
          break;

        case FL_ITEM_CLIP_POP:
          if (stack->len > 0)
            nodes = level_pop (stack, nodes);
          i++;
          break;

        default:
          i++;
          break;
        }
    }

  /* Clips left open end with the scene. */
  while (stack->len > 0)
    nodes = level_pop (stack, nodes);
  result = level_to_node (nodes);
  g_ptr_array_unref (nodes);
  return result;
}

void
fl_scene_renderer_render (FlSceneRenderer *self,
                          FlScene         *scene,
                          GtkSnapshot     *snapshot)
{
  g_autoptr(GskRenderNode) node = fl_scene_renderer_to_node (self, scene);

  if (node)
    gtk_snapshot_append_node (snapshot, node);
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

FlTheme *
fl_theme_cache_get (FlThemeCache *cache,
                    GtkWidget    *widget)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA fg, bg;

  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "view_bg_color", &bg))
    bg = (GdkRGBA) { 0, 0, 0, 0 };
  if (cache->theme == NULL || !gdk_rgba_equal (&fg, &cache->fg) || !gdk_rgba_equal (&bg, &cache->bg))
    {
      g_clear_pointer (&cache->theme, fl_theme_unref);
      cache->theme = fl_theme_new_for_widget (widget);
      cache->fg = fg;
      cache->bg = bg;
    }
  return cache->theme;
}

void
fl_theme_cache_clear (FlThemeCache *cache)
{
  g_clear_pointer (&cache->theme, fl_theme_unref);
}
