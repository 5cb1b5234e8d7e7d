/* fl-scene-cairo.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-scene"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <unistd.h>

#include "fl-files.h"
#include "fl-scene-cairo.h"

static void
set_color (cairo_t       *cr,
           const FlColor *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

static void
rounded_path (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  if (r <= 0)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
fl_scene_cairo_hatch (cairo_t       *cr,
                      FlHatch        hatch,
                      const FlColor *color,
                      double         x,
                      double         y,
                      double         w,
                      double         h)
{
  const double T = FL_HATCH_TILE;
  double c;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  set_color (cr, color);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);

  /* Stripes lie on a grid anchored at the origin, so that boxes side by
   * side continue one another, and tiles of T × T repeat seamlessly. */
  if (hatch == FL_HATCH_DIAGONAL || hatch == FL_HATCH_CROSS)
    {
      /* x + y = c */
      for (c = floor ((x + y) / T) * T; c <= x + w + y + h + T; c += T)
        {
          cairo_move_to (cr, c - (y + h + T), y + h + T);
          cairo_line_to (cr, c - (y - T), y - T);
        }
    }
  if (hatch == FL_HATCH_BACK_DIAGONAL || hatch == FL_HATCH_CROSS)
    {
      /* x - y = c */
      for (c = floor ((x - (y + h)) / T) * T; c <= x + w - y + T; c += T)
        {
          cairo_move_to (cr, c + y - T, y - T);
          cairo_line_to (cr, c + y + h + T, y + h + T);
        }
    }
  cairo_set_line_width (cr, hatch == FL_HATCH_CROSS ? T * 0.18 : T * 0.28);
  cairo_stroke (cr);

  if (hatch == FL_HATCH_DOTS)
    {
      double gx, gy;

      for (gy = floor (y / T) * T; gy < y + h + T; gy += T)
        for (gx = floor (x / T) * T; gx < x + w + T; gx += T)
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, gx + T / 2, gy + T / 2, T * 0.2, 0, 2 * G_PI);
          }
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

static void
draw_arrow_line (cairo_t      *cr,
                 const FlItem *item)
{
  double x0 = item->x, y0 = item->y, x1 = item->x + item->w, y1 = item->y + item->h;
  double len = hypot (item->w, item->h);

  if (len <= 0)
    return;
  set_color (cr, &item->color);
  cairo_set_line_width (cr, item->line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  if (item->arrow)
    {
      double head = MIN (4 + 2.5 * item->line_width, len * 0.6);
      double ux = item->w / len, uy = item->h / len;
      double bx = x1 - ux * head, by = y1 - uy * head;
      double half = head * 0.45;

      cairo_move_to (cr, x1, y1);
      cairo_line_to (cr, bx - uy * half, by + ux * half);
      cairo_line_to (cr, bx + uy * half, by - ux * half);
      cairo_close_path (cr);
      cairo_fill (cr);
      /* The shaft stops inside the head, not through its tip. */
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

static PangoLayout *
create_layout (cairo_t *cr)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* As fl_scene_measure_text measures. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);
  return layout;
}

static void
draw_text (cairo_t              *cr,
           PangoLayout          *layout,
           PangoFontDescription *desc,
           const FlItem         *item)
{
  PangoRectangle logical;
  double x = item->x;

  pango_font_description_set_absolute_size (desc, item->font_size * PANGO_SCALE);
  pango_font_description_set_weight (desc, item->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_family (desc, item->mono ? FL_SCENE_MONO_FAMILY : FL_SCENE_FONT_FAMILY);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, item->text, -1);
  if (item->align != FL_TEXT_LEFT)
    {
      pango_layout_get_extents (layout, NULL, &logical);
      if (item->align == FL_TEXT_CENTER)
        x += (item->w - (double) logical.width / PANGO_SCALE) / 2;
      else
        x += item->w - (double) logical.width / PANGO_SCALE;
    }
  set_color (cr, &item->color);
  cairo_move_to (cr, x, item->y);
  pango_cairo_update_layout (cr, layout);
  pango_cairo_show_layout (cr, layout);
}

void
fl_scene_render_cairo (FlScene *scene,
                       cairo_t *cr)
{
  const FlItem *items = fl_scene_get_items (scene);
  guint n = fl_scene_get_n_items (scene), i;
  const FlColor *bg = fl_scene_get_background (scene);
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *desc = NULL;
  int depth = 0;

  cairo_save (cr);
  if (bg->alpha > 0)
    {
      set_color (cr, bg);
      cairo_rectangle (cr, 0, 0, fl_scene_get_width (scene), fl_scene_get_height (scene));
      cairo_fill (cr);
    }

  for (i = 0; i < n; i++)
    {
      const FlItem *item = &items[i];

      switch (item->kind)
        {
        case FL_ITEM_RECT:
          set_color (cr, &item->color);
          rounded_path (cr, item->x, item->y, item->w, item->h, item->radius);
          cairo_fill (cr);
          if (item->hatch != FL_HATCH_NONE)
            fl_scene_cairo_hatch (cr, item->hatch, &item->color2, item->x, item->y, item->w, item->h);
          break;

        case FL_ITEM_FRAME:
          {
            double lw = item->line_width;

            set_color (cr, &item->color);
            cairo_set_line_width (cr, lw);
            rounded_path (cr, item->x + lw / 2, item->y + lw / 2, item->w - lw, item->h - lw,
                          MAX (item->radius - lw / 2, 0));
            cairo_stroke (cr);
          }
          break;

        case FL_ITEM_LINE:
          draw_arrow_line (cr, item);
          break;

        case FL_ITEM_TEXT:
          if (layout == NULL)
            {
              layout = create_layout (cr);
              desc = pango_font_description_from_string (FL_SCENE_FONT_FAMILY);
            }
          draw_text (cr, layout, desc, item);
          break;

        case FL_ITEM_CLIP_PUSH:
          cairo_save (cr);
          cairo_rectangle (cr, item->x, item->y, item->w, item->h);
          cairo_clip (cr);
          depth++;
          break;

        case FL_ITEM_CLIP_POP:
          if (depth > 0)
            {
              cairo_restore (cr);
              depth--;
            }
          break;

        default:
          break;
        }
    }
  while (depth-- > 0)
    cairo_restore (cr);
  g_clear_pointer (&desc, pango_font_description_free);
  cairo_restore (cr);
}

static gboolean
check_size (FlScene  *scene,
            double    scale,
            gboolean  pixels,
            GError  **error)
{
  double w = ceil (fl_scene_get_width (scene) * scale), h = ceil (fl_scene_get_height (scene) * scale);

  if (!(scale > 0) || !(w >= 1) || !(h >= 1))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The picture would be empty (%.0f × %.0f)"), w, h);
      return FALSE;
    }
  if (pixels && (w > FL_SCENE_MAX_PIXELS || h > FL_SCENE_MAX_PIXELS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The picture would be %.0f × %.0f pixels; the most is %d on a side"),
                   w, h, FL_SCENE_MAX_PIXELS);
      return FALSE;
    }
  return TRUE;
}

cairo_surface_t *
fl_scene_to_image (FlScene  *scene,
                   double    scale,
                   GError  **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  if (!check_size (scene, scale, TRUE, error))
    return NULL;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil (fl_scene_get_width (scene) * scale),
                                        (int) ceil (fl_scene_get_height (scene) * scale));
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("Could not make the image: %s"),
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  fl_scene_render_cairo (scene, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
fl_scene_write_bytes (FlScene        *scene,
                      FlSceneFormat   format,
                      double          scale,
                      GError        **error)
{
  GByteArray *bytes;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;

  if (!check_size (scene, scale, format == FL_SCENE_FORMAT_PNG, error))
    return NULL;
  bytes = g_byte_array_new ();
  switch (format)
    {
    case FL_SCENE_FORMAT_PNG:
      {
        cairo_surface_t *surface = fl_scene_to_image (scene, scale, error);

        if (surface == NULL)
          {
            g_byte_array_unref (bytes);
            return NULL;
          }
        status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
        cairo_surface_destroy (surface);
      }
      break;

    case FL_SCENE_FORMAT_PDF:
      {
        cairo_surface_t *surface;
        cairo_t *cr;

        surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes,
                                                       fl_scene_get_width (scene) * scale,
                                                       fl_scene_get_height (scene) * scale);
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Forkline " PACKAGE_VERSION);
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                        fl_scene_get_title (scene) ? fl_scene_get_title (scene) : "Forkline");
        cr = cairo_create (surface);
        cairo_scale (cr, scale, scale);
        fl_scene_render_cairo (scene, cr);
        cairo_show_page (cr);
        status = cairo_status (cr);
        cairo_destroy (cr);
        cairo_surface_finish (surface);
        if (status == CAIRO_STATUS_SUCCESS)
          status = cairo_surface_status (surface);
        cairo_surface_destroy (surface);
      }
      break;

    case FL_SCENE_FORMAT_SVG:
      {
        char *svg = fl_scene_to_svg (scene, scale);
        g_byte_array_append (bytes, (const guint8 *) svg, strlen (svg));
        g_free (svg);
      }
      break;

    default:
      g_byte_array_unref (bytes);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Unknown picture format"));
      return NULL;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (bytes);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the picture: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (bytes);
}

gboolean
fl_scene_format_from_path (const char    *path,
                           FlSceneFormat *format)
{
  const char *dot = path ? strrchr (path, '.') : NULL;

  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR))
    return FALSE;
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    *format = FL_SCENE_FORMAT_PNG;
  else if (g_ascii_strcasecmp (dot, ".svg") == 0)
    *format = FL_SCENE_FORMAT_SVG;
  else if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    *format = FL_SCENE_FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

const char *
fl_scene_format_to_string (FlSceneFormat format)
{
  switch (format)
    {
    case FL_SCENE_FORMAT_PNG: return "png";
    case FL_SCENE_FORMAT_SVG: return "svg";
    case FL_SCENE_FORMAT_PDF: return "pdf";
    default:                  return NULL;
    }
}

gboolean
fl_scene_write_file (FlScene        *scene,
                     const char     *path,
                     FlSceneFormat   format,
                     double          scale,
                     GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  const guint8 *data;
  gsize size;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!(bytes = fl_scene_write_bytes (scene, format, scale, &local)))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, local->domain, local->code, _("Could not write “%s”: %s"), display, local->message);
      return FALSE;
    }

  /* The one writer of user files: checks, temporary name, rename. */
  data = g_bytes_get_data (bytes, &size);
  return fl_file_write (path, data, size, error);
}
