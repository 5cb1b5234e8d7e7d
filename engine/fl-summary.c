/* fl-summary.c — a finished run as one JSON object
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures come from fl-measure.c and the sentences from fl-verdict.c;
 * this file lays them out as JSON, fl-summary-text.c as a table.
 */

#define G_LOG_DOMAIN "fl-summary"

#include "config.h"

#include <math.h>
#include <sys/wait.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fl-sampler.h"
#include "fl-summary-private.h"
#include "fl-program.h"

/* At most this many points per core in the JSON: enough for a chart. */
#define MAX_CORE_POINTS 500

/* At most this many messages are listed one by one. */
#define MAX_LISTED_MESSAGES 1000
/* The same for each list of results (globals set and seen, descriptor
 * reports): a loop can make millions, and the summary stays small. */
#define MAX_LISTED_RESULTS  1000

/* At most this many regions per address space. */
#define MAX_REGIONS 1000

static const char *
lane_role (const FlLaneInfo *info)
{
  switch (info->kind)
    {
    case FL_LANE_MAIN:
      return "main";
    case FL_LANE_SERVER:
      return "server";
    case FL_LANE_WORKER:
    default:
      return "worker";
    }
}

/* "ok", "exit:N", "signal:SIGSEGV", or NULL for a lane that never ended. */
static char *
lane_exit_string (const FlLaneInfo *info)
{
  if (info->signal != 0)
    {
      g_autofree char *name = fl_signal_name (info->signal);
      return g_strconcat ("signal:", name, NULL);
    }
  if (info->exit_t >= 0)
    return info->exit_code == 0 ? g_strdup ("ok") : g_strdup_printf ("exit:%d", info->exit_code);
  return NULL;
}

static const char *
region_kind_to_string (FlRegionKind kind)
{
  switch (kind)
    {
    case FL_REGION_CODE:    return "code";
    case FL_REGION_GLOBALS: return "globals";
    case FL_REGION_HEAP:    return "heap";
    case FL_REGION_STACK:   return "stack";
    case FL_REGION_SHARED:  return "shared";
    case FL_REGION_ANON:    return "anon";
    case FL_REGION_OTHER:
    case FL_N_REGION_KINDS:
    default:
      return "other";
    }
}

/* ---- JSON ---------------------------------------------------------------- */

/* Milliseconds with three decimals: GIL slices and message latencies are
 * far below a millisecond. */
static double
precise_ms (gint64 ns)
{
  return round ((double) ns / 1e3) / 1e3;
}

/* @value to @decimals places; dividing last keeps 44.4 from printing as 44.400000000000006. */
static double
rounded (double value,
         int    decimals)
{
  double scale = pow (10, decimals);

  return round (value * scale) / scale;
}

static void
set_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
set_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
set_null (JsonBuilder *builder,
          const char  *name)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_null_value (builder);
}

static void
build_lane (JsonBuilder       *builder,
            const FlLaneFacts *lf)
{
  const FlLaneInfo *info = lf->info;
  g_autofree char *exit_string = lane_exit_string (info);
  guint s;

  json_builder_begin_object (builder);

  set_int (builder, "id", info->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, info->name ? info->name : "");
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, lane_role (info));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, info->is_process ? "process" : "thread");
  set_int (builder, "pid", info->pid);
  set_int (builder, "tid", info->tid);

  if (info->cpu_ns >= 0)
    set_int (builder, "cpu_ms", fl_summary_ns_to_ms (info->cpu_ns));
  else
    set_null (builder, "cpu_ms");

  if (lf->start_latency >= 0)
    set_int (builder, "start_latency_us", (lf->start_latency + 500) / 1000);
  else
    set_null (builder, "start_latency_us");

  /* "runnable" is the part of "running" the sampler saw waiting for a
   * core (see fl_measure_runnable_spans()); "running" is the rest. */
  json_builder_set_member_name (builder, "states_ms");
  json_builder_begin_object (builder);
  for (s = 0; s < FL_N_STATES; s++)
    if (fl_state_is_timed (s))
      set_int (builder, fl_state_to_string (s), fl_summary_ns_to_ms (lf->states[s]));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "exit");
  if (exit_string != NULL)
    json_builder_add_string_value (builder, exit_string);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "stopped");
  json_builder_add_boolean_value (builder, info->stopped);

  json_builder_end_object (builder);
}

static void
build_gil (JsonBuilder   *builder,
           const FlFacts *facts)
{
  guint i;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, facts->gil);
  set_double (builder, "switch_interval_ms", facts->switch_interval_ms);

  /* Each thread that took the GIL or waited for it: held from each
   * "taken" to the next "released", waiting while in the "gil" state. */
  json_builder_set_member_name (builder, "threads");
  json_builder_begin_array (builder);
  for (i = 0; facts->gil && i < facts->n_lanes; i++)
    {
      const FlLaneFacts *lf = &facts->lanes[i];

      if (!lf->gil_used && lf->states[FL_STATE_GIL] == 0)
        continue;
      json_builder_begin_object (builder);
      set_int (builder, "worker", lf->info->id);
      set_double (builder, "held_ms", precise_ms (lf->gil_held));
      set_double (builder, "wait_ms", precise_ms (lf->states[FL_STATE_GIL]));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
build_samples (JsonBuilder   *builder,
               const FlFacts *facts)
{
  guint n_cores = fl_store_get_n_cores (facts->store);
  guint i, c;

  json_builder_begin_object (builder);
  set_double (builder, "rate_hz", facts->sample_rate_hz);
  json_builder_set_member_name (builder, "smoothing");
  json_builder_add_string_value (builder, fl_sampler_describe_smoothing ());

  /* One series per core of [t_ms, busy %] pairs. */
  json_builder_set_member_name (builder, "cores");
  json_builder_begin_array (builder);
  for (c = 0; c < n_cores; c++)
    {
      const FlCoreSample *samples;
      g_autoptr(GArray) points = NULL;
      gsize n;

      samples = fl_store_get_core_samples (facts->store, c, &n);
      points = fl_measure_downsample_cores (samples, n, MAX_CORE_POINTS);
      json_builder_begin_array (builder);
      for (i = 0; i < points->len; i++)
        {
          const FlCoreSample *p = &g_array_index (points, FlCoreSample, i);

          json_builder_begin_array (builder);
          json_builder_add_int_value (builder, fl_summary_ns_to_ms (p->t));
          json_builder_add_double_value (builder, rounded (CLAMP (p->busy, 0.f, 1.f) * 100.0, 1));
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "workers");
  json_builder_begin_array (builder);
  for (i = 0; i < facts->n_lanes; i++)
    {
      const FlLaneFacts *lf = &facts->lanes[i];
      static const char always[] = "RSDZ";
      guint k;

      if (lf->n_samples == 0)
        continue;
      json_builder_begin_object (builder);
      set_int (builder, "id", lf->info->id);
      set_int (builder, "samples", (gint64) lf->n_samples);
      set_int (builder, "cpu_ms", fl_summary_ns_to_ms (lf->sampled_cpu));
      set_int (builder, "runnable_ms", fl_summary_ns_to_ms (MAX (lf->sampled_wait, 0)));
      json_builder_set_member_name (builder, "kernel_states");
      json_builder_begin_object (builder);
      /* R, S, D and Z always, as shares of the samples; other letters when seen. */
      for (k = 1; k < G_N_ELEMENTS (lf->kstates); k++)
        {
          char name[2] = { (char) k, '\0' };

          if (lf->kstates[k] == 0 && strchr (always, (int) k) == NULL)
            continue;
          set_double (builder, name, rounded ((double) lf->kstates[k] / (double) lf->n_samples, 3));
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

static void
build_region (JsonBuilder    *builder,
              const FlRegion *region)
{
  g_autofree char *start = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", region->start);
  g_autofree char *end = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", region->end);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, region_kind_to_string (region->kind));
  /* Strings: addresses do not fit a double, which is what many JSON readers use. */
  json_builder_set_member_name (builder, "start");
  json_builder_add_string_value (builder, start);
  json_builder_set_member_name (builder, "end");
  json_builder_add_string_value (builder, end);
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, region->label ? region->label : "");
  if (region->lane >= 0)
    set_int (builder, "worker", region->lane);
  else
    set_null (builder, "worker");
  if (region->rss_kb != G_MAXUINT64)
    set_int (builder, "rss_kb", (gint64) region->rss_kb);
  json_builder_end_object (builder);
}

static void
build_memory (JsonBuilder   *builder,
              const FlFacts *facts)
{
  guint i, r;

  json_builder_begin_array (builder);
  for (i = 0; i < facts->spaces->len; i++)
    {
      const FlSpaceFacts *space = &g_array_index (facts->spaces, FlSpaceFacts, i);
      const FlMemorySample *m = space->latest;

      json_builder_begin_object (builder);
      set_int (builder, "pid", space->pid);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, space->lane == 0 ? "main" : "worker");
      set_int (builder, "worker", space->lane);
      set_int (builder, "t_ms", fl_summary_ns_to_ms (m->t));
      set_int (builder, "rss_kb", (gint64) m->rss_kb);
      set_int (builder, "pss_kb", (gint64) m->pss_kb);
      set_int (builder, "shared_kb", (gint64) (m->shared_clean_kb + m->shared_dirty_kb));
      set_int (builder, "private_kb", (gint64) (m->private_clean_kb + m->private_dirty_kb));
      set_int (builder, "private_dirty_kb", (gint64) m->private_dirty_kb);
      set_int (builder, "anon_kb", (gint64) m->anon_kb);
      set_int (builder, "peak_rss_kb", (gint64) space->peak->rss_kb);

      json_builder_set_member_name (builder, "regions");
      json_builder_begin_array (builder);
      for (r = 0; space->regions != NULL && r < space->regions->regions->len && r < MAX_REGIONS; r++)
        build_region (builder, g_ptr_array_index (space->regions->regions, r));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_messages (JsonBuilder   *builder,
                const FlFacts *facts)
{
  guint i, n = fl_store_get_n_messages (facts->store);

  json_builder_begin_object (builder);
  set_int (builder, "count", facts->n_messages);
  set_int (builder, "received", facts->n_received);
  set_int (builder, "bytes", (gint64) facts->message_bytes);

  json_builder_set_member_name (builder, "latency_ms");
  json_builder_begin_object (builder);
  if (facts->latency_median >= 0)
    {
      set_double (builder, "median", precise_ms (facts->latency_median));
      set_double (builder, "max", precise_ms (facts->latency_max));
    }
  else
    {
      set_null (builder, "median");
      set_null (builder, "max");
    }
  json_builder_end_object (builder);

  /* Received messages per second, from the first send to the last receipt. */
  set_double (builder, "per_second", rounded (fl_facts_message_rate (facts), 1));

  json_builder_set_member_name (builder, "list");
  json_builder_begin_array (builder);
  for (i = 0; i < n && i < MAX_LISTED_MESSAGES; i++)
    {
      const FlMessage *msg = fl_store_get_message (facts->store, i);

      json_builder_begin_object (builder);
      set_int (builder, "id", msg->id);
      set_int (builder, "bytes", msg->bytes);
      if (msg->send_lane != G_MAXUINT)
        set_int (builder, "from", msg->send_lane);
      else
        set_null (builder, "from");
      if (msg->receive_lane != G_MAXUINT)
        set_int (builder, "to", msg->receive_lane);
      else
        set_null (builder, "to");
      if (msg->send_t >= 0)
        set_double (builder, "sent_ms", precise_ms (msg->send_t));
      else
        set_null (builder, "sent_ms");
      if (msg->receive_t >= 0)
        set_double (builder, "received_ms", precise_ms (msg->receive_t));
      else
        set_null (builder, "received_ms");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "list_truncated");
  json_builder_add_boolean_value (builder, n > MAX_LISTED_MESSAGES);

  json_builder_end_object (builder);
}

static void
build_globals (JsonBuilder   *builder,
               const FlFacts *facts)
{
  gboolean truncated = FALSE;
  guint i, pass;

  json_builder_begin_object (builder);
  set_int (builder, "initial", FL_GLOBAL_INITIAL);

  for (pass = 0; pass < 2; pass++)
    {
      guint key = pass == 0 ? FL_RESULT_GLOBAL_SET : FL_RESULT_GLOBAL_SEEN;
      guint listed = 0;

      json_builder_set_member_name (builder, pass == 0 ? "set" : "seen");
      json_builder_begin_array (builder);
      for (i = 0; i < fl_store_get_n_results (facts->store); i++)
        {
          const FlResult *r = fl_store_get_result (facts->store, i);

          if (r->key != key)
            continue;
          if (listed++ == MAX_LISTED_RESULTS)
            {
              truncated = TRUE;
              break;
            }
          json_builder_begin_object (builder);
          set_int (builder, "worker", r->lane);
          if (key == FL_RESULT_GLOBAL_SEEN)
            set_int (builder, "pid", (gint64) r->b);
          set_int (builder, "value", (gint64) r->a);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "lists_truncated");
  json_builder_add_boolean_value (builder, truncated);

  /* The main process's reads before its first start and after its last join. */
  if (facts->has_parent_before)
    set_int (builder, "parent_before", facts->parent_before);
  else
    set_null (builder, "parent_before");
  if (facts->has_parent_after)
    set_int (builder, "parent_after", facts->parent_after);
  else
    set_null (builder, "parent_after");
  json_builder_end_object (builder);
}

/* What `open` opened in the main process, and what `fds` found in each
 * process: every report, in the order each lane made them. */
static void
build_descriptors (JsonBuilder   *builder,
                   const FlFacts *facts)
{
  gboolean truncated = FALSE;
  guint i, listed = 0;

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "opened");
  json_builder_begin_array (builder);
  for (i = 0; i < fl_store_get_n_results (facts->store); i++)
    {
      const FlResult *r = fl_store_get_result (facts->store, i);

      if (r->key != FL_RESULT_OPENED)
        continue;
      json_builder_begin_object (builder);
      set_int (builder, "worker", r->lane);
      set_int (builder, "fd", (gint64) r->a);
      set_int (builder, "inode", (gint64) r->b);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "processes");
  json_builder_begin_array (builder);
  for (i = 0; i < fl_store_get_n_results (facts->store); i++)
    {
      const FlResult *r = fl_store_get_result (facts->store, i);
      const FlLaneInfo *info;

      if (r->key != FL_RESULT_DESCRIPTORS || r->lane >= facts->n_lanes)
        continue;
      if (listed++ == MAX_LISTED_RESULTS)
        {
          truncated = TRUE;
          break;
        }
      info = facts->lanes[r->lane].info;
      json_builder_begin_object (builder);
      set_int (builder, "worker", r->lane);
      if (info->pid > 0)
        set_int (builder, "pid", info->pid);
      else
        set_null (builder, "pid");
      set_int (builder, "count", (gint64) r->a);
      set_int (builder, "opened_found", (gint64) r->b);
      /* A worker holds every file the main process had opened. */
      if (info->kind == FL_LANE_WORKER)
        {
          json_builder_set_member_name (builder, "inherited");
          json_builder_add_boolean_value (builder, facts->n_opened > 0 && r->b >= facts->n_opened);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "processes_truncated");
  json_builder_add_boolean_value (builder, truncated);

  json_builder_end_object (builder);
}

static void
build_results (JsonBuilder   *builder,
               const FlFacts *facts)
{
  json_builder_begin_object (builder);

  if (facts->has_primes)
    {
      set_int (builder, "primes", (gint64) facts->primes);
      if (facts->has_expected)
        set_int (builder, "expected_primes", (gint64) facts->expected_primes);
      else
        set_null (builder, "expected_primes");
      json_builder_set_member_name (builder, "correct");
      json_builder_add_boolean_value (builder, facts->has_expected && facts->primes == facts->expected_primes);
      set_int (builder, "blocks", (gint64) facts->blocks);
    }

  if (facts->has_io)
    {
      set_int (builder, "io_requests", (gint64) facts->io_requests);
      set_int (builder, "io_wait_ms", fl_summary_ns_to_ms ((gint64) facts->io_wait_ns));
      json_builder_set_member_name (builder, "io");
      json_builder_begin_object (builder);
      set_int (builder, "requests", (gint64) facts->io_requests);
      if (facts->io_requests > 0)
        set_double (builder, "mean_wait_ms", precise_ms ((gint64) (facts->io_wait_ns / facts->io_requests)));
      else
        set_null (builder, "mean_wait_ms");
      json_builder_end_object (builder);
    }

  if (facts->has_increments || facts->has_counter)
    {
      json_builder_set_member_name (builder, "counter");
      json_builder_begin_object (builder);
      set_int (builder, "expected", (gint64) facts->increments);
      if (facts->has_counter)
        {
          set_int (builder, "actual", facts->counter);
          set_int (builder, "lost", (gint64) facts->increments - facts->counter);
        }
      else
        {
          /* The main process died before it could report the counter. */
          set_null (builder, "actual");
          set_null (builder, "lost");
        }
      json_builder_set_member_name (builder, "locked");
      json_builder_add_boolean_value (builder, facts->all_locked);
      json_builder_end_object (builder);
    }

  if (facts->has_globals)
    {
      json_builder_set_member_name (builder, "globals");
      build_globals (builder, facts);
    }

  if (facts->has_descriptors || facts->n_opened > 0)
    {
      json_builder_set_member_name (builder, "descriptors");
      build_descriptors (builder, facts);
    }

  if (facts->has_alloc)
    {
      json_builder_set_member_name (builder, "memory_alloc");
      json_builder_begin_object (builder);
      set_double (builder, "allocated_mb", rounded (facts->alloc_bytes / 1048576.0, 1));
      set_double (builder, "touched_mb", rounded (facts->touched_bytes / 1048576.0, 1));
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);
}

static gboolean
budget_reached (FlStore *store)
{
  FlStoreOverBudget over;

  fl_store_get_over_budget (store, &over);
  return over.t >= 0;
}

/* Only when it was reached: a run within it has no "budget" member (a
 * saved run keeps the facts, fl-run-file.c). */
static void
build_budget (JsonBuilder *builder,
              FlStore     *store)
{
  FlStoreBudget budget;
  FlStoreOverBudget over;

  fl_store_get_budget (store, &budget);
  fl_store_get_over_budget (store, &over);
  json_builder_begin_object (builder);
  set_int (builder, "events", (gint64) budget.events);
  set_int (builder, "output_lines", (gint64) budget.output_lines);
  set_int (builder, "output_bytes", (gint64) budget.output_bytes);
  set_int (builder, "messages", (gint64) budget.messages);
  set_int (builder, "samples", (gint64) budget.samples);
  set_int (builder, "memory_samples", (gint64) budget.memory_samples);
  set_int (builder, "reached_ms", fl_summary_ns_to_ms (over.t));
  set_int (builder, "events_not_kept", (gint64) over.events);
  set_int (builder, "output_lines_not_kept", (gint64) over.output_lines);
  set_int (builder, "messages_not_kept", (gint64) over.messages);
  set_int (builder, "samples_not_kept", (gint64) over.samples);
  json_builder_end_object (builder);
}

static JsonNode *build_summary (FlRun *run, gboolean with_output);

/* An observed Python program: what ran, and what the run said once. */
static void
build_program (JsonBuilder   *builder,
               FlRun         *run,
               const FlFacts *facts)
{
  FlProgram *program = fl_run_get_program (run);
  g_autoptr(GPtrArray) notes = fl_run_dup_notes (run);
  const char * const *args = fl_program_get_args (program);
  double peak = fl_verdict_program_peak_cores (facts);
  guint i;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, fl_program_get_path (program));
  json_builder_set_member_name (builder, "interpreter");
  json_builder_add_string_value (builder, fl_program_get_interpreter (program));
  json_builder_set_member_name (builder, "python_version");
  json_builder_add_string_value (builder, fl_program_get_python_version (program));
  json_builder_set_member_name (builder, "example");
  if (fl_program_get_example_id (program))
    json_builder_add_string_value (builder, fl_program_get_example_id (program));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "args");
  json_builder_begin_array (builder);
  for (i = 0; args && args[i]; i++)
    json_builder_add_string_value (builder, args[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "exit_status");
  {
    int status = fl_run_get_main_status (run);

    if (fl_run_was_stopped (run))
      json_builder_add_null_value (builder);
    else if (WIFEXITED (status))
      json_builder_add_int_value (builder, WEXITSTATUS (status));
    else
      json_builder_add_null_value (builder);
    json_builder_set_member_name (builder, "exit_signal");
    if (!fl_run_was_stopped (run) && WIFSIGNALED (status))
      {
        g_autofree char *name = fl_signal_name (WTERMSIG (status));
        json_builder_add_string_value (builder, name);
      }
    else
      json_builder_add_null_value (builder);
  }
  json_builder_set_member_name (builder, "peak_cores");
  if (peak >= 0)
    json_builder_add_double_value (builder, rounded (peak, 2));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (i = 0; i < notes->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (notes, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/**
 * fl_summary_build:
 * @run: a finished run
 *
 * Returns: (transfer full): the summary object
 */
JsonNode *
fl_summary_build (FlRun *run)
{
  return build_summary (run, TRUE);
}

static void
write_output_line (GString            *out,
                   const FlOutputLine *line,
                   gboolean            last)
{
  g_autoptr(JsonNode) text = json_node_new (JSON_NODE_VALUE);
  g_autofree char *quoted = NULL;

  json_node_set_string (text, line->text);
  quoted = json_to_string (text, FALSE);
  g_string_append_printf (out, "    {\n      \"t_ms\" : %" G_GINT64_FORMAT ",\n      \"worker\" : %u,\n"
                          "      \"text\" : %s%s\n    }%s\n",
                          fl_summary_ns_to_ms (line->t), line->lane, quoted,
                          line->truncated ? ",\n      \"truncated\" : true" : "",
                          last ? "" : ",");
}

/**
 * fl_summary_write_json:
 * @run: a finished run
 * @out: where to write
 *
 * Writes what fl_summary_build() returns, pretty-printed as json-glib
 * prints it, without ever holding the output lines as JSON nodes: a
 * run's output may be hundreds of thousands of lines.
 *
 * Returns: FALSE if writing failed
 */
gboolean
fl_summary_write_json (FlRun *run,
                       FILE  *out)
{
  static const char marker[] = "\n  \"output\" : [],\n";
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GString) chunk = g_string_new (NULL);
  g_autofree char *json = NULL;
  FlStore *store;
  const char *at;
  gboolean ok = TRUE;
  guint i, n;

  g_return_val_if_fail (FL_IS_RUN (run), FALSE);

  root = build_summary (run, FALSE);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  /* The output array is the object's only member at this depth printed
   * empty, and a newline cannot be inside a JSON string. */
  at = strstr (json, marker);
  if (at == NULL)
    return fputs (json, out) >= 0 && fputc ('\n', out) != EOF;

  store = fl_run_get_store (run);
  ok &= fwrite (json, 1, (gsize) (at - json), out) == (gsize) (at - json);
  n = fl_store_get_n_output (store);
  fputs (n > 0 ? "\n  \"output\" : [\n" : marker, out);
  for (i = 0; i < n && ok; i++)
    {
      write_output_line (chunk, fl_store_get_output_sorted (store, i), i + 1 == n);
      if (chunk->len > 65536 || i + 1 == n)
        {
          ok &= fwrite (chunk->str, 1, chunk->len, out) == chunk->len;
          g_string_truncate (chunk, 0);
        }
    }
  if (n > 0)
    fputs ("  ],\n", out);
  ok &= fputs (at + strlen (marker), out) >= 0;
  ok &= fputc ('\n', out) != EOF;
  return ok && fflush (out) == 0;
}

/* The caller holds the store's lock. */
static double
gil_wait_percent (const FlFacts *facts,
                  char         **unknown_why)
{
  FlProgram *program = fl_run_get_program (facts->run);
  gint64 lifetime = 0, gil = 0;
  guint i;

  if (unknown_why)
    *unknown_why = NULL;
  if (program != NULL)
    {
      g_autoptr(GPtrArray) notes = fl_run_dup_notes (facts->run);
      const char *note = fl_program_find_gil_unknown_note (notes);

      if (note != NULL)
        {
          if (unknown_why)
            *unknown_why = g_strdup (note);
          return -1;
        }
      if (!facts->sampled)
        {
          if (unknown_why)
            *unknown_why = g_strdup (_("The threads' states were not sampled, so their waits for the GIL are not known."));
          return -1;
        }
    }
  for (i = 0; i < facts->n_lanes; i++)
    {
      const FlLaneFacts *lf = &facts->lanes[i];

      if (!fl_verdict_is_started_worker (lf) || lf->lifetime <= 0)
        continue;
      lifetime += lf->lifetime;
      gil += lf->states[FL_STATE_GIL];
    }
  if (lifetime <= 0)
    {
      if (unknown_why)
        *unknown_why = g_strdup (_("No worker of the run was seen running."));
      return -1;
    }
  return fl_verdict_share_percent (gil, lifetime);
}

double
fl_summary_gil_wait_percent (FlRun  *run,
                             char  **unknown_why)
{
  FlStore *store;
  FlFacts facts;
  double pct;

  g_return_val_if_fail (FL_IS_RUN (run), -1);

  store = fl_run_get_store (run);
  fl_store_lock (store);
  fl_facts_init (&facts, run);
  pct = gil_wait_percent (&facts, unknown_why);
  fl_facts_clear (&facts);
  fl_store_unlock (store);
  return pct;
}

/**
 * fl_summary_get_figures:
 * @run: a finished run
 * @figures: (out caller-allocates): where the figures go; clear them with
 *   fl_summary_figures_clear()
 *
 * Fills @figures with what fl_summary_build() says of wall time, CPU
 * time, speed-up, peak memory and verdict, without building the summary.
 */
void
fl_summary_get_figures (FlRun            *run,
                        FlSummaryFigures *figures)
{
  FlStore *store;
  FlFacts facts;
  guint i;

  g_return_if_fail (FL_IS_RUN (run));
  g_return_if_fail (figures != NULL);

  store = fl_run_get_store (run);
  fl_store_lock (store);
  fl_facts_init (&facts, run);
  figures->wall_ms = fl_summary_ns_to_ms (facts.wall);
  figures->cpu_ms = fl_summary_ns_to_ms (facts.cpu);
  figures->speedup = facts.speedup >= 0 ? facts.speedup : -1;
  figures->peak_rss_kb = 0;
  for (i = 0; i < facts.spaces->len; i++)
    {
      /* an unmeasured peak (-1) counts as nothing, as in the summary's readers */
      gint64 peak = (gint64) g_array_index (facts.spaces, FlSpaceFacts, i).peak->rss_kb;

      if (peak > 0)
        figures->peak_rss_kb += (guint64) peak;
    }
  figures->verdict = fl_facts_verdict (&facts);
  fl_facts_clear (&facts);
  fl_store_unlock (store);
}

void
fl_summary_figures_clear (FlSummaryFigures *figures)
{
  g_clear_pointer (&figures->verdict, g_free);
}

static JsonNode *
build_summary (FlRun    *run,
               gboolean  with_output)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *verdict = NULL;
  FlStore *store;
  FlFacts facts;
  guint i, n_output;

  g_return_val_if_fail (FL_IS_RUN (run), NULL);

  store = fl_run_get_store (run);
  fl_store_lock (store);
  fl_facts_init (&facts, run);
  verdict = fl_facts_verdict (&facts);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "scenario");
  json_builder_add_string_value (builder, fl_scenario_get_id (facts.scenario));
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, fl_mode_to_string (facts.mode));
  set_int (builder, "worker_count", facts.n_workers);
  set_int (builder, "wall_ms", fl_summary_ns_to_ms (facts.wall));
  set_int (builder, "cpu_ms", fl_summary_ns_to_ms (facts.cpu));
  set_int (builder, "dropped_events", (gint64) facts.dropped);
  if (budget_reached (store))
    {
      json_builder_set_member_name (builder, "budget");
      build_budget (builder, store);
    }
  json_builder_set_member_name (builder, "stopped");
  json_builder_add_boolean_value (builder, facts.stopped);
  json_builder_set_member_name (builder, "verdict");
  json_builder_add_string_value (builder, verdict);
  /* The speed-up the verdicts state: the workers' CPU time over their
   * wall time; and the cores' worth other programs used meanwhile. */
  if (facts.speedup >= 0)
    {
      json_builder_set_member_name (builder, "speedup");
      json_builder_add_double_value (builder, facts.speedup);
    }
  {
    g_autofree char *why = NULL;
    double gil_pct = gil_wait_percent (&facts, &why);

    json_builder_set_member_name (builder, "gil_wait_percent");
    if (gil_pct >= 0)
      json_builder_add_double_value (builder, rounded (gil_pct, 1));
    else
      json_builder_add_null_value (builder);
    if (why != NULL)
      {
        json_builder_set_member_name (builder, "gil_wait_unknown");
        json_builder_add_string_value (builder, why);
      }
  }
  if (facts.other_cores >= 0)
    {
      json_builder_set_member_name (builder, "other_programs_cores");
      json_builder_add_double_value (builder, facts.other_cores);
      json_builder_set_member_name (builder, "busy_machine");
      json_builder_add_boolean_value (builder, facts.busy_machine);
    }

  json_builder_set_member_name (builder, "workers");
  json_builder_begin_array (builder);
  for (i = 0; i < facts.n_lanes; i++)
    build_lane (builder, &facts.lanes[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "output");
  json_builder_begin_array (builder);
  n_output = with_output ? fl_store_get_n_output (store) : 0;
  for (i = 0; i < n_output; i++)
    {
      const FlOutputLine *line = fl_store_get_output_sorted (store, i);

      json_builder_begin_object (builder);
      set_int (builder, "t_ms", fl_summary_ns_to_ms (line->t));
      set_int (builder, "worker", line->lane);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, line->text);
      if (line->truncated)
        {
          json_builder_set_member_name (builder, "truncated");
          json_builder_add_boolean_value (builder, TRUE);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "gil");
  build_gil (builder, &facts);
  json_builder_set_member_name (builder, "samples");
  build_samples (builder, &facts);
  json_builder_set_member_name (builder, "memory");
  build_memory (builder, &facts);
  json_builder_set_member_name (builder, "messages");
  build_messages (builder, &facts);

  json_builder_set_member_name (builder, "results");
  build_results (builder, &facts);

  if (fl_run_get_program (run) != NULL)
    {
      json_builder_set_member_name (builder, "program");
      build_program (builder, run, &facts);
    }

  json_builder_end_object (builder);

  fl_facts_clear (&facts);
  fl_store_unlock (store);

  return json_builder_get_root (builder);
}
