/* fl-program-controls.h — how a Python program is run: arguments, workers, mode, interpreter
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FL_TYPE_PROGRAM_CONTROLS (fl_program_controls_get_type ())
G_DECLARE_FINAL_TYPE (FlProgramControls, fl_program_controls, FL, PROGRAM_CONTROLS, AdwBin)

GtkWidget  *fl_program_controls_new              (void);
/* Reads @text (the program as in the editor) for the argparse options
 * "--workers" and "--mode" (with its choices and defaults) and shows the
 * rows for those it takes.  When the options found and @is_example are
 * the same as the last call's, what the user set is kept (an edit of the
 * same program: call it on every edit); otherwise the rows go back to the
 * program's defaults and the arguments are cleared.  @text NULL clears
 * everything. */
void        fl_program_controls_set_program      (FlProgramControls *self,
                                                  const char        *text,
                                                  gboolean           is_example);
/* Back to the program's defaults, arguments cleared: call it when
 * another program is opened (two programs may declare the same options). */
void        fl_program_controls_reset            (FlProgramControls *self);
/* The argument vector for the program: "--workers N" and "--mode M"
 * where shown, then the Arguments entry split as a shell would (so an
 * explicit "--workers" there wins: argparse keeps the last).  NULL when
 * the entry does not parse (unbalanced quotes): the row then shows why. */
char      **fl_program_controls_dup_args         (FlProgramControls *self);
/* The interpreter chosen for the next run; NULL for the default (the
 * "python-interpreter" setting, or python3 on PATH). */
char       *fl_program_controls_dup_interpreter  (FlProgramControls *self);
gboolean    fl_program_controls_takes_mode       (FlProgramControls *self);
gboolean    fl_program_controls_takes_workers    (FlProgramControls *self);
/* Selects @mode ("threads", "processes", or another of the program's
 * choices); FALSE when the program does not offer it. */
gboolean    fl_program_controls_set_mode         (FlProgramControls *self,
                                                  const char        *mode);

/* Signals:
 *   "changed" () — any control changed */

G_END_DECLS
