/* fl-sampler.h — what the kernel says about a run's threads, cores and memory
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thread of the observer reads /proc at a fixed rate (100 Hz by
 * default) and appends samples to the run's store: per core, the busy
 * share; per thread of the run, its kernel state, last CPU, CPU time and
 * run-queue wait; per process, at most 2 Hz, its memory and regions.
 */

#pragma once

#include "fl-store.h"
#include "fl-syscall-state.h"

G_BEGIN_DECLS

typedef struct _FlSampler FlSampler;

#define FL_SAMPLER_DEFAULT_HZ 100.0
#define FL_SAMPLER_MEMORY_HZ  2.0

FlSampler *fl_sampler_new          (FlStore   *store,
                                    double     rate_hz,
                                    double     memory_rate_hz);
/* Starts the sampling thread; FALSE if it could not be created. */
gboolean   fl_sampler_start        (FlSampler *sampler,
                                    GError   **error);
/* Takes a last sample, stops and joins the thread. */
void       fl_sampler_stop         (FlSampler *sampler);
void       fl_sampler_free         (FlSampler *sampler);
/* One tick, on the calling thread (benchmarks, tests). */
void       fl_sampler_tick         (FlSampler *sampler,
                                    gboolean   with_memory);
/* FALSE when /proc/…/schedstat reads zeros (some virtual machines): run-queue
 * waits are then estimated from kernel state and CPU time. */
gboolean   fl_sampler_has_schedstat(FlSampler *sampler);
/* Behave as on a kernel whose schedstat reads zeros (tests of the fallback). */
void       fl_sampler_ignore_schedstat (FlSampler *sampler);

/* The legend's sentence on how per-core use is smoothed (translated). */
const char *fl_sampler_describe_smoothing (void);

/* The time a thread spent runnable but not on a CPU between its first and
 * last sample: from schedstat when the samples carry it, else estimated
 * from the intervals it spent in state R minus the CPU time it got. */
gint64     fl_sampler_estimate_wait_ns (const FlLaneSample *samples,
                                        gsize               n_samples);

/* Observed programs: record each thread's state from the kernel. */
void       fl_sampler_set_classify (FlSampler        *sampler,
                                    gboolean          classify);
void       fl_sampler_set_gil_range(FlSampler        *sampler,
                                    int               pid,
                                    const FlGilRange *range);
char      *fl_sampler_dup_refused  (FlSampler        *sampler);
void       fl_sampler_set_lane_hint(FlSampler        *sampler,
                                    guint             lane,
                                    FlState           state);

/* Reads a hexadecimal number as /proc writes them (with or without 0x). */
gboolean   fl_parse_hex                (const char       **pp,
                                        const char        *end,
                                        guint64           *value);

G_END_DECLS
