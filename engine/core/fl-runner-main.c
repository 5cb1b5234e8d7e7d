/* fl-runner-main.c — forkline-runner, the program a run observes
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   forkline-runner --main --fd 3 --parent OBSERVER_PID
 *   forkline-runner --worker K --fd 3 --parent MAIN_PID
 *
 * The observer starts it as the run's main process; in spawn mode the
 * main process starts it again for each worker.  It is deliberately
 * small so that fork() is cheap.
 */

#define G_LOG_DOMAIN "forkline-runner"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "fl-interp.h"
#include "fl-trace.h"

static G_GNUC_NORETURN void
usage (const char *message)
{
  fprintf (stderr, "forkline-runner: %s\n"
           "This program is started by forkline; it is not meant to be run by hand.\n",
           message);
  exit (2);
}

int
main (int   argc,
      char *argv[])
{
  guint64 first_ts = fl_trace_now ();  /* the worker's first instruction */
  g_autoptr(GError) error = NULL;
  g_autofree char *self_path = NULL;
  gboolean is_main = FALSE;
  long worker = 0, fd = -1, parent = 0;
  FlTrace *trace;
  FlPlan *plan;
  const char *plan_text;
  gsize plan_length;
  int i, code;

  for (i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--main"))
        is_main = TRUE;
      else if (g_str_equal (argv[i], "--worker") && i + 1 < argc)
        worker = strtol (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--fd") && i + 1 < argc)
        fd = strtol (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--parent") && i + 1 < argc)
        parent = strtol (argv[++i], NULL, 10);
      else
        usage ("unknown argument");
    }
  if ((is_main == (worker > 0)) || fd < 0 || parent <= 0)
    usage ("missing --main or --worker, --fd or --parent");

  /* Never outlive whoever started us, even if it is killed: the kernel
   * sends SIGKILL when it goes.  If it went before we got here, go now. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () != (pid_t) parent)
    _exit (1);

  if (!(trace = fl_trace_new_from_fd ((int) fd, &error)))
    usage (error->message);
  plan_text = fl_trace_get_plan (trace, &plan_length);
  if (!(plan = fl_plan_parse (plan_text, plan_length, &error)))
    usage (error->message);
  fl_trace_set_disabled (plan->no_trace);

  if (is_main)
    {
      self_path = g_file_read_link ("/proc/self/exe", NULL);
      if (self_path == NULL)
        self_path = g_strdup (argv[0]);
      code = fl_interp_main (trace, plan, first_ts, self_path);
    }
  else
    code = fl_interp_spawned_worker (trace, plan, (guint) worker, first_ts);

  fl_plan_free (plan);
  fl_trace_free (trace);
  return code;
}
