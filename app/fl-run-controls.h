/* fl-run-controls.h — how the next run is made: mode, workers, GIL, parameters
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fl-run.h"

G_BEGIN_DECLS

#define FL_TYPE_RUN_CONTROLS (fl_run_controls_get_type ())
G_DECLARE_FINAL_TYPE (FlRunControls, fl_run_controls, FL, RUN_CONTROLS, AdwBin)

GtkWidget  *fl_run_controls_new           (void);
/* Builds the rows for @scenario (its modes, worker range and parameters)
 * and sets them to the scenario's defaults. */
void        fl_run_controls_set_scenario  (FlRunControls      *self,
                                           FlScenario         *scenario);
FlScenario *fl_run_controls_get_scenario  (FlRunControls      *self);
/* Back to the scenario's defaults. */
void        fl_run_controls_reset         (FlRunControls      *self);
/* Sets what @options says (as from the command line): mode, workers when
 * not 0, GIL when not -1, switch interval when not 0, "NAME=VALUE" params. */
void        fl_run_controls_apply_options (FlRunControls      *self,
                                           const FlRunOptions *options);
/* Fills @options from the rows; @params receives the "NAME=VALUE" strings
 * @options->params points to, to be freed by the caller. */
void        fl_run_controls_get_options   (FlRunControls      *self,
                                           FlRunOptions       *options,
                                           GStrv              *params);
FlMode      fl_run_controls_get_mode      (FlRunControls      *self);
gboolean    fl_run_controls_set_mode      (FlRunControls      *self,
                                           FlMode              mode);
guint       fl_run_controls_get_workers   (FlRunControls      *self);
gboolean    fl_run_controls_get_gil       (FlRunControls      *self);

/* Properties:
 *   "mode" (FlMode, read-write) — the mode chosen; notified when it changes
 * Signals:
 *   "changed" () — any setting changed */

G_END_DECLS
