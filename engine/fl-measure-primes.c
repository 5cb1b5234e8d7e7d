/* fl-measure-primes.c — is the workers' prime count right?
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The observer walks each program of the scenario the way the runner
 * does, to know which blocks every worker was asked to count, and counts
 * them with a sieve of its own.
 */

#define G_LOG_DOMAIN "fl-summary"

#include "config.h"

#include <string.h>

#include "fl-primes.h"
#include "fl-summary-private.h"

/* Block j of the compute kernel holds the numbers
 * j*FL_PRIMES_BLOCK ≤ p < (j+1)*FL_PRIMES_BLOCK. */

/* The sieve that checks the workers' prime counts is kept below 32 MiB. */
#define MAX_CHECKED_BLOCKS 50000

/* How many steps the walk over the scenario's programs may visit. */
#define WALK_BUDGET 1000000

typedef struct
{
  guint64 units;
  guint64 first;
  guint64 stride;
} Compute;

typedef struct
{
  FlScriptScope scope;     /* what the names stand for, as in the runner */
  GArray       *computes;   /* of Compute */
  guint         budget;
  gboolean      failed;
} Walk;

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

          if (!fl_step_eval_number (step, "units", 0, fl_script_scope_lookup, &walk->scope, &units, NULL) ||
              !fl_step_eval_bool (step, "split", FALSE, fl_script_scope_lookup, &walk->scope, &split, NULL) ||
              !(units >= 0 && units <= MAX_CHECKED_BLOCKS))
            {
              walk->failed = TRUE;
              return;
            }
          compute.units = (guint64) units;
          if (split && walk->scope.worker > 0)
            {
              compute.first = walk->scope.worker - 1;
              compute.stride = MAX (walk->scope.n_workers, 1);
            }
          g_array_append_val (walk->computes, compute);
        }
      else if (step->kind == FL_STEP_REPEAT && steps_have_compute (step->body))
        {
          const FlStepArg *as = fl_step_get_arg (step, "as");
          FlScriptVar var = { as != NULL && as->text != NULL ? as->text : "i", 0 };
          double count;
          guint64 n, j;

          if (!fl_step_eval_number (step, "count", 0, fl_script_scope_lookup, &walk->scope, &count, NULL) ||
              !(count >= 0 && count <= WALK_BUDGET))
            {
              walk->failed = TRUE;
              return;
            }
          n = (guint64) count;
          g_array_append_val (walk->scope.vars, var);
          for (j = 0; j < n && !walk->failed; j++)
            {
              g_array_index (walk->scope.vars, FlScriptVar, walk->scope.vars->len - 1).value = (double) j;
              walk_steps (walk, step->body);
            }
          g_array_set_size (walk->scope.vars, walk->scope.vars->len - 1);
        }
    }
}

/* Counts the primes of each block below @n_blocks * FL_PRIMES_BLOCK with a
 * sieve of odd numbers, one bit each: a method of its own, so that it
 * checks the workers' trial division rather than repeating it. */
static guint32 *
count_primes_per_block (guint64 n_blocks)
{
  guint64 limit = n_blocks * FL_PRIMES_BLOCK;
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
      counts[(2 * i + 1) / FL_PRIMES_BLOCK]++;

  return counts;
}

/**
 * fl_measure_expected_primes:
 * @run: the run
 * @n_workers: its worker count
 * @pids: the pid of each lane (0 main, K worker K), for the `pid` variable
 * @primes: (out): how many primes the workers should have counted
 * @blocks: (out): in how many blocks
 *
 * Returns: %TRUE if the scenario computes and its programs could be followed
 */
gboolean
fl_measure_expected_primes (FlRun     *run,
                            guint      n_workers,
                            const int *pids,
                            guint64   *primes,
                            guint64   *blocks)
{
  FlScenario *scenario = fl_run_get_scenario (run);
  g_autoptr(GArray) computes = g_array_new (FALSE, FALSE, sizeof (Compute));
  g_autoptr(GArray) vars = g_array_new (FALSE, FALSE, sizeof (FlScriptVar));
  g_autofree guint32 *counts = NULL;
  guint64 max_units = 0;
  gboolean any = FALSE;
  guint lane, i;

  *primes = 0;
  *blocks = 0;

  /* The main process (lane 0) and every worker run a program of their own. */
  for (lane = 0; lane <= n_workers; lane++)
    {
      GPtrArray *steps;
      Walk walk = { 0 };

      if (lane == 0)
        steps = fl_scenario_get_main_steps (scenario);
      else
        {
          const FlWorkerTemplate *template = fl_scenario_get_template_for_worker (scenario, lane);
          steps = template != NULL ? template->steps : NULL;
        }
      if (!steps_have_compute (steps))
        continue;
      any = TRUE;

      walk.scope.scenario = scenario;
      walk.scope.param_values = fl_run_get_param_values (run);
      walk.scope.worker = lane;
      walk.scope.n_workers = n_workers;
      walk.scope.pid = pids != NULL ? pids[lane] : 0;
      walk.scope.vars = vars;
      walk.computes = computes;
      walk.budget = WALK_BUDGET;
      walk_steps (&walk, steps);
      g_array_set_size (vars, 0);
      if (walk.failed)
        return FALSE;
    }

  if (!any)
    return FALSE;

  for (i = 0; i < computes->len; i++)
    max_units = MAX (max_units, g_array_index (computes, Compute, i).units);
  counts = count_primes_per_block (max_units);

  for (i = 0; i < computes->len; i++)
    {
      const Compute *c = &g_array_index (computes, Compute, i);
      guint64 j;

      for (j = c->first; j < c->units; j += c->stride)
        {
          *primes += counts[j];
          (*blocks)++;
        }
    }
  return TRUE;
}
