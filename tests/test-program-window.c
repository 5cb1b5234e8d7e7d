/* test-program-window.c — a Python program in the window: open, edit, run, stop, save
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under the virtual display of the test command (suite "ui").  The
 * application starts as a presenter starts it; once its window is up the
 * case drives it through the window's own functions: opens Forkline's
 * numbers-and-letters example (read-only), saves it as a copy in a
 * temporary folder, changes a printed string, runs the editor's text and
 * finds the changed line in the output view, saves, stops a program that
 * would run for ever and checks that none of its processes is left, and
 * opens a file that is not UTF-8 and a folder (clear errors, nothing
 * changed).  Every wait is on a condition, with a generous bound.
 *
 * A second case follows a teacher through the window: an example picked
 * in the gallery's Python section, its controls in the settings panel, an
 * edited line, Run, a slide with the source exported as SVG, the gallery
 * going back to the open program when unsaved edits are kept, a missing
 * interpreter, arguments that do not parse, a long run stopped, Compare
 * as threads and as processes, and CPython beside its emulated preset.
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fl-application.h"
#include "fl-export.h"
#include "fl-output-item.h"
#include "fl-program.h"
#include "fl-program-editor.h"
#include "fl-run-file.h"
#include "fl-window-private.h"

#define TIMEOUT_S 120

typedef gboolean (*Cond) (gpointer data);

/* Iterates the main loop until @cond holds; FALSE after TIMEOUT_S. */
static gboolean
wait_until (Cond     cond,
            gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_TIME_SPAN_SECOND;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return TRUE;
}

static gboolean
run_finished (gpointer data)
{
  FlWindow *window = data;
  FlRun *run = fl_window_get_run (window);

  return run != NULL && fl_run_is_finished (run) && !fl_window_is_running (window);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
output_has (FlWindow   *window,
            const char *text)
{
  GListModel *model = fl_output_view_get_model (fl_window_get_output_view (window));
  guint i, n = g_list_model_get_n_items (model);

  for (i = 0; i < n; i++)
    {
      g_autoptr(FlOutputItem) item = g_list_model_get_item (model, i);

      if (strstr (fl_output_item_get_text (item), text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static char *
example_path (const char *id)
{
  g_autoptr(GPtrArray) examples = fl_program_list_examples ();
  guint i;

  for (i = 0; i < examples->len; i++)
    {
      FlProgramExample *ex = g_ptr_array_index (examples, i);

      if (g_str_equal (ex->id, id))
        return g_strdup (ex->path);
    }
  g_assert_not_reached ();
  return NULL;
}

static void
replace_in_buffer (FlProgramEditor *editor,
                   const char      *old,
                   const char      *new)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fl_program_editor_get_view (editor)));
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, old, 0, &match_start, &match_end, NULL));
  gtk_text_buffer_delete (buffer, &match_start, &match_end);
  gtk_text_buffer_insert (buffer, &match_start, new, -1);
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  GtkWidget *child;

  if (GTK_IS_LIST_VIEW (widget))
    return widget;
  for (child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
changed_on_disk (gpointer data)
{
  return fl_program_editor_get_changed_on_disk (data);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint i;

  for (i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static void
count_call (FlWindow *window,
            gpointer  data)
{
  (*(int *) data)++;
}

static gboolean
process_gone (gpointer pid)
{
  return kill (GPOINTER_TO_INT (pid), 0) < 0 && errno == ESRCH;
}

static const char forever_text[] =
  "import multiprocessing, os, time\n"
  "here = os.path.dirname(__file__)\n"
  "def child():\n"
  "    open(os.path.join(here, 'child.pid.tmp'), 'w').write(str(os.getpid()))\n"
  "    os.rename(os.path.join(here, 'child.pid.tmp'), os.path.join(here, 'child.pid'))\n"
  "    while True:\n"
  "        time.sleep(0.05)\n"
  "if __name__ == '__main__':\n"
  "    multiprocessing.set_start_method('fork')\n"
  "    open(os.path.join(here, 'main.pid.tmp'), 'w').write(str(os.getpid()))\n"
  "    os.rename(os.path.join(here, 'main.pid.tmp'), os.path.join(here, 'main.pid'))\n"
  "    multiprocessing.Process(target=child).start()\n"
  "    while True:\n"
  "        time.sleep(0.05)\n";

/* Runs the program that never ends, in @dir, until its main process and
 * its child have said their pids. */
static void
run_forever (FlWindow   *window,
             const char *dir,
             int        *main_pid,
             int        *child_pid)
{
  g_autofree char *forever = g_build_filename (dir, "forever.py", NULL);
  g_autofree char *main_pid_file = g_build_filename (dir, "main.pid", NULL);
  g_autofree char *child_pid_file = g_build_filename (dir, "child.pid", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_unlink (main_pid_file);
  g_unlink (child_pid_file);
  g_assert_true (g_file_set_contents (forever, forever_text, -1, NULL));
  g_assert_true (fl_window_open_program_now (window, forever, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (fl_window_run (window));
  /* __file__ is the program's own path: its pid files land beside it. */
  g_assert_true (wait_until (file_exists, main_pid_file));
  g_assert_true (wait_until (file_exists, child_pid_file));
  g_assert_true (fl_window_is_running (window));
  g_assert_true (g_file_get_contents (main_pid_file, &text, NULL, NULL));
  *main_pid = atoi (text);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (child_pid_file, &text, NULL, NULL));
  *child_pid = atoi (text);
  g_assert_cmpint (*main_pid, >, 1);
  g_assert_cmpint (*child_pid, >, 1);
  g_unlink (main_pid_file);
  g_unlink (child_pid_file);
  g_unlink (forever);
}

static void
drive (FlWindow *window,
       char    **dir_out,
       int      *pids)
{
  g_autofree char *dir = g_dir_make_tmp ("forkline-program-window-XXXXXX", NULL);
  g_autofree char *example = example_path ("py-numbers-letters");
  g_autofree char *copy = g_build_filename (dir, "numbers_letters.py", NULL);
  g_autofree char *disk = NULL;
  g_autoptr(GError) error = NULL;
  FlProgramEditor *editor = fl_window_get_program_editor (window);
  GtkWidget *view = fl_program_editor_get_view (editor);
  const char *title;

  g_assert_nonnull (dir);
  g_assert_null (fl_window_get_program_text (window));

  /* An example: read-only, its text what Run would run. */
  g_assert_true (fl_window_open_program_now (window, example, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  g_assert_true (fl_program_editor_get_is_example (editor));
  g_assert_nonnull (strstr (fl_window_get_program_text (window), "print(\"Letter:\""));
  g_assert_false (fl_window_get_source_selection (window, NULL, NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->controls)));
  g_assert_false (fl_program_editor_save (editor, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* Save As: the user's copy, editable. */
  g_assert_true (fl_program_editor_save_as (editor, copy, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  g_assert_false (fl_program_editor_get_modified (editor));

  /* An edit: marked, the file unchanged. */
  replace_in_buffer (editor, "print(\"Letter:\"", "print(\"Edited letter:\"");
  g_assert_true (fl_program_editor_get_modified (editor));
  title = adw_window_title_get_title (window->window_title);
  g_test_message ("title: %s", title);
  g_assert_true (g_str_has_prefix (title, "•"));
  g_assert_true (g_file_get_contents (copy, &disk, NULL, NULL));
  g_assert_null (strstr (disk, "Edited letter:"));
  g_clear_pointer (&disk, g_free);

  /* Selected lines, for the export. */
  fl_program_editor_select_lines (editor, 3, 5);
  {
    guint first = 0, last = 0;

    g_assert_true (fl_window_get_source_selection (window, &first, &last));
    g_assert_cmpuint (first, ==, 3);
    g_assert_cmpuint (last, ==, 5);
  }

  /* Run runs the editor's text. */
  g_assert_true (fl_window_run (window));
  g_assert_true (wait_until (run_finished, window));
  g_assert_nonnull (fl_run_get_program (fl_window_get_run (window)));
  g_assert_false (fl_run_was_stopped (fl_window_get_run (window)));
  g_assert_true (output_has (window, "Edited letter:"));
  g_assert_true (output_has (window, "Number:"));
  g_test_message ("subtitle: %s", adw_window_title_get_subtitle (window->window_title));
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (window->window_title), "Python 3"));

  /* Save (the editor's Ctrl+S, win.save-program) writes the file,
   * safely, and the marker goes. */
  g_assert_true (gtk_widget_activate_action (view, "win.save-program", NULL));
  g_assert_false (fl_program_editor_get_modified (editor));
  g_assert_false (g_str_has_prefix (adw_window_title_get_title (window->window_title), "•"));
  g_assert_true (g_file_get_contents (copy, &disk, NULL, NULL));
  g_assert_nonnull (strstr (disk, "Edited letter:"));
  g_clear_pointer (&disk, g_free);

  /* The run saved and read back keeps the text that ran, under the file's name. */
  {
    g_autofree char *saved = g_build_filename (dir, "run.json", NULL);
    g_autoptr(FlRun) back = NULL;

    g_assert_true (fl_run_save (fl_window_get_run (window), saved, &error));
    g_assert_no_error (error);
    back = fl_run_load (saved, &error);
    g_assert_no_error (error);
    g_assert_nonnull (fl_run_get_program (back));
    g_assert_cmpstr (fl_program_get_path (fl_run_get_program (back)), ==, copy);
    g_assert_nonnull (strstr (fl_program_get_text (fl_run_get_program (back)), "Edited letter:"));
    g_unlink (saved);

    /* Shown again: the source as it ran, read-only, beside the run. */
    fl_window_show_run (window, back);
    g_assert_true (wait_until (run_finished, window));
    g_assert_true (fl_window_get_run (window) == back);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
    g_assert_true (fl_program_editor_get_read_only (editor));
    g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
    g_assert_nonnull (strstr (fl_window_get_program_text (window), "Edited letter:"));
    g_assert_true (output_has (window, "Edited letter:"));
    g_assert_false (fl_program_editor_save (editor, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
    g_clear_error (&error);
  }

  /* A traceback: its program's line, activated, is shown in the editor. */
  {
    g_autofree char *boom = g_build_filename (dir, "boom.py", NULL);
    GListModel *model;
    guint i, n, found = G_MAXUINT;

    g_assert_true (g_file_set_contents (boom, "x = 1\n\ndef f():\n    raise ValueError('boom')\n\nf()\n", -1, NULL));
    g_assert_true (fl_window_open_program_now (window, boom, FALSE, &error));
    g_assert_no_error (error);
    g_assert_true (fl_window_run (window));
    g_assert_true (wait_until (run_finished, window));
    g_assert_true (output_has (window, "ValueError: boom"));
    model = fl_output_view_get_model (fl_window_get_output_view (window));
    n = g_list_model_get_n_items (model);
    for (i = 0; i < n && found == G_MAXUINT; i++)
      {
        g_autoptr(FlOutputItem) item = g_list_model_get_item (model, i);
        g_autofree char *file = NULL;
        guint line = 0;

        if (fl_output_item_get_source_line (item, &file, &line) && g_str_equal (file, boom) && line == 4)
          found = i;
      }
    g_assert_cmpuint (found, !=, G_MAXUINT);
    g_signal_emit_by_name (find_list_view (GTK_WIDGET (fl_window_get_output_view (window))), "activate", found);
    {
      guint first = 0, last = 0;

      g_assert_true (fl_window_get_source_selection (window, &first, &last));
      g_assert_cmpuint (first, ==, 4);
      g_assert_cmpuint (last, ==, 4);
    }
    g_unlink (boom);
  }

  /* A program that would not end, with a child process: Stop ends both. */
  {
    int main_pid = 0, child_pid = 0;

    run_forever (window, dir, &main_pid, &child_pid);
    fl_window_stop (window);
    g_assert_true (wait_until (run_finished, window));
    g_assert_true (fl_run_was_stopped (fl_window_get_run (window)));
    /* Reaped, not only killed: a zombie would still answer kill (pid, 0). */
    g_assert_true (process_gone (GINT_TO_POINTER (main_pid)));
    g_assert_true (process_gone (GINT_TO_POINTER (child_pid)));
  }

  /* Unsaved edits: Cancel keeps them and does nothing; Discard goes on. */
  {
    int calls = 0;
    AdwMessageDialog *dialog;

    g_assert_true (fl_window_open_program_now (window, copy, FALSE, &error));
    g_assert_no_error (error);
    replace_in_buffer (editor, "Edited letter:", "Twice edited:");
    g_assert_true (fl_program_editor_get_modified (editor));
    fl_window_confirm_unsaved (window, count_call, &calls, NULL);
    g_assert_true (wait_until (has_message_dialog, NULL));
    g_assert_cmpint (calls, ==, 0);
    dialog = find_message_dialog ();
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_cmpint (calls, ==, 0);
    g_assert_true (fl_program_editor_get_modified (editor));
    g_assert_nonnull (strstr (fl_window_get_program_text (window), "Twice edited:"));

    fl_window_confirm_unsaved (window, count_call, &calls, NULL);
    g_assert_true (wait_until (has_message_dialog, NULL));
    dialog = find_message_dialog ();
    adw_message_dialog_response (dialog, "discard");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_cmpint (calls, ==, 1);
    g_assert_false (fl_program_editor_get_modified (editor));
    g_assert_null (strstr (fl_window_get_program_text (window), "Twice edited:"));

    /* Unmodified: nothing asked. */
    fl_window_confirm_unsaved (window, count_call, &calls, NULL);
    g_assert_cmpint (calls, ==, 2);
  }

  /* The file changed on disk: said, and Reload reads it. */
  {
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (copy, &text, NULL, NULL));
    g_assert_false (fl_program_editor_get_changed_on_disk (editor));
    {
      g_autofree char *changed = g_strconcat (text, "# changed elsewhere\n", NULL);
      g_assert_true (g_file_set_contents (copy, changed, -1, NULL));
    }
    g_assert_true (wait_until (changed_on_disk, editor));
    g_assert_true (fl_program_editor_reload (editor, &error));
    g_assert_no_error (error);
    g_assert_false (fl_program_editor_get_changed_on_disk (editor));
    g_assert_nonnull (strstr (fl_window_get_program_text (window), "# changed elsewhere"));
  }

  /* Bad input: clear errors, the open program stays. */
  {
    g_autofree char *latin1 = g_build_filename (dir, "latin1.py", NULL);
    const char *before = fl_program_editor_get_path (editor);
    g_autofree char *kept = g_strdup (before);

    g_assert_true (g_file_set_contents (latin1, "print('ok')\nprint('caf\xe9')\n", -1, NULL));
    g_assert_false (fl_window_open_program_now (window, latin1, FALSE, &error));
    g_assert_error (error, FL_PROGRAM_EDITOR_ERROR, FL_PROGRAM_EDITOR_ERROR_NOT_TEXT);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "line 2"));
    g_assert_nonnull (strstr (error->message, "UTF-8"));
    g_clear_error (&error);
    g_assert_cmpstr (fl_program_editor_get_path (editor), ==, kept);

    g_assert_false (fl_window_open_program_now (window, dir, FALSE, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
    g_test_message ("%s", error->message);
    g_clear_error (&error);
    g_assert_cmpstr (fl_program_editor_get_path (editor), ==, kept);
    g_unlink (latin1);

    /* Over the limit: refused, saying the limit. */
    {
      g_autofree char *huge = g_build_filename (dir, "huge.py", NULL);
      gsize n = FL_PROGRAM_EDITOR_MAX_BYTES + 1;
      g_autofree char *data = g_malloc (n);

      memset (data, '#', n);
      g_assert_true (g_file_set_contents (huge, data, (gssize) n, NULL));
      g_assert_false (fl_window_open_program_now (window, huge, FALSE, &error));
      g_assert_error (error, FL_PROGRAM_EDITOR_ERROR, FL_PROGRAM_EDITOR_ERROR_TOO_BIG);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "2097153 bytes"));
      g_assert_nonnull (strstr (error->message, "2 MiB"));
      g_clear_error (&error);
      g_assert_cmpstr (fl_program_editor_get_path (editor), ==, kept);
      g_unlink (huge);
    }
  }

  g_unlink (copy);

  /* Left running: closing the window must end it (checked by the caller). */
  run_forever (window, dir, &pids[0], &pids[1]);
  *dir_out = g_steal_pointer (&dir);
}

static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  GtkWidget *child;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
compare_finished (gpointer data)
{
  FlWindow *window = data;
  FlCompareView *view = window->compare_view;
  guint i;

  if (fl_compare_view_get_running (view) || fl_compare_view_get_n_runs (view) < 2)
    return FALSE;
  for (i = 0; i < fl_compare_view_get_n_runs (view); i++)
    if (fl_compare_view_get_run (view, i) == NULL || !fl_run_is_finished (fl_compare_view_get_run (view, i)))
      return FALSE;
  return TRUE;
}

static gboolean
run_has_threads (gpointer data)
{
  FlWindow *window = data;
  FlRun *run = fl_window_get_run (window);

  return run != NULL && fl_run_is_running (run) &&
         (g_get_monotonic_time () - window->started_us) > G_TIME_SPAN_SECOND;
}

/* The gallery has selected the program's row by itself. */
static gboolean
program_selected (gpointer data)
{
  FlWindow *window = g_object_get_data (data, "window");

  return g_strcmp0 (fl_gallery_get_program_path (window->gallery), g_object_get_data (data, "path")) == 0;
}

/* A teacher's class, from the window alone. */
static void
drive_teacher (FlWindow *window)
{
  g_autofree char *example = example_path ("py-numbers-letters");
  g_autofree char *cpu_bound = example_path ("py-cpu-bound");
  g_autofree char *user_dir = fl_program_user_dir ();
  g_autofree char *copy = NULL;
  g_autofree char *svg_dir = g_dir_make_tmp ("forkline-program-slide-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (svg_dir, "slide.svg", NULL);
  g_autoptr(GError) error = NULL;
  FlProgramEditor *editor = fl_window_get_program_editor (window);
  GtkWidget *controls = GTK_WIDGET (window->program_controls);

  /* The example's row in the gallery opens it, with its own controls. */
  g_assert_true (fl_gallery_select_program (window->gallery, example));
  g_assert_cmpstr (fl_program_editor_get_path (editor), ==, example);
  g_assert_true (fl_program_editor_get_is_example (editor));
  g_assert_true (gtk_widget_get_visible (controls));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->controls)));
  g_assert_true (fl_program_controls_takes_mode (window->program_controls));
  g_assert_true (fl_program_controls_takes_workers (window->program_controls));
  g_assert_true (gtk_widget_get_visible (window->compare_button));
  g_assert_true (gtk_widget_get_visible (window->settings_button));
  /* numbers-letters has a preset: CPython beside it can be asked for. */
  g_assert_cmpstr (window->preset_id, ==, "numbers-letters");

  /* The teacher's own copy, in the user's folder: the gallery lists it
   * (a watched folder) and selects its row, keeping the open program. */
  copy = g_build_filename (user_dir, "my_numbers.py", NULL);
  g_assert_cmpint (g_mkdir_with_parents (user_dir, 0700), ==, 0);
  g_assert_true (fl_program_editor_save_as (editor, copy, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GObject) probe = g_object_new (G_TYPE_OBJECT, NULL);

    g_object_set_data (probe, "window", window);
    g_object_set_data (probe, "path", copy);
    g_assert_true (wait_until (program_selected, probe));
  }
  g_assert_cmpstr (fl_program_editor_get_path (editor), ==, copy);
  g_assert_cmpstr (fl_gallery_get_program_path (window->gallery), ==, copy);

  /* An edited line, run as it is in the editor, with fewer lines. */
  replace_in_buffer (editor, "print(\"Letter:\"", "print(\"Teacher_letter:\"");
  {
    GtkEditable *args = GTK_EDITABLE (find_widget_of_type (controls, ADW_TYPE_ENTRY_ROW));

    g_assert_nonnull (args);
    gtk_editable_set_text (args, "--count 2 --delay 0.05");
  }
  g_assert_true (fl_window_run (window));
  g_assert_true (wait_until (run_finished, window));
  g_assert_true (output_has (window, "Teacher_letter:"));
  g_assert_false (output_has (window, "Number: 3"));
  {
    const char * const *args = fl_program_get_args (fl_run_get_program (fl_window_get_run (window)));

    g_assert_true (g_strv_contains (args, "--count"));
    g_assert_true (g_strv_contains (args, "--workers"));
  }

  /* A slide of the run with the program's source, as the export dialog
   * builds it: the edited line is in the SVG as text. */
  {
    FlExportOptions options;
    g_autoptr(FlScene) scene = NULL;
    g_autofree char *contents = NULL;

    fl_export_options_init (&options);
    options.view = FL_EXPORT_VIEW_SLIDE;
    options.source = fl_window_get_program_text (window);
    options.source_title = "my_numbers.py";
    options.source_first_line = 1;
    g_assert_true (fl_export_check (&options, svg, NULL, &error));
    g_assert_no_error (error);
    scene = fl_export_build_scene (fl_window_get_run (window), &options, &error);
    g_assert_no_error (error);
    g_assert_true (fl_export_write_scene (scene, &options, svg, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "<svg"));
    g_assert_nonnull (strstr (contents, "Teacher_letter:"));
    g_unlink (svg);
    g_rmdir (svg_dir);
  }

  /* A scenario picked with unsaved edits, then Cancel: the edits stay and
   * the gallery selects the open program again. */
  {
    AdwMessageDialog *dialog;

    g_assert_true (fl_program_editor_get_modified (editor));
    g_assert_true (fl_gallery_select (window->gallery, "numbers-letters"));
    g_assert_true (wait_until (has_message_dialog, NULL));
    dialog = find_message_dialog ();
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_true (window->program_mode);
    g_assert_true (fl_program_editor_get_modified (editor));
    g_assert_null (fl_gallery_get_scenario (window->gallery));
    g_assert_cmpstr (fl_gallery_get_program_path (window->gallery), ==, copy);

    /* Another program's row, then Discard: it opens. */
    g_assert_true (fl_gallery_select_program (window->gallery, cpu_bound));
    g_assert_true (wait_until (has_message_dialog, NULL));
    dialog = find_message_dialog ();
    adw_message_dialog_response (dialog, "discard");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_cmpstr (fl_program_editor_get_path (editor), ==, cpu_bound);
    g_assert_cmpstr (fl_gallery_get_program_path (window->gallery), ==, cpu_bound);
  }
  g_unlink (copy);

  /* Opened as Open Python Program opens it: the gallery selects its row. */
  g_assert_true (fl_window_open_program_now (window, example, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fl_gallery_get_program_path (window->gallery), ==, example);
  g_assert_true (fl_window_open_program_now (window, cpu_bound, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fl_gallery_get_program_path (window->gallery), ==, cpu_bound);
  g_assert_nonnull (window->preset_id);

  /* No interpreter: Run cannot run and says why and what to do. */
  g_settings_set_string (window->settings, "python-interpreter", "/nonexistent/python3");
  g_assert_nonnull (window->no_interpreter);
  g_test_message ("no interpreter: %s", window->no_interpreter);
  g_assert_nonnull (strstr (window->no_interpreter, "/nonexistent/python3"));
  g_assert_nonnull (strstr (window->no_interpreter, "Preferences"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (window->run_button), ==, window->no_interpreter);
  g_assert_false (gtk_widget_is_sensitive (window->run_button));
  g_assert_false (fl_window_run (window));
  g_assert_null (fl_window_get_run (window));
  g_settings_set_string (window->settings, "python-interpreter", "");
  g_assert_null (window->no_interpreter);
  g_assert_true (gtk_widget_is_sensitive (window->run_button));

  /* Arguments that do not parse: nothing starts. */
  {
    GtkEditable *args = GTK_EDITABLE (find_widget_of_type (controls, ADW_TYPE_ENTRY_ROW));

    gtk_editable_set_text (args, "--limit 'unclosed");
    g_assert_false (fl_window_run (window));
    g_assert_null (fl_window_get_run (window));
    g_assert_false (fl_window_compare (window));
    g_assert_false (fl_window_is_running (window));

    /* A long run, stopped. */
    gtk_editable_set_text (args, "--limit 200000000");
    g_assert_true (fl_window_run (window));
    g_assert_true (wait_until (run_has_threads, window));
    fl_window_stop (window);
    g_assert_true (wait_until (run_finished, window));
    g_assert_true (fl_run_was_stopped (fl_window_get_run (window)));

    /* Compare: the editor's text as threads and as processes. */
    gtk_editable_set_text (args, "--limit 30000");
    g_assert_true (fl_window_compare (window));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "compare");
    g_assert_true (wait_until (compare_finished, window));
    g_assert_cmpuint (fl_compare_view_get_n_runs (window->compare_view), ==, 2);
    {
      FlRun *threads = fl_compare_view_get_run (window->compare_view, 0);
      FlRun *processes = fl_compare_view_get_run (window->compare_view, 1);

      g_assert_cmpstr (fl_program_args_get_mode (fl_program_get_args (fl_run_get_program (threads))), ==, "threads");
      g_assert_cmpstr (fl_program_args_get_mode (fl_program_get_args (fl_run_get_program (processes))), ==, "processes");
      g_assert_false (fl_run_was_stopped (threads));
      g_assert_false (fl_run_was_stopped (processes));
    }

    /* CPython beside the cpu-bound preset's emulation. */
    g_assert_true (fl_window_compare_emulation (window));
    g_assert_true (window->compare_emulation);
    g_assert_true (wait_until (compare_finished, window));
    g_assert_cmpuint (fl_compare_view_get_n_runs (window->compare_view), ==, 2);
    {
      guint i, programs = 0;

      for (i = 0; i < 2; i++)
        if (fl_run_get_program (fl_compare_view_get_run (window->compare_view, i)) != NULL)
          programs++;
      g_assert_cmpuint (programs, ==, 1);
    }
    fl_window_go_back (window);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "scenario");
  }

  /* A user's program without --mode: no Compare. */
  {
    g_autofree char *dir = g_dir_make_tmp ("forkline-program-nomode-XXXXXX", NULL);
    g_autofree char *plain = g_build_filename (dir, "plain.py", NULL);

    g_assert_true (g_file_set_contents (plain, "print('plain')\n", -1, NULL));
    g_assert_true (fl_window_open_program_now (window, plain, FALSE, &error));
    g_assert_no_error (error);
    g_assert_false (fl_program_controls_takes_mode (window->program_controls));
    g_assert_false (gtk_widget_get_visible (window->compare_button));
    g_assert_null (window->preset_id);
    g_assert_false (fl_window_compare (window));
    g_assert_false (fl_window_compare_emulation (window));
    /* Not listed: no row stays selected. */
    g_assert_null (fl_gallery_get_program_path (window->gallery));
    g_assert_null (fl_gallery_get_scenario (window->gallery));
    g_unlink (plain);
    g_rmdir (dir);
  }
}

typedef struct
{
  gboolean done;
  gboolean timed_out;
  FlWindow *window;
  gint64 deadline;
  char *dir;
  int pids[2];
  gboolean teacher;
} Case;

static gboolean
start_cb (gpointer data)
{
  Case *c = data;
  GApplication *app = g_application_get_default ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (g_get_monotonic_time () > c->deadline)
    {
      c->timed_out = TRUE;
      g_application_quit (app);
      return G_SOURCE_REMOVE;
    }
  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;

  c->window = g_object_ref (FL_WINDOW (window));
  if (c->teacher)
    drive_teacher (c->window);
  else
    drive (c->window, &c->dir, c->pids);
  c->done = TRUE;
  gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

static void
test_parse_source_line (void)
{
  g_autofree char *file = NULL;
  guint line = 0;

  g_assert_true (fl_output_item_parse_source_line ("  File \"/tmp/a \"b\".py\", line 12, in <module>", &file, &line));
  g_assert_cmpstr (file, ==, "/tmp/a \"b\".py");
  g_assert_cmpuint (line, ==, 12);
  g_assert_false (fl_output_item_parse_source_line ("File \"x.py\", line 0", NULL, NULL));
  g_assert_false (fl_output_item_parse_source_line ("File \"x.py\", line twelve", NULL, NULL));
  g_assert_false (fl_output_item_parse_source_line ("print('File \"x.py\", line 3')", NULL, NULL));
  g_assert_false (fl_output_item_parse_source_line ("File \"x.py\", line 3x", NULL, NULL));
  g_assert_false (fl_output_item_parse_source_line ("  File \"<string>\", line 12, in <module>", NULL, NULL));
}

static void
test_program_window (void)
{
  FlApplication *app = fl_application_new ();
  const char *argv[] = { "forkline", NULL };
  Case c = { 0 };
  int status;

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  c.deadline = g_get_monotonic_time () + TIMEOUT_S * G_TIME_SPAN_SECOND;
  g_timeout_add (50, start_cb, &c);
  status = g_application_run (G_APPLICATION (app), 1, (char **) argv);

  g_assert_false (c.timed_out);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (c.done);
  g_assert_finalize_object (c.window);
  g_assert_finalize_object (app);

  /* The program still running when the window closed: ended and reaped. */
  g_assert_true (wait_until (process_gone, GINT_TO_POINTER (c.pids[0])));
  g_assert_true (wait_until (process_gone, GINT_TO_POINTER (c.pids[1])));
  g_assert_cmpint (g_rmdir (c.dir), ==, 0);
  g_free (c.dir);
}

static void
test_teacher (void)
{
  FlApplication *app = fl_application_new ();
  const char *argv[] = { "forkline", NULL };
  Case c = { 0 };
  int status;

  c.teacher = TRUE;
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  c.deadline = g_get_monotonic_time () + TIMEOUT_S * G_TIME_SPAN_SECOND;
  g_timeout_add (50, start_cb, &c);
  status = g_application_run (G_APPLICATION (app), 1, (char **) argv);

  g_assert_false (c.timed_out);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (c.done);
  g_assert_finalize_object (c.window);
  g_assert_finalize_object (app);
}

int
main (int   argc,
      char *argv[])
{
  /* The user's programs folder, under a folder of the test's own (read
   * once by GLib: set before anything asks). */
  g_autofree char *data_home = g_dir_make_tmp ("forkline-program-window-data-XXXXXX", NULL);
  int status;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/program-window/parse-source-line", test_parse_source_line);
  g_test_add_func ("/ui/program-window/open-edit-run-stop-save", test_program_window);
  g_test_add_func ("/ui/program-window/gallery-controls-run-stop-compare-export", test_teacher);

  status = g_test_run ();
  {
    g_autofree char *python = g_build_filename (data_home, "forkline", "python", NULL);
    g_autofree char *forkline = g_build_filename (data_home, "forkline", NULL);

    g_rmdir (python);
    g_rmdir (forkline);
    g_rmdir (data_home);
  }
  return status;
}
