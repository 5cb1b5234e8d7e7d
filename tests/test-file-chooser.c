/* test-file-chooser.c — how Forkline asks for a file
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Suite "ui": fl_file_chooser_show calls back with the accepted file
 * only, frees its data once whatever the answer, closes the chooser
 * with its owner, and leaves neither behind.
 */

#include "config.h"

#include "fl-file-chooser.h"
#include "fl-test-util.h"

typedef struct
{
  guint                 chosen;
  guint                 freed;
  GFile                *file;
  GtkFileChooserNative *chooser;   /* weak */
} Answer;

static void
on_chosen (gpointer  owner,
           GFile    *file,
           gpointer  user_data)
{
  Answer *answer = user_data;

  g_assert_true (G_IS_OBJECT (owner));
  answer->chosen++;
  g_set_object (&answer->file, file);
}

static void
on_freed (gpointer user_data)
{
  Answer *answer = user_data;

  answer->freed++;
}

/* A chooser shown for a new owner (returned), answering to @answer;
 * with @folder, a save chooser with "run.json" in it. */
static GObject *
ask (Answer *answer,
     GFile  *folder)
{
  GObject *owner = g_object_new (G_TYPE_OBJECT, NULL);
  GtkFileChooserNative *chooser;

  chooser = fl_file_chooser_new (NULL, "Test", folder ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                 "_Go");
  g_assert_true (gtk_native_dialog_get_modal (GTK_NATIVE_DIALOG (chooser)));
  g_assert_cmpstr (gtk_native_dialog_get_title (GTK_NATIVE_DIALOG (chooser)), ==, "Test");
  g_assert_cmpstr (gtk_file_chooser_native_get_accept_label (chooser), ==, "_Go");
  if (folder != NULL)
    {
      g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "run.json");
    }
  answer->chooser = chooser;
  g_object_add_weak_pointer (G_OBJECT (chooser), (gpointer *) &answer->chooser);
  fl_file_chooser_show (chooser, owner, on_chosen, answer, on_freed);
  g_assert_true (gtk_native_dialog_get_visible (GTK_NATIVE_DIALOG (chooser)));
  return owner;
}

/* Cancel: no call, the data freed, the chooser gone, the owner free. */
static void
test_cancel (void)
{
  Answer answer = { 0 };
  GObject *owner = ask (&answer, NULL);

  g_signal_emit_by_name (answer.chooser, "response", GTK_RESPONSE_CANCEL);
  g_assert_cmpuint (answer.chosen, ==, 0);
  g_assert_cmpuint (answer.freed, ==, 1);
  g_assert_null (answer.chooser);
  g_assert_finalize_object (owner);
  g_assert_cmpuint (answer.freed, ==, 1);
}

/* The owner goes first: the chooser is closed with it, its answer goes
 * to nobody, the data is freed once. */
static void
test_owner_gone (void)
{
  Answer answer = { 0 };
  GObject *owner = ask (&answer, NULL);

  g_assert_finalize_object (owner);
  g_assert_cmpuint (answer.chosen, ==, 0);
  g_assert_cmpuint (answer.freed, ==, 1);
  g_assert_null (answer.chooser);
}

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#else
#define UNDER_ASAN 0
#endif

/* Accept: the file chosen, once, then the data freed. */
static void
test_accept (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) expected = NULL;
  Answer answer = { 0 };
  GObject *owner;
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  GFile *file;

  /* GTK 4.8's file chooser dialog, once it has read a folder, leaves a
   * GFileInfo of GIO's worker thread behind (still there after a second
   * of main loop; no Forkline frame in its stack): LeakSanitizer would
   * fail this case on GTK's account.  The normal build runs it. */
  if (UNDER_ASAN)
    {
      g_test_skip ("GTK's file chooser dialog leaks a file info it read; the normal build runs this case");
      return;
    }
  dir = fl_test_make_tmp_dir ("fl-chooser-XXXXXX");
  folder = g_file_new_for_path (dir);
  expected = g_file_get_child (folder, "run.json");
  owner = ask (&answer, folder);

  /* The dialog reads its folder off the main loop: until then it has
   * no file to give. */
  while ((file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (answer.chooser))) == NULL &&
         g_get_monotonic_time () < until)
    fl_test_wait_ms (20);
  g_clear_object (&file);
  g_signal_emit_by_name (answer.chooser, "response", GTK_RESPONSE_ACCEPT);
  g_assert_cmpuint (answer.chosen, ==, 1);
  g_assert_cmpuint (answer.freed, ==, 1);
  g_assert_null (answer.chooser);
  g_assert_nonnull (answer.file);
  g_assert_true (g_file_equal (answer.file, expected));
  g_clear_object (&answer.file);
  g_assert_finalize_object (owner);
  fl_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file-chooser/cancel", test_cancel);
  g_test_add_func ("/file-chooser/owner-gone", test_owner_gone);
  g_test_add_func ("/file-chooser/accept", test_accept);
  return g_test_run ();
}
