/* fl-plan.h — the run's settings as the observer hands them to the runner
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fl-scenario.h"

G_BEGIN_DECLS

/* What the observer hands the main process, through the trace region. */
typedef struct
{
  FlScenario *scenario;
  FlMode      mode;
  guint       n_workers;
  gboolean    gil;
  double      switch_interval_ms;
  double     *param_values;    /* one per scenario parameter */
  gboolean    has_server;      /* a step does I/O: the main process runs a local server */
  gboolean    no_trace;        /* record nothing (benchmarks) */
} FlPlan;

char     *fl_plan_serialize       (const FlPlan   *plan);
FlPlan   *fl_plan_parse           (const char     *text,
                                   gsize           length,
                                   GError        **error);
void      fl_plan_free            (FlPlan         *plan);
/* The lane of the run's I/O server: after the workers. */
static inline guint
fl_plan_server_lane (const FlPlan *plan)
{
  return plan->n_workers + 1;
}

G_END_DECLS
