/* test-files.c — the user's files: read only when regular, never replace
 * anything but a regular file, every bad output name found before a run
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fl-files.c directly, then the built `forkline` ($FORKLINE_BIN) as a
 * user runs it.  Permission cases run as an unprivileged user (65534) in
 * a forked child, since the tests run as root in CI.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "fl-catalog.h"
#include "fl-files.h"
#include "fl-run-file.h"
#include "fl-test-util.h"

#define NOBODY 65534

static const char *forkline_bin;

static mode_t
file_type (const char *path)
{
  struct stat st;

  g_assert_cmpint (lstat (path, &st), ==, 0);
  return st.st_mode & S_IFMT;
}

/* A listening-less Unix socket bound at @path. */
static int
make_socket (const char *path)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpuint (strlen (path), <, sizeof addr.sun_path);
  strcpy (addr.sun_path, path);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  return fd;
}

/* Runs @func(@data) in a forked child as user and group 65534; returns
 * what it returned as its exit status. */
static int
as_nobody (int      (*func) (gpointer),
           gpointer data)
{
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (setgroups (0, NULL) != 0 || setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
        _exit (99);
      _exit (func (data));
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* Runs forkline with @args; returns its exit status, stderr in @err. */
static int
run_forkline (const char * const *args,
              char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) forkline_bin);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, err, &wait_status, &error);
  g_assert_no_error (error);
  if (g_test_verbose ())
    g_printerr ("forkline: %d\n%s", wait_status, err ? *err : "");
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

#define ARGS(...) ((const char * const[]) { __VA_ARGS__, NULL })

/* ---- reading --------------------------------------------------------------- */

/* A FIFO, a device, a socket and a folder are refused at once (a FIFO
 * with no writer would block a plain open), saying what they are. */
static void
test_read_not_regular (void)
{
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-files-XXXXXX");
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autofree char *sock = g_build_filename (dir, "sock", NULL);
  struct { const char *path; const char *says; int code; } cases[] = {
    { fifo, "FIFO", G_IO_ERROR_NOT_REGULAR_FILE },
    { "/dev/zero", "character device", G_IO_ERROR_NOT_REGULAR_FILE },
    { sock, "socket", G_IO_ERROR_NOT_REGULAR_FILE },
    { dir, "folder", G_IO_ERROR_IS_DIRECTORY },
  };
  int sock_fd;

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  sock_fd = make_socket (sock);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize length = 0;

      if (cases[i].path == sock)
        {
          /* A socket cannot be opened at all: the message says why. */
          g_assert_false (fl_file_read (sock, FL_SCENARIO_MAX_BYTES, &data, &length, &error));
          g_assert_nonnull (error);
          continue;
        }
      g_assert_false (fl_file_read (cases[i].path, FL_SCENARIO_MAX_BYTES, &data, &length, &error));
      g_assert_error (error, G_IO_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_assert_null (data);
    }

  close (sock_fd);
  fl_test_remove_tree (dir);
}

/* Larger than the limit: refused before a byte is read; at the limit: read. */
static void
test_read_size_limit (void)
{
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-files-XXXXXX");
  g_autofree char *big = g_build_filename (dir, "big.scenario", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  int fd;

  fd = open (big, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) FL_SCENARIO_MAX_BYTES + 1), ==, 0);

  g_assert_false (fl_file_read (big, FL_SCENARIO_MAX_BYTES, &data, &length, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "big.scenario"));
  g_assert_nonnull (strstr (error->message, "at most"));
  g_clear_error (&error);

  g_assert_cmpint (ftruncate (fd, (off_t) FL_SCENARIO_MAX_BYTES), ==, 0);
  close (fd);
  g_assert_true (fl_file_read (big, FL_SCENARIO_MAX_BYTES, &data, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, FL_SCENARIO_MAX_BYTES);
  g_assert_cmpint (data[length], ==, '\0');

  fl_test_remove_tree (dir);
}

/* /proc files say their size is 0: they are read to their end. */
static void
test_read_proc (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (fl_file_read ("/proc/self/status", FL_SCENARIO_MAX_BYTES, &data, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);
  g_assert_nonnull (strstr (data, "Name:"));
}

/* The command line's readers: --check-scenario and --open refuse a
 * device and a FIFO at once (exit 2, a clear message), and --open says
 * what is wrong with /proc/self/status rather than calling it empty. */
static void
test_cli_read (void)
{
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-files-XXXXXX");
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);

  {
    g_autofree char *err = NULL;
    g_assert_cmpint (run_forkline (ARGS ("--check-scenario", "/dev/zero"), &err), ==, 2);
    g_assert_nonnull (strstr (err, "/dev/zero"));
    g_assert_nonnull (strstr (err, "not a regular file"));
  }
  {
    g_autofree char *err = NULL;
    g_assert_cmpint (run_forkline (ARGS ("--check-scenario", fifo), &err), ==, 2);
    g_assert_nonnull (strstr (err, "FIFO"));
  }
  {
    g_autofree char *err = NULL;
    g_assert_cmpint (run_forkline (ARGS ("--open", fifo, "--summary"), &err), ==, 2);
    g_assert_nonnull (strstr (err, "FIFO"));
  }
  {
    g_autofree char *err = NULL;
    g_assert_cmpint (run_forkline (ARGS ("--open", "/dev/zero", "--summary"), &err), ==, 2);
    g_assert_nonnull (strstr (err, "character device"));
    g_assert_true (g_utf8_validate (err, -1, NULL));
  }
  {
    g_autofree char *err = NULL;
    g_assert_cmpint (run_forkline (ARGS ("--check-scenario", "/proc/self/status"), &err), ==, 2);
    g_assert_null (strstr (err, "empty"));
    g_assert_nonnull (strstr (err, "/proc/self/status:1:"));
  }
  {
    g_autofree char *err = NULL;
    g_assert_cmpint (run_forkline (ARGS ("--open", "/proc/self/status", "--summary"), &err), ==, 2);
    g_assert_null (strstr (err, "empty"));
    g_assert_nonnull (strstr (err, "not a saved Forkline run"));
  }

  fl_test_remove_tree (dir);
}

/* A scenario folder with a FIFO named *.scenario and an oversized file:
 * --list-scenarios does not block, reports both and lists the presets. */
static void
test_catalog_not_regular (void)
{
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-files-XXXXXX");
  g_autofree char *fifo = g_build_filename (dir, "fifo.scenario", NULL);
  g_autofree char *big = g_build_filename (dir, "big.scenario", NULL);
  g_autoptr(FlCatalog) catalog = fl_catalog_new ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) fifo_file = g_file_new_for_path (fifo);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlScenario) scenario = NULL;
  GPtrArray *errors;
  gboolean big_reported = FALSE;
  int fd;

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  fd = open (big, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) FL_SCENARIO_MAX_BYTES * 2), ==, 0);
  close (fd);

  /* Read directly, the FIFO is refused at once. */
  scenario = fl_scenario_new_from_file (fifo_file, &error);
  g_assert_null (scenario);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);

  fl_catalog_load (catalog);
  fl_catalog_load_directory (catalog, folder);
  errors = fl_catalog_get_errors (catalog);
  for (guint i = 0; i < errors->len; i++)
    {
      const GError *e = g_ptr_array_index (errors, i);

      if (strstr (e->message, "big.scenario") && strstr (e->message, "at most"))
        big_reported = TRUE;
    }
  g_assert_true (big_reported);
  g_assert_nonnull (fl_catalog_lookup (catalog, "numbers-letters"));

  fl_test_remove_tree (dir);
}

/* ---- writing --------------------------------------------------------------- */

/* A device, a FIFO, a socket, a link to a device: refused, left as they
 * were, no file left behind. */
static void
test_write_never_replaces_special (void)
{
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-files-XXXXXX");
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autofree char *sock = g_build_filename (dir, "sock", NULL);
  g_autofree char *dev = g_build_filename (dir, "null", NULL);
  g_autofree char *link_dev = g_build_filename (dir, "null-link.png", NULL);
  g_autofree char *link_fifo = g_build_filename (dir, "fifo-link", NULL);
  const char *paths[] = { fifo, sock, dev, link_dev, link_fifo };
  gboolean have_dev;
  guint entries;
  int sock_fd;

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  sock_fd = make_socket (sock);
  /* A copy of /dev/null, so that a failure would replace nothing real. */
  have_dev = mknod (dev, S_IFCHR | 0666, makedev (1, 3)) == 0;
  if (!have_dev)
    g_test_message ("mknod: %s; the device case uses a link to /dev/null", g_strerror (errno));
  g_assert_cmpint (symlink (have_dev ? dev : "/dev/null", link_dev), ==, 0);
  g_assert_cmpint (symlink (fifo, link_fifo), ==, 0);
  entries = fl_test_count_dir_entries (dir);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      mode_t before;

      if (paths[i] == dev && !have_dev)
        continue;
      before = file_type (paths[i]);
      g_assert_false (fl_file_check_writable (paths[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      g_clear_error (&error);
      g_assert_false (fl_file_write (paths[i], "x", 1, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      g_assert_cmpint (file_type (paths[i]), ==, before);
    }
  g_assert_cmpuint (fl_test_count_dir_entries (dir), ==, entries);
  if (have_dev)
    g_assert_true (S_ISCHR (file_type (dev)));

  close (sock_fd);
  fl_test_remove_tree (dir);
}

/* The policy for links: written through.  The link stays, its target
 * gets the new contents; a dangling link is refused. */
static void
test_write_symlink (void)
{
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-files-XXXXXX");
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *target = g_build_filename (sub, "target.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (symlink ("sub/target.json", link), ==, 0);
  g_assert_cmpint (symlink ("sub/nothing.json", dangling), ==, 0);

  g_assert_true (fl_file_write (link, "new", 3, &error));
  g_assert_no_error (error);
  g_assert_true (S_ISLNK (file_type (link)));
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "new");
  /* The temporary file went to the target's folder and is gone. */
  g_assert_cmpuint (fl_test_count_dir_entries (sub), ==, 1);

  g_assert_false (fl_file_write (dangling, "x", 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_true (S_ISLNK (file_type (dangling)));
  g_assert_cmpuint (fl_test_count_dir_entries (sub), ==, 1);

  fl_test_remove_tree (dir);
}

/* Names of 248 to 255 bytes are written (the temporary name is short);
 * 256 bytes is refused by the check, before anything is written. */
static void
test_write_long_names (void)
{
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-files-XXXXXX");

  for (guint len = 248; len <= 256; len++)
    {
      g_autofree char *name = g_strnfill (len - 5, 'n');
      g_autofree char *base = g_strconcat (name, ".json", NULL);
      g_autofree char *path = g_build_filename (dir, base, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (strlen (base), ==, len);
      if (len <= 255)
        {
          g_assert_true (fl_file_check_writable (path, &error));
          g_assert_no_error (error);
          g_assert_true (fl_file_write (path, "{}", 2, &error));
          g_assert_no_error (error);
          g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
        }
      else
        {
          g_assert_false (fl_file_check_writable (path, &error));
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG);
        }
    }
  g_assert_cmpuint (fl_test_count_dir_entries (dir), ==, 8);
  fl_test_remove_tree (dir);
}

typedef struct
{
  const char *path;
} CheckData;

static int
check_writable_child (gpointer data)
{
  CheckData *d = data;
  g_autoptr(GError) error = NULL;

  if (fl_file_check_writable (d->path, &error))
    return 0;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) &&
      strstr (error->message, "belongs to another user") != NULL)
    return 3;
  return 1;
}

/* In a sticky folder, a file another user owns cannot be replaced (the
 * rename would fail after the run): as user 65534 the check says so,
 * even though the file itself is writable; a new name there is fine. */
static void
test_write_sticky_other_owner (void)
{
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-files-XXXXXX");
  g_autofree char *sticky = g_build_filename (dir, "sticky", NULL);
  g_autofree char *theirs = g_build_filename (sticky, "theirs.json", NULL);
  g_autofree char *fresh = g_build_filename (sticky, "fresh.json", NULL);
  CheckData d;

  if (geteuid () != 0)
    {
      g_test_skip ("needs root to make a file another user owns");
      fl_test_remove_tree (dir);
      return;
    }
  g_assert_cmpint (chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (sticky, 0755), ==, 0);
  g_assert_cmpint (chmod (sticky, 01777), ==, 0);
  g_assert_true (g_file_set_contents (theirs, "{}", -1, NULL));
  g_assert_cmpint (chmod (theirs, 0666), ==, 0);

  d.path = theirs;
  g_assert_cmpint (as_nobody (check_writable_child, &d), ==, 3);
  d.path = fresh;
  g_assert_cmpint (as_nobody (check_writable_child, &d), ==, 0);
  /* Root may replace it: the check does not refuse what would work. */
  g_assert_true (fl_file_check_writable (theirs, NULL));

  fl_test_remove_tree (dir);
}

static void
test_check_distinct (void)
{
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-files-XXXXXX");
  g_autofree char *a = g_build_filename (dir, "a.png", NULL);
  g_autofree char *b = g_build_filename (dir, "b.png", NULL);
  g_autofree char *dot_a = g_build_filename (dir, ".", "a.png", NULL);
  g_autofree char *link = g_build_filename (dir, "link.png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (fl_file_check_distinct (a, b, &error));
  g_assert_false (fl_file_check_distinct (a, dot_a, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (a, "x", -1, NULL));
  g_assert_cmpint (symlink ("a.png", link), ==, 0);
  g_assert_false (fl_file_check_distinct (link, a, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);

  fl_test_remove_tree (dir);
}

/* The command line finds every bad output before the run: exit 2, no
 * output line printed (nothing ran), the path left as it was. */
static void
test_cli_bad_outputs (void)
{
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-files-XXXXXX");
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autofree char *link_null = g_build_filename (dir, "null.png", NULL);
  g_autofree char *same = g_build_filename (dir, "same.png", NULL);
  g_autofree char *long_name = g_strnfill (256, 'x');
  g_autofree char *too_long = g_build_filename (dir, long_name, NULL);
  /* A new name in /proc/self/fd: root passes access(), but no file can
   * be made there. */
  const char *traces[] = { fifo, link_null, "/proc/self/fd/1", "/proc/self/fd/2", too_long,
                           "/proc/self/fd/new.json" };

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_cmpint (symlink ("/dev/null", link_null), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (traces); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run_forkline (ARGS ("--run", "numbers-letters", "--trace", traces[i]), &err), ==, 2);
      g_assert_nonnull (strstr (err, "Cannot write"));
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *err = NULL;
      const char *path = i == 0 ? link_null : fifo;

      g_assert_cmpint (run_forkline (ARGS ("--run", "numbers-letters", "--export",
                                           i == 0 ? path : same, "--trace", i == 0 ? same : path),
                                     &err), ==, 2);
      g_assert_nonnull (strstr (err, "Cannot write"));
    }
  {
    g_autofree char *err = NULL;

    /* The same file for both: the picture would replace the trace. */
    g_assert_cmpint (run_forkline (ARGS ("--run", "numbers-letters", "--trace", same,
                                         "--export", same), &err), ==, 2);
    g_assert_nonnull (strstr (err, "same file"));
  }
  g_assert_true (S_ISFIFO (file_type (fifo)));
  g_assert_true (S_ISLNK (file_type (link_null)));
  g_assert_true (S_ISCHR (file_type ("/dev/null")));
  g_assert_cmpuint (fl_test_count_dir_entries (dir), ==, 2);

  fl_test_remove_tree (dir);
}

static int
run_cli_child (gpointer data)
{
  CheckData *d = data;
  const char *argv[] = { forkline_bin, "--run", "numbers-letters", "--trace", d->path, NULL };
  int null_fd = open ("/dev/null", O_WRONLY | O_CLOEXEC);

  if (null_fd >= 0)
    {
      dup2 (null_fd, STDOUT_FILENO);
      dup2 (null_fd, STDERR_FILENO);
    }
  execv (forkline_bin, (char **) argv);
  return 98;
}

/* As user 65534: a trace over a file someone else owns in a sticky
 * folder is refused before the run (it used to fail after it). */
static void
test_cli_sticky_other_owner (void)
{
  g_autofree char *dir = fl_test_make_tmp_dir ("forkline-files-XXXXXX");
  g_autofree char *sticky = g_build_filename (dir, "sticky", NULL);
  g_autofree char *theirs = g_build_filename (sticky, "theirs.json", NULL);
  g_autofree char *contents = NULL;
  CheckData d = { theirs };

  if (geteuid () != 0)
    {
      g_test_skip ("needs root to make a file another user owns");
      fl_test_remove_tree (dir);
      return;
    }
  g_assert_cmpint (chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (sticky, 0755), ==, 0);
  g_assert_cmpint (chmod (sticky, 01777), ==, 0);
  g_assert_true (g_file_set_contents (theirs, "theirs", -1, NULL));
  g_assert_cmpint (chmod (theirs, 0666), ==, 0);

  g_assert_cmpint (as_nobody (run_cli_child, &d), ==, 2);
  g_assert_true (g_file_get_contents (theirs, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "theirs");
  g_assert_cmpuint (fl_test_count_dir_entries (sticky), ==, 1);

  fl_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  forkline_bin = g_getenv ("FORKLINE_BIN");

  g_test_add_func ("/files/read/not-regular", test_read_not_regular);
  g_test_add_func ("/files/read/size-limit", test_read_size_limit);
  g_test_add_func ("/files/read/proc", test_read_proc);
  g_test_add_func ("/files/read/catalog", test_catalog_not_regular);
  g_test_add_func ("/files/write/never-replaces-special", test_write_never_replaces_special);
  g_test_add_func ("/files/write/symlink", test_write_symlink);
  g_test_add_func ("/files/write/long-names", test_write_long_names);
  g_test_add_func ("/files/write/sticky-other-owner", test_write_sticky_other_owner);
  g_test_add_func ("/files/write/distinct", test_check_distinct);
  if (forkline_bin != NULL && g_file_test (forkline_bin, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_add_func ("/files/cli/read", test_cli_read);
      g_test_add_func ("/files/cli/bad-outputs", test_cli_bad_outputs);
      g_test_add_func ("/files/cli/sticky-other-owner", test_cli_sticky_other_owner);
    }

  return g_test_run ();
}
