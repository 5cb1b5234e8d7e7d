/* fl-script.h — the step language of scenario files
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A worker's program is a list of steps separated by ';'.  A step is a
 * name followed by arguments, either positional or name=value:
 *
 *   repeat $count { print "Number: {n}"; sleep 1 }
 *   compute units=$work split=true
 *
 * Values are expressions (numbers, $param / builtin variables, + - * / %
 * and parentheses) or double-quoted text.  Text given to `print` is a
 * template: every {expr} in it is replaced by the expression's value;
 * {expr:letter} formats 0 as "a", 1 as "b" …  Everything is checked when
 * the file is parsed, so that a run never meets a malformed step.
 */

#pragma once

#include "fl-types.h"

G_BEGIN_DECLS

#define FL_SCRIPT_ERROR (fl_script_error_quark ())
typedef enum
{
  FL_SCRIPT_ERROR_SYNTAX,
  FL_SCRIPT_ERROR_UNKNOWN_STEP,
  FL_SCRIPT_ERROR_UNKNOWN_ARG,
  FL_SCRIPT_ERROR_MISSING_ARG,
  FL_SCRIPT_ERROR_UNKNOWN_VARIABLE,
  FL_SCRIPT_ERROR_TYPE,
  FL_SCRIPT_ERROR_EVAL,      /* division by zero, value out of range */
} FlScriptError;

GQuark fl_script_error_quark (void);

typedef struct _FlExpr FlExpr;  /* opaque, immutable once parsed */

/* Resolves a variable for evaluation.  Returns FALSE if the name is unknown. */
typedef gboolean (*FlLookupFunc) (const char *name,
                                  double     *value,
                                  gpointer    user_data);

FlExpr  *fl_expr_parse   (const char   *text,
                          GError      **error);
void     fl_expr_free    (FlExpr       *expr);
/* Never fails for expressions that passed fl_script_parse with the same variables,
 * except on arithmetic errors (division by zero), which return FALSE. */
gboolean fl_expr_eval    (const FlExpr *expr,
                          FlLookupFunc  lookup,
                          gpointer      user_data,
                          double       *result,
                          GError      **error);
/* Variables the expression mentions (without '$'), in order, no repeats. */
GStrv    fl_expr_get_variables (const FlExpr *expr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlExpr, fl_expr_free)

/* A template is text with {expr}, {expr:letter}, {expr:LETTER} and
 * {expr:.N} (N decimals) holes; "{{" and "}}" are literal braces.
 * Returns the parsed pieces (an opaque GPtrArray), or NULL and an error
 * whose message begins with "column C: ".  No variable is checked. */
GPtrArray *fl_template_parse  (const char    *text,
                               GError       **error);
/* Integral values print without decimals, others with up to six. */
char      *fl_template_format (GPtrArray     *pieces,
                               FlLookupFunc   lookup,
                               gpointer       user_data,
                               GError       **error);

typedef enum
{
  FL_STEP_COMPUTE,   /* units=N [split=bool]: count primes in N blocks */
  FL_STEP_SLEEP,     /* seconds=S */
  FL_STEP_PRINT,     /* text="template" */
  FL_STEP_IO,        /* latency=S [jitter=S]: one blocking request to the run's local server */
  FL_STEP_REPEAT,    /* count=N [as=name] { body } — the variable (default i) counts from 0 */
  FL_STEP_START,     /* main only: [worker=K] start one worker, or all not yet started */
  FL_STEP_JOIN,      /* main only: [worker=K] wait for one worker, or all started ones */
  FL_STEP_ALLOC,     /* mb=M: reserve M MiB (untouched pages cost nothing yet) */
  FL_STEP_TOUCH,     /* [fraction=F]: write F of the newest allocation's pages */
  FL_STEP_LOCK,      /* name=N: take a mutex shared by every worker of the run */
  FL_STEP_UNLOCK,    /* name=N */
  FL_STEP_INCREMENT, /* times=N [locked=bool] [window=µs]: counter += 1, N times */
  FL_STEP_SET,       /* value=V: the program's global variable */
  FL_STEP_GET,       /* report the global variable as this process sees it */
  FL_STEP_SEND,      /* [bytes=B] [channel=name]: one message */
  FL_STEP_RECEIVE,   /* [channel=name]: wait for one message */
  FL_STEP_CRASH,     /* [how=segv|abort] */
  FL_STEP_EXIT,      /* [code=N]: end this worker (a process exits with N) */
  FL_STEP_JOIN_AFTER,/* main only: seconds=S [worker=K]: wait, then join */
  FL_STEP_OPEN,      /* main only: open a new (unnamed) file and keep it open */
  FL_STEP_FDS,       /* report this process's open descriptors and whether the main's `open` files are among them */
  FL_N_STEP_KINDS
} FlStepKind;

typedef enum
{
  FL_ARG_NUMBER,     /* an expression */
  FL_ARG_BOOL,       /* true/false/yes/no/1/0 or an expression (non-zero is true) */
  FL_ARG_TEXT,       /* a quoted template */
  FL_ARG_NAME,       /* a bare identifier */
} FlArgType;

typedef struct
{
  const char *name;       /* interned */
  FlArgType   type;
  FlExpr     *expr;       /* NUMBER and BOOL */
  char       *text;       /* TEXT (raw template) and NAME */
  GPtrArray  *pieces;     /* TEXT: parsed template, see fl_template_format */
} FlStepArg;

typedef struct _FlStep FlStep;
struct _FlStep
{
  FlStepKind  kind;
  guint       line;       /* 1-based, in the scenario file */
  guint       column;     /* 1-based */
  guint       n_args;
  FlStepArg  *args;
  GPtrArray  *body;       /* of FlStep*, REPEAT only, else NULL */
};

typedef struct
{
  const char * const *variables;  /* names a script may use, besides repeat variables */
  gboolean            main;       /* start/join allowed */
  guint               first_line; /* where the value starts in the file, for messages */
  guint               first_column;
  /* The fewest workers a run may have (MinWorkers); 0 if unknown.  A
   * constant worker of start/join/join-after must be one of them. */
  guint               min_workers;
} FlScriptContext;

/* Parses a program.  Returns a GPtrArray of FlStep* (free with
 * g_ptr_array_unref) or NULL with an error whose message begins with
 * "line L, column C: ". */
GPtrArray   *fl_script_parse          (const char            *text,
                                       const FlScriptContext *context,
                                       GError               **error);
/* The same, for callers that place the position themselves: on error,
 * @error_line and @error_column say where, and the message has no
 * "line L, column C: " prefix. */
GPtrArray   *fl_script_parse_full     (const char            *text,
                                       const FlScriptContext *context,
                                       guint                 *error_line,
                                       guint                 *error_column,
                                       GError               **error);
/* One mistake of a program: where it is, and what (no position in the
 * message). */
typedef struct
{
  guint   line;
  guint   column;
  GError *error;
} FlScriptProblem;

void         fl_script_problem_free   (FlScriptProblem       *problem);
/* Parses a program and reports every mistake, in source order, into
 * @problems (of FlScriptProblem*, which the caller frees with
 * fl_script_problem_free): parsing goes on at the next step after one,
 * and arguments that are constants are checked against what the step
 * accepts when it runs.  Returns the steps when there was no mistake,
 * else NULL. */
GPtrArray   *fl_script_parse_all      (const char            *text,
                                       const FlScriptContext *context,
                                       GPtrArray             *problems);
/* NULL if the step @kind accepts @value for its argument @arg (as the
 * interpreter checks it when the step runs), else what it accepts. */
char        *fl_step_check_value      (FlStepKind             kind,
                                       const char            *arg,
                                       double                 value);
void         fl_step_free             (FlStep                *step);
const char  *fl_step_kind_to_string   (FlStepKind             kind);
/* Optional arguments with a default in the step table (split, jitter, as)
 * are always present after parsing; only start/join's worker can be NULL. */
const FlStepArg *fl_step_get_arg      (const FlStep          *step,
                                       const char            *name);

/* Convenience evaluators; a missing optional argument yields @fallback. */
gboolean     fl_step_eval_number      (const FlStep          *step,
                                       const char            *name,
                                       double                 fallback,
                                       FlLookupFunc           lookup,
                                       gpointer               user_data,
                                       double                *result,
                                       GError               **error);
gboolean     fl_step_eval_bool        (const FlStep          *step,
                                       const char            *name,
                                       gboolean               fallback,
                                       FlLookupFunc           lookup,
                                       gpointer               user_data,
                                       gboolean              *result,
                                       GError               **error);
/* Formats a TEXT argument's template; NULL (and error) on an evaluation error. */
char        *fl_step_format_text      (const FlStep          *step,
                                       const char            *name,
                                       FlLookupFunc           lookup,
                                       gpointer               user_data,
                                       GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlStep, fl_step_free)

G_END_DECLS
