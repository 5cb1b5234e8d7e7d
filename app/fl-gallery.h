/* fl-gallery.h — the sidebar: search, the scenarios and the Python programs
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fl-catalog.h"

G_BEGIN_DECLS

#define FL_TYPE_GALLERY (fl_gallery_get_type ())
G_DECLARE_FINAL_TYPE (FlGallery, fl_gallery, FL, GALLERY, AdwBin)

GtkWidget  *fl_gallery_new          (void);
/* Fills the list with @catalog's scenarios, presets first; a note at the
 * bottom lists the user's files that could not be read. */
void        fl_gallery_set_catalog  (FlGallery  *self,
                                     FlCatalog  *catalog);
/* The selected scenario ("scenario" property), or NULL. */
FlScenario *fl_gallery_get_scenario (FlGallery  *self);
/* Selects the scenario @id; FALSE when there is none of that id. */
gboolean    fl_gallery_select       (FlGallery  *self,
                                     const char *id);
void        fl_gallery_focus_search (FlGallery  *self);

/* The "Python programs" section, after the scenarios: Forkline's
 * examples, then the .py files of fl_program_user_dir(), watched (a file
 * added, removed or renamed there shows without a restart).  Selecting
 * a program sets "scenario" to NULL (notified first), then
 * "program-path"; selecting a scenario sets "program-path" to NULL first. */
/* The selected program's file ("program-path" property), or NULL. */
const char *fl_gallery_get_program_path   (FlGallery  *self);
/* Selects the program whose file is @path; FALSE when none is listed. */
gboolean    fl_gallery_select_program     (FlGallery  *self,
                                           const char *path);
/* The selected program is one of Forkline's examples (read-only). */
gboolean    fl_gallery_program_is_example (FlGallery  *self);

G_END_DECLS
