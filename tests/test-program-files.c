/* test-program-files.c — Python interpreters found and checked, the user's programs
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fl_program_check_interpreter() on a path that does not exist, a
 * folder, a file that cannot be run, a program that is no Python, one
 * that says it is Python 2, a root-only one checked by an unprivileged
 * user (65534), and the real python3; the search
 * (fl_program_list_interpreters()) on a PATH of links to one interpreter;
 * the user's programs folder with titled, untitled, hidden and non-Python
 * files.  Nothing here needs a display.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fl-program.h"

static char *tmp_dir;

static void
write_file (const char *path,
            const char *text,
            int         mode)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

static void
assert_refused (const char *path,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlInterpreter) interpreter = fl_program_check_interpreter (path, &error);

  g_assert_null (interpreter);
  g_assert_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_INTERPRETER);
  g_test_message ("%s: %s", path, error->message);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_check (void)
{
  g_autofree char *missing = g_build_filename (tmp_dir, "no-such-python", NULL);
  g_autofree char *plain = g_build_filename (tmp_dir, "plain.txt", NULL);
  g_autofree char *python2 = g_build_filename (tmp_dir, "python2-fake", NULL);
  g_autofree char *python3 = g_find_program_in_path ("python3");
  g_autofree char *true_path = g_find_program_in_path ("true");

  assert_refused (missing, "does not exist");
  assert_refused ("no-such-python-anywhere", "not on PATH");
  assert_refused ("", "No interpreter named");
  assert_refused (tmp_dir, "is a folder");
  write_file (plain, "print('hi')\n", 0644);
  assert_refused (plain, "not executable");
  /* A program that runs but is no Python. */
  g_assert_nonnull (true_path);
  assert_refused (true_path, "is not a Python interpreter");
  /* One that answers as a Python 2 would. */
  write_file (python2, "#!/bin/sh\necho 'forkline-python 2.7.18 cpython /usr/bin/python2.7'\n", 0755);
  assert_refused (python2, "needs Python 3");

  if (python3 == NULL)
    {
      g_test_skip ("no python3 found");
      return;
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FlInterpreter) by_path = fl_program_check_interpreter (python3, &error);
    g_autoptr(FlInterpreter) by_name = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (by_path->path, ==, python3);
    g_assert_true (g_str_has_prefix (by_path->version, "3."));
    by_name = fl_program_check_interpreter ("python3", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (by_name->path, ==, python3);
    g_assert_cmpstr (by_name->version, ==, by_path->version);
  }
}

/* The interpreter itself, not a wrapper (pyenv's shims need PATH). */
static char *
real_python3 (void)
{
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_command_line_sync ("python3 -c 'import sys; print(sys.executable)'",
                                  &out, NULL, &status, NULL) || status != 0)
    return NULL;
  return g_strdup (g_strstrip (out));
}

/* As an unprivileged user, a root-only interpreter is refused as not
 * executable (root may run it: the check is the user's). */
static void
test_check_unprivileged (void)
{
  g_autofree char *private_python = g_build_filename (tmp_dir, "root-only-python", NULL);
  pid_t pid;
  int status = 0;

  if (getuid () != 0)
    {
      g_test_skip ("needs root to drop privileges");
      return;
    }
  write_file (private_python, "#!/bin/sh\necho 'forkline-python 3.11.0 cpython /bin/sh'\n", 0700);
  g_assert_cmpint (g_chmod (tmp_dir, 0755), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      FlInterpreter *interpreter;

      if (setgid (65534) != 0 || setuid (65534) != 0)
        _exit (3);
      interpreter = fl_program_check_interpreter (private_python, &error);
      if (interpreter != NULL || error == NULL || strstr (error->message, "not executable") == NULL)
        _exit (1);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  /* Root may run it. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FlInterpreter) interpreter = fl_program_check_interpreter (private_python, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (interpreter->version, ==, "3.11.0");
  }
  g_assert_cmpint (g_chmod (tmp_dir, 0700), ==, 0);
}

static void
test_list (void)
{
  g_autofree char *python3 = real_python3 ();
  g_autofree char *bin = g_build_filename (tmp_dir, "bin", NULL);
  g_autofree char *link3 = g_build_filename (bin, "python3", NULL);
  g_autofree char *link311 = g_build_filename (bin, "python3.99", NULL);
  g_autofree char *fake = g_build_filename (bin, "python", NULL);
  g_autofree char *other = g_build_filename (bin, "python-config", NULL);
  g_autofree char *true_path = g_find_program_in_path ("true");
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) real = g_hash_table_new_full (g_str_hash, g_str_equal, free, NULL);
  gboolean saw_link = FALSE;
  guint i;

  if (python3 == NULL)
    {
      g_test_skip ("no python3 found");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (bin, 0755), ==, 0);
  g_assert_cmpint (symlink (python3, link3), ==, 0);
  g_assert_cmpint (symlink (python3, link311), ==, 0);
  g_assert_cmpint (symlink (true_path, fake), ==, 0);
  g_assert_cmpint (symlink (python3, other), ==, 0);

  g_setenv ("PATH", bin, TRUE);
  found = fl_program_list_interpreters ();
  g_setenv ("PATH", old_path, TRUE);

  g_assert_cmpuint (found->len, >=, 1);
  for (i = 0; i < found->len; i++)
    {
      FlInterpreter *interpreter = g_ptr_array_index (found, i);
      char *resolved = realpath (interpreter->path, NULL);

      g_test_message ("found %s %s", interpreter->path, interpreter->version);
      g_assert_nonnull (resolved);
      /* One entry per interpreter, however many names lead to it. */
      g_assert_false (g_hash_table_contains (real, resolved));
      g_hash_table_add (real, resolved);
      g_assert_true (g_str_has_prefix (interpreter->version, "3."));
      g_assert_cmpstr (interpreter->path, !=, fake);
      g_assert_cmpstr (interpreter->path, !=, other);
      g_assert_cmpstr (interpreter->path, !=, link311);
      if (g_str_equal (interpreter->path, link3))
        saw_link = TRUE;
    }
  /* PATH comes first, and python3 before python3.N. */
  g_assert_true (saw_link);
  g_assert_cmpstr (((FlInterpreter *) g_ptr_array_index (found, 0))->path, ==, link3);
}

static void
test_user_programs (void)
{
  g_autofree char *dir = fl_program_user_dir ();
  g_autofree char *expected_dir = g_build_filename (tmp_dir, "data", "forkline", "python", NULL);
  g_autofree char *titled = NULL;
  g_autofree char *untitled = NULL;
  g_autoptr(GPtrArray) programs = NULL;
  FlProgramExample *p;
  static const char binary[] = "\xff\xfe\x00\x01 not text";

  g_assert_cmpstr (dir, ==, expected_dir);
  programs = fl_program_list_user_programs ();
  g_assert_cmpuint (programs->len, ==, 0);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  titled = g_build_filename (dir, "zz_counter.py", NULL);
  untitled = g_build_filename (dir, "my program.py", NULL);
  write_file (titled, "#!/usr/bin/env python3\n# forkline-title: A counter\n"
                      "# forkline-description: Counts.\nprint(1)\n", 0644);
  write_file (untitled, "print(2)\n", 0644);
  {
    g_autofree char *hidden = g_build_filename (dir, ".hidden.py", NULL);
    g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
    g_autofree char *bin = g_build_filename (dir, "blob.py", NULL);
    g_autofree char *sub = g_build_filename (dir, "folder.py", NULL);
    g_autoptr(GError) error = NULL;

    write_file (hidden, "print(3)\n", 0644);
    write_file (text, "not a program\n", 0644);
    g_file_set_contents (bin, binary, sizeof binary - 1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  }

  g_clear_pointer (&programs, g_ptr_array_unref);
  programs = fl_program_list_user_programs ();
  /* Sorted by title: "A counter", "blob.py", "my program.py". */
  g_assert_cmpuint (programs->len, ==, 3);
  p = g_ptr_array_index (programs, 0);
  g_assert_cmpstr (p->title, ==, "A counter");
  g_assert_cmpstr (p->description, ==, "Counts.");
  g_assert_cmpstr (p->path, ==, titled);
  g_assert_null (p->id);
  p = g_ptr_array_index (programs, 1);
  g_assert_cmpstr (p->title, ==, "blob.py");
  g_assert_null (p->description);
  p = g_ptr_array_index (programs, 2);
  g_assert_cmpstr (p->title, ==, "my program.py");
  g_assert_cmpstr (p->path, ==, untitled);
  g_assert_null (p->description);
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir)
    while ((name = g_dir_read_name (dir)))
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  return g_rmdir (path) == 0;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("forkline-program-files-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  /* Before anything asks GLib for it. */
  data = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);

  g_test_add_func ("/program-files/check-interpreter", test_check);
  g_test_add_func ("/program-files/check-unprivileged", test_check_unprivileged);
  g_test_add_func ("/program-files/list-interpreters", test_list);
  g_test_add_func ("/program-files/user-programs", test_user_programs);
  ret = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
