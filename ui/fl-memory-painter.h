/* fl-memory-painter.h — paints the address spaces of a run into an FlScene
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One rounded box per address space (a process of the run), from the
 * sampler's measurements at 2 Hz: its resident memory as a bar to one
 * linear scale for all boxes, split into what is shared with other
 * processes (hatched: a forked child's pages it has not written yet, which
 * are still its parent's, copy-on-write; and libraries) and what is
 * private to it (solid: pages written, hence copied, or its own); its
 * regions (code, globals, heap, blocks, shared mappings) as bars whose
 * length is the square root of their mapped size; one stack per thread, in
 * the worker's timeline colour; and the value of the scenario's global as
 * that space last reported it.  Threads share one box; every process has
 * its own.  GTK-free: the window (fl-memory-view.c) and export use it.
 */

#pragma once

#include "fl-memory-model.h"
#include "fl-scene.h"
#include "fl-theme.h"

G_BEGIN_DECLS

typedef struct
{
  float     x, y, width, height;
  gint64    at;          /* show the memory as sampled at this time (ns since start); -1: the latest;
                          * FL_MEMORY_AT_PEAK: when the run's processes held the most */
  float     scale;       /* device px per logical px; 0: 1 */
  float     font_size;   /* 0: 12 */
  FlTheme  *theme;       /* ui/fl-theme.h */
  gboolean  background;
  /* added */
  gboolean  mode_known;  /* @mode is the run's; else a child is told forked or
                          * spawned by its layout (a fork keeps its parent's addresses) */
  FlMode    mode;
} FlMemoryView;

/* FlMemoryView.at: the moment the run's processes held the most memory,
 * and the picture says so. */
/* The painter of the address spaces, made from one read of the store
 * under its lock (an FlMemoryModel) and laid out once.  The same shape as
 * FlTimelinePainter and FlCpuPainter: new (source, view), paint,
 * describe_at, free. */
typedef struct _FlMemoryPainter FlMemoryPainter;

FlMemoryPainter *fl_memory_painter_new        (FlStore            *store,
                                               const FlMemoryView *view);
void             fl_memory_painter_free       (FlMemoryPainter    *self);
void             fl_memory_painter_paint      (FlMemoryPainter    *self,
                                               FlScene            *scene);
/* The exact figures of what is at (@x, @y), or NULL. */
char            *fl_memory_painter_describe_at (FlMemoryPainter   *self,
                                                double             x,
                                                double             y);

float   fl_memory_painter_measure_height (FlStore            *store,
                                          const FlMemoryView *view);
/* What @view shows in words, for a screen reader: each address space,
 * its threads and memory. */
char   *fl_memory_painter_describe       (FlStore            *store,
                                          const FlMemoryView *view);
/* The boxes @view would show, in drawing order (of FlMemorySpace). */
GArray *fl_memory_painter_get_spaces     (FlStore            *store,
                                          const FlMemoryView *view);
/* The exact figures of what is at (@x, @y), for a tooltip; or NULL. */
char   *fl_memory_format_kb              (guint64             kb);

/* The table of the functions above, for FlSceneWidget. */
extern const FlPainterFuncs fl_memory_painter_funcs;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlMemoryPainter, fl_memory_painter_free)

G_END_DECLS
