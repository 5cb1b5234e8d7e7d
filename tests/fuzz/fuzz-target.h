/* fuzz-target.h — what a fuzz target and the corpus replayer share
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>

#include <glib.h>

/* The folder of tests/fuzz/ that holds the target's corpus. */
extern const char *fl_fuzz_corpus_name;

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* GLib criticals and warnings are bugs here: make them abort. */
static inline void
fl_fuzz_init (void)
{
  static gboolean done;

  if (!done)
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FATAL_MASK);
      done = TRUE;
    }
}
