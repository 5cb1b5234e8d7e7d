/* forkline-bench.h — benchmark groups of forkline-bench
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

double fl_bench_median     (double *values,
                            guint   n);
void   fl_bench_spawn      (void);
void   fl_bench_observer   (void);
void   fl_bench_python     (void);
void   fl_bench_ingest     (void);
void   fl_bench_frame      (void);
void   fl_bench_limits     (void);
void   fl_bench_flood_child(void);

G_END_DECLS
