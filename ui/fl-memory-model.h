/* fl-memory-model.h — a run's address spaces at one moment, read from the store
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the memory painter draws, read once under the store's lock: one
 * entry per address space (the process's resident, shared and private
 * sizes from smaps_rollup, its regions by kind from the maps, the stacks
 * of its threads, the global it reported), at a chosen moment or at the
 * run's peak.  FlMemoryPainter lays it out; as FlTimelineModel is to the
 * timeline painter.
 */

#pragma once

#include "fl-store.h"

G_BEGIN_DECLS

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

typedef struct _FlMemoryModel FlMemoryModel;

/* @at: ns since the run started, -1 for the latest samples, or
 * FL_MEMORY_AT_PEAK; @mode: the run's FlMode, or -1 to tell a forked child
 * from a spawned one by its layout (a fork keeps its parent's addresses). */
FlMemoryModel *fl_memory_model_new            (FlStore       *store,
                                               gint64         at,
                                               int            mode);
void           fl_memory_model_free           (FlMemoryModel *self);
guint          fl_memory_model_get_n_spaces   (FlMemoryModel *self);
const FlMemorySpace *fl_memory_model_get_space (FlMemoryModel *self,
                                               guint          i);
/* The newest sample shown, ns; -1 if none. */
gint64         fl_memory_model_get_sample_time (FlMemoryModel *self);
/* Whether that is the run's peak, asked for with FL_MEMORY_AT_PEAK. */
gboolean       fl_memory_model_is_at_peak     (FlMemoryModel *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlMemoryModel, fl_memory_model_free)

G_END_DECLS
