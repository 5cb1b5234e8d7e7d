/* fl-verdict-time.c — verdicts on time: overlap, speed-up, waits, start-up
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-summary"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "fl-summary-private.h"

/* Below this many cores' worth, threads under the GIL are "no faster than one core". */
#define NO_FASTER_THAN_ONE 1.25

/* ---- overlap, speed-up ----------------------------------------------------- */

/* "overlap": did the workers run at the same time?  Their own run times
 * added up are what one after the other would have taken. */
char *
fl_verdict_overlap (const FlFacts *facts)
{
  g_autofree char *span = NULL;
  g_autofree char *sum = NULL;
  gint64 span_ns;
  double ratio;

  if (facts->n_started == 0)
    return fl_verdict_no_worker (facts);

  span_ns = MAX (facts->last_end - facts->first_start, 1);
  span = fl_summary_format_duration (span_ns);
  sum = fl_summary_format_duration (facts->sum_durations);

  if (facts->n_started == 1)
    return g_strdup_printf (_("The only worker ran for %s: with one worker, nothing can overlap."), sum);

  ratio = (double) facts->sum_durations / (double) span_ns;
  if (ratio >= 1.5)
    return g_strdup_printf (ngettext ("The %u worker ran side by side: together it took %s of wall time, "
                                      "while one after the other it would have taken %s.",
                                      "The %u workers ran side by side: together they took %s of wall time, "
                                      "while one after the other they would have taken %s.",
                                      facts->n_started),
                            facts->n_started, span, sum);
  if (ratio >= 1.1)
    return g_strdup_printf (ngettext ("The %u worker partly overlapped: it took %s of wall time, "
                                      "while one after the other it would have taken %s.",
                                      "The %u workers partly overlapped: they took %s of wall time, "
                                      "while one after the other they would have taken %s.",
                                      facts->n_started),
                            facts->n_started, span, sum);
  return g_strdup_printf (ngettext ("The %u worker ran one after the other: it took %s of wall time, "
                                    "about as long as its run times added up (%s).",
                                    "The %u workers ran one after the other: they took %s of wall time, "
                                    "about as long as their run times added up (%s).",
                                    facts->n_started),
                          facts->n_started, span, sum);
}

/* Threads under the emulated GIL: the CPU they used against the time they
 * took, and how much of it they spent waiting for the GIL. */
static char *
speedup_with_gil (const FlFacts *facts,
                  gint64         span_ns,
                  double         speedup)
{
  g_autofree char *cpu = fl_summary_format_duration (facts->workers_cpu);
  g_autofree char *span = fl_summary_format_duration (span_ns);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  double mean, least, most;
  guint n;

  if (speedup < NO_FASTER_THAN_ONE)
    first = g_strdup_printf (ngettext ("%u thread with the emulated GIL took %s for %s of CPU: "
                                       "no faster than one core.",
                                       "%u threads with the emulated GIL took %s for %s of CPU: "
                                       "no faster than one core.",
                                       facts->n_started),
                             facts->n_started, span, cpu);
  else
    first = g_strdup_printf (ngettext ("%u thread with the emulated GIL took %s for %s of CPU: "
                                       "a speed-up of %.2f× over one core.",
                                       "%u threads with the emulated GIL took %s for %s of CPU: "
                                       "a speed-up of %.2f× over one core.",
                                       facts->n_started),
                             facts->n_started, span, cpu, speedup);

  n = fl_verdict_state_shares (facts, FL_STATE_GIL, &mean, &least, &most);
  if (n == 1)
    second = g_strdup_printf (_("It waited %.0f%% of its time for the GIL."), mean);
  else if (most - least <= FL_VERDICT_SAME_SHARE_POINTS)
    second = g_strdup_printf (_("Each waited %.0f%% of its time for the GIL."), mean);
  else
    second = g_strdup_printf (_("They waited from %.0f%% to %.0f%% of their time for the GIL."), least, most);

  return g_strconcat (first, " ", second, NULL);
}

/* "speedup": how many cores' worth of CPU the workers used while they ran. */
char *
fl_verdict_speedup (const FlFacts *facts)
{
  g_autofree char *cpu = NULL;
  g_autofree char *span = NULL;
  g_autofree char *first = NULL;
  gint64 span_ns;
  double speedup;
  guint ideal;

  if (facts->n_started == 0)
    return fl_verdict_no_worker (facts);
  if (facts->n_cpu_known == 0)
    return g_strdup (_("The workers did not report their CPU time, so the speed-up is unknown."));

  span_ns = MAX (facts->last_end - facts->first_start, 1);
  speedup = facts->speedup;
  if (facts->gil && facts->mode == FL_MODE_THREADS)
    return speedup_with_gil (facts, span_ns, speedup);

  cpu = fl_summary_format_duration (facts->workers_cpu);
  span = fl_summary_format_duration (span_ns);
  first = g_strdup_printf (ngettext ("%u worker used %s of CPU in %s: a speed-up of %.2f× over one core.",
                                     "%u workers used %s of CPU in %s: a speed-up of %.2f× over one core.",
                                     facts->n_started),
                           facts->n_started, cpu, span, speedup);

  /* Processes under the GIL: say that it did not hold them back, measured. */
  if (facts->gil && facts->n_started > 1)
    {
      double mean, least, most;
      g_autofree char *second = NULL;

      fl_verdict_state_shares (facts, FL_STATE_GIL, &mean, &least, &most);
      second = g_strdup_printf (_("Each process has a GIL of its own: they waited %.0f%% of their time for it."),
                                mean);
      return g_strconcat (first, " ", second, NULL);
    }

  /* Say how far it is from what this machine allows, when it is far. */
  ideal = MIN (facts->n_started, facts->n_cores > 0 ? facts->n_cores : g_get_num_processors ());
  if (ideal > 1 && speedup < 0.75 * ideal)
    {
      g_autofree char *second =
        g_strdup_printf (ngettext ("With %u core for %u workers, up to %u× was possible.",
                                   "With %u cores for %u workers, up to %u× was possible.",
                                   ideal),
                         ideal, facts->n_started, ideal);
      return g_strconcat (first, " ", second, NULL);
    }
  return g_steal_pointer (&first);
}

/* ---- I/O ------------------------------------------------------------------- */

/* "io": did the waits overlap?  Their sum against the time the workers ran. */
char *
fl_verdict_io (const FlFacts *facts)
{
  g_autofree char *waits = NULL;
  g_autofree char *span = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *requests = NULL;
  g_autofree char *mean = NULL;
  gint64 span_ns;
  guint n_io = 0, i;
  double ratio;

  if (!facts->has_io || facts->io_requests == 0)
    return g_strdup (_("No I/O request was made."));

  for (i = 0; i < facts->n_lanes; i++)
    if (facts->lanes[i].io_requests > 0)
      n_io++;

  span_ns = facts->n_started > 0 ? MAX (facts->last_end - facts->first_start, 1) : MAX (facts->wall, 1);
  waits = fl_summary_format_duration ((gint64) facts->io_wait_ns);
  span = fl_summary_format_duration (span_ns);
  ratio = (double) facts->io_wait_ns / (double) span_ns;

  if (ratio >= 1.2)
    first = g_strdup_printf (ngettext ("%u worker waited %s for I/O in all, within %s: "
                                       "its waits overlapped %.1f-fold.",
                                       "%u workers waited %s for I/O in all, within %s: "
                                       "their waits overlapped %.1f-fold.",
                                       n_io),
                             n_io, waits, span, ratio);
  else
    first = g_strdup_printf (ngettext ("%u worker waited %s for I/O in all, within %s: "
                                       "its waits did not overlap.",
                                       "%u workers waited %s for I/O in all, within %s: "
                                       "their waits hardly overlapped.",
                                       n_io),
                             n_io, waits, span);

  requests = fl_summary_format_count (facts->io_requests);
  mean = fl_summary_format_duration ((gint64) (facts->io_wait_ns / facts->io_requests));
  second = g_strdup_printf (ngettext ("That is %s request, of %s on average.",
                                      "That is %s requests, of %s each on average.",
                                      fl_summary_plural_n (facts->io_requests)),
                            requests, mean);
  return g_strconcat (first, " ", second, NULL);
}

/* "convoy": an I/O worker's requests against their nominal latency, and the GIL. */
char *
fl_verdict_convoy (const FlFacts *facts)
{
  const FlLaneFacts *only = NULL;
  guint64 requests = 0, wait = 0, nominal = 0;
  guint n_nominal = 0, n_io = 0, i;
  g_autofree char *mean = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  for (i = 0; i < facts->n_lanes; i++)
    {
      const FlLaneFacts *lf = &facts->lanes[i];

      if (lf->io_requests == 0)
        continue;
      only = lf;
      n_io++;
      requests += lf->io_requests;
      wait += lf->io_wait_ns;
      nominal += lf->io_nominal_ns;
      n_nominal += lf->io_nominal_n;
    }
  if (requests == 0)
    return g_strdup (_("No I/O request was made."));

  mean = fl_summary_format_duration ((gint64) (wait / requests));
  if (n_nominal > 0)
    {
      gint64 asked = (gint64) (nominal / n_nominal);
      gint64 extra = (gint64) (wait / requests) - asked;
      g_autofree char *asked_text = fl_summary_format_duration (asked);
      g_autofree char *extra_text = fl_summary_format_duration (MAX (extra, 0));
      g_autofree char *label = n_io == 1 ? fl_verdict_worker_label (only->info) : NULL;

      if (n_io == 1)
        first = g_strdup_printf (_("The I/O requests of %s took %s on average, for a nominal %s: %s more."),
                                 label, mean, asked_text, extra_text);
      else
        first = g_strdup_printf (_("The I/O requests took %s on average, for a nominal %s: %s more."),
                                 mean, asked_text, extra_text);
    }
  else
    first = g_strdup_printf (_("The I/O requests took %s on average."), mean);

  if (facts->gil && facts->mode == FL_MODE_THREADS)
    {
      g_autofree char *interval = fl_summary_format_duration ((gint64) (facts->switch_interval_ms * 1e6));

      second = g_strdup_printf (_("The emulated GIL was on, with a switch interval of %s."), interval);
    }
  else if (facts->gil)
    second = g_strdup (_("Each process had a GIL of its own."));
  else
    second = g_strdup (_("The emulated GIL was off."));

  return g_strconcat (first, " ", second, NULL);
}

/* ---- scheduling ------------------------------------------------------------- */

/* "oversubscription": the share of time each worker wanted a core and had none. */
char *
fl_verdict_oversubscription (const FlFacts *facts)
{
  g_autofree char *cores = NULL;
  g_autofree char *first = NULL;
  double mean, least, most;
  guint n, n_cores;

  if (facts->n_started == 0)
    return fl_verdict_no_worker (facts);
  if (!facts->sampled)
    return g_strdup (_("The run was not sampled, so the time the workers waited for a core is unknown."));

  n_cores = facts->n_cores > 0 ? facts->n_cores : g_get_num_processors ();
  n = fl_verdict_state_shares (facts, FL_STATE_RUNNABLE, &mean, &least, &most);
  cores = g_strdup_printf (ngettext ("%u core", "%u cores", n_cores), n_cores);

  if (n <= 1 || most - least <= FL_VERDICT_SAME_SHARE_POINTS)
    first = g_strdup_printf (ngettext ("%u worker shared %s: it waited for a core %.0f%% of its time.",
                                       "%u workers shared %s: each waited for a core %.0f%% of its time on average.",
                                       facts->n_started),
                             facts->n_started, cores, mean);
  else
    first = g_strdup_printf (ngettext ("%u worker shared %s: it waited for a core %.0f%% of its time.",
                                       "%u workers shared %s: each waited for a core %.0f%% of its time on average "
                                       "(from %.0f%% to %.0f%%).",
                                       facts->n_started),
                             facts->n_started, cores, mean, least, most);

  /* Threads under the GIL queue for the GIL, not for a core: say how much. */
  if (facts->gil && facts->mode == FL_MODE_THREADS)
    {
      g_autofree char *second = NULL;

      fl_verdict_state_shares (facts, FL_STATE_GIL, &mean, &least, &most);
      second = g_strdup_printf (_("Under the emulated GIL they waited for the GIL instead, %.0f%% of their time "
                                  "on average."),
                                mean);
      return g_strconcat (first, " ", second, NULL);
    }
  return g_steal_pointer (&first);
}

/* The start latencies of the workers: median, least, most; FALSE if none. */
static gboolean
start_latencies (const FlFacts *facts,
                 guint         *n,
                 gint64        *median,
                 gint64        *least,
                 gint64        *most)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint i;

  for (i = 0; i < facts->n_lanes; i++)
    if (facts->lanes[i].info->kind == FL_LANE_WORKER && facts->lanes[i].start_latency >= 0)
      g_array_append_val (values, facts->lanes[i].start_latency);
  *n = values->len;
  if (values->len == 0)
    return FALSE;
  *median = fl_verdict_median (values);
  *least = g_array_index (values, gint64, 0);
  *most = g_array_index (values, gint64, values->len - 1);
  return TRUE;
}

static char *
startup_sentence (const FlFacts *facts)
{
  g_autofree char *median_text = NULL;
  g_autofree char *least_text = NULL;
  g_autofree char *most_text = NULL;
  gint64 median, least, most;
  guint n;

  if (!start_latencies (facts, &n, &median, &least, &most))
    return NULL;
  median_text = fl_summary_format_duration (median);
  least_text = fl_summary_format_duration (least);
  most_text = fl_summary_format_duration (most);

  if (n == 1)
    switch (facts->mode)
      {
      case FL_MODE_THREADS:
        return g_strdup_printf (_("The thread started %s after the main process asked for it."), median_text);
      case FL_MODE_FORK:
        return g_strdup_printf (_("The forked process started %s after the main process asked for it."),
                                median_text);
      case FL_MODE_SPAWN:
      case FL_N_MODES:
      default:
        return g_strdup_printf (_("The spawned process started %s after the main process asked for it."),
                                median_text);
      }

  switch (facts->mode)
    {
    case FL_MODE_THREADS:
      return g_strdup_printf (_("%u threads started a median %s after the main process asked for them "
                                "(from %s to %s)."),
                              n, median_text, least_text, most_text);
    case FL_MODE_FORK:
      return g_strdup_printf (_("%u forked processes started a median %s after the main process asked for them "
                                "(from %s to %s)."),
                              n, median_text, least_text, most_text);
    case FL_MODE_SPAWN:
    case FL_N_MODES:
    default:
      return g_strdup_printf (_("%u spawned processes started a median %s after the main process asked for them "
                                "(from %s to %s)."),
                              n, median_text, least_text, most_text);
    }
}

/* "startup": the cost of bringing a worker to life. */
char *
fl_verdict_startup (const FlFacts *facts)
{
  char *sentence;

  if (facts->n_started == 0)
    return fl_verdict_no_worker (facts);
  sentence = startup_sentence (facts);
  return sentence != NULL ? sentence : g_strdup (_("No start latency was measured."));
}

/* "5", or "4 to 6". */
static char *
format_count_range (guint64 least,
                    guint64 most)
{
  g_autofree char *low = fl_summary_format_count (least);
  g_autofree char *high = NULL;

  if (least == most)
    return g_steal_pointer (&low);
  high = fl_summary_format_count (most);
  return g_strdup_printf (C_("range", "%s to %s"), low, high);
}

/* What `fds` found: the main process's descriptors after `open`, and
 * whether each worker held the files it had opened.  NULL if no worker
 * reported. */
static char *
descriptors_sentence (const FlFacts *facts)
{
  const FlLaneFacts *main_lane = facts->n_lanes > 0 ? &facts->lanes[0] : NULL;
  g_autofree char *parent = NULL;
  g_autofree char *workers = NULL;
  g_autofree char *range = NULL;
  guint64 least = G_MAXUINT64, most = 0;
  guint i, n = 0, n_holding = 0;

  for (i = 0; i < facts->n_lanes; i++)
    {
      const FlLaneFacts *lf = &facts->lanes[i];

      if (lf->info->kind != FL_LANE_WORKER || !lf->has_fds)
        continue;
      n++;
      least = MIN (least, lf->fds);
      most = MAX (most, lf->fds);
      if (facts->n_opened > 0 && lf->fds_opened >= facts->n_opened)
        n_holding++;
    }
  if (n == 0)
    return NULL;
  range = format_count_range (least, most);

  if (main_lane != NULL && main_lane->info->kind == FL_LANE_MAIN && main_lane->has_fds)
    {
      g_autofree char *count = fl_summary_format_count (main_lane->fds);

      if (facts->n_opened == 1)
        parent = g_strdup_printf (_("The main process opened a file and then held %s open descriptors."), count);
      else if (facts->n_opened > 1)
        parent = g_strdup_printf (ngettext ("The main process opened %u file and then held %s open descriptors.",
                                            "The main process opened %u files and then held %s open descriptors.",
                                            facts->n_opened),
                                  facts->n_opened, count);
      else
        parent = g_strdup_printf (_("The main process held %s open descriptors."), count);
    }

  if (facts->n_opened == 0)
    workers = g_strdup_printf (_("Each worker held %s open descriptors."), range);
  else if (n_holding == n)
    workers = g_strdup_printf (ngettext ("Every worker had that file among its own %s descriptors.",
                                         "Every worker had those files among its own %s descriptors.",
                                         facts->n_opened),
                               range);
  else if (n_holding == 0)
    workers = g_strdup_printf (ngettext ("No worker had that file: each held %s descriptors of its own.",
                                         "No worker had those files: each held %s descriptors of its own.",
                                         facts->n_opened),
                               range);
  else
    workers = g_strdup_printf (ngettext ("%u of the %u workers had that file.",
                                         "%u of the %u workers had those files.",
                                         facts->n_opened),
                               n_holding, n);

  if (parent == NULL)
    return g_steal_pointer (&workers);
  return g_strconcat (parent, " ", workers, NULL);
}

/* "fork-vs-spawn": start latencies, and what the workers inherited. */
char *
fl_verdict_fork_vs_spawn (const FlFacts *facts)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *value = NULL;
  g_autofree char *parent = NULL;
  gboolean all_same;
  gint64 common;
  guint n_seen = 0;

  if (facts->n_started == 0)
    return fl_verdict_no_worker (facts);
  first = startup_sentence (facts);
  if (first == NULL)
    first = g_strdup (_("No start latency was measured."));
  third = descriptors_sentence (facts);

  if (facts->has_globals)
    seen = fl_verdict_workers_seen (facts, &n_seen, &all_same, &common);
  if (n_seen > 0)
    {
      value = fl_verdict_format_value (common);
      parent = fl_verdict_format_value (facts->parent_before);

      if (!all_same)
        second = g_strdup_printf (_("They saw the global variable as %s."), seen);
      else if (facts->has_parent_before && common == facts->parent_before && common != FL_GLOBAL_INITIAL)
        second = g_strdup_printf (_("Each saw the global variable as %s, the value the main process held "
                                    "when it started them."),
                                  value);
      else if (facts->has_parent_before && common == FL_GLOBAL_INITIAL && facts->parent_before != FL_GLOBAL_INITIAL)
        second = g_strdup_printf (_("Each saw the global variable as %s, the program's initial value, "
                                    "not the main process's %s."),
                                  value, parent);
      else
        second = g_strdup_printf (_("Each saw the global variable as %s."), value);
    }

  return g_strjoin (" ", first, second ? second : third, second ? third : NULL, NULL);
}
