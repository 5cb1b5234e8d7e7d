/* fl-cpu-painter.h — paints what the cores did into an FlScene
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the timeline's time axis: one lane per core, coloured by the worker
 * that ran on it (from the CPU number and CPU time the sampler read of
 * every thread), over the core's busy share as /proc/stat gives it (all
 * programs, smoothed over 100 ms); a chart of all cores together, in
 * cores; and each worker's share of the run's CPU time.  The same painter
 * serves the window (fl-cpu-chart.c) and export.  GTK-free.
 */

#pragma once

#include "fl-scene.h"
#include "fl-store.h"
#include "fl-theme.h"

G_BEGIN_DECLS

typedef struct
{
  float     x, y, width, height;   /* where in the scene */
  gint64    start, end;            /* visible time range, ns since run start (same as the timeline's) */
  float     track_x0, track_x1;    /* x range of the time axis, to align under the timeline; both 0: own */
  float     scale;                 /* device px per logical px; 0: 1 */
  float     font_size;             /* 0: 12 */
  FlTheme  *theme;
  gboolean  background;            /* fill with the theme background first */
} FlCpuView;

/* The cores and the run's CPU time in words, for a screen reader. */
char *fl_cpu_painter_describe       (FlStore *store);
/* Height the view needs for @store's cores at @view's width/font size. */
float fl_cpu_painter_measure_height (FlStore *store, const FlCpuView *view);

/* The painter: per-core lanes, the total utilisation chart and each
 * worker's CPU share, made from one read of the store under its lock (the
 * store is not touched afterwards); it keeps what it measured, for the
 * widget's hover and tooltips and for tests.  The same shape as
 * FlTimelinePainter and FlMemoryPainter: new (source, view), paint,
 * paint_hover, describe_at, free. */
typedef struct _FlCpuPainter FlCpuPainter;

FlCpuPainter *fl_cpu_painter_new          (FlStore         *store,
                                         const FlCpuView *view);
void         fl_cpu_painter_free         (FlCpuPainter     *self);
void         fl_cpu_painter_paint        (FlCpuPainter     *self,
                                         FlScene         *scene);
/* A cursor line at @x over the lanes and the chart, the hovered part framed. */
void         fl_cpu_painter_paint_hover  (FlCpuPainter     *self,
                                         FlScene         *scene,
                                         double           x,
                                         double           y);
/* What is under (@x, @y), in words (a tooltip), or NULL. */
char        *fl_cpu_painter_describe_at  (FlCpuPainter     *self,
                                         double           x,
                                         double           y);
/* The height the whole picture takes (the view's height is ignored). */
float        fl_cpu_painter_get_height   (FlCpuPainter     *self);

/* Geometry. */
void         fl_cpu_painter_get_track    (FlCpuPainter     *self,
                                         double          *x0,
                                         double          *x1);
double       fl_cpu_painter_time_to_x    (FlCpuPainter     *self,
                                         double           t);
double       fl_cpu_painter_x_to_time    (FlCpuPainter     *self,
                                         double           x);
guint        fl_cpu_painter_get_n_cores  (FlCpuPainter     *self);
/* The top and height of @core's lane; FALSE if there is no such core. */
gboolean     fl_cpu_painter_get_core_row (FlCpuPainter     *self,
                                         guint            core,
                                         float           *y,
                                         float           *height);
/* The plot area of the all-cores chart (its top is "every core busy"). */
void         fl_cpu_painter_get_total_area (FlCpuPainter   *self,
                                           float         *y,
                                           float         *height);

/* What was measured, at the level of detail drawn (the time slice of
 * one column of the picture around @t). */
/* @core's busy share (0..1, every program, /proc/stat), or -1 if not measured. */
double       fl_cpu_painter_get_core_busy_at (FlCpuPainter *self,
                                             guint        core,
                                             gint64       t);
/* The share of @core's time (0..1) that @lane ran on it. */
double       fl_cpu_painter_get_lane_on_core_at (FlCpuPainter *self,
                                                guint        lane,
                                                guint        core,
                                                gint64       t);
/* CPU time @lane got in the visible range, and its share (0..1) of the
 * CPU time all lanes of the run got there. */
gint64       fl_cpu_painter_get_lane_cpu_ns (FlCpuPainter *self,
                                            guint        lane);
double       fl_cpu_painter_get_lane_share  (FlCpuPainter *self,
                                            guint        lane);
/* Cores the run kept busy on average over the part of the visible range
 * it was sampled in. */
double       fl_cpu_painter_get_run_cores   (FlCpuPainter *self);

/* The table of the functions above, for FlSceneWidget. */
extern const FlPainterFuncs fl_cpu_painter_funcs;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlCpuPainter, fl_cpu_painter_free)

G_END_DECLS
