/* fl-file-chooser.h — how the window and its dialogs ask for a file
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called with the file the user accepted (never on Cancel); @owner is
 * alive for the call. */
typedef void (*FlFileChosenFunc) (gpointer  owner,
                                  GFile    *file,
                                  gpointer  user_data);

GtkFileChooserNative *fl_file_chooser_new  (GtkWindow            *parent,
                                            const char           *title,
                                            GtkFileChooserAction  action,
                                            const char           *accept_label);
void                  fl_file_chooser_show (GtkFileChooserNative *chooser,
                                            gpointer              owner,
                                            FlFileChosenFunc      chosen,
                                            gpointer              user_data,
                                            GDestroyNotify        destroy);

G_END_DECLS
