/* fl-interp.h — runs a scenario's steps inside the observed processes
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the runner (the main process and its workers) calls this: the
 * observer never runs scenario code itself.
 */

#pragma once

#include "fl-scenario.h"
#include "fl-trace.h"

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

gboolean  fl_steps_contain        (GPtrArray      *steps,
                                   FlStepKind      kind);
gboolean  fl_scenario_uses_step   (FlScenario     *scenario,
                                   FlStepKind      kind);

/* Counts primes p with from <= p < to by trial division; the compute kernel. */
guint64   fl_count_primes         (guint64         from,
                                   guint64         to);
#define FL_PRIMES_BLOCK 10000

/* Runner entry points; both return the process's exit code. */
int       fl_interp_main          (FlTrace        *trace,
                                   FlPlan         *plan,
                                   guint64         first_ts,
                                   const char     *runner_path);
int       fl_interp_spawned_worker(FlTrace        *trace,
                                   FlPlan         *plan,
                                   guint           worker,
                                   guint64         first_ts);

/* The memory the process's cgroups still allow: for each cgroup from its
 * own up to the root of the hierarchy, the limit less the usage (v2:
 * memory.max and memory.current; v1: memory.limit_in_bytes and
 * memory.usage_in_bytes), the smallest.  @cgroup and @mountinfo are the
 * texts of /proc/self/cgroup and /proc/self/mountinfo.  -1 if no cgroup
 * limits it. */
gint64    fl_cgroup_memory_headroom (const char   *cgroup,
                                     const char   *mountinfo);

G_END_DECLS
