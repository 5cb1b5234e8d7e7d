/* fl-window.h — Forkline's main window
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fl-run.h"

G_BEGIN_DECLS

#define FL_TYPE_WINDOW (fl_window_get_type ())
G_DECLARE_FINAL_TYPE (FlWindow, fl_window, FL, WINDOW, AdwApplicationWindow)

typedef struct _FlApplication FlApplication;
typedef struct _FlCompareView FlCompareView;
typedef struct _FlOutputView  FlOutputView;

FlWindow      *fl_window_new               (FlApplication      *application);
/* Shows scenario @id with its default settings; FALSE if there is none. */
gboolean       fl_window_select_scenario   (FlWindow           *self,
                                            const char         *id);
/* Sets the run controls to @options (mode, workers, GIL, parameters). */
void           fl_window_apply_options     (FlWindow           *self,
                                            const FlRunOptions *options);
/* Starts the selected scenario with the controls' settings; a toast says
 * why when it cannot.  Returns whether a run started. */
gboolean       fl_window_run               (FlWindow           *self);
/* Stops the run or the comparison under way, if any. */
void           fl_window_stop              (FlWindow           *self);
/* Opens the comparison page and runs the selected scenario in each mode. */
gboolean       fl_window_compare           (FlWindow           *self);
gboolean       fl_window_is_running        (FlWindow           *self);
/* Shows a finished run read back from a file, in every view. */
void           fl_window_show_run          (FlWindow           *self,
                                            FlRun              *run);
/* Reads a saved run off the main loop, then shows it; a toast says why
 * when it cannot (and the current run stays). */
void           fl_window_open_file         (FlWindow           *self,
                                            GFile              *file);

/* For the other views and the tests. */
FlRun         *fl_window_get_run           (FlWindow           *self);
FlOutputView  *fl_window_get_output_view   (FlWindow           *self);
FlCompareView *fl_window_get_compare_view  (FlWindow           *self);
/* The timeline widget, NULL when built without ui/. */
GtkWidget     *fl_window_get_timeline      (FlWindow           *self);
/* The verdict as the window shows it; "" before a run has finished. */
const char    *fl_window_get_verdict       (FlWindow           *self);

/* Opens the Python program @file (after asking about unsaved edits);
 * errors are said in a toast. */
void           fl_window_open_program      (FlWindow           *self,
                                            GFile              *file);

G_END_DECLS
