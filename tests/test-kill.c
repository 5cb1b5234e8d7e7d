/* test-kill.c — nothing of a run outlives its observer, even killed
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>

typedef struct
{
  int pid;
  int ppid;
  int pgrp;
  char state;
} ProcInfo;

static gboolean
read_proc (int       pid,
           ProcInfo *info)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *contents = NULL;
  const char *close_paren;

  if (!g_file_get_contents (path, &contents, NULL, NULL) ||
      !(close_paren = strrchr (contents, ')')))
    return FALSE;
  info->pid = pid;
  return sscanf (close_paren + 2, "%c %d %d", &info->state, &info->ppid, &info->pgrp) == 3;
}

static GArray *
list_processes (void)
{
  GArray *list = g_array_new (FALSE, FALSE, sizeof (ProcInfo));
  DIR *dir = opendir ("/proc");
  struct dirent *de;

  while ((de = readdir (dir)))
    {
      ProcInfo info;

      if (g_ascii_isdigit (de->d_name[0]) && read_proc (atoi (de->d_name), &info))
        g_array_append_val (list, info);
    }
  closedir (dir);
  return list;
}

/* The run's main process: the child of @observer in a group of its own. */
static int
find_main (int observer)
{
  g_autoptr(GArray) list = list_processes ();
  guint i;

  for (i = 0; i < list->len; i++)
    {
      ProcInfo *p = &g_array_index (list, ProcInfo, i);
      if (p->ppid == observer && p->pgrp == p->pid)
        return p->pid;
    }
  return 0;
}

static guint
count_alive_in_group (int pgrp)
{
  g_autoptr(GArray) list = list_processes ();
  guint i, n = 0;

  for (i = 0; i < list->len; i++)
    {
      ProcInfo *p = &g_array_index (list, ProcInfo, i);
      /* zombies are dead: they only wait for init to reap them */
      if (p->pgrp == pgrp && p->state != 'Z')
        n++;
    }
  return n;
}

static GPid
start_observer (const char *mode)
{
  const char *argv[] = { g_getenv ("FORKLINE_BIN"), "--run", "cpu-bound", "--mode", mode,
                         "--workers", "4", "--param", "work=20000", "--summary=json", NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static int
wait_for_main (GPid observer,
               guint min_members)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  int main_pid = 0;

  /* Until the main process and its workers exist. */
  while (g_get_monotonic_time () < deadline)
    {
      if ((main_pid = find_main (observer)) && count_alive_in_group (main_pid) >= min_members)
        return main_pid;
      g_usleep (10 * 1000);
    }
  g_assert_not_reached ();
  return 0;
}

static void
assert_group_gone_within (int    pgrp,
                          gint64 usec)
{
  gint64 deadline = g_get_monotonic_time () + usec;

  while (count_alive_in_group (pgrp) > 0 && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  g_assert_cmpuint (count_alive_in_group (pgrp), ==, 0);
}

static void
test_kill_observer (gconstpointer data)
{
  const char *mode = data;
  GPid observer = start_observer (mode);
  int main_pid;
  int status;

  /* threads mode: one process; process modes: the main and 4 workers */
  main_pid = wait_for_main (observer, g_str_equal (mode, "threads") ? 1 : 5);
  g_usleep (100 * 1000);

  kill (observer, SIGKILL);
  waitpid (observer, &status, 0);
  g_assert_true (WIFSIGNALED (status));

  /* The kernel's parent-death signals take the whole run down. */
  assert_group_gone_within (main_pid, G_TIME_SPAN_SECOND);
}

static void
test_kill_main (gconstpointer data)
{
  const char *mode = data;
  const char *argv[] = { g_getenv ("FORKLINE_BIN"), "--run", "cpu-bound", "--mode", mode,
                         "--workers", "3", "--param", "work=20000", "--summary=json", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GSubprocess) sub = NULL;
  int main_pid;

  sub = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  main_pid = wait_for_main (atoi (g_subprocess_get_identifier (sub)), g_str_equal (mode, "threads") ? 1 : 4);
  g_usleep (100 * 1000);
  kill (main_pid, SIGKILL);

  g_subprocess_communicate_utf8 (sub, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  /* The observer noticed, reported it, and nothing is left. */
  g_assert_nonnull (strstr (out, "\"signal:SIGKILL\""));
  assert_group_gone_within (main_pid, G_TIME_SPAN_SECOND);
}

static int
find_child (int parent)
{
  g_autoptr(GArray) list = list_processes ();
  guint i;

  for (i = 0; i < list->len; i++)
    if (g_array_index (list, ProcInfo, i).ppid == parent)
      return g_array_index (list, ProcInfo, i).pid;
  return 0;
}

static void
test_kill_worker (gconstpointer data)
{
  const char *mode = data;
  const char *argv[] = { g_getenv ("FORKLINE_BIN"), "--run", "cpu-bound", "--mode", mode,
                         "--workers", "2", "--param", "work=1500", "--summary=json", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GSubprocess) sub = NULL;
  int main_pid, worker;

  sub = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  main_pid = wait_for_main (atoi (g_subprocess_get_identifier (sub)), 3);
  worker = find_child (main_pid);
  g_assert_cmpint (worker, >, 0);
  kill (worker, SIGKILL);

  g_subprocess_communicate_utf8 (sub, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  /* Recorded as killed by the signal; the other worker and the main
   * process finish normally. */
  g_assert_nonnull (strstr (out, "\"exit\" : \"signal:SIGKILL\""));
  g_assert_nonnull (strstr (out, "\"exit\" : \"ok\""));
  assert_group_gone_within (main_pid, G_TIME_SPAN_SECOND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/cli/kill/observer/threads", "threads", test_kill_observer);
  g_test_add_data_func ("/cli/kill/observer/fork", "fork", test_kill_observer);
  g_test_add_data_func ("/cli/kill/observer/spawn", "spawn", test_kill_observer);
  g_test_add_data_func ("/cli/kill/main/threads", "threads", test_kill_main);
  g_test_add_data_func ("/cli/kill/main/fork", "fork", test_kill_main);
  g_test_add_data_func ("/cli/kill/main/spawn", "spawn", test_kill_main);
  g_test_add_data_func ("/cli/kill/worker/fork", "fork", test_kill_worker);
  g_test_add_data_func ("/cli/kill/worker/spawn", "spawn", test_kill_worker);

  return g_test_run ();
}
