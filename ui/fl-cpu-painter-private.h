/* fl-cpu-painter-private.h — the CPU painter's measurements and layout
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "fl-cpu-painter.h"

G_BEGIN_DECLS

typedef struct
{
  char       *name;
  FlLaneKind  kind;
  float     **on_core;     /* per core: CPU ns per column, NULL if never there */
  float      *total;       /* CPU ns per column, all cores */
  gint64      cpu_ns;      /* in the visible range */
} CpuLane;

typedef struct
{
  guint  lane;
  float  x, y, w, h;
  char  *name;
  char  *value;
} Chip;

struct _FlCpuPainter
{
  FlCpuView  view;
  FlTheme   *theme;

  guint      n_cores;
  guint      n_lanes;
  CpuLane   *lanes;
  float     *busy;          /* n_cores × n_cols, 0..1, or < 0 if not measured */
  float     *busy_total;    /* n_cols, in cores, or < 0 */
  guint      n_cols;
  double     col_ns;
  float      col_px;
  double     ns_per_px;
  gint64     run_cpu_ns;
  gint64     data_t0, data_t1;   /* the part of the view the threads were sampled in */
  gboolean   running;
  gboolean   measuring;     /* no data read: sizes for the widest values */

  /* geometry */
  float      font, small_font;
  float      frame_x0, frame_x1, label_x;
  float      track_x0, track_x1;
  gboolean   own_track;
  float      header_y, header_h;
  float      cores_y, core_h;
  float      total_y, total_h;
  float      axis_y, axis_h;
  float      share_y, share_h;
  float      bar_y, bar_h;
  float      height;
  GArray    *chips;               /* of Chip */
};

static inline float
fl_cpu_snap (const FlCpuPainter *self,
             double             v)
{
  float scale = self->view.scale > 0 ? self->view.scale : 1.f;

  return (float) (floor (v * scale + 0.5) / scale);
}

/* fl-cpu-measure.c: reads the samples in the view (the caller holds the
 * store's lock), then sums them per lane. */
void  fl_cpu_painter_read_store (FlCpuPainter *self,
                                FlStore     *store);
void  fl_cpu_painter_sum_lanes  (FlCpuPainter *self);

/* The column of the picture that holds @t, or -1. */
int   fl_cpu_painter_col_at (FlCpuPainter *self,
                            gint64       t);

G_END_DECLS
