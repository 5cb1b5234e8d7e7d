/* fl-script.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-script"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fl-script.h"
#include "fl-types.h"

G_DEFINE_QUARK (fl-script-error-quark, fl_script_error)

/* Limits that keep a hostile file from exhausting the stack. */
#define MAX_EXPR_DEPTH   64
#define MAX_BLOCK_DEPTH  32

/* Beyond this, doubles no longer hold every integer: % and letters refuse. */
#define MAX_EXACT_INTEGER 9007199254740992.0 /* 2^53 */

/* ------------------------------------------------------------------------ */
/* The step table                                                           */
/* ------------------------------------------------------------------------ */

#define MAX_STEP_ARGS 4

typedef struct
{
  const char *name;
  FlArgType   type;
  gboolean    required;
  /* Source text parsed in place of a missing optional argument, or NULL
   * to leave it absent (the caller's fallback then applies). */
  const char *default_text;
} ArgSpec;

typedef enum
{
  STEP_MAIN_ONLY = 1 << 0,  /* start/join: only the main program has workers */
  STEP_HAS_BODY  = 1 << 1,  /* followed by { steps } */
} StepFlags;

typedef struct
{
  FlStepKind  kind;
  const char *name;
  StepFlags   flags;
  /* The first argument may be given without its name. */
  ArgSpec     args[MAX_STEP_ARGS];
} StepSpec;

/* Indexed by FlStepKind: keep the same order as the enum.  A new step is a
 * row here, a value in FlStepKind and a case in the interpreter. */
static const StepSpec step_specs[] = {
  { FL_STEP_COMPUTE, "compute", 0,
    { { "units", FL_ARG_NUMBER, TRUE, NULL },
      { "split", FL_ARG_BOOL, FALSE, "false" } } },
  { FL_STEP_SLEEP, "sleep", 0,
    { { "seconds", FL_ARG_NUMBER, TRUE, NULL } } },
  { FL_STEP_PRINT, "print", 0,
    { { "text", FL_ARG_TEXT, TRUE, NULL } } },
  { FL_STEP_IO, "io", 0,
    { { "latency", FL_ARG_NUMBER, TRUE, NULL },
      { "jitter", FL_ARG_NUMBER, FALSE, "0" } } },
  { FL_STEP_REPEAT, "repeat", STEP_HAS_BODY,
    { { "count", FL_ARG_NUMBER, TRUE, NULL },
      { "as", FL_ARG_NAME, FALSE, "i" } } },
  { FL_STEP_START, "start", STEP_MAIN_ONLY,
    { { "worker", FL_ARG_NUMBER, FALSE, NULL } } },
  { FL_STEP_JOIN, "join", STEP_MAIN_ONLY,
    { { "worker", FL_ARG_NUMBER, FALSE, NULL } } },
  { FL_STEP_ALLOC, "alloc", 0,
    { { "mb", FL_ARG_NUMBER, TRUE, NULL } } },
  { FL_STEP_TOUCH, "touch", 0,
    { { "fraction", FL_ARG_NUMBER, FALSE, "1" } } },
  { FL_STEP_LOCK, "lock", 0,
    { { "name", FL_ARG_NAME, FALSE, "lock" } } },
  { FL_STEP_UNLOCK, "unlock", 0,
    { { "name", FL_ARG_NAME, FALSE, "lock" } } },
  { FL_STEP_INCREMENT, "increment", 0,
    { { "times", FL_ARG_NUMBER, TRUE, NULL },
      { "locked", FL_ARG_BOOL, FALSE, "false" },
      { "window", FL_ARG_NUMBER, FALSE, "2" } } },
  { FL_STEP_SET, "set", 0,
    { { "value", FL_ARG_NUMBER, TRUE, NULL } } },
  { FL_STEP_GET, "get", 0,
    { { NULL } } },
  { FL_STEP_SEND, "send", 0,
    { { "bytes", FL_ARG_NUMBER, FALSE, "64" },
      { "channel", FL_ARG_NAME, FALSE, "queue" } } },
  { FL_STEP_RECEIVE, "receive", 0,
    { { "channel", FL_ARG_NAME, FALSE, "queue" } } },
  { FL_STEP_CRASH, "crash", 0,
    { { "how", FL_ARG_NAME, FALSE, "segv" } } },
  { FL_STEP_EXIT, "exit", 0,
    { { "code", FL_ARG_NUMBER, FALSE, "0" } } },
  { FL_STEP_JOIN_AFTER, "join-after", STEP_MAIN_ONLY,
    { { "seconds", FL_ARG_NUMBER, TRUE, NULL },
      { "worker", FL_ARG_NUMBER, FALSE, NULL } } },
  { FL_STEP_OPEN, "open", STEP_MAIN_ONLY,
    { { NULL } } },
  { FL_STEP_FDS, "fds", 0,
    { { NULL } } },
};

G_STATIC_ASSERT (G_N_ELEMENTS (step_specs) == FL_N_STEP_KINDS);

static const StepSpec *
find_step_spec (const char *name,
                gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (step_specs); i++)
    if (strlen (step_specs[i].name) == len &&
        strncmp (step_specs[i].name, name, len) == 0)
      return &step_specs[i];
  return NULL;
}

static guint
step_spec_n_args (const StepSpec *spec)
{
  guint n = 0;

  while (n < MAX_STEP_ARGS && spec->args[n].name != NULL)
    n++;
  return n;
}

const char *
fl_step_kind_to_string (FlStepKind kind)
{
  g_return_val_if_fail ((guint) kind < FL_N_STEP_KINDS, NULL);

  g_assert (step_specs[kind].kind == kind);
  return step_specs[kind].name;
}

/* ------------------------------------------------------------------------ */
/* Expressions                                                              */
/* ------------------------------------------------------------------------ */

typedef enum
{
  OP_NUMBER,
  OP_VARIABLE,
  OP_NEG,
  OP_NOT,
  OP_ADD,
  OP_SUB,
  OP_MUL,
  OP_DIV,
  OP_MOD,
  OP_EQ,
  OP_NE,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
  OP_AND,
  OP_OR,
  OP_MIN,
  OP_MAX,
} ExprOp;

struct _FlExpr
{
  ExprOp  op;
  double  number;   /* OP_NUMBER */
  char   *name;     /* OP_VARIABLE */
  FlExpr *left;     /* unary operand, or left operand */
  FlExpr *right;
};

static FlExpr *
expr_new (ExprOp  op,
          FlExpr *left,
          FlExpr *right)
{
  FlExpr *expr = g_new0 (FlExpr, 1);

  expr->op = op;
  expr->left = left;
  expr->right = right;
  return expr;
}

static FlExpr *
expr_new_number (double number)
{
  FlExpr *expr = expr_new (OP_NUMBER, NULL, NULL);

  expr->number = number;
  return expr;
}

void
fl_expr_free (FlExpr *expr)
{
  if (expr == NULL)
    return;

  fl_expr_free (expr->left);
  fl_expr_free (expr->right);
  g_free (expr->name);
  g_free (expr);
}

static void
collect_variables (const FlExpr *expr,
                   GPtrArray    *names)
{
  if (expr == NULL)
    return;

  if (expr->op == OP_VARIABLE &&
      !g_ptr_array_find_with_equal_func (names, expr->name, g_str_equal, NULL))
    g_ptr_array_add (names, g_strdup (expr->name));

  collect_variables (expr->left, names);
  collect_variables (expr->right, names);
}

GStrv
fl_expr_get_variables (const FlExpr *expr)
{
  GPtrArray *names;

  g_return_val_if_fail (expr != NULL, NULL);

  names = g_ptr_array_new ();
  collect_variables (expr, names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

static gboolean
check_finite (double   value,
              double  *result,
              GError **error)
{
  if (!isfinite (value))
    {
      g_set_error_literal (error, FL_SCRIPT_ERROR, FL_SCRIPT_ERROR_EVAL,
                           _("the result is too large"));
      return FALSE;
    }
  *result = value;
  return TRUE;
}

static gboolean
to_integer (double   value,
            gint64  *result,
            GError **error)
{
  if (!(fabs (value) < MAX_EXACT_INTEGER))
    {
      g_set_error_literal (error, FL_SCRIPT_ERROR, FL_SCRIPT_ERROR_EVAL,
                           _("the value is too large for the % operator"));
      return FALSE;
    }
  *result = (gint64) value;
  return TRUE;
}

gboolean
fl_expr_eval (const FlExpr *expr,
              FlLookupFunc  lookup,
              gpointer      user_data,
              double       *result,
              GError      **error)
{
  double a, b;
  gint64 ia = 0, ib = 0;

  g_return_val_if_fail (expr != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  switch (expr->op)
    {
    case OP_NUMBER:
      *result = expr->number;
      return TRUE;

    case OP_VARIABLE:
      if (lookup == NULL || !lookup (expr->name, result, user_data))
        {
          g_set_error (error, FL_SCRIPT_ERROR, FL_SCRIPT_ERROR_UNKNOWN_VARIABLE,
                       _("unknown variable \"%s\""), expr->name);
          return FALSE;
        }
      return TRUE;

    case OP_NEG:
    case OP_NOT:
      if (!fl_expr_eval (expr->left, lookup, user_data, &a, error))
        return FALSE;
      *result = expr->op == OP_NEG ? -a : (a == 0 ? 1 : 0);
      return TRUE;

    case OP_AND:
    case OP_OR:
      /* Short-circuit, so that "n != 0 && 10 / n > 1" is safe. */
      if (!fl_expr_eval (expr->left, lookup, user_data, &a, error))
        return FALSE;
      if (expr->op == OP_AND && a == 0)
        {
          *result = 0;
          return TRUE;
        }
      if (expr->op == OP_OR && a != 0)
        {
          *result = 1;
          return TRUE;
        }
      if (!fl_expr_eval (expr->right, lookup, user_data, &b, error))
        return FALSE;
      *result = b != 0 ? 1 : 0;
      return TRUE;

    case OP_ADD:
    case OP_SUB:
    case OP_MUL:
    case OP_DIV:
    case OP_MOD:
    case OP_EQ:
    case OP_NE:
    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE:
    case OP_MIN:
    case OP_MAX:
    default:
      break;
    }

  if (!fl_expr_eval (expr->left, lookup, user_data, &a, error) ||
      !fl_expr_eval (expr->right, lookup, user_data, &b, error))
    return FALSE;

  switch (expr->op)
    {
    case OP_ADD:
      return check_finite (a + b, result, error);
    case OP_SUB:
      return check_finite (a - b, result, error);
    case OP_MUL:
      return check_finite (a * b, result, error);
    case OP_DIV:
      if (b == 0)
        {
          g_set_error_literal (error, FL_SCRIPT_ERROR, FL_SCRIPT_ERROR_EVAL,
                               _("division by zero"));
          return FALSE;
        }
      return check_finite (a / b, result, error);
    case OP_MOD:
      /* % works on whole numbers, truncated toward zero as in C. */
      if (!to_integer (a, &ia, error) || !to_integer (b, &ib, error))
        return FALSE;
      if (ib == 0)
        {
          g_set_error_literal (error, FL_SCRIPT_ERROR, FL_SCRIPT_ERROR_EVAL,
                               _("division by zero (in the % operator)"));
          return FALSE;
        }
      *result = (double) (ia % ib);
      return TRUE;
    case OP_EQ:
      *result = a == b;
      return TRUE;
    case OP_NE:
      *result = a != b;
      return TRUE;
    case OP_LT:
      *result = a < b;
      return TRUE;
    case OP_LE:
      *result = a <= b;
      return TRUE;
    case OP_GT:
      *result = a > b;
      return TRUE;
    case OP_GE:
      *result = a >= b;
      return TRUE;
    case OP_MIN:
      *result = MIN (a, b);
      return TRUE;
    case OP_MAX:
      *result = MAX (a, b);
      return TRUE;

    case OP_NUMBER:
    case OP_VARIABLE:
    case OP_NEG:
    case OP_NOT:
    case OP_AND:
    case OP_OR:
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Templates                                                                */
/* ------------------------------------------------------------------------ */

typedef enum
{
  PIECE_LITERAL,
  PIECE_NUMBER,   /* {expr}: integral values without decimals */
  PIECE_FIXED,    /* {expr:.N} */
  PIECE_LETTER,   /* {expr:letter}: 0 → a, 25 → z, 26 → aa */
  PIECE_UPPER,    /* {expr:LETTER} */
} PieceKind;

typedef struct
{
  PieceKind  kind;
  char      *literal;
  FlExpr    *expr;
  int        decimals;
} Piece;

static void
piece_free (gpointer data)
{
  Piece *piece = data;

  g_free (piece->literal);
  fl_expr_free (piece->expr);
  g_free (piece);
}

static void
append_number (GString *out,
               double   value,
               int      decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];

  if (decimals < 0 && value == floor (value) && fabs (value) < 1e15)
    decimals = 0;

  if (decimals >= 0)
    {
      g_snprintf (format, sizeof format, "%%.%df", decimals);
      g_ascii_formatd (buf, sizeof buf, format, value);
    }
  else
    {
      char *end;

      /* Six decimals at most, without trailing zeros: 2.5, not 2.500000. */
      g_ascii_formatd (buf, sizeof buf, "%.6f", value);
      end = buf + strlen (buf);
      while (end > buf && end[-1] == '0')
        *--end = '\0';
      if (end > buf && end[-1] == '.')
        *--end = '\0';
    }

  /* No "-0" for a value that rounds to zero. */
  if (buf[0] == '-' && strspn (buf + 1, "0.") == strlen (buf + 1))
    g_string_append (out, buf + 1);
  else
    g_string_append (out, buf);
}

static gboolean
append_letters (GString  *out,
                double    value,
                gboolean  upper,
                GError  **error)
{
  char buf[16];
  char *p = buf + sizeof buf - 1;
  guint64 n;

  if (!(value >= 0 && value < 1e15))
    {
      g_autoptr(GString) shown = g_string_new (NULL);

      append_number (shown, value, -1);
      g_set_error (error, FL_SCRIPT_ERROR, FL_SCRIPT_ERROR_EVAL,
                   _("%s cannot be shown as a letter (it must be 0 or more)"),
                   shown->str);
      return FALSE;
    }

  /* Like spreadsheet columns: a … z, aa … az, ba … */
  n = (guint64) value;
  *p = '\0';
  for (;;)
    {
      *--p = (char) ((upper ? 'A' : 'a') + n % 26);
      if (n < 26)
        break;
      n = n / 26 - 1;
    }
  g_string_append (out, p);
  return TRUE;
}

char *
fl_template_format (GPtrArray    *pieces,
                    FlLookupFunc  lookup,
                    gpointer      user_data,
                    GError      **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (pieces != NULL, NULL);

  for (guint i = 0; i < pieces->len; i++)
    {
      const Piece *piece = g_ptr_array_index (pieces, i);
      double value;

      if (piece->kind == PIECE_LITERAL)
        {
          g_string_append (out, piece->literal);
          continue;
        }

      if (!fl_expr_eval (piece->expr, lookup, user_data, &value, error))
        return NULL;

      switch (piece->kind)
        {
        case PIECE_NUMBER:
          append_number (out, value, -1);
          break;
        case PIECE_FIXED:
          append_number (out, value, piece->decimals);
          break;
        case PIECE_LETTER:
        case PIECE_UPPER:
          if (!append_letters (out, value, piece->kind == PIECE_UPPER, error))
            return NULL;
          break;
        case PIECE_LITERAL:
        default:
          g_assert_not_reached ();
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------------ */
/* The parser                                                               */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const char  *text;
  gsize        len;
  gsize        pos;
  /* Offsets are reported in the script's source: text starts at @base
   * there, unless @map (one entry per byte of text, plus one for its end)
   * says where each byte came from — text unescaped from a quoted string. */
  gsize        base;
  const guint *map;

  /* Variable checking, when @check: @variables plus @scope (repeat names). */
  gboolean            check;
  const char * const *variables;
  GPtrArray          *scope;

  gboolean     bool_words;   /* true/false/yes/no are constants (BOOL arguments) */
  guint        depth;

  /* The first error, and where it is, as a source offset. */
  GError      *error;
  gsize        error_offset;

  /* Programs only: every error, as Problem; parse_program() goes on
   * after one, at the next step. */
  GArray      *problems;
  guint        min_workers;  /* see FlScriptContext */
} Parser;

typedef struct
{
  gsize   offset;
  GError *error;
} Problem;

/* After this many, a program's further mistakes are not looked for. */
#define MAX_PROBLEMS 50

static gsize
parser_source_offset (const Parser *p,
                      gsize         pos)
{
  if (p->map != NULL)
    return p->map[MIN (pos, p->len)];
  return p->base + pos;
}

static void parser_fail (Parser       *p,
                         gsize         pos,
                         FlScriptError code,
                         const char   *format,
                         ...) G_GNUC_PRINTF (4, 5);

static void
parser_fail (Parser       *p,
             gsize         pos,
             FlScriptError code,
             const char   *format,
             ...)
{
  va_list args;

  if (p->error != NULL)
    return;

  va_start (args, format);
  p->error = g_error_new_valist (FL_SCRIPT_ERROR, code, format, args);
  va_end (args);
  p->error_offset = parser_source_offset (p, pos);
}

/* Keeps the error parser_fail() set, so that parsing may go on.  FALSE
 * when it may not: no list to keep it in, or the list is full. */
static gboolean
parser_keep_error (Parser *p)
{
  Problem problem;

  if (p->problems == NULL || p->error == NULL)
    return FALSE;
  problem.offset = p->error_offset;
  problem.error = g_steal_pointer (&p->error);
  g_array_append_val (p->problems, problem);
  return p->problems->len < MAX_PROBLEMS;
}

static inline char
cur (const Parser *p)
{
  return p->pos < p->len ? p->text[p->pos] : '\0';
}

static inline char
peek (const Parser *p,
      gsize         ahead)
{
  return p->pos + ahead < p->len ? p->text[p->pos + ahead] : '\0';
}

static inline gboolean
at_end (const Parser *p)
{
  return p->pos >= p->len;
}

static void
skip_space (Parser *p)
{
  while (!at_end (p) && g_ascii_isspace (p->text[p->pos]))
    p->pos++;
}

static gboolean
is_ident_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static gsize
ident_length (const Parser *p)
{
  gsize n = 0;

  if (!is_ident_start (cur (p)))
    return 0;
  while (p->pos + n < p->len && is_ident_char (p->text[p->pos + n]))
    n++;
  return n;
}

/* Step names may have inner dashes ("join-after"); variables may not. */
static gsize
step_name_length (const Parser *p)
{
  gsize n = ident_length (p);

  while (n > 0 && p->pos + n + 1 < p->len && p->text[p->pos + n] == '-' &&
         is_ident_start (p->text[p->pos + n + 1]))
    {
      n++;
      while (p->pos + n < p->len && is_ident_char (p->text[p->pos + n]))
        n++;
    }
  return n;
}

/* What is at @pos, for "found …" in messages. */
static char *
describe_at (const Parser *p,
             gsize         pos)
{
  const char *s = p->text + pos;
  gsize n;

  if (pos >= p->len)
    return g_strdup (_("the end"));

  if (is_ident_start (*s))
    {
      for (n = 1; pos + n < p->len && is_ident_char (s[n]); n++)
        ;
      return g_strdup_printf ("\"%.*s\"", (int) n, s);
    }

  /* One character, whole even if it takes several bytes. */
  n = 1;
  if ((guchar) *s >= 0x80)
    while (pos + n < p->len && ((guchar) s[n] & 0xC0) == 0x80)
      n++;
  return g_strdup_printf ("\"%.*s\"", (int) n, s);
}

static gboolean
name_in_list (const char * const *list,
              const char         *name,
              gsize               len)
{
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    if (strlen (list[i]) == len && strncmp (list[i], name, len) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
parser_knows_variable (const Parser *p,
                       const char   *name,
                       gsize         len)
{
  if (name_in_list (p->variables, name, len))
    return TRUE;
  for (guint i = 0; p->scope != NULL && i < p->scope->len; i++)
    {
      const char *v = g_ptr_array_index (p->scope, i);

      if (strlen (v) == len && strncmp (v, name, len) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
parser_known_variables (const Parser *p)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; p->variables != NULL && p->variables[i] != NULL; i++)
    g_string_append_printf (s, "%s%s", s->len ? ", " : "", p->variables[i]);
  for (guint i = 0; p->scope != NULL && i < p->scope->len; i++)
    {
      const char *v = g_ptr_array_index (p->scope, i);

      if (!name_in_list (p->variables, v, strlen (v)))
        g_string_append_printf (s, "%s%s", s->len ? ", " : "", v);
    }
  if (s->len == 0)
    g_string_append (s, _("none here"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static FlExpr *parse_or (Parser *p);

static FlExpr *
parse_number (Parser *p)
{
  gsize start = p->pos;
  g_autofree char *str = NULL;

  while (g_ascii_isdigit (cur (p)))
    p->pos++;
  if (cur (p) == '.')
    {
      p->pos++;
      while (g_ascii_isdigit (cur (p)))
        p->pos++;
    }

  /* "2x" or "1.2.3" is a typo, not a number followed by something. */
  if (is_ident_char (cur (p)) || cur (p) == '.')
    {
      gsize end = p->pos;

      while (end < p->len && (is_ident_char (p->text[end]) || p->text[end] == '.'))
        end++;
      parser_fail (p, start, FL_SCRIPT_ERROR_SYNTAX, _("\"%.*s\" is not a number"),
                   (int) (end - start), p->text + start);
      return NULL;
    }

  str = g_strndup (p->text + start, p->pos - start);
  return expr_new_number (g_ascii_strtod (str, NULL));
}

static FlExpr *
parse_variable (Parser *p,
                gsize   start,
                gsize   name_pos,
                gsize   len)
{
  FlExpr *expr;

  if (p->check && !parser_knows_variable (p, p->text + name_pos, len))
    {
      g_autofree char *known = parser_known_variables (p);

      parser_fail (p, start, FL_SCRIPT_ERROR_UNKNOWN_VARIABLE,
                   _("unknown variable \"%.*s\" (known: %s)"),
                   (int) len, p->text + name_pos, known);
      return NULL;
    }

  expr = expr_new (OP_VARIABLE, NULL, NULL);
  expr->name = g_strndup (p->text + name_pos, len);
  return expr;
}

static FlExpr *
parse_call (Parser     *p,
            gsize       start,
            const char *name,
            gsize       len)
{
  g_autoptr(FlExpr) a = NULL;
  g_autoptr(FlExpr) b = NULL;
  ExprOp op;

  if (len == 3 && strncmp (name, "min", 3) == 0)
    op = OP_MIN;
  else if (len == 3 && strncmp (name, "max", 3) == 0)
    op = OP_MAX;
  else
    {
      parser_fail (p, start, FL_SCRIPT_ERROR_SYNTAX,
                   _("unknown function \"%.*s\" (expected min or max)"), (int) len, name);
      return NULL;
    }

  p->pos++; /* ( */
  if (!(a = parse_or (p)))
    return NULL;
  skip_space (p);
  if (cur (p) != ',')
    {
      g_autofree char *found = describe_at (p, p->pos);

      parser_fail (p, p->pos, FL_SCRIPT_ERROR_SYNTAX,
                   _("%.*s() takes two values separated by \",\", found %s"),
                   (int) len, name, found);
      return NULL;
    }
  p->pos++;
  if (!(b = parse_or (p)))
    return NULL;
  skip_space (p);
  if (cur (p) != ')')
    {
      g_autofree char *found = describe_at (p, p->pos);

      parser_fail (p, p->pos, FL_SCRIPT_ERROR_SYNTAX,
                   _("expected \")\" to close %.*s(, found %s"), (int) len, name, found);
      return NULL;
    }
  p->pos++;
  return expr_new (op, g_steal_pointer (&a), g_steal_pointer (&b));
}

static FlExpr *
parse_primary (Parser *p)
{
  char c;

  skip_space (p);
  c = cur (p);

  if (c == '(')
    {
      gsize open = p->pos;
      g_autoptr(FlExpr) inner = NULL;

      p->pos++;
      if (!(inner = parse_or (p)))
        return NULL;
      skip_space (p);
      if (cur (p) != ')')
        {
          g_autofree char *found = describe_at (p, p->pos);

          parser_fail (p, open, FL_SCRIPT_ERROR_SYNTAX,
                       _("this \"(\" is not closed (expected \")\", found %s)"), found);
          return NULL;
        }
      p->pos++;
      return g_steal_pointer (&inner);
    }

  if (g_ascii_isdigit (c) || (c == '.' && g_ascii_isdigit (peek (p, 1))))
    return parse_number (p);

  if (c == '$')
    {
      gsize start = p->pos;
      gsize len;

      p->pos++;
      if ((len = ident_length (p)) == 0)
        {
          parser_fail (p, start, FL_SCRIPT_ERROR_SYNTAX,
                       _("\"$\" must be followed by a variable name"));
          return NULL;
        }
      p->pos += len;
      return parse_variable (p, start, start + 1, len);
    }

  if (is_ident_start (c))
    {
      gsize start = p->pos;
      gsize len = ident_length (p);
      const char *name = p->text + start;
      gsize after;

      p->pos += len;
      after = p->pos;
      skip_space (p);
      if (cur (p) == '(')
        return parse_call (p, start, name, len);
      p->pos = after;

      if (p->bool_words)
        {
          static const char * const true_words[] = { "true", "yes", NULL };
          static const char * const false_words[] = { "false", "no", NULL };

          if (name_in_list (true_words, name, len))
            return expr_new_number (1);
          if (name_in_list (false_words, name, len))
            return expr_new_number (0);
        }

      return parse_variable (p, start, start, len);
    }

  {
    g_autofree char *found = describe_at (p, p->pos);

    parser_fail (p, p->pos, FL_SCRIPT_ERROR_SYNTAX,
                 _("expected a number, a variable or \"(\", found %s"), found);
  }
  return NULL;
}

static FlExpr *
parse_unary (Parser *p)
{
  FlExpr *operand;
  char c;

  skip_space (p);
  c = cur (p);
  if ((c == '-' || c == '+' || c == '!') && peek (p, 1) != '=')
    {
      if (++p->depth > MAX_EXPR_DEPTH)
        {
          parser_fail (p, p->pos, FL_SCRIPT_ERROR_SYNTAX, _("the expression is nested too deeply"));
          return NULL;
        }
      p->pos++;
      operand = parse_unary (p);
      p->depth--;
      if (operand == NULL || c == '+')
        return operand;
      return expr_new (c == '-' ? OP_NEG : OP_NOT, operand, NULL);
    }

  if (c == '(')
    {
      FlExpr *expr;

      if (++p->depth > MAX_EXPR_DEPTH)
        {
          parser_fail (p, p->pos, FL_SCRIPT_ERROR_SYNTAX, _("the expression is nested too deeply"));
          return NULL;
        }
      expr = parse_primary (p);
      p->depth--;
      return expr;
    }

  return parse_primary (p);
}

typedef struct
{
  const char *token;
  ExprOp      op;
} BinaryOp;

/* Operators of one precedence level, longest tokens first. */
static const BinaryOp mul_ops[] = { { "*", OP_MUL }, { "/", OP_DIV }, { "%", OP_MOD }, { NULL, 0 } };
static const BinaryOp add_ops[] = { { "+", OP_ADD }, { "-", OP_SUB }, { NULL, 0 } };
static const BinaryOp rel_ops[] = { { "<=", OP_LE }, { ">=", OP_GE }, { "<", OP_LT }, { ">", OP_GT }, { NULL, 0 } };
static const BinaryOp eq_ops[] = { { "==", OP_EQ }, { "!=", OP_NE }, { NULL, 0 } };
static const BinaryOp and_ops[] = { { "&&", OP_AND }, { NULL, 0 } };
static const BinaryOp or_ops[] = { { "||", OP_OR }, { NULL, 0 } };

static const BinaryOp * const levels[] = { or_ops, and_ops, eq_ops, rel_ops, add_ops, mul_ops };

static const BinaryOp *
match_binary (Parser         *p,
              const BinaryOp *ops)
{
  skip_space (p);
  for (guint i = 0; ops[i].token != NULL; i++)
    {
      gsize n = strlen (ops[i].token);

      if (p->pos + n <= p->len && strncmp (p->text + p->pos, ops[i].token, n) == 0)
        return &ops[i];
    }
  return NULL;
}

/* Left-associative binary operators, from level @level up. */
static FlExpr *
parse_level (Parser *p,
             guint   level)
{
  g_autoptr(FlExpr) left = NULL;
  const BinaryOp *op;

  if (level == G_N_ELEMENTS (levels))
    return parse_unary (p);

  if (!(left = parse_level (p, level + 1)))
    return NULL;

  while ((op = match_binary (p, levels[level])) != NULL)
    {
      FlExpr *right;

      p->pos += strlen (op->token);
      if (!(right = parse_level (p, level + 1)))
        return NULL;
      left = expr_new (op->op, g_steal_pointer (&left), right);
    }

  return g_steal_pointer (&left);
}

static FlExpr *
parse_or (Parser *p)
{
  return parse_level (p, 0);
}

/* Parses a template from @p, whose text is the (unescaped) template. */
static GPtrArray *
parse_template_text (Parser *p)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (piece_free);
  g_autoptr(GString) literal = g_string_new (NULL);

  while (!at_end (p))
    {
      char c = cur (p);
      gsize open;
      g_autoptr(FlExpr) expr = NULL;
      Piece *piece;

      if (c == '}')
        {
          if (peek (p, 1) != '}')
            {
              parser_fail (p, p->pos, FL_SCRIPT_ERROR_SYNTAX,
                           _("a \"}\" in text must be written \"}}\" (or close a \"{\")"));
              return NULL;
            }
          g_string_append_c (literal, '}');
          p->pos += 2;
          continue;
        }

      if (c != '{')
        {
          g_string_append_c (literal, c);
          p->pos++;
          continue;
        }

      if (peek (p, 1) == '{')
        {
          g_string_append_c (literal, '{');
          p->pos += 2;
          continue;
        }

      open = p->pos++;
      skip_space (p);
      if (cur (p) == '}')
        {
          parser_fail (p, open, FL_SCRIPT_ERROR_SYNTAX,
                       _("\"{}\" holds no expression (write \"{{}}\" for braces)"));
          return NULL;
        }
      if (!(expr = parse_or (p)))
        return NULL;

      if (literal->len > 0)
        {
          piece = g_new0 (Piece, 1);
          piece->kind = PIECE_LITERAL;
          piece->literal = g_strndup (literal->str, literal->len);
          g_ptr_array_add (pieces, piece);
          g_string_truncate (literal, 0);
        }

      piece = g_new0 (Piece, 1);
      piece->kind = PIECE_NUMBER;
      piece->decimals = -1;
      g_ptr_array_add (pieces, piece);

      skip_space (p);
      if (cur (p) == ':')
        {
          gsize format = ++p->pos;

          while (!at_end (p) && cur (p) != '}')
            p->pos++;
          if (p->pos - format == 6 && strncmp (p->text + format, "letter", 6) == 0)
            piece->kind = PIECE_LETTER;
          else if (p->pos - format == 6 && strncmp (p->text + format, "LETTER", 6) == 0)
            piece->kind = PIECE_UPPER;
          else if (p->pos - format >= 2 && p->pos - format <= 3 && p->text[format] == '.' &&
                   strspn (p->text + format + 1, "0123456789") >= p->pos - format - 1)
            {
              piece->kind = PIECE_FIXED;
              piece->decimals = (int) g_ascii_strtoll (p->text + format + 1, NULL, 10);
            }
          if (piece->kind == PIECE_NUMBER || piece->decimals > 15)
            {
              parser_fail (p, format, FL_SCRIPT_ERROR_SYNTAX,
                           _("unknown format \"%.*s\" (expected letter, LETTER or .N for N decimals, like .2)"),
                           (int) (p->pos - format), p->text + format);
              return NULL;
            }
        }

      if (cur (p) != '}')
        {
          if (at_end (p))
            parser_fail (p, open, FL_SCRIPT_ERROR_SYNTAX,
                         _("this \"{\" is not closed (write \"{{\" for a brace)"));
          else if (cur (p) == '=' && peek (p, 1) != '=')
            parser_fail (p, p->pos, FL_SCRIPT_ERROR_SYNTAX, _("use \"==\" to compare"));
          else
            {
              g_autofree char *found = describe_at (p, p->pos);

              parser_fail (p, p->pos, FL_SCRIPT_ERROR_SYNTAX,
                           _("expected \"}\" to close \"{\", found %s"), found);
            }
          return NULL;
        }
      p->pos++;
      piece->expr = g_steal_pointer (&expr);
    }

  if (literal->len > 0 || pieces->len == 0)
    {
      Piece *piece = g_new0 (Piece, 1);

      piece->kind = PIECE_LITERAL;
      piece->literal = g_strndup (literal->str, literal->len);
      g_ptr_array_add (pieces, piece);
    }

  return g_steal_pointer (&pieces);
}

static void
parser_take_error (Parser  *p,
                   GError **error,
                   guint    column_base,
                   gboolean with_column)
{
  if (with_column)
    g_prefix_error (&p->error, "column %u: ", (guint) (column_base + p->error_offset));
  g_propagate_error (error, g_steal_pointer (&p->error));
}

FlExpr *
fl_expr_parse (const char  *text,
               GError     **error)
{
  Parser p = { 0 };
  FlExpr *expr;

  g_return_val_if_fail (text != NULL, NULL);

  p.text = text;
  p.len = strlen (text);

  expr = parse_or (&p);
  if (expr != NULL)
    {
      skip_space (&p);
      if (!at_end (&p))
        {
          g_autofree char *found = describe_at (&p, p.pos);

          if (cur (&p) == '=')
            parser_fail (&p, p.pos, FL_SCRIPT_ERROR_SYNTAX, _("use \"==\" to compare"));
          else
            parser_fail (&p, p.pos, FL_SCRIPT_ERROR_SYNTAX,
                         _("unexpected %s after the expression"), found);
          g_clear_pointer (&expr, fl_expr_free);
        }
    }

  if (expr == NULL)
    parser_take_error (&p, error, 1, TRUE);
  return expr;
}

GPtrArray *
fl_template_parse (const char  *text,
                   GError     **error)
{
  Parser p = { 0 };
  GPtrArray *pieces;

  g_return_val_if_fail (text != NULL, NULL);

  p.text = text;
  p.len = strlen (text);

  if (!(pieces = parse_template_text (&p)))
    parser_take_error (&p, error, 1, TRUE);
  return pieces;
}

/* ------------------------------------------------------------------------ */
/* Steps                                                                    */
/* ------------------------------------------------------------------------ */

static void
step_arg_clear (FlStepArg *arg)
{
  g_clear_pointer (&arg->expr, fl_expr_free);
  g_clear_pointer (&arg->text, g_free);
  g_clear_pointer (&arg->pieces, g_ptr_array_unref);
}

void
fl_step_free (FlStep *step)
{
  if (step == NULL)
    return;

  for (guint i = 0; i < step->n_args; i++)
    step_arg_clear (&step->args[i]);
  g_free (step->args);
  g_clear_pointer (&step->body, g_ptr_array_unref);
  g_free (step);
}

const FlStepArg *
fl_step_get_arg (const FlStep *step,
                 const char   *name)
{
  g_return_val_if_fail (step != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < step->n_args; i++)
    if (strcmp (step->args[i].name, name) == 0)
      return &step->args[i];
  return NULL;
}

/* Reads a double-quoted string at p->pos.  Sets @text to its unescaped
 * contents and @map to where each byte of it is in the source. */
static gboolean
parse_quoted (Parser  *p,
              char   **text,
              GArray **map)
{
  gsize open = p->pos;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  guint offset;

  g_assert (cur (p) == '"');
  p->pos++;

  for (;;)
    {
      char c;

      if (at_end (p))
        {
          parser_fail (p, open, FL_SCRIPT_ERROR_SYNTAX,
                       _("this text is missing its closing quote (\")"));
          return FALSE;
        }

      c = cur (p);
      offset = (guint) parser_source_offset (p, p->pos);
      if (c == '"')
        break;
      if (c == '\\')
        {
          char next = peek (p, 1);

          if (next != '"' && next != '\\')
            {
              parser_fail (p, p->pos, FL_SCRIPT_ERROR_SYNTAX,
                           _("unknown escape \"\\%c\" in text (only \\\" and \\\\ are known)"),
                           next ? next : ' ');
              return FALSE;
            }
          g_string_append_c (out, next);
          g_array_append_val (offsets, offset);
          p->pos += 2;
          continue;
        }
      g_string_append_c (out, c);
      g_array_append_val (offsets, offset);
      p->pos++;
    }

  /* The end of the template maps to the closing quote. */
  g_array_append_val (offsets, offset);
  p->pos++;

  *text = g_string_free (g_steal_pointer (&out), FALSE);
  *map = g_steal_pointer (&offsets);
  return TRUE;
}

static gboolean
parse_text_arg (Parser    *p,
                FlStepArg *arg)
{
  g_autofree char *text = NULL;
  g_autoptr(GArray) map = NULL;
  Parser sub;

  if (!parse_quoted (p, &text, &map))
    return FALSE;

  /* The template is parsed in its own buffer; errors map back to the source. */
  sub = *p;
  sub.text = text;
  sub.len = strlen (text);
  sub.pos = 0;
  sub.map = (const guint *) (gpointer) map->data;
  sub.bool_words = FALSE;
  sub.error = NULL;

  arg->pieces = parse_template_text (&sub);
  if (arg->pieces == NULL)
    {
      p->error = g_steal_pointer (&sub.error);
      p->error_offset = sub.error_offset;
      return FALSE;
    }
  arg->text = g_steal_pointer (&text);
  return TRUE;
}

static gboolean
parse_arg_value (Parser         *p,
                 const StepSpec *spec,
                 const ArgSpec  *aspec,
                 FlStepArg      *arg)
{
  char c;

  skip_space (p);
  c = cur (p);
  arg->name = g_intern_static_string (aspec->name);
  arg->type = aspec->type;

  switch (aspec->type)
    {
    case FL_ARG_NUMBER:
    case FL_ARG_BOOL:
      if (c == '"')
        {
          parser_fail (p, p->pos, FL_SCRIPT_ERROR_TYPE,
                       aspec->type == FL_ARG_NUMBER
                       ? _("the argument \"%s\" of %s must be a number, not text")
                       : _("the argument \"%s\" of %s must be true or false, not text"),
                       aspec->name, spec->name);
          return FALSE;
        }
      p->bool_words = aspec->type == FL_ARG_BOOL;
      arg->expr = parse_or (p);
      p->bool_words = FALSE;
      return arg->expr != NULL;

    case FL_ARG_TEXT:
      if (c != '"')
        {
          parser_fail (p, p->pos, FL_SCRIPT_ERROR_TYPE,
                       _("the argument \"%s\" of %s must be text in double quotes, like \"Hello\""),
                       aspec->name, spec->name);
          return FALSE;
        }
      return parse_text_arg (p, arg);

    case FL_ARG_NAME:
      {
        gsize len = ident_length (p);

        if (len == 0)
          {
            parser_fail (p, p->pos, FL_SCRIPT_ERROR_TYPE,
                         _("the argument \"%s\" of %s must be a name made of letters, digits and \"_\", like i"),
                         aspec->name, spec->name);
            return FALSE;
          }
        arg->text = g_strndup (p->text + p->pos, len);
        p->pos += len;
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

/* An optional argument's default, parsed from the table's source text. */
static void
fill_default (const ArgSpec *aspec,
              FlStepArg     *arg)
{
  g_autoptr(GError) error = NULL;

  arg->name = g_intern_static_string (aspec->name);
  arg->type = aspec->type;

  if (aspec->type == FL_ARG_NAME)
    arg->text = g_strdup (aspec->default_text);
  else if (aspec->type == FL_ARG_TEXT)
    {
      arg->text = g_strdup (aspec->default_text);
      arg->pieces = fl_template_parse (aspec->default_text, &error);
    }
  else if (aspec->type == FL_ARG_BOOL)
    arg->expr = expr_new_number (g_str_equal (aspec->default_text, "true") ? 1 : 0);
  else
    arg->expr = fl_expr_parse (aspec->default_text, &error);

  /* The table is ours: a default that does not parse is a programming error. */
  g_assert_no_error (error);
}

static char *
step_arg_names (const StepSpec *spec)
{
  g_autoptr(GString) s = g_string_new (NULL);
  guint n = step_spec_n_args (spec);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", spec->args[i].name);
  if (n == 0)
    g_string_append (s, _("none"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
step_names (gboolean main)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (step_specs); i++)
    if (main || !(step_specs[i].flags & STEP_MAIN_ONLY))
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", step_specs[i].name);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static GPtrArray *parse_program (Parser   *p,
                                 gboolean  main,
                                 gsize     open_brace,
                                 guint     depth);

/* What the interpreter accepts for each number, so that a value written
 * as a constant is refused when the file is read, not when the step
 * runs.  Keep in step with fl-interp.c. */
typedef struct
{
  FlStepKind  kind;
  const char *arg;
  double      min;
  double      max;
  gboolean    min_excluded;
  gboolean    whole;
} ArgRange;

static const ArgRange arg_ranges[] = {
  { FL_STEP_COMPUTE,    "units",    0, 1e7,  FALSE, FALSE },
  { FL_STEP_SLEEP,      "seconds",  0, 3600, FALSE, FALSE },
  { FL_STEP_IO,         "latency",  0, 3600, FALSE, FALSE },
  { FL_STEP_IO,         "jitter",   0, 3600, FALSE, FALSE },
  { FL_STEP_REPEAT,     "count",    0, 1e9,  FALSE, FALSE },
  { FL_STEP_START,      "worker",   1, FL_MAX_WORKERS, FALSE, TRUE },
  { FL_STEP_JOIN,       "worker",   1, FL_MAX_WORKERS, FALSE, TRUE },
  { FL_STEP_JOIN_AFTER, "seconds",  0, 3600, FALSE, FALSE },
  { FL_STEP_JOIN_AFTER, "worker",   1, FL_MAX_WORKERS, FALSE, TRUE },
  { FL_STEP_ALLOC,      "mb",       0, 65536, TRUE, FALSE },
  { FL_STEP_TOUCH,      "fraction", 0, 1,    FALSE, FALSE },
  { FL_STEP_INCREMENT,  "times",    0, 1e9,  FALSE, FALSE },
  { FL_STEP_INCREMENT,  "window",   0, 1e6,  FALSE, FALSE },
  { FL_STEP_SEND,       "bytes",    0, 4080, FALSE, FALSE },
  { FL_STEP_EXIT,       "code",     0, 255,  FALSE, TRUE },
};

static void parser_note (Parser     *p,
                         gsize       pos,
                         const char *format,
                         ...) G_GNUC_PRINTF (3, 4);

/* A mistake that does not stop parsing (the step itself is well formed). */
static void
parser_note (Parser     *p,
             gsize       pos,
             const char *format,
             ...)
{
  Problem problem;
  va_list args;

  va_start (args, format);
  problem.error = g_error_new_valist (FL_SCRIPT_ERROR, FL_SCRIPT_ERROR_EVAL, format, args);
  va_end (args);
  problem.offset = parser_source_offset (p, pos);
  if (p->problems != NULL && p->problems->len < MAX_PROBLEMS)
    g_array_append_val (p->problems, problem);
  else if (p->problems != NULL)
    g_error_free (problem.error);
  else if (p->error == NULL)
    {
      p->error = problem.error;
      p->error_offset = problem.offset;
    }
  else
    g_error_free (problem.error);
}

static char *
format_limit (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

char *
fl_step_check_value (FlStepKind  kind,
                     const char *arg,
                     double      value)
{
  for (guint r = 0; r < G_N_ELEMENTS (arg_ranges); r++)
    {
      const ArgRange *range = &arg_ranges[r];
      g_autofree char *min = NULL;
      g_autofree char *max = NULL;
      g_autofree char *got = NULL;

      if (range->kind != kind || !g_str_equal (range->arg, arg))
        continue;
      if ((range->min_excluded ? value > range->min : value >= range->min) &&
          value <= range->max && (!range->whole || value == floor (value)))
        return NULL;
      min = format_limit (range->min);
      max = format_limit (range->max);
      got = format_limit (value);
      if (range->whole)
        return g_strdup_printf (_("\"%s\" must be a whole number from %s to %s, not %s"), arg, min, max, got);
      if (range->min_excluded)
        return g_strdup_printf (_("\"%s\" must be more than %s and at most %s, not %s"), arg, min, max, got);
      return g_strdup_printf (_("\"%s\" must be from %s to %s, not %s"), arg, min, max, got);
    }
  return NULL;
}

/* Arguments that do not depend on any variable have one value whenever
 * the step runs: it is checked now.  The others are checked when the
 * step runs. */
static void
check_constants (Parser       *p,
                 const FlStep *step,
                 gsize         start)
{
  const char *name = fl_step_kind_to_string (step->kind);

  for (guint i = 0; i < step->n_args; i++)
    {
      const FlStepArg *arg = &step->args[i];
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) variables = NULL;
      double value;

      if (arg->type == FL_ARG_NAME && step->kind == FL_STEP_CRASH &&
          !g_str_equal (arg->text, "segv") && !g_str_equal (arg->text, "abort"))
        {
          parser_note (p, start, _("%s: \"%s\" must be segv or abort, not \"%s\""),
                       name, arg->name, arg->text);
          continue;
        }
      if (arg->expr == NULL)
        continue;
      variables = fl_expr_get_variables (arg->expr);
      if (variables[0] != NULL)
        continue;
      if (!fl_expr_eval (arg->expr, NULL, NULL, &value, &error))
        {
          parser_note (p, start, _("%s: the argument \"%s\": %s"), name, arg->name, error->message);
          continue;
        }
      {
        g_autofree char *problem = fl_step_check_value (step->kind, arg->name, value);

        if (problem != NULL)
          parser_note (p, start, "%s: %s", name, problem);
      }
      /* start 3 fails in a run of 2 workers: a constant worker must
       * exist at every worker count the scenario allows. */
      if (g_str_equal (arg->name, "worker") && p->min_workers > 0 && value > p->min_workers &&
          value <= FL_MAX_WORKERS && value == floor (value))
        {
          g_autofree char *got = format_limit (value);

          parser_note (p, start,
                       ngettext ("%s: there is no worker %s when the scenario runs with %u worker "
                                 "(MinWorkers); use a worker from 1 to %u",
                                 "%s: there is no worker %s when the scenario runs with %u workers "
                                 "(MinWorkers); use a worker from 1 to %u", p->min_workers),
                       name, got, p->min_workers, p->min_workers);
        }
    }
}

static FlStep *
parse_step (Parser   *p,
            gboolean  main,
            guint     depth)
{
  g_autoptr(FlStep) step = NULL;
  FlStepArg args[MAX_STEP_ARGS] = { { 0 } };
  gboolean given[MAX_STEP_ARGS] = { FALSE };
  const StepSpec *spec;
  gsize start = p->pos;
  gsize len = step_name_length (p);
  guint n_args, n_given = 0;
  gboolean positional_used = FALSE;
  gboolean ok = FALSE;

  if (len == 0)
    {
      g_autofree char *found = describe_at (p, p->pos);

      parser_fail (p, p->pos, FL_SCRIPT_ERROR_SYNTAX, _("expected a step name, found %s"), found);
      return NULL;
    }

  spec = find_step_spec (p->text + start, len);
  if (spec == NULL || ((spec->flags & STEP_MAIN_ONLY) && !main))
    {
      g_autofree char *known = step_names (main);

      if (spec == NULL)
        parser_fail (p, start, FL_SCRIPT_ERROR_UNKNOWN_STEP,
                     _("unknown step \"%.*s\" (expected %s)"), (int) len, p->text + start, known);
      else
        parser_fail (p, start, FL_SCRIPT_ERROR_UNKNOWN_STEP,
                     _("\"%s\" can only be used in the main program, not in a worker (expected %s)"),
                     spec->name, known);
      return NULL;
    }
  p->pos += len;
  n_args = step_spec_n_args (spec);

  for (;;)
    {
      gsize arg_start;
      guint index = G_MAXUINT;
      char c;

      skip_space (p);
      c = cur (p);
      if (at_end (p) || c == ';' || c == '{' || c == '}')
        break;

      arg_start = p->pos;
      if (is_ident_start (c))
        {
          gsize name_len = ident_length (p);
          const char *name = p->text + p->pos;
          gboolean named = FALSE;

          p->pos += name_len;
          skip_space (p);
          if (cur (p) == '=' && peek (p, 1) != '=')
            {
              /* name=value */
              p->pos++;
              named = TRUE;
            }
          else
            {
              /* "as k": a NAME argument may be written without "=". */
              for (guint i = 0; i < n_args; i++)
                if (spec->args[i].type == FL_ARG_NAME &&
                    strlen (spec->args[i].name) == name_len &&
                    strncmp (spec->args[i].name, name, name_len) == 0)
                  named = TRUE;
            }

          if (named)
            {
              for (guint i = 0; i < n_args; i++)
                if (strlen (spec->args[i].name) == name_len &&
                    strncmp (spec->args[i].name, name, name_len) == 0)
                  index = i;
              if (index == G_MAXUINT)
                {
                  g_autofree char *known = step_arg_names (spec);

                  parser_fail (p, arg_start, FL_SCRIPT_ERROR_UNKNOWN_ARG,
                               _("unknown argument \"%.*s\" for %s (expected %s)"),
                               (int) name_len, name, spec->name, known);
                  goto out;
                }
            }
          else
            p->pos = arg_start;
        }

      if (index == G_MAXUINT)
        {
          gsize word = ident_length (p);

          /* A step name here most likely means a forgotten ";" or "{". */
          if (word > 0 && find_step_spec (p->text + arg_start, word) != NULL &&
              (n_args == 0 || positional_used ||
               !parser_knows_variable (p, p->text + arg_start, word)))
            {
              if (spec->flags & STEP_HAS_BODY)
                parser_fail (p, arg_start, FL_SCRIPT_ERROR_SYNTAX,
                             _("%s needs its steps in braces, like %s 3 { sleep 1 }, found \"%.*s\""),
                             spec->name, spec->name, (int) word, p->text + arg_start);
              else
                parser_fail (p, arg_start, FL_SCRIPT_ERROR_SYNTAX,
                             _("expected \";\" before the step \"%.*s\""),
                             (int) word, p->text + arg_start);
              goto out;
            }

          /* A value without a name: only the first argument may be given so. */
          if (n_args == 0)
            {
              parser_fail (p, arg_start, FL_SCRIPT_ERROR_UNKNOWN_ARG,
                           _("%s takes no arguments"), spec->name);
              goto out;
            }
          if (positional_used)
            {
              parser_fail (p, arg_start, FL_SCRIPT_ERROR_UNKNOWN_ARG,
                           _("only the first argument of %s (%s) may be given without its name; "
                             "write the others as name=value"),
                           spec->name, spec->args[0].name);
              goto out;
            }
          positional_used = TRUE;
          index = 0;
        }

      if (given[index])
        {
          parser_fail (p, arg_start, FL_SCRIPT_ERROR_UNKNOWN_ARG,
                       _("the argument \"%s\" of %s is given twice"),
                       spec->args[index].name, spec->name);
          goto out;
        }

      if (!parse_arg_value (p, spec, &spec->args[index], &args[index]))
        goto out;
      given[index] = TRUE;
      n_given++;
    }

  for (guint i = 0; i < n_args; i++)
    {
      if (given[i])
        continue;
      if (spec->args[i].required)
        {
          parser_fail (p, start, FL_SCRIPT_ERROR_MISSING_ARG,
                       _("%s needs the argument \"%s\""), spec->name, spec->args[i].name);
          goto out;
        }
      if (spec->args[i].default_text != NULL)
        {
          fill_default (&spec->args[i], &args[i]);
          given[i] = TRUE;
          n_given++;
        }
    }

  step = g_new0 (FlStep, 1);
  step->kind = spec->kind;
  step->args = g_new0 (FlStepArg, MAX (n_given, 1));
  for (guint i = 0; i < n_args; i++)
    if (given[i])
      {
        step->args[step->n_args++] = args[i];
        memset (&args[i], 0, sizeof args[i]);
      }

  check_constants (p, step, start);

  /* Line and column are filled by the caller, which knows the context. */
  step->line = (guint) parser_source_offset (p, start);

  skip_space (p);
  if (spec->flags & STEP_HAS_BODY)
    {
      const FlStepArg *as = fl_step_get_arg (step, "as");
      gsize open = p->pos;

      if (cur (p) != '{')
        {
          g_autofree char *found = describe_at (p, p->pos);

          parser_fail (p, p->pos, FL_SCRIPT_ERROR_SYNTAX,
                       _("%s needs its steps in braces, like %s 3 { sleep 1 }, found %s"),
                       spec->name, spec->name, found);
          goto out;
        }
      if (depth >= MAX_BLOCK_DEPTH)
        {
          parser_fail (p, open, FL_SCRIPT_ERROR_SYNTAX, _("blocks are nested too deeply"));
          goto out;
        }
      p->pos++;

      /* The repeat variable is known inside the body only. */
      if (as != NULL)
        g_ptr_array_add (p->scope, as->text);
      step->body = parse_program (p, main, open, depth + 1);
      if (as != NULL)
        g_ptr_array_remove_index (p->scope, p->scope->len - 1);
      if (step->body == NULL)
        goto out;
      if (cur (p) == '}')
        p->pos++;
    }
  else if (cur (p) == '{')
    {
      parser_fail (p, p->pos, FL_SCRIPT_ERROR_SYNTAX,
                   _("%s takes no steps in braces"), spec->name);
      goto out;
    }

  ok = TRUE;

out:
  for (guint i = 0; i < MAX_STEP_ARGS; i++)
    step_arg_clear (&args[i]);
  return ok ? g_steal_pointer (&step) : NULL;
}

/* After a mistake: on to the end of the step, which is the next ";" or
 * the "}" of the enclosing block (left unread), past any whole block and
 * quoted text on the way. */
static void
skip_to_step_end (Parser *p)
{
  guint depth = 0;

  while (!at_end (p))
    {
      char c = cur (p);

      if (c == '"')
        {
          p->pos++;
          while (!at_end (p) && cur (p) != '"')
            p->pos += cur (p) == '\\' ? 2 : 1;
          if (!at_end (p))
            p->pos++;
          continue;
        }
      if (c == '{')
        depth++;
      else if (c == '}')
        {
          if (depth == 0)
            return;
          if (--depth == 0)
            {
              /* A block ends a step as a ";" does. */
              p->pos++;
              return;
            }
        }
      else if (c == ';' && depth == 0)
        return;
      p->pos++;
    }
  p->pos = MIN (p->pos, p->len);
}

/* Parses steps up to the end, or up to the "}" closing the block opened
 * at @open_brace (left unread) when @depth > 0.  With a list of problems,
 * a mistake is kept and parsing goes on with the next step. */
static GPtrArray *
parse_program (Parser   *p,
               gboolean  main,
               gsize     open_brace,
               guint     depth)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) fl_step_free);

  for (;;)
    {
      FlStep *step;

      skip_space (p);
      if (at_end (p))
        {
          if (depth > 0)
            {
              parser_fail (p, open_brace, FL_SCRIPT_ERROR_SYNTAX,
                           _("this \"{\" is not closed (expected \"}\")"));
              if (!parser_keep_error (p))
                return NULL;
            }
          break;
        }

      if (cur (p) == '}')
        {
          if (depth > 0)
            break;
          parser_fail (p, p->pos, FL_SCRIPT_ERROR_SYNTAX,
                       _("\"}\" without a \"{\" before it"));
          if (!parser_keep_error (p))
            return NULL;
          /* Its ";" is part of the same mistake. */
          p->pos++;
          skip_space (p);
          if (cur (p) == ';')
            p->pos++;
          continue;
        }

      if (cur (p) == ';')
        {
          parser_fail (p, p->pos, FL_SCRIPT_ERROR_SYNTAX,
                       _("expected a step before \";\""));
          if (!parser_keep_error (p))
            return NULL;
          p->pos++;
          continue;
        }

      if (!(step = parse_step (p, main, depth)))
        {
          if (!parser_keep_error (p))
            return NULL;
          skip_to_step_end (p);
        }
      else
        g_ptr_array_add (steps, step);

      /* A step ends at ";", at a "}" or at the end (parse_step refused
       * anything else).  After a block, the ";" may be left out. */
      skip_space (p);
      if (cur (p) == ';')
        p->pos++;
    }

  return g_steal_pointer (&steps);
}

/* Converts source offsets into lines and columns (in characters).  The
 * cursor moves on from where it last stopped, so that positioning every
 * step of a script, in source order, reads the text once. */
typedef struct
{
  const char            *text;
  const FlScriptContext *context;
  gsize                  offset;
  guint                  line;
  guint                  column;
} Cursor;

static void
cursor_init (Cursor                *cursor,
             const char            *text,
             const FlScriptContext *context)
{
  cursor->text = text;
  cursor->context = context;
  cursor->offset = 0;
  cursor->line = MAX (context->first_line, 1);
  cursor->column = MAX (context->first_column, 1);
}

static void
offset_to_position (Cursor *cursor,
                    gsize   offset,
                    guint  *line,
                    guint  *column)
{
  const char *text = cursor->text;
  gsize i;

  if (offset < cursor->offset)
    cursor_init (cursor, cursor->text, cursor->context);

  for (i = cursor->offset; i < offset && text[i] != '\0'; i++)
    {
      if (text[i] == '\n')
        {
          cursor->line++;
          cursor->column = 1;
        }
      else if (((guchar) text[i] & 0xC0) != 0x80)
        cursor->column++;
    }
  cursor->offset = i;

  *line = cursor->line;
  *column = cursor->column;
}

static void
set_positions (GPtrArray *steps,
               Cursor    *cursor)
{
  for (guint i = 0; i < steps->len; i++)
    {
      FlStep *step = g_ptr_array_index (steps, i);

      /* parse_step left the source offset in step->line. */
      offset_to_position (cursor, step->line, &step->line, &step->column);
      if (step->body != NULL)
        set_positions (step->body, cursor);
    }
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const Problem *pa = a, *pb = b;

  return pa->offset < pb->offset ? -1 : pa->offset > pb->offset;
}

void
fl_script_problem_free (FlScriptProblem *problem)
{
  if (problem == NULL)
    return;
  g_clear_error (&problem->error);
  g_free (problem);
}

GPtrArray *
fl_script_parse_all (const char            *text,
                     const FlScriptContext *context,
                     GPtrArray             *problems)
{
  static const FlScriptContext default_context = { NULL, FALSE, 1, 1 };
  g_autoptr(GPtrArray) scope = g_ptr_array_new ();
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_autoptr(GPtrArray) steps = NULL;
  Parser p = { 0 };
  Cursor cursor;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  if (context == NULL)
    context = &default_context;

  p.text = text;
  p.len = strlen (text);
  p.check = TRUE;
  p.variables = context->variables;
  p.scope = scope;
  p.problems = found;
  p.min_workers = context->min_workers;

  steps = parse_program (&p, context->main, 0, 0);
  /* Stopped at the MAX_PROBLEMS-th, or a mistake that ends parsing. */
  if (p.error != NULL)
    {
      Problem problem = { p.error_offset, g_steal_pointer (&p.error) };
      g_array_append_val (found, problem);
    }
  if (steps == NULL && found->len == 0)
    {
      Problem problem = { p.pos, g_error_new_literal (FL_SCRIPT_ERROR, FL_SCRIPT_ERROR_SYNTAX,
                                                      _("the program cannot be read")) };
      g_array_append_val (found, problem);
    }

  if (found->len > 0)
    {
      gboolean more = found->len >= MAX_PROBLEMS;

      /* In source order, so that placing them reads the text once. */
      g_array_sort (found, compare_problems);
      if (more)
        {
          /* Said after the last one listed, at its place. */
          Problem last = g_array_index (found, Problem, found->len - 1);
          Problem problem = { last.offset,
                              g_error_new (FL_SCRIPT_ERROR, FL_SCRIPT_ERROR_SYNTAX,
                                           _("there are more than %u mistakes here; the others are not listed"),
                                           MAX_PROBLEMS) };
          g_array_append_val (found, problem);
        }
      cursor_init (&cursor, text, context);
      for (guint i = 0; i < found->len; i++)
        {
          Problem *problem = &g_array_index (found, Problem, i);
          FlScriptProblem *out = g_new0 (FlScriptProblem, 1);

          offset_to_position (&cursor, problem->offset, &out->line, &out->column);
          out->error = g_steal_pointer (&problem->error);
          g_ptr_array_add (problems, out);
        }
      return NULL;
    }

  cursor_init (&cursor, text, context);
  set_positions (steps, &cursor);
  return g_steal_pointer (&steps);
}

GPtrArray *
fl_script_parse_full (const char            *text,
                      const FlScriptContext *context,
                      guint                 *error_line,
                      guint                 *error_column,
                      GError               **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) fl_script_problem_free);
  GPtrArray *steps;
  FlScriptProblem *first;

  g_return_val_if_fail (text != NULL, NULL);

  if ((steps = fl_script_parse_all (text, context, problems)) != NULL)
    return steps;

  first = g_ptr_array_index (problems, 0);
  if (error_line != NULL)
    *error_line = first->line;
  if (error_column != NULL)
    *error_column = first->column;
  g_propagate_error (error, g_steal_pointer (&first->error));
  return NULL;
}

GPtrArray *
fl_script_parse (const char            *text,
                 const FlScriptContext *context,
                 GError               **error)
{
  guint line = 0, column = 0;
  GPtrArray *steps;
  GError *local_error = NULL;

  steps = fl_script_parse_full (text, context, &line, &column, &local_error);
  if (steps == NULL && local_error != NULL)
    {
      g_prefix_error (&local_error, "line %u, column %u: ", line, column);
      g_propagate_error (error, local_error);
    }
  return steps;
}

/* ------------------------------------------------------------------------ */
/* Evaluating arguments                                                     */
/* ------------------------------------------------------------------------ */

gboolean
fl_step_eval_number (const FlStep *step,
                     const char   *name,
                     double        fallback,
                     FlLookupFunc  lookup,
                     gpointer      user_data,
                     double       *result,
                     GError      **error)
{
  const FlStepArg *arg;

  g_return_val_if_fail (step != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  arg = fl_step_get_arg (step, name);
  if (arg == NULL || arg->expr == NULL)
    {
      *result = fallback;
      return TRUE;
    }
  return fl_expr_eval (arg->expr, lookup, user_data, result, error);
}

gboolean
fl_step_eval_bool (const FlStep *step,
                   const char   *name,
                   gboolean      fallback,
                   FlLookupFunc  lookup,
                   gpointer      user_data,
                   gboolean     *result,
                   GError      **error)
{
  double value;

  g_return_val_if_fail (result != NULL, FALSE);

  if (!fl_step_eval_number (step, name, fallback ? 1 : 0, lookup, user_data, &value, error))
    return FALSE;
  *result = value != 0;
  return TRUE;
}

char *
fl_step_format_text (const FlStep *step,
                     const char   *name,
                     FlLookupFunc  lookup,
                     gpointer      user_data,
                     GError      **error)
{
  const FlStepArg *arg;

  g_return_val_if_fail (step != NULL, NULL);

  arg = fl_step_get_arg (step, name);
  if (arg == NULL || arg->pieces == NULL)
    {
      g_set_error (error, FL_SCRIPT_ERROR, FL_SCRIPT_ERROR_MISSING_ARG,
                   _("%s has no text argument \"%s\""),
                   fl_step_kind_to_string (step->kind), name);
      return NULL;
    }
  return fl_template_format (arg->pieces, lookup, user_data, error);
}
