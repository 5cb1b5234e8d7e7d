/* fl-summary.h — what a finished run did, in numbers and in words
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include <stdio.h>

#include "fl-run.h"

G_BEGIN_DECLS

/* The run's summary as one JSON object (see the CLI's --summary=json):
 * scenario, mode, worker_count, wall_ms, cpu_ms, dropped_events, verdict,
 * workers (one entry per lane, the main process first, with the time
 * spent in each state), budget (only when the run reached it: its limits,
 * reached_ms and what was not kept), output, gil (per thread: held_ms, wait_ms),
 * samples (per-core busy series, per-thread kernel states, CPU and
 * run-queue time), memory (per process: RSS, PSS, shared and private,
 * regions with hexadecimal "start"/"end"), messages (count, latency,
 * rate, the list) and the scenario's results (primes, io, counter,
 * globals, memory_alloc).  Times are whole milliseconds, except GIL and
 * message times (ms with three decimals) and start latencies (µs).
 * Call it once the run has finished. */
JsonNode     *fl_summary_build             (FlRun *run);

/* The same object written to @out as it is built, in memory that does
 * not grow with the run's output; FALSE if writing failed. */
gboolean      fl_summary_write_json        (FlRun *run,
                                            FILE  *out);

/* The same, as an aligned table and a few lines of text for a terminal. */
char         *fl_summary_format_text       (FlRun *run);

/* The share of the workers' time (every worker lane — for a program,
 * every thread and process but the main process's main thread — from its
 * start to its end, added up) spent waiting for the GIL, in percent; -1
 * when it is unknown, with @unknown_why
 * (may be NULL) set to a sentence that says why.  A run without a GIL
 * (emulated GIL off) waits 0%.  Call it once the run has finished; the
 * JSON summary states it as "gil_wait_percent" (null when unknown). */
double        fl_summary_gil_wait_percent  (FlRun  *run,
                                            char  **unknown_why);

/* One or two sentences about what the measurements show, chosen by the
 * scenario's verdict kind. */
char         *fl_summary_verdict           (FlRun *run);

/* A finished run's headline figures, typed, as fl_summary_build() states
 * them: what the window's comparison and an exported comparison show. */
typedef struct
{
  gint64   wall_ms;      /* "wall_ms" */
  gint64   cpu_ms;       /* "cpu_ms" */
  double   speedup;      /* "speedup"; -1 where the summary has none */
  guint64  peak_rss_kb;  /* every process's "peak_rss_kb" added up; 0: unknown */
  char    *verdict;      /* "verdict" */
} FlSummaryFigures;

void          fl_summary_get_figures       (FlRun            *run,
                                            FlSummaryFigures *figures);
void          fl_summary_figures_clear     (FlSummaryFigures *figures);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FlSummaryFigures, fl_summary_figures_clear)

/* The verdict kinds a scenario's Verdict= may name, NULL-terminated;
 * free the array (not the strings) with g_free(). */
const char  **fl_summary_get_verdict_kinds (void);

G_END_DECLS
