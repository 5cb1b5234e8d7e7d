/* fl-memory-model-private.h — FlMemoryModel's contents, for the painter
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The painter lays the spaces out in place (their boxes, measured heights).
 */

#pragma once

#include "fl-memory-model.h"

G_BEGIN_DECLS

typedef struct
{
  guint   lane;
  guint64 bytes;
  guint64 start;
  guint64 end;
} Stack;

typedef struct
{
  FlMemorySpace info;
  char         *title;
  int           parent_pid;
  guint64       shared_clean_kb, shared_dirty_kb, private_clean_kb, private_dirty_kb, anon_kb;
  guint         region_count[FL_N_REGION_KINDS];
  GArray       *stacks;        /* of Stack, in address order */
  GString      *thread_names;  /* the lanes of this space, for the tooltip */
  float         content_h;     /* measured by the first layout pass */
} Space;

struct _FlMemoryModel
{
  GArray      *spaces;         /* of Space */
  GPtrArray   *lane_names;     /* by lane */
  GArray      *lane_tids;      /* of int, by lane */
  guint64      max_rss_kb;     /* the resident bars' scale: the largest so far */
  gint64       sample_t;       /* the newest sample shown; -1 if none */
  gboolean     at_peak;        /* sample_t is the run's peak */
  gboolean     show_globals;
  gboolean     any_global;
  guint        n_threads_total;
};

G_END_DECLS
