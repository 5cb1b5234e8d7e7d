/* fl-cli.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is checked before anything runs, so that bad input creates
 * nothing: no process, no trace file.
 */

#define G_LOG_DOMAIN "fl-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "fl-catalog.h"
#include "fl-chrome-trace.h"
#include "fl-cli.h"
#include "fl-export.h"
#include "fl-files.h"
#include "fl-run.h"
#include "fl-run-file.h"
#include "fl-summary.h"
#include "fl-timeline-painter.h"
#include "fl-program.h"

typedef enum
{
  SUMMARY_TEXT,
  SUMMARY_JSON,
} SummaryFormat;

typedef struct
{
  /* options */
  gboolean       list;
  gboolean       version;
  char          *run_id;
  char          *check;
  char          *mode;
  char          *workers;
  char         **params;
  char          *trace;
  gboolean       summary_given;
  SummaryFormat  summary;
  gboolean       gil;
  gboolean       no_gil;
  char          *switch_interval;
  char          *sample_rate;
  char          *time_limit;
  char          *open;
  char          *export_path;
  char          *export_size;
  char          *export_view;
  char          *export_theme;
  FlExportOptions export_options;
  char          *python;
  char         **python_args;
  char          *interpreter;
  gboolean       compare_emulation;
  gboolean       slide_source;     /* --slide-source */
  guint          source_from;      /* --slide-source=FIRST-LAST; 0: every line */
  guint          source_last;

  /* the run */
  GMainLoop     *loop;
  FlRun         *run;
  int            signal;
  guint          signal_source;
  guint          not_printed;    /* output lines left out once a signal stopped the run */
  guint          name_width;
} Cli;

static void
cli_clear (Cli *cli)
{
  g_clear_pointer (&cli->run_id, g_free);
  g_clear_pointer (&cli->check, g_free);
  g_clear_pointer (&cli->mode, g_free);
  g_clear_pointer (&cli->workers, g_free);
  g_clear_pointer (&cli->params, g_strfreev);
  g_clear_pointer (&cli->trace, g_free);
  g_clear_pointer (&cli->switch_interval, g_free);
  g_clear_pointer (&cli->sample_rate, g_free);
  g_clear_pointer (&cli->time_limit, g_free);
  g_clear_pointer (&cli->open, g_free);
  g_clear_pointer (&cli->export_path, g_free);
  g_clear_pointer (&cli->export_size, g_free);
  g_clear_pointer (&cli->export_view, g_free);
  g_clear_pointer (&cli->export_theme, g_free);
  g_clear_pointer (&cli->python, g_free);
  g_clear_pointer (&cli->python_args, g_strfreev);
  g_clear_pointer (&cli->interpreter, g_free);
  g_clear_pointer (&cli->export_options.theme, fl_theme_unref);
  g_clear_pointer ((char **) &cli->export_options.source_title, g_free);
  g_clear_pointer (&cli->loop, g_main_loop_unref);
  g_clear_object (&cli->run);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cli, cli_clear)

#define usage_error fl_cli_usage_error

/* A program's threads are named as they appear, so its output's name
 * column cannot be fitted to them: it is this wide. */
#define PROGRAM_NAME_WIDTH 28

/**
 * fl_cli_usage_error:
 * @format: a printf() format
 *
 * Bad input: one line on stderr, "forkline: …", that says what is wrong.
 */
void
fl_cli_usage_error (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("forkline: %s\n", message);
}

/* ---- options ------------------------------------------------------------- */

static gboolean
parse_summary (const char  *option_name,
               const char  *value,
               gpointer     user_data,
               GError     **error)
{
  Cli *cli = user_data;

  cli->summary_given = TRUE;
  if (value == NULL || g_str_equal (value, "text"))
    cli->summary = SUMMARY_TEXT;
  else if (g_str_equal (value, "json"))
    cli->summary = SUMMARY_JSON;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--summary takes “text” or “json”, not “%s”"), value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_slide_source (const char  *option_name,
                    const char  *value,
                    gpointer     user_data,
                    GError     **error)
{
  Cli *cli = user_data;
  g_autoptr(GError) local = NULL;

  cli->slide_source = TRUE;
  cli->source_from = cli->source_last = 0;
  if (value == NULL)
    return TRUE;
  if (!fl_export_parse_line_range (value, &cli->source_from, &cli->source_last, &local))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--slide-source: %s", local->message);
      return FALSE;
    }
  return TRUE;
}

/* Every option of the command line, once.  HEADLESS: the command line
 * without a window takes it (FlCli's field at @offset, or @callback);
 * STARTS_HEADLESS: given, Forkline runs without a window (main()'s
 * choice); WINDOW: the window's GApplication takes it, with
 * @window_description where it means something else there.  Adding an
 * option is one row here and, for the headless path, one field of Cli. */
typedef enum
{
  HEADLESS        = 1 << 0,
  STARTS_HEADLESS = 1 << 1 | HEADLESS,
  WINDOW          = 1 << 2,
} Where;

typedef struct
{
  const char     *long_name;
  char            short_name;
  GOptionFlags    flags;
  GOptionArg      arg;
  Where           where;
  gssize          offset;          /* in Cli; -1 for a callback */
  GOptionArgFunc  callback;
  const char     *description;
  const char     *arg_description;
  const char     *window_description;
} Option;

#define FIELD(f) G_STRUCT_OFFSET (Cli, f), NULL
#define NOFIELD -1, NULL

static const Option options[] = {
  { "list-scenarios", 'l', 0, G_OPTION_ARG_NONE, STARTS_HEADLESS, FIELD (list),
    N_("List the scenarios, one per line: id, then title"), NULL, NULL },
  { "run", 'r', 0, G_OPTION_ARG_STRING, STARTS_HEADLESS, FIELD (run_id),
    N_("Run the scenario ID without a window"), N_("ID"), NULL },
  { "check-scenario", 0, 0, G_OPTION_ARG_FILENAME, STARTS_HEADLESS, FIELD (check),
    N_("Check the scenario file FILE and print every error with its line"), N_("FILE"), NULL },
  { "mode", 'm', 0, G_OPTION_ARG_STRING, HEADLESS | WINDOW, FIELD (mode),
    N_("How workers are made: threads, fork or spawn"), N_("MODE"), NULL },
  { "workers", 'w', 0, G_OPTION_ARG_STRING, HEADLESS | WINDOW, FIELD (workers),
    N_("Number of workers, 1 to 256"), N_("N"), NULL },
  { "param", 'p', 0, G_OPTION_ARG_STRING_ARRAY, HEADLESS | WINDOW, FIELD (params),
    N_("Set a parameter of the scenario (repeatable)"), N_("NAME=VALUE"), NULL },
  { "gil", 0, 0, G_OPTION_ARG_NONE, HEADLESS, FIELD (gil),
    N_("Run with the emulated global interpreter lock (GIL), whatever the scenario says"), NULL, NULL },
  { "no-gil", 0, 0, G_OPTION_ARG_NONE, HEADLESS, FIELD (no_gil),
    N_("Run without the emulated GIL, whatever the scenario says"), NULL, NULL },
  { "switch-interval", 0, 0, G_OPTION_ARG_STRING, HEADLESS, FIELD (switch_interval),
    N_("How long a thread waits for the GIL before asking for it, 0.1 to 1000 ms (default 5)"), N_("MS"), NULL },
  { "sample-rate", 0, 0, G_OPTION_ARG_STRING, HEADLESS, FIELD (sample_rate),
    N_("How often CPU and memory are sampled, 1 to 1000 times a second (default 100)"), N_("HZ"), NULL },
  { "time-limit", 0, 0, G_OPTION_ARG_STRING, HEADLESS, FIELD (time_limit),
    N_("Stop the run after S seconds, 1 to 86400 (default 600); a run stopped so exits with status 1"), N_("S"), NULL },
  { "trace", 't', 0, G_OPTION_ARG_FILENAME, STARTS_HEADLESS, FIELD (trace),
    N_("Write the run to FILE in the Chrome Trace Event format"), N_("FILE"), NULL },
  { "open", 0, 0, G_OPTION_ARG_FILENAME, HEADLESS | WINDOW, FIELD (open),
    N_("Open a run saved with --trace (or Save Run… in the window): in the window, or "
       "headless with --summary (print its summary) or --export (draw it again)"), N_("FILE"),
    N_("Open the window showing a run saved with --trace or Save Run…, or a Python program (.py) in the editor") },
  { "export", 'e', 0, G_OPTION_ARG_FILENAME, STARTS_HEADLESS, FIELD (export_path),
    N_("After the run, draw it to FILE: PNG, SVG or PDF by the extension"), N_("FILE"), NULL },
  { "view", 0, 0, G_OPTION_ARG_STRING, STARTS_HEADLESS, FIELD (export_view),
    N_("What --export draws: timeline, cpu, memory, slide (the default) or compare"), N_("VIEW"), NULL },
  { "size", 0, 0, G_OPTION_ARG_STRING, STARTS_HEADLESS, FIELD (export_size),
    N_("The size of the picture in pixels, 240 to 7680 a side (default 1920x1080)"), N_("WxH"), NULL },
  { "theme", 0, 0, G_OPTION_ARG_STRING, STARTS_HEADLESS, FIELD (export_theme),
    N_("The colours of the picture: light (for projectors, the default) or dark"), N_("THEME"), NULL },
  { "summary", 's', G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, STARTS_HEADLESS, -1, parse_summary,
    N_("Print the summary as a table (text, the default) or as one JSON object (json)"), N_("text|json"), NULL },
  { "python", 0, 0, G_OPTION_ARG_FILENAME, STARTS_HEADLESS, FIELD (python),
    N_("Run the Python program FILE (or the id of one of Forkline's Python examples) and observe "
       "its threads, processes and GIL without a window"), N_("FILE"), NULL },
  { "python-arg", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, STARTS_HEADLESS, FIELD (python_args),
    N_("An argument for the Python program (repeatable)"), N_("ARG"), NULL },
  { "interpreter", 0, 0, G_OPTION_ARG_FILENAME, STARTS_HEADLESS, FIELD (interpreter),
    N_("The Python interpreter to run it with (default: python3 on PATH)"), N_("PATH"), NULL },
  { "slide-source", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, HEADLESS, -1, parse_slide_source,
    N_("With --export of a slide of a Python program's run: put the program's source beside the "
       "timeline, or only its lines FIRST to LAST"), N_("FIRST-LAST"), NULL },
  { "compare-emulation", 0, 0, G_OPTION_ARG_NONE, HEADLESS, FIELD (compare_emulation),
    N_("With --python: run the example on real CPython, then its matching preset on Forkline's "
       "emulation with the emulated GIL (same workers and mode), and compare them; with --export, "
       "draw the comparison"), NULL, NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, STARTS_HEADLESS, FIELD (version),
    N_("Print the version and exit"), NULL, NULL },
  /* the window's own */
  { "scenario", 0, 0, G_OPTION_ARG_STRING, WINDOW, NOFIELD,
    N_("Open the window with the scenario ID selected"), N_("ID"), NULL },
  { "autorun", 0, 0, G_OPTION_ARG_NONE, WINDOW, NOFIELD,
    N_("Start the run as soon as the window opens"), NULL, NULL },
  { "compare", 0, 0, G_OPTION_ARG_STRING, WINDOW, NOFIELD,
    N_("Open the window comparing scenario ID as threads and as processes"), N_("ID"), NULL },
};

#undef FIELD
#undef NOFIELD

/* The entries of the options for @where; @cli NULL: no storage (the
 * window's GApplication keeps their values itself). */
static GOptionEntry *
make_entries (Where  where,
              Cli   *cli)
{
  GOptionEntry *entries = g_new0 (GOptionEntry, G_N_ELEMENTS (options) + 1);
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      const Option *o = &options[i];
      GOptionEntry *e;

      if ((o->where & where) != where)
        continue;
      e = &entries[n++];
      e->long_name = o->long_name;
      e->short_name = o->short_name;
      e->flags = o->flags;
      e->arg = o->arg;
      if (cli == NULL)
        e->arg_data = NULL;
      else if (o->callback != NULL)
        e->arg_data = (gpointer) o->callback;
      else
        e->arg_data = G_STRUCT_MEMBER_P (cli, o->offset);
      e->description = where == WINDOW && o->window_description != NULL ? o->window_description
                                                                        : o->description;
      e->arg_description = o->arg_description;
    }
  return entries;
}

/**
 * fl_cli_get_window_entries:
 *
 * Returns: (transfer full): the options the window's application takes,
 *   for g_application_add_main_option_entries(); free with g_free()
 */
GOptionEntry *
fl_cli_get_window_entries (void)
{
  return make_entries (WINDOW, NULL);
}

/* Whether @arg is --@name, as "--name" or "--name=VALUE", or its short form. */
static gboolean
is_option (const char   *arg,
           const Option *o)
{
  gsize len = strlen (o->long_name);

  if (arg[0] == '-' && arg[1] == '-')
    return strncmp (arg + 2, o->long_name, len) == 0 && (arg[2 + len] == '\0' || arg[2 + len] == '=');
  return o->short_name != 0 && arg[0] == '-' && arg[1] == o->short_name;
}

/**
 * fl_cli_wants_headless:
 * @argc: as main() got it
 * @argv: as main() got it
 *
 * Returns: whether the command line asks for something done without a
 *   window (a run, a list, a check, help, the version), so that
 *   fl_cli_main() handles it rather than the window's application
 */
gboolean
fl_cli_wants_headless (int    argc,
                       char **argv)
{
  static const char * const help[] = { "--help", "--help-all", "--help-forkline", "-h", "-?" };

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--"))
        break;
      for (guint j = 0; j < G_N_ELEMENTS (help); j++)
        if (g_str_has_prefix (arg, help[j]) &&
            (arg[strlen (help[j])] == '\0' || arg[strlen (help[j])] == '=' || help[j][1] != '-'))
          return TRUE;
      for (guint j = 0; j < G_N_ELEMENTS (options); j++)
        if ((options[j].where & STARTS_HEADLESS) == STARTS_HEADLESS && is_option (arg, &options[j]))
          return TRUE;
    }
  return FALSE;
}

static GOptionContext *
make_context (Cli *cli)
{
  g_autofree GOptionEntry *entries = make_entries (HEADLESS, cli);
  GOptionContext *context = g_option_context_new (NULL);
  GOptionGroup *group = g_option_group_new ("forkline", _("Forkline"), _("Options"), cli, NULL);

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, group);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Runs a scenario on real threads or processes and records what each of them does."));
  g_option_context_set_description (context,
                                    _("Without --summary=json, each worker's output is printed as it happens, "
                                      "then a summary table.  Exit status: 0 when the run finished, "
                                      "1 when it failed or reached its time limit, 2 for bad input, "
                                      "130 or 143 when stopped by SIGINT or SIGTERM.\n\n"
                                      "Without --run, --list-scenarios or --check-scenario, Forkline opens "
                                      "its window:\n"
                                      "  --scenario ID      open it with the scenario ID selected\n"
                                      "  --autorun          with --scenario, start the run at once\n"
                                      "  --compare ID       compare scenario ID as threads and as processes\n"
                                      "  --open FILE        show a run saved with --trace or Save Run…\n"
                                      "--mode, --workers and --param apply to the window's run as well."));
  return context;
}

/* ---- checking a run's options ------------------------------------------- */

static char *
join_modes (guint mask)
{
  g_autoptr(GString) list = g_string_new (NULL);
  const char *names[FL_N_MODES];
  guint n = 0;
  guint m;

  for (m = 0; m < FL_N_MODES; m++)
    if (mask & (1u << m))
      names[n++] = fl_mode_to_string ((FlMode) m);
  if (n == 0)
    return g_strdup (_("none"));
  if (n == 1)
    return g_strdup (names[0]);
  for (m = 0; m + 1 < n; m++)
    g_string_append_printf (list, "%s%s", m > 0 ? ", " : "", names[m]);
  /* TRANSLATORS: the end of a list, as in "threads, fork and spawn" */
  return g_strdup_printf (_("%s and %s"), list->str, names[n - 1]);
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", value));
}

/* "a whole number from 1 to 1000", for messages. */
static char *
describe_param (const FlParam *param)
{
  g_autofree char *min = format_number (param->min);
  g_autofree char *max = format_number (param->max);

  switch (param->type)
    {
    case FL_PARAM_INT:
      return g_strdup_printf (_("a whole number from %s to %s"), min, max);
    case FL_PARAM_DOUBLE:
      return g_strdup_printf (_("a number from %s to %s"), min, max);
    case FL_PARAM_BOOL:
    default:
      return g_strdup (_("true or false"));
    }
}

static gboolean
check_mode (Cli          *cli,
            FlScenario   *scenario,
            FlRunOptions *options)
{
  FlMode mode;

  if (cli->mode == NULL)
    return TRUE;
  if (!fl_mode_from_string (cli->mode, &mode))
    {
      usage_error (_("unknown mode “%s”; the modes are threads, fork and spawn"), cli->mode);
      return FALSE;
    }
  if (!fl_scenario_allows_mode (scenario, mode))
    {
      g_autofree char *allowed = join_modes (fl_scenario_get_modes (scenario));
      usage_error (_("scenario “%s” does not run in mode “%s”; it allows %s"),
                   fl_scenario_get_id (scenario), cli->mode, allowed);
      return FALSE;
    }
  options->mode = mode;
  return TRUE;
}

static gboolean
check_workers (Cli          *cli,
               FlScenario   *scenario,
               FlRunOptions *options)
{
  gint64 n;
  guint min, max;

  if (cli->workers == NULL)
    return TRUE;
  if (!fl_parse_integer (cli->workers, 1, FL_MAX_WORKERS, &n))
    {
      usage_error (_("--workers takes a whole number from 1 to %u, not “%s”"),
                   FL_MAX_WORKERS, cli->workers);
      return FALSE;
    }
  min = MAX (1, fl_scenario_get_min_workers (scenario));
  max = MIN (FL_MAX_WORKERS, fl_scenario_get_max_workers (scenario));
  if (n < (gint64) min || n > (gint64) max)
    {
      if (min == max)
        usage_error (ngettext ("scenario “%s” runs with exactly %u worker, not %s",
                               "scenario “%s” runs with exactly %u workers, not %s", min),
                     fl_scenario_get_id (scenario), min, cli->workers);
      else
        usage_error (_("scenario “%s” runs with %u to %u workers, not %s"),
                     fl_scenario_get_id (scenario), min, max, cli->workers);
      return FALSE;
    }
  options->workers = (guint) n;
  return TRUE;
}

static gboolean
check_params (Cli        *cli,
              FlScenario *scenario)
{
  guint i, j;

  for (i = 0; cli->params != NULL && cli->params[i] != NULL; i++)
    {
      const char *arg = cli->params[i];
      const char *eq = strchr (arg, '=');
      g_autofree char *name = NULL;
      g_autoptr(GError) error = NULL;
      const FlParam *param;
      double value;

      if (eq == NULL || eq == arg)
        {
          usage_error (_("--param takes NAME=VALUE, not “%s”"), arg);
          return FALSE;
        }
      name = g_strndup (arg, (gsize) (eq - arg));
      param = fl_scenario_find_param (scenario, name);
      if (param == NULL)
        {
          g_autoptr(GString) known = g_string_new (NULL);
          guint n = fl_scenario_get_n_params (scenario);

          if (n == 0)
            {
              usage_error (_("unknown parameter “%s”: scenario “%s” has no parameters"),
                           name, fl_scenario_get_id (scenario));
              return FALSE;
            }
          for (j = 0; j < n; j++)
            {
              const FlParam *p = fl_scenario_get_param (scenario, j);
              g_autofree char *what = describe_param (p);

              g_string_append_printf (known, "%s%s (%s)", j > 0 ? ", " : "", p->name, what);
            }
          usage_error (_("unknown parameter “%s” for scenario “%s”; its parameters are %s"),
                       name, fl_scenario_get_id (scenario), known->str);
          return FALSE;
        }
      /* Its message names the parameter, the value, the type and the range. */
      if (!fl_param_parse_value (param, eq + 1, &value, &error))
        {
          usage_error ("%s", error->message);
          return FALSE;
        }
    }
  return TRUE;
}

FlScenario *
fl_cli_check_run_options (FlCatalog    *catalog,
                          const char   *id,
                          const char   *mode,
                          const char   *workers,
                          char        **params,
                          FlRunOptions *options)
{
  Cli cli = { 0 };
  FlScenario *scenario;

  scenario = fl_catalog_lookup (catalog, id);
  if (scenario == NULL)
    {
      usage_error (_("unknown scenario “%s”; “forkline --list-scenarios” shows the ones there are"), id);
      return NULL;
    }

  /* Borrowed, never freed: cli_clear() is not called on it. */
  cli.mode = (char *) mode;
  cli.workers = (char *) workers;
  cli.params = params;

  fl_run_options_init (options, scenario);
  if (!check_mode (&cli, scenario, options) ||
      !check_workers (&cli, scenario, options) ||
      !check_params (&cli, scenario))
    return NULL;
  options->params = (const char * const *) params;
  return scenario;
}

/* A decimal number in [@min, @max], with a dot whatever the locale. */
static gboolean
parse_number_in_range (const char *text,
                       double      min,
                       double      max,
                       double     *value)
{
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v) || v < min || v > max)
    return FALSE;
  *value = v;
  return TRUE;
}

static gboolean
check_gil (Cli          *cli,
           FlRunOptions *options)
{
  if (cli->gil && cli->no_gil)
    {
      usage_error ("%s", _("--gil and --no-gil cannot be used together"));
      return FALSE;
    }
  if (cli->gil)
    options->gil = 1;
  else if (cli->no_gil)
    options->gil = 0;

  if (cli->switch_interval != NULL &&
      !parse_number_in_range (cli->switch_interval, 0.1, 1000, &options->switch_interval_ms))
    {
      usage_error (_("--switch-interval takes a number of milliseconds from 0.1 to 1000, not “%s”"),
                   cli->switch_interval);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_sample_rate (Cli          *cli,
                   FlRunOptions *options)
{
  if (cli->sample_rate != NULL &&
      !parse_number_in_range (cli->sample_rate, 1, 1000, &options->sample_rate_hz))
    {
      usage_error (_("--sample-rate takes a number of samples per second from 1 to 1000, not “%s”"),
                   cli->sample_rate);
      return FALSE;
    }
  if (cli->time_limit != NULL &&
      !parse_number_in_range (cli->time_limit, 1, FL_RUN_MAX_SECONDS_LIMIT, &options->max_seconds))
    {
      usage_error (_("--time-limit takes a number of seconds from 1 to 86400, not “%s”"),
                   cli->time_limit);
      return FALSE;
    }
  return TRUE;
}

/* --export and its options, checked before the run so that a bad path or
 * size does not cost a run.  Fills cli->export_options. */
static gboolean
check_export (Cli *cli)
{
  g_autoptr(GError) error = NULL;
  FlExportOptions *options = &cli->export_options;

  fl_export_options_init (options);
  if (cli->export_path == NULL)
    {
      const char *needs = cli->export_view ? "--view" : cli->export_size ? "--size" :
                          cli->export_theme ? "--theme" : cli->slide_source ? "--slide-source" : NULL;

      if (needs != NULL)
        {
          usage_error (_("%s needs --export FILE"), needs);
          return FALSE;
        }
      return TRUE;
    }
  if (cli->export_view != NULL && !fl_export_view_from_string (cli->export_view, &options->view))
    {
      usage_error (_("unknown view “%s”; the views are timeline, cpu, memory, slide and compare"),
                   cli->export_view);
      return FALSE;
    }
  if (cli->export_size != NULL &&
      !fl_export_parse_size (cli->export_size, &options->width, &options->height, &error))
    {
      usage_error ("%s", error->message);
      return FALSE;
    }
  if (cli->export_theme != NULL &&
      (options->theme = fl_theme_new_by_name (cli->export_theme)) == NULL)
    {
      usage_error (_("unknown theme “%s”; the themes are light and dark"), cli->export_theme);
      return FALSE;
    }
  if (cli->slide_source && options->view != FL_EXPORT_VIEW_SLIDE)
    {
      usage_error (_("--slide-source puts the source on a slide; it cannot go with --view %s"),
                   fl_export_view_to_string (options->view));
      return FALSE;
    }
  if (!fl_export_check (options, cli->export_path, NULL, &error))
    {
      usage_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- running ------------------------------------------------------------- */

static void
print_output_line (Cli        *cli,
                   gint64      t,
                   const char *name,
                   const char *text,
                   gboolean    truncated)
{
  guint pad = cli->name_width - MIN (cli->name_width, (guint) g_utf8_strlen (name, -1));

  /* TRANSLATORS: an output line: time, worker name, padding, the worker's text */
  g_print (_("%7.3f s  %s%*s │ %s%s\n"), t / 1e9, name, (int) pad, "", text, truncated ? " …" : "");
}

static void
on_output (FlRun    *run,
           guint     index,
           gpointer  user_data)
{
  Cli *cli = user_data;
  FlStore *store = fl_run_get_store (run);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  const FlOutputLine *line;
  const FlLaneInfo *info;
  gboolean truncated;
  gint64 t;

  if (cli->summary == SUMMARY_JSON)
    return;
  /* Stopping: what was printed so far is enough, and the summary waits. */
  if (cli->signal != 0)
    {
      cli->not_printed++;
      return;
    }

  fl_store_lock (store);
  line = fl_store_get_output (store, index);
  info = fl_store_get_lane_info (store, line->lane);
  t = line->t;
  text = g_strdup (line->text);
  truncated = line->truncated;
  if (fl_run_get_program (run) != NULL && info != NULL)
    /* An observed program: the thread's name, its process and thread ids. */
    name = g_strdup_printf ("%s [%d/%d]", info->name ? info->name : "?", info->pid, info->tid);
  else
    name = g_strdup (info != NULL && info->name != NULL ? info->name : "?");
  fl_store_unlock (store);

  print_output_line (cli, t, name, text, truncated);
}

static void
on_finished (FlRun    *run,
             gpointer  user_data)
{
  Cli *cli = user_data;

  g_main_loop_quit (cli->loop);
}

static gboolean
on_signal (Cli *cli,
           int  signum)
{
  /* A second signal finds the run already stopping; stopping is idempotent. */
  if (cli->signal == 0 && cli->summary != SUMMARY_JSON)
    g_printerr ("forkline: %s\n", _("stopping the run…"));
  cli->signal = signum;
  fl_run_stop (cli->run);
  return G_SOURCE_CONTINUE;
}

/* SIGINT and SIGTERM come through a pipe, not g_unix_signal_add(): that
 * starts GLib's worker thread, which aborts the program when the limit on
 * processes and threads is reached (ulimit -u). */
static int signal_pipe[2] = { -1, -1 };

static void
signal_handler (int signum)
{
  int saved = errno;
  unsigned char byte = (unsigned char) signum;

  if (write (signal_pipe[1], &byte, 1) < 0)
    {
      /* the pipe is full: a stop is on its way anyway */
    }
  errno = saved;
}

static gboolean
on_signal_pipe (int          fd,
                GIOCondition condition,
                gpointer     user_data)
{
  unsigned char bytes[16];
  ssize_t n = read (fd, bytes, sizeof bytes);

  for (ssize_t i = 0; i < n; i++)
    on_signal (user_data, bytes[i]);
  return G_SOURCE_CONTINUE;
}

static void
watch_signals (Cli *cli)
{
  struct sigaction sa;

  if (signal_pipe[0] < 0 && pipe2 (signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
    {
      signal_pipe[0] = signal_pipe[1] = -1;
      return;   /* out of descriptors: Ctrl+C then ends forkline as usual */
    }
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = signal_handler;
  sa.sa_flags = SA_RESTART;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGTERM, &sa, NULL);
  cli->signal_source = g_unix_fd_add (signal_pipe[0], G_IO_IN, on_signal_pipe, cli);
}

/* Stopping is over: a signal now ends forkline as it normally would. */
static void
unwatch_signals (Cli *cli)
{
  struct sigaction sa;

  memset (&sa, 0, sizeof sa);
  sa.sa_handler = SIG_DFL;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGTERM, &sa, NULL);
  if (cli->signal_source != 0)
    g_source_remove (cli->signal_source);
  cli->signal_source = 0;
  if (signal_pipe[0] >= 0)
    {
      close (signal_pipe[0]);
      close (signal_pipe[1]);
      signal_pipe[0] = signal_pipe[1] = -1;
    }
}

/* A run that did not finish by itself: why, on stderr, and the exit
 * status it earns (0 if it did finish). */
static int
run_status (Cli   *cli,
            FlRun *run)
{
  if (cli->not_printed > 0)
    usage_error (ngettext ("%u output line was not printed: the run was being stopped",
                           "%u output lines were not printed: the run was being stopped",
                           cli->not_printed), cli->not_printed);
  cli->not_printed = 0;
  if (fl_run_hit_time_limit (run))
    {
      char seconds[G_ASCII_DTOSTR_BUF_SIZE];

      usage_error (_("the run reached its time limit of %s s and was stopped"),
                   g_ascii_formatd (seconds, sizeof seconds, "%g", fl_run_get_max_seconds (run)));
      return FL_CLI_EXIT_FAILURE;
    }
  return 0;
}

static guint
lane_name_width (FlStore *store)
{
  guint width = 0;
  guint i;

  fl_store_lock (store);
  for (i = 0; i < fl_store_get_n_lanes (store); i++)
    {
      const FlLaneInfo *info = fl_store_get_lane_info (store, i);

      if (info->name != NULL)
        width = MAX (width, (guint) g_utf8_strlen (info->name, -1));
    }
  fl_store_unlock (store);
  return width;
}

/* Starts cli->run, prints its output as it comes (worker names padded
 * to @name_width, or to its widest lane's name when 0) and waits for its
 * end or a signal.  FALSE (said) when it could not start. */
static gboolean
run_to_end (Cli   *cli,
            guint  name_width)
{
  g_autoptr(GError) error = NULL;
  gboolean started;

  if (cli->loop == NULL)
    cli->loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (cli->run, "output", G_CALLBACK (on_output), cli);
  g_signal_connect (cli->run, "finished", G_CALLBACK (on_finished), cli);
  watch_signals (cli);
  started = fl_run_start (cli->run, &error);
  if (started)
    {
      cli->name_width = name_width > 0 ? name_width : lane_name_width (fl_run_get_store (cli->run));
      if (!fl_run_is_finished (cli->run))
        g_main_loop_run (cli->loop);
    }
  unwatch_signals (cli);
  if (!started)
    usage_error ("%s", error->message);
  return started;
}

static int
print_summary (Cli *cli)
{
  if (cli->summary == SUMMARY_JSON)
    {
      /* Written as it is built: a run's output can be long. */
      fflush (stdout);
      fl_summary_write_json (cli->run, stdout);
    }
  else
    {
      g_autofree char *text = fl_summary_format_text (cli->run);
      g_print ("\n%s", text);
    }
  return 0;
}

/* --slide-source: the program's text on the slide; FALSE (said) when
 * the run is no program's or the lines are not in it. */
static gboolean
attach_source (Cli       *cli,
               FlProgram *program)
{
  g_autoptr(GError) error = NULL;
  FlExportOptions *options = &cli->export_options;

  if (!cli->slide_source || options->source != NULL)
    return TRUE;
  if (program == NULL || fl_program_get_text (program) == NULL)
    {
      usage_error ("%s", _("--slide-source needs a run of a Python program"));
      return FALSE;
    }
  g_clear_pointer ((char **) &options->source_title, g_free);
  options->source = fl_program_get_text (program);
  options->source_title = g_path_get_basename (fl_program_get_path (program));
  options->source_first_line = 1;
  options->source_from = cli->source_from;
  options->source_last = cli->source_last;
  if (!fl_export_check (options, cli->export_path, NULL, &error))
    {
      usage_error ("--slide-source: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* After a run: the trace and the picture asked for, then the summary;
 * @status, or FL_CLI_EXIT_FAILURE if a file could not be written. */
static int
write_outputs (Cli *cli,
               int  status)
{
  g_autoptr(GError) error = NULL;

  if (cli->trace != NULL && !fl_chrome_trace_write (cli->run, cli->trace, &error))
    {
      usage_error ("%s", error->message);
      g_clear_error (&error);
      status = FL_CLI_EXIT_FAILURE;
    }
  if (cli->export_path != NULL && !attach_source (cli, fl_run_get_program (cli->run)))
    status = FL_CLI_EXIT_USAGE;
  else if (cli->export_path != NULL &&
           !fl_export_run (cli->run, &cli->export_options, cli->export_path, &error))
    {
      usage_error ("%s", error->message);
      g_clear_error (&error);
      status = FL_CLI_EXIT_FAILURE;
    }
  print_summary (cli);
  return status;
}

/* One exit status per outcome, whatever the mode: 1 when a step failed
 * at run time (the runner says so in the output, naming the scenario's
 * line: a worker process exiting so does not end the run in fork and
 * spawn modes, while a thread's takes its process down), or when the main
 * process ended in a way no step of the scenario asked for; 0 when the
 * run went as the scenario said, its own crash and exit steps included. */
static int
run_outcome (FlRun *run)
{
  FlStore *store = fl_run_get_store (run);
  int main_status = fl_run_get_main_status (run);
  g_autofree char *prefix = g_strdup_printf ("forkline-runner: %s:",
                                             fl_scenario_get_origin (fl_run_get_scenario (run)));
  gboolean failed = FALSE;
  guint i;

  if (fl_run_was_stopped (run))
    return 0;

  fl_store_lock (store);
  for (i = 0; i < fl_store_get_n_output (store) && !failed; i++)
    failed = g_str_has_prefix (fl_store_get_output (store, i)->text, prefix);
  if (!failed && !(WIFEXITED (main_status) && WEXITSTATUS (main_status) == 0))
    {
      gboolean asked = FALSE;

      if (WIFEXITED (main_status))
        {
          /* An exit step of the main program. */
          const FlLaneInfo *main_lane = fl_store_get_lane_info (store, 0);

          asked = main_lane != NULL && main_lane->exit_t >= 0 &&
                  main_lane->exit_code == WEXITSTATUS (main_status);
        }
      else if (WIFSIGNALED (main_status))
        {
          /* A crash step, recorded by the lane that crashed (as threads,
           * one crashing thread takes its process down). */
          for (i = 0; i < fl_store_get_n_lanes (store) && !asked; i++)
            {
              gsize n = 0;
              const FlEvent *events = fl_store_get_events (store, i, &n);

              for (gsize e = 0; e < n && !asked; e++)
                asked = events[e].kind == FL_EV_CRASH && events[e].arg8 == WTERMSIG (main_status);
            }
        }
      failed = !asked;
    }
  fl_store_unlock (store);
  return failed ? FL_CLI_EXIT_FAILURE : 0;
}

/* --view compare: the scenario as threads and as processes (and as
 * threads without the GIL when it has one), one run after another as the
 * window's comparison does, then one picture of them all. */
static int
run_comparison (Cli          *cli,
                FlScenario   *scenario,
                FlRunOptions *options)
{
  g_autoptr(GError) error = NULL;
  FlRun *runs[3] = { NULL };
  FlMode modes[3];
  int gils[3];
  guint n = 0, done = 0, i;
  gboolean threads = fl_scenario_allows_mode (scenario, FL_MODE_THREADS);
  gboolean gil = options->gil >= 0 ? options->gil != 0 : fl_scenario_get_default_gil (scenario);
  FlMode process_mode = fl_scenario_allows_mode (scenario, FL_MODE_FORK) ? FL_MODE_FORK : FL_MODE_SPAWN;
  int status = 0;

  if (cli->mode != NULL || cli->trace != NULL)
    {
      usage_error (_("--view compare runs the scenario in several modes itself; leave out %s"),
                   cli->mode != NULL ? "--mode" : "--trace");
      return FL_CLI_EXIT_USAGE;
    }
  if (threads)
    {
      modes[n] = FL_MODE_THREADS;
      gils[n++] = gil;
    }
  if (fl_scenario_allows_mode (scenario, process_mode))
    {
      modes[n] = process_mode;
      gils[n++] = gil;
    }
  if (threads && gil)
    {
      modes[n] = FL_MODE_THREADS;
      gils[n++] = 0;
    }
  if (n < 2)
    {
      usage_error (_("scenario “%s” runs in one mode only: there is nothing to compare"),
                   fl_scenario_get_id (scenario));
      return FL_CLI_EXIT_USAGE;
    }

  for (i = 0; i < n && cli->signal == 0; i++)
    {
      FlRunOptions run_options = *options;
      gboolean started;

      run_options.mode = modes[i];
      run_options.gil = gils[i];
      cli->run = fl_run_new (scenario, &run_options, &error);
      if (cli->run == NULL)
        {
          usage_error ("%s", error->message);
          status = g_error_matches (error, FL_RUN_ERROR, FL_RUN_ERROR_INVALID)
                   ? FL_CLI_EXIT_USAGE : FL_CLI_EXIT_FAILURE;
          break;
        }
      started = run_to_end (cli, 0);
      if (!started || run_status (cli, cli->run) != 0)
        status = FL_CLI_EXIT_FAILURE;
      runs[done++] = g_steal_pointer (&cli->run);
      if (!started)
        break;
    }

  if (status == 0 && cli->signal == 0 && done == n &&
      !fl_export_runs (runs, NULL, n, &cli->export_options, cli->export_path, &error))
    {
      usage_error ("%s", error->message);
      status = FL_CLI_EXIT_FAILURE;
    }

  for (i = 0; i < done; i++)
    {
      g_autofree char *title = fl_export_describe_run (runs[i], runs, done);

      if (status == 0 && run_outcome (runs[i]) != 0)
        status = FL_CLI_EXIT_FAILURE;
      if (cli->summary != SUMMARY_JSON)
        g_print ("\n%s\n", title);
      cli->run = runs[i];
      print_summary (cli);
      cli->run = NULL;
      g_object_unref (runs[i]);
    }
  if (cli->signal != 0)
    return 128 + cli->signal;
  return status;
}

static int
run_scenario (Cli       *cli,
              FlCatalog *catalog)
{
  g_autoptr(GError) error = NULL;
  FlScenario *scenario;
  FlRunOptions options;
  int status = 0;

  scenario = fl_catalog_lookup (catalog, cli->run_id);
  if (scenario == NULL)
    {
      usage_error (_("unknown scenario “%s”; “forkline --list-scenarios” shows the ones there are"),
                   cli->run_id);
      return FL_CLI_EXIT_USAGE;
    }

  fl_run_options_init (&options, scenario);
  if (!check_mode (cli, scenario, &options) ||
      !check_workers (cli, scenario, &options) ||
      !check_params (cli, scenario) ||
      !check_gil (cli, &options) ||
      !check_sample_rate (cli, &options))
    return FL_CLI_EXIT_USAGE;
  options.params = (const char * const *) cli->params;

  if (cli->trace != NULL && !fl_check_writable_path (cli->trace, &error))
    {
      usage_error ("%s", error->message);
      return FL_CLI_EXIT_USAGE;
    }
  if (!check_export (cli))
    return FL_CLI_EXIT_USAGE;
  if (cli->slide_source)
    {
      usage_error ("%s", _("--slide-source needs a run of a Python program (--python FILE)"));
      return FL_CLI_EXIT_USAGE;
    }
  /* Else the picture would silently replace the trace. */
  if (cli->trace != NULL && cli->export_path != NULL &&
      !fl_file_check_distinct (cli->trace, cli->export_path, &error))
    {
      /* TRANSLATORS: the message says the two paths are one file */
      usage_error (_("--trace and --export name the same file: %s"), error->message);
      return FL_CLI_EXIT_USAGE;
    }
  if (cli->export_path != NULL && cli->export_options.view == FL_EXPORT_VIEW_COMPARE)
    return run_comparison (cli, scenario, &options);

  cli->run = fl_run_new (scenario, &options, &error);
  if (cli->run == NULL)
    {
      usage_error ("%s", error->message);
      return g_error_matches (error, FL_RUN_ERROR, FL_RUN_ERROR_INVALID)
             ? FL_CLI_EXIT_USAGE : FL_CLI_EXIT_FAILURE;
    }

  if (!run_to_end (cli, 0))
    return FL_CLI_EXIT_FAILURE;
  status = run_status (cli, cli->run);

  status = write_outputs (cli, status);

  if (cli->signal != 0)
    return 128 + cli->signal;
  if (run_outcome (cli->run) != 0)
    status = FL_CLI_EXIT_FAILURE;
  return status;
}

static void
print_notes (Cli *cli)
{
  g_autoptr(GPtrArray) notes = fl_run_dup_notes (cli->run);
  guint i;

  if (cli->summary == SUMMARY_JSON)
    return;           /* the JSON summary holds them */
  for (i = 0; i < notes->len; i++)
    g_printerr ("forkline: %s\n", (const char *) g_ptr_array_index (notes, i));
}

/* Runs @run (transfer full), a program's or a preset's, to its end,
 * printing its output as it comes: the run, or NULL (said, @status set)
 * when it is NULL, @error saying why it could not be made. */
static FlRun *
run_one (Cli          *cli,
         FlRun        *run,
         const GError *error,
         int          *status)
{
  if (run == NULL)
    {
      usage_error ("%s", error->message);
      *status = FL_CLI_EXIT_USAGE;
      return NULL;
    }
  cli->run = run;
  if (!run_to_end (cli, PROGRAM_NAME_WIDTH))
    *status = FL_CLI_EXIT_FAILURE;
  return g_steal_pointer (&cli->run);
}

/* --python FILE --view compare: the program as threads and as processes;
 * --compare-emulation: on real CPython beside its preset on the
 * emulation.  One run after the other, then the figures side by side
 * (from each run's summary) and, with --export, one picture. */
static int
run_python_comparison (Cli          *cli,
                       FlProgram    *program,
                       FlRunOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlCatalog) presets = NULL;
  FlScenario *preset = NULL;
  FlRun *runs[2] = { NULL };
  char *titles[3] = { NULL };
  guint n = 0, i;
  int status = 0;
  const char * const *args = (const char * const *) cli->python_args;

  if (cli->compare_emulation)
    {
      g_auto(GStrv) program_args = NULL;
      g_autoptr(FlProgram) real = NULL;
      const char *preset_id = fl_program_get_preset_id (program);
      FlRunOptions emulation;

      if (preset_id == NULL)
        {
          usage_error (_("“%s” has no matching preset to compare with: only Forkline's examples with a "
                         "“# forkline-preset:” line in their header have one"), cli->python);
          return FL_CLI_EXIT_USAGE;
        }
      presets = fl_catalog_new ();
      fl_catalog_load_presets (presets);
      preset = fl_catalog_lookup (presets, preset_id);
      if (preset == NULL)
        {
          usage_error (_("the preset “%s” named by “%s” is not there"), preset_id, cli->python);
          return FL_CLI_EXIT_USAGE;
        }
      if (!fl_program_plan_emulation (program, args, preset, &program_args, &emulation, &error))
        {
          usage_error ("%s", error->message);
          return FL_CLI_EXIT_USAGE;
        }
      emulation.sample_rate_hz = options->sample_rate_hz;
      emulation.max_seconds = options->max_seconds;
      real = fl_program_copy_with_args (program, (const char * const *) program_args);
      titles[0] = fl_export_describe_python (program);
      titles[1] = g_strdup (fl_export_emulation_title ());
      runs[n] = fl_run_new_for_program (real, options, &error);
      if ((runs[n] = run_one (cli, runs[n], error, &status)) != NULL)
        n++;
      if (status == 0 && cli->signal == 0)
        {
          runs[n] = fl_run_new (preset, &emulation, &error);
          if ((runs[n] = run_one (cli, runs[n], error, &status)) != NULL)
            n++;
        }
    }
  else
    {
      static const char *modes[] = { "threads", "processes" };

      if (!fl_program_check_compare_modes (program, &error))
        {
          usage_error ("%s", error->message);
          return FL_CLI_EXIT_USAGE;
        }
      for (i = 0; i < G_N_ELEMENTS (modes) && status == 0 && cli->signal == 0; i++)
        {
          g_auto(GStrv) with_mode = fl_program_args_with_mode (args, modes[i]);
          g_autoptr(FlProgram) copy = fl_program_copy_with_args (program, (const char * const *) with_mode);

          titles[i] = g_strdup_printf (i == 0 ? _("Threads (--mode %s)") : _("Processes (--mode %s)"), modes[i]);
          runs[n] = fl_run_new_for_program (copy, options, &error);
          if ((runs[n] = run_one (cli, runs[n], error, &status)) != NULL)
            n++;
        }
    }

  if (status == 0 && cli->signal == 0 && n == 2 && cli->export_path != NULL &&
      !fl_export_runs (runs, (const char * const *) titles, n, &cli->export_options, cli->export_path, &error))
    {
      usage_error ("%s", error->message);
      status = FL_CLI_EXIT_FAILURE;
    }

  if (cli->summary == SUMMARY_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "comparison");
      json_builder_begin_array (builder);
      for (i = 0; i < n; i++)
        {
          g_autofree char *why = NULL;
          JsonNode *summary = fl_summary_build (runs[i]);
          JsonObject *object = json_node_get_object (summary);
          double gil = fl_summary_gil_wait_percent (runs[i], &why);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, titles[i]);
          json_builder_set_member_name (builder, "wall_ms");
          json_builder_add_int_value (builder, json_object_get_int_member (object, "wall_ms"));
          json_builder_set_member_name (builder, "speedup");
          if (json_object_has_member (object, "speedup"))
            json_builder_add_double_value (builder, json_object_get_double_member (object, "speedup"));
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "gil_wait_percent");
          if (gil >= 0)
            json_builder_add_double_value (builder, round (gil * 10) / 10);
          else
            json_builder_add_null_value (builder);
          if (why != NULL)
            {
              json_builder_set_member_name (builder, "gil_wait_unknown");
              json_builder_add_string_value (builder, why);
            }
          json_builder_set_member_name (builder, "summary");
          json_builder_add_value (builder, summary);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  else
    {
      for (i = 0; i < n; i++)
        {
          g_print ("\n%s\n", titles[i]);
          cli->run = runs[i];
          print_summary (cli);
          cli->run = NULL;
        }
      g_print ("\n%s\n", _("Comparison (one run after the other):"));
      for (i = 0; i < n; i++)
        {
          g_autoptr(JsonNode) summary = fl_summary_build (runs[i]);
          JsonObject *object = json_node_get_object (summary);
          g_autofree char *why = NULL;
          g_autofree char *gil = fl_export_format_gil_wait (runs[i], &why);
          g_autofree char *wall = fl_timeline_format_duration (json_object_get_int_member (object, "wall_ms") * G_GINT64_CONSTANT (1000000));
          g_autofree char *speedup = json_object_has_member (object, "speedup")
                                     ? g_strdup_printf (_("%.2f×"), json_object_get_double_member (object, "speedup"))
                                     : g_strdup (_("unknown"));

          /* TRANSLATORS: one row of a comparison: run, wall time, speed-up, GIL-wait share */
          g_print (_("  %-32s wall time %s · speed-up %s · workers waiting for the GIL %s%s%s\n"),
                   titles[i], wall, speedup, gil, why ? ": " : "", why ? why : "");
        }
    }

  for (i = 0; i < n; i++)
    {
      if (status == 0 && !fl_run_was_stopped (runs[i]) && runs[i] != NULL)
        {
          int main_status = fl_run_get_main_status (runs[i]);

          if (!WIFEXITED (main_status) || WEXITSTATUS (main_status) != 0)
            status = FL_CLI_EXIT_FAILURE;
        }
      g_object_unref (runs[i]);
    }
  for (i = 0; i < G_N_ELEMENTS (titles); i++)
    g_free (titles[i]);
  if (cli->signal != 0)
    return 128 + cli->signal;
  return status;
}

/* --python FILE: a real Python program, observed. */
static int
run_python (Cli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlProgram) program = NULL;
  const char *not_here = cli->run_id ? "--run" : cli->list ? "--list-scenarios" :
                         cli->check ? "--check-scenario" : cli->open ? "--open" :
                         cli->mode ? "--mode" : cli->workers ? "--workers" :
                         cli->params ? "--param" : cli->gil ? "--gil" : cli->no_gil ? "--no-gil" :
                         cli->switch_interval ? "--switch-interval" : NULL;
  FlRunOptions options;
  gboolean compare;
  int status = 0;

  if (not_here != NULL)
    {
      usage_error (_("%s cannot be used with --python"), not_here);
      return FL_CLI_EXIT_USAGE;
    }
  fl_run_options_init (&options, NULL);
  if (!check_sample_rate (cli, &options))
    return FL_CLI_EXIT_USAGE;
  /* A comparison of a program: --view compare (threads and processes) or
   * --compare-emulation, with or without a picture. */
  if (cli->compare_emulation && cli->export_view != NULL && !g_str_equal (cli->export_view, "compare"))
    {
      usage_error (_("--compare-emulation draws a comparison; --view “%s” cannot go with it"), cli->export_view);
      return FL_CLI_EXIT_USAGE;
    }
  compare = cli->compare_emulation || g_strcmp0 (cli->export_view, "compare") == 0;
  if (compare && cli->trace != NULL)
    {
      usage_error ("%s", _("a comparison is several runs: --trace cannot be used with it"));
      return FL_CLI_EXIT_USAGE;
    }
  if (compare && cli->export_path == NULL)
    g_clear_pointer (&cli->export_view, g_free);
  if (!check_export (cli))
    return FL_CLI_EXIT_USAGE;
  if (compare)
    cli->export_options.view = FL_EXPORT_VIEW_COMPARE;
  if (cli->trace != NULL && !fl_check_writable_path (cli->trace, &error))
    {
      usage_error ("%s", error->message);
      return FL_CLI_EXIT_USAGE;
    }
  /* Else the picture would silently replace the trace. */
  if (cli->trace != NULL && cli->export_path != NULL &&
      !fl_file_check_distinct (cli->trace, cli->export_path, &error))
    {
      /* TRANSLATORS: the message says the two paths are one file */
      usage_error (_("--trace and --export name the same file: %s"), error->message);
      return FL_CLI_EXIT_USAGE;
    }

  program = fl_program_new (cli->python, (const char * const *) cli->python_args, cli->interpreter, &error);
  if (program == NULL)
    {
      usage_error ("%s", error->message);
      return FL_CLI_EXIT_USAGE;
    }
  if (compare)
    {
      if (cli->slide_source)
        {
          usage_error ("%s", _("--slide-source puts the source on a slide, not on a comparison"));
          return FL_CLI_EXIT_USAGE;
        }
      return run_python_comparison (cli, program, &options);
    }
  /* A bad range of lines costs no run. */
  if (cli->export_path != NULL && !attach_source (cli, program))
    return FL_CLI_EXIT_USAGE;
  cli->run = fl_run_new_for_program (program, &options, &error);
  if (cli->run == NULL)
    {
      usage_error ("%s", error->message);
      return FL_CLI_EXIT_USAGE;
    }

  if (!run_to_end (cli, PROGRAM_NAME_WIDTH))
    return FL_CLI_EXIT_FAILURE;
  status = run_status (cli, cli->run);

  status = write_outputs (cli, status);
  print_notes (cli);

  if (cli->signal != 0)
    return 128 + cli->signal;
  if (status == 0 && !fl_run_was_stopped (cli->run))
    {
      int main_status = fl_run_get_main_status (cli->run);

      if (!WIFEXITED (main_status) || WEXITSTATUS (main_status) != 0)
        status = FL_CLI_EXIT_FAILURE;
    }
  return status;
}

/* --open FILE: a saved run, as --run would have shown it when it ended:
 * its output lines, its summary, and with --export its picture. */
static int
open_run (Cli *cli)
{
  const char *conflict = cli->run_id ? "--run" : cli->list ? "--list-scenarios" :
                         cli->mode ? "--mode" : cli->workers ? "--workers" :
                         cli->params ? "--param" : cli->gil ? "--gil" : cli->no_gil ? "--no-gil" :
                         cli->switch_interval ? "--switch-interval" :
                         cli->sample_rate ? "--sample-rate" : cli->time_limit ? "--time-limit" :
                         cli->trace ? "--trace" : NULL;
  g_autoptr(GError) error = NULL;
  FlStore *store;
  int status = 0;
  guint i;

  if (conflict != NULL)
    {
      /* TRANSLATORS: %s is an option such as --mode */
      usage_error (_("--open shows a saved run as it was; it cannot be used with %s"), conflict);
      return FL_CLI_EXIT_USAGE;
    }
  if (!check_export (cli))
    return FL_CLI_EXIT_USAGE;
  if (cli->export_path != NULL && cli->export_options.view == FL_EXPORT_VIEW_COMPARE)
    {
      usage_error ("%s", _("--view compare needs runs in several modes; a saved run is one run"));
      return FL_CLI_EXIT_USAGE;
    }

  cli->run = fl_run_load (cli->open, &error);
  if (cli->run == NULL)
    {
      usage_error ("%s", error->message);
      return FL_CLI_EXIT_USAGE;
    }
  /* A bad range of lines, or a run of no program: said before anything. */
  if (cli->export_path != NULL && !attach_source (cli, fl_run_get_program (cli->run)))
    return FL_CLI_EXIT_USAGE;

  store = fl_run_get_store (cli->run);
  cli->name_width = lane_name_width (store);
  if (cli->summary != SUMMARY_JSON)
    for (i = 0; i < fl_store_get_n_output (store); i++)
      {
        const FlOutputLine *line = fl_store_get_output_sorted (store, i);
        const FlLaneInfo *info = fl_store_get_lane_info (store, line->lane);
        g_autofree char *tagged = fl_run_get_program (cli->run) != NULL
                                  ? g_strdup_printf ("%s [%d/%d]", info->name, info->pid, info->tid) : NULL;

        print_output_line (cli, line->t, tagged ? tagged : info->name, line->text, line->truncated);
      }

  if (cli->export_path != NULL && !attach_source (cli, fl_run_get_program (cli->run)))
    status = FL_CLI_EXIT_USAGE;
  else if (cli->export_path != NULL &&
           !fl_export_run (cli->run, &cli->export_options, cli->export_path, &error))
    {
      usage_error ("%s", error->message);
      status = FL_CLI_EXIT_FAILURE;
    }

  print_summary (cli);
  return status;
}

/* Every error of the file, one per line with its line number; exit 2 if any. */
static int
check_scenario (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(FlScenario) scenario = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!fl_file_read (path, FL_SCENARIO_MAX_BYTES, &data, &length, &error))
    {
      usage_error ("%s", error->message);
      return FL_CLI_EXIT_USAGE;
    }

  scenario = fl_scenario_check (data, length, path, errors);
  /* A preset's id in another file: the catalogue would skip that file. */
  if (scenario != NULL && errors->len == 0)
    {
      g_autoptr(FlCatalog) presets = fl_catalog_new ();
      FlScenario *preset;

      fl_catalog_load_presets (presets);
      preset = fl_catalog_lookup (presets, fl_scenario_get_id (scenario));
      if (preset != NULL && g_strcmp0 (fl_scenario_get_data (preset), data) != 0)
        g_ptr_array_add (errors,
                         g_error_new (FL_SCENARIO_ERROR, FL_SCENARIO_ERROR_INVALID,
                                      _("%s: the id “%s” is a preset’s (%s): Forkline would skip this file; "
                                        "give it an id of its own"),
                                      path, fl_scenario_get_id (scenario), fl_scenario_get_title (preset)));
    }
  if (scenario == NULL || errors->len > 0)
    {
      for (guint i = 0; i < errors->len; i++)
        usage_error ("%s", ((GError *) g_ptr_array_index (errors, i))->message);
      if (errors->len == 0)
        usage_error (_("%s: not a valid scenario"), path);
      return FL_CLI_EXIT_USAGE;
    }

  /* TRANSLATORS: --check-scenario's answer for a good file: path, id, title */
  g_print (_("%s: scenario “%s” (%s) is valid\n"), path,
           fl_scenario_get_id (scenario), fl_scenario_get_title (scenario));
  return 0;
}

static int
list_scenarios (FlCatalog *catalog)
{
  GPtrArray *scenarios = fl_catalog_get_scenarios (catalog);
  GPtrArray *errors = fl_catalog_get_errors (catalog);
  guint width = 0;
  guint i;

  /* Malformed files first, on stderr: the list itself stays parseable. */
  for (i = 0; i < errors->len; i++)
    {
      const GError *error = g_ptr_array_index (errors, i);
      usage_error ("%s", error->message);
    }

  for (i = 0; i < scenarios->len; i++)
    width = MAX (width, (guint) g_utf8_strlen (fl_scenario_get_id (g_ptr_array_index (scenarios, i)), -1));

  for (i = 0; i < scenarios->len; i++)
    {
      FlScenario *scenario = g_ptr_array_index (scenarios, i);
      const char *id = fl_scenario_get_id (scenario);
      guint pad = width - (guint) g_utf8_strlen (id, -1);

      g_print ("%s%*s  %s\n", id, (int) pad, "", fl_scenario_get_title (scenario));
    }

  /* Forkline's Python examples: run with --python ID. */
  {
    g_autoptr(GPtrArray) examples = fl_program_list_examples ();

    for (i = 0; i < examples->len; i++)
      width = MAX (width, (guint) g_utf8_strlen (((FlProgramExample *) g_ptr_array_index (examples, i))->id, -1));
    for (i = 0; i < examples->len; i++)
      {
        FlProgramExample *ex = g_ptr_array_index (examples, i);
        guint pad = width - (guint) g_utf8_strlen (ex->id, -1);

        /* TRANSLATORS: a Python example in --list-scenarios: id, padding, title */
        g_print (_("%s%*s  %s (Python: --python %s)\n"), ex->id, (int) pad, "", ex->title, ex->id);
      }
  }
  return 0;
}

/**
 * fl_cli_main:
 * @argc: as main() got it
 * @argv: as main() got it
 *
 * Returns: the exit status
 */
int
fl_cli_main (int    argc,
             char **argv)
{
  g_auto(GStrv) args = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlCatalog) catalog = NULL;
  g_auto(Cli) cli = { 0 };
  int status;

  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = make_context (&cli);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      usage_error ("%s", error->message);
      g_printerr ("%s\n", _("Try “forkline --help” for the options."));
      return FL_CLI_EXIT_USAGE;
    }

  if (args[0] != NULL && args[1] != NULL)
    {
      usage_error (_("unexpected argument “%s”"), args[1]);
      return FL_CLI_EXIT_USAGE;
    }

  if (cli.version)
    {
      g_print ("forkline %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (cli.python != NULL)
    return run_python (&cli);
  if (cli.python_args != NULL || cli.interpreter != NULL || cli.compare_emulation)
    {
      usage_error ("%s", _("--python-arg, --interpreter and --compare-emulation need --python FILE"));
      return FL_CLI_EXIT_USAGE;
    }

  if (cli.open != NULL && cli.check == NULL)
    return open_run (&cli);

  if (cli.check != NULL)
    {
      if (cli.list || cli.run_id != NULL || cli.open != NULL)
        {
          usage_error ("%s", _("--check-scenario cannot be used with --run, --open or --list-scenarios"));
          status = FL_CLI_EXIT_USAGE;
        }
      else
        status = check_scenario (cli.check);
      return status;
    }

  if (cli.list && cli.run_id != NULL)
    {
      usage_error ("%s", _("--list-scenarios and --run cannot be used together"));
      return FL_CLI_EXIT_USAGE;
    }

  if (cli.run_id == NULL)
    {
      const char *needs_run = cli.mode ? "--mode" : cli.workers ? "--workers" :
                              cli.params ? "--param" : cli.gil ? "--gil" : cli.no_gil ? "--no-gil" :
                              cli.switch_interval ? "--switch-interval" :
                              cli.sample_rate ? "--sample-rate" : cli.time_limit ? "--time-limit" :
                              cli.trace ? "--trace" : cli.summary_given ? "--summary" : cli.export_path ? "--export" :
                              cli.export_view ? "--view" : cli.export_size ? "--size" :
                              cli.export_theme ? "--theme" : NULL;

      if (needs_run != NULL)
        {
          usage_error (_("%s needs --run ID"), needs_run);
          return FL_CLI_EXIT_USAGE;
        }
    }

  if (!cli.list && cli.run_id == NULL)
    {
      /* the window's path takes no action; asked here, say what there is */
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_print ("%s", help);
      return 0;
    }

  catalog = fl_catalog_new ();
  /* A preset needs no user file read: those are read only when listed,
   * or when the id is not a preset's. */
  fl_catalog_load_presets (catalog);
  if (cli.list || fl_catalog_lookup (catalog, cli.run_id) == NULL)
    fl_catalog_load_user (catalog);

  if (cli.list)
    status = list_scenarios (catalog);
  else
    status = run_scenario (&cli, catalog);

  return status;
}
