/* fl-util.h — small helpers the observer's layers share
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What more than one file of engine/, ui/ or app/ needs and no object
 * owns: names of signals, where an installed file lives, JSON strings.
 * The runner's layer (engine/core/) does not use these.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "SIGSEGV" for 11; "SIG<number>" for signals without a name. */
char        *fl_signal_name          (int          signum);

/* @path, an install location under PREFIX (e.g. LIBEXECDIR "/x"), under the
 * prefix the running program was installed in, which may have been moved
 * (meson install --destdir); NULL when the program does not run from an
 * installed bin folder (the build tree, the tests). */
char        *fl_installed_path       (const char  *path);

/* Appends @text to @out as a JSON string, quotes included.  @text must be
 * valid UTF-8 (invalid bytes are replaced). */
void         fl_json_append_string   (GString     *out,
                                      const char  *text);

G_END_DECLS
