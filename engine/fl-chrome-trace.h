/* fl-chrome-trace.h — a run in the Chrome Trace Event format
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file opens as it is in Perfetto UI and chrome://tracing: one pid per
 * process of the run, a tid per lane, states as complete ("X") events
 * (runnable time split out of running, as the summary counts it), output
 * lines, creations, joins, exits and crashes as instant events, messages
 * as flow events ("s"/"f") from the sender's slice to the receiver's, and
 * counter ("C") tracks: each core's busy share under a "CPU"
 * pseudo-process (pid 0), each process's RSS under the process.
 */

#pragma once

#include "fl-run.h"

G_BEGIN_DECLS

/* Writes @run (finished, or stopped) to @path.  The file is written to a
 * temporary name and renamed, so a failure leaves no partial file; the
 * error names the path and the reason. */
gboolean fl_chrome_trace_write   (FlRun       *run,
                                  const char  *path,
                                  GError     **error);

/* Checks, without creating anything, that a file could be written at
 * @path: its folder exists and is writable, and @path is not a folder or
 * a read-only file.  The command line calls it before a run starts. */
gboolean fl_check_writable_path  (const char  *path,
                                  GError     **error);

G_END_DECLS
