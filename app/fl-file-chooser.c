/* fl-file-chooser.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file Forkline asks for goes through one modal native chooser,
 * tied to the object that asked: when that object is disposed first
 * (its window closed), the chooser is closed and its answer goes to
 * nobody.
 */

#define G_LOG_DOMAIN "fl-file-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "fl-file-chooser.h"

typedef struct
{
  GtkFileChooserNative *chooser;
  GObject              *owner;       /* not a reference: a weak one */
  FlFileChosenFunc      chosen;
  gpointer              user_data;
  GDestroyNotify        destroy;
} Ask;

static void on_response (GtkNativeDialog *chooser,
                         int              response,
                         gpointer         user_data);

static void
ask_free (Ask *ask)
{
  g_signal_handlers_disconnect_by_func (ask->chooser, on_response, ask);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (ask->chooser));
  g_object_unref (ask->chooser);
  if (ask->destroy != NULL)
    ask->destroy (ask->user_data);
  g_free (ask);
}

static void
on_owner_gone (gpointer  data,
               GObject  *where_the_owner_was)
{
  ask_free (data);
}

static void
on_response (GtkNativeDialog *chooser,
             int              response,
             gpointer         user_data)
{
  Ask *ask = user_data;
  g_autoptr(GObject) owner = g_object_ref (ask->owner);
  g_autoptr(GFile) file = NULL;

  /* @chosen may dispose of the owner (an export closes its dialog). */
  g_object_weak_unref (owner, on_owner_gone, ask);
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    ask->chosen (owner, file, ask->user_data);
  ask_free (ask);
}

/**
 * fl_file_chooser_new:
 * @parent: the window it is modal to
 * @title: its title
 * @action: open or save
 * @accept_label: its accept button's label, with a mnemonic
 *
 * Returns: (transfer full): a modal chooser with a Cancel button, to be
 *   given filters, a name or a folder and then fl_file_chooser_show()
 */
GtkFileChooserNative *
fl_file_chooser_new (GtkWindow            *parent,
                     const char           *title,
                     GtkFileChooserAction  action,
                     const char           *accept_label)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}

/**
 * fl_file_chooser_show:
 * @chooser: (transfer full): from fl_file_chooser_new()
 * @owner: the object that asks (a #GObject)
 * @chosen: called with the accepted file
 * @user_data: for @chosen
 * @destroy: (nullable): frees @user_data once the chooser is answered,
 *   or closed with its owner
 *
 * Shows @chooser; it is destroyed once answered, or when @owner is
 * disposed before.
 */
void
fl_file_chooser_show (GtkFileChooserNative *chooser,
                      gpointer              owner,
                      FlFileChosenFunc      chosen,
                      gpointer              user_data,
                      GDestroyNotify        destroy)
{
  Ask *ask;

  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));
  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (chosen != NULL);

  ask = g_new0 (Ask, 1);
  ask->chooser = chooser;
  ask->owner = owner;
  ask->chosen = chosen;
  ask->user_data = user_data;
  ask->destroy = destroy;
  g_object_weak_ref (owner, on_owner_gone, ask);
  g_signal_connect (chooser, "response", G_CALLBACK (on_response), ask);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
