/* fl-gallery.h — the sidebar: search and the list of scenarios
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

G_END_DECLS
