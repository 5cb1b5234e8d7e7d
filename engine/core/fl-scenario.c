/* fl-scenario.c — a scenario: what it says, its parameters and programs
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The object and its getters; reading and checking a scenario file is
 * fl-scenario-loader.c.
 */

#define G_LOG_DOMAIN "fl-scenario"

#include "config.h"

#include <string.h>

#include "fl-scenario-private.h"

G_DEFINE_QUARK (fl-scenario-error-quark, fl_scenario_error)

const char * const fl_scenario_builtin_variables[] = {
  "worker", "index", "workers", "pid", NULL
};

G_DEFINE_FINAL_TYPE (FlScenario, fl_scenario, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_LOOK_FOR,
  PROP_ORIGIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Keep in step with fl-verdict.c's table (tests/test-summary.c checks). */
const char * const fl_scenario_verdict_kinds[] = {
  "overlap", "speedup", "race", "globals", "crash", "memory", "messages", "zombie",
  "io", "startup", "convoy", "oversubscription", "fork-vs-spawn", "program", NULL
};

/* ------------------------------------------------------------------------ */
/* Parameters                                                               */
/* ------------------------------------------------------------------------ */

void
fl_param_free (gpointer data)
{
  FlParam *param = data;

  g_free (param->name);
  g_free (param->label);
  g_free (param->description);
  g_free (param);
}

void
fl_worker_template_free (gpointer data)
{
  FlWorkerTemplate *template = data;

  g_free (template->name);
  g_clear_pointer (&template->steps, g_ptr_array_unref);
  g_free (template);
}

/* ------------------------------------------------------------------------ */
/* The object                                                               */
/* ------------------------------------------------------------------------ */

static void
fl_scenario_finalize (GObject *object)
{
  FlScenario *self = (FlScenario *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->look_for, g_free);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->data, g_free);
  g_clear_pointer (&self->verdict, g_free);
  g_clear_pointer (&self->params, g_ptr_array_unref);
  g_clear_pointer (&self->main_steps, g_ptr_array_unref);
  g_clear_pointer (&self->templates, g_ptr_array_unref);

  G_OBJECT_CLASS (fl_scenario_parent_class)->finalize (object);
}

static void
fl_scenario_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FlScenario *self = FL_SCENARIO (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_LOOK_FOR:
      g_value_set_string (value, self->look_for);
      break;

    case PROP_ORIGIN:
      g_value_set_string (value, self->origin);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_scenario_class_init (FlScenarioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fl_scenario_finalize;
  object_class->get_property = fl_scenario_get_property;

  /* Read-only: list widgets bind and sort on them (GtkPropertyExpression). */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOOK_FOR] =
    g_param_spec_string ("look-for", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORIGIN] =
    g_param_spec_string ("origin", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fl_scenario_init (FlScenario *self)
{
  self->params = g_ptr_array_new_with_free_func (fl_param_free);
  self->templates = g_ptr_array_new_with_free_func (fl_worker_template_free);
}

const char *
fl_scenario_get_id (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), NULL);

  return self->id;
}

const char *
fl_scenario_get_title (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), NULL);

  return self->title;
}

const char *
fl_scenario_get_description (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), NULL);

  return self->description;
}

const char *
fl_scenario_get_look_for (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), NULL);

  return self->look_for;
}

const char *
fl_scenario_get_origin (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), NULL);

  return self->origin;
}

const char *
fl_scenario_get_data (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), NULL);

  return self->data;
}

const char *
fl_scenario_get_verdict_kind (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), NULL);

  return self->verdict;
}

guint
fl_scenario_get_modes (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), 0);

  return self->modes;
}

gboolean
fl_scenario_allows_mode (FlScenario *self,
                         FlMode      mode)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), FALSE);

  return (guint) mode < FL_N_MODES && (self->modes & (1u << mode)) != 0;
}

FlMode
fl_scenario_get_default_mode (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), FL_MODE_THREADS);

  return self->default_mode;
}

guint
fl_scenario_get_default_workers (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), 0);

  return self->default_workers;
}

gboolean
fl_scenario_says_default_mode (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), FALSE);

  return self->says_mode;
}

gboolean
fl_scenario_says_default_workers (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), FALSE);

  return self->says_workers;
}

guint
fl_scenario_get_min_workers (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), 0);

  return self->min_workers;
}

guint
fl_scenario_get_max_workers (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), 0);

  return self->max_workers;
}

gboolean
fl_scenario_get_default_gil (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), TRUE);

  return self->default_gil;
}

guint
fl_scenario_get_n_params (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), 0);

  return self->params->len;
}

const FlParam *
fl_scenario_get_param (FlScenario *self,
                       guint       index)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (index < self->params->len, NULL);

  return g_ptr_array_index (self->params, index);
}

const FlParam *
fl_scenario_find_param (FlScenario *self,
                        const char *name)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->params->len; i++)
    {
      const FlParam *param = g_ptr_array_index (self->params, i);

      if (g_str_equal (param->name, name))
        return param;
    }
  return NULL;
}

gboolean
fl_steps_contain (GPtrArray  *steps,
                  FlStepKind  kind)
{
  guint i;

  for (i = 0; steps && i < steps->len; i++)
    {
      const FlStep *step = g_ptr_array_index (steps, i);

      if (step->kind == kind || fl_steps_contain (step->body, kind))
        return TRUE;
    }
  return FALSE;
}

gboolean
fl_scenario_uses_step (FlScenario *scenario,
                       FlStepKind  kind)
{
  guint i;

  if (fl_steps_contain (fl_scenario_get_main_steps (scenario), kind))
    return TRUE;
  for (i = 0; i < fl_scenario_get_n_templates (scenario); i++)
    if (fl_steps_contain (fl_scenario_get_template (scenario, i)->steps, kind))
      return TRUE;
  return FALSE;
}

/**
 * fl_script_scope_lookup:
 * @name: a variable's name
 * @value: (out): where its value goes
 * @user_data: an #FlScriptScope
 *
 * Resolves @name the way the runner does: the innermost repeat variable of
 * that name, then worker, index, workers and pid, then the scenario's
 * parameters (their run values, or their defaults).
 *
 * Returns: %FALSE when nothing has that name
 */
gboolean
fl_script_scope_lookup (const char *name,
                        double     *value,
                        gpointer    user_data)
{
  const FlScriptScope *scope = user_data;

  for (guint i = scope->vars != NULL ? scope->vars->len : 0; i > 0; i--)
    {
      const FlScriptVar *var = &g_array_index (scope->vars, FlScriptVar, i - 1);

      if (g_str_equal (var->name, name))
        {
          *value = var->value;
          return TRUE;
        }
    }

  if (g_str_equal (name, "worker"))
    *value = scope->worker;
  else if (g_str_equal (name, "index"))
    *value = scope->worker > 0 ? scope->worker - 1 : 0;
  else if (g_str_equal (name, "workers"))
    *value = scope->n_workers;
  else if (g_str_equal (name, "pid"))
    {
      if (scope->pid < 0)
        return FALSE;
      *value = scope->pid;
    }
  else
    {
      if (scope->scenario == NULL)
        return FALSE;
      for (guint i = 0; i < scope->scenario->params->len; i++)
        {
          const FlParam *param = g_ptr_array_index (scope->scenario->params, i);

          if (g_str_equal (param->name, name))
            {
              *value = scope->param_values != NULL ? scope->param_values[i]
                                                   : param->default_value;
              return TRUE;
            }
        }
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
fl_scenario_get_main_steps (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), NULL);

  return self->main_steps;
}

guint
fl_scenario_get_n_templates (FlScenario *self)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), 0);

  return self->templates->len;
}

const FlWorkerTemplate *
fl_scenario_get_template (FlScenario *self,
                          guint       index)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (index < self->templates->len, NULL);

  return g_ptr_array_index (self->templates, index);
}

const FlWorkerTemplate *
fl_scenario_get_template_for_worker (FlScenario *self,
                                     guint       worker)
{
  g_return_val_if_fail (FL_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (worker >= 1, NULL);
  g_return_val_if_fail (self->templates->len > 0, NULL);

  return g_ptr_array_index (self->templates, (worker - 1) % self->templates->len);
}
