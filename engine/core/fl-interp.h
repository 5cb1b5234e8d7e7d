/* fl-interp.h — runs a scenario's steps inside the observed processes
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the runner (the main process and its workers) calls this: the
 * observer never runs scenario code itself.
 */

#pragma once

#include "fl-plan.h"
#include "fl-primes.h"
#include "fl-scenario.h"
#include "fl-trace.h"

G_BEGIN_DECLS

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
