/* fl-run-private.h
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fl-run.h"

G_BEGIN_DECLS

/* A finished run wrapped around a store built elsewhere (a loaded trace,
 * a test): summaries and exports take runs. */
FlRun *fl_run_new_for_store (FlScenario *scenario,
                             FlStore    *store,
                             FlMode      mode,
                             guint       n_workers);

G_END_DECLS
