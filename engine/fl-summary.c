/* fl-summary.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-summary"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fl-summary.h"

/* The compute kernel's block: block j holds the numbers j*10000 ≤ p < (j+1)*10000. */
#define PRIMES_BLOCK 10000

/* The sieve that checks the workers' prime counts is kept below 32 MiB. */
#define MAX_CHECKED_BLOCKS 50000

/* How many steps the walk over the scenario's programs may visit. */
#define WALK_BUDGET 1000000

typedef struct
{
  const FlLaneInfo *info;
  gint64            states[FL_N_STATES];
  gint64            end;      /* exit, crash, reap or the run's end; -1 if it never started */
} LaneFacts;

typedef struct
{
  FlRun      *run;
  FlStore    *store;
  FlScenario *scenario;

  guint       n_lanes;
  LaneFacts  *lanes;
  gint64      wall;
  gint64      cpu;
  guint       n_lane_cpu_known;
  guint64     dropped;
  gboolean    stopped;

  /* the workers only */
  guint       n_workers;
  guint       n_started;
  gint64      first_start;
  gint64      last_end;
  gint64      sum_durations;
  gint64      workers_cpu;
  guint       n_cpu_known;

  /* results */
  gboolean    has_primes;
  guint64     primes;
  guint64     blocks;
  gboolean    has_expected;
  guint64     expected_primes;
  guint64     expected_blocks;
  gboolean    has_io;
  guint64     io_requests;
  guint64     io_wait_ns;
} Facts;

/* ---- checking the prime count ------------------------------------------ */

typedef struct
{
  guint64 units;
  guint64 first;
  guint64 stride;
} Compute;

typedef struct
{
  const char *name;
  double      value;
} Var;

typedef struct
{
  FlScenario   *scenario;
  const double *params;
  guint         lane;
  guint         n_workers;
  int           pid;
  GArray       *vars;       /* of Var, innermost last */
  GArray       *computes;   /* of Compute */
  guint         budget;
  gboolean      failed;
} Walk;

/* Resolves variables the way the runner does, so that the observer can
 * tell what each worker was asked to compute. */
static gboolean
walk_lookup (const char *name,
             double     *value,
             gpointer    user_data)
{
  Walk *walk = user_data;
  guint i;

  for (i = walk->vars->len; i > 0; i--)
    {
      const Var *var = &g_array_index (walk->vars, Var, i - 1);

      if (g_str_equal (var->name, name))
        {
          *value = var->value;
          return TRUE;
        }
    }

  if (g_str_equal (name, "worker"))
    *value = walk->lane;
  else if (g_str_equal (name, "index"))
    *value = walk->lane > 0 ? walk->lane - 1 : 0;
  else if (g_str_equal (name, "workers"))
    *value = walk->n_workers;
  else if (g_str_equal (name, "pid"))
    *value = walk->pid;
  else
    {
      for (i = 0; i < fl_scenario_get_n_params (walk->scenario); i++)
        if (g_str_equal (fl_scenario_get_param (walk->scenario, i)->name, name))
          {
            *value = walk->params != NULL ? walk->params[i]
                                          : fl_scenario_get_param (walk->scenario, i)->default_value;
            return TRUE;
          }
      return FALSE;
    }

  return TRUE;
}

static gboolean
steps_have_compute (GPtrArray *steps)
{
  guint i;

  for (i = 0; steps != NULL && i < steps->len; i++)
    {
      const FlStep *step = g_ptr_array_index (steps, i);

      if (step->kind == FL_STEP_COMPUTE ||
          (step->kind == FL_STEP_REPEAT && steps_have_compute (step->body)))
        return TRUE;
    }
  return FALSE;
}

static void
walk_steps (Walk      *walk,
            GPtrArray *steps)
{
  guint i;

  for (i = 0; steps != NULL && i < steps->len && !walk->failed; i++)
    {
      const FlStep *step = g_ptr_array_index (steps, i);

      if (walk->budget == 0)
        {
          walk->failed = TRUE;
          return;
        }
      walk->budget--;

      if (step->kind == FL_STEP_COMPUTE)
        {
          double units;
          gboolean split;
          Compute compute = { 0, 0, 1 };

          if (!fl_step_eval_number (step, "units", 0, walk_lookup, walk, &units, NULL) ||
              !fl_step_eval_bool (step, "split", FALSE, walk_lookup, walk, &split, NULL) ||
              !(units >= 0 && units <= MAX_CHECKED_BLOCKS))
            {
              walk->failed = TRUE;
              return;
            }
          compute.units = (guint64) units;
          if (split && walk->lane > 0)
            {
              compute.first = walk->lane - 1;
              compute.stride = MAX (walk->n_workers, 1);
            }
          g_array_append_val (walk->computes, compute);
        }
      else if (step->kind == FL_STEP_REPEAT && steps_have_compute (step->body))
        {
          const FlStepArg *as = fl_step_get_arg (step, "as");
          Var var = { as != NULL && as->text != NULL ? as->text : "i", 0 };
          double count;
          guint64 n, j;

          if (!fl_step_eval_number (step, "count", 0, walk_lookup, walk, &count, NULL) ||
              !(count >= 0 && count <= WALK_BUDGET))
            {
              walk->failed = TRUE;
              return;
            }
          n = (guint64) count;
          g_array_append_val (walk->vars, var);
          for (j = 0; j < n && !walk->failed; j++)
            {
              g_array_index (walk->vars, Var, walk->vars->len - 1).value = (double) j;
              walk_steps (walk, step->body);
            }
          g_array_set_size (walk->vars, walk->vars->len - 1);
        }
    }
}

/* Counts the primes of each block below @n_blocks * PRIMES_BLOCK with a
 * sieve of odd numbers, one bit each: a method of its own, so that it
 * checks the workers' trial division rather than repeating it. */
static guint32 *
count_primes_per_block (guint64 n_blocks)
{
  guint64 limit = n_blocks * PRIMES_BLOCK;
  guint64 n_bits = limit / 2;          /* bit i stands for 2i + 1 */
  g_autofree guint8 *composite = NULL;
  guint32 *counts = g_new0 (guint32, MAX (n_blocks, 1));
  guint64 i;

  if (limit <= 2)
    return counts;

  composite = g_malloc0 (n_bits / 8 + 1);
  composite[0] |= 1;                   /* 1 is not a prime */
  for (i = 1; (2 * i + 1) * (2 * i + 1) < limit; i++)
    {
      guint64 p = 2 * i + 1;
      guint64 j;

      if (composite[i >> 3] & (1u << (i & 7)))
        continue;
      for (j = (p * p) / 2; j < n_bits; j += p)
        composite[j >> 3] |= (guint8) (1u << (j & 7));
    }

  counts[0] = 1;                       /* 2 */
  for (i = 1; i < n_bits; i++)
    if (!(composite[i >> 3] & (1u << (i & 7))))
      counts[(2 * i + 1) / PRIMES_BLOCK]++;

  return counts;
}

static void
facts_compute_expected (Facts *facts)
{
  g_autoptr(GArray) computes = g_array_new (FALSE, FALSE, sizeof (Compute));
  g_autoptr(GArray) vars = g_array_new (FALSE, FALSE, sizeof (Var));
  g_autofree guint32 *counts = NULL;
  guint64 max_units = 0;
  gboolean any = FALSE;
  guint lane, i;

  /* The main process (lane 0) and every worker run a program of their own. */
  for (lane = 0; lane <= facts->n_workers; lane++)
    {
      GPtrArray *steps;
      Walk walk = { 0 };

      if (lane == 0)
        steps = fl_scenario_get_main_steps (facts->scenario);
      else
        {
          const FlWorkerTemplate *template = fl_scenario_get_template_for_worker (facts->scenario, lane);
          steps = template != NULL ? template->steps : NULL;
        }
      if (!steps_have_compute (steps))
        continue;
      any = TRUE;

      walk.scenario = facts->scenario;
      walk.params = fl_run_get_param_values (facts->run);
      walk.lane = lane;
      walk.n_workers = facts->n_workers;
      walk.pid = lane < facts->n_lanes ? facts->lanes[lane].info->pid : 0;
      walk.vars = vars;
      walk.computes = computes;
      walk.budget = WALK_BUDGET;
      walk_steps (&walk, steps);
      g_array_set_size (vars, 0);
      if (walk.failed)
        return;
    }

  if (!any)
    return;

  for (i = 0; i < computes->len; i++)
    max_units = MAX (max_units, g_array_index (computes, Compute, i).units);
  counts = count_primes_per_block (max_units);

  for (i = 0; i < computes->len; i++)
    {
      const Compute *c = &g_array_index (computes, Compute, i);
      guint64 j;

      for (j = c->first; j < c->units; j += c->stride)
        {
          facts->expected_primes += counts[j];
          facts->expected_blocks++;
        }
    }
  facts->has_expected = TRUE;
  facts->has_primes = TRUE;
}

/* ---- measurements -------------------------------------------------------- */

static void
facts_init (Facts *facts,
            FlRun *run)
{
  gint64 end;
  guint i;

  memset (facts, 0, sizeof *facts);
  facts->run = run;
  facts->store = fl_run_get_store (run);
  facts->scenario = fl_run_get_scenario (run);
  facts->n_workers = fl_run_get_n_workers (run);
  facts->stopped = fl_run_was_stopped (run);
  facts->first_start = G_MAXINT64;
  facts->last_end = 0;

  end = fl_store_get_end (facts->store);
  if (end < 0)
    end = fl_store_get_last_t (facts->store);
  facts->wall = MAX (end, 0);
  facts->dropped = fl_store_get_dropped (facts->store);

  facts->n_lanes = fl_store_get_n_lanes (facts->store);
  facts->lanes = g_new0 (LaneFacts, facts->n_lanes);
  for (i = 0; i < facts->n_lanes; i++)
    {
      LaneFacts *lf = &facts->lanes[i];
      const FlLaneInfo *info = fl_store_get_lane_info (facts->store, i);

      lf->info = info;
      fl_store_get_state_durations (facts->store, i, facts->wall, lf->states);

      if (info->start_t < 0)
        lf->end = -1;
      else if (info->exit_t >= 0)
        lf->end = info->exit_t;
      else if (info->end_t >= 0)
        lf->end = info->end_t;
      else if (info->join_t >= 0)
        lf->end = info->join_t;
      else
        lf->end = facts->wall;

      if (info->cpu_ns >= 0)
        {
          facts->cpu += info->cpu_ns;
          facts->n_lane_cpu_known++;
        }
      if (info->stopped)
        facts->stopped = TRUE;

      if (info->kind != FL_LANE_WORKER || lf->end < 0)
        continue;
      facts->n_started++;
      facts->first_start = MIN (facts->first_start, info->start_t);
      facts->last_end = MAX (facts->last_end, lf->end);
      facts->sum_durations += MAX (lf->end - info->start_t, 0);
      if (info->cpu_ns >= 0)
        {
          facts->workers_cpu += info->cpu_ns;
          facts->n_cpu_known++;
        }
    }
  if (facts->n_started == 0)
    facts->first_start = 0;

  for (i = 0; i < fl_store_get_n_results (facts->store); i++)
    {
      const FlResult *r = fl_store_get_result (facts->store, i);

      switch ((FlResultKey) r->key)
        {
        case FL_RESULT_PRIMES:
          facts->has_primes = TRUE;
          facts->primes += r->a;
          facts->blocks += r->b;
          break;

        case FL_RESULT_IO_REQUESTS:
          facts->has_io = TRUE;
          facts->io_requests += r->a;
          facts->io_wait_ns += r->b;
          break;

        case FL_RESULT_NONE:
        case FL_N_RESULTS:
        default:
          break;
        }
    }

  facts_compute_expected (facts);
}

static void
facts_clear (Facts *facts)
{
  g_clear_pointer (&facts->lanes, g_free);
}

static gint64
ns_to_ms (gint64 ns)
{
  return (ns + (ns >= 0 ? 500000 : -500000)) / 1000000;
}

/* ---- words --------------------------------------------------------------- */

char *
fl_signal_name (int signum)
{
  const char *abbrev = sigabbrev_np (signum);

  if (abbrev != NULL)
    return g_strconcat ("SIG", abbrev, NULL);
  return g_strdup_printf ("SIG%d", signum);
}

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

/* A duration the way a person says it: "5.0 s", "250 ms", "40 µs". */
static char *
format_duration (gint64 ns)
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

static char *
format_count (guint64 n)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

static gulong
plural_n (guint64 n)
{
  return (gulong) MIN (n, (guint64) G_MAXULONG);
}

typedef char *(*VerdictFunc) (const Facts *facts);

static char *
verdict_no_worker (const Facts *facts)
{
  if (facts->n_workers == 0)
    return g_strdup (_("The scenario has no worker."));
  return g_strdup (_("No worker started."));
}

/* "overlap": did the workers run at the same time?  Their own run times
 * added up are what one after the other would have taken. */
static char *
verdict_overlap (const Facts *facts)
{
  g_autofree char *span = NULL;
  g_autofree char *sum = NULL;
  gint64 span_ns;
  double ratio;

  if (facts->n_started == 0)
    return verdict_no_worker (facts);

  span_ns = MAX (facts->last_end - facts->first_start, 1);
  span = format_duration (span_ns);
  sum = format_duration (facts->sum_durations);

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

/* "speedup": how many cores' worth of CPU the workers used while they ran. */
static char *
verdict_speedup (const Facts *facts)
{
  g_autofree char *cpu = NULL;
  g_autofree char *span = NULL;
  g_autofree char *first = NULL;
  gint64 span_ns;
  double speedup;
  guint ideal;

  if (facts->n_started == 0)
    return verdict_no_worker (facts);
  if (facts->n_cpu_known == 0)
    return g_strdup (_("The workers did not report their CPU time, so the speed-up is unknown."));

  span_ns = MAX (facts->last_end - facts->first_start, 1);
  cpu = format_duration (facts->workers_cpu);
  span = format_duration (span_ns);
  speedup = (double) facts->workers_cpu / (double) span_ns;
  first = g_strdup_printf (ngettext ("%u worker used %s of CPU in %s: a speed-up of %.2f× over one core.",
                                     "%u workers used %s of CPU in %s: a speed-up of %.2f× over one core.",
                                     facts->n_started),
                           facts->n_started, cpu, span, speedup);

  /* Say how far it is from what this machine allows, when it is far. */
  ideal = MIN (facts->n_started, g_get_num_processors ());
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

static char *
verdict_generic (const Facts *facts)
{
  g_autofree char *wall = NULL;
  g_autofree char *cpu = NULL;

  if (facts->n_started == 0)
    return verdict_no_worker (facts);
  wall = format_duration (facts->wall);
  cpu = format_duration (facts->cpu);
  return g_strdup_printf (ngettext ("The run took %s of wall time; its %u worker and the main process used %s of CPU.",
                                    "The run took %s of wall time; its %u workers and the main process used %s of CPU.",
                                    facts->n_started),
                          wall, facts->n_started, cpu);
}

/* One entry per verdict kind a scenario may name: add new kinds here. */
static const struct
{
  const char  *kind;
  VerdictFunc  func;
} verdicts[] = {
  { "overlap", verdict_overlap },
  { "speedup", verdict_speedup },
};

static char *
primes_sentence (const Facts *facts)
{
  g_autofree char *counted = format_count (facts->primes);
  g_autofree char *expected = format_count (facts->expected_primes);

  if (!facts->has_expected)
    return g_strdup_printf (ngettext ("The workers counted %s prime.",
                                      "The workers counted %s primes.",
                                      plural_n (facts->primes)),
                            counted);
  if (facts->primes == facts->expected_primes)
    return g_strdup_printf (ngettext ("They counted %s prime, which is correct.",
                                      "They counted %s primes, which is correct.",
                                      plural_n (facts->primes)),
                            counted);
  return g_strdup_printf (ngettext ("They counted %s prime instead of %s: the result is wrong.",
                                    "They counted %s primes instead of %s: the result is wrong.",
                                    plural_n (facts->primes)),
                          counted, expected);
}

static char *
facts_verdict (const Facts *facts)
{
  const char *kind = fl_scenario_get_verdict_kind (facts->scenario);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *main_sentence = NULL;
  VerdictFunc func = verdict_generic;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (verdicts); i++)
    if (g_strcmp0 (kind, verdicts[i].kind) == 0)
      func = verdicts[i].func;

  if (facts->stopped)
    {
      g_autofree char *wall = format_duration (facts->wall);
      g_string_append_printf (text, _("The run was stopped after %s."), wall);
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
  Facts facts;
  char *verdict;

  g_return_val_if_fail (FL_IS_RUN (run), NULL);

  store = fl_run_get_store (run);
  fl_store_lock (store);
  facts_init (&facts, run);
  verdict = facts_verdict (&facts);
  facts_clear (&facts);
  fl_store_unlock (store);

  return verdict;
}

/* ---- JSON ---------------------------------------------------------------- */

/* Every state a lane can spend time in; exited and crashed are ends, not spans. */
static gboolean
state_is_timed (FlState state)
{
  return state != FL_STATE_NONE && state != FL_STATE_EXITED && state != FL_STATE_CRASHED;
}

static void
build_lane (JsonBuilder     *builder,
            const LaneFacts *lf)
{
  const FlLaneInfo *info = lf->info;
  g_autofree char *exit_string = lane_exit_string (info);
  guint s;

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, info->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, info->name ? info->name : "");
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, lane_role (info));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, info->is_process ? "process" : "thread");
  json_builder_set_member_name (builder, "pid");
  json_builder_add_int_value (builder, info->pid);
  json_builder_set_member_name (builder, "tid");
  json_builder_add_int_value (builder, info->tid);

  json_builder_set_member_name (builder, "cpu_ms");
  if (info->cpu_ns >= 0)
    json_builder_add_int_value (builder, ns_to_ms (info->cpu_ns));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "start_latency_us");
  if (info->create_t >= 0 && info->start_t >= info->create_t)
    json_builder_add_int_value (builder, (info->start_t - info->create_t + 500) / 1000);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "states_ms");
  json_builder_begin_object (builder);
  for (s = 0; s < FL_N_STATES; s++)
    {
      if (!state_is_timed (s))
        continue;
      json_builder_set_member_name (builder, fl_state_to_string (s));
      json_builder_add_int_value (builder, ns_to_ms (lf->states[s]));
    }
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
build_results (JsonBuilder *builder,
               const Facts *facts)
{
  json_builder_begin_object (builder);

  if (facts->has_primes)
    {
      json_builder_set_member_name (builder, "primes");
      json_builder_add_int_value (builder, (gint64) facts->primes);
      json_builder_set_member_name (builder, "expected_primes");
      if (facts->has_expected)
        json_builder_add_int_value (builder, (gint64) facts->expected_primes);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "correct");
      json_builder_add_boolean_value (builder, facts->has_expected && facts->primes == facts->expected_primes);
      json_builder_set_member_name (builder, "blocks");
      json_builder_add_int_value (builder, (gint64) facts->blocks);
    }

  if (facts->has_io)
    {
      json_builder_set_member_name (builder, "io_requests");
      json_builder_add_int_value (builder, (gint64) facts->io_requests);
      json_builder_set_member_name (builder, "io_wait_ms");
      json_builder_add_int_value (builder, ns_to_ms ((gint64) facts->io_wait_ns));
    }

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
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *verdict = NULL;
  FlStore *store;
  Facts facts;
  guint i, n_output;

  g_return_val_if_fail (FL_IS_RUN (run), NULL);

  store = fl_run_get_store (run);
  fl_store_lock (store);
  facts_init (&facts, run);
  verdict = facts_verdict (&facts);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "scenario");
  json_builder_add_string_value (builder, fl_scenario_get_id (facts.scenario));
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, fl_mode_to_string (fl_run_get_mode (run)));
  json_builder_set_member_name (builder, "worker_count");
  json_builder_add_int_value (builder, facts.n_workers);
  json_builder_set_member_name (builder, "wall_ms");
  json_builder_add_int_value (builder, ns_to_ms (facts.wall));
  json_builder_set_member_name (builder, "cpu_ms");
  json_builder_add_int_value (builder, ns_to_ms (facts.cpu));
  json_builder_set_member_name (builder, "dropped_events");
  json_builder_add_int_value (builder, (gint64) facts.dropped);
  json_builder_set_member_name (builder, "stopped");
  json_builder_add_boolean_value (builder, facts.stopped);
  json_builder_set_member_name (builder, "verdict");
  json_builder_add_string_value (builder, verdict);

  json_builder_set_member_name (builder, "workers");
  json_builder_begin_array (builder);
  for (i = 0; i < facts.n_lanes; i++)
    build_lane (builder, &facts.lanes[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "output");
  json_builder_begin_array (builder);
  n_output = fl_store_get_n_output (store);
  for (i = 0; i < n_output; i++)
    {
      const FlOutputLine *line = fl_store_get_output (store, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "t_ms");
      json_builder_add_int_value (builder, ns_to_ms (line->t));
      json_builder_set_member_name (builder, "worker");
      json_builder_add_int_value (builder, line->lane);
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

  json_builder_set_member_name (builder, "results");
  build_results (builder, &facts);

  json_builder_end_object (builder);

  facts_clear (&facts);
  fl_store_unlock (store);

  return json_builder_get_root (builder);
}

/* ---- text ---------------------------------------------------------------- */

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
  Facts facts;
  guint i, s;

  g_return_val_if_fail (FL_IS_RUN (run), NULL);

  store = fl_run_get_store (run);
  fl_store_lock (store);
  facts_init (&facts, run);

  /* Running, sleeping and I/O always; the other states when some lane spent time in them. */
  for (s = 0; s < FL_N_STATES; s++)
    {
      gboolean any = s == FL_STATE_RUNNING || s == FL_STATE_SLEEPING || s == FL_STATE_IO;

      if (!state_is_timed (s))
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
      const LaneFacts *lf = &facts.lanes[i];
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
      if (info->create_t >= 0 && info->start_t >= info->create_t)
        g_ptr_array_add (row, g_strdup_printf ("%.0f", (info->start_t - info->create_t) / 1e3));
      else
        g_ptr_array_add (row, g_strdup ("—"));
      for (s = 0; s < n_shown; s++)
        g_ptr_array_add (row, format_ms (lf->states[shown[s]]));
      g_ptr_array_add (row, lane_exit_text (info));
    }

  table_render (&table, out);
  g_string_append_c (out, '\n');

  wall = format_duration (facts.wall);
  /* Processes killed by a stop never report their CPU time. */
  if (facts.n_lane_cpu_known == 0)
    g_string_append_printf (out, _("Wall time %s, CPU time not reported"), wall);
  else if (facts.n_lane_cpu_known < facts.n_lanes)
    {
      cpu = format_duration (facts.cpu);
      g_string_append_printf (out, _("Wall time %s, CPU time at least %s"), wall, cpu);
    }
  else
    {
      cpu = format_duration (facts.cpu);
      g_string_append_printf (out, _("Wall time %s, CPU time %s"), wall, cpu);
    }
  g_string_append_c (out, '\n');

  dropped = format_count (facts.dropped);
  g_string_append_printf (out, ngettext ("%s dropped event", "%s dropped events", plural_n (facts.dropped)),
                          dropped);
  g_string_append_c (out, '\n');

  if (facts.has_primes)
    {
      g_autofree char *primes = format_count (facts.primes);
      g_autofree char *blocks = format_count (facts.blocks);

      if (facts.has_expected)
        {
          g_autofree char *expected = format_count (facts.expected_primes);
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
      g_autofree char *requests = format_count (facts.io_requests);
      g_autofree char *waited = format_duration ((gint64) facts.io_wait_ns);

      g_string_append_printf (out, _("I/O: %s requests answered, %s spent waiting"), requests, waited);
      g_string_append_c (out, '\n');
    }

  verdict = facts_verdict (&facts);
  g_string_append_c (out, '\n');
  g_string_append (out, verdict);
  g_string_append_c (out, '\n');

  facts_clear (&facts);
  fl_store_unlock (store);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
