/* fl-gallery-row.h — one scenario or Python program in the sidebar: title and summary
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fl-scenario.h"

G_BEGIN_DECLS

#define FL_TYPE_GALLERY_ROW (fl_gallery_row_get_type ())
G_DECLARE_FINAL_TYPE (FlGalleryRow, fl_gallery_row, FL, GALLERY_ROW, GtkListBoxRow)

GtkWidget  *fl_gallery_row_new          (FlScenario   *scenario,
                                         gboolean      preset);
/* A Python program: one of Forkline's examples or a file of the user's. */
GtkWidget  *fl_gallery_row_new_for_program (const char *path,
                                            const char *title,
                                            const char *description,
                                            gboolean    example);
/* NULL for a program's row. */
FlScenario *fl_gallery_row_get_scenario (FlGalleryRow *self);
/* The program's file, or NULL for a scenario's row. */
const char *fl_gallery_row_get_program_path (FlGalleryRow *self);
/* A preset scenario, or one of Forkline's example programs. */
gboolean    fl_gallery_row_is_preset    (FlGalleryRow *self);
/* Whether the row's title, id (a program's file name) or description
 * contains @casefolded_text. */
gboolean    fl_gallery_row_matches      (FlGalleryRow *self,
                                         const char   *casefolded_text);

G_END_DECLS
