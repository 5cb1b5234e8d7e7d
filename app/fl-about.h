/* fl-about.h — the About window
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* An AdwAboutWindow for Forkline, with the release notes of the newest
 * release in the metainfo file, translated when a translation exists. */
GtkWidget *fl_about_window_new (GtkWindow *parent);

G_END_DECLS
