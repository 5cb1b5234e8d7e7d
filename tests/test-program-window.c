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
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fl-application.h"
#include "fl-output-item.h"
#include "fl-program.h"
#include "fl-program-editor.h"
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
process_gone (int pid)
{
  return kill (pid, 0) < 0 && errno == ESRCH;
}

static void
drive (FlWindow *window)
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

  /* Save writes the file, safely, and the marker goes. */
  g_assert_true (fl_program_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_false (fl_program_editor_get_modified (editor));
  g_assert_false (g_str_has_prefix (adw_window_title_get_title (window->window_title), "•"));
  g_assert_true (g_file_get_contents (copy, &disk, NULL, NULL));
  g_assert_nonnull (strstr (disk, "Edited letter:"));
  g_clear_pointer (&disk, g_free);

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
    g_autofree char *forever = g_build_filename (dir, "forever.py", NULL);
    g_autofree char *main_pid_file = g_build_filename (dir, "main.pid", NULL);
    g_autofree char *child_pid_file = g_build_filename (dir, "child.pid", NULL);
    g_autofree char *text = NULL;
    int main_pid, child_pid;

    g_assert_true (g_file_set_contents (forever,
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
                                        "        time.sleep(0.05)\n", -1, NULL));
    g_assert_true (fl_window_open_program_now (window, forever, FALSE, &error));
    g_assert_no_error (error);
    g_assert_true (fl_window_run (window));
    /* __file__ is the program's own path: its pid files land beside it. */
    g_assert_true (wait_until (file_exists, main_pid_file));
    g_assert_true (wait_until (file_exists, child_pid_file));
    g_assert_true (fl_window_is_running (window));
    g_assert_true (g_file_get_contents (main_pid_file, &text, NULL, NULL));
    main_pid = atoi (text);
    g_clear_pointer (&text, g_free);
    g_assert_true (g_file_get_contents (child_pid_file, &text, NULL, NULL));
    child_pid = atoi (text);
    g_assert_cmpint (main_pid, >, 1);
    g_assert_cmpint (child_pid, >, 1);

    fl_window_stop (window);
    g_assert_true (wait_until (run_finished, window));
    g_assert_true (fl_run_was_stopped (fl_window_get_run (window)));
    /* Reaped, not only killed: a zombie would still answer kill (pid, 0). */
    g_assert_true (process_gone (main_pid));
    g_assert_true (process_gone (child_pid));
    g_unlink (main_pid_file);
    g_unlink (child_pid_file);
    g_unlink (forever);
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
  }

  g_unlink (copy);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

typedef struct
{
  gboolean done;
  gboolean timed_out;
  FlWindow *window;
  gint64 deadline;
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
  drive (c->window);
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
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/program-window/parse-source-line", test_parse_source_line);
  g_test_add_func ("/ui/program-window/open-edit-run-stop-save", test_program_window);

  return g_test_run ();
}
