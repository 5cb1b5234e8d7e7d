/* fl-gil.h — an emulated global interpreter lock, one per process
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It follows CPython's "new GIL" (3.2 and later, Python/ceval_gil.c): a
 * thread holds it to compute; a waiting thread waits up to the switch
 * interval, then sets a drop request; the holder, which checks the
 * request between small slices of work, releases it and — forced
 * switching — waits until another thread has taken it.  Blocking steps
 * (sleep, io, lock and message waits, join) release it.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the process's GIL up (again: after fork, as CPython does). */
void     fl_gil_init          (gboolean enabled,
                               double   switch_interval_ms);
gboolean fl_gil_enabled       (void);
/* Takes the GIL for the calling thread, recording a "gil" wait if it must wait. */
void     fl_gil_take          (void);
void     fl_gil_drop          (void);
/* The check between slices of work: cheap; yields the GIL when asked. */
extern volatile int fl_gil_drop_request;
void     fl_gil_yield         (void);
static inline void
fl_gil_check (void)
{
  if (G_UNLIKELY (__atomic_load_n (&fl_gil_drop_request, __ATOMIC_RELAXED)))
    fl_gil_yield ();
}

G_END_DECLS
