/* fl-scenario.h — a scenario file: what a run does
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fl-script.h"

G_BEGIN_DECLS

#define FL_SCENARIO_ERROR (fl_scenario_error_quark ())
typedef enum
{
  FL_SCENARIO_ERROR_PARSE,      /* not a key file, or a value of the wrong form */
  FL_SCENARIO_ERROR_MISSING,    /* a required group or key is absent */
  FL_SCENARIO_ERROR_INVALID,    /* a value is out of range or inconsistent */
  FL_SCENARIO_ERROR_SCRIPT,     /* a Steps= program is malformed */
} FlScenarioError;

GQuark fl_scenario_error_quark (void);

typedef enum
{
  FL_PARAM_INT,
  FL_PARAM_DOUBLE,
  FL_PARAM_BOOL,
} FlParamType;

typedef struct
{
  char        *name;          /* [a-z][a-z0-9_]* */
  FlParamType  type;
  double       default_value;
  double       min;           /* inclusive; bool: 0 */
  double       max;           /* inclusive; bool: 1 */
  char        *label;         /* translatable, shown as the control's title */
  char        *description;   /* may be NULL */
} FlParam;

typedef struct
{
  char      *name;            /* from the group name "[Worker NAME]" */
  GPtrArray *steps;           /* of FlStep* */
} FlWorkerTemplate;

#define FL_TYPE_SCENARIO (fl_scenario_get_type ())
G_DECLARE_FINAL_TYPE (FlScenario, fl_scenario, FL, SCENARIO, GObject)

/* @origin names the file in messages ("cpu-bound.scenario", a path …).
 * Errors carry "ORIGIN:LINE: message" (or "ORIGIN: message" when no line applies). */
FlScenario             *fl_scenario_new_from_data      (const char   *data,
                                                        gsize         length,
                                                        const char   *origin,
                                                        GError      **error);
/* Parses and collects every error instead of stopping at the first;
 * returns NULL when @errors (of GError*) is not empty. */
FlScenario             *fl_scenario_check              (const char   *data,
                                                        gsize         length,
                                                        const char   *origin,
                                                        GPtrArray    *errors);

const char             *fl_scenario_get_id             (FlScenario   *self);
const char             *fl_scenario_get_title          (FlScenario   *self);
const char             *fl_scenario_get_description    (FlScenario   *self);
const char             *fl_scenario_get_look_for       (FlScenario   *self);
const char             *fl_scenario_get_origin         (FlScenario   *self);
/* The file as it was read: the runner parses the same text. */
const char             *fl_scenario_get_data           (FlScenario   *self);
const char             *fl_scenario_get_verdict_kind   (FlScenario   *self);
guint                   fl_scenario_get_modes          (FlScenario   *self); /* 1 << FlMode */
gboolean                fl_scenario_allows_mode        (FlScenario   *self,
                                                        FlMode        mode);
FlMode                  fl_scenario_get_default_mode   (FlScenario   *self);
guint                   fl_scenario_get_default_workers(FlScenario   *self);
/* Whether the file chose the default (DefaultMode=, Workers=): when it
 * did not, the user's preferred default may take its place. */
gboolean                fl_scenario_says_default_mode  (FlScenario   *self);
gboolean                fl_scenario_says_default_workers (FlScenario *self);
guint                   fl_scenario_get_min_workers    (FlScenario   *self);
guint                   fl_scenario_get_max_workers    (FlScenario   *self);
gboolean                fl_scenario_get_default_gil    (FlScenario   *self);
guint                   fl_scenario_get_n_params       (FlScenario   *self);
const FlParam          *fl_scenario_get_param          (FlScenario   *self,
                                                        guint         index);
const FlParam          *fl_scenario_find_param         (FlScenario   *self,
                                                        const char   *name);
/* The one parser of whole numbers users type (--workers, --param, a
 * scenario's Default=): decimal, an optional "-", nothing around it. */
gboolean                fl_parse_integer               (const char    *text,
                                                        gint64         min,
                                                        gint64         max,
                                                        gint64        *value);
/* Parses VALUE for the parameter: type and range checked, a message saying
 * which on error.  Spaces around the value are refused, as for --workers. */
gboolean                fl_param_parse_value           (const FlParam *param,
                                                        const char    *text,
                                                        double        *value,
                                                        GError       **error);
/* The main process's program (default: "start; join"). */
GPtrArray              *fl_scenario_get_main_steps     (FlScenario   *self);
guint                   fl_scenario_get_n_templates    (FlScenario   *self);
const FlWorkerTemplate *fl_scenario_get_template       (FlScenario   *self,
                                                        guint         index);
/* Worker K (1-based) of a run runs template (K-1) mod n_templates. */
const FlWorkerTemplate *fl_scenario_get_template_for_worker (FlScenario *self,
                                                             guint       worker);

/* Builtin variables every script may use besides the parameters:
 * worker (1-based id, 0 in main), index (0-based), workers (count), pid. */
extern const char * const fl_scenario_builtin_variables[];
/* The verdict kinds Verdict= may name, NULL-terminated. */
extern const char * const fl_scenario_verdict_kinds[];

/* Whether @steps (and the steps inside them) hold a step of @kind; whether
 * the main program or any worker's does. */
gboolean                fl_steps_contain               (GPtrArray    *steps,
                                                        FlStepKind    kind);
gboolean                fl_scenario_uses_step          (FlScenario   *scenario,
                                                        FlStepKind    kind);

/* What a script's names stand for where it runs: the one lookup the
 * runner, the observer's prime-count walk, the loader's check of the
 * default run and the tests share.  Repeat
 * variables shadow the builtins, which shadow the parameters. */
typedef struct
{
  const char *name;
  double      value;
} FlScriptVar;

typedef struct
{
  GArray       *vars;          /* of FlScriptVar: repeat variables, innermost last */
  guint         worker;        /* 0: main, K: worker K */
  guint         n_workers;
  double        pid;           /* < 0: not known (a scenario checked before it runs) */
  FlScenario   *scenario;      /* nullable */
  const double *param_values;  /* one per parameter; NULL: their defaults */
} FlScriptScope;

/* An FlLookupFunc: @user_data is an FlScriptScope. */
gboolean                fl_script_scope_lookup         (const char   *name,
                                                        double       *value,
                                                        gpointer      user_data);

G_END_DECLS
