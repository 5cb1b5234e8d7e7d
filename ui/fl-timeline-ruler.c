/* fl-timeline-ruler.c — the time ruler and the grid under the lanes
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-timeline-painter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "fl-timeline-painter-private.h"

static const gint64 units[] = { 1, 1000, 1000000, 1000000000 };
static const char *const unit_names[] = { "ns", "µs", "ms", "s" };

/* The unit ticks of @step are labelled in, and the decimals they need. */
static guint
unit_for_step (gint64  step,
               int    *decimals)
{
  guint u = 0;

  while (u + 1 < G_N_ELEMENTS (units) && units[u + 1] <= step * 10)
    u++;
  *decimals = step >= units[u] ? 0 : (int) ceil (log10 ((double) units[u] / step) - 1e-9);
  return u;
}

static char *
format_in (gint64 t,
           guint  u,
           int    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (decimals <= 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " %s", t / units[u], unit_names[u]);
  g_snprintf (buf, sizeof buf, "%.*f", decimals, (double) t / units[u]);
  return g_strdup_printf ("%s %s", buf, unit_names[u]);
}

/* @t with as many digits as @step needs ("12.5 ms" for a 0.5 ms step). */
char *
fl_timeline_format_time (gint64 t,
                gint64 step)
{
  int decimals;
  guint u = unit_for_step (MAX (step, 1), &decimals);

  return format_in (t, u, decimals);
}

/**
 * fl_timeline_format_duration:
 * @ns: a duration
 *
 * Three significant digits in the unit that suits it: "850 ns",
 * "12.5 µs", "3.20 s".
 */
char *
fl_timeline_format_duration (gint64 ns)
{
  gint64 a = ABS (ns);
  guint u = 0;
  double v;

  while (u + 1 < G_N_ELEMENTS (units) && a >= units[u + 1])
    u++;
  v = (double) ns / units[u];
  if (u == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " ns", ns);
  if (fabs (v) >= 100)
    return g_strdup_printf ("%.0f %s", v, unit_names[u]);
  if (fabs (v) >= 10)
    return g_strdup_printf ("%.1f %s", v, unit_names[u]);
  return g_strdup_printf ("%.2f %s", v, unit_names[u]);
}

typedef struct
{
  gint64   step;
  gint64   minor;
  gboolean relative;   /* labels as offsets from the first tick */
} Ticks;

/**
 * fl_timeline_ruler_step:
 * @end: the end of the visible range, in ns
 * @ns_per_px: the scale
 * @font: the size of the tick labels
 * @minor: (out) (optional): the step of the unlabelled ticks
 * @relative: (out) (optional): whether labels are offsets from the first tick
 *
 * The step between labelled ticks: the smallest 1, 2 or 5 × 10ⁿ ns whose
 * widest label fits between two ticks.  Every chart with a time axis uses
 * it, so that their grids line up with the ruler.
 */
gint64
fl_timeline_ruler_step (gint64    end,
                        double    ns_per_px,
                        float     font,
                        gint64   *minor,
                        gboolean *relative)
{
  static const int mantissas[] = { 1, 2, 5 };
  gint64 power = 1;
  int k, m;

  for (k = 0; k < 13; k++, power *= 10)
    for (m = 0; m < 3; m++)
      {
        gint64 step = mantissas[m] * power;
        g_autofree char *widest = NULL;
        gboolean rel;
        int decimals;
        guint u = unit_for_step (step, &decimals);
        float need;

        rel = (double) end / units[u] >= 1e5 && step * 1000 < end;
        widest = rel ? format_in (9 * step, u, decimals) : format_in (end, u, decimals);
        need = fl_scene_measure_text (widest, font, FALSE) + font * 2.2f;
        if (step / ns_per_px >= MAX (need, 60))
          {
            gint64 mi = mantissas[m] == 2 ? step / 4 : step / 5;

            if (minor)
              *minor = mi > 0 ? mi : step;
            if (relative)
              *relative = rel;
            return step;
          }
      }
  if (minor)
    *minor = power;
  if (relative)
    *relative = FALSE;
  return power;
}

static Ticks
choose_ticks (FlTimelinePainter *self)
{
  Ticks ticks;

  ticks.step = fl_timeline_ruler_step (self->view.end, self->ns_per_px, self->small_font,
                                       &ticks.minor, &ticks.relative);
  return ticks;
}

static gint64
first_tick (gint64 start,
            gint64 step)
{
  gint64 t = start / step * step;

  return t < start ? t + step : t;
}

void
fl_timeline_paint_grid (FlTimelinePainter *self,
                        FlScene           *scene)
{
  Ticks ticks = choose_ticks (self);
  FlColor color = fl_color_with_alpha (&self->theme->grid, 0.75f);
  float bottom = MIN (self->lanes_y + self->lanes_h, self->lanes_y + self->content_h - self->view.scroll_y);
  gint64 t;

  for (t = first_tick (self->view.start, ticks.step); t <= self->view.end; t += ticks.step)
    {
      float x = fl_painter_snap (self, fl_timeline_painter_time_to_x (self, t));

      if (x > self->track_x0 + 0.5f)
        fl_scene_rect (scene, x, self->lanes_y, 1, bottom - self->lanes_y, &color);
    }
}

void
fl_timeline_paint_ruler (FlTimelinePainter *self,
                         FlScene           *scene)
{
  FlTheme *theme = self->theme;
  Ticks ticks = choose_ticks (self);
  float bottom = fl_painter_snap (self, self->ruler_y + self->ruler_h);
  float major_h = roundf (self->font * 0.5f), minor_h = roundf (self->font * 0.25f);
  float text_y = self->ruler_y + roundf (self->font * 0.15f);
  gint64 first = first_tick (self->view.start, ticks.step), t;
  int decimals;
  guint u = unit_for_step (ticks.step, &decimals);

  fl_scene_push_clip (scene, self->track_x0 - 1, self->ruler_y, self->track_x1 - self->track_x0 + 2, self->ruler_h + 1);
  fl_scene_rect (scene, self->track_x0, bottom - 1, self->track_x1 - self->track_x0, 1, &theme->grid);

  for (t = first_tick (self->view.start, ticks.minor); t <= self->view.end; t += ticks.minor)
    {
      float x = fl_painter_snap (self, fl_timeline_painter_time_to_x (self, t));
      gboolean major = t % ticks.step == 0;

      fl_scene_rect (scene, x, bottom - (major ? major_h : minor_h), 1, major ? major_h : minor_h,
                     major ? &theme->secondary : &theme->grid);
    }

  for (t = first; t <= self->view.end; t += ticks.step)
    {
      float x = fl_painter_snap (self, fl_timeline_painter_time_to_x (self, t));
      g_autofree char *label = NULL;
      g_autofree char *offset = NULL;
      gboolean bold = FALSE;

      if (ticks.relative && t == first)
        {
          /* The first tick says where we are, in full; the rest how far on. */
          int d;
          guint big = unit_for_step (MAX (t, 1), &d);

          d = (int) ceil (log10 ((double) units[big] / ticks.step) - 1e-9);
          label = format_in (t, big, MAX (d, 0));
          bold = TRUE;
        }
      else if (ticks.relative)
        {
          offset = format_in (t - first, u, decimals);
          label = g_strconcat ("+", offset, NULL);
        }
      else
        label = format_in (t, u, decimals);
      /* A label the right edge would cut is left out: its tick stays. */
      if (x + 4 + fl_scene_measure_text (label, self->small_font, bold) > self->track_x1 + 1)
        continue;
      fl_scene_text (scene, x + 4, text_y, 0, label, self->small_font, bold, FL_TEXT_LEFT,
                     bold ? &theme->foreground : &theme->secondary);
    }
  fl_scene_pop_clip (scene);
}
