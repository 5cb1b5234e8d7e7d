/* fl-cpu-painter.c — per-core lanes, the all-cores chart, CPU shares
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two measurements, never mixed up:
 *
 * - which thread ran where: the sampler reads every thread's CPU time and
 *   the CPU it last ran on (100 Hz).  The CPU time a thread got between
 *   two samples is spread evenly over that interval and put on the core
 *   it was on at the second one.  These are the coloured boxes.
 * - how busy each core was, with every program of the machine: /proc/stat
 *   counts in 10 ms ticks, so the sampler reports the busy share over the
 *   last 100 ms.  A reading is drawn centred on its window.  This is the
 *   grey behind the boxes.
 *
 * Both are summed into columns of a few pixels, the level of detail drawn:
 * neighbouring columns of one worker at the same height become one box.
 */

#define G_LOG_DOMAIN "fl-cpu-painter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "fl-cpu-painter-private.h"
#include "fl-timeline-painter.h"
#include "fl-timeline-ruler.h"

/* Boxes in the whole picture, before merging, at most about this many:
 * every lane may show once in a core's lane and once in the total. */
#define NODE_BUDGET    10000

static void
chip_clear (gpointer data)
{
  Chip *chip = data;

  g_free (chip->name);
  g_free (chip->value);
}

/* ---- layout -------------------------------------------------------------- */

static char *
format_share (double share)
{
  return g_strdup_printf ("%.0f%%", share * 100);
}

static void
layout_chips (FlCpuPainter *self)
{
  float x = self->track_x0, y = self->bar_y + self->bar_h + roundf (self->font * 0.5f);
  float dot = roundf (self->small_font * 0.75f);
  float gap = roundf (self->font * 1.2f);
  float chip_h = roundf (self->small_font * 1.6f);
  /* The CPU time itself beside the share: a main thread that only waited
   * can hold most of a run's few milliseconds without doing the work. */
  float value_max = fl_scene_measure_text ("999 ms · 100%", self->small_font, TRUE);
  float width = self->track_x1 - self->track_x0;
  guint lane, row = 0, n_shown = 0, n_chips = 0;

  for (lane = 0; lane < self->n_lanes; lane++)
    if (!(self->lanes[lane].kind == FL_LANE_SERVER && self->lanes[lane].cpu_ns <= 0))
      n_chips++;

  for (lane = 0; lane < self->n_lanes; lane++)
    {
      CpuLane *cl = &self->lanes[lane];
      Chip chip = { 0 };
      float name_w, value_w, more_w;
      g_autofree char *cpu = NULL;
      g_autofree char *share = NULL;
      g_autofree char *more = NULL;

      /* The I/O server is there in every run: only when it computed. */
      if (cl->kind == FL_LANE_SERVER && cl->cpu_ns <= 0)
        continue;
      chip.lane = lane;
      chip.name = fl_scene_fit_text (cl->name, self->small_font, FALSE, MAX (width - dot - value_max - 12, 8));
      if (chip.name == NULL)
        chip.name = g_strdup ("…");
      cpu = fl_timeline_format_duration (cl->cpu_ns);
      share = format_share (self->run_cpu_ns > 0 ? (double) cl->cpu_ns / self->run_cpu_ns : 0);
      /* TRANSLATORS: a worker's CPU time and its share of the run's: "12 ms · 80%" */
      chip.value = g_strdup_printf (_("%s · %s"), cpu, share);
      name_w = fl_scene_measure_text (chip.name, self->small_font, FALSE);
      value_w = self->measuring ? value_max : fl_scene_measure_text (chip.value, self->small_font, TRUE);
      chip.w = dot + roundf (self->small_font * 0.45f) + name_w + roundf (self->small_font * 0.4f) + value_w;
      chip.h = chip_h;
      /* Two rows at most: with 64 workers the rest is a count, and the
       * lanes above keep their room. */
      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more", "+%u more", n_chips - n_shown),
                              n_chips - n_shown);
      more_w = fl_scene_measure_text (more, self->small_font, TRUE);
      if (row == 1 && x + chip.w + (n_shown + 1 < n_chips ? gap + more_w : 0) > self->track_x1)
        {
          Chip rest = { G_MAXUINT, x, y, more_w, chip_h, g_steal_pointer (&more), g_strdup ("") };

          g_free (chip.name);
          g_free (chip.value);
          g_array_append_val (self->chips, rest);
          break;
        }
      if (x > self->track_x0 && x + chip.w > self->track_x1)
        {
          x = self->track_x0;
          y += chip_h;
          row++;
        }
      chip.x = x;
      chip.y = y;
      g_array_append_val (self->chips, chip);
      n_shown++;
      x += chip.w + gap;
    }
  self->share_h = (self->chips->len > 0 ? y + chip_h : self->bar_y + self->bar_h) - self->share_y;
}

static void
layout (FlCpuPainter *self)
{
  const FlCpuView *view = &self->view;
  float text_h, row_min;
  float track_w;

  self->font = view->font_size > 0 ? view->font_size : 12.f;
  self->small_font = roundf (self->font * 0.9f * 2) / 2;
  text_h = fl_scene_text_height (self->small_font, NULL);

  /* Horizontal: as the timeline's, or our own. */
  self->frame_x0 = view->x + 6;
  self->frame_x1 = view->x + view->width - 6;
  self->label_x = self->frame_x0 + roundf (self->font * 0.8f);
  self->own_track = view->track_x0 == 0 && view->track_x1 == 0;
  if (self->own_track)
    {
      float label_w = MAX (fl_scene_measure_text (_("All cores"), self->font, TRUE),
                           fl_scene_measure_text (_("CPU share"), self->font, TRUE));

      label_w = CLAMP (label_w + self->font * 1.6f, self->font * 7, MAX (self->font * 7, view->width * 0.22f));
      self->track_x0 = fl_cpu_snap (self, self->label_x + label_w);
      self->track_x1 = fl_cpu_snap (self, self->frame_x1 - roundf (self->font * 0.8f));
    }
  else
    {
      self->track_x0 = view->track_x0;
      self->track_x1 = view->track_x1;
    }
  if (self->track_x1 <= self->track_x0 + 1)
    self->track_x1 = self->track_x0 + 1;
  track_w = self->track_x1 - self->track_x0;
  self->ns_per_px = (double) (view->end - view->start) / track_w;

  /* Columns: a few pixels each, fewer when there are many lanes. */
  self->col_px = MAX (2.f, track_w * (2 * self->n_lanes + self->n_cores + 1) / NODE_BUDGET);
  self->n_cols = MAX (1, (guint) ceilf (track_w / self->col_px));
  self->col_px = track_w / self->n_cols;
  self->col_ns = (double) (view->end - view->start) / self->n_cols;

  /* Vertical. */
  row_min = self->n_cores <= 8 ? 1.5f : self->n_cores <= 32 ? 1.1f : 0.7f;
  self->header_y = view->y + 1;
  self->header_h = roundf (self->font * 1.9f);
  self->cores_y = self->header_y + self->header_h;
  self->core_h = roundf (self->font * row_min);
  self->total_y = self->cores_y + MAX (self->n_cores, 1) * self->core_h + roundf (self->font * 0.6f);
  self->total_h = roundf (self->font * 4.f);
  self->axis_y = self->total_y + self->total_h;
  self->axis_h = self->own_track ? roundf (text_h + self->font * 0.5f) : 0;
  self->share_y = self->axis_y + self->axis_h + roundf (self->font * 0.7f);
  self->bar_y = self->share_y + roundf ((fl_scene_text_height (self->font, NULL) - self->font * 0.6f) / 2);
  self->bar_h = roundf (self->font * 0.6f);
}

static FlCpuPainter *
layout_new (FlStore         *store,
            const FlCpuView *view,
            gboolean         with_data)
{
  FlCpuPainter *self = g_new0 (FlCpuPainter, 1);

  self->view = *view;
  self->measuring = !with_data;
  self->theme = view->theme ? fl_theme_ref (view->theme) : fl_theme_new_light ();
  self->view.theme = self->theme;
  if (self->view.end <= self->view.start)
    self->view.end = self->view.start + 1;
  self->chips = g_array_new (FALSE, TRUE, sizeof (Chip));
  g_array_set_clear_func (self->chips, chip_clear);

  fl_store_lock (store);
  self->n_cores = fl_store_get_n_cores (store);
  self->n_lanes = fl_store_get_n_lanes (store);
  self->running = fl_store_get_end (store) < 0;
  self->lanes = g_new0 (CpuLane, MAX (self->n_lanes, 1));
  layout (self);
  if (with_data)
    fl_cpu_painter_read_store (self, store);
  else
    {
      guint lane;

      for (lane = 0; lane < self->n_lanes; lane++)
        {
          const FlLaneInfo *info = fl_store_get_lane_info (store, lane);

          self->lanes[lane].name = g_strdup (info->name ? info->name : "");
          self->lanes[lane].kind = info->kind;
          self->lanes[lane].on_core = g_new0 (float *, MAX (self->n_cores, 1));
          self->lanes[lane].total = g_new0 (float, self->n_cols);
        }
      self->busy = g_new0 (float, (gsize) MAX (self->n_cores, 1) * self->n_cols);
      self->busy_total = g_new0 (float, self->n_cols);
      self->data_t0 = G_MAXINT64;
      self->data_t1 = G_MININT64;
    }
  fl_store_unlock (store);

  fl_cpu_painter_sum_lanes (self);
  layout_chips (self);
  self->height = ceilf (self->share_y + self->share_h + roundf (self->font * 0.5f) - view->y);
  return self;
}

FlCpuPainter *
fl_cpu_painter_new (FlStore         *store,
                   const FlCpuView *view)
{
  g_return_val_if_fail (FL_IS_STORE (store), NULL);
  g_return_val_if_fail (view != NULL, NULL);

  return layout_new (store, view, TRUE);
}

void
fl_cpu_painter_free (FlCpuPainter *self)
{
  guint lane, c;

  if (self == NULL)
    return;
  for (lane = 0; lane < self->n_lanes; lane++)
    {
      CpuLane *cl = &self->lanes[lane];

      for (c = 0; c < self->n_cores; c++)
        g_free (cl->on_core[c]);
      g_free (cl->on_core);
      g_free (cl->total);
      g_free (cl->name);
    }
  g_free (self->lanes);
  g_free (self->busy);
  g_free (self->busy_total);
  g_array_unref (self->chips);
  fl_theme_unref (self->theme);
  g_free (self);
}

float
fl_cpu_painter_get_height (FlCpuPainter *self)
{
  return self->height;
}

void
fl_cpu_painter_get_track (FlCpuPainter *self,
                         double      *x0,
                         double      *x1)
{
  *x0 = self->track_x0;
  *x1 = self->track_x1;
}

double
fl_cpu_painter_time_to_x (FlCpuPainter *self,
                         double       t)
{
  return self->track_x0 + (t - self->view.start) / self->ns_per_px;
}

double
fl_cpu_painter_x_to_time (FlCpuPainter *self,
                         double       x)
{
  return self->view.start + (x - self->track_x0) * self->ns_per_px;
}

guint
fl_cpu_painter_get_n_cores (FlCpuPainter *self)
{
  return self->n_cores;
}

gboolean
fl_cpu_painter_get_core_row (FlCpuPainter *self,
                            guint        core,
                            float       *y,
                            float       *height)
{
  if (core >= self->n_cores)
    return FALSE;
  *y = self->cores_y + core * self->core_h;
  *height = self->core_h;
  return TRUE;
}

void
fl_cpu_painter_get_total_area (FlCpuPainter *self,
                              float       *y,
                              float       *height)
{
  *y = self->total_y;
  *height = self->total_h;
}

int
fl_cpu_painter_col_at (FlCpuPainter *self,
                      gint64       t)
{
  double b = floor ((t - self->view.start) / self->col_ns);

  if (b < 0 || b >= self->n_cols)
    return -1;
  return (int) b;
}

double
fl_cpu_painter_get_core_busy_at (FlCpuPainter *self,
                                guint        core,
                                gint64       t)
{
  int b = fl_cpu_painter_col_at (self, t);

  if (b < 0 || core >= self->n_cores)
    return -1;
  return self->busy[core * self->n_cols + b];
}

double
fl_cpu_painter_get_lane_on_core_at (FlCpuPainter *self,
                                   guint        lane,
                                   guint        core,
                                   gint64       t)
{
  int b = fl_cpu_painter_col_at (self, t);

  if (b < 0 || lane >= self->n_lanes || core >= self->n_cores || self->lanes[lane].on_core[core] == NULL)
    return 0;
  return self->lanes[lane].on_core[core][b] / self->col_ns;
}

gint64
fl_cpu_painter_get_lane_cpu_ns (FlCpuPainter *self,
                               guint        lane)
{
  return lane < self->n_lanes ? self->lanes[lane].cpu_ns : 0;
}

double
fl_cpu_painter_get_lane_share (FlCpuPainter *self,
                              guint        lane)
{
  if (lane >= self->n_lanes || self->run_cpu_ns <= 0)
    return 0;
  return (double) self->lanes[lane].cpu_ns / self->run_cpu_ns;
}

double
fl_cpu_painter_get_run_cores (FlCpuPainter *self)
{
  if (self->data_t1 <= self->data_t0)
    return 0;
  return (double) self->run_cpu_ns / (self->data_t1 - self->data_t0);
}

/* ---- painting ------------------------------------------------------------ */

/* Boxes of one series being merged across columns. */
typedef struct
{
  float x0, x1, y0, y1;
  gboolean open;
} Run;

static void
run_flush (FlScene       *scene,
           Run           *run,
           const FlColor *color)
{
  if (run->open && run->x1 > run->x0 && run->y1 > run->y0)
    fl_scene_rect (scene, run->x0, run->y0, run->x1 - run->x0, run->y1 - run->y0, color);
  run->open = FALSE;
}

static void
run_add (FlScene       *scene,
         Run           *run,
         const FlColor *color,
         float          x0,
         float          x1,
         float          y0,
         float          y1)
{
  if (y1 <= y0)
    {
      run_flush (scene, run, color);
      return;
    }
  if (run->open && run->x1 == x0 && run->y0 == y0 && run->y1 == y1)
    {
      run->x1 = x1;
      return;
    }
  run_flush (scene, run, color);
  *run = (Run) { x0, x1, y0, y1, TRUE };
}

static float
col_x (FlCpuPainter *self,
       guint        b)
{
  return fl_cpu_snap (self, self->track_x0 + b * self->col_px);
}

/* Stacked columns in [@top, @top + @h]: @busy (grey, NULL for none) behind,
 * lanes in front, @full being the value that fills the height. */
static void
paint_stack (FlCpuPainter *self,
             FlScene     *scene,
             float        top,
             float        h,
             double       full,
             const float *busy,
             int          core)
{
  FlTheme *theme = self->theme;
  FlColor grey = fl_color_mix (&theme->background, &theme->foreground, theme->dark ? 0.26f : 0.2f);
  g_autofree Run *runs = g_new0 (Run, self->n_lanes + 1);
  float bottom = top + h;
  guint b, lane;

  /* The grey first, in a pass of its own: it goes behind. */
  if (busy)
    {
      for (b = 0; b < self->n_cols; b++)
        {
          if (busy[b] < 0)
            run_flush (scene, &runs[self->n_lanes], &grey);
          else
            run_add (scene, &runs[self->n_lanes], &grey, col_x (self, b), col_x (self, b + 1),
                     fl_cpu_snap (self, bottom - MIN (busy[b] / full, 1.0) * h), bottom);
        }
      run_flush (scene, &runs[self->n_lanes], &grey);
    }

  /* The lanes stacked in lane order; their boxes never overlap. */
  for (b = 0; b < self->n_cols; b++)
    {
      float x0 = col_x (self, b), x1 = col_x (self, b + 1);
      double cum = 0;

      for (lane = 0; lane < self->n_lanes; lane++)
        {
          CpuLane *cl = &self->lanes[lane];
          const float *v = core < 0 ? cl->total : cl->on_core[core];
          const FlColor *color = fl_theme_get_worker_color (theme, lane);
          double share;
          float y0, y1;

          if (v == NULL || v[b] <= 0)
            {
              run_flush (scene, &runs[lane], color);
              continue;
            }
          share = v[b] / self->col_ns;
          y1 = fl_cpu_snap (self, bottom - MIN (cum / full, 1.0) * h);
          cum += share;
          y0 = fl_cpu_snap (self, bottom - MIN (cum / full, 1.0) * h);
          run_add (scene, &runs[lane], color, x0, x1, y0, y1);
        }
    }
  for (lane = 0; lane < self->n_lanes; lane++)
    run_flush (scene, &runs[lane], fl_theme_get_worker_color (theme, lane));
}

static void
paint_grid (FlCpuPainter *self,
            FlScene     *scene,
            float        top,
            float        bottom,
            gboolean     labels)
{
  FlColor color = fl_color_with_alpha (&self->theme->grid, 0.75f);
  /* The step the timeline's ruler chooses for the same range and width,
   * so that the lines continue its grid. */
  gint64 step = fl_timeline_ruler_step (self->view.end, self->ns_per_px, self->small_font, NULL, NULL), t;
  float text_y = self->axis_y + roundf (self->font * 0.3f);

  t = self->view.start / step * step;
  if (t < self->view.start)
    t += step;
  for (; t <= self->view.end; t += step)
    {
      float x = fl_cpu_snap (self, fl_cpu_painter_time_to_x (self, (double) t));

      if (x > self->track_x0 + 0.5f)
        fl_scene_rect (scene, x, top, 1, bottom - top, &color);
      if (labels)
        {
          g_autofree char *label = fl_timeline_format_time (t, step);

          if (x + 4 + fl_scene_measure_text (label, self->small_font, FALSE) <= self->track_x1)
            fl_scene_text (scene, x + 4, text_y, 0, label, self->small_font, FALSE, FL_TEXT_LEFT,
                           &self->theme->secondary);
        }
    }
}

static void
paint_header (FlCpuPainter *self,
              FlScene     *scene)
{
  FlTheme *theme = self->theme;
  FlColor grey = fl_color_mix (&theme->background, &theme->foreground, theme->dark ? 0.26f : 0.2f);
  float title_h = fl_scene_text_height (self->font, NULL);
  float small_h = fl_scene_text_height (self->small_font, NULL);
  float y = self->header_y + (self->header_h - title_h) / 2;
  float sy = self->header_y + (self->header_h - small_h) / 2;
  float sw = roundf (self->small_font * 0.9f);
  float x = self->track_x0;
  g_autofree char *cores = NULL;
  char *fit;
  guint i;

  fl_scene_rect (scene, self->view.x, self->view.y, self->view.width, 1, &theme->grid);
  fl_scene_text (scene, self->label_x, y, 0, _("CPU"), self->font, TRUE, FL_TEXT_LEFT, &theme->foreground);
  cores = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u core", "%u cores", self->n_cores), self->n_cores);
  x = self->label_x + fl_scene_measure_text (_("CPU"), self->font, TRUE) + roundf (self->font * 0.5f);
  if (x + fl_scene_measure_text (cores, self->small_font, FALSE) < self->track_x0 - 4)
    fl_scene_text (scene, x, sy, 0, cores, self->small_font, FALSE, FL_TEXT_LEFT, &theme->secondary);

  /* The key: what the grey is, what the colours are; shorter when narrow. */
  {
    const char *busy_keys[] = { _("busy, any program: per-core busy share, smoothed over 100 ms"),
                                _("busy, any program (100 ms average)") };
    const char *run_keys[] = { _("the run's workers, from the core each thread was sampled on"),
                               _("the run's workers"), NULL };
    float gap = roundf (self->font * 1.5f), swatch = sw + 5, avail = self->track_x1 - self->track_x0;
    guint bi, ri;

    for (bi = 0; bi < G_N_ELEMENTS (busy_keys); bi++)
      for (ri = 0; ri < G_N_ELEMENTS (run_keys); ri++)
        {
          float w = swatch + fl_scene_measure_text (busy_keys[bi], self->small_font, FALSE);

          if (run_keys[ri])
            w += gap + 3 * (sw / 2) + 5 + fl_scene_measure_text (run_keys[ri], self->small_font, FALSE);
          if (w <= avail || (bi + 1 == G_N_ELEMENTS (busy_keys) && ri + 1 == G_N_ELEMENTS (run_keys)))
            goto chosen;
        }
  chosen:
    x = self->track_x0;
    fl_scene_rect (scene, x, sy + (small_h - sw) / 2, sw, sw, &grey);
    fit = fl_scene_fit_text (busy_keys[bi], self->small_font, FALSE, self->track_x1 - x - swatch);
    if (fit)
      fl_scene_text (scene, x + swatch, sy, 0, fit, self->small_font, FALSE, FL_TEXT_LEFT, &theme->secondary);
    g_free (fit);
    if (run_keys[ri] == NULL)
      return;
    x += swatch + fl_scene_measure_text (busy_keys[bi], self->small_font, FALSE) + gap;
    for (i = 0; i < 3; i++)
      fl_scene_rect (scene, x + i * (sw / 2), sy + (small_h - sw) / 2, ceilf (sw / 2), sw,
                     fl_theme_get_worker_color (theme, i + 1));
    x += 3 * (sw / 2) + 5;
    fl_scene_text (scene, x, sy, 0, run_keys[ri], self->small_font, FALSE, FL_TEXT_LEFT, &theme->secondary);
  }
}

/* The busy share of @core over the visible range, or -1. */
static double
core_average (FlCpuPainter *self,
              guint        core)
{
  double sum = 0;
  guint b, n = 0;

  for (b = 0; b < self->n_cols; b++)
    if (self->busy[core * self->n_cols + b] >= 0)
      {
        sum += self->busy[core * self->n_cols + b];
        n++;
      }
  return n > 0 ? sum / n : -1;
}

static void
paint_cores (FlCpuPainter *self,
             FlScene     *scene)
{
  FlTheme *theme = self->theme;
  float text_h = fl_scene_text_height (self->small_font, NULL);
  float pad = self->core_h >= 14 ? 2 : 1;
  guint label_every = 1, c;

  while (label_every * self->core_h < text_h)
    label_every *= 2;

  if (self->n_cores == 0)
    {
      fl_scene_text (scene, self->track_x0, self->cores_y + (self->core_h - text_h) / 2, 0,
                     _("No CPU readings yet: the sampler reports every core after its first 100 ms."),
                     self->small_font, FALSE, FL_TEXT_LEFT, &theme->secondary);
      return;
    }

  for (c = 0; c < self->n_cores; c++)
    {
      float top = self->cores_y + c * self->core_h;

      if (c % 2 == 1)
        fl_scene_rect (scene, self->frame_x0 + 1, top, self->frame_x1 - self->frame_x0 - 2, self->core_h,
                       &theme->lane_stripe);
      if (c % label_every == 0)
        {
          g_autofree char *label = g_strdup_printf (_("Core %u"), c);
          g_autofree char *pct = NULL;
          double avg = core_average (self, c);

          if (avg >= 0)
            {
              pct = format_share (avg);
              /* The figure matters more than the word: when both do not
               * fit, the label shortens and the figure stays. */
              if (self->label_x + fl_scene_measure_text (label, self->small_font, FALSE) + 6 +
                  fl_scene_measure_text (pct, self->small_font, TRUE) >= self->track_x0 - 8)
                {
                  g_free (label);
                  /* TRANSLATORS: short for "Core %u" where space is tight */
                  label = g_strdup_printf (_("C%u"), c);
                }
              if (self->label_x + fl_scene_measure_text (label, self->small_font, FALSE) + 6 +
                  fl_scene_measure_text (pct, self->small_font, TRUE) >= self->track_x0 - 8)
                g_clear_pointer (&pct, g_free);
            }
          fl_scene_text (scene, self->label_x, top + (self->core_h - text_h) / 2, 0, label, self->small_font,
                         FALSE, FL_TEXT_LEFT, &theme->foreground);
          if (pct != NULL)
            fl_scene_text (scene, self->track_x0 - 8, top + (self->core_h - text_h) / 2, 0, pct,
                           self->small_font, TRUE, FL_TEXT_RIGHT, &theme->secondary);
        }
    }

  fl_scene_push_clip (scene, self->track_x0, self->cores_y, self->track_x1 - self->track_x0,
                      self->n_cores * self->core_h);
  paint_grid (self, scene, self->cores_y, self->cores_y + self->n_cores * self->core_h, FALSE);
  for (c = 0; c < self->n_cores; c++)
    {
      float top = self->cores_y + c * self->core_h;

      paint_stack (self, scene, top + pad, self->core_h - 2 * pad, 1.0, self->busy + c * self->n_cols, (int) c);
    }
  fl_scene_pop_clip (scene);
}

static void
paint_total (FlCpuPainter *self,
             FlScene     *scene)
{
  FlTheme *theme = self->theme;
  float text_h = fl_scene_text_height (self->font, NULL);
  float small_h = fl_scene_text_height (self->small_font, NULL);
  float top = self->total_y, h = self->total_h, bottom = top + h;
  FlColor pill = fl_color_with_alpha (&theme->background, 0.82f);
  guint n = MAX (self->n_cores, 1), k, step, label_step;
  double run_cores = fl_cpu_painter_get_run_cores (self);

  fl_scene_text (scene, self->label_x, top, 0, _("All cores"), self->font, TRUE, FL_TEXT_LEFT, &theme->foreground);
  if (self->data_t1 > self->data_t0)
    {
      g_autofree char *line1 = g_strdup_printf (_("run: %.2f"), run_cores);
      g_autofree char *line2 = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "of %u core", "of %u cores", n), n);

      fl_scene_text (scene, self->label_x, top + text_h + 2, 0, line1, self->small_font, TRUE, FL_TEXT_LEFT,
                     &theme->secondary);
      fl_scene_text (scene, self->label_x, top + text_h + 2 + small_h, 0, line2, self->small_font, FALSE,
                     FL_TEXT_LEFT, &theme->secondary);
    }

  fl_scene_push_clip (scene, self->track_x0, top, self->track_x1 - self->track_x0, h + 1);
  fl_scene_rect (scene, self->track_x0, top, self->track_x1 - self->track_x0, h, &theme->lane_stripe);
  paint_grid (self, scene, top, bottom, FALSE);
  paint_stack (self, scene, top, h, n, self->n_cores > 0 ? self->busy_total : NULL, -1);

  /* One line per core (or per quarter with many), labelled. */
  step = n <= 8 ? 1 : (n + 3) / 4;
  /* Labels where they fit, counting down from the top line. */
  label_step = step;
  while (label_step < n && (float) label_step / n * h < small_h + 2)
    label_step += step;
  for (k = step; k <= n; k += step)
    {
      float y = fl_cpu_snap (self, bottom - (float) k / n * h);

      fl_scene_rect (scene, self->track_x0, y, self->track_x1 - self->track_x0, 1,
                     k == n ? &theme->group_border : &theme->grid);
      if ((n - k) % label_step == 0 && y + 1 + small_h <= bottom)
        {
          g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u core", "%u cores", k), k);
          float w = fl_scene_measure_text (label, self->small_font, FALSE);

          fl_scene_rounded_rect (scene, self->track_x0 + 3, y + 1, w + 8, small_h, 3, &pill);
          fl_scene_text (scene, self->track_x0 + 7, y + 1, 0, label, self->small_font, FALSE, FL_TEXT_LEFT,
                         &theme->secondary);
        }
    }
  fl_scene_rect (scene, self->track_x0, bottom - 1, self->track_x1 - self->track_x0, 1, &theme->group_border);
  fl_scene_pop_clip (scene);

  if (self->own_track)
    {
      fl_scene_push_clip (scene, self->track_x0, self->axis_y, self->track_x1 - self->track_x0, self->axis_h);
      paint_grid (self, scene, self->axis_y, self->axis_y + roundf (self->font * 0.3f), TRUE);
      fl_scene_pop_clip (scene);
    }
}

static void
paint_share (FlCpuPainter *self,
             FlScene     *scene)
{
  FlTheme *theme = self->theme;
  float text_h = fl_scene_text_height (self->font, NULL);
  float small_h = fl_scene_text_height (self->small_font, NULL);
  float dot = roundf (self->small_font * 0.75f);
  float x = self->track_x0, w = self->track_x1 - self->track_x0;
  guint i, lane;

  fl_scene_text (scene, self->label_x, self->share_y, 0, _("CPU share"), self->font, TRUE, FL_TEXT_LEFT,
                 &theme->foreground);
  if (self->run_cpu_ns <= 0)
    {
      fl_scene_text (scene, self->track_x0, self->share_y + (text_h - small_h) / 2, 0,
                     _("No CPU time measured in this range."), self->small_font, FALSE, FL_TEXT_LEFT,
                     &theme->secondary);
      return;
    }

  /* One bar, the run's CPU time, cut by worker. */
  fl_scene_rounded_rect (scene, self->track_x0, self->bar_y, w, self->bar_h, self->bar_h / 2, &theme->grid);
  fl_scene_push_clip (scene, self->track_x0, self->bar_y, w, self->bar_h);
  for (lane = 0; lane < self->n_lanes; lane++)
    {
      double share = (double) self->lanes[lane].cpu_ns / self->run_cpu_ns;
      float x0 = fl_cpu_snap (self, x), x1 = fl_cpu_snap (self, x + share * w);

      if (x1 > x0)
        fl_scene_rect (scene, x0, self->bar_y, x1 - x0, self->bar_h, fl_theme_get_worker_color (theme, lane));
      x += share * w;
    }
  fl_scene_pop_clip (scene);

  for (i = 0; i < self->chips->len; i++)
    {
      const Chip *chip = &g_array_index (self->chips, Chip, i);
      float ty = chip->y + (chip->h - small_h) / 2;
      float tx = chip->x + dot + roundf (self->small_font * 0.45f);

      if (chip->lane == G_MAXUINT)
        {
          /* The workers that did not fit. */
          fl_scene_text (scene, chip->x, ty, 0, chip->name, self->small_font, TRUE, FL_TEXT_LEFT, &theme->secondary);
          continue;
        }
      fl_scene_rounded_rect (scene, chip->x, fl_cpu_snap (self, chip->y + (chip->h - dot) / 2), dot, dot, dot / 2,
                             fl_theme_get_worker_color (theme, chip->lane));
      fl_scene_text (scene, tx, ty, 0, chip->name, self->small_font, FALSE, FL_TEXT_LEFT, &theme->foreground);
      fl_scene_text (scene, chip->x + chip->w, ty, 0, chip->value, self->small_font, TRUE, FL_TEXT_RIGHT,
                     &theme->foreground);
    }
}

void
fl_cpu_painter_paint (FlCpuPainter *self,
                     FlScene     *scene)
{
  const FlCpuView *view = &self->view;

  if (view->background)
    fl_scene_rect (scene, view->x, view->y, view->width, MAX (view->height, self->height), &self->theme->background);
  paint_header (self, scene);
  paint_cores (self, scene);
  paint_total (self, scene);
  paint_share (self, scene);
}

/* ---- the fixed entry points ---------------------------------------------- */

/**
 * fl_cpu_painter_measure_height:
 * @store: a run's store
 * @view: its width, font size and range count; its height does not
 *
 * Returns: the height the picture needs for @store's cores and workers
 */
float
fl_cpu_painter_measure_height (FlStore         *store,
                               const FlCpuView *view)
{
  g_autoptr(FlCpuPainter) layout = NULL;

  g_return_val_if_fail (FL_IS_STORE (store), 0);
  g_return_val_if_fail (view != NULL, 0);

  layout = layout_new (store, view, FALSE);
  return layout->height;
}

/**
 * fl_cpu_painter_describe:
 * @store: a run's store
 *
 * Returns: (transfer full): how busy each core was (with any program) and
 *   how much CPU time each lane of the run used
 */
char *
fl_cpu_painter_describe (FlStore *store)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_cores, n_lanes, c, i;

  fl_store_lock (store);
  n_cores = fl_store_get_n_cores (store);
  n_lanes = fl_store_get_n_lanes (store);
  if (n_cores > 0)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u core, busy on average (any program):",
                                                 "%u cores, busy on average (any program):", n_cores), n_cores);
      for (c = 0; c < n_cores; c++)
        {
          gsize n, k;
          const FlCoreSample *s = fl_store_get_core_samples (store, c, &n);
          double sum = 0;

          for (k = 0; k < n; k++)
            sum += s[k].busy;
          if (n > 0)
            /* TRANSLATORS: a core's average busy share: "core 0 85%" */
            g_string_append_printf (text, _("%s core %u %.0f%%"), c > 0 ? "," : "", c, 100 * sum / n);
          else
            g_string_append_printf (text, _("%s core %u unknown"), c > 0 ? "," : "", c);
        }
      g_string_append_c (text, '.');
    }
  else
    g_string_append (text, _("The cores were not sampled."));

  g_string_append (text, _(" CPU time of the run:"));
  for (i = 0; i < n_lanes; i++)
    {
      const FlLaneInfo *info = fl_store_get_lane_info (store, i);
      gsize n;
      const FlLaneSample *s = fl_store_get_lane_samples (store, i, &n);
      gint64 cpu = info->cpu_ns >= 0 ? info->cpu_ns : n > 0 ? s[n - 1].cpu_ns : -1;
      g_autofree char *t = cpu >= 0 ? fl_timeline_format_duration (cpu) : g_strdup (_("unknown"));

      if (i >= 24)
        {
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " and %u more lane", " and %u more lanes",
                                                     n_lanes - i), n_lanes - i);
          break;
        }
      g_string_append_printf (text, "%s %s %s", i > 0 ? "," : "", info->name ? info->name : "?", t);
    }
  g_string_append_c (text, '.');
  fl_store_unlock (store);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

const FlPainterFuncs fl_cpu_painter_funcs = {
  .paint = (FlPainterPaintFunc) fl_cpu_painter_paint,
  .paint_hover = (FlPainterPaintHoverFunc) fl_cpu_painter_paint_hover,
  .describe_at = (FlPainterDescribeAtFunc) fl_cpu_painter_describe_at,
  .free = (GDestroyNotify) fl_cpu_painter_free,
};
