/* fl-summary.h — what a finished run did, in numbers and in words
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "fl-run.h"

G_BEGIN_DECLS

/* The run's summary as one JSON object (see the CLI's --summary=json):
 * scenario, mode, worker_count, wall_ms, cpu_ms, dropped_events, verdict,
 * workers (one entry per lane, the main process first), output and the
 * scenario's results.  Times are whole milliseconds (microseconds for
 * start latencies).  Call it once the run has finished. */
JsonNode *fl_summary_build        (FlRun *run);

/* The same, as an aligned table and a few lines of text for a terminal. */
char     *fl_summary_format_text  (FlRun *run);

/* One or two sentences about what the measurements show, chosen by the
 * scenario's verdict kind. */
char     *fl_summary_verdict      (FlRun *run);

/* "SIGSEGV" for 11; "SIG<number>" for signals without a name. */
char     *fl_signal_name          (int    signum);

G_END_DECLS
