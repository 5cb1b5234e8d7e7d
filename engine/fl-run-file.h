/* fl-run-file.h — a finished run saved to a file, and read back
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A saved run is the Chrome trace of fl-chrome-trace.h (Perfetto and
 * chrome://tracing still open it) with one more top-level member, last:
 * "forkline", a versioned and exact copy of what the summary and the
 * views read — the scenario file's text, how the run was set up and how
 * it ended, and the whole store.  Read back, it gives a finished FlRun
 * whose summary, verdict and pictures are those of the run that was saved.
 *
 * The section (format 1):
 *
 *   "forkline": {
 *     "format": 1, "generator": "forkline VERSION",
 *     "scenario": { "origin": "…", "data": "the scenario file" },
 *     "run": { "mode": "threads", "workers": 4, "gil": true,
 *              "switch_interval_ms": 5, "sample_rate_hz": 100,
 *              "params": [ … one number per parameter … ],
 *              "stopped": false, "hit_time_limit": false, "max_seconds": 600,
 *              "main_pid": 123, "main_status": 0 },
 *     "store": {
 *       "t0": NS, "end": NS, "n_cores": 8,
 *       "lanes": [ { "kind": "main|worker|server", "process": true,
 *                    "name": "…", "template": "…"|null, "pid", "tid",
 *                    "create_t", "start_t", "exit_t", "end_t", "join_t",
 *                    "exit_code", "signal", "stopped", "cpu_ns", "dropped",
 *                    "stack_base", "stack_size",
 *                    "events": BASE64, "samples": BASE64 }, … ],
 *       "output":   [ [t, lane, truncated, "text"], … ],   (arrival order)
 *       "messages": [ [id, bytes, channel, send_lane, receive_lane, send_t, receive_t], … ],
 *       "results":  [ [lane, key, a, b], … ],
 *       "cores":    [ BASE64, … one per core ],
 *       "memory":   [ { "t", "pid", "lane", "rss_kb", "pss_kb", "shared_clean_kb",
 *                       "shared_dirty_kb", "private_clean_kb", "private_dirty_kb",
 *                       "anon_kb", "regions": [ [kind, start, end, rss_kb, lane, "label"|null], … ]|null }, … ]
 *     }
 *   }
 *
 * Times are ns since the run started; -1 where the store says "not".
 * Unsigned 64-bit values are written as the signed number with the same
 * bits, and lanes that are G_MAXUINT as -1.  BASE64 strings hold fixed
 * little-endian records: an event is 16 bytes (t i64, a u32, cpu u16,
 * kind u8, arg8 u8), a lane sample 32 (t, cpu_ns, wait_ns i64, cpu u16,
 * kstate u8, 5 zero bytes), a core sample 16 (t i64, busy and pad as
 * IEEE float bits).
 */

#pragma once

#include <gio/gio.h>

#include "fl-files.h"
#include "fl-run.h"

G_BEGIN_DECLS

#define FL_RUN_FILE_FORMAT 1

#define FL_RUN_FILE_ERROR (fl_run_file_error_quark ())
typedef enum
{
  FL_RUN_FILE_ERROR_NOT_FORKLINE, /* empty, not JSON, or JSON without a "forkline" section */
  FL_RUN_FILE_ERROR_DAMAGED,      /* the section is there but something in it is wrong */
  FL_RUN_FILE_ERROR_TOO_NEW,      /* a format this Forkline does not know yet */
} FlRunFileError;

GQuark   fl_run_file_error_quark   (void);

/* Appends ,"forkline":{…} for @run to @stream, the text of a JSON object
 * being written, writing it out as it goes.  The caller holds the
 * store's lock. */
void     fl_run_file_append_section (FlFileStream  *stream,
                                     FlRun         *run);

/* Writes @run (finished) as a saved run: fl_chrome_trace_write(). */
gboolean fl_run_save               (FlRun         *run,
                                    const char    *path,
                                    GError       **error);
void     fl_run_save_async         (FlRun         *run,
                                    const char    *path,
                                    GCancellable  *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer       user_data);
gboolean fl_run_save_finish        (GAsyncResult  *result,
                                    GError       **error);

/* Reads a saved run: a finished FlRun, or NULL with an error in
 * FL_RUN_FILE_ERROR (or G_IO_ERROR / G_FILE_ERROR) that names the file
 * and what is wrong with it. */
FlRun   *fl_run_load               (const char    *path,
                                    GError       **error);
/* The same from bytes; @origin names them in messages. */
FlRun   *fl_run_load_from_data     (const char    *data,
                                    gsize          length,
                                    const char    *origin,
                                    GError       **error);
void     fl_run_load_async         (const char    *path,
                                    GCancellable  *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer       user_data);
FlRun   *fl_run_load_finish        (GAsyncResult  *result,
                                    GError       **error);

G_END_DECLS
