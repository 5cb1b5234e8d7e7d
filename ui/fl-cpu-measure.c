/* fl-cpu-measure.c — the CPU view's numbers, read from the store
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which thread ran where: the CPU time a thread got between two samples
 * is spread evenly over that interval and put on the core it was on at
 * the second one.  How busy a core was: each /proc/stat reading (the
 * share over the 100 ms ending at its time) stands for the middle of its
 * window.  Both are summed into the picture's columns.
 */

#define G_LOG_DOMAIN "fl-cpu-painter"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fl-cpu-painter-private.h"

/* The sampler's smoothing window for per-core busy shares (fl-sampler.c). */
#define BUSY_WINDOW_NS G_GINT64_CONSTANT (100000000)

/* Adds @rate × the overlap of [@t0, @t1) with each column to @acc. */
static void
spread (const FlCpuPainter *self,
        float             *acc,
        double             t0,
        double             t1,
        double             rate)
{
  double start = self->view.start;
  gint64 b0, b1, b;

  t0 = MAX (t0, start);
  t1 = MIN (t1, (double) self->view.end);
  if (t1 <= t0)
    return;
  b0 = CLAMP ((gint64) floor ((t0 - start) / self->col_ns), 0, (gint64) self->n_cols - 1);
  b1 = CLAMP ((gint64) floor ((t1 - start) / self->col_ns), 0, (gint64) self->n_cols - 1);
  for (b = b0; b <= b1; b++)
    {
      double c0 = start + b * self->col_ns, c1 = c0 + self->col_ns;
      double overlap = MIN (t1, c1) - MAX (t0, c0);

      if (overlap > 0)
        acc[b] += (float) (rate * overlap);
    }
}

/* Both kinds of sample start with their time, so one search serves both. */
G_STATIC_ASSERT (G_STRUCT_OFFSET (FlLaneSample, t) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (FlCoreSample, t) == 0);

/* How many of the @n samples at @s (@size bytes each, in time order)
 * are before @t. */
static gsize
samples_before (const void *s,
                gsize       n,
                gsize       size,
                gint64      t)
{
  const guint8 *base = s;
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (*(const gint64 *) (gconstpointer) (base + mid * size) < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
read_lane (FlCpuPainter        *self,
           guint               lane,
           const FlLaneInfo   *info,
           const FlLaneSample *s,
           gsize               n)
{
  CpuLane *cl = &self->lanes[lane];
  gsize i;

  if (n == 0)
    return;
  i = samples_before (s, n, sizeof *s, self->view.start);
  for (; i < n; i++)
    {
      double t0, cpu;
      guint core = s[i].cpu;

      if (i == 0)
        {
          /* CPU time before the first sample: since the thread started,
           * and never more than one core's worth. */
          cpu = (double) MAX (s[0].cpu_ns, 0);
          t0 = (double) s[0].t - cpu;
          if (info->start_t >= 0)
            t0 = MIN (t0, (double) info->start_t);
        }
      else
        {
          cpu = (double) MAX (s[i].cpu_ns - s[i - 1].cpu_ns, 0);
          t0 = (double) s[i - 1].t;
        }
      t0 = MIN (t0, (double) s[i].t);
      if (t0 > self->view.end)
        break;
      self->data_t0 = MIN (self->data_t0, (gint64) t0);
      self->data_t1 = MAX (self->data_t1, s[i].t);
      if (cpu <= 0 || core >= self->n_cores)
        continue;
      if (cl->on_core[core] == NULL)
        cl->on_core[core] = g_new0 (float, self->n_cols);
      if ((double) s[i].t > t0)
        spread (self, cl->on_core[core], t0, (double) s[i].t, MIN (cpu / ((double) s[i].t - t0), 1.0));
    }
}

static void
read_core (FlCpuPainter        *self,
           guint               core,
           float              *acc,
           float              *cov,
           const FlCoreSample *s,
           gsize               n)
{
  gsize i;

  if (n == 0)
    return;
  i = samples_before (s, n, sizeof *s, self->view.start);
  i = i > 1 ? i - 2 : 0;
  for (; i < n; i++)
    {
      /* A reading is the share over the window ending at its time: it
       * stands for the middle of that window, and reaches halfway to its
       * neighbours' middles. */
      double c = (double) s[i].t - BUSY_WINDOW_NS / 2.0;
      double prev = i > 0 ? (double) s[i - 1].t - BUSY_WINDOW_NS / 2.0 : c - BUSY_WINDOW_NS / 2.0;
      double next = i + 1 < n ? (double) s[i + 1].t - BUSY_WINDOW_NS / 2.0 : c + BUSY_WINDOW_NS / 2.0;
      double t0 = (prev + c) / 2, t1 = (c + next) / 2;

      if (i == 0 && n > 1)
        t0 = c - (next - c) / 2;
      if (i + 1 == n && n > 1)
        t1 = c + (c - prev) / 2;
      if (t0 > self->view.end)
        break;
      spread (self, acc, t0, t1, CLAMP (s[i].busy, 0.f, 1.f));
      spread (self, cov, t0, t1, 1.0);
    }
}

void
fl_cpu_painter_read_store (FlCpuPainter *self,
            FlStore     *store)
{
  g_autofree float *acc = NULL;
  g_autofree float *cov = NULL;
  guint lane, c, b;

  self->data_t0 = G_MAXINT64;
  self->data_t1 = G_MININT64;

  for (lane = 0; lane < self->n_lanes; lane++)
    {
      const FlLaneInfo *info = fl_store_get_lane_info (store, lane);
      const FlLaneSample *samples;
      gsize n;

      self->lanes[lane].name = g_strdup (info->name ? info->name : "");
      self->lanes[lane].kind = info->kind;
      self->lanes[lane].on_core = g_new0 (float *, MAX (self->n_cores, 1));
      self->lanes[lane].total = g_new0 (float, self->n_cols);
      samples = fl_store_get_lane_samples (store, lane, &n);
      read_lane (self, lane, info, samples, n);
    }

  acc = g_new (float, self->n_cols);
  cov = g_new (float, self->n_cols);
  self->busy = g_new (float, (gsize) MAX (self->n_cores, 1) * self->n_cols);
  self->busy_total = g_new0 (float, self->n_cols);
  for (c = 0; c < self->n_cores; c++)
    {
      const FlCoreSample *samples;
      gsize n;

      memset (acc, 0, self->n_cols * sizeof (float));
      memset (cov, 0, self->n_cols * sizeof (float));
      samples = fl_store_get_core_samples (store, c, &n);
      read_core (self, c, acc, cov, samples, n);
      for (b = 0; b < self->n_cols; b++)
        {
          /* A column the readings cover only in part: not measured. */
          float v = cov[b] >= self->col_ns * 0.5 ? acc[b] / cov[b] : -1.f;

          self->busy[c * self->n_cols + b] = v;
          if (v < 0 || self->busy_total[b] < 0)
            self->busy_total[b] = -1;
          else
            self->busy_total[b] += v;
        }
    }
  if (self->n_cores == 0)
    for (b = 0; b < self->n_cols; b++)
      self->busy_total[b] = -1;
}

void
fl_cpu_painter_sum_lanes (FlCpuPainter *self)
{
  guint lane, c, b;

  self->run_cpu_ns = 0;
  for (lane = 0; lane < self->n_lanes; lane++)
    {
      CpuLane *cl = &self->lanes[lane];
      double sum = 0;

      for (c = 0; c < self->n_cores; c++)
        if (cl->on_core[c])
          for (b = 0; b < self->n_cols; b++)
            cl->total[b] += cl->on_core[c][b];
      for (b = 0; b < self->n_cols; b++)
        sum += cl->total[b];
      cl->cpu_ns = (gint64) llround (sum);
      self->run_cpu_ns += cl->cpu_ns;
    }
  self->data_t0 = MAX (self->data_t0, self->view.start);
  self->data_t1 = MIN (self->data_t1, self->view.end);
}
