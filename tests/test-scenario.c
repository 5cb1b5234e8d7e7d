/* test-scenario.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-scenario"

#include "config.h"

#define WORKER_STEPS "compute, sleep, print, io, repeat, alloc, touch, lock, unlock, increment, set, get, send, receive, crash, exit, fds"
#define MAIN_STEPS "compute, sleep, print, io, repeat, start, join, alloc, touch, lock, unlock, increment, set, get, send, receive, crash, exit, join-after, open, fds"

#include <string.h>

#include <glib/gstdio.h>

#include "fl-catalog.h"
#include "fl-enum-types.h"
#include "fl-files.h"
#include "fl-scenario.h"
#include "fl-script.h"
#include "fl-summary.h"
#include "fl-test-util.h"

/* ------------------------------------------------------------------------ */
/* A tiny interpreter: what a run would print, without running anything     */
/* ------------------------------------------------------------------------ */

typedef struct
{
  FlScriptScope scope;    /* the runner's names: worker (0 for main), workers, pid 1234, defaults */
  GPtrArray  *output;     /* printed lines; start/join appear as <start>, <join> */
  double      slept;      /* seconds of sleep steps */
  double      units;      /* compute units of this worker */
} Sim;

static void
sim_run (Sim       *sim,
         GPtrArray *steps)
{
  for (guint i = 0; i < steps->len; i++)
    {
      const FlStep *step = g_ptr_array_index (steps, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      double value;
      gboolean flag;

      switch (step->kind)
        {
        case FL_STEP_PRINT:
          text = fl_step_format_text (step, "text", fl_script_scope_lookup, &sim->scope, &error);
          g_assert_no_error (error);
          g_ptr_array_add (sim->output, g_steal_pointer (&text));
          break;

        case FL_STEP_SLEEP:
          g_assert_true (fl_step_eval_number (step, "seconds", -1, fl_script_scope_lookup, &sim->scope, &value, &error));
          g_assert_no_error (error);
          sim->slept += value;
          break;

        case FL_STEP_COMPUTE:
          g_assert_true (fl_step_eval_number (step, "units", -1, fl_script_scope_lookup, &sim->scope, &value, &error));
          g_assert_true (fl_step_eval_bool (step, "split", FALSE, fl_script_scope_lookup, &sim->scope, &flag, &error));
          g_assert_no_error (error);
          sim->units += flag ? value / sim->scope.n_workers : value;
          break;

        case FL_STEP_REPEAT:
          {
            const FlStepArg *as = fl_step_get_arg (step, "as");
            FlScriptVar var = { NULL, 0 };

            g_assert_nonnull (as);
            g_assert_true (fl_step_eval_number (step, "count", -1, fl_script_scope_lookup, &sim->scope, &value, &error));
            g_assert_no_error (error);
            var.name = as->text;
            g_array_append_val (sim->scope.vars, var);
            for (guint k = 0; k < (guint) value; k++)
              {
                g_array_index (sim->scope.vars, FlScriptVar, sim->scope.vars->len - 1).value = k;
                sim_run (sim, step->body);
              }
            g_array_set_size (sim->scope.vars, sim->scope.vars->len - 1);
          }
          break;

        case FL_STEP_START:
          g_ptr_array_add (sim->output, g_strdup ("<start>"));
          break;

        case FL_STEP_JOIN:
          g_ptr_array_add (sim->output, g_strdup ("<join>"));
          break;

        case FL_STEP_IO:
        case FL_N_STEP_KINDS:
        default:
          g_assert_not_reached ();
        }
    }
}

static void
sim_init (Sim        *sim,
          FlScenario *scenario,
          guint       worker,
          guint       workers)
{
  memset (sim, 0, sizeof *sim);
  sim->scope.scenario = scenario;
  sim->scope.worker = worker;
  sim->scope.n_workers = workers;
  sim->scope.pid = 1234;
  sim->scope.vars = g_array_new (FALSE, FALSE, sizeof (FlScriptVar));
  sim->output = g_ptr_array_new_with_free_func (g_free);
}

static void
sim_clear (Sim *sim)
{
  g_clear_pointer (&sim->scope.vars, g_array_unref);
  g_clear_pointer (&sim->output, g_ptr_array_unref);
}

/* The lines @steps print, joined with '|'. */
static char *
sim_output (FlScenario *scenario,
            GPtrArray  *steps,
            guint       worker,
            double     *slept)
{
  Sim sim;
  char *joined;

  sim_init (&sim, scenario, worker, 2);
  sim_run (&sim, steps);
  g_ptr_array_add (sim.output, NULL);
  joined = g_strjoinv ("|", (char **) sim.output->pdata);
  if (slept != NULL)
    *slept = sim.slept;
  sim_clear (&sim);
  return joined;
}

/* ------------------------------------------------------------------------ */
/* Presets                                                                  */
/* ------------------------------------------------------------------------ */

static FlCatalog *
load_catalog (void)
{
  FlCatalog *catalog = fl_catalog_new ();
  GPtrArray *errors;

  fl_catalog_load (catalog);
  errors = fl_catalog_get_errors (catalog);
  for (guint i = 0; i < errors->len; i++)
    g_test_message ("catalog error: %s", ((GError *) g_ptr_array_index (errors, i))->message);
  g_assert_cmpuint (errors->len, ==, 0);
  return catalog;
}

static void
test_presets_load (void)
{
  g_autoptr(FlCatalog) catalog = load_catalog ();
  static const char * const ids[] = {
    "numbers-letters", "squares-cubes", "main-and-child", "cpu-bound", "io-bound",
    "shared-globals", "race-counter", "message-passing", "crash", "memory-cost",
    "startup-cost", "gil-convoy", "oversubscription", "zombie", "fork-vs-spawn",
  };
  GPtrArray *scenarios = fl_catalog_get_scenarios (catalog);

  g_assert_cmpuint (scenarios->len, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      FlScenario *scenario = g_ptr_array_index (scenarios, i);
      g_autofree char *origin = g_strdup_printf ("%02u-%s.scenario", i + 1, ids[i]);

      g_assert_cmpstr (fl_scenario_get_id (scenario), ==, ids[i]);
      g_assert_true (fl_catalog_lookup (catalog, ids[i]) == scenario);
      g_assert_true (fl_catalog_is_preset (catalog, scenario));
      g_assert_cmpstr (fl_scenario_get_origin (scenario), ==, origin);
      g_assert_true (g_str_has_prefix (fl_scenario_get_data (scenario), "# "));
      g_assert_nonnull (strstr (fl_scenario_get_data (scenario), ids[i]));
      /* A description is a paragraph, a LookFor line a sentence. */
      g_assert_cmpuint (strlen (fl_scenario_get_description (scenario)), >, 200);
      g_assert_nonnull (fl_scenario_get_look_for (scenario));
      g_assert_cmpuint (strlen (fl_scenario_get_look_for (scenario)), >, 20);
    }
  g_assert_null (fl_catalog_lookup (catalog, "no-such-scenario"));
}

static void
test_preset_numbers_letters (void)
{
  g_autoptr(FlCatalog) catalog = load_catalog ();
  FlScenario *scenario = fl_catalog_lookup (catalog, "numbers-letters");
  const FlParam *count;
  g_autofree char *numbers = NULL;
  g_autofree char *letters = NULL;
  g_autofree char *main_out = NULL;
  double slept = 0;

  g_assert_nonnull (scenario);
  g_assert_cmpstr (fl_scenario_get_title (scenario), ==, "Numbers and letters");
  g_assert_cmpuint (fl_scenario_get_modes (scenario), ==, FL_MODE_MASK_ALL);
  g_assert_cmpint (fl_scenario_get_default_mode (scenario), ==, FL_MODE_THREADS);
  g_assert_cmpuint (fl_scenario_get_default_workers (scenario), ==, 2);
  g_assert_cmpuint (fl_scenario_get_min_workers (scenario), ==, 1);
  g_assert_cmpuint (fl_scenario_get_max_workers (scenario), ==, 16);
  g_assert_true (fl_scenario_get_default_gil (scenario));
  g_assert_cmpstr (fl_scenario_get_verdict_kind (scenario), ==, "overlap");

  g_assert_cmpuint (fl_scenario_get_n_params (scenario), ==, 1);
  count = fl_scenario_get_param (scenario, 0);
  g_assert_true (fl_scenario_find_param (scenario, "count") == count);
  g_assert_cmpint (count->type, ==, FL_PARAM_INT);
  g_assert_cmpfloat (count->default_value, ==, 5);
  g_assert_cmpfloat (count->min, ==, 1);
  g_assert_cmpfloat (count->max, ==, 26);
  g_assert_cmpstr (count->label, ==, "Items per worker");

  g_assert_cmpuint (fl_scenario_get_n_templates (scenario), ==, 2);
  g_assert_cmpstr (fl_scenario_get_template (scenario, 0)->name, ==, "numbers");
  g_assert_cmpstr (fl_scenario_get_template (scenario, 1)->name, ==, "letters");
  /* Worker K runs template (K-1) mod 2. */
  g_assert_true (fl_scenario_get_template_for_worker (scenario, 1) == fl_scenario_get_template (scenario, 0));
  g_assert_true (fl_scenario_get_template_for_worker (scenario, 2) == fl_scenario_get_template (scenario, 1));
  g_assert_true (fl_scenario_get_template_for_worker (scenario, 3) == fl_scenario_get_template (scenario, 0));
  g_assert_true (fl_scenario_get_template_for_worker (scenario, 16) == fl_scenario_get_template (scenario, 1));

  numbers = sim_output (scenario, fl_scenario_get_template (scenario, 0)->steps, 1, &slept);
  g_assert_cmpstr (numbers, ==, "Number: 1|Number: 2|Number: 3|Number: 4|Number: 5");
  g_assert_cmpfloat (slept, ==, 5);
  letters = sim_output (scenario, fl_scenario_get_template (scenario, 1)->steps, 2, &slept);
  g_assert_cmpstr (letters, ==, "Letter: a|Letter: b|Letter: c|Letter: d|Letter: e");
  g_assert_cmpfloat (slept, ==, 5);
  main_out = sim_output (scenario, fl_scenario_get_main_steps (scenario), 0, NULL);
  g_assert_cmpstr (main_out, ==, "<start>|<join>|Both workers are done!");
}

static void
test_preset_squares_cubes (void)
{
  g_autoptr(FlCatalog) catalog = load_catalog ();
  FlScenario *scenario = fl_catalog_lookup (catalog, "squares-cubes");
  const FlParam *num;
  g_autofree char *squares = NULL;
  g_autofree char *cubes = NULL;
  g_autofree char *main_out = NULL;
  double slept = 0;

  g_assert_nonnull (scenario);
  g_assert_cmpstr (fl_scenario_get_title (scenario), ==, "Squares and cubes");
  g_assert_cmpuint (fl_scenario_get_modes (scenario), ==, FL_MODE_MASK_ALL);
  g_assert_cmpuint (fl_scenario_get_default_workers (scenario), ==, 2);
  g_assert_cmpstr (fl_scenario_get_verdict_kind (scenario), ==, "overlap");

  num = fl_scenario_find_param (scenario, "num");
  g_assert_nonnull (num);
  g_assert_cmpint (num->type, ==, FL_PARAM_INT);
  g_assert_cmpfloat (num->default_value, ==, 5);

  g_assert_cmpuint (fl_scenario_get_n_templates (scenario), ==, 2);
  g_assert_cmpstr (fl_scenario_get_template (scenario, 0)->name, ==, "squares");
  g_assert_cmpstr (fl_scenario_get_template (scenario, 1)->name, ==, "cubes");

  squares = sim_output (scenario, fl_scenario_get_template (scenario, 0)->steps, 1, &slept);
  g_assert_cmpstr (squares, ==, "Square: 0|Square: 1|Square: 4|Square: 9|Square: 16");
  g_assert_cmpfloat_with_epsilon (slept, 1.0, 1e-9);
  cubes = sim_output (scenario, fl_scenario_get_template (scenario, 1)->steps, 2, &slept);
  g_assert_cmpstr (cubes, ==, "Cube: 0|Cube: 1|Cube: 8|Cube: 27|Cube: 64");
  main_out = sim_output (scenario, fl_scenario_get_main_steps (scenario), 0, NULL);
  g_assert_cmpstr (main_out, ==, "<start>|<join>|Done!");
}

static void
test_preset_cpu_bound (void)
{
  g_autoptr(FlCatalog) catalog = load_catalog ();
  FlScenario *scenario = fl_catalog_lookup (catalog, "cpu-bound");
  const FlParam *work;
  const FlStep *step;
  g_autofree char *main_out = NULL;
  Sim sim;

  g_assert_nonnull (scenario);
  g_assert_cmpstr (fl_scenario_get_verdict_kind (scenario), ==, "speedup");
  g_assert_true (fl_scenario_get_default_gil (scenario));
  g_assert_cmpuint (fl_scenario_get_modes (scenario), ==, FL_MODE_MASK_ALL);
  g_assert_cmpuint (fl_scenario_get_default_workers (scenario), ==, 2);

  work = fl_scenario_find_param (scenario, "work");
  g_assert_nonnull (work);
  g_assert_cmpint (work->type, ==, FL_PARAM_INT);
  g_assert_cmpfloat (work->default_value, ==, 1000);
  g_assert_cmpfloat (work->min, ==, 1);
  g_assert_cmpfloat (work->max, ==, 20000);

  g_assert_cmpuint (fl_scenario_get_n_templates (scenario), ==, 1);
  g_assert_cmpuint (fl_scenario_get_template (scenario, 0)->steps->len, ==, 1);
  step = g_ptr_array_index (fl_scenario_get_template (scenario, 0)->steps, 0);
  g_assert_cmpint (step->kind, ==, FL_STEP_COMPUTE);

  /* split=true: two workers share the 1000 units. */
  sim_init (&sim, scenario, 1, 2);
  sim_run (&sim, fl_scenario_get_template (scenario, 0)->steps);
  g_assert_cmpfloat (sim.units, ==, 500);
  sim_clear (&sim);

  /* No [Main]: the default program starts and joins every worker. */
  main_out = sim_output (scenario, fl_scenario_get_main_steps (scenario), 0, NULL);
  g_assert_cmpstr (main_out, ==, "<start>|<join>");
}

/* ------------------------------------------------------------------------ */
/* Expressions and templates                                                */
/* ------------------------------------------------------------------------ */

static gboolean
table_lookup (const char *name,
              double     *value,
              gpointer    user_data)
{
  static const FlScriptVar vars[] = {
    { "count", 5 }, { "i", 0 }, { "x", 2.0 / 3.0 }, { "half", 2.5 }, { "three", 3 },
    { "zero", 0 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (vars); k++)
    if (g_str_equal (vars[k].name, name))
      {
        *value = user_data != NULL && g_str_equal (name, "i") ? *(double *) user_data : vars[k].value;
        return TRUE;
      }
  return FALSE;
}

static double
eval (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlExpr) expr = fl_expr_parse (text, &error);
  double value = -12345;

  g_assert_no_error (error);
  g_assert_nonnull (expr);
  g_assert_true (fl_expr_eval (expr, table_lookup, NULL, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
test_expressions (void)
{
  static const struct
  {
    const char *text;
    double      value;
  } cases[] = {
    { "42", 42 },
    { "0.25 + .5", 0.75 },
    { "1 + 2 * 3", 7 },
    { "(1 + 2) * 3", 9 },
    { "2 - 3 - 4", -5 },
    { "24 / 4 / 2", 3 },
    { "10 / 4", 2.5 },
    { "-2 * 3", -6 },
    { "- -2", 2 },
    { "2 * -3 + 1", -5 },
    { "7 % 3", 1 },
    { "7.9 % 3", 1 },
    { "-7 % 3", -1 },
    { "2 * 7 % 4", 2 },
    { "1 + 7 % 4", 4 },
    { "$count + 1", 6 },
    { "count * count", 25 },
    { "1 + 2 == 3", 1 },
    { "1 < 2 == 1", 1 },
    { "3 >= 4", 0 },
    { "3 <= 3", 1 },
    { "3 != 3", 0 },
    { "2 > 1 && 1 > 2", 0 },
    { "2 > 1 || 1 > 2", 1 },
    { "0 || 0 && 1", 0 },
    { "1 || 0 && 0", 1 },
    { "!0", 1 },
    { "!3 + 1", 1 },
    { "!(3 > 4)", 1 },
    { "min(3, 5)", 3 },
    { "max(3, $count) * 2", 10 },
    { "min(max(1, 2), 0 - 1)", -1 },
    /* Short-circuit: the division is never made. */
    { "zero != 0 && 10 / zero > 1", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].text);
      g_assert_cmpfloat (eval (cases[i].text), ==, cases[i].value);
    }
}

static void
test_expression_errors (void)
{
  static const struct
  {
    const char *text;
    int         code;
    const char *message;
  } parse_errors[] = {
    { "1 +", FL_SCRIPT_ERROR_SYNTAX, "column 4: expected a number, a variable or \"(\", found the end" },
    { "(1 + 2", FL_SCRIPT_ERROR_SYNTAX, "column 1: this \"(\" is not closed (expected \")\", found the end)" },
    { "foo(1, 2)", FL_SCRIPT_ERROR_SYNTAX, "column 1: unknown function \"foo\" (expected min or max)" },
    { "2x", FL_SCRIPT_ERROR_SYNTAX, "column 1: \"2x\" is not a number" },
    { "1 2", FL_SCRIPT_ERROR_SYNTAX, "column 3: unexpected \"2\" after the expression" },
    { "i = 1", FL_SCRIPT_ERROR_SYNTAX, "column 3: use \"==\" to compare" },
    { "$", FL_SCRIPT_ERROR_SYNTAX, "column 1: \"$\" must be followed by a variable name" },
  };
  static const struct
  {
    const char *text;
    int         code;
    const char *message;
  } eval_errors[] = {
    { "1 / 0", FL_SCRIPT_ERROR_EVAL, "division by zero" },
    { "1 / (three - 3)", FL_SCRIPT_ERROR_EVAL, "division by zero" },
    { "5 % 0.5", FL_SCRIPT_ERROR_EVAL, "division by zero (in the % operator)" },
    { "cuont + 1", FL_SCRIPT_ERROR_UNKNOWN_VARIABLE, "unknown variable \"cuont\"" },
  };
  g_autofree char *deep = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (parse_errors); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FlExpr) expr = fl_expr_parse (parse_errors[i].text, &error);

      g_assert_null (expr);
      g_assert_error (error, FL_SCRIPT_ERROR, parse_errors[i].code);
      g_assert_cmpstr (error->message, ==, parse_errors[i].message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (eval_errors); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FlExpr) expr = fl_expr_parse (eval_errors[i].text, &error);
      double value;

      g_assert_no_error (error);
      g_assert_false (fl_expr_eval (expr, table_lookup, NULL, &value, &error));
      g_assert_error (error, FL_SCRIPT_ERROR, eval_errors[i].code);
      g_assert_cmpstr (error->message, ==, eval_errors[i].message);
    }

  /* A hostile nesting depth is refused, not a stack overflow. */
  deep = g_strnfill (10000, '(');
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FlExpr) expr = fl_expr_parse (deep, &error);

    g_assert_null (expr);
    g_assert_error (error, FL_SCRIPT_ERROR, FL_SCRIPT_ERROR_SYNTAX);
    g_assert_nonnull (strstr (error->message, "nested too deeply"));
  }
}

static void
test_expression_variables (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlExpr) expr = fl_expr_parse ("a + $b * a + min(c, $b) - 2", &error);
  g_auto(GStrv) names = NULL;
  const char * const expected[] = { "a", "b", "c", NULL };

  g_assert_no_error (error);
  names = fl_expr_get_variables (expr);
  g_assert_true (g_strv_equal ((const char * const *) names, expected));
}

static char *
format_template (const char *text,
                 double      i)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pieces = fl_template_parse (text, &error);
  char *result;

  g_assert_no_error (error);
  result = fl_template_format (pieces, table_lookup, &i, &error);
  g_assert_no_error (error);
  return result;
}

static void
test_templates (void)
{
  static const struct
  {
    const char *text;
    double      i;
    const char *result;
  } cases[] = {
    { "Number: {i+1}", 0, "Number: 1" },
    { "Number: {i + 1}", 4, "Number: 5" },
    { "Letter: {i:letter}", 0, "Letter: a" },
    { "{i:letter}", 1, "b" },
    { "{i:letter}", 25, "z" },
    { "{i:letter}", 26, "aa" },
    { "{i:letter}", 27, "ab" },
    { "{i:LETTER}", 2, "C" },
    { "{x:.2}", 0, "0.67" },
    { "{count:.1}", 0, "5.0" },
    { "{x:.0}", 0, "1" },
    { "{half}", 0, "2.5" },
    { "{x}", 0, "0.666667" },
    { "{count / 5}", 0, "1" },
    { "{0 - i}", 0, "0" },
    { "{-half}", 0, "-2.5" },
    { "{{literal}} {count}", 0, "{literal} 5" },
    { "{{{count}}}", 0, "{5}" },
    { "no holes at all", 0, "no holes at all" },
    { "", 0, "" },
    { "{i}{i+1}{i+2}", 7, "789" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *result = format_template (cases[k].text, cases[k].i);

      g_test_message ("%s", cases[k].text);
      g_assert_cmpstr (result, ==, cases[k].result);
    }
}

static void
test_template_errors (void)
{
  static const struct
  {
    const char *text;
    const char *message;
  } cases[] = {
    { "Total: {count", "column 8: this \"{\" is not closed (write \"{{\" for a brace)" },
    { "a } b", "column 3: a \"}\" in text must be written \"}}\" (or close a \"{\")" },
    { "{count:hex}", "column 8: unknown format \"hex\" (expected letter, LETTER or .N for N decimals, like .2)" },
    { "{}", "column 1: \"{}\" holds no expression (write \"{{}}\" for braces)" },
    { "{count count}", "column 8: expected \"}\" to close \"{\", found \"count\"" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pieces = NULL;
  g_autofree char *text = NULL;
  double i = -1;

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(GPtrArray) bad = fl_template_parse (cases[k].text, &parse_error);

      g_assert_null (bad);
      g_assert_error (parse_error, FL_SCRIPT_ERROR, FL_SCRIPT_ERROR_SYNTAX);
      g_assert_cmpstr (parse_error->message, ==, cases[k].message);
    }

  /* Errors when formatting: a negative letter, a division by zero. */
  pieces = fl_template_parse ("{i:letter}", &error);
  g_assert_no_error (error);
  text = fl_template_format (pieces, table_lookup, &i, &error);
  g_assert_null (text);
  g_assert_error (error, FL_SCRIPT_ERROR, FL_SCRIPT_ERROR_EVAL);
  g_clear_error (&error);
  g_clear_pointer (&pieces, g_ptr_array_unref);

  pieces = fl_template_parse ("{1 / zero}", &error);
  g_assert_no_error (error);
  text = fl_template_format (pieces, table_lookup, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, FL_SCRIPT_ERROR, FL_SCRIPT_ERROR_EVAL);
}

/* ------------------------------------------------------------------------ */
/* Steps                                                                    */
/* ------------------------------------------------------------------------ */

static const char * const test_variables[] = { "count", "work", "worker", NULL };

static GPtrArray *
parse_steps (const char *text,
             gboolean    main)
{
  FlScriptContext context = { test_variables, main, 1, 1 };
  g_autoptr(GError) error = NULL;
  GPtrArray *steps = fl_script_parse (text, &context, &error);

  g_assert_no_error (error);
  g_assert_nonnull (steps);
  return steps;
}

static double
arg_number (const FlStep *step,
            const char   *name)
{
  g_autoptr(GError) error = NULL;
  double value = -1;

  g_assert_true (fl_step_eval_number (step, name, -1, table_lookup, NULL, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
test_steps (void)
{
  g_autoptr(GPtrArray) steps = NULL;
  const FlStep *step, *inner;
  const FlStepArg *arg;
  gboolean split = FALSE;
  g_autofree char *text = NULL;

  /* Positional and named arguments, defaults filled in, trailing ';'. */
  steps = parse_steps ("compute $count * 2; compute units=3 split=yes;\n"
                       "  sleep seconds=0.5; io 0.1 jitter=0.05; io latency=1;", FALSE);
  g_assert_cmpuint (steps->len, ==, 5);

  step = g_ptr_array_index (steps, 0);
  g_assert_cmpint (step->kind, ==, FL_STEP_COMPUTE);
  g_assert_cmpuint (step->line, ==, 1);
  g_assert_cmpuint (step->column, ==, 1);
  g_assert_cmpfloat (arg_number (step, "units"), ==, 10);
  g_assert_true (fl_step_eval_bool (step, "split", TRUE, table_lookup, NULL, &split, NULL));
  g_assert_false (split);   /* the table's default, not the fallback */
  arg = fl_step_get_arg (step, "split");
  g_assert_nonnull (arg);
  g_assert_cmpint (arg->type, ==, FL_ARG_BOOL);

  step = g_ptr_array_index (steps, 1);
  g_assert_cmpuint (step->column, ==, 21);
  g_assert_cmpfloat (arg_number (step, "units"), ==, 3);
  g_assert_true (fl_step_eval_bool (step, "split", FALSE, table_lookup, NULL, &split, NULL));
  g_assert_true (split);

  step = g_ptr_array_index (steps, 2);
  g_assert_cmpint (step->kind, ==, FL_STEP_SLEEP);
  g_assert_cmpuint (step->line, ==, 2);
  g_assert_cmpuint (step->column, ==, 3);
  g_assert_cmpfloat (arg_number (step, "seconds"), ==, 0.5);

  step = g_ptr_array_index (steps, 3);
  g_assert_cmpint (step->kind, ==, FL_STEP_IO);
  g_assert_cmpfloat (arg_number (step, "latency"), ==, 0.1);
  g_assert_cmpfloat (arg_number (step, "jitter"), ==, 0.05);
  step = g_ptr_array_index (steps, 4);
  g_assert_cmpfloat (arg_number (step, "jitter"), ==, 0);
  g_clear_pointer (&steps, g_ptr_array_unref);

  /* Nested repeats with their own variables; escapes in text. */
  steps = parse_steps ("repeat $count as row { repeat 2 { print \"{row}.{i} say \\\"hi\\\" \\\\\" } }; "
                       "repeat count=1 as=k { sleep k }", FALSE);
  g_assert_cmpuint (steps->len, ==, 2);
  step = g_ptr_array_index (steps, 0);
  g_assert_cmpint (step->kind, ==, FL_STEP_REPEAT);
  g_assert_cmpstr (fl_step_get_arg (step, "as")->text, ==, "row");
  g_assert_cmpuint (step->body->len, ==, 1);
  inner = g_ptr_array_index (step->body, 0);
  g_assert_cmpint (inner->kind, ==, FL_STEP_REPEAT);
  g_assert_cmpuint (inner->column, ==, 24);
  g_assert_cmpstr (fl_step_get_arg (inner, "as")->text, ==, "i");
  inner = g_ptr_array_index (inner->body, 0);
  g_assert_cmpint (inner->kind, ==, FL_STEP_PRINT);
  g_assert_cmpstr (fl_step_get_arg (inner, "text")->text, ==, "{row}.{i} say \"hi\" \\");
  step = g_ptr_array_index (steps, 1);
  g_assert_cmpstr (fl_step_get_arg (step, "as")->text, ==, "k");
  g_clear_pointer (&steps, g_ptr_array_unref);

  /* A simulated run of the nested loops. */
  {
    Sim sim;
    g_autofree char *joined = NULL;

    steps = parse_steps ("repeat 2 as row { repeat 3 { print \"{row}{i:letter}\" } }; print \"end\"", FALSE);
    sim_init (&sim, NULL, 1, 1);
    sim_run (&sim, steps);
    g_ptr_array_add (sim.output, NULL);
    joined = g_strjoinv (" ", (char **) sim.output->pdata);
    g_assert_cmpstr (joined, ==, "0a 0b 0c 1a 1b 1c end");
    sim_clear (&sim);
    g_clear_pointer (&steps, g_ptr_array_unref);
  }

  /* The main program may start and join, with or without a worker. */
  steps = parse_steps ("start worker=1; start; join 1; join", TRUE);
  g_assert_cmpuint (steps->len, ==, 4);
  g_assert_nonnull (fl_step_get_arg (g_ptr_array_index (steps, 0), "worker"));
  g_assert_null (fl_step_get_arg (g_ptr_array_index (steps, 1), "worker"));
  g_assert_cmpint (((FlStep *) g_ptr_array_index (steps, 3))->kind, ==, FL_STEP_JOIN);
  g_clear_pointer (&steps, g_ptr_array_unref);

  /* An empty program is allowed: a worker that only exits. */
  steps = parse_steps ("  ", FALSE);
  g_assert_cmpuint (steps->len, ==, 0);

  g_assert_cmpstr (fl_step_kind_to_string (FL_STEP_REPEAT), ==, "repeat");
  g_assert_cmpstr (fl_step_kind_to_string (FL_STEP_JOIN), ==, "join");

  /* Formatting the text of a print step. */
  g_clear_pointer (&steps, g_ptr_array_unref);
  steps = parse_steps ("print \"{count} items\"", FALSE);
  text = fl_step_format_text (g_ptr_array_index (steps, 0), "text", table_lookup, NULL, NULL);
  g_assert_cmpstr (text, ==, "5 items");
}

static void
test_step_errors (void)
{
  static const struct
  {
    const char *text;
    gboolean    main;
    int         code;
    const char *message;
  } cases[] = {
    { "sleep 1; slep 1", FALSE, FL_SCRIPT_ERROR_UNKNOWN_STEP,
      "line 12, column 18: unknown step \"slep\" (expected " WORKER_STEPS ")" },
    { "start", FALSE, FL_SCRIPT_ERROR_UNKNOWN_STEP,
      "line 12, column 9: \"start\" can only be used in the main program, not in a worker "
      "(expected " WORKER_STEPS ")" },
    { "fork", TRUE, FL_SCRIPT_ERROR_UNKNOWN_STEP,
      "line 12, column 9: unknown step \"fork\" (expected " MAIN_STEPS ")" },
    { "print \"a\"; sleep", FALSE, FL_SCRIPT_ERROR_MISSING_ARG,
      "line 12, column 20: sleep needs the argument \"seconds\"" },
    { "compute split=true", FALSE, FL_SCRIPT_ERROR_MISSING_ARG,
      "line 12, column 9: compute needs the argument \"units\"" },
    { "sleep secs=1", FALSE, FL_SCRIPT_ERROR_UNKNOWN_ARG,
      "line 12, column 15: unknown argument \"secs\" for sleep (expected seconds)" },
    { "compute 1 units=2", FALSE, FL_SCRIPT_ERROR_UNKNOWN_ARG,
      "line 12, column 19: the argument \"units\" of compute is given twice" },
    { "compute 1 true", FALSE, FL_SCRIPT_ERROR_UNKNOWN_ARG,
      "line 12, column 19: only the first argument of compute (units) may be given without its name; "
      "write the others as name=value" },
    { "print 5", FALSE, FL_SCRIPT_ERROR_TYPE,
      "line 12, column 15: the argument \"text\" of print must be text in double quotes, like \"Hello\"" },
    { "sleep \"1\"", FALSE, FL_SCRIPT_ERROR_TYPE,
      "line 12, column 15: the argument \"seconds\" of sleep must be a number, not text" },
    { "repeat 2 as 3 { }", FALSE, FL_SCRIPT_ERROR_TYPE,
      "line 12, column 21: the argument \"as\" of repeat must be a name made of letters, digits and \"_\", like i" },
    { "sleep cuont", FALSE, FL_SCRIPT_ERROR_UNKNOWN_VARIABLE,
      "line 12, column 15: unknown variable \"cuont\" (known: count, work, worker)" },
    { "repeat 2 as k { sleep $k }; sleep $k", FALSE, FL_SCRIPT_ERROR_UNKNOWN_VARIABLE,
      "line 12, column 43: unknown variable \"k\" (known: count, work, worker)" },
    { "repeat 2 { print \"{i}/{j}\" }", FALSE, FL_SCRIPT_ERROR_UNKNOWN_VARIABLE,
      "line 12, column 32: unknown variable \"j\" (known: count, work, worker, i)" },
    { "print \"x\\n\"", FALSE, FL_SCRIPT_ERROR_SYNTAX,
      "line 12, column 17: unknown escape \"\\n\" in text (only \\\" and \\\\ are known)" },
    { "print \"open", FALSE, FL_SCRIPT_ERROR_SYNTAX,
      "line 12, column 15: this text is missing its closing quote (\")" },
    { "repeat 3 { sleep 1", FALSE, FL_SCRIPT_ERROR_SYNTAX,
      "line 12, column 18: this \"{\" is not closed (expected \"}\")" },
    { "repeat 3 sleep 1", FALSE, FL_SCRIPT_ERROR_SYNTAX,
      "line 12, column 18: repeat needs its steps in braces, like repeat 3 { sleep 1 }, found \"sleep\"" },
    { "sleep 1 print \"x\"", FALSE, FL_SCRIPT_ERROR_SYNTAX,
      "line 12, column 17: expected \";\" before the step \"print\"" },
    { "start join", TRUE, FL_SCRIPT_ERROR_SYNTAX,
      "line 12, column 15: expected \";\" before the step \"join\"" },
    { "repeat 3", FALSE, FL_SCRIPT_ERROR_SYNTAX,
      "line 12, column 17: repeat needs its steps in braces, like repeat 3 { sleep 1 }, found the end" },
    { "sleep 1 { }", FALSE, FL_SCRIPT_ERROR_SYNTAX,
      "line 12, column 17: sleep takes no steps in braces" },
    { "sleep 1;; sleep 2", FALSE, FL_SCRIPT_ERROR_SYNTAX,
      "line 12, column 17: expected a step before \";\"" },
    { "sleep 1 }", FALSE, FL_SCRIPT_ERROR_SYNTAX,
      "line 12, column 17: \"}\" without a \"{\" before it" },
    { "sleep 1;\nslep 2", FALSE, FL_SCRIPT_ERROR_UNKNOWN_STEP,
      "line 13, column 1: unknown step \"slep\" (expected " WORKER_STEPS ")" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      /* As if the value started at line 12, column 9 ("    Steps=" is not
       * needed: any starting point must be honoured). */
      FlScriptContext context = { test_variables, cases[k].main, 12, 9 };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) steps = fl_script_parse (cases[k].text, &context, &error);

      g_test_message ("%s", cases[k].text);
      g_assert_null (steps);
      g_assert_error (error, FL_SCRIPT_ERROR, cases[k].code);
      g_assert_cmpstr (error->message, ==, cases[k].message);
    }
}

/* ------------------------------------------------------------------------ */
/* Scenario files                                                           */
/* ------------------------------------------------------------------------ */

/* Lines 1 to 4 of every test file. */
#define HEAD \
  "[Scenario]\n" \
  "Id=test\n" \
  "Title=Test\n" \
  "Description=A test.\n"

/* A valid worker, so that a case has only the error it is about. */
#define TAIL \
  "\n" \
  "[Worker tail]\n" \
  "Steps=sleep 1\n"

/* Lines 5 to 11. */
#define PARAM_COUNT \
  "[Param count]\n" \
  "Type=int\n" \
  "Default=5\n" \
  "Min=1\n" \
  "Max=26\n" \
  "Label=Count\n" \
  "\n"

static void
test_scenario_minimal (void)
{
  static const char data[] = HEAD TAIL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlScenario) scenario = fl_scenario_new_from_data (data, strlen (data), "test.scenario", &error);

  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  /* Every default of the format. */
  g_assert_cmpstr (fl_scenario_get_id (scenario), ==, "test");
  g_assert_cmpstr (fl_scenario_get_data (scenario), ==, data);
  g_assert_cmpstr (fl_scenario_get_origin (scenario), ==, "test.scenario");
  g_assert_null (fl_scenario_get_look_for (scenario));
  g_assert_cmpuint (fl_scenario_get_modes (scenario), ==, FL_MODE_MASK_ALL);
  g_assert_cmpint (fl_scenario_get_default_mode (scenario), ==, FL_MODE_THREADS);
  g_assert_cmpuint (fl_scenario_get_default_workers (scenario), ==, 2);
  g_assert_cmpuint (fl_scenario_get_min_workers (scenario), ==, 1);
  g_assert_cmpuint (fl_scenario_get_max_workers (scenario), ==, 256);
  g_assert_true (fl_scenario_get_default_gil (scenario));
  g_assert_cmpstr (fl_scenario_get_verdict_kind (scenario), ==, "overlap");
  g_assert_cmpuint (fl_scenario_get_n_params (scenario), ==, 0);
  g_assert_cmpuint (fl_scenario_get_main_steps (scenario)->len, ==, 2);
  g_assert_true (fl_scenario_allows_mode (scenario, FL_MODE_SPAWN));
}

static void
test_scenario_options (void)
{
  static const char data[] =
    "[Scenario]\n"
    "Id=opts-2\n"
    "Title=Options\n"
    "Description=Options.\n"
    "LookFor=Something\n"
    "Modes=spawn;fork\n"
    "MinWorkers=4\n"
    "MaxWorkers=8\n"
    "Gil=no\n"
    "Verdict=speedup\n"
    "\n"
    "[Param on]\n"
    "Type=bool\n"
    "Default=yes\n"
    "Label=On\n"
    "\n"
    "[Param ratio]\n"
    "Type=double\n"
    "Default=0.5\n"
    "Min=0\n"
    "Max=1.5\n"
    "Label=Ratio\n"
    "Description=A ratio.\n"
    "\n"
    "[Worker w]\n"
    "Steps=repeat on + ratio * 2 { print \"{index}/{workers} {pid} {worker}\" }\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(FlScenario) scenario = fl_scenario_new_from_data (data, strlen (data), "opts.scenario", &error);
  const FlParam *param;

  g_assert_no_error (error);
  g_assert_cmpstr (fl_scenario_get_look_for (scenario), ==, "Something");
  g_assert_cmpuint (fl_scenario_get_modes (scenario), ==, (1u << FL_MODE_SPAWN) | (1u << FL_MODE_FORK));
  g_assert_false (fl_scenario_allows_mode (scenario, FL_MODE_THREADS));
  /* The first of Modes, as written. */
  g_assert_cmpint (fl_scenario_get_default_mode (scenario), ==, FL_MODE_SPAWN);
  /* The default of 2 workers is brought into MinWorkers..MaxWorkers. */
  g_assert_cmpuint (fl_scenario_get_default_workers (scenario), ==, 4);
  g_assert_false (fl_scenario_get_default_gil (scenario));
  g_assert_cmpstr (fl_scenario_get_verdict_kind (scenario), ==, "speedup");

  param = fl_scenario_get_param (scenario, 0);
  g_assert_cmpstr (param->name, ==, "on");
  g_assert_cmpint (param->type, ==, FL_PARAM_BOOL);
  g_assert_cmpfloat (param->default_value, ==, 1);
  g_assert_cmpfloat (param->max, ==, 1);
  g_assert_null (param->description);
  param = fl_scenario_get_param (scenario, 1);
  g_assert_cmpint (param->type, ==, FL_PARAM_DOUBLE);
  g_assert_cmpfloat (param->default_value, ==, 0.5);
  g_assert_cmpfloat (param->max, ==, 1.5);
  g_assert_cmpstr (param->description, ==, "A ratio.");
}

static void
test_scenario_errors (void)
{
  static const struct
  {
    const char *what;
    const char *data;
    int         code;
    const char *message;
  } cases[] = {
    { "unknown step", HEAD PARAM_COUNT "[Worker a]\nSteps=repeat $count { print \"x\"; slep 1 }\n" TAIL,
      FL_SCENARIO_ERROR_SCRIPT,
      "test.scenario:13:34: unknown step \"slep\" (expected " WORKER_STEPS ")" },
    { "missing argument", HEAD PARAM_COUNT "[Worker a]\nSteps=print \"a\"; sleep\n" TAIL,
      FL_SCENARIO_ERROR_SCRIPT,
      "test.scenario:13:18: sleep needs the argument \"seconds\"" },
    { "unknown variable", HEAD PARAM_COUNT "[Worker a]\nSteps=repeat 3 { print \"{i} of {cuont}\" }\n" TAIL,
      FL_SCENARIO_ERROR_SCRIPT,
      "test.scenario:13:33: unknown variable \"cuont\" (known: count, worker, index, workers, pid, i)" },
    { "start in a worker", HEAD "[Worker a]\n  Steps = sleep 1; start\n" TAIL,
      FL_SCENARIO_ERROR_SCRIPT,
      "test.scenario:6:20: \"start\" can only be used in the main program, not in a worker "
      "(expected " WORKER_STEPS ")" },
    { "bad main", HEAD "[Main]\nSteps=start; jion\n" TAIL,
      FL_SCENARIO_ERROR_SCRIPT,
      "test.scenario:6:14: unknown step \"jion\" (expected " MAIN_STEPS ")" },
    { "bad Modes", HEAD "Modes=threads;forks\n" TAIL,
      FL_SCENARIO_ERROR_INVALID,
      "test.scenario:5: unknown mode \"forks\" in Modes (expected threads, fork or spawn)" },
    { "DefaultMode not in Modes", HEAD "Modes=fork;spawn\nDefaultMode=threads\n" TAIL,
      FL_SCENARIO_ERROR_INVALID,
      "test.scenario:6: DefaultMode \"threads\" is not one of the Modes (fork, spawn)" },
    { "Workers out of range", HEAD "Workers=300\n" TAIL,
      FL_SCENARIO_ERROR_INVALID,
      "test.scenario:5: Workers must be a whole number from 1 to 256, not \"300\"" },
    { "Workers outside Min..Max", HEAD "MaxWorkers=4\nWorkers=8\n" TAIL,
      FL_SCENARIO_ERROR_INVALID,
      "test.scenario:6: Workers (8) must be between MinWorkers (1) and MaxWorkers (4)" },
    { "unknown key", HEAD "Titel=Oops\n" TAIL,
      FL_SCENARIO_ERROR_PARSE,
      "test.scenario:5: unknown key \"Titel\" in [Scenario] (expected Id, Title, Description, LookFor, "
      "Modes, DefaultMode, Workers, MinWorkers, MaxWorkers, Gil, Verdict)" },
    { "unknown group", HEAD "\n[Paramm count]\nType=int\n" TAIL,
      FL_SCENARIO_ERROR_PARSE,
      "test.scenario:6: unknown group [Paramm count] (expected [Scenario], [Param NAME], [Main] or [Worker NAME])" },
    { "param out of range", HEAD "\n[Param count]\nType=int\nDefault=30\nMin=1\nMax=26\nLabel=Count\n" TAIL,
      FL_SCENARIO_ERROR_INVALID,
      "test.scenario:8: parameter \"count\" must be an integer from 1 to 26, not \"30\"" },
    { "param without Label", HEAD "\n[Param count]\nType=int\nDefault=3\nMin=1\nMax=26\n" TAIL,
      FL_SCENARIO_ERROR_MISSING,
      "test.scenario:6: [Param count] needs a Label= key" },
    { "param named like a builtin", HEAD "\n[Param pid]\nType=bool\nDefault=true\nLabel=P\n" TAIL,
      FL_SCENARIO_ERROR_INVALID,
      "test.scenario:6: parameter name \"pid\" is taken by a builtin variable (worker, index, workers, pid)" },
    { "missing Title", "[Scenario]\nId=test\nDescription=A test.\n" TAIL,
      FL_SCENARIO_ERROR_MISSING,
      "test.scenario:1: [Scenario] needs a Title= key" },
    { "bad Id", "[Scenario]\nId=Test One\nTitle=T\nDescription=D\n" TAIL,
      FL_SCENARIO_ERROR_INVALID,
      "test.scenario:2: Id \"Test One\" may only use lowercase letters, digits and \"-\"" },
    { "no worker", HEAD,
      FL_SCENARIO_ERROR_MISSING,
      "test.scenario: there is no [Worker NAME] group: a scenario needs at least one" },
    { "repeated key", HEAD "Title=Again\n" TAIL,
      FL_SCENARIO_ERROR_PARSE,
      "test.scenario:5: the key \"Title\" appears twice in [Scenario] (first on line 3)" },
    { "not a key file", HEAD "just words\n" TAIL,
      FL_SCENARIO_ERROR_PARSE,
      "test.scenario:5: this line is not a [Group], a Key=value or a # comment" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FlScenario) scenario = NULL;
      g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

      g_test_message ("%s", cases[k].what);
      scenario = fl_scenario_new_from_data (cases[k].data, strlen (cases[k].data), "test.scenario", &error);
      g_assert_null (scenario);
      g_assert_error (error, FL_SCENARIO_ERROR, cases[k].code);
      g_assert_cmpstr (error->message, ==, cases[k].message);

      /* Each case is wrong in exactly one way. */
      g_assert_null (fl_scenario_check (cases[k].data, strlen (cases[k].data), "test.scenario", errors));
      g_assert_cmpuint (errors->len, ==, 1);
    }
}

static void
test_scenario_check_collects (void)
{
  static const char data[] =
    "[Scenario]\n"                   /* 1 */
    "Id=Bad Id\n"                    /* 2 */
    "Title=Test\n"                   /* 3 */
    "Description=A test.\n"          /* 4 */
    "Modes=threads;thread\n"         /* 5 */
    "Workers=0\n"                    /* 6 */
    "Colour=blue\n"                  /* 7 */
    "\n"                             /* 8 */
    "[Worker a]\n"                   /* 9 */
    "Steps=slep 1\n"                 /* 10 */
    "\n"                             /* 11 */
    "[Worker b]\n"                   /* 12 */
    "Steps=print \"{x}\"\n";         /* 13 */
  static const char * const expected[] = {
    "test.scenario:2: Id \"Bad Id\" may only use lowercase letters, digits and \"-\"",
    "test.scenario:5: unknown mode \"thread\" in Modes (expected threads, fork or spawn)",
    "test.scenario:6: Workers must be a whole number from 1 to 256, not \"0\"",
    "test.scenario:7: unknown key \"Colour\" in [Scenario] (expected Id, Title, Description, LookFor, "
    "Modes, DefaultMode, Workers, MinWorkers, MaxWorkers, Gil, Verdict)",
    "test.scenario:10:7: unknown step \"slep\" (expected " WORKER_STEPS ")",
    "test.scenario:13:15: unknown variable \"x\" (known: worker, index, workers, pid)",
  };
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlScenario) scenario = NULL;

  g_assert_null (fl_scenario_check (data, strlen (data), "test.scenario", errors));
  for (guint i = 0; i < errors->len; i++)
    g_test_message ("%s", ((GError *) g_ptr_array_index (errors, i))->message);
  g_assert_cmpuint (errors->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (((GError *) g_ptr_array_index (errors, i))->message, ==, expected[i]);

  /* new_from_data gives the first of them. */
  scenario = fl_scenario_new_from_data (data, strlen (data), "test.scenario", &error);
  g_assert_null (scenario);
  g_assert_cmpstr (error->message, ==, expected[0]);
}

/* Every mistake of a Steps= line, each at its column, and constants the
 * interpreter would refuse when the step runs: what the checker accepts
 * runs. */
static void
test_scenario_check_every_step (void)
{
  static const char data[] =
    "[Scenario]\n"                                   /* 1 */
    "Id=every\n"
    "Title=Every mistake\n"
    "Description=A test.\n"
    "Verdict=nope\n"                                 /* 5 */
    "MinWorkers=2\n"
    "MaxWorkers=4\n"
    "\n"
    "[Main]\n"
    "Steps=start 1; start 3; sleep -1; join\n"       /* 10 */
    "\n"
    "[Worker w]\n"
    "Steps=sleep 1/0; sleep -5; sleep 31536000000; exit code=300; crash how=nope; "
    "touch fraction=5; send bytes=-1; alloc mb=0; slep 3; repeat 3 { sleep 1; bogus 2 }; print \"ok\"\n";
  static const char * const expected[] = {
    "test.scenario:5: unknown Verdict \"nope\" (expected overlap, speedup, race, globals, crash, memory, "
    "messages, zombie, io, startup, convoy, oversubscription, fork-vs-spawn, program)",
    "test.scenario:10:16: start: there is no worker 3 when the scenario runs with 2 workers (MinWorkers); "
    "use a worker from 1 to 2",
    "test.scenario:10:25: sleep: \"seconds\" must be from 0 to 3600, not -1",
    "test.scenario:13:7: sleep: the argument \"seconds\": division by zero",
    "test.scenario:13:18: sleep: \"seconds\" must be from 0 to 3600, not -5",
    "test.scenario:13:28: sleep: \"seconds\" must be from 0 to 3600, not 31536000000",
    "test.scenario:13:47: exit: \"code\" must be a whole number from 0 to 255, not 300",
    "test.scenario:13:62: crash: \"how\" must be segv or abort, not \"nope\"",
    "test.scenario:13:78: touch: \"fraction\" must be from 0 to 1, not 5",
    "test.scenario:13:96: send: \"bytes\" must be from 0 to 4080, not -1",
    "test.scenario:13:111: alloc: \"mb\" must be more than 0 and at most 65536, not 0",
    "test.scenario:13:123: unknown step \"slep\" (expected " WORKER_STEPS ")",
    "test.scenario:13:151: unknown step \"bogus\" (expected " WORKER_STEPS ")",
  };
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  g_assert_null (fl_scenario_check (data, strlen (data), "test.scenario", errors));
  for (guint i = 0; i < errors->len; i++)
    g_test_message ("%s", ((GError *) g_ptr_array_index (errors, i))->message);
  g_assert_cmpuint (errors->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (((GError *) g_ptr_array_index (errors, i))->message, ==, expected[i]);
}

/* A program of mistakes gets fifty of them listed, and a line that says
 * there are more, not thousands of lines. */
static void
test_script_many_mistakes (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) fl_script_problem_free);
  const FlScriptProblem *last;

  for (guint i = 0; i < 5000; i++)
    g_string_append (text, i % 2 ? "slep 1; " : "sleep -1; ");
  g_assert_null (fl_script_parse_all (text->str, NULL, problems));
  g_assert_cmpuint (problems->len, ==, 51);
  last = g_ptr_array_index (problems, 50);
  g_assert_nonnull (strstr (last->error->message, "more than 50"));
  g_assert_cmpuint (((FlScriptProblem *) g_ptr_array_index (problems, 1))->column, ==, 11);
}

/* Values that depend on a variable are checked for the default settings
 * only (other settings are checked when the step runs); constants within
 * range pass, and so do the presets (checked elsewhere). */
static void
test_scenario_check_constants_ok (void)
{
  static const char data[] =
    "[Scenario]\n"
    "Id=fine\n"
    "Title=Fine\n"
    "Description=A test.\n"
    "Verdict=race\n"
    "MinWorkers=2\n"
    "\n"
    "[Param t]\n"
    "Type=double\n"
    "Default=1\n"
    "Min=0\n"
    "Max=1\n"
    "Label=T\n"
    "\n"
    "[Main]\n"
    "Steps=start 2; start; join 1; join-after 0.5 worker=2\n"
    "\n"
    "[Worker w]\n"
    "Steps=sleep 1/$t; sleep 3600; exit code=255; crash how=abort; touch fraction=0.5; "
    "send bytes=4080; alloc mb=1; repeat 0 { sleep 0 }\n";
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(FlScenario) scenario = fl_scenario_check (data, strlen (data), "fine.scenario", errors);

  for (guint i = 0; i < errors->len; i++)
    g_test_message ("%s", ((GError *) g_ptr_array_index (errors, i))->message);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_nonnull (scenario);
}

/* A value computed from a parameter or the worker is checked for the run
 * with the default settings, the one Run starts. */
static void
test_scenario_check_default_run (void)
{
  static const char data[] =
    "[Scenario]\n"                                   /* 1 */
    "Id=defaults\n"
    "Title=Defaults\n"
    "Description=A test.\n"
    "Workers=3\n"                                    /* 5 */
    "\n"
    "[Param zero]\n"
    "Type=int\n"
    "Default=0\n"
    "Min=0\n"                                        /* 10 */
    "Max=1\n"
    "Label=Zero\n"
    "\n"
    "[Main]\n"
    "Steps=start; join worker=workers+1\n"           /* 15 */
    "\n"
    "[Worker w]\n"
    "Steps=sleep 1/$zero; exit code=worker*100; repeat 2 as i { sleep i/$zero }; print \"{pid}\"\n";
  static const char * const expected[] = {
    "test.scenario:15:14: join: with the default settings (the main program), there is no worker 4 in a run of 3 workers",
    "test.scenario:18:7: sleep: with the default settings (worker 1), the argument \"seconds\": division by zero",
    "test.scenario:18:22: exit: with the default settings (worker 3), \"code\" must be a whole number from 0 to 255, not 300",
  };
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  g_assert_null (fl_scenario_check (data, strlen (data), "test.scenario", errors));
  for (guint i = 0; i < errors->len; i++)
    g_test_message ("%s", ((GError *) g_ptr_array_index (errors, i))->message);
  g_assert_cmpuint (errors->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (((GError *) g_ptr_array_index (errors, i))->message, ==, expected[i]);
}

/* Positions are found in one pass: 100,000 steps parse in well under the
 * minutes the old rescan took (45 s on the machine of the issue; the
 * benchmark's scenario.parse_ms_100k is the real figure).  The bound is
 * generous, for a loaded machine; the positions must still be right. */
static void
test_script_parse_linear (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  const FlStep *last;

  for (guint i = 0; i < 100000; i++)
    g_string_append (text, i % 10 == 9 ? "sleep 0;\n" : "sleep 0; ");
  g_timer_start (timer);
  steps = fl_script_parse (text->str, NULL, &error);
  g_timer_stop (timer);
  g_assert_no_error (error);
  g_assert_cmpuint (steps->len, ==, 100000);
  last = g_ptr_array_index (steps, steps->len - 1);
  g_assert_cmpuint (last->line, ==, 10000);
  g_assert_cmpuint (last->column, ==, 1 + 9 * 9);
  g_test_message ("100,000 steps: %.0f ms", g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 20.0);
}

static void write_file (const char *dir,
                        const char *name,
                        const char *contents);

static void
on_user_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (fl_catalog_load_user_finish (FL_CATALOG (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
on_changed (FlCatalog *catalog,
            guint     *n_changed)
{
  (*n_changed)++;
}

/* The presets at once, the user's files in a worker thread: the window's
 * gallery shows the presets and fills in when the rest arrives.  A file
 * too large is reported, not read. */
static void
test_catalog_async (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "forkline", "scenarios", NULL);
  g_autofree char *big = NULL;
  g_autoptr(FlCatalog) catalog = fl_catalog_new ();
  g_autoptr(GString) steps = g_string_new ("[Scenario]\nId=big\nTitle=Big\nDescription=B.\n\n[Worker w]\nSteps=");
  gboolean done = FALSE;
  guint n_changed = 0, n_presets;
  GPtrArray *errors;
  gboolean big_reported = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_file (dir, "aardvark.scenario",
              "[Scenario]\nId=aardvark\nTitle=Aardvark\nDescription=A.\n\n[Worker w]\nSteps=sleep 1\n");
  while (steps->len <= FL_SCENARIO_MAX_BYTES)
    g_string_append (steps, "sleep 0; ");
  write_file (dir, "big.scenario", steps->str);

  g_signal_connect (catalog, "changed", G_CALLBACK (on_changed), &n_changed);
  fl_catalog_load_presets (catalog);
  n_presets = fl_catalog_get_scenarios (catalog)->len;
  g_assert_cmpuint (n_presets, >, 0);
  g_assert_null (fl_catalog_lookup (catalog, "aardvark"));

  fl_catalog_load_user_async (catalog, NULL, on_user_loaded, &done);
  /* Nothing is added before the main loop hands over the result. */
  g_assert_null (fl_catalog_lookup (catalog, "aardvark"));
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (fl_catalog_get_scenarios (catalog)->len, ==, n_presets + 1);
  g_assert_nonnull (fl_catalog_lookup (catalog, "aardvark"));
  g_assert_false (fl_catalog_is_preset (catalog, fl_catalog_lookup (catalog, "aardvark")));
  errors = fl_catalog_get_errors (catalog);
  for (guint i = 0; i < errors->len; i++)
    if (strstr (((GError *) g_ptr_array_index (errors, i))->message, "big.scenario") &&
        strstr (((GError *) g_ptr_array_index (errors, i))->message, "at most"))
      big_reported = TRUE;
  g_assert_true (big_reported);

  /* Loading them again now adds nothing twice. */
  fl_catalog_load_user (catalog);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (fl_catalog_get_scenarios (catalog)->len, ==, n_presets + 1);

  /* A result that arrives after the catalogue started afresh is dropped. */
  done = FALSE;
  fl_catalog_load_user_async (catalog, NULL, on_user_loaded, &done);
  fl_catalog_load_presets (catalog);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (fl_catalog_lookup (catalog, "aardvark"));
}

/* Verdict= is checked against the scenario's list; it must be the list
 * of verdicts the summary knows. */
static void
test_verdict_kinds (void)
{
  g_autofree const char **kinds = fl_summary_get_verdict_kinds ();

  g_assert_cmpuint (g_strv_length ((char **) kinds), ==, g_strv_length ((char **) fl_scenario_verdict_kinds));
  for (guint i = 0; kinds[i] != NULL; i++)
    g_assert_true (g_strv_contains (fl_scenario_verdict_kinds, kinds[i]));
}

static void
test_param_values (void)
{
  static FlParam count = { (char *) "count", FL_PARAM_INT, 5, 1, 26, (char *) "Count", NULL };
  static FlParam ratio = { (char *) "ratio", FL_PARAM_DOUBLE, 0.5, 0, 1.5, (char *) "Ratio", NULL };
  static FlParam on = { (char *) "on", FL_PARAM_BOOL, 1, 0, 1, (char *) "On", NULL };
  static const struct
  {
    const FlParam *param;
    const char    *text;
    double         value;    /* -1: refused */
  } cases[] = {
    /* Spaces are refused, as --workers refuses them: one integer parser. */
    { &count, "1", 1 }, { &count, "26", 26 }, { &count, " 7 ", -1 }, { &count, " 7", -1 },
    { &count, "7 ", -1 }, { &count, "+7", -1 }, { &count, "1e1", -1 },
    { &count, "0", -1 }, { &count, "27", -1 }, { &count, "2.5", -1 }, { &count, "abc", -1 },
    { &count, "", -1 },
    { &ratio, "0", 0 }, { &ratio, "1.25", 1.25 }, { &ratio, "1.5", 1.5 },
    { &ratio, "1.6", -1 }, { &ratio, "-0.1", -1 }, { &ratio, "nan", -1 }, { &ratio, "1,5", -1 },
    { &ratio, " 1", -1 }, { &ratio, "1 ", -1 },
    { &on, "true", 1 }, { &on, "yes", 1 }, { &on, "1", 1 }, { &on, "false", 0 }, { &on, "no", 0 },
    { &on, "0", 0 }, { &on, "maybe", -1 }, { &on, " yes", -1 },
  };
  g_autoptr(GError) error = NULL;
  double value;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) case_error = NULL;
      gboolean ok = fl_param_parse_value (cases[i].param, cases[i].text, &value, &case_error);

      g_test_message ("%s = \"%s\"", cases[i].param->name, cases[i].text);
      if (cases[i].value < 0)
        {
          g_assert_false (ok);
          g_assert_error (case_error, FL_SCENARIO_ERROR, FL_SCENARIO_ERROR_INVALID);
        }
      else
        {
          g_assert_no_error (case_error);
          g_assert_true (ok);
          g_assert_cmpfloat (value, ==, cases[i].value);
        }
    }

  g_assert_false (fl_param_parse_value (&count, "abc", &value, &error));
  g_assert_cmpstr (error->message, ==, "parameter \"count\" must be an integer from 1 to 26, not \"abc\"");
  g_clear_error (&error);
  g_assert_false (fl_param_parse_value (&ratio, "2", &value, &error));
  g_assert_cmpstr (error->message, ==, "parameter \"ratio\" must be a number from 0 to 1.5, not \"2\"");
  g_clear_error (&error);
  g_assert_false (fl_param_parse_value (&on, "maybe", &value, &error));
  g_assert_cmpstr (error->message, ==, "parameter \"on\" must be true or false, not \"maybe\"");
}

static void
test_type_names (void)
{
  FlMode mode = FL_N_MODES;

  for (guint i = 0; i < FL_N_MODES; i++)
    {
      g_assert_true (fl_mode_from_string (fl_mode_to_string ((FlMode) i), &mode));
      g_assert_cmpint (mode, ==, i);
    }
  g_assert_cmpstr (fl_mode_to_string (FL_MODE_FORK), ==, "fork");
  g_assert_false (fl_mode_from_string ("thread", &mode));
  g_assert_false (fl_mode_from_string ("Threads", &mode));

  g_assert_cmpstr (fl_state_to_string (FL_STATE_NONE), ==, "none");
  g_assert_cmpstr (fl_state_to_string (FL_STATE_RUNNABLE), ==, "runnable");
  g_assert_cmpstr (fl_state_to_string (FL_STATE_GIL), ==, "gil");
  g_assert_cmpstr (fl_state_to_string (FL_STATE_CRASHED), ==, "crashed");
  g_assert_cmpstr (fl_reason_to_string (FL_REASON_READ), ==, "read");
  g_assert_cmpstr (fl_reason_to_string (FL_REASON_STEP), ==, "step");
}

/* ------------------------------------------------------------------------ */
/* The catalogue                                                            */
/* ------------------------------------------------------------------------ */

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static const char good_scenario[] =
  "[Scenario]\nId=good-one\nTitle=Good one\nDescription=Fine.\n\n[Worker w]\nSteps=sleep 0.1\n";

static void
test_catalog_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("forkline-test-XXXXXX", &error);
  g_autoptr(FlCatalog) catalog = fl_catalog_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) missing = NULL;
  GPtrArray *scenarios, *errors;
  const char *message;

  g_assert_no_error (error);
  /* Read in name order: b-bad fails, c-dup repeats a-good's id. */
  write_file (dir, "a-good.scenario", good_scenario);
  write_file (dir, "b-bad.scenario",
              "[Scenario]\nId=bad-one\nTitle=Bad\nDescription=Broken.\n\n[Worker w]\nSteps=sleep 1; slep 2\n");
  write_file (dir, "c-dup.scenario", good_scenario);
  write_file (dir, "notes.txt", "not a scenario");

  file = g_file_new_for_path (dir);
  fl_catalog_load_directory (catalog, file);

  scenarios = fl_catalog_get_scenarios (catalog);
  g_assert_cmpuint (scenarios->len, ==, 1);
  g_assert_cmpstr (fl_scenario_get_id (g_ptr_array_index (scenarios, 0)), ==, "good-one");
  g_assert_true (g_str_has_suffix (fl_scenario_get_origin (g_ptr_array_index (scenarios, 0)), "a-good.scenario"));
  g_assert_false (fl_catalog_is_preset (catalog, g_ptr_array_index (scenarios, 0)));
  g_assert_null (fl_catalog_lookup (catalog, "bad-one"));

  errors = fl_catalog_get_errors (catalog);
  g_assert_cmpuint (errors->len, ==, 2);
  message = ((GError *) g_ptr_array_index (errors, 0))->message;
  g_assert_true (g_str_has_prefix (message, dir));
  g_assert_nonnull (strstr (message, "b-bad.scenario:7:16: unknown step \"slep\""));
  message = ((GError *) g_ptr_array_index (errors, 1))->message;
  g_assert_nonnull (strstr (message, "c-dup.scenario: the id \"good-one\" is already used by "));
  g_assert_true (g_str_has_suffix (message, "a-good.scenario; this file is skipped"));

  /* A directory that is not there is reported, not ignored. */
  missing = g_file_get_child (file, "nowhere");
  fl_catalog_load_directory (catalog, missing);
  g_assert_cmpuint (errors->len, ==, 3);
  g_assert_cmpuint (scenarios->len, ==, 1);

  fl_test_remove_tree (dir);
}

static void
test_catalog_user_scenarios (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "forkline", "scenarios", NULL);
  g_autoptr(FlCatalog) catalog = fl_catalog_new ();
  GPtrArray *scenarios, *errors;

  /* G_TEST_OPTION_ISOLATE_DIRS: this is a fresh directory of our own. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_file (dir, "zebra.scenario",
              "[Scenario]\nId=zebra\nTitle=Zebra\nDescription=Z.\n\n[Worker w]\nSteps=sleep 1\n");
  write_file (dir, "aardvark.scenario",
              "[Scenario]\nId=aardvark\nTitle=Aardvark\nDescription=A.\n\n[Worker w]\nSteps=sleep 1\n");
  write_file (dir, "mine.scenario",
              "[Scenario]\nId=cpu-bound\nTitle=Mine\nDescription=M.\n\n[Worker w]\nSteps=sleep 1\n");

  fl_catalog_load (catalog);
  scenarios = fl_catalog_get_scenarios (catalog);
  errors = fl_catalog_get_errors (catalog);

  /* Presets first, in their order; then the user's by title; the copy of
   * a preset's id is refused. */
  g_assert_cmpuint (scenarios->len, ==, 17);
  g_assert_cmpstr (fl_scenario_get_id (g_ptr_array_index (scenarios, 0)), ==, "numbers-letters");
  g_assert_cmpstr (fl_scenario_get_id (g_ptr_array_index (scenarios, 3)), ==, "cpu-bound");
  g_assert_cmpstr (fl_scenario_get_id (g_ptr_array_index (scenarios, 15)), ==, "aardvark");
  g_assert_cmpstr (fl_scenario_get_id (g_ptr_array_index (scenarios, 16)), ==, "zebra");
  g_assert_true (fl_catalog_is_preset (catalog, fl_catalog_lookup (catalog, "cpu-bound")));
  g_assert_cmpstr (fl_scenario_get_title (fl_catalog_lookup (catalog, "cpu-bound")), ==, "CPU-bound work");
  g_assert_false (fl_catalog_is_preset (catalog, fl_catalog_lookup (catalog, "zebra")));
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (errors, 0))->message, "mine.scenario: the id \"cpu-bound\""));

  /* Loading again starts afresh rather than doubling everything. */
  fl_catalog_load (catalog);
  g_assert_cmpuint (fl_catalog_get_scenarios (catalog)->len, ==, 17);
  g_assert_cmpuint (fl_catalog_get_errors (catalog)->len, ==, 1);
}

/* The enums' names in files are their GTypes' nicks, every one of them
 * (the N_ counters skipped), so that modes and states can be properties;
 * each has a translated label. */
static void
test_enum_types (void)
{
  g_autoptr(GEnumClass) modes = g_type_class_ref (FL_TYPE_MODE);
  g_autoptr(GEnumClass) states = g_type_class_ref (FL_TYPE_STATE);
  g_autoptr(GEnumClass) reasons = g_type_class_ref (FL_TYPE_REASON);
  g_autoptr(GParamSpec) pspec = NULL;

  g_assert_cmpuint (modes->n_values, ==, FL_N_MODES);
  g_assert_cmpuint (states->n_values, ==, FL_N_STATES);
  g_assert_cmpuint (reasons->n_values, ==, FL_N_REASONS);
  for (guint m = 0; m < FL_N_MODES; m++)
    {
      FlMode back;

      g_assert_cmpstr (fl_mode_to_string (m), ==, g_enum_get_value (modes, m)->value_nick);
      g_assert_true (fl_mode_from_string (fl_mode_to_string (m), &back));
      g_assert_cmpint (back, ==, m);
      g_assert_cmpstr (fl_mode_get_label (m), !=, "");
    }
  g_assert_false (fl_mode_from_string ("n-modes", NULL));
  g_assert_false (fl_mode_from_string ("Threads", NULL));
  g_assert_cmpstr (fl_mode_to_string (FL_MODE_SPAWN), ==, "spawn");
  for (guint st = 0; st < FL_N_STATES; st++)
    {
      g_assert_cmpstr (fl_state_to_string (st), ==, g_enum_get_value (states, st)->value_nick);
      g_assert_cmpstr (fl_state_get_label (st), !=, "?");
      g_assert_cmpstr (fl_state_get_short_label (st), !=, "?");
    }
  g_assert_cmpstr (fl_state_to_string (FL_STATE_GIL), ==, "gil");
  for (guint r = 0; r < FL_N_REASONS; r++)
    g_assert_cmpstr (fl_reason_to_string (r), ==, g_enum_get_value (reasons, r)->value_nick);

  pspec = g_param_spec_ref_sink (g_param_spec_enum ("mode", NULL, NULL, FL_TYPE_MODE, FL_MODE_FORK,
                                                    G_PARAM_READWRITE));
  g_assert_cmpint (G_PARAM_SPEC_ENUM (pspec)->default_value, ==, FL_MODE_FORK);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/engine/types/enum-types", test_enum_types);
  g_test_add_func ("/engine/scenario/presets", test_presets_load);
  g_test_add_func ("/engine/scenario/preset/numbers-letters", test_preset_numbers_letters);
  g_test_add_func ("/engine/scenario/preset/squares-cubes", test_preset_squares_cubes);
  g_test_add_func ("/engine/scenario/preset/cpu-bound", test_preset_cpu_bound);
  g_test_add_func ("/engine/scenario/expressions", test_expressions);
  g_test_add_func ("/engine/scenario/expression-errors", test_expression_errors);
  g_test_add_func ("/engine/scenario/expression-variables", test_expression_variables);
  g_test_add_func ("/engine/scenario/templates", test_templates);
  g_test_add_func ("/engine/scenario/template-errors", test_template_errors);
  g_test_add_func ("/engine/scenario/steps", test_steps);
  g_test_add_func ("/engine/scenario/step-errors", test_step_errors);
  g_test_add_func ("/engine/scenario/minimal", test_scenario_minimal);
  g_test_add_func ("/engine/scenario/options", test_scenario_options);
  g_test_add_func ("/engine/scenario/errors", test_scenario_errors);
  g_test_add_func ("/engine/scenario/check-collects", test_scenario_check_collects);
  g_test_add_func ("/engine/scenario/param-values", test_param_values);
  g_test_add_func ("/engine/scenario/check-every-step", test_scenario_check_every_step);
  g_test_add_func ("/engine/scenario/check-constants-ok", test_scenario_check_constants_ok);
  g_test_add_func ("/engine/scenario/check-default-run", test_scenario_check_default_run);
  g_test_add_func ("/engine/scenario/parse-linear", test_script_parse_linear);
  g_test_add_func ("/engine/scenario/many-mistakes", test_script_many_mistakes);
  g_test_add_func ("/engine/scenario/verdict-kinds", test_verdict_kinds);
  g_test_add_func ("/engine/scenario/catalog-async", test_catalog_async);
  g_test_add_func ("/engine/scenario/type-names", test_type_names);
  g_test_add_func ("/engine/scenario/catalog-directory", test_catalog_directory);
  g_test_add_func ("/engine/scenario/catalog-user", test_catalog_user_scenarios);

  return g_test_run ();
}
