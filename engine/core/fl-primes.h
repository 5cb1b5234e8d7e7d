/* fl-primes.h — the compute kernel: what one unit of a compute step is
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many numbers one compute unit checks. */
#define FL_PRIMES_BLOCK 10000

/* Counts primes p with from <= p < to by trial division; the compute kernel. */
guint64   fl_count_primes         (guint64         from,
                                   guint64         to);

G_END_DECLS
