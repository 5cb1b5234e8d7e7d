/* fl-export-dialog.h — Export…: a picture of the run for slides and papers
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fl-window.h"

G_BEGIN_DECLS

#define FL_TYPE_EXPORT_DIALOG (fl_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FlExportDialog, fl_export_dialog, FL, EXPORT_DIALOG, AdwWindow)

/* A dialog for @window's current run (or, on the comparison page, its
 * comparison).  The file is written off the main loop; a toast in
 * @window says where, or why not. */
GtkWidget *fl_export_dialog_new          (FlWindow *window);

/* Whether @window has something to export: a run, or a finished comparison. */
gboolean   fl_export_dialog_can_export   (FlWindow *window);

/* Puts a 1920 × 1080 PNG of the slide (the comparison on its page) on
 * the clipboard, drawn off the main loop. */
void       fl_export_copy_picture        (FlWindow *window);

G_END_DECLS
