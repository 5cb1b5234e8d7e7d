/* fl-verdict-program.c — what a run of a Python program showed
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For any program, from what was measured only: wall time against CPU
 * time (how many cores were used, on average and at most over a window),
 * and the share of the threads' time spent waiting for the GIL, for
 * locks, for I/O, for children, and asleep.
 */

#define G_LOG_DOMAIN "fl-verdict"

#include "config.h"

#include <math.h>
#include <signal.h>
#include <sys/wait.h>

#include <glib/gi18n-lib.h>

#include "fl-summary-private.h"

/* Cores' worth of CPU are measured over windows this long. */
#define PEAK_WINDOW_NS G_GINT64_CONSTANT (100000000)

/* The most CPU the program's threads used together over any window, in
 * cores: each lane's cumulative CPU time from its samples, summed per
 * window.  -1 when the run was not sampled. */
double
fl_verdict_program_peak_cores (const FlFacts *facts)
{
  g_autofree double *per_window = NULL;
  guint n_windows, w, i;
  double peak = -1;

  if (facts->wall <= 0)
    return -1;
  n_windows = (guint) (facts->wall / PEAK_WINDOW_NS) + 1;
  if (n_windows > 100000)
    return -1;
  per_window = g_new0 (double, n_windows);
  for (i = 0; i < facts->n_lanes; i++)
    {
      gsize n, k;
      const FlLaneSample *s = fl_store_get_lane_samples (facts->store, i, &n);

      for (k = 1; k < n; k++)
        {
          gint64 from = s[k - 1].t, to = s[k].t;
          double cpu = (double) (s[k].cpu_ns - s[k - 1].cpu_ns);

          if (to <= from || cpu <= 0)
            continue;
          /* Spread over the windows the interval covers. */
          for (w = (guint) MAX (from / PEAK_WINDOW_NS, 0); w < n_windows && (gint64) w * PEAK_WINDOW_NS < to; w++)
            {
              gint64 a = MAX (from, (gint64) w * PEAK_WINDOW_NS);
              gint64 b = MIN (to, (gint64) (w + 1) * PEAK_WINDOW_NS);

              if (b > a)
                per_window[w] += cpu * (double) (b - a) / (double) (to - from);
            }
        }
    }
  /* Whole windows only: the last one is cut short by the run's end. */
  for (w = 0; w + 1 < n_windows; w++)
    peak = MAX (peak, per_window[w] / (double) PEAK_WINDOW_NS);
  if (n_windows == 1 && facts->wall > 0)
    peak = per_window[0] / (double) facts->wall;
  return peak;
}

typedef struct
{
  FlState     state;
  const char *what;
} Share;

char *
fl_verdict_program (const FlFacts *facts)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) waits = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *wall = fl_summary_format_duration (facts->wall);
  g_autofree char *cpu = fl_summary_format_duration (facts->cpu);
  gint64 lifetime = 0, states[FL_N_STATES] = { 0 };
  guint n_threads = 0, n_procs = 0, n_crashed = 0, i, s;
  double peak = fl_verdict_program_peak_cores (facts);
  const Share shares[] = {
    { FL_STATE_GIL, N_("for the GIL") },
    { FL_STATE_LOCK, N_("for locks") },
    { FL_STATE_IO, N_("for I/O") },
    { FL_STATE_JOIN, N_("for child processes") },
    { FL_STATE_SLEEPING, N_("asleep") },
    { FL_STATE_RUNNABLE, N_("for a free core") },
    { FL_STATE_BLOCKED, N_("blocked on something the kernel would not name") },
  };
  int status = facts->run ? fl_run_get_main_status (facts->run) : 0;

  for (i = 0; i < facts->n_lanes; i++)
    {
      const FlLaneFacts *lf = &facts->lanes[i];

      if (lf->info->start_t < 0)
        continue;
      n_threads++;
      if (lf->info->is_process)
        n_procs++;
      if (lf->info->signal != 0 && !lf->info->stopped && lf->info->signal != SIGKILL)
        n_crashed++;
      lifetime += lf->lifetime;
      for (s = 0; s < FL_N_STATES; s++)
        states[s] += lf->states[s];
    }
  if (n_threads == 0)
    return g_strdup (_("The program ran no thread that Forkline could see."));

  /* TRANSLATORS: "3 threads in 2 processes ran 4.1 s and used 4.0 s of CPU" */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u thread", "%u threads", n_threads), n_threads);
  g_string_append_c (text, ' ');
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "in %u process", "in %u processes", n_procs), n_procs);
  g_string_append_printf (text, _(" ran %s and used %s of CPU"), wall, cpu);
  if (facts->wall > 0 && facts->n_lane_cpu_known > 0)
    {
      double average = (double) facts->cpu / (double) facts->wall;

      if (peak >= 0 && peak < 1.15)
        g_string_append_printf (text, _(": %.1f cores on average, never more than one core’s worth at a time"),
                                average);
      else if (peak >= 0)
        g_string_append_printf (text, _(": %.1f cores on average, up to %.1f at once"), average, peak);
      else
        g_string_append_printf (text, _(": %.1f cores on average"), average);
    }
  g_string_append_c (text, '.');

  for (i = 0; i < G_N_ELEMENTS (shares); i++)
    {
      double pct = fl_verdict_share_percent (states[shares[i].state], lifetime);

      if (pct >= 1.0)
        g_ptr_array_add (waits, g_strdup_printf (_("%.0f%% %s"), pct, _(shares[i].what)));
    }
  if (waits->len > 0)
    {
      g_autofree char *list = fl_verdict_join_list (waits);

      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Of their time, the threads waited %s."), list);
    }

  if (n_crashed > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u thread ended by a signal.",
                                                 "%u threads ended by a signal.", n_crashed), n_crashed);
    }
  if (!facts->stopped && facts->run)
    {
      g_string_append_c (text, ' ');
      if (WIFSIGNALED (status))
        {
          g_autofree char *name = fl_signal_name (WTERMSIG (status));
          g_string_append_printf (text, _("The program was killed by %s."), name);
        }
      else if (WIFEXITED (status))
        g_string_append_printf (text, _("The program exited with status %d."), WEXITSTATUS (status));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
