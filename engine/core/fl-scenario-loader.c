/* fl-scenario-loader.c — reads and checks a scenario file
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fl_scenario_check() reads a scenario's key file into a new FlScenario
 * (fl-scenario.c), reporting every mistake with its line and column;
 * parameter values as users type them are parsed here too.
 */

#define G_LOG_DOMAIN "fl-scenario"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fl-scenario-private.h"

/* ------------------------------------------------------------------------ */
/* Parameter values                                                         */
/* ------------------------------------------------------------------------ */

/* A number as a person would write it: 26, 0.5, 1e+20. */
static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

static gboolean
parse_bool_word (const char *text,
                 gboolean   *value)
{
  static const char * const true_words[] = { "true", "yes", "1", NULL };
  static const char * const false_words[] = { "false", "no", "0", NULL };

  for (guint i = 0; true_words[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (text, true_words[i]) == 0)
        {
          *value = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (text, false_words[i]) == 0)
        {
          *value = FALSE;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
parse_double (const char *text,
              double     *value)
{
  char *end = NULL;
  double v;

  if (*text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

gboolean
fl_parse_integer (const char *text,
                  gint64      min,
                  gint64      max,
                  gint64     *value)
{
  gsize len;

  if (text == NULL || (len = strlen (text)) == 0 ||
      g_ascii_isspace (text[0]) || g_ascii_isspace (text[len - 1]) || text[0] == '+')
    return FALSE;
  return g_ascii_string_to_signed (text, 10, min, max, value, NULL);
}

static gboolean
parse_int (const char *text,
           double     *value)
{
  gint64 v;

  /* Up to 2^53, where a double still holds every integer. */
  if (!fl_parse_integer (text, -(G_GINT64_CONSTANT (1) << 53), G_GINT64_CONSTANT (1) << 53, &v))
    return FALSE;
  *value = (double) v;
  return TRUE;
}

gboolean
fl_param_parse_value (const FlParam  *param,
                      const char     *text,
                      double         *value,
                      GError        **error)
{
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;
  gboolean b;
  double v = 0;

  g_return_val_if_fail (param != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  switch (param->type)
    {
    case FL_PARAM_BOOL:
      if (!parse_bool_word (text, &b))
        {
          g_set_error (error, FL_SCENARIO_ERROR, FL_SCENARIO_ERROR_INVALID,
                       _("parameter \"%s\" must be true or false, not \"%s\""),
                       param->name, text);
          return FALSE;
        }
      v = b ? 1 : 0;
      break;

    case FL_PARAM_INT:
      if (!parse_int (text, &v) || v < param->min || v > param->max)
        {
          min = format_number (param->min);
          max = format_number (param->max);
          g_set_error (error, FL_SCENARIO_ERROR, FL_SCENARIO_ERROR_INVALID,
                       _("parameter \"%s\" must be an integer from %s to %s, not \"%s\""),
                       param->name, min, max, text);
          return FALSE;
        }
      break;

    case FL_PARAM_DOUBLE:
      if (!parse_double (text, &v) || v < param->min || v > param->max)
        {
          min = format_number (param->min);
          max = format_number (param->max);
          g_set_error (error, FL_SCENARIO_ERROR, FL_SCENARIO_ERROR_INVALID,
                       _("parameter \"%s\" must be a number from %s to %s, not \"%s\""),
                       param->name, min, max, text);
          return FALSE;
        }
      break;

    default:
      g_return_val_if_reached (FALSE);
    }

  if (value != NULL)
    *value = v;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Reading a file                                                           */
/* ------------------------------------------------------------------------ */

/* GKeyFile has no line numbers: the layout of the raw text gives them. */
typedef struct
{
  guint line;
  guint column;   /* where the value starts, in characters, 1-based */
} KeyPos;

typedef struct
{
  guint   line;   /* 0 when no line applies: sorted first */
  guint   seq;
  GError *error;
} LoadError;

typedef struct
{
  const char *origin;
  const char *data;
  gsize       length;
  GKeyFile   *keyfile;
  GHashTable *group_lines;   /* group → GUINT_TO_POINTER (line) */
  GHashTable *key_positions; /* "group\nkey" → KeyPos* */
  GArray     *errors;        /* of LoadError */
} Loader;

typedef enum
{
  GROUP_SCENARIO,
  GROUP_PARAM,
  GROUP_MAIN,
  GROUP_WORKER,
  N_GROUP_KINDS
} GroupKind;

static const char * const scenario_keys[] = {
  "Id", "Title", "Description", "LookFor", "Modes", "DefaultMode",
  "Workers", "MinWorkers", "MaxWorkers", "Gil", "Verdict", NULL
};
static const char * const param_keys[] = {
  "Type", "Default", "Min", "Max", "Label", "Description", NULL
};
static const char * const steps_keys[] = { "Steps", NULL };

/* Groups a scenario may have; "named" ones are written "[Word NAME]". */
static const struct
{
  const char         *word;
  gboolean            named;
  const char * const *keys;
} group_kinds[N_GROUP_KINDS] = {
  [GROUP_SCENARIO] = { "Scenario", FALSE, scenario_keys },
  [GROUP_PARAM]    = { "Param",    TRUE,  param_keys },
  [GROUP_MAIN]     = { "Main",     FALSE, steps_keys },
  [GROUP_WORKER]   = { "Worker",   TRUE,  steps_keys },
};

static void loader_error (Loader     *loader,
                          int         code,
                          guint       line,
                          guint       column,
                          const char *format,
                          ...) G_GNUC_PRINTF (5, 6);

static void
loader_error (Loader     *loader,
              int         code,
              guint       line,
              guint       column,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  LoadError e;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  e.line = line;
  e.seq = loader->errors->len;
  if (line == 0)
    e.error = g_error_new (FL_SCENARIO_ERROR, code, "%s: %s", loader->origin, message);
  else if (column == 0)
    e.error = g_error_new (FL_SCENARIO_ERROR, code, "%s:%u: %s", loader->origin, line, message);
  else
    e.error = g_error_new (FL_SCENARIO_ERROR, code, "%s:%u:%u: %s",
                           loader->origin, line, column, message);
  g_array_append_val (loader->errors, e);
}

static char *
key_id (const char *group,
        const char *key)
{
  return g_strconcat (group, "\n", key, NULL);
}

static guint
count_chars (const char *start,
             const char *end)
{
  guint n = 0;

  for (const char *s = start; s < end; s++)
    if (((guchar) *s & 0xC0) != 0x80)
      n++;
  return n;
}

/* Finds where groups and keys are, and reports what GKeyFile would
 * silently accept (a repeated group or key) or refuse without a line. */
static void
scan_layout (Loader *loader)
{
  const char *p = loader->data;
  const char *end = loader->data + loader->length;
  g_autofree char *group = NULL;
  guint line = 1;

  for (; p < end; line++)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *s = p;
      const char *e;
      const char *next;

      if (eol == NULL)
        eol = end;
      next = eol < end ? eol + 1 : end;
      e = eol;
      while (e > s && g_ascii_isspace (e[-1]))
        e--;
      while (s < e && g_ascii_isspace (*s))
        s++;

      if (s == e || *s == '#')
        ;
      else if (*s == '[' && e[-1] == ']')
        {
          gpointer seen;

          g_free (group);
          group = g_strndup (s + 1, e - s - 2);
          if (g_hash_table_lookup_extended (loader->group_lines, group, NULL, &seen))
            loader_error (loader, FL_SCENARIO_ERROR_PARSE, line, 0,
                          _("the group [%s] appears twice (first on line %u)"),
                          group, GPOINTER_TO_UINT (seen));
          else
            g_hash_table_insert (loader->group_lines, g_strdup (group), GUINT_TO_POINTER (line));
        }
      else if (memchr (s, '=', e - s) != NULL)
        {
          const char *eq = memchr (s, '=', e - s);
          const char *key_end = eq;
          const char *value = eq + 1;
          g_autofree char *key = NULL;
          g_autofree char *id = NULL;
          KeyPos *pos, *seen;

          while (key_end > s && g_ascii_isspace (key_end[-1]))
            key_end--;
          while (value < e && g_ascii_isspace (*value))
            value++;
          key = g_strndup (s, key_end - s);

          if (group == NULL)
            {
              loader_error (loader, FL_SCENARIO_ERROR_PARSE, line, 0,
                            _("the key \"%s\" comes before any [Group]"), key);
              p = next;
              continue;
            }

          id = key_id (group, key);
          pos = g_new (KeyPos, 1);
          pos->line = line;
          pos->column = count_chars (p, value) + 1;
          seen = g_hash_table_lookup (loader->key_positions, id);
          if (seen != NULL)
            loader_error (loader, FL_SCENARIO_ERROR_PARSE, line, 0,
                          _("the key \"%s\" appears twice in [%s] (first on line %u)"),
                          key, group, seen->line);
          /* The last one is the value GKeyFile keeps. */
          g_hash_table_insert (loader->key_positions, g_steal_pointer (&id), pos);
        }
      else
        loader_error (loader, FL_SCENARIO_ERROR_PARSE, line, 0,
                      _("this line is not a [Group], a Key=value or a # comment"));

      p = next;
    }
}

static guint
group_line (Loader     *loader,
            const char *group)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (loader->group_lines, group));
}

static const KeyPos *
key_pos (Loader     *loader,
         const char *group,
         const char *key)
{
  g_autofree char *id = key_id (group, key);

  return g_hash_table_lookup (loader->key_positions, id);
}

/* The line of Key=, or of its group's header when it is absent. */
static guint
key_line (Loader     *loader,
          const char *group,
          const char *key)
{
  const KeyPos *pos = key_pos (loader, group, key);

  return pos != NULL ? pos->line : group_line (loader, group);
}

/* Returns the unescaped value, or NULL when it is absent (an error if
 * @required) or malformed (an error). */
/* GLib 2.74's key file parser sets its GError a second time when a value
 * holds more than one bad escape (a GLib-WARNING, fatal in tests), so the
 * escapes are checked here first: \s \n \t \r \\ are all it knows. */
static gboolean
check_escapes (const char  *raw,
               gboolean     list,
               const char **problem)
{
  for (const char *p = raw; *p != '\0'; p++)
    {
      if (*p != '\\')
        continue;
      if (p[1] == '\0')
        {
          *problem = _("it ends with an escape character “\\”");
          return FALSE;
        }
      if (strchr ("sntr\\", p[1]) == NULL && !(list && (p[1] == ';' || p[1] == ',')))
        {
          *problem = _("it holds an unknown escape sequence (only \\s, \\n, \\t, \\r and \\\\ are known)");
          return FALSE;
        }
      p++;
    }
  return TRUE;
}

static char *
get_string (Loader     *loader,
            const char *group,
            const char *key,
            gboolean    required,
            gboolean    translate)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  if (!g_key_file_has_key (loader->keyfile, group, key, NULL))
    {
      if (required)
        loader_error (loader, FL_SCENARIO_ERROR_MISSING, group_line (loader, group), 0,
                      _("[%s] needs a %s= key"), group, key);
      return NULL;
    }

  {
    g_autofree char *raw = g_key_file_get_value (loader->keyfile, group, key, NULL);
    const char *problem = NULL;

    if (raw != NULL && !check_escapes (raw, FALSE, &problem))
      {
        loader_error (loader, FL_SCENARIO_ERROR_PARSE, key_line (loader, group, key), 0,
                      "%s: %s", key, problem);
        return NULL;
      }
  }

  value = g_key_file_get_string (loader->keyfile, group, key, &error);
  if (value == NULL)
    {
      loader_error (loader, FL_SCENARIO_ERROR_PARSE, key_line (loader, group, key), 0,
                    "%s: %s", key, error->message);
      return NULL;
    }

  if (required && *g_strstrip (value) == '\0')
    {
      loader_error (loader, FL_SCENARIO_ERROR_MISSING, key_line (loader, group, key), 0,
                    _("%s= is empty"), key);
      return NULL;
    }

  if (translate && *value != '\0')
    return g_strdup (g_dgettext (GETTEXT_PACKAGE, value));
  return g_steal_pointer (&value);
}

/* A whole number in [min, max] for @key, or @fallback when absent. */
static gboolean
get_uint (Loader     *loader,
          const char *group,
          const char *key,
          guint       min,
          guint       max,
          guint       fallback,
          guint      *value)
{
  g_autofree char *text = NULL;
  guint64 v;

  *value = fallback;
  if (!g_key_file_has_key (loader->keyfile, group, key, NULL))
    return TRUE;

  text = g_key_file_get_value (loader->keyfile, group, key, NULL);
  g_strstrip (text);
  if (!g_ascii_string_to_unsigned (text, 10, min, max, &v, NULL))
    {
      loader_error (loader, FL_SCENARIO_ERROR_INVALID, key_line (loader, group, key), 0,
                    _("%s must be a whole number from %u to %u, not \"%s\""),
                    key, min, max, text);
      return FALSE;
    }
  *value = (guint) v;
  return TRUE;
}

static gboolean
is_word (const char *text,
         const char *extra)
{
  if (*text == '\0')
    return FALSE;
  for (const char *s = text; *s; s++)
    if (!g_ascii_islower (*s) && !g_ascii_isdigit (*s) && strchr (extra, *s) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
is_param_name (const char *name)
{
  return g_ascii_islower (*name) && is_word (name, "_");
}

static gboolean
is_worker_name (const char *name)
{
  if (*name == '\0')
    return FALSE;
  for (const char *s = name; *s; s++)
    if (!g_ascii_isalnum (*s) && *s != '-' && *s != '_')
      return FALSE;
  return TRUE;
}

/* Says what kind a group is, and the NAME of "[Word NAME]" groups. */
static gboolean
classify_group (const char  *group,
                GroupKind   *kind,
                const char **name)
{
  for (guint i = 0; i < N_GROUP_KINDS; i++)
    {
      gsize len = strlen (group_kinds[i].word);

      if (strncmp (group, group_kinds[i].word, len) != 0)
        continue;
      if (!group_kinds[i].named && group[len] == '\0')
        {
          *kind = (GroupKind) i;
          *name = NULL;
          return TRUE;
        }
      if (group_kinds[i].named && (group[len] == ' ' || group[len] == '\0'))
        {
          *kind = (GroupKind) i;
          *name = group[len] == ' ' ? group + len + 1 : group + len;
          return TRUE;
        }
    }
  return FALSE;
}

static char *
join_names (const char * const *names)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", names[i]);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
check_keys (Loader             *loader,
            const char         *group,
            const char * const *known)
{
  g_auto(GStrv) keys = g_key_file_get_keys (loader->keyfile, group, NULL, NULL);
  g_autoptr(GHashTable) reported = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *expected = NULL;

      /* g_key_file_get_keys() lists a repeated key twice: say it once. */
      if (g_strv_contains (known, keys[i]) || !g_hash_table_add (reported, keys[i]))
        continue;
      expected = join_names (known);
      loader_error (loader, FL_SCENARIO_ERROR_PARSE, key_line (loader, group, keys[i]), 0,
                    _("unknown key \"%s\" in [%s] (expected %s)"), keys[i], group, expected);
    }
}

static char *
modes_to_string (guint modes)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < FL_N_MODES; i++)
    if (modes & (1u << i))
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", fl_mode_to_string ((FlMode) i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
load_scenario_group (Loader     *loader,
                     FlScenario *self)
{
  const char *group = "Scenario";
  g_autofree char *text = NULL;
  gboolean workers_ok, min_ok, max_ok;
  int first_mode = -1;

  self->modes = FL_MODE_MASK_ALL;
  self->default_mode = FL_MODE_THREADS;
  self->default_workers = 2;
  self->min_workers = 1;
  self->max_workers = FL_MAX_WORKERS;
  self->default_gil = TRUE;
  self->verdict = g_strdup ("overlap");

  if (!g_key_file_has_group (loader->keyfile, group))
    {
      loader_error (loader, FL_SCENARIO_ERROR_MISSING, 0, 0,
                    _("there is no [Scenario] group"));
      return;
    }

  self->id = get_string (loader, group, "Id", TRUE, FALSE);
  if (self->id != NULL && !is_word (self->id, "-"))
    loader_error (loader, FL_SCENARIO_ERROR_INVALID, key_line (loader, group, "Id"), 0,
                  _("Id \"%s\" may only use lowercase letters, digits and \"-\""), self->id);

  self->title = get_string (loader, group, "Title", TRUE, TRUE);
  self->description = get_string (loader, group, "Description", TRUE, TRUE);
  self->look_for = get_string (loader, group, "LookFor", FALSE, TRUE);

  if (g_key_file_has_key (loader->keyfile, group, "Modes", NULL))
    {
      g_autofree char *raw = g_key_file_get_value (loader->keyfile, group, "Modes", NULL);
      const char *problem = NULL;
      gboolean escapes_ok = raw == NULL || check_escapes (raw, TRUE, &problem);
      g_auto(GStrv) modes = escapes_ok ? g_key_file_get_string_list (loader->keyfile, group, "Modes", NULL, NULL)
                                       : NULL;
      guint line = key_line (loader, group, "Modes");

      if (!escapes_ok)
        loader_error (loader, FL_SCENARIO_ERROR_PARSE, line, 0, "Modes: %s", problem);

      self->modes = 0;
      for (guint i = 0; modes != NULL && modes[i] != NULL; i++)
        {
          FlMode mode;

          g_strstrip (modes[i]);
          if (modes[i][0] == '\0')
            continue;
          if (!fl_mode_from_string (modes[i], &mode))
            {
              loader_error (loader, FL_SCENARIO_ERROR_INVALID, line, 0,
                            _("unknown mode \"%s\" in Modes (expected threads, fork or spawn)"),
                            modes[i]);
              continue;
            }
          self->modes |= 1u << mode;
          if (first_mode < 0)
            first_mode = mode;
        }
      if (self->modes == 0)
        {
          loader_error (loader, FL_SCENARIO_ERROR_INVALID, line, 0,
                        _("Modes must name at least one of threads, fork or spawn"));
          self->modes = FL_MODE_MASK_ALL;
        }
    }
  self->default_mode = first_mode >= 0 ? (FlMode) first_mode : FL_MODE_THREADS;

  if ((text = get_string (loader, group, "DefaultMode", FALSE, FALSE)) != NULL)
    {
      guint line = key_line (loader, group, "DefaultMode");
      FlMode mode;

      if (!fl_mode_from_string (text, &mode))
        loader_error (loader, FL_SCENARIO_ERROR_INVALID, line, 0,
                      _("unknown mode \"%s\" in DefaultMode (expected threads, fork or spawn)"),
                      text);
      else if (!(self->modes & (1u << mode)))
        {
          g_autofree char *modes = modes_to_string (self->modes);

          loader_error (loader, FL_SCENARIO_ERROR_INVALID, line, 0,
                        _("DefaultMode \"%s\" is not one of the Modes (%s)"), text, modes);
        }
      else
        self->default_mode = mode;
      self->says_mode = TRUE;
    }
  g_clear_pointer (&text, g_free);

  workers_ok = get_uint (loader, group, "Workers", 1, FL_MAX_WORKERS, 2, &self->default_workers);
  self->says_workers = g_key_file_has_key (loader->keyfile, group, "Workers", NULL);
  min_ok = get_uint (loader, group, "MinWorkers", 1, FL_MAX_WORKERS, 1, &self->min_workers);
  max_ok = get_uint (loader, group, "MaxWorkers", 1, FL_MAX_WORKERS, FL_MAX_WORKERS, &self->max_workers);
  if (min_ok && max_ok && self->min_workers > self->max_workers)
    loader_error (loader, FL_SCENARIO_ERROR_INVALID, key_line (loader, group, "MinWorkers"), 0,
                  _("MinWorkers (%u) is larger than MaxWorkers (%u)"),
                  self->min_workers, self->max_workers);
  else if (min_ok && max_ok && workers_ok)
    {
      if (!g_key_file_has_key (loader->keyfile, group, "Workers", NULL))
        /* The default of 2 follows the range the file gives. */
        self->default_workers = CLAMP (self->default_workers, self->min_workers, self->max_workers);
      else if (self->default_workers < self->min_workers || self->default_workers > self->max_workers)
        loader_error (loader, FL_SCENARIO_ERROR_INVALID, key_line (loader, group, "Workers"), 0,
                      _("Workers (%u) must be between MinWorkers (%u) and MaxWorkers (%u)"),
                      self->default_workers, self->min_workers, self->max_workers);
    }

  if ((text = get_string (loader, group, "Gil", FALSE, FALSE)) != NULL &&
      !parse_bool_word (text, &self->default_gil))
    loader_error (loader, FL_SCENARIO_ERROR_INVALID, key_line (loader, group, "Gil"), 0,
                  _("Gil must be true or false, not \"%s\""), text);
  g_clear_pointer (&text, g_free);

  if ((text = get_string (loader, group, "Verdict", FALSE, FALSE)) != NULL)
    {
      if (!is_word (text, "-"))
        loader_error (loader, FL_SCENARIO_ERROR_INVALID, key_line (loader, group, "Verdict"), 0,
                      _("Verdict \"%s\" must be one word of lowercase letters, digits and \"-\""),
                      text);
      else if (!g_strv_contains (fl_scenario_verdict_kinds, text))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) fl_scenario_verdict_kinds);

          loader_error (loader, FL_SCENARIO_ERROR_INVALID, key_line (loader, group, "Verdict"), 0,
                        _("unknown Verdict \"%s\" (expected %s)"), text, known);
        }
      else
        {
          g_free (self->verdict);
          self->verdict = g_steal_pointer (&text);
        }
    }
}

static gboolean
param_type_from_string (const char  *text,
                        FlParamType *type)
{
  static const char * const names[] = {
    [FL_PARAM_INT] = "int", [FL_PARAM_DOUBLE] = "double", [FL_PARAM_BOOL] = "bool",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (text, names[i]))
      {
        *type = (FlParamType) i;
        return TRUE;
      }
  return FALSE;
}

/* Reads Min= or Max= of a number parameter. */
static gboolean
get_bound (Loader     *loader,
           const char *group,
           const char *key,
           FlParam    *param,
           double     *value)
{
  g_autofree char *text = NULL;

  if (!g_key_file_has_key (loader->keyfile, group, key, NULL))
    {
      loader_error (loader, FL_SCENARIO_ERROR_MISSING, group_line (loader, group), 0,
                    _("[%s] needs a %s= key"), group, key);
      return FALSE;
    }

  text = g_strstrip (g_key_file_get_value (loader->keyfile, group, key, NULL));
  if (param->type == FL_PARAM_INT ? !parse_int (text, value) : !parse_double (text, value))
    {
      loader_error (loader, FL_SCENARIO_ERROR_INVALID, key_line (loader, group, key), 0,
                    param->type == FL_PARAM_INT
                    ? _("%s must be an integer, not \"%s\"")
                    : _("%s must be a number, not \"%s\""),
                    key, text);
      return FALSE;
    }
  return TRUE;
}

/* Returns the parameter, or NULL after reporting what is wrong with it. */
static FlParam *
load_param (Loader     *loader,
            const char *group,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  g_autofree char *text = NULL;
  FlParam *param;
  gboolean ok = TRUE;       /* nothing is wrong */
  gboolean typed = FALSE;   /* the type is known */
  gboolean ranged = FALSE;  /* and so are Min and Max */

  param = g_new0 (FlParam, 1);
  param->name = g_strdup (name);

  if (!is_param_name (name))
    {
      loader_error (loader, FL_SCENARIO_ERROR_INVALID, group_line (loader, group), 0,
                    _("parameter name \"%s\" must start with a lowercase letter and use only "
                      "a-z, 0-9 and \"_\""), name);
      ok = FALSE;
    }
  else if (g_strv_contains (fl_scenario_builtin_variables, name))
    {
      g_autofree char *builtins = join_names (fl_scenario_builtin_variables);

      loader_error (loader, FL_SCENARIO_ERROR_INVALID, group_line (loader, group), 0,
                    _("parameter name \"%s\" is taken by a builtin variable (%s)"),
                    name, builtins);
      ok = FALSE;
    }

  if ((type = get_string (loader, group, "Type", TRUE, FALSE)) == NULL)
    ok = FALSE;
  else if (param_type_from_string (type, &param->type))
    typed = TRUE;
  else
    {
      loader_error (loader, FL_SCENARIO_ERROR_INVALID, key_line (loader, group, "Type"), 0,
                    _("Type must be int, double or bool, not \"%s\""), type);
      ok = FALSE;
    }

  if ((param->label = get_string (loader, group, "Label", TRUE, TRUE)) == NULL)
    ok = FALSE;
  param->description = get_string (loader, group, "Description", FALSE, TRUE);

  if (!typed)
    ;
  else if (param->type == FL_PARAM_BOOL)
    {
      param->min = 0;
      param->max = 1;
      ranged = TRUE;
      for (guint i = 0; i < 2; i++)
        {
          const char *key = i == 0 ? "Min" : "Max";

          if (g_key_file_has_key (loader->keyfile, group, key, NULL))
            {
              loader_error (loader, FL_SCENARIO_ERROR_INVALID, key_line (loader, group, key), 0,
                            _("%s= does not apply to a bool parameter"), key);
              ok = FALSE;
            }
        }
    }
  else
    {
      gboolean min_ok = get_bound (loader, group, "Min", param, &param->min);
      gboolean max_ok = get_bound (loader, group, "Max", param, &param->max);

      if (min_ok && max_ok && param->min > param->max)
        {
          g_autofree char *min = format_number (param->min);
          g_autofree char *max = format_number (param->max);

          loader_error (loader, FL_SCENARIO_ERROR_INVALID, key_line (loader, group, "Min"), 0,
                        _("Min (%s) is larger than Max (%s)"), min, max);
        }
      else
        ranged = min_ok && max_ok;
      ok = ok && ranged;
    }

  /* Default is checked last: it needs the type and the range. */
  if (!g_key_file_has_key (loader->keyfile, group, "Default", NULL))
    {
      loader_error (loader, FL_SCENARIO_ERROR_MISSING, group_line (loader, group), 0,
                    _("[%s] needs a %s= key"), group, "Default");
      ok = FALSE;
    }
  else if (ranged)
    {
      text = g_key_file_get_value (loader->keyfile, group, "Default", NULL);
      if (!fl_param_parse_value (param, text, &param->default_value, &error))
        {
          loader_error (loader, FL_SCENARIO_ERROR_INVALID, key_line (loader, group, "Default"), 0,
                        "%s", error->message);
          ok = FALSE;
        }
    }

  if (!ok)
    g_clear_pointer (&param, fl_param_free);
  return param;
}

static GPtrArray *
load_steps (Loader             *loader,
            const char         *group,
            const char         *fallback,
            gboolean            main,
            const char * const *variables,
            guint               min_workers)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) fl_script_problem_free);
  g_autofree char *text = NULL;
  FlScriptContext context = { variables, main, 1, 1, min_workers };
  const KeyPos *pos;
  GPtrArray *steps;

  if (!g_key_file_has_key (loader->keyfile, group, "Steps", NULL))
    {
      if (fallback == NULL)
        {
          loader_error (loader, FL_SCENARIO_ERROR_MISSING, group_line (loader, group), 0,
                        _("[%s] needs a %s= key"), group, "Steps");
          return NULL;
        }
      text = g_strdup (fallback);
    }
  else
    {
      /* The raw value: its columns are the file's, and \" stays as is. */
      text = g_key_file_get_value (loader->keyfile, group, "Steps", NULL);
      if ((pos = key_pos (loader, group, "Steps")) != NULL)
        {
          context.first_line = pos->line;
          context.first_column = pos->column;
        }
    }

  /* Every mistake of the program, each with its line and column. */
  steps = fl_script_parse_all (text, &context, problems);
  for (guint i = 0; i < problems->len; i++)
    {
      const FlScriptProblem *problem = g_ptr_array_index (problems, i);

      loader_error (loader, FL_SCENARIO_ERROR_SCRIPT, problem->line, problem->column,
                    "%s", problem->error->message);
    }
  return steps;
}

/* A value computed from parameters and worker numbers is checked for the
 * run with the default settings, the one a click on Run starts: what it
 * would refuse when the step runs is said now.  Other settings are still
 * checked when the step runs. */
static void
check_default_run (Loader     *loader,
                   FlScenario *self,
                   GPtrArray  *steps,
                   guint       worker,
                   GHashTable *reported)
{
  /* The run with the scenario's own settings (its Workers= and each
   * parameter's Default=); pid and repeat variables are known only as it runs. */
  FlScriptScope run = { .worker = worker, .n_workers = self->default_workers,
                        .pid = -1, .scenario = self };

  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      const FlStep *step = g_ptr_array_index (steps, i);
      const char *name = fl_step_kind_to_string (step->kind);

      if (step->body != NULL)
        check_default_run (loader, self, step->body, worker, reported);
      for (guint a = 0; a < step->n_args; a++)
        {
          const FlStepArg *arg = &step->args[a];
          g_autoptr(GError) error = NULL;
          g_auto(GStrv) variables = NULL;
          g_autofree char *problem = NULL;
          g_autofree char *who = NULL;
          double value;

          if (arg->expr == NULL || g_hash_table_contains (reported, arg))
            continue;
          variables = fl_expr_get_variables (arg->expr);
          if (variables[0] == NULL)
            continue;  /* a constant: the parser checked it */
          if (!fl_expr_eval (arg->expr, fl_script_scope_lookup, &run, &value, &error))
            {
              if (g_error_matches (error, FL_SCRIPT_ERROR, FL_SCRIPT_ERROR_UNKNOWN_VARIABLE))
                continue;
              problem = g_strdup_printf (_("the argument \"%s\": %s"), arg->name, error->message);
            }
          else if ((problem = fl_step_check_value (step->kind, arg->name, value)) == NULL &&
                   g_str_equal (arg->name, "worker") && value > self->default_workers)
            problem = g_strdup_printf (_("there is no worker %g in a run of %u workers"),
                                       value, self->default_workers);
          if (problem == NULL)
            continue;
          g_hash_table_add (reported, (gpointer) arg);
          who = worker == 0 ? g_strdup (_("the main program"))
                            : g_strdup_printf (_("worker %u"), worker);
          /* TRANSLATORS: step: with the default settings (worker 1), what is wrong */
          loader_error (loader, FL_SCENARIO_ERROR_INVALID, step->line, step->column,
                        _("%s: with the default settings (%s), %s"), name, who, problem);
        }
    }
}

static void
load (Loader     *loader,
      FlScenario *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) variables = g_ptr_array_new ();
  g_auto(GStrv) groups = NULL;
  const char *end = NULL;
  guint n_errors;
  guint n_worker_groups = 0;

  if (!g_utf8_validate_len (loader->data, loader->length, &end))
    {
      guint line = 1;

      for (const char *s = loader->data; s < end; s++)
        if (*s == '\n')
          line++;
      loader_error (loader, FL_SCENARIO_ERROR_PARSE, line, 0,
                    _("this line is not valid UTF-8 text"));
      return;
    }

  scan_layout (loader);
  n_errors = loader->errors->len;

  if (!g_key_file_load_from_data (loader->keyfile, loader->data, loader->length,
                                  G_KEY_FILE_NONE, &error))
    {
      /* The layout scan says the same with a line, when it can. */
      if (n_errors == 0)
        loader_error (loader, FL_SCENARIO_ERROR_PARSE, 0, 0, "%s", error->message);
      return;
    }

  groups = g_key_file_get_groups (loader->keyfile, NULL);

  /* Every group and key is known, or is a typo. */
  for (guint i = 0; groups[i] != NULL; i++)
    {
      GroupKind kind;
      const char *name;

      if (!classify_group (groups[i], &kind, &name))
        loader_error (loader, FL_SCENARIO_ERROR_PARSE, group_line (loader, groups[i]), 0,
                      _("unknown group [%s] (expected [Scenario], [Param NAME], [Main] or [Worker NAME])"),
                      groups[i]);
      else if (group_kinds[kind].named && *name == '\0')
        loader_error (loader, FL_SCENARIO_ERROR_PARSE, group_line (loader, groups[i]), 0,
                      _("a [%s] group needs a name: [%s NAME]"),
                      group_kinds[kind].word, group_kinds[kind].word);
      else
        check_keys (loader, groups[i], group_kinds[kind].keys);
    }

  load_scenario_group (loader, self);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      GroupKind kind;
      const char *name;
      FlParam *param;

      if (!classify_group (groups[i], &kind, &name) || kind != GROUP_PARAM || *name == '\0')
        continue;
      if ((param = load_param (loader, groups[i], name)) != NULL)
        g_ptr_array_add (self->params, param);
      /* Scripts may use the name even if the rest of the group is wrong:
       * one mistake, one message. */
      if (is_param_name (name))
        g_ptr_array_add (variables, (gpointer) name);
    }
  for (guint i = 0; fl_scenario_builtin_variables[i] != NULL; i++)
    g_ptr_array_add (variables, (gpointer) fl_scenario_builtin_variables[i]);
  g_ptr_array_add (variables, NULL);

  self->main_steps = load_steps (loader, "Main", "start; join", TRUE,
                                 (const char * const *) variables->pdata, self->min_workers);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      FlWorkerTemplate *template;
      GPtrArray *steps;
      GroupKind kind;
      const char *name;

      if (!classify_group (groups[i], &kind, &name) || kind != GROUP_WORKER || *name == '\0')
        continue;
      n_worker_groups++;
      if (!is_worker_name (name))
        loader_error (loader, FL_SCENARIO_ERROR_INVALID, group_line (loader, groups[i]), 0,
                      _("worker name \"%s\" may only use letters, digits, \"-\" and \"_\""), name);
      steps = load_steps (loader, groups[i], NULL, FALSE,
                          (const char * const *) variables->pdata, self->min_workers);
      if (steps == NULL)
        continue;
      template = g_new0 (FlWorkerTemplate, 1);
      template->name = g_strdup (name);
      template->steps = steps;
      g_ptr_array_add (self->templates, template);
    }

  if (n_worker_groups == 0)
    loader_error (loader, FL_SCENARIO_ERROR_MISSING, 0, 0,
                  _("there is no [Worker NAME] group: a scenario needs at least one"));

  /* Only for a file with no other mistake: its settings are then known. */
  if (loader->errors->len == 0 && self->templates->len > 0)
    {
      g_autoptr(GHashTable) reported = g_hash_table_new (NULL, NULL);

      check_default_run (loader, self, self->main_steps, 0, reported);
      for (guint k = 1; k <= self->default_workers; k++)
        check_default_run (loader, self,
                           ((FlWorkerTemplate *) g_ptr_array_index (self->templates,
                                                                    (k - 1) % self->templates->len))->steps,
                           k, reported);
    }
}

static int
compare_errors (gconstpointer a,
                gconstpointer b)
{
  const LoadError *ea = a;
  const LoadError *eb = b;

  if (ea->line != eb->line)
    return ea->line < eb->line ? -1 : 1;
  return ea->seq < eb->seq ? -1 : ea->seq > eb->seq;
}

FlScenario *
fl_scenario_check (const char *data,
                   gsize       length,
                   const char *origin,
                   GPtrArray  *errors)
{
  g_autoptr(FlScenario) self = NULL;
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autoptr(GHashTable) group_lines = NULL;
  g_autoptr(GHashTable) key_positions = NULL;
  g_autoptr(GArray) load_errors = NULL;
  Loader loader;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (errors != NULL, NULL);

  if (origin == NULL)
    origin = "scenario";
  if (length == (gsize) -1)
    length = strlen (data);

  self = g_object_new (FL_TYPE_SCENARIO, NULL);
  self->origin = g_strdup (origin);
  self->data = g_strndup (data, length);

  keyfile = g_key_file_new ();
  group_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  key_positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  load_errors = g_array_new (FALSE, FALSE, sizeof (LoadError));

  loader.origin = origin;
  loader.data = self->data;
  loader.length = length;
  loader.keyfile = keyfile;
  loader.group_lines = group_lines;
  loader.key_positions = key_positions;
  loader.errors = load_errors;

  load (&loader, self);

  if (load_errors->len == 0)
    return g_steal_pointer (&self);

  /* In file order, so that the first error is the first one met reading. */
  g_array_sort (load_errors, compare_errors);
  for (guint i = 0; i < load_errors->len; i++)
    g_ptr_array_add (errors, g_array_index (load_errors, LoadError, i).error);
  return NULL;
}

FlScenario *
fl_scenario_new_from_data (const char  *data,
                           gsize        length,
                           const char  *origin,
                           GError     **error)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  FlScenario *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = fl_scenario_check (data, length, origin, errors);
  if (self == NULL)
    g_propagate_error (error, g_ptr_array_steal_index (errors, 0));
  return self;
}
