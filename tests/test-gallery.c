/* test-gallery.c — the gallery's Python programs
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Suite "ui": the "Python programs" section lists Forkline's examples
 * after the scenarios, under its heading; a program written to (renamed
 * in, removed from) the user's folder shows (goes) without a restart;
 * the search filters programs too; the folder may be made after the
 * gallery starts; selecting a program clears the
 * scenario (notified first) and the other way round.  XDG_DATA_HOME is a
 * folder of the test's own, set before GLib reads it.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fl-gallery.h"
#include "fl-gallery-row.h"
#include "fl-program.h"

static char *data_home;

static GtkListBox *
list_box (FlGallery *gallery)
{
  return GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (gallery), FL_TYPE_GALLERY, "list_box"));
}

static FlGalleryRow *
program_row (FlGallery  *gallery,
             const char *path)
{
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (list_box (gallery)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (FL_IS_GALLERY_ROW (child) &&
        g_strcmp0 (fl_gallery_row_get_program_path (FL_GALLERY_ROW (child)), path) == 0)
      return FL_GALLERY_ROW (child);
  return NULL;
}

static guint
count_program_rows (FlGallery *gallery)
{
  GtkWidget *child;
  guint n = 0;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (list_box (gallery)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (FL_IS_GALLERY_ROW (child) && fl_gallery_row_get_program_path (FL_GALLERY_ROW (child)))
      n++;
  return n;
}

/* Waits (generously: the monitor and the machine may be slow) until the
 * program row of @path is there (@present) or gone. */
static void
wait_for_row (FlGallery  *gallery,
              const char *path,
              gboolean    present)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while ((program_row (gallery, path) != NULL) != present && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (program_row (gallery, path) != NULL, ==, present);
}

static const char *
row_title (FlGalleryRow *row)
{
  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (row), FL_TYPE_GALLERY_ROW,
                                                                        "title_label")));
}

static FlGallery *
new_gallery (void)
{
  FlGallery *gallery = FL_GALLERY (g_object_ref_sink (fl_gallery_new ()));
  g_autoptr(FlCatalog) catalog = fl_catalog_new ();

  fl_catalog_load_presets (catalog);
  fl_gallery_set_catalog (gallery, catalog);
  return gallery;
}

/* The folder does not exist when the gallery starts (a new user). */
static void
test_folder_made_later (void)
{
  g_autoptr(FlGallery) gallery = new_gallery ();
  g_autofree char *dir = fl_program_user_dir ();
  g_autofree char *path = g_build_filename (dir, "first.py", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, "print('first')\n", -1, &error);
  g_assert_no_error (error);
  wait_for_row (gallery, path, TRUE);
  g_assert_cmpint (g_unlink (path), ==, 0);
  wait_for_row (gallery, path, FALSE);
}

static void
test_examples_listed (void)
{
  g_autoptr(FlGallery) gallery = new_gallery ();
  g_autoptr(GPtrArray) examples = fl_program_list_examples ();
  GtkWidget *child, *header;
  FlGalleryRow *first = NULL;
  gboolean seen_program = FALSE;
  guint i;

  g_assert_cmpuint (examples->len, >=, 8);
  g_assert_cmpuint (count_program_rows (gallery), ==, examples->len);
  for (i = 0; i < examples->len; i++)
    {
      FlProgramExample *ex = g_ptr_array_index (examples, i);
      FlGalleryRow *row = program_row (gallery, ex->path);

      g_assert_nonnull (row);
      g_assert_cmpstr (row_title (row), ==, ex->title);
      g_assert_true (fl_gallery_row_is_preset (row));
      g_assert_null (fl_gallery_row_get_scenario (row));
    }
  /* After every scenario, under one heading. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (list_box (gallery)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      gboolean is_program;

      if (!FL_IS_GALLERY_ROW (child))
        continue;
      is_program = fl_gallery_row_get_program_path (FL_GALLERY_ROW (child)) != NULL;
      if (seen_program)
        g_assert_true (is_program);
      if (is_program && !seen_program)
        first = FL_GALLERY_ROW (child);
      seen_program |= is_program;
    }
  g_assert_nonnull (first);
  header = gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (first));
  g_assert_true (GTK_IS_LABEL (header));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (header)), ==, "Python programs");
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (header)), ==,
                   GTK_ACCESSIBLE_ROLE_HEADING);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

static void
test_select_round_trip (void)
{
  g_autoptr(FlGallery) gallery = new_gallery ();
  g_autoptr(GPtrArray) examples = fl_program_list_examples ();
  g_autoptr(GString) log = g_string_new (NULL);
  FlProgramExample *ex = g_ptr_array_index (examples, 0);
  g_autofree char *path = NULL;

  g_assert_true (fl_gallery_select (gallery, "cpu-bound"));
  g_assert_nonnull (fl_gallery_get_scenario (gallery));
  g_assert_null (fl_gallery_get_program_path (gallery));

  g_signal_connect (gallery, "notify", G_CALLBACK (on_notify), log);
  g_assert_true (fl_gallery_select_program (gallery, ex->path));
  g_assert_cmpstr (log->str, ==, "scenario;program-path;");
  g_assert_null (fl_gallery_get_scenario (gallery));
  g_object_get (gallery, "program-path", &path, NULL);
  g_assert_cmpstr (path, ==, ex->path);
  g_assert_true (fl_gallery_program_is_example (gallery));
  g_assert_true (GTK_LIST_BOX_ROW (program_row (gallery, ex->path)) ==
                 gtk_list_box_get_selected_row (list_box (gallery)));
  g_assert_false (fl_gallery_select_program (gallery, "/nonexistent/program.py"));
  g_assert_cmpstr (fl_gallery_get_program_path (gallery), ==, ex->path);

  g_string_truncate (log, 0);
  g_assert_true (fl_gallery_select (gallery, "gil-convoy"));
  g_assert_cmpstr (log->str, ==, "program-path;scenario;");
  g_assert_null (fl_gallery_get_program_path (gallery));
  g_assert_false (fl_gallery_program_is_example (gallery));
  g_assert_cmpstr (fl_scenario_get_id (fl_gallery_get_scenario (gallery)), ==, "gil-convoy");
  g_signal_handlers_disconnect_by_data (gallery, log);
}

static void
test_user_programs_arrive (void)
{
  g_autoptr(FlGallery) gallery = new_gallery ();
  g_autofree char *dir = fl_program_user_dir ();
  g_autofree char *path = g_build_filename (dir, "counter.py", NULL);
  g_autofree char *renamed = g_build_filename (dir, "renamed.py", NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *search = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (gallery), FL_TYPE_GALLERY, "search_entry");
  GtkWidget *window;
  FlGalleryRow *row;
  guint before = count_program_rows (gallery);
  g_autofree char *expected_dir = g_build_filename (data_home, "forkline", "python", NULL);

  g_assert_cmpstr (dir, ==, expected_dir);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (gallery));
  gtk_window_present (GTK_WINDOW (window));

  g_file_set_contents (path, "# forkline-title: Zebra tally\nprint(1)\n", -1, &error);
  g_assert_no_error (error);
  wait_for_row (gallery, path, TRUE);
  row = program_row (gallery, path);
  g_assert_cmpstr (row_title (row), ==, "Zebra tally");
  g_assert_false (fl_gallery_row_is_preset (row));
  g_assert_cmpuint (count_program_rows (gallery), ==, before + 1);

  /* Selected, then renamed: the new name shows, the selection is gone. */
  g_assert_true (fl_gallery_select_program (gallery, path));
  g_assert_false (fl_gallery_program_is_example (gallery));
  g_assert_cmpint (g_rename (path, renamed), ==, 0);
  wait_for_row (gallery, renamed, TRUE);
  wait_for_row (gallery, path, FALSE);
  g_assert_null (fl_gallery_get_program_path (gallery));

  /* The search filters programs as it does scenarios. */
  gtk_editable_set_text (GTK_EDITABLE (search), "zebra");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_true (fl_gallery_row_matches (program_row (gallery, renamed), "zebra"));
  {
    g_autoptr(GPtrArray) examples = fl_program_list_examples ();
    FlProgramExample *ex = g_ptr_array_index (examples, 0);
    g_assert_false (fl_gallery_row_matches (program_row (gallery, ex->path), "zebra"));
    g_assert_true (fl_gallery_row_matches (program_row (gallery, ex->path), "python"));
  }
  gtk_editable_set_text (GTK_EDITABLE (search), "");

  g_assert_cmpint (g_unlink (renamed), ==, 0);
  wait_for_row (gallery, renamed, FALSE);
  g_assert_cmpuint (count_program_rows (gallery), ==, before);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  int status;

  /* Before GLib reads it. */
  data_home = g_dir_make_tmp ("forkline-gallery-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* Not made: the first test makes it while a gallery watches. */
  dir = g_build_filename (data_home, "forkline", "python", NULL);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gallery/folder-made-later", test_folder_made_later);
  g_test_add_func ("/gallery/examples-listed", test_examples_listed);
  g_test_add_func ("/gallery/select-round-trip", test_select_round_trip);
  g_test_add_func ("/gallery/user-programs-arrive", test_user_programs_arrive);
  status = g_test_run ();
  g_rmdir (dir);
  {
    g_autofree char *forkline = g_build_filename (data_home, "forkline", NULL);
    g_rmdir (forkline);
  }
  g_rmdir (data_home);
  g_free (data_home);
  return status;
}
