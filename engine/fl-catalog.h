/* fl-catalog.h — every scenario the user can run: presets and their own
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fl-scenario.h"

G_BEGIN_DECLS

#define FL_TYPE_CATALOG (fl_catalog_get_type ())
G_DECLARE_FINAL_TYPE (FlCatalog, fl_catalog, FL, CATALOG, GObject)

/* Presets come from the GResource /io/github/forkline/Forkline/scenarios/,
 * user scenarios from $XDG_DATA_HOME/forkline/scenarios/ (*.scenario).
 * A user scenario whose id is a preset's replaces nothing: it is reported
 * as an error and skipped. */
/* Reads one scenario file; errors name the file (its path, or its
 * name for a resource). */
FlScenario *fl_scenario_new_from_file (GFile       *file,
                                       GError     **error);

FlCatalog  *fl_catalog_new            (void);
/* Loads presets and user scenarios.  Malformed files are skipped; their
 * errors (file, line, what) are kept, see fl_catalog_get_errors(). */
void        fl_catalog_load           (FlCatalog   *self);
/* The presets only: no user file is read.  Starts afresh. */
void        fl_catalog_load_presets   (FlCatalog   *self);
/* Then the user's scenarios, now (if not there yet)... */
void        fl_catalog_load_user      (FlCatalog   *self);
/* ...or read in a worker thread, added by _finish, which emits ::changed:
 * the window's gallery shows the presets at once and never waits. */
void        fl_catalog_load_user_async  (FlCatalog           *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    fl_catalog_load_user_finish (FlCatalog           *self,
                                         GAsyncResult        *result,
                                         GError             **error);
/* Loads *.scenario files of one more directory (tests, --scenario-dir). */
void        fl_catalog_load_directory (FlCatalog   *self,
                                       GFile       *directory);
/* Scenarios in display order: presets in their catalogue order, then the
 * user's sorted by title.  Transfer none. */
GPtrArray  *fl_catalog_get_scenarios  (FlCatalog   *self);
FlScenario *fl_catalog_lookup         (FlCatalog   *self,
                                       const char  *id);
gboolean    fl_catalog_is_preset      (FlCatalog   *self,
                                       FlScenario  *scenario);
/* Of GError*, transfer none. */
GPtrArray  *fl_catalog_get_errors     (FlCatalog   *self);

G_END_DECLS
