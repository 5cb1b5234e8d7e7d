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

#include "fl-scene.h"
#include "fl-store.h"
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
#define FL_MEMORY_AT_PEAK G_GINT64_CONSTANT (-2)

typedef enum
{
  FL_MEMORY_ROLE_MAIN,       /* the main process */
  FL_MEMORY_ROLE_FORKED,     /* a fork() of the main process */
  FL_MEMORY_ROLE_SPAWNED,    /* a fresh program */
} FlMemoryRole;

/* What one box shows, for tests and the widget's arithmetic. */
typedef struct
{
  guint         lane;        /* of the process's main thread */
  int           pid;
  FlMemoryRole  role;
  gint64        t;           /* of the sample shown */
  gboolean      exited;
  float         x, y, width, height;   /* the box */
  float         resident_width;        /* the resident bar, to the common scale */
  guint64       rss_kb;
  guint64       pss_kb;
  guint64       shared_kb;
  guint64       private_kb;
  guint64       region_bytes[FL_N_REGION_KINDS];   /* mapped, by kind */
  guint         n_threads;   /* lanes of this process alive at the time */
  guint         n_stacks;    /* stacks found in its map */
  guint64       stack_lanes; /* bit K: a stack of lane K (K < 64) */
  gboolean      has_global;
  gint64        global;
} FlMemorySpace;

/* Locks the store itself. */
void    fl_memory_painter_paint          (FlStore            *store,
                                          const FlMemoryView *view,
                                          FlScene            *scene);
/* The height @view needs to show every box (its height is ignored). */
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
char   *fl_memory_painter_describe_at    (FlStore            *store,
                                          const FlMemoryView *view,
                                          double              x,
                                          double              y);
/* "12.5 MB" (MB of 1024 × 1024 bytes, as the scenarios count them). */
char   *fl_memory_format_kb              (guint64             kb);

G_END_DECLS
