/* fuzz-scenario.c — the scenario parser on arbitrary bytes
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libFuzzer target (clang, -Dfuzzing=true) and, linked with
 * fuzz-replay.c, the regression test that feeds it every file of
 * tests/fuzz/corpus-scenario/ with any compiler.
 *
 * What must hold for any input: no crash, no sanitizer report, no GLib
 * critical or warning; the collecting checker and the first-error
 * parser agree on whether the file is valid; every error names its
 * origin; and a valid scenario survives the trip to the runner (its
 * plan serialised, then parsed back, gives the same scenario).
 */

#define G_LOG_DOMAIN "fuzz-scenario"

#include "config.h"

#include <string.h>

#include "fl-interp.h"
#include "fl-scenario.h"
#include "fuzz-target.h"

const char *fl_fuzz_corpus_name = "corpus-scenario";

static void
check_plan_round_trip (FlScenario *scenario)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree double *values = NULL;
  guint n_params = fl_scenario_get_n_params (scenario);
  FlPlan plan = { 0 };
  FlPlan *back;
  guint i;

  plan.scenario = scenario;
  plan.mode = fl_scenario_get_default_mode (scenario);
  plan.n_workers = CLAMP (fl_scenario_get_default_workers (scenario), 1, FL_MAX_WORKERS);
  plan.gil = fl_scenario_get_default_gil (scenario);
  plan.switch_interval_ms = 5.0;
  values = g_new0 (double, MAX (n_params, 1));
  for (i = 0; i < n_params; i++)
    values[i] = fl_scenario_get_param (scenario, i)->default_value;
  plan.param_values = values;

  text = fl_plan_serialize (&plan);
  back = fl_plan_parse (text, strlen (text), &error);
  if (back == NULL)
    g_error ("a valid scenario does not reach the runner: %s", error->message);
  g_assert_cmpstr (fl_scenario_get_id (back->scenario), ==, fl_scenario_get_id (scenario));
  g_assert_cmpuint (fl_scenario_get_n_params (back->scenario), ==, n_params);
  g_assert_cmpuint (fl_scenario_get_n_templates (back->scenario), ==,
                    fl_scenario_get_n_templates (scenario));
  g_assert_cmpuint (back->n_workers, ==, plan.n_workers);
  g_assert_true (back->mode == plan.mode);
  fl_plan_free (back);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(FlScenario) checked = NULL;
  g_autoptr(FlScenario) parsed = NULL;
  g_autoptr(GError) error = NULL;
  guint i;

  fl_fuzz_init ();

  checked = fl_scenario_check ((const char *) data, size, "fuzz.scenario", errors);
  parsed = fl_scenario_new_from_data ((const char *) data, size, "fuzz.scenario", &error);

  if ((checked == NULL) != (parsed == NULL))
    g_error ("the checker and the parser disagree: checker %s, parser %s",
             checked ? "accepts" : "refuses", parsed ? "accepts" : error->message);
  if (checked == NULL)
    {
      g_assert_cmpuint (errors->len, >, 0);
      g_assert_nonnull (error);
    }
  for (i = 0; i < errors->len; i++)
    {
      const GError *e = g_ptr_array_index (errors, i);

      g_assert_true (g_str_has_prefix (e->message, "fuzz.scenario"));
      g_assert_true (g_utf8_validate (e->message, -1, NULL));
    }
  if (error)
    g_assert_true (g_str_has_prefix (error->message, "fuzz.scenario"));

  if (parsed)
    check_plan_round_trip (parsed);
  return 0;
}
