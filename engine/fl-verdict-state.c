/* fl-verdict-state.c — verdicts on state: counters, globals, crashes,
 * zombies, memory and messages
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-summary"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "fl-summary-private.h"

/* ---- race, globals ---------------------------------------------------------- */

/* "race": increments made against the counter's final value. */
char *
fl_verdict_race (const FlFacts *facts)
{
  g_autofree char *made = NULL;
  g_autofree char *counted = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gint64 lost;

  if (!facts->has_increments)
    return g_strdup (_("No increment was reported."));
  made = fl_summary_format_count (facts->increments);
  if (!facts->has_counter)
    return g_strdup_printf (ngettext ("The workers made %s increment, but the counter's final value was not reported.",
                                      "The workers made %s increments, but the counter's final value was not reported.",
                                      fl_summary_plural_n (facts->increments)),
                            made);

  counted = fl_verdict_format_value (facts->counter);
  lost = (gint64) facts->increments - facts->counter;

  if (facts->all_locked)
    first = g_strdup_printf (ngettext ("The workers made %s increment, each under the lock, and the counter ended at %s.",
                                       "The workers made %s increments, each under the lock, and the counter ended at %s.",
                                       fl_summary_plural_n (facts->increments)),
                             made, counted);
  else
    first = g_strdup_printf (ngettext ("The workers made %s increment without a lock, and the counter ended at %s.",
                                       "The workers made %s increments without a lock, and the counter ended at %s.",
                                       fl_summary_plural_n (facts->increments)),
                             made, counted);

  if (lost > 0)
    {
      g_autofree char *n_lost = fl_summary_format_count ((guint64) lost);

      second = g_strdup_printf (ngettext ("%s update was lost (%.1f%%).",
                                          "%s updates were lost (%.1f%%).",
                                          fl_summary_plural_n ((guint64) lost)),
                                n_lost, fl_verdict_share_percent (lost, (gint64) facts->increments));
    }
  else if (facts->all_locked && facts->lock_wait > 0)
    {
      g_autofree char *waited = fl_summary_format_duration (facts->lock_wait);

      second = g_strdup_printf (_("None was lost; the workers waited %s in all for the lock."), waited);
    }
  else
    second = g_strdup (_("None was lost."));

  /* Lost updates and lock waits both, when some increments were locked. */
  if (lost > 0 && facts->lock_wait > 0)
    {
      g_autofree char *waited = fl_summary_format_duration (facts->lock_wait);
      g_autofree char *third = g_strdup_printf (_("The workers waited %s in all for the lock."), waited);

      return g_strconcat (first, " ", second, " ", third, NULL);
    }
  return g_strconcat (first, " ", second, NULL);
}

static gboolean
a_worker_set (const FlFacts *facts,
              gint64         value,
              gboolean       equal)
{
  guint i;

  for (i = 0; i < fl_store_get_n_results (facts->store); i++)
    {
      const FlResult *r = fl_store_get_result (facts->store, i);

      if (r->key == FL_RESULT_GLOBAL_SET && r->lane != 0 && (((gint64) r->a == value) == equal))
        return TRUE;
    }
  return FALSE;
}

/* "globals": what each process read of the program's global variable. */
char *
fl_verdict_globals (const FlFacts *facts)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *seen = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *common_text = NULL;
  gboolean all_same;
  gint64 common;
  guint n_seen;

  if (!facts->has_globals)
    return g_strdup (_("No process reported the global variable."));

  before = fl_verdict_format_value (facts->parent_before);
  after = fl_verdict_format_value (facts->parent_after);
  if (facts->has_parent_before && facts->has_parent_after)
    g_string_append_printf (text, _("The main process saw %s before starting its workers and %s after joining them."),
                            before, after);
  else if (facts->has_parent_before)
    g_string_append_printf (text, _("The main process saw %s before starting its workers."), before);
  else if (facts->has_parent_after)
    g_string_append_printf (text, _("The main process saw %s after joining its workers."), after);

  seen = fl_verdict_workers_seen (facts, &n_seen, &all_same, &common);
  common_text = fl_verdict_format_value (common);
  if (text->len > 0)
    g_string_append_c (text, ' ');
  if (n_seen == 0)
    g_string_append (text, _("No worker read it."));
  else if (n_seen == 1)
    g_string_append_printf (text, _("The worker first read %s."), common_text);
  else if (all_same)
    g_string_append_printf (text, ngettext ("All %u workers first read %s.", "All %u workers first read %s.", n_seen),
                            n_seen, common_text);
  else
    g_string_append_printf (text, _("The workers first read %s."), seen);

  /* What the numbers say about sharing: did a worker's write reach the parent? */
  if (facts->has_parent_before && facts->has_parent_after)
    {
      if (facts->parent_after != facts->parent_before && a_worker_set (facts, facts->parent_after, TRUE))
        {
          g_string_append_c (text, ' ');
          g_string_append (text, _("A worker's write reached the main process: they share one variable."));
        }
      else if (facts->parent_after == facts->parent_before && a_worker_set (facts, facts->parent_before, FALSE))
        {
          g_string_append_c (text, ' ');
          g_string_append (text, _("The workers' writes never reached the main process: each process has its own copy."));
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- crash, zombie ------------------------------------------------------------ */

static gboolean
lane_crashed (const FlLaneFacts *lf)
{
  return lf->info->signal != 0 && !lf->info->stopped;
}

/* "crash": which lanes crashed with which signal, and which finished. */
char *
fl_verdict_crash (const FlFacts *facts)
{
  g_autoptr(GPtrArray) crashed = g_ptr_array_new_with_free_func (g_free);
  const FlLaneFacts *origin = NULL;
  guint n_finished = 0, n_crashed = 0, i;
  int signal = 0;
  gboolean one_signal = TRUE;

  if (facts->n_started == 0)
    return fl_verdict_no_worker (facts);

  for (i = 0; i < facts->n_lanes; i++)
    {
      const FlLaneFacts *lf = &facts->lanes[i];

      if (lf->crash_origin && lane_crashed (lf) && origin == NULL)
        origin = lf;
      if (!fl_verdict_is_started_worker (lf))
        continue;
      if (lane_crashed (lf))
        {
          g_autofree char *label = fl_verdict_worker_label (lf->info);
          g_autofree char *signame = fl_signal_name (lf->info->signal);

          if (signal != 0 && signal != lf->info->signal)
            one_signal = FALSE;
          signal = lf->info->signal;
          n_crashed++;
          if (crashed->len < FL_VERDICT_MAX_LISTED)
            g_ptr_array_add (crashed, g_strdup_printf (_("%s (%s)"), label, signame));
        }
      else if (lf->info->exit_t >= 0)
        n_finished++;
    }

  /* Threads: the crash of one is the death of the process, all threads included. */
  if (facts->mode == FL_MODE_THREADS && facts->n_lanes > 0 && lane_crashed (&facts->lanes[0]))
    {
      g_autofree char *signame = fl_signal_name (facts->lanes[0].info->signal);

      if (origin != NULL)
        {
          g_autofree char *label = fl_verdict_worker_label (origin->info);
          g_autofree char *origin_signal = fl_signal_name (origin->info->signal);

          return g_strdup_printf (ngettext ("In threads mode, %s crashed with %s and the whole process died: "
                                            "its %u thread ended with it, the main one included.",
                                            "In threads mode, %s crashed with %s and the whole process died: "
                                            "all %u threads ended with it, the main one included.",
                                            n_crashed + 1),
                                  label, origin_signal, n_crashed + 1);
        }
      return g_strdup_printf (ngettext ("The main process died with %s, and its %u thread with it, "
                                        "the main one included.",
                                        "The main process died with %s, and all %u of its threads with it, "
                                        "the main one included.",
                                        n_crashed + 1),
                              signame, n_crashed + 1);
    }

  if (n_crashed == 0)
    return g_strdup_printf (ngettext ("No worker crashed: %u finished.",
                                      "No worker crashed: all %u finished.",
                                      n_finished),
                            n_finished);

  {
    g_autofree char *list = NULL;
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;

    if (n_crashed > FL_VERDICT_MAX_LISTED)
      g_ptr_array_add (crashed, g_strdup ("…"));
    if (one_signal)
      {
        g_autofree char *signame = fl_signal_name (signal);

        first = g_strdup_printf (ngettext ("%u worker crashed with %s.", "%u workers crashed with %s.", n_crashed),
                                 n_crashed, signame);
      }
    else
      {
        list = fl_verdict_join_list (crashed);
        first = g_strdup_printf (_("Workers crashed: %s."), list);
      }
    if (n_crashed == 1 && one_signal && origin != NULL && origin->info->kind == FL_LANE_WORKER)
      {
        g_autofree char *label = fl_verdict_worker_label (origin->info);
        g_autofree char *signame = fl_signal_name (signal);

        g_free (first);
        /* TRANSLATORS: "Worker 2 (pid 1234) crashed with SIGSEGV." */
        first = g_strdup_printf (_("Only %s (pid %d) crashed, with %s."), label, origin->info->pid, signame);
      }

    if (facts->n_lanes > 0 && !lane_crashed (&facts->lanes[0]))
      second = g_strdup_printf (ngettext ("%u other worker finished, and the main process went on to its end.",
                                          "%u other workers finished, and the main process went on to its end.",
                                          n_finished),
                                n_finished);
    else
      second = g_strdup_printf (ngettext ("%u worker finished.", "%u workers finished.", n_finished),
                                n_finished);
    return g_strconcat (first, " ", second, NULL);
  }
}

/* "zombie": how long each process stayed a zombie, from its exit to its reaping. */
char *
fl_verdict_zombie (const FlFacts *facts)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint i;

  if (facts->n_started == 0)
    return fl_verdict_no_worker (facts);
  if (facts->mode == FL_MODE_THREADS)
    return g_strdup_printf (ngettext ("The %u worker was a thread of the main process: a thread is joined, "
                                      "never left as a zombie.",
                                      "The %u workers were threads of the main process: a thread is joined, "
                                      "never left as a zombie.",
                                      facts->n_started),
                            facts->n_started);

  for (i = 0; i < facts->n_lanes; i++)
    {
      const FlLaneFacts *lf = &facts->lanes[i];
      gint64 zombie = lf->states[FL_STATE_ZOMBIE];

      if (!fl_verdict_is_started_worker (lf) || !lf->info->is_process || lf->info->exit_t < 0)
        continue;
      g_array_append_val (times, zombie);
      if (items->len < FL_VERDICT_MAX_LISTED + 1)
        {
          g_autofree char *label = fl_verdict_worker_label (lf->info);
          g_autofree char *duration = fl_summary_format_duration (zombie);

          /* TRANSLATORS: part of a list: "worker 1 for 2.0 s" */
          g_ptr_array_add (items, g_strdup_printf (_("%s for %s"), label, duration));
        }
    }

  if (times->len == 0)
    return g_strdup (_("No worker process exited by itself, so none became a zombie."));

  if (times->len <= FL_VERDICT_MAX_LISTED)
    {
      g_autofree char *list = fl_verdict_join_list (items);

      return g_strdup_printf (ngettext ("The worker process stayed a zombie from its exit until the main process "
                                        "reaped it: %s.",
                                        "Each worker process stayed a zombie from its exit until the main process "
                                        "reaped it: %s.",
                                        times->len),
                              list);
    }
  else
    {
      g_autofree char *median = NULL;
      g_autofree char *least = NULL;
      g_autofree char *most = NULL;

      median = fl_summary_format_duration (fl_verdict_median (times));
      least = fl_summary_format_duration (g_array_index (times, gint64, 0));
      most = fl_summary_format_duration (g_array_index (times, gint64, times->len - 1));
      return g_strdup_printf (_("The %u worker processes stayed zombies from their exit until the main process "
                                "reaped them: %s in the median, from %s to %s."),
                              times->len, median, least, most);
    }
}

/* ---- memory, messages --------------------------------------------------------- */

static const FlSpaceFacts *
find_space (const FlFacts *facts,
            guint          lane)
{
  guint i;

  for (i = 0; i < facts->spaces->len; i++)
    if (g_array_index (facts->spaces, FlSpaceFacts, i).lane == lane)
      return &g_array_index (facts->spaces, FlSpaceFacts, i);
  return NULL;
}

/* "memory": one address space or one per process, and what is shared. */
char *
fl_verdict_memory (const FlFacts *facts)
{
  const FlSpaceFacts *main_space = find_space (facts, 0);
  guint64 rss = 0, pss = 0, shared = 0, dirty = 0;
  guint n_workers = 0, i;

  if (facts->spaces->len == 0)
    return g_strdup (_("Memory was not sampled, so there is nothing to compare."));

  if (facts->mode == FL_MODE_THREADS)
    {
      const FlMemorySample *peak = main_space != NULL ? main_space->peak
                                   : g_array_index (facts->spaces, FlSpaceFacts, 0).peak;
      g_autofree char *rss_text = fl_summary_format_kb (peak->rss_kb);
      g_autofree char *pss_text = fl_summary_format_kb (peak->pss_kb);

      return g_strdup_printf (ngettext ("The main process and its %u thread share one address space: "
                                        "at its peak, %s resident (PSS %s).",
                                        "The main process and its %u threads share one address space: "
                                        "at its peak, %s resident (PSS %s).",
                                        facts->n_started),
                              facts->n_started, rss_text, pss_text);
    }

  for (i = 0; i < facts->spaces->len; i++)
    {
      const FlSpaceFacts *space = &g_array_index (facts->spaces, FlSpaceFacts, i);

      if (space->lane == 0)
        continue;
      rss += space->peak->rss_kb;
      pss += space->peak->pss_kb;
      shared += space->peak->shared_clean_kb + space->peak->shared_dirty_kb;
      dirty += space->peak->private_dirty_kb;
      n_workers++;
    }

  {
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;
    g_autofree char *main_rss = fl_summary_format_kb (main_space ? main_space->peak->rss_kb : 0);
    g_autofree char *main_pss = fl_summary_format_kb (main_space ? main_space->peak->pss_kb : 0);

    if (n_workers == 0)
      return g_strdup_printf (_("Only the main process was sampled: at its peak, %s resident (PSS %s)."),
                              main_rss, main_pss);

    {
      g_autofree char *w_rss = fl_summary_format_kb (rss / n_workers);
      g_autofree char *w_pss = fl_summary_format_kb (pss / n_workers);
      g_autofree char *w_shared = fl_summary_format_kb (shared / n_workers);
      g_autofree char *w_dirty = fl_summary_format_kb (dirty / n_workers);

      first = g_strdup_printf (ngettext ("%u address space, one per process: the main process peaked at %s resident "
                                         "(PSS %s), each worker at %s on average (PSS %s).",
                                         "%u address spaces, one per process: the main process peaked at %s resident "
                                         "(PSS %s), each worker at %s on average (PSS %s).",
                                         facts->spaces->len),
                               facts->spaces->len, main_rss, main_pss, w_rss, w_pss);
      if (facts->mode == FL_MODE_FORK)
        second = g_strdup_printf (_("A forked worker still shared %s with the others on average, and had %s "
                                    "private and dirty: pages copied or written since the fork."),
                                  w_shared, w_dirty);
      else
        second = g_strdup_printf (_("A spawned worker shared %s with the others on average, and had %s "
                                    "private and dirty."),
                                  w_shared, w_dirty);
    }
    return g_strconcat (first, " ", second, NULL);
  }
}

/* "messages": how many, how fast, how long each took. */
char *
fl_verdict_messages (const FlFacts *facts)
{
  g_autofree char *count = NULL;
  g_autofree char *first = NULL;
  double rate;

  if (facts->n_messages == 0)
    return g_strdup (_("No message was sent."));
  count = fl_summary_format_count (facts->n_received);
  if (facts->n_received == 0)
    {
      g_autofree char *sent = fl_summary_format_count (facts->n_messages);

      return g_strdup_printf (ngettext ("%s message was sent, but none was received.",
                                        "%s messages were sent, but none was received.",
                                        fl_summary_plural_n (facts->n_messages)),
                              sent);
    }

  rate = fl_facts_message_rate (facts);
  if (facts->latency_median >= 0)
    {
      g_autofree char *median = fl_summary_format_duration (facts->latency_median);
      g_autofree char *most = fl_summary_format_duration (facts->latency_max);

      if (rate > 0)
        first = g_strdup_printf (ngettext ("%s message went from sender to receiver, %.0f per second, "
                                           "taking %s in the median and %s at most.",
                                           "%s messages went from sender to receiver, %.0f per second, "
                                           "taking %s in the median and %s at most.",
                                           fl_summary_plural_n (facts->n_received)),
                                 count, rate, median, most);
      else
        first = g_strdup_printf (ngettext ("%s message went from sender to receiver, "
                                           "taking %s in the median and %s at most.",
                                           "%s messages went from sender to receiver, "
                                           "taking %s in the median and %s at most.",
                                           fl_summary_plural_n (facts->n_received)),
                                 count, median, most);
    }
  else
    first = g_strdup_printf (ngettext ("%s message was received.", "%s messages were received.",
                                       fl_summary_plural_n (facts->n_received)),
                             count);

  if (facts->n_received < facts->n_messages)
    {
      g_autofree char *missing = fl_summary_format_count (facts->n_messages - facts->n_received);
      g_autofree char *second = g_strdup_printf (ngettext ("%s was never received.", "%s were never received.",
                                                           fl_summary_plural_n (facts->n_messages - facts->n_received)),
                                                 missing);

      return g_strconcat (first, " ", second, NULL);
    }
  return g_steal_pointer (&first);
}
