/* fl-settings.h — Forkline's GSettings, from the build tree or the prefix
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The settings of schema APP_ID.  The compiled schema is looked up beside
 * the program first (the build tree's data/, or the prefix forkline runs
 * from), then where GLib looks ($GSETTINGS_SCHEMA_DIR, $XDG_DATA_DIRS).
 * NULL with an error naming the places tried when it is nowhere. */
GSettings *fl_settings_new         (GError    **error);

/* Makes the style manager follow the "theme" key from now on. */
void       fl_settings_apply_theme (GSettings  *settings);

G_END_DECLS
