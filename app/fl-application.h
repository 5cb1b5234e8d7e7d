/* fl-application.h — the desktop application
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fl-catalog.h"

G_BEGIN_DECLS

#define FL_TYPE_APPLICATION (fl_application_get_type ())
G_DECLARE_FINAL_TYPE (FlApplication, fl_application, FL, APPLICATION, AdwApplication)

/* Accepts --scenario ID [--mode M] [--workers N] [--param NAME=VALUE]…
 * [--autorun] and --compare ID; bad values get the command line's
 * messages and exit status 2 before any window opens. */
FlApplication *fl_application_new         (void);
/* The scenarios, loaded once at start-up. */
FlCatalog     *fl_application_get_catalog (FlApplication *self);
/* Forkline's settings (schema APP_ID); exits with a message when the
 * schema is not installed. */
GSettings     *fl_application_get_settings (FlApplication *self);

G_END_DECLS
