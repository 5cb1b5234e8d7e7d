/* fl-plan.c — the run's settings as the observer hands them to the runner
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A key file: [Run] Mode, Workers, Gil, SwitchIntervalMs, NoTrace, Origin
 * and the scenario's whole text; [Params] one value per parameter.  The
 * observer writes it into the trace region (or a spawned worker's
 * argument), the runner reads it back.
 */

#define G_LOG_DOMAIN "fl-plan"

#include "config.h"

#include <string.h>

#include "fl-plan.h"

char *
fl_plan_serialize (const FlPlan *plan)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  guint n = fl_scenario_get_n_params (plan->scenario);
  guint i;

  g_key_file_set_string (kf, "Run", "Mode", fl_mode_to_string (plan->mode));
  g_key_file_set_uint64 (kf, "Run", "Workers", plan->n_workers);
  g_key_file_set_boolean (kf, "Run", "Gil", plan->gil);
  g_key_file_set_double (kf, "Run", "SwitchIntervalMs", plan->switch_interval_ms);
  g_key_file_set_boolean (kf, "Run", "NoTrace", plan->no_trace);
  for (i = 0; i < n; i++)
    g_key_file_set_double (kf, "Params", fl_scenario_get_param (plan->scenario, i)->name,
                           plan->param_values[i]);
  g_key_file_set_string (kf, "Run", "Origin", fl_scenario_get_origin (plan->scenario));
  g_key_file_set_string (kf, "Run", "Scenario", fl_scenario_get_data (plan->scenario));

  return g_key_file_to_data (kf, NULL, NULL);
}

FlPlan *
fl_plan_parse (const char  *text,
               gsize        length,
               GError     **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *data = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *mode = NULL;
  FlPlan *plan;
  guint n, i;

  if (!g_key_file_load_from_data (kf, text, length, G_KEY_FILE_NONE, error))
    return NULL;
  if (!(data = g_key_file_get_string (kf, "Run", "Scenario", error)) ||
      !(mode = g_key_file_get_string (kf, "Run", "Mode", error)))
    return NULL;
  origin = g_key_file_get_string (kf, "Run", "Origin", NULL);

  plan = g_new0 (FlPlan, 1);
  if (!(plan->scenario = fl_scenario_new_from_data (data, strlen (data), origin ? origin : "plan", error)) ||
      !fl_mode_from_string (mode, &plan->mode))
    {
      if (error && !*error)
        g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE, "Unknown mode %s", mode);
      fl_plan_free (plan);
      return NULL;
    }
  plan->n_workers = (guint) g_key_file_get_uint64 (kf, "Run", "Workers", NULL);
  plan->gil = g_key_file_get_boolean (kf, "Run", "Gil", NULL);
  plan->switch_interval_ms = g_key_file_get_double (kf, "Run", "SwitchIntervalMs", NULL);
  plan->no_trace = g_key_file_get_boolean (kf, "Run", "NoTrace", NULL);
  n = fl_scenario_get_n_params (plan->scenario);
  plan->param_values = g_new0 (double, MAX (n, 1));
  for (i = 0; i < n; i++)
    plan->param_values[i] = g_key_file_get_double (kf, "Params",
                                                   fl_scenario_get_param (plan->scenario, i)->name,
                                                   NULL);
  plan->has_server = fl_scenario_uses_step (plan->scenario, FL_STEP_IO);
  if (plan->n_workers < 1 || plan->n_workers > FL_MAX_WORKERS)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "Worker count %u out of range", plan->n_workers);
      fl_plan_free (plan);
      return NULL;
    }
  return plan;
}

void
fl_plan_free (FlPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_object (&plan->scenario);
  g_free (plan->param_values);
  g_free (plan);
}
