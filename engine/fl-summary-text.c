/* fl-summary-text.c — a finished run as a table and a few lines for a terminal
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-summary"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "fl-summary-private.h"

/* Lines list this many threads or processes by name, then only totals. */
#define MAX_TEXT_ITEMS 4

/* ---- the table ------------------------------------------------------------ */

typedef struct
{
  GPtrArray *rows;     /* of GPtrArray of char* */
  guint      n_columns;
  gboolean  *right;    /* align right: numbers */
} Table;

static GPtrArray *
table_add_row (Table *table)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (table->rows, row);
  return row;
}

static void
table_render (Table   *table,
              GString *out)
{
  g_autofree guint *widths = g_new0 (guint, table->n_columns);
  guint r, c;

  for (r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);

      for (c = 0; c < row->len && c < table->n_columns; c++)
        widths[c] = MAX (widths[c], (guint) g_utf8_strlen (g_ptr_array_index (row, c), -1));
    }

  for (r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);
      gsize line_start = out->len;

      for (c = 0; c < row->len && c < table->n_columns; c++)
        {
          const char *cell = g_ptr_array_index (row, c);
          guint pad = widths[c] - (guint) g_utf8_strlen (cell, -1);

          if (c > 0)
            g_string_append (out, "  ");
          if (table->right[c])
            {
              for (; pad > 0; pad--)
                g_string_append_c (out, ' ');
              g_string_append (out, cell);
            }
          else
            {
              g_string_append (out, cell);
              for (; pad > 0; pad--)
                g_string_append_c (out, ' ');
            }
        }

      /* No trailing blanks: the last column may be left-aligned. */
      while (out->len > line_start && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }
}

static const char *
state_column_title (FlState state)
{
  switch (state)
    {
    case FL_STATE_RUNNING:  return C_("state column", "running");
    case FL_STATE_RUNNABLE: return C_("state column", "runnable");
    case FL_STATE_SLEEPING: return C_("state column", "sleeping");
    case FL_STATE_IO:       return C_("state column", "I/O");
    case FL_STATE_LOCK:     return C_("state column", "lock");
    case FL_STATE_GIL:      return C_("state column", "GIL");
    case FL_STATE_JOIN:     return C_("state column", "join");
    case FL_STATE_ZOMBIE:   return C_("state column", "zombie");
    case FL_STATE_BLOCKED:  return C_("state column", "blocked");
    case FL_STATE_NONE:
    case FL_STATE_EXITED:
    case FL_STATE_CRASHED:
    case FL_N_STATES:
    default:
      return fl_state_to_string (state);
    }
}

static char *
lane_exit_text (const FlLaneInfo *info)
{
  if (info->stopped)
    return g_strdup (_("stopped"));
  if (info->signal != 0)
    return fl_signal_name (info->signal);
  if (info->exit_t >= 0)
    return info->exit_code == 0 ? g_strdup (_("ok")) : g_strdup_printf (_("exit %d"), info->exit_code);
  if (info->start_t < 0)
    return g_strdup (_("not started"));
  return g_strdup ("—");
}

static char *
format_ms (gint64 ns)
{
  return g_strdup_printf ("%.1f", ns / 1e6);
}

/* ---- lines for what the table has no room for ---------------------------- */

static void
append_gil_line (GString       *out,
                 const FlFacts *facts)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *interval = NULL;
  gint64 held = 0, waited = 0;
  guint n = 0, i;

  if (!facts->gil)
    return;
  for (i = 0; i < facts->n_lanes; i++)
    {
      const FlLaneFacts *lf = &facts->lanes[i];
      g_autofree char *held_text = NULL;
      g_autofree char *wait_text = NULL;

      if (!lf->gil_used && lf->states[FL_STATE_GIL] == 0)
        continue;
      n++;
      held += lf->gil_held;
      waited += lf->states[FL_STATE_GIL];
      held_text = fl_summary_format_duration (lf->gil_held);
      wait_text = fl_summary_format_duration (lf->states[FL_STATE_GIL]);
      /* TRANSLATORS: one thread of the GIL line: "compute 1 held 310 ms, waited 300 ms" */
      g_ptr_array_add (items, g_strdup_printf (_("%s held %s, waited %s"),
                                               lf->info->name ? lf->info->name : "?", held_text, wait_text));
    }
  if (n == 0)
    return;

  interval = fl_summary_format_duration ((gint64) (facts->switch_interval_ms * 1e6));
  if (n <= MAX_TEXT_ITEMS)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (i = 0; i < items->len; i++)
        g_string_append_printf (list, "%s%s", i > 0 ? "; " : "", (const char *) g_ptr_array_index (items, i));
      g_string_append_printf (out, _("GIL (switch interval %s): %s"), interval, list->str);
    }
  else
    {
      g_autofree char *held_text = fl_summary_format_duration (held);
      g_autofree char *wait_text = fl_summary_format_duration (waited);

      g_string_append_printf (out, _("GIL (switch interval %s): %u threads held it %s and waited %s in all"),
                              interval, n, held_text, wait_text);
    }
  g_string_append_c (out, '\n');
}

static void
append_counter_line (GString       *out,
                     const FlFacts *facts)
{
  g_autofree char *made = NULL;

  if (!facts->has_increments)
    return;
  made = fl_summary_format_count (facts->increments);
  if (facts->has_counter)
    {
      g_autofree char *counted = g_strdup_printf ("%" G_GINT64_FORMAT, facts->counter);
      g_autofree char *lost = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) facts->increments - facts->counter);

      if (facts->all_locked)
        g_string_append_printf (out, _("Counter: %s increments under the lock, final value %s, %s lost"),
                                made, counted, lost);
      else
        g_string_append_printf (out, _("Counter: %s increments without a lock, final value %s, %s lost"),
                                made, counted, lost);
    }
  else
    g_string_append_printf (out, _("Counter: %s increments, final value not reported"), made);
  g_string_append_c (out, '\n');
}

static void
append_globals_line (GString       *out,
                     const FlFacts *facts)
{
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint i, n = 0;

  if (!facts->has_globals)
    return;
  for (i = 0; i < fl_store_get_n_results (facts->store); i++)
    {
      const FlResult *r = fl_store_get_result (facts->store, i);

      if (r->key != FL_RESULT_GLOBAL_SEEN || r->lane == 0)
        continue;
      if (n++ == MAX_TEXT_ITEMS)
        g_string_append (seen, ", …");
      else if (n <= MAX_TEXT_ITEMS)
        g_string_append_printf (seen, "%s%" G_GINT64_FORMAT, n > 1 ? ", " : "", (gint64) r->a);
    }
  before = facts->has_parent_before ? g_strdup_printf ("%" G_GINT64_FORMAT, facts->parent_before) : g_strdup ("—");
  after = facts->has_parent_after ? g_strdup_printf ("%" G_GINT64_FORMAT, facts->parent_after) : g_strdup ("—");
  g_string_append_printf (out, _("Global variable: main saw %s before its workers and %s after; the workers saw %s"),
                          before, after, n > 0 ? seen->str : "—");
  g_string_append_c (out, '\n');
}

static void
append_descriptors_line (GString       *out,
                         const FlFacts *facts)
{
  g_autoptr(GString) held = g_string_new (NULL);
  g_autofree char *parent = NULL;
  guint i, n = 0, n_holding = 0;

  if (!facts->has_descriptors)
    return;
  for (i = 1; i < facts->n_lanes; i++)
    {
      const FlLaneFacts *lf = &facts->lanes[i];

      if (lf->info->kind != FL_LANE_WORKER || !lf->has_fds)
        continue;
      if (facts->n_opened > 0 && lf->fds_opened >= facts->n_opened)
        n_holding++;
      if (n++ == MAX_TEXT_ITEMS)
        g_string_append (held, ", …");
      else if (n <= MAX_TEXT_ITEMS)
        g_string_append_printf (held, "%s%" G_GUINT64_FORMAT, n > 1 ? ", " : "", lf->fds);
    }
  parent = facts->n_lanes > 0 && facts->lanes[0].has_fds
           ? g_strdup_printf ("%" G_GUINT64_FORMAT, facts->lanes[0].fds) : g_strdup ("—");
  if (facts->n_opened > 0 && n > 0)
    g_string_append_printf (out, _("Descriptors: main held %s; the workers held %s; %u of %u workers had the "
                                   "main process's opened files"),
                            parent, held->str, n_holding, n);
  else
    g_string_append_printf (out, _("Descriptors: main held %s; the workers held %s"),
                            parent, n > 0 ? held->str : "—");
  g_string_append_c (out, '\n');
}

static void
append_messages_line (GString       *out,
                      const FlFacts *facts)
{
  g_autofree char *sent = NULL;
  g_autofree char *received = NULL;

  if (facts->n_messages == 0)
    return;
  sent = fl_summary_format_count (facts->n_messages);
  received = fl_summary_format_count (facts->n_received);
  if (facts->latency_median >= 0)
    {
      g_autofree char *median = fl_summary_format_duration (facts->latency_median);
      g_autofree char *most = fl_summary_format_duration (facts->latency_max);

      g_string_append_printf (out, _("Messages: %s sent, %s received, latency %s in the median, %s at most"),
                              sent, received, median, most);
    }
  else
    g_string_append_printf (out, _("Messages: %s sent, %s received"), sent, received);
  g_string_append_c (out, '\n');
}

static void
append_memory_lines (GString       *out,
                     const FlFacts *facts)
{
  guint i;

  if (facts->has_alloc)
    {
      g_autofree char *allocated = fl_summary_format_kb (facts->alloc_bytes / 1024);
      g_autofree char *touched = fl_summary_format_kb (facts->touched_bytes / 1024);

      g_string_append_printf (out, _("Allocated %s, touched %s"), allocated, touched);
      g_string_append_c (out, '\n');
    }

  if (facts->spaces->len == 0)
    return;
  if (facts->spaces->len <= MAX_TEXT_ITEMS)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (i = 0; i < facts->spaces->len; i++)
        {
          const FlSpaceFacts *space = &g_array_index (facts->spaces, FlSpaceFacts, i);
          const FlLaneInfo *info = fl_store_get_lane_info (facts->store, space->lane);
          g_autofree char *rss = fl_summary_format_kb (space->peak->rss_kb);
          g_autofree char *pss = fl_summary_format_kb (space->peak->pss_kb);

          g_string_append_printf (list, "%s%s %s / %s", i > 0 ? ", " : "",
                                  info != NULL && info->name != NULL ? info->name : "?", rss, pss);
        }
      g_string_append_printf (out, _("Memory at its peak (RSS / PSS): %s"), list->str);
    }
  else
    {
      guint64 rss = 0, pss = 0;
      g_autofree char *rss_text = NULL;
      g_autofree char *pss_text = NULL;

      for (i = 0; i < facts->spaces->len; i++)
        {
          rss += g_array_index (facts->spaces, FlSpaceFacts, i).peak->rss_kb;
          pss += g_array_index (facts->spaces, FlSpaceFacts, i).peak->pss_kb;
        }
      rss_text = fl_summary_format_kb (rss);
      pss_text = fl_summary_format_kb (pss);
      g_string_append_printf (out, _("Memory at the peaks of %u address spaces: %s resident, PSS %s"),
                              facts->spaces->len, rss_text, pss_text);
    }
  g_string_append_c (out, '\n');
}

/**
 * fl_summary_format_text:
 * @run: a finished run
 *
 * Returns: (transfer full): the summary for a terminal, ending with a newline
 */
char *
fl_summary_format_text (FlRun *run)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree gboolean *right = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *wall = NULL;
  g_autofree char *cpu = NULL;
  g_autofree char *dropped = NULL;
  FlState shown[FL_N_STATES];
  guint n_shown = 0;
  FlStore *store;
  GPtrArray *row, *units;
  Table table;
  FlFacts facts;
  guint i, s;

  g_return_val_if_fail (FL_IS_RUN (run), NULL);

  store = fl_run_get_store (run);
  fl_store_lock (store);
  fl_facts_init (&facts, run);

  /* Running, sleeping and I/O always; the other states when some lane spent time in them. */
  for (s = 0; s < FL_N_STATES; s++)
    {
      gboolean any = s == FL_STATE_RUNNING || s == FL_STATE_SLEEPING || s == FL_STATE_IO;

      if (!fl_state_is_timed (s))
        continue;
      for (i = 0; i < facts.n_lanes && !any; i++)
        any = facts.lanes[i].states[s] >= 500000;
      if (any)
        shown[n_shown++] = s;
    }

  table.rows = rows;
  table.n_columns = 6 + n_shown + 1;
  table.right = right = g_new0 (gboolean, table.n_columns);
  right[0] = right[4] = right[5] = TRUE;
  for (s = 0; s < n_shown; s++)
    right[6 + s] = TRUE;

  row = table_add_row (&table);
  g_ptr_array_add (row, g_strdup (_("ID")));
  g_ptr_array_add (row, g_strdup (_("Name")));
  g_ptr_array_add (row, g_strdup (_("Kind")));
  g_ptr_array_add (row, g_strdup (_("PID/TID")));
  g_ptr_array_add (row, g_strdup (_("CPU")));
  g_ptr_array_add (row, g_strdup (_("Start")));
  for (s = 0; s < n_shown; s++)
    g_ptr_array_add (row, g_strdup (state_column_title (shown[s])));
  g_ptr_array_add (row, g_strdup (_("Exit")));

  /* The units, under the titles. */
  units = table_add_row (&table);
  for (i = 0; i < 4; i++)
    g_ptr_array_add (units, g_strdup (""));
  g_ptr_array_add (units, g_strdup (_("ms")));
  g_ptr_array_add (units, g_strdup (_("µs")));
  for (s = 0; s < n_shown; s++)
    g_ptr_array_add (units, g_strdup (_("ms")));
  g_ptr_array_add (units, g_strdup (""));

  for (i = 0; i < facts.n_lanes; i++)
    {
      const FlLaneFacts *lf = &facts.lanes[i];
      const FlLaneInfo *info = lf->info;

      row = table_add_row (&table);
      g_ptr_array_add (row, g_strdup_printf ("%u", info->id));
      g_ptr_array_add (row, g_strdup (info->name ? info->name : ""));
      g_ptr_array_add (row, g_strdup (info->is_process ? _("process") : _("thread")));
      if (info->pid == 0)
        g_ptr_array_add (row, g_strdup ("—"));
      else if (info->tid == 0 || info->tid == info->pid)
        g_ptr_array_add (row, g_strdup_printf ("%d", info->pid));
      else
        g_ptr_array_add (row, g_strdup_printf ("%d/%d", info->pid, info->tid));
      g_ptr_array_add (row, info->cpu_ns >= 0 ? format_ms (info->cpu_ns) : g_strdup ("—"));
      if (lf->start_latency >= 0)
        g_ptr_array_add (row, g_strdup_printf ("%.0f", lf->start_latency / 1e3));
      else
        g_ptr_array_add (row, g_strdup ("—"));
      for (s = 0; s < n_shown; s++)
        g_ptr_array_add (row, format_ms (lf->states[shown[s]]));
      g_ptr_array_add (row, lane_exit_text (info));
    }

  table_render (&table, out);
  g_string_append_c (out, '\n');

  wall = fl_summary_format_duration (facts.wall);
  /* Processes killed by a stop never report their CPU time. */
  if (facts.n_lane_cpu_known == 0)
    g_string_append_printf (out, _("Wall time %s, CPU time not reported"), wall);
  else if (facts.n_lane_cpu_known < facts.n_lanes)
    {
      cpu = fl_summary_format_duration (facts.cpu);
      g_string_append_printf (out, _("Wall time %s, CPU time at least %s"), wall, cpu);
    }
  else
    {
      cpu = fl_summary_format_duration (facts.cpu);
      g_string_append_printf (out, _("Wall time %s, CPU time %s"), wall, cpu);
    }
  g_string_append_c (out, '\n');

  dropped = fl_summary_format_count (facts.dropped);
  g_string_append_printf (out, ngettext ("%s dropped event", "%s dropped events", fl_summary_plural_n (facts.dropped)),
                          dropped);
  g_string_append_c (out, '\n');

  {
    FlStoreOverBudget over;

    fl_store_get_over_budget (store, &over);
    if (over.t >= 0)
      {
        g_autofree char *at = fl_summary_format_duration (over.t);
        g_autofree char *events = fl_summary_format_count (over.events);
        g_autofree char *lines = fl_summary_format_count (over.output_lines);
        g_autofree char *messages = fl_summary_format_count (over.messages);
        g_autofree char *samples = fl_summary_format_count (over.samples);

        /* TRANSLATORS: the run's memory budget; counts of what it did not keep */
        g_string_append_printf (out, _("Recording budget reached at %s: not kept: %s events, "
                                       "%s output lines, %s messages, %s samples"),
                                at, events, lines, messages, samples);
        g_string_append_c (out, '\n');
      }
  }

  if (facts.has_primes)
    {
      g_autofree char *primes = fl_summary_format_count (facts.primes);
      g_autofree char *blocks = fl_summary_format_count (facts.blocks);

      if (facts.has_expected)
        {
          g_autofree char *expected = fl_summary_format_count (facts.expected_primes);
          g_string_append_printf (out, _("Primes: %s counted in %s blocks, %s expected: %s"),
                                  primes, blocks, expected,
                                  facts.primes == facts.expected_primes ? _("correct") : _("wrong"));
        }
      else
        g_string_append_printf (out, _("Primes: %s counted in %s blocks"), primes, blocks);
      g_string_append_c (out, '\n');
    }
  if (facts.has_io)
    {
      g_autofree char *requests = fl_summary_format_count (facts.io_requests);
      g_autofree char *waited = fl_summary_format_duration ((gint64) facts.io_wait_ns);

      g_string_append_printf (out, _("I/O: %s requests answered, %s spent waiting"), requests, waited);
      g_string_append_c (out, '\n');
    }
  append_gil_line (out, &facts);
  append_counter_line (out, &facts);
  append_globals_line (out, &facts);
  append_descriptors_line (out, &facts);
  append_messages_line (out, &facts);
  append_memory_lines (out, &facts);

  verdict = fl_facts_verdict (&facts);
  g_string_append_c (out, '\n');
  g_string_append (out, verdict);
  g_string_append_c (out, '\n');

  fl_facts_clear (&facts);
  fl_store_unlock (store);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
