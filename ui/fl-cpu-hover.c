/* fl-cpu-hover.c — what is under the pointer in the CPU view
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-cpu-painter"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fl-cpu-painter-private.h"
#include "fl-timeline-painter.h"

static gboolean
on_track (FlCpuPainter *self,
          double       x)
{
  return x >= self->track_x0 && x < self->track_x1;
}

void
fl_cpu_painter_paint_hover (FlCpuPainter *self,
                           FlScene     *scene,
                           double       x,
                           double       y)
{
  FlColor cursor = fl_color_with_alpha (&self->theme->foreground, 0.45f);
  float sx = fl_cpu_snap (self, x);

  if (!on_track (self, x) || y < self->cores_y || y >= self->total_y + self->total_h)
    return;
  fl_scene_rect (scene, sx, self->cores_y, 1, MAX (self->n_cores, 1) * self->core_h, &cursor);
  fl_scene_rect (scene, sx, self->total_y, 1, self->total_h, &cursor);
  if (y < self->cores_y + self->n_cores * self->core_h)
    {
      guint core = (guint) ((y - self->cores_y) / self->core_h);
      float top = self->cores_y + core * self->core_h;

      fl_scene_frame (scene, self->track_x0, top, self->track_x1 - self->track_x0, self->core_h, 1, 0,
                      &self->theme->accent);
    }
}

static void
append_lanes_at (FlCpuPainter *self,
                 GString     *text,
                 int          core,
                 int          b)
{
  guint lane, listed = 0;

  for (lane = 0; lane < self->n_lanes; lane++)
    {
      const float *v = core < 0 ? self->lanes[lane].total : self->lanes[lane].on_core[core];
      double share;

      if (v == NULL || v[b] <= 0)
        continue;
      share = v[b] / self->col_ns;
      if (share < 0.005)
        continue;
      if (listed++ == 8)
        {
          g_string_append (text, "\n…");
          break;
        }
      if (core < 0)
        /* TRANSLATORS: a worker and the cores it kept busy: "numbers 1: 0.97 cores" */
        g_string_append_printf (text, _("\n%s: %.2f cores"), self->lanes[lane].name, share);
      else
        /* TRANSLATORS: a worker and its share of a core's time: "numbers 1: 62%" */
        g_string_append_printf (text, _("\n%s: %.0f%%"), self->lanes[lane].name, share * 100);
    }
  if (listed == 0)
    g_string_append (text, core < 0 ? _("\nNo worker of the run computed here.")
                                    : _("\nNo worker of the run ran on it here."));
}

char *
fl_cpu_painter_describe_at (FlCpuPainter *self,
                           double       x,
                           double       y)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 t = (gint64) fl_cpu_painter_x_to_time (self, x);
  g_autofree char *when = NULL;
  guint i;
  int b;

  /* The share chips. */
  for (i = 0; i < self->chips->len; i++)
    {
      const Chip *chip = &g_array_index (self->chips, Chip, i);
      const CpuLane *cl;
      g_autofree char *cpu = NULL;

      if (chip->lane == G_MAXUINT)
        continue;
      cl = &self->lanes[chip->lane];
      if (x < chip->x || x >= chip->x + chip->w || y < chip->y || y >= chip->y + chip->h)
        continue;
      cpu = fl_timeline_format_duration (cl->cpu_ns);
      /* TRANSLATORS: "numbers 1: 0.51 s of CPU in this range, 49% of the run's" */
      return g_strdup_printf (_("%s: %s of CPU in this range, %.0f%% of the run's"), cl->name, cpu,
                              fl_cpu_painter_get_lane_share (self, chip->lane) * 100);
    }

  if (!on_track (self, x) || (b = fl_cpu_painter_col_at (self, t)) < 0)
    return NULL;
  when = fl_timeline_format_duration (MAX (t, 0));

  if (y >= self->cores_y && y < self->cores_y + self->n_cores * self->core_h)
    {
      guint core = (guint) ((y - self->cores_y) / self->core_h);
      float busy = self->busy[core * self->n_cols + b];

      /* TRANSLATORS: "Core 1 at 2.35 s" */
      g_string_append_printf (text, _("Core %u at %s"), core, when);
      if (busy >= 0)
        /* TRANSLATORS: the core's busy share, from /proc/stat */
        g_string_append_printf (text, _("\nBusy %.0f%% (any program, over 100 ms)"), busy * 100);
      else
        g_string_append (text, _("\nBusy share not measured here"));
      append_lanes_at (self, text, (int) core, b);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  if (y >= self->total_y && y < self->total_y + self->total_h)
    {
      float busy = self->busy_total[b];

      /* TRANSLATORS: "All cores at 2.35 s" */
      g_string_append_printf (text, _("All cores at %s"), when);
      if (busy >= 0)
        /* TRANSLATORS: "Busy: 1.96 of 2 cores (any program)" */
        g_string_append_printf (text, _("\nBusy: %.2f of %u cores (any program)"), busy, self->n_cores);
      append_lanes_at (self, text, -1, b);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  return NULL;
}
