/* fl-output-view.h — the console: every printed line, in order
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fl-run.h"

G_BEGIN_DECLS

#define FL_TYPE_OUTPUT_VIEW (fl_output_view_get_type ())
G_DECLARE_FINAL_TYPE (FlOutputView, fl_output_view, FL, OUTPUT_VIEW, AdwBin)

GtkWidget  *fl_output_view_new       (void);
/* Shows @run's lines as they come (its "output" signal); NULL empties the
 * console. */
void        fl_output_view_set_run   (FlOutputView *self,
                                      FlRun        *run);
/* Of FlOutputItem, ordered by time. */
GListModel *fl_output_view_get_model (FlOutputView *self);

/* "source-activated" (const char *file, guint line): a traceback's
 * `File "…", line N` row was activated (double-click, Enter). */

G_END_DECLS
