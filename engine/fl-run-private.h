/* fl-run-private.h
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fl-run.h"
#include "fl-trace.h"

G_BEGIN_DECLS

/* A finished run wrapped around a store built elsewhere (a loaded trace,
 * a test): summaries and exports take runs. */
FlRun *fl_run_new_for_store (FlScenario *scenario,
                             FlStore    *store,
                             FlMode      mode,
                             guint       n_workers);

/* How a run went, as a saved run remembers it (fl-run-file.c). */
typedef struct
{
  FlMode        mode;
  guint         n_workers;
  gboolean      gil;
  double        switch_interval_ms;
  double        sample_rate_hz;      /* 0: not sampled */
  const double *param_values;        /* one per parameter of the scenario */
  gboolean      stopped;
  gboolean      hit_time_limit;      /* stopped by its length cap */
  double        max_seconds;         /* the cap; 0: none */
  int           main_pid;
  int           main_status;
} FlRunFacts;

/* A finished run as @facts say it went, around @store (complete). */
FlRun *fl_run_new_replayed (FlScenario       *scenario,
                            FlStore          *store,
                            const FlRunFacts *facts);

/* One pass of the drain thread: every ring of @trace into @store, lane
 * after lane, @batch records at a time through @buffer.  TRUE if any
 * record was read. */
gboolean fl_run_drain_trace (FlTrace    *trace,
                             FlStore    *store,
                             FlRecord   *buffer,
                             gsize       batch);

G_END_DECLS
