/* fl-files.h — reading and writing the user's files safely
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file a user names is read through fl_file_read() (scenarios,
 * saved runs, the catalogue's folder) and written through
 * fl_file_write() or fl_file_write_stream() (traces, saved runs,
 * pictures), so that one set of rules holds everywhere:
 *
 * - Only regular files are read: a FIFO, a device or a socket is refused
 *   without blocking (opened O_NONBLOCK | O_NOCTTY, then fstat), and a
 *   file larger than the reader's limit is refused before it is read.
 *   Files that report size 0 but have content (/proc) are read to their
 *   end, within the same limit.
 * - Only regular files are replaced: a device, FIFO or socket at the
 *   output path is refused, and so is a folder.  A symbolic link is
 *   written through: its target is replaced and the link stays.  A link
 *   whose target does not exist, or is not a regular file, is refused.
 * - The new file is written under a short temporary name (".flXXXXXX")
 *   beside its final name and renamed over it once complete, so any name
 *   that fits in the folder works, and a failure leaves no partial file.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The largest scenario file read, and the largest saved run. */
#define FL_SCENARIO_MAX_BYTES ((gsize) 1024 * 1024)
#define FL_RUN_FILE_MAX_BYTES ((gsize) 1024 * 1024 * 1024)

/* Reads the regular file @path, at most @max_size bytes, NUL-terminated.
 * Errors (G_IO_ERROR) name the file and say what it is when it is not a
 * regular file, or how large it is when it is too large. */
gboolean fl_file_read            (const char  *path,
                                  gsize        max_size,
                                  char       **contents,
                                  gsize       *length,
                                  GError     **error);

/* Checks, without creating anything, that fl_file_write() can write
 * @path: see the rules above, plus the folder exists and is writable, the
 * name is not too long, a read-only file is not replaced, and neither is
 * a file someone else owns in a sticky folder such as /tmp. */
gboolean fl_file_check_writable  (const char  *path,
                                  GError     **error);

/* Checks that @a and @b (both to be written) are not the same file. */
gboolean fl_file_check_distinct  (const char  *a,
                                  const char  *b,
                                  GError     **error);

/* Writes @data to @path as the rules above say. */
gboolean fl_file_write           (const char  *path,
                                  const void  *data,
                                  gsize        length,
                                  GError     **error);

/* What fl_file_write_stream() writes through, and how much it buffers. */
typedef struct _FlFileStream FlFileStream;
#define FL_FILE_STREAM_BUFFER ((gsize) 64 * 1024)

/* Produces a file's contents: appends to fl_file_stream_get_buffer()
 * and calls fl_file_stream_drain() often enough that the buffer stays
 * small.  A write that fails is reported by fl_file_write_stream(). */
typedef void (*FlFileStreamFunc) (FlFileStream *stream,
                                  gpointer      user_data);

/* Writes what @func produces to @path as the rules above say, through a
 * buffer of FL_FILE_STREAM_BUFFER bytes. */
gboolean fl_file_write_stream    (const char        *path,
                                  FlFileStreamFunc   func,
                                  gpointer           user_data,
                                  GError           **error);
GString *fl_file_stream_get_buffer (FlFileStream *stream);
/* Writes the buffer out if it holds FL_FILE_STREAM_BUFFER bytes or more. */
void     fl_file_stream_drain    (FlFileStream      *stream);

G_END_DECLS
