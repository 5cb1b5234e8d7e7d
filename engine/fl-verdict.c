/* fl-verdict.c — what the measurements of a run show, in a sentence or two
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scenario names the kind of verdict it wants (Verdict=); each kind is
 * one function in the table below, in fl-verdict-time.c (how long, how
 * fast) or fl-verdict-state.c (what happened to shared state, memory and
 * processes).  Every sentence is built from measured numbers only: when
 * a figure is missing, the verdict says so rather than guess.
 */

#define G_LOG_DOMAIN "fl-summary"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "fl-summary-private.h"

/* ---- words --------------------------------------------------------------- */

gint64
fl_summary_ns_to_ms (gint64 ns)
{
  return (ns + (ns >= 0 ? 500000 : -500000)) / 1000000;
}

char *
fl_summary_format_duration (gint64 ns)
{
  double s = ns / 1e9;

  if (ns >= 1000000000)
    return g_strdup_printf (_("%.1f s"), s);
  if (ns >= 10000000)
    return g_strdup_printf (_("%.0f ms"), s * 1e3);
  if (ns >= 1000000)
    return g_strdup_printf (_("%.1f ms"), s * 1e3);
  return g_strdup_printf (_("%.0f µs"), s * 1e6);
}

char *
fl_summary_format_count (guint64 n)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

char *
fl_summary_format_kb (guint64 kb)
{
  if (kb < 1024)
    return g_strdup_printf (_("%.0f kB"), (double) kb);
  if (kb < 1024 * 1024)
    return g_strdup_printf (_("%.1f MB"), kb / 1024.0);
  return g_strdup_printf (_("%.2f GB"), kb / (1024.0 * 1024.0));
}

gulong
fl_summary_plural_n (guint64 n)
{
  return (gulong) MIN (n, (guint64) G_MAXULONG);
}

char *
fl_verdict_format_value (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* "a", "a and b", "a, b and c"; takes the strings. */
char *
fl_verdict_join_list (GPtrArray *items)
{
  g_autoptr(GString) head = g_string_new (NULL);
  guint i;

  if (items->len == 0)
    return g_strdup ("");
  if (items->len == 1)
    return g_strdup (g_ptr_array_index (items, 0));
  for (i = 0; i + 1 < items->len; i++)
    g_string_append_printf (head, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (items, i));
  /* TRANSLATORS: the end of a list, as in "worker 1, worker 2 and worker 3" */
  return g_strdup_printf (_("%s and %s"), head->str, (const char *) g_ptr_array_index (items, items->len - 1));
}

char *
fl_verdict_worker_label (const FlLaneInfo *info)
{
  if (info->kind == FL_LANE_MAIN)
    return g_strdup (_("the main thread"));
  return g_strdup_printf (_("worker %u"), info->id);
}

double
fl_verdict_share_percent (gint64 part,
               gint64 whole)
{
  return whole > 0 ? 100.0 * (double) part / (double) whole : 0;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

gint64
fl_verdict_median (GArray *values)
{
  g_array_sort (values, compare_gint64);
  if (values->len % 2 == 1)
    return g_array_index (values, gint64, values->len / 2);
  return (g_array_index (values, gint64, values->len / 2 - 1) +
          g_array_index (values, gint64, values->len / 2)) / 2;
}

gboolean
fl_verdict_is_started_worker (const FlLaneFacts *lf)
{
  return lf->info->kind == FL_LANE_WORKER && lf->end >= 0;
}

/* The share of each started worker's time spent in @state: mean, least, most. */
guint
fl_verdict_state_shares (const FlFacts *facts,
                     FlState        state,
                     double        *mean,
                     double        *least,
                     double        *most)
{
  double sum = 0;
  guint i, n = 0;

  *least = G_MAXDOUBLE;
  *most = 0;
  for (i = 0; i < facts->n_lanes; i++)
    {
      const FlLaneFacts *lf = &facts->lanes[i];
      double share;

      if (!fl_verdict_is_started_worker (lf) || lf->lifetime <= 0)
        continue;
      share = fl_verdict_share_percent (lf->states[state], lf->lifetime);
      sum += share;
      *least = MIN (*least, share);
      *most = MAX (*most, share);
      n++;
    }
  *mean = n > 0 ? sum / n : 0;
  if (n == 0)
    *least = 0;
  return n;
}

char *
fl_verdict_no_worker (const FlFacts *facts)
{
  if (facts->n_workers == 0)
    return g_strdup (_("The scenario has no worker."));
  return g_strdup (_("No worker started."));
}

/* What each worker read first (what it started with), in the order they
 * were recorded: "7" in @common when they all agree. */
char *
fl_verdict_workers_seen (const FlFacts *facts,
              guint         *n_seen,
              gboolean      *all_same,
              gint64        *common)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *done = g_new0 (gboolean, facts->n_lanes + 1);
  guint i;

  *n_seen = 0;
  *all_same = TRUE;
  *common = 0;
  for (i = 0; i < fl_store_get_n_results (facts->store); i++)
    {
      const FlResult *r = fl_store_get_result (facts->store, i);

      if (r->key != FL_RESULT_GLOBAL_SEEN || r->lane == 0 || r->lane >= facts->n_lanes || done[r->lane])
        continue;
      done[r->lane] = TRUE;
      if (*n_seen == 0)
        *common = (gint64) r->a;
      else if ((gint64) r->a != *common)
        *all_same = FALSE;
      (*n_seen)++;
      if (items->len < FL_VERDICT_MAX_LISTED + 1)
        g_ptr_array_add (items, fl_verdict_format_value ((gint64) r->a));
    }
  if (items->len > FL_VERDICT_MAX_LISTED)
    {
      g_ptr_array_set_size (items, FL_VERDICT_MAX_LISTED);
      g_ptr_array_add (items, g_strdup ("…"));
    }
  return fl_verdict_join_list (items);
}

/* ---- the table ------------------------------------------------------------- */

/* Any kind the table does not know: the run's times, plainly. */
static char *
verdict_generic (const FlFacts *facts)
{
  g_autofree char *wall = NULL;
  g_autofree char *cpu = NULL;

  if (facts->n_started == 0)
    return fl_verdict_no_worker (facts);
  wall = fl_summary_format_duration (facts->wall);
  cpu = fl_summary_format_duration (facts->cpu);
  return g_strdup_printf (ngettext ("The run took %s of wall time; its %u worker and the main process used %s of CPU.",
                                    "The run took %s of wall time; its %u workers and the main process used %s of CPU.",
                                    facts->n_started),
                          wall, facts->n_started, cpu);
}

/* One entry per verdict kind a scenario may name: add new kinds here. */
static const struct
{
  const char    *kind;
  FlVerdictFunc  func;
} verdicts[] = {
  { "overlap", fl_verdict_overlap },
  { "speedup", fl_verdict_speedup },
  { "race", fl_verdict_race },
  { "globals", fl_verdict_globals },
  { "crash", fl_verdict_crash },
  { "memory", fl_verdict_memory },
  { "messages", fl_verdict_messages },
  { "zombie", fl_verdict_zombie },
  { "io", fl_verdict_io },
  { "startup", fl_verdict_startup },
  { "convoy", fl_verdict_convoy },
  { "oversubscription", fl_verdict_oversubscription },
  { "fork-vs-spawn", fl_verdict_fork_vs_spawn },
  { "program", fl_verdict_program },
};

static char *
primes_sentence (const FlFacts *facts)
{
  g_autofree char *counted = fl_summary_format_count (facts->primes);
  g_autofree char *expected = fl_summary_format_count (facts->expected_primes);

  if (!facts->has_expected)
    return g_strdup_printf (ngettext ("The workers counted %s prime.",
                                      "The workers counted %s primes.",
                                      fl_summary_plural_n (facts->primes)),
                            counted);
  if (facts->primes == facts->expected_primes)
    return g_strdup_printf (ngettext ("They counted %s prime, which is correct.",
                                      "They counted %s primes, which is correct.",
                                      fl_summary_plural_n (facts->primes)),
                            counted);
  return g_strdup_printf (ngettext ("They counted %s prime instead of %s: the result is wrong.",
                                    "They counted %s primes instead of %s: the result is wrong.",
                                    fl_summary_plural_n (facts->primes)),
                          counted, expected);
}

char *
fl_facts_verdict (const FlFacts *facts)
{
  const char *kind = fl_scenario_get_verdict_kind (facts->scenario);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *main_sentence = NULL;
  FlVerdictFunc func = verdict_generic;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (verdicts); i++)
    if (g_strcmp0 (kind, verdicts[i].kind) == 0)
      func = verdicts[i].func;

  if (facts->stopped && facts->run && fl_run_hit_time_limit (facts->run))
    {
      g_autofree char *cap = fl_summary_format_duration ((gint64) (fl_run_get_max_seconds (facts->run) * 1e9));
      g_string_append_printf (text, _("The run reached its length limit of %s and was stopped."), cap);
      g_string_append_c (text, ' ');
    }
  else if (facts->stopped)
    {
      g_autofree char *wall = fl_summary_format_duration (facts->wall);
      g_string_append_printf (text, _("The run was stopped after %s."), wall);
      g_string_append_c (text, ' ');
    }

  if (facts->store != NULL)
    {
      FlStoreOverBudget over;

      fl_store_get_over_budget (facts->store, &over);
      if (over.t >= 0)
        {
          g_autofree char *at = fl_summary_format_duration (over.t);
          g_autofree char *n = fl_summary_format_count (over.events + over.output_lines + over.messages + over.samples);

          g_string_append_printf (text,
                                  ngettext ("The run reached its recording budget at %s: from then on, "
                                            "%s record was not kept, and what follows counts only what was.",
                                            "The run reached its recording budget at %s: from then on, "
                                            "%s records were not kept, and what follows counts only what was.",
                                            fl_summary_plural_n (over.events + over.output_lines + over.messages + over.samples)),
                                  at, n);
          g_string_append_c (text, ' ');
        }
    }

  if (facts->dropped > 0)
    {
      g_autofree char *n = fl_summary_format_count (facts->dropped);

      g_string_append_printf (text,
                              ngettext ("%s event was lost: the run recorded faster than Forkline could read "
                                        "(a full ring), so the timeline has gaps and what follows counts only "
                                        "what was read.",
                                        "%s events were lost: the run recorded faster than Forkline could read "
                                        "(full rings), so the timeline has gaps and what follows counts only "
                                        "what was read.",
                                        fl_summary_plural_n (facts->dropped)),
                              n);
      g_string_append_c (text, ' ');
    }

  main_sentence = func (facts);
  g_string_append (text, main_sentence);

  if (facts->has_primes)
    {
      g_autofree char *primes = primes_sentence (facts);
      g_string_append_c (text, ' ');
      g_string_append (text, primes);
    }

  if (facts->busy_machine)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              ngettext ("Other programs kept the core busy during the run "
                                        "(%.1f of %u core’s time on average): these figures may be off.",
                                        "Other programs kept the cores busy during the run "
                                        "(%.1f of %u cores’ time on average): these figures may be off.",
                                        facts->n_cores),
                              facts->other_cores, facts->n_cores);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * fl_summary_verdict:
 * @run: a finished run
 *
 * Returns: (transfer full): what the measurements show, in one or two sentences
 */
char *
fl_summary_verdict (FlRun *run)
{
  FlStore *store;
  FlFacts facts;
  char *verdict;

  g_return_val_if_fail (FL_IS_RUN (run), NULL);

  store = fl_run_get_store (run);
  fl_store_lock (store);
  fl_facts_init (&facts, run);
  verdict = fl_facts_verdict (&facts);
  fl_facts_clear (&facts);
  fl_store_unlock (store);

  return verdict;
}

/**
 * fl_summary_get_verdict_kinds:
 *
 * Returns: (transfer container): the verdict kinds a scenario may name,
 *   NULL-terminated; free with g_free()
 */
const char **
fl_summary_get_verdict_kinds (void)
{
  const char **kinds = g_new0 (const char *, G_N_ELEMENTS (verdicts) + 1);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (verdicts); i++)
    kinds[i] = verdicts[i].kind;
  return kinds;
}

