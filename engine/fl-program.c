/* fl-program.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-program"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "fl-program.h"
#include "fl-run.h"
#include "fl-run.h"
#include "fl-sampler.h"
#include "fl-trace.h"
#include "fl-util.h"

extern char **environ;

G_DEFINE_QUARK (fl-program-error-quark, fl_program_error)

/* ======================================================================== */
/* The program                                                              */
/* ======================================================================== */

struct _FlProgram
{
  GObject     parent_instance;

  char       *path;
  char       *text;
  GStrv       args;
  char       *interpreter;
  char       *python_version;
  char       *example_id;
  char       *preset_id;
  FlScenario *scenario;
  /* fl_program_new_for_text(): the text runs, not the file */
  gboolean    from_text;
};

G_DEFINE_FINAL_TYPE (FlProgram, fl_program, G_TYPE_OBJECT)

static void
fl_program_finalize (GObject *object)
{
  FlProgram *self = (FlProgram *) object;

  g_free (self->path);
  g_free (self->text);
  g_strfreev (self->args);
  g_free (self->interpreter);
  g_free (self->python_version);
  g_free (self->example_id);
  g_free (self->preset_id);
  g_clear_object (&self->scenario);

  G_OBJECT_CLASS (fl_program_parent_class)->finalize (object);
}

static void
fl_program_class_init (FlProgramClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fl_program_finalize;
}

static void
fl_program_init (FlProgram *self)
{
}

void
fl_program_example_free (FlProgramExample *example)
{
  if (example == NULL)
    return;
  g_free (example->id);
  g_free (example->title);
  g_free (example->description);
  g_free (example->path);
  g_free (example->preset_id);
  g_free (example);
}

char *
fl_program_find_data_dir (GError **error)
{
  g_autoptr(GPtrArray) tried = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  g_autofree char *relocated = NULL;
  const char *env = g_getenv ("FORKLINE_PYTHON_DIR");
  guint i;

  if (env && *env)
    g_ptr_array_add (tried, g_strdup (env));
  if ((relocated = fl_installed_path (DATADIR "/forkline/python")) != NULL)
    g_ptr_array_add (tried, g_steal_pointer (&relocated));
#ifdef FL_PYTHON_SOURCE_DIR
  g_ptr_array_add (tried, g_strdup (FL_PYTHON_SOURCE_DIR));
#endif
  g_ptr_array_add (tried, g_strdup (DATADIR "/forkline/python"));

  for (i = 0; i < tried->len; i++)
    {
      g_autofree char *probe = g_build_filename (g_ptr_array_index (tried, i), "probe",
                                                 "sitecustomize.py", NULL);
      if (g_file_test (probe, G_FILE_TEST_IS_REGULAR))
        return g_canonicalize_filename (g_ptr_array_index (tried, i), NULL);
    }
  g_ptr_array_add (tried, NULL);
  joined = g_strjoinv (", ", (char **) tried->pdata);
  g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_PROBE,
               _("Cannot find Forkline's Python probe (probe/sitecustomize.py under %s)"), joined);
  return NULL;
}

/* "# forkline-KEY: value" lines at the top of an example. */
static char *
example_header (const char *text,
                const char *key)
{
  g_autofree char *prefix = g_strdup_printf ("# forkline-%s:", key);
  const char *p = text;
  guint lines = 0;

  while (p && *p && lines++ < 40)
    {
      const char *nl = strchr (p, '\n');

      if (g_str_has_prefix (p, prefix))
        {
          g_autofree char *value = g_strndup (p + strlen (prefix),
                                              nl ? (gsize) (nl - p) - strlen (prefix) : strlen (p + strlen (prefix)));
          return g_strdup (g_strstrip (value));
        }
      p = nl ? nl + 1 : NULL;
    }
  return NULL;
}

/* A header the gallery shows: po/xgettext-scenarios.py extracts the
 * examples' title and description lines for translators. */
static char *
translated_header (const char *text,
                   const char *key)
{
  g_autofree char *value = example_header (text, key);

  if (value == NULL || *value == '\0')
    return g_steal_pointer (&value);
  return g_strdup (g_dgettext (GETTEXT_PACKAGE, value));
}

static int
compare_examples (gconstpointer a,
                  gconstpointer b)
{
  const FlProgramExample *ea = *(FlProgramExample * const *) a;
  const FlProgramExample *eb = *(FlProgramExample * const *) b;

  return g_strcmp0 (ea->id, eb->id);
}

GPtrArray *
fl_program_list_examples (void)
{
  GPtrArray *examples = g_ptr_array_new_with_free_func ((GDestroyNotify) fl_program_example_free);
  g_autofree char *data_dir = fl_program_find_data_dir (NULL);
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (data_dir == NULL)
    return examples;
  dir_path = g_build_filename (data_dir, "examples", NULL);
  if (!(dir = g_dir_open (dir_path, 0, NULL)))
    return examples;
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      FlProgramExample *example;

      if (!g_str_has_suffix (name, ".py"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (!g_file_get_contents (path, &text, NULL, NULL))
        continue;
      example = g_new0 (FlProgramExample, 1);
      example->id = example_header (text, "id");
      if (example->id == NULL)
        {
          fl_program_example_free (example);
          continue;
        }
      example->title = translated_header (text, "title");
      example->description = translated_header (text, "description");
      example->preset_id = example_header (text, "preset");
      example->path = g_steal_pointer (&path);
      if (example->title == NULL)
        example->title = g_strdup (example->id);
      g_ptr_array_add (examples, example);
    }
  g_ptr_array_sort (examples, compare_examples);
  return examples;
}

char *
fl_program_find_interpreter (const char  *requested,
                             GError     **error)
{
  const char *env = g_getenv ("FORKLINE_PYTHON");
  const char *names[] = { "python3", "python" };
  guint i;

  if (requested == NULL && env && *env)
    requested = env;
  if (requested)
    {
      g_autofree char *found = strchr (requested, '/') ? g_strdup (requested)
                                                       : g_find_program_in_path (requested);

      if (found == NULL || !g_file_test (found, G_FILE_TEST_IS_EXECUTABLE) ||
          g_file_test (found, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_INTERPRETER,
                       _("Interpreter “%s” not found or not executable"), requested);
          return NULL;
        }
      return g_steal_pointer (&found);
    }
  for (i = 0; i < G_N_ELEMENTS (names); i++)
    {
      char *found = g_find_program_in_path (names[i]);
      if (found)
        return found;
    }
  g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_INTERPRETER,
               _("No Python interpreter found: looked for $FORKLINE_PYTHON, then python3 and python "
                 "on PATH (%s); name one with --interpreter"),
               g_getenv ("PATH") ? g_getenv ("PATH") : "");
  return NULL;
}

static gboolean
timeout_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

/* Asks @interpreter for its version; a program that is no Python or does
 * not answer within @timeout_s seconds is refused. */
static char *
ask_version_within (const char  *interpreter,
                    guint        timeout_s,
                    gboolean     inherit_stdin,
                    char       **executable,
                    GError     **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GSource) timeout = NULL;
  char **lines = NULL;
  char *version = NULL;

  g_main_context_push_thread_default (context);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE |
                           (inherit_stdin ? G_SUBPROCESS_FLAGS_STDIN_INHERIT : 0), &local,
                           interpreter, "-E", "-S", "-c",
                           "import sys; print('forkline-python %d.%d.%d %s %s' % (tuple(sys.version_info[:3]) + (getattr(getattr(sys, 'implementation', None), 'name', 'python'), sys.executable)))",
                           NULL);
  if (proc)
    {
      timeout = g_timeout_source_new_seconds (timeout_s);
      g_source_set_callback (timeout, timeout_cb, cancel, NULL);
      g_source_attach (timeout, context);
      g_subprocess_communicate_utf8_async (proc, NULL, cancel, communicate_cb, &result);
      while (result == NULL)
        g_main_context_iteration (context, TRUE);
      if (!g_subprocess_communicate_utf8_finish (proc, result, &out, NULL, &local))
        {
          g_subprocess_force_exit (proc);
          g_subprocess_wait (proc, NULL, NULL);
        }
      g_source_destroy (timeout);
    }
  g_main_context_pop_thread_default (context);

  if (out)
    lines = g_strsplit (g_strstrip (out), " ", 4);
  if (lines && g_strv_length (lines) >= 3 && g_str_equal (lines[0], "forkline-python"))
    {
      version = g_strdup (lines[1]);
      /* The interpreter itself, not a wrapper script (pyenv's shims). */
      if (g_strv_length (lines) == 4 && g_path_is_absolute (lines[3]) &&
          g_file_test (lines[3], G_FILE_TEST_IS_EXECUTABLE))
        *executable = g_strdup (lines[3]);
    }
  g_strfreev (lines);
  if (version == NULL)
    g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_INTERPRETER,
                 _("“%s” is not a Python interpreter: it did not answer “import sys; print(sys.version_info)”%s%s"),
                 interpreter, local ? ": " : "", local ? local->message : "");
  return version;
}

static char *
ask_version (const char  *interpreter,
             char       **executable,
             GError     **error)
{
  return ask_version_within (interpreter, 10, TRUE, executable, error);
}

static FlScenario *
make_scenario (FlProgram *self)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *description = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  FlScenario *scenario;
  gsize len;

  description = g_strdup_printf (_("The Python program %s, run by %s and observed from the kernel and the interpreter."),
                                 self->path, self->interpreter ? self->interpreter : "python");
  g_key_file_set_string (kf, "Scenario", "Id", self->example_id ? self->example_id : "python");
  g_key_file_set_string (kf, "Scenario", "Title", base);
  g_key_file_set_string (kf, "Scenario", "Description", description);
  g_key_file_set_string (kf, "Scenario", "Modes", "threads");
  g_key_file_set_string (kf, "Scenario", "DefaultMode", "threads");
  g_key_file_set_string (kf, "Scenario", "Workers", "1");
  g_key_file_set_string (kf, "Scenario", "MinWorkers", "1");
  g_key_file_set_string (kf, "Scenario", "MaxWorkers", "1");
  /* No emulated GIL: the real one is observed. */
  g_key_file_set_string (kf, "Scenario", "Gil", "false");
  g_key_file_set_string (kf, "Scenario", "Verdict", "program");
  g_key_file_set_string (kf, "Main", "Steps", "start; join");
  g_key_file_set_string (kf, "Worker program", "Steps", "sleep 0");
  data = g_key_file_to_data (kf, &len, NULL);
  scenario = fl_scenario_new_from_data (data, len, base, &error);
  if (scenario == NULL)
    g_critical ("The scenario of a Python program does not parse: %s", error->message);
  return scenario;
}

/* What fl_program_new() and fl_program_new_for_text() do once the text is
 * read: the interpreter found and asked for its version, the arguments
 * kept, the scenario the run reports under made. */
static gboolean
finish_program (FlProgram          *self,
                const char * const *args,
                const char         *interpreter,
                GError            **error)
{
  char *executable = NULL;

  if (!(self->interpreter = fl_program_find_interpreter (interpreter, error)))
    return FALSE;
  if (!(self->python_version = ask_version (self->interpreter, &executable, error)))
    return FALSE;
  if (executable)
    {
      g_free (self->interpreter);
      self->interpreter = executable;
    }
  self->args = g_strdupv ((char **) args);
  if (self->args == NULL)
    self->args = g_new0 (char *, 1);
  if (!(self->scenario = make_scenario (self)))
    {
      g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_FILE, "%s", _("Internal error: no scenario for the program"));
      return FALSE;
    }
  return TRUE;
}

FlProgram *
fl_program_new (const char          *file,
                const char * const  *args,
                const char          *interpreter,
                GError             **error)
{
  g_autoptr(FlProgram) self = g_object_new (FL_TYPE_PROGRAM, NULL);
  g_autoptr(GError) local = NULL;
  g_autoptr(GPtrArray) examples = NULL;
  g_autofree char *data_dir = NULL;
  guint i;

  g_return_val_if_fail (file != NULL, NULL);

  if (!(data_dir = fl_program_find_data_dir (error)))
    return NULL;

  if (!strchr (file, '/') && !g_str_has_suffix (file, ".py"))
    {
      examples = fl_program_list_examples ();
      for (i = 0; i < examples->len; i++)
        {
          FlProgramExample *ex = g_ptr_array_index (examples, i);
          if (g_str_equal (ex->id, file))
            {
              self->path = g_strdup (ex->path);
              self->example_id = g_strdup (ex->id);
              self->preset_id = g_strdup (ex->preset_id);
            }
        }
    }
  if (self->path == NULL)
    self->path = g_canonicalize_filename (file, NULL);

  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_FILE,
                   _("Cannot run “%s”: it is a folder, not a Python file"), file);
      return NULL;
    }
  if (!g_file_get_contents (self->path, &self->text, NULL, &local))
    {
      if (!strchr (file, '/') && !g_str_has_suffix (file, ".py") && g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_FILE,
                     _("Cannot read “%s”: no such file, and no example has that id (“forkline --list-scenarios” lists them)"),
                     file);
      else
        g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_FILE,
                     _("Cannot read the program “%s”: %s"), file, local->message);
      return NULL;
    }
  if (!g_utf8_validate (self->text, -1, NULL))
    {
      char *valid = g_utf8_make_valid (self->text, -1);
      g_free (self->text);
      self->text = valid;
    }

  if (!finish_program (self, args, interpreter, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Runs the program's private copy (argv[1]) as if it were the file
 * argv[2]: its folder first on sys.path, __file__ and sys.argv[0] its path,
 * tracebacks naming it with the lines of the text that ran (linecache; the
 * interpreter's own printer reads the file on disk, so an uncaught
 * exception goes through the traceback module, without this frame). */
static const char run_text_bootstrap[] =
  "def _forkline_main():\n"
  "    import sys, os, linecache, __main__\n"
  "    copy, shown = sys.argv[1], sys.argv[2]\n"
  "    del sys.argv[:2]\n"
  "    sys.path[0] = os.path.dirname(os.path.abspath(shown))\n"
  "    __main__.__file__ = shown\n"
  "    with open(copy, encoding='utf-8') as f:\n"
  "        text = f.read()\n"
  "    linecache.cache[shown] = (len(text), None, text.splitlines(True), shown)\n"
  "    def hook(kind, value, tb):\n"
  "        import traceback\n"
  "        if tb is not None and tb.tb_frame.f_code.co_filename == '<string>':\n"
  "            tb = tb.tb_next\n"
  "        traceback.print_exception(kind, value, tb)\n"
  "    if sys.excepthook is sys.__excepthook__:\n"
  "        sys.excepthook = hook\n"
  "    del __main__._forkline_main\n"
  "    return compile(text, shown, 'exec')\n"
  "exec(_forkline_main())\n";

FlProgram *
fl_program_new_for_text (const char          *display_path,
                         const char          *text,
                         const char * const  *args,
                         const char          *interpreter,
                         GError             **error)
{
  g_autoptr(FlProgram) self = g_object_new (FL_TYPE_PROGRAM, NULL);
  g_autoptr(GPtrArray) examples = NULL;
  g_autofree char *data_dir = NULL;
  guint i;

  g_return_val_if_fail (display_path != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_FILE,
                   _("The text of “%s” is not valid UTF-8"), display_path);
      return NULL;
    }
  if (!(data_dir = fl_program_find_data_dir (error)))
    return NULL;

  self->path = g_canonicalize_filename (display_path, NULL);
  self->text = g_strdup (text);
  examples = fl_program_list_examples ();
  for (i = 0; i < examples->len; i++)
    {
      FlProgramExample *ex = g_ptr_array_index (examples, i);
      if (g_str_equal (ex->path, self->path))
        {
          self->example_id = g_strdup (ex->id);
          self->preset_id = g_strdup (ex->preset_id);
        }
    }

  self->from_text = TRUE;

  if (!finish_program (self, args, interpreter, error))
    return NULL;
  return g_steal_pointer (&self);
}

FlProgram *
fl_program_new_replayed (const char         *path,
                         const char         *text,
                         const char * const *args,
                         const char         *interpreter,
                         const char         *python_version)
{
  FlProgram *self = g_object_new (FL_TYPE_PROGRAM, NULL);
  g_autoptr(GPtrArray) examples = fl_program_list_examples ();
  guint i;

  self->path = g_strdup (path);
  self->text = g_strdup (text);
  self->args = args ? g_strdupv ((char **) args) : g_new0 (char *, 1);
  self->interpreter = g_strdup (interpreter);
  self->python_version = g_strdup (python_version);
  for (i = 0; i < examples->len; i++)
    {
      FlProgramExample *ex = g_ptr_array_index (examples, i);
      g_autofree char *base = g_path_get_basename (ex->path);
      g_autofree char *mine = g_path_get_basename (path);

      if (g_str_equal (base, mine))
        {
          self->example_id = g_strdup (ex->id);
          self->preset_id = g_strdup (ex->preset_id);
        }
    }
  self->scenario = make_scenario (self);
  return self;
}

const char *
fl_program_get_path (FlProgram *self)
{
  g_return_val_if_fail (FL_IS_PROGRAM (self), NULL);

  return self->path;
}

const char *
fl_program_get_text (FlProgram *self)
{
  g_return_val_if_fail (FL_IS_PROGRAM (self), NULL);

  return self->text;
}

const char * const *
fl_program_get_args (FlProgram *self)
{
  g_return_val_if_fail (FL_IS_PROGRAM (self), NULL);

  return (const char * const *) self->args;
}

const char *
fl_program_get_interpreter (FlProgram *self)
{
  g_return_val_if_fail (FL_IS_PROGRAM (self), NULL);

  return self->interpreter;
}

const char *
fl_program_get_python_version (FlProgram *self)
{
  g_return_val_if_fail (FL_IS_PROGRAM (self), NULL);

  return self->python_version;
}

const char *
fl_program_get_example_id (FlProgram *self)
{
  g_return_val_if_fail (FL_IS_PROGRAM (self), NULL);

  return self->example_id;
}

const char *
fl_program_get_preset_id (FlProgram *self)
{
  g_return_val_if_fail (FL_IS_PROGRAM (self), NULL);

  return self->preset_id;
}

FlProgram *
fl_program_copy_with_args (FlProgram          *self,
                           const char * const *args)
{
  FlProgram *copy;

  g_return_val_if_fail (FL_IS_PROGRAM (self), NULL);

  copy = g_object_new (FL_TYPE_PROGRAM, NULL);
  copy->path = g_strdup (self->path);
  copy->text = g_strdup (self->text);
  copy->args = args ? g_strdupv ((char **) args) : g_new0 (char *, 1);
  copy->interpreter = g_strdup (self->interpreter);
  copy->python_version = g_strdup (self->python_version);
  copy->example_id = g_strdup (self->example_id);
  copy->preset_id = g_strdup (self->preset_id);
  copy->scenario = self->scenario ? g_object_ref (self->scenario) : NULL;
  /* The editor's text: each run writes its own private copy of it. */
  copy->from_text = self->from_text;
  return copy;
}

/* A string literal "--mode" (either quote) with "threads" and
 * "processes" in the text: argparse's add_argument("--mode", choices=…)
 * as Forkline's examples write it. */
gboolean
fl_program_takes_mode (FlProgram *self)
{
  g_return_val_if_fail (FL_IS_PROGRAM (self), FALSE);

  if (self->text == NULL)
    return FALSE;
  return (strstr (self->text, "\"--mode\"") != NULL || strstr (self->text, "'--mode'") != NULL) &&
         strstr (self->text, "threads") != NULL && strstr (self->text, "processes") != NULL;
}

GStrv
fl_program_args_with_mode (const char * const *args,
                           const char         *mode)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint i;

  g_return_val_if_fail (mode != NULL, NULL);

  for (i = 0; args && args[i]; i++)
    {
      if (g_str_equal (args[i], "--mode"))
        {
          if (args[i + 1] != NULL)
            i++;
          continue;
        }
      if (g_str_has_prefix (args[i], "--mode="))
        continue;
      g_strv_builder_add (builder, args[i]);
    }
  g_strv_builder_add (builder, "--mode");
  g_strv_builder_add (builder, mode);
  return g_strv_builder_end (builder);
}

gboolean
fl_program_args_get_workers (const char * const *args,
                             guint              *n_workers)
{
  const char *value = NULL;
  guint64 n = 0;
  guint i;

  for (i = 0; args && args[i]; i++)
    {
      if (g_str_equal (args[i], "--workers") && args[i + 1] != NULL)
        value = args[++i];
      else if (g_str_has_prefix (args[i], "--workers="))
        value = args[i] + strlen ("--workers=");
    }
  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, FL_MAX_WORKERS, &n, NULL))
    return FALSE;
  if (n_workers)
    *n_workers = (guint) n;
  return TRUE;
}

const char *
fl_program_args_get_mode (const char * const *args)
{
  const char *mode = NULL;
  guint i;

  for (i = 0; args && args[i]; i++)
    {
      if (g_str_equal (args[i], "--mode") && args[i + 1] != NULL)
        mode = args[++i];
      else if (g_str_has_prefix (args[i], "--mode="))
        mode = args[i] + strlen ("--mode=");
    }
  if (mode != NULL && (g_str_equal (mode, "threads") || g_str_equal (mode, "processes")))
    return mode;
  return NULL;
}

gboolean
fl_program_check_compare_modes (FlProgram  *program,
                                GError    **error)
{
  g_return_val_if_fail (FL_IS_PROGRAM (program), FALSE);

  if (fl_program_takes_mode (program))
    return TRUE;
  {
    g_autofree char *base = g_path_get_basename (program->path);

    g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_ARGS,
                 _("Cannot compare “%s” as threads and as processes: it takes no “--mode threads|processes” "
                   "option (Forkline's examples do: an argparse option \"--mode\" with the choices threads and processes)"),
                 base);
  }
  return FALSE;
}

gboolean
fl_program_plan_emulation (FlProgram          *program,
                           const char * const *args,
                           FlScenario         *preset,
                           GStrv              *program_args,
                           FlRunOptions       *options,
                           GError            **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) with_mode = NULL;
  const char *mode;
  guint workers = 0, i;
  FlMode emulated;

  g_return_val_if_fail (FL_IS_PROGRAM (program), FALSE);
  g_return_val_if_fail (FL_IS_SCENARIO (preset), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (!fl_program_check_compare_modes (program, error))
    return FALSE;
  mode = fl_program_args_get_mode (args);
  if (mode == NULL)
    mode = "threads";
  if (g_str_equal (mode, "threads"))
    emulated = FL_MODE_THREADS;
  else
    emulated = fl_scenario_allows_mode (preset, FL_MODE_FORK) ? FL_MODE_FORK : FL_MODE_SPAWN;
  if (!fl_scenario_allows_mode (preset, emulated))
    {
      g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_ARGS,
                   _("The preset “%s” does not run as %s, as the program was asked to"),
                   fl_scenario_get_id (preset), mode);
      return FALSE;
    }
  if (!fl_program_args_get_workers (args, &workers))
    {
      const char * const *a = args;

      for (i = 0; a && a[i]; i++)
        if (g_str_equal (a[i], "--workers") || g_str_has_prefix (a[i], "--workers="))
          {
            g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_ARGS,
                         _("The program's --workers takes a whole number from 1 to %d"), FL_MAX_WORKERS);
            return FALSE;
          }
      workers = fl_scenario_get_default_workers (preset);
    }
  if (workers < fl_scenario_get_min_workers (preset) || workers > fl_scenario_get_max_workers (preset))
    {
      g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_ARGS,
                   _("The preset “%s” runs %u to %u workers, not %u"), fl_scenario_get_id (preset),
                   fl_scenario_get_min_workers (preset), fl_scenario_get_max_workers (preset), workers);
      return FALSE;
    }

  /* Both stated, so that neither side relies on a default of the other. */
  with_mode = fl_program_args_with_mode (args, mode);
  builder = g_strv_builder_new ();
  for (i = 0; with_mode[i]; i++)
    {
      if (g_str_equal (with_mode[i], "--workers"))
        {
          if (with_mode[i + 1] != NULL)
            i++;
          continue;
        }
      if (g_str_has_prefix (with_mode[i], "--workers="))
        continue;
      g_strv_builder_add (builder, with_mode[i]);
    }
  {
    g_autofree char *n = g_strdup_printf ("%u", workers);

    g_strv_builder_add (builder, "--workers");
    g_strv_builder_add (builder, n);
  }
  if (program_args)
    *program_args = g_strv_builder_end (builder);

  fl_run_options_init (options, preset);
  options->mode = emulated;
  options->workers = workers;
  options->gil = 1;
  return TRUE;
}

/* The note of a process whose GIL was not found; the first part is the
 * same in every such note (fl_program_find_gil_unknown_note()). */
static char *
gil_not_found_note (int         pid,
                    const char *why)
{
  return g_strdup_printf (_("Waits for the GIL cannot be told from other lock waits in process %d: %s."), pid, why);
}

static const char *
no_gil_note (void)
{
  return _("This Python runs without a GIL (a free-threaded build): no wait is shown as a wait for the GIL.");
}

const char *
fl_program_find_gil_unknown_note (GPtrArray *notes)
{
  g_autofree char *format = gil_not_found_note (0, "");
  const char *cut = strstr (format, "0");
  gsize prefix = cut ? (gsize) (cut - format) : strlen (format);
  guint i;

  for (i = 0; notes && i < notes->len; i++)
    {
      const char *note = g_ptr_array_index (notes, i);

      if (strncmp (note, format, prefix) == 0 || g_str_equal (note, no_gil_note ()))
        return note;
    }
  return NULL;
}

FlScenario *
fl_program_get_scenario (FlProgram *self)
{
  g_return_val_if_fail (FL_IS_PROGRAM (self), NULL);

  return self->scenario;
}


/* ======================================================================== */
/* Interpreters and the user's programs                                     */
/* ======================================================================== */

void
fl_interpreter_free (FlInterpreter *interpreter)
{
  if (interpreter == NULL)
    return;
  g_free (interpreter->path);
  g_free (interpreter->version);
  g_free (interpreter);
}

static FlInterpreter *
fl_interpreter_copy (const FlInterpreter *interpreter)
{
  FlInterpreter *copy = g_new0 (FlInterpreter, 1);

  copy->path = g_strdup (interpreter->path);
  copy->version = g_strdup (interpreter->version);
  return copy;
}

G_DEFINE_BOXED_TYPE (FlInterpreter, fl_interpreter, fl_interpreter_copy, fl_interpreter_free)

/* Seconds an interpreter has to say its version when asked in a check or
 * a search: longer means a broken one keeps Preferences waiting. */
#define CHECK_TIMEOUT_S 10

/* fl_program_check_interpreter(), and the interpreter's own executable
 * (sys.executable: a wrapper's target) in @executable when it said. */
static FlInterpreter *
check_interpreter (const char  *path,
                   char       **executable_out,
                   GError     **error)
{
  g_autofree char *found = NULL;
  g_autofree char *executable = NULL;
  g_autofree char *version = NULL;
  FlInterpreter *interpreter;

  g_return_val_if_fail (path != NULL, NULL);

  if (*path == '\0')
    {
      g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_INTERPRETER,
                   _("No interpreter named: give the path of a Python 3 interpreter"));
      return NULL;
    }
  found = strchr (path, '/') ? g_strdup (path) : g_find_program_in_path (path);
  if (found == NULL || !g_file_test (found, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_INTERPRETER,
                   strchr (path, '/') ? _("“%s” does not exist")
                                      : _("“%s” is not on PATH"), path);
      return NULL;
    }
  if (g_file_test (found, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_INTERPRETER,
                   _("“%s” is a folder, not a Python interpreter"), path);
      return NULL;
    }
  if (!g_file_test (found, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_INTERPRETER,
                   _("“%s” is not executable"), path);
      return NULL;
    }
  if (!(version = ask_version_within (found, CHECK_TIMEOUT_S, FALSE, &executable, error)))
    return NULL;
  if (!g_str_has_prefix (version, "3."))
    {
      g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_INTERPRETER,
                   _("“%s” is Python %s; Forkline needs Python 3"), path, version);
      return NULL;
    }
  interpreter = g_new0 (FlInterpreter, 1);
  interpreter->path = g_steal_pointer (&found);
  interpreter->version = g_steal_pointer (&version);
  if (executable_out)
    *executable_out = g_steal_pointer (&executable);
  return interpreter;
}

FlInterpreter *
fl_program_check_interpreter (const char  *path,
                              GError     **error)
{
  return check_interpreter (path, NULL, error);
}

typedef struct
{
  char          *file;
  FlInterpreter *interpreter;
  char          *executable;
} Candidate;

static gpointer
check_candidate (gpointer data)
{
  Candidate *c = data;

  c->interpreter = check_interpreter (c->file, &c->executable, NULL);
  return NULL;
}

/* Interpreters asked at once: a wrapper (pyenv's shims) takes a second
 * or more to answer, and a machine may have many; more at once would
 * only make each slower on a busy machine. */
#define CHECKS_AT_ONCE 4

/* python, python3, python3.N */
static gboolean
is_python_name (const char *name)
{
  const char *p;

  if (g_str_equal (name, "python") || g_str_equal (name, "python3"))
    return TRUE;
  if (!g_str_has_prefix (name, "python3."))
    return FALSE;
  p = name + strlen ("python3.");
  if (*p == '\0')
    return FALSE;
  for (; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* python3 before python3.N before python; python3.N by N. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  const char *na = *(const char * const *) a;
  const char *nb = *(const char * const *) b;
  int ra = g_str_equal (na, "python3") ? 0 : g_str_equal (na, "python") ? 2 : 1;
  int rb = g_str_equal (nb, "python3") ? 0 : g_str_equal (nb, "python") ? 2 : 1;

  if (ra != rb)
    return ra - rb;
  if (ra == 1)
    return (int) g_ascii_strtoull (na + strlen ("python3."), NULL, 10) -
           (int) g_ascii_strtoull (nb + strlen ("python3."), NULL, 10);
  return 0;
}

GPtrArray *
fl_program_list_interpreters (void)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) fl_interpreter_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) executables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate *));
  const char *path_env = g_getenv ("PATH");
  guint d, i;

  if (path_env)
    {
      g_auto(GStrv) parts = g_strsplit (path_env, G_SEARCHPATH_SEPARATOR_S, -1);

      for (i = 0; parts[i]; i++)
        if (g_path_is_absolute (parts[i]))
          g_ptr_array_add (dirs, g_strdup (parts[i]));
    }
  g_ptr_array_add (dirs, g_strdup ("/usr/bin"));
  g_ptr_array_add (dirs, g_strdup ("/usr/local/bin"));

  for (d = 0; d < dirs->len; d++)
    {
      const char *dir_path = g_ptr_array_index (dirs, d);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      guint n;

      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)))
        if (is_python_name (name))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);

      for (n = 0; n < names->len; n++)
        {
          g_autofree char *file = g_build_filename (dir_path, g_ptr_array_index (names, n), NULL);
          char *real = realpath (file, NULL);
          Candidate *c;

          if (real == NULL)
            continue;
          if (g_hash_table_contains (seen, real))
            {
              free (real);
              continue;
            }
          g_hash_table_add (seen, g_strdup (real));
          free (real);
          c = g_new0 (Candidate, 1);
          c->file = g_steal_pointer (&file);
          g_array_append_val (candidates, c);
        }
    }

  /* CHECKS_AT_ONCE threads at a time, each joined: the candidates they
   * filled are read only after g_thread_join(). */
  for (i = 0; i < candidates->len; i += CHECKS_AT_ONCE)
    {
      GThread *threads[CHECKS_AT_ONCE] = { NULL, };
      guint k;

      for (k = 0; k < CHECKS_AT_ONCE && i + k < candidates->len; k++)
        {
          Candidate *c = g_array_index (candidates, Candidate *, i + k);

          threads[k] = g_thread_try_new ("forkline-python", check_candidate, c, NULL);
          if (threads[k] == NULL)
            check_candidate (c);
        }
      for (k = 0; k < CHECKS_AT_ONCE; k++)
        if (threads[k] != NULL)
          g_thread_join (threads[k]);
    }
  for (i = 0; i < candidates->len; i++)
    {
      Candidate *c = g_array_index (candidates, Candidate *, i);
      char *real = NULL;

      /* Names leading to one interpreter through wrappers show once. */
      if (c->interpreter && c->executable && (real = realpath (c->executable, NULL)) != NULL &&
          !g_hash_table_add (executables, g_strdup (real)))
        g_clear_pointer (&c->interpreter, fl_interpreter_free);
      free (real);
      if (c->interpreter)
        g_ptr_array_add (found, g_steal_pointer (&c->interpreter));
      g_free (c->file);
      g_free (c->executable);
      g_free (c);
    }
  return found;
}

char *
fl_program_user_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "forkline", "python", NULL);
}

static int
compare_user_programs (gconstpointer a,
                       gconstpointer b)
{
  const FlProgramExample *ea = *(FlProgramExample * const *) a;
  const FlProgramExample *eb = *(FlProgramExample * const *) b;
  g_autofree char *ka = g_utf8_collate_key (ea->title, -1);
  g_autofree char *kb = g_utf8_collate_key (eb->title, -1);
  int c = strcmp (ka, kb);

  return c != 0 ? c : g_strcmp0 (ea->path, eb->path);
}

/* Bytes of a user's program read for its header. */
#define HEADER_BYTES 8192

GPtrArray *
fl_program_list_user_programs (void)
{
  GPtrArray *programs = g_ptr_array_new_with_free_func ((GDestroyNotify) fl_program_example_free);
  g_autofree char *dir_path = fl_program_user_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return programs;
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      g_autofree char *head = NULL;
      FlProgramExample *program;
      FILE *f;

      if (!g_str_has_suffix (name, ".py") || name[0] == '.')
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      program = g_new0 (FlProgramExample, 1);
      /* Only the top is read: a huge file costs nothing here. */
      if ((f = fopen (path, "re")) != NULL)
        {
          size_t got;

          head = g_malloc0 (HEADER_BYTES + 1);
          got = fread (head, 1, HEADER_BYTES, f);
          head[got] = '\0';
          fclose (f);
          if (g_utf8_validate (head, -1, NULL) || got == HEADER_BYTES)
            {
              char *valid = g_utf8_make_valid (head, -1);
              g_free (head);
              head = valid;
              program->title = example_header (head, "title");
              program->description = example_header (head, "description");
            }
        }
      if (program->title == NULL || *program->title == '\0')
        {
          g_free (program->title);
          program->title = g_filename_display_name (name);
        }
      program->path = g_steal_pointer (&path);
      g_ptr_array_add (programs, program);
    }
  g_ptr_array_sort (programs, compare_user_programs);
  return programs;
}

/* ======================================================================== */
/* Watching a run                                                           */
/* ======================================================================== */

#define THREAD_SCAN_EVERY   2     /* polls (5 ms each) between thread scans */
#define TREE_SCAN_EVERY     10    /* polls between scans of /proc for children */
#define MAX_PENDING_OUT     4096  /* probe lines waiting for their bytes */
#define MAX_PENDING_BYTES   (1 << 20)
#define THREAD_GONE_NS      G_GINT64_CONSTANT (20000000)
#define VANISHED_WAIT_NS    G_GINT64_CONSTANT (300000000)

typedef struct
{
  int         pid;
  int         ppid;
  guint       lane;          /* G_MAXUINT: not drawn (past the limit) */
  int         stat_fd;
  gboolean    gone;
  gboolean    python;        /* the probe said hello from it */
  gboolean    named;         /* the probe named it */
  gboolean    gil_looked;
  gboolean    status_known;
  int         status;
  gint64      status_t;      /* when it ended, if known */
  gboolean    reaped_by_observer;
  gint64      vanished_t;    /* seen gone without a status, waiting for the probe's; -1 */
  GHashTable *threads;       /* tid → lane + 1, or G_MAXUINT for not drawn */
  GHashTable *missing;       /* tid → first time its task was gone (gint64*) */
} Proc;

typedef struct
{
  int     stream;
  int     pid;
  int     tid;
  gint64  t;
  gboolean cut;
  char   *text;
} ProbeLine;

struct _FlProgramWatch
{
  FlProgram  *program;
  FlStore    *store;
  FlSampler  *sampler;
  char       *data_dir;
  char       *tmp_dir;
  char       *fifo_path;
  char       *text_path;   /* fl_program_new_for_text(): the text's copy */
  int         fifo_fd;
  int         out_fd[3];     /* [1] stdout, [2] stderr read ends */
  GString    *out_buf[3];
  guint       owed_newlines[3]; /* per stream: newlines of lines split apart (split_mixed) */
  gint64      last_out_t[3]; /* per stream: the time of the last line added */
  GQueue      held[3];       /* per stream: HeldLine*, lines waiting for the probe's word */
  GString    *fifo_buf;
  GQueue      probe_lines;   /* of ProbeLine*, in the order written */
  int         main_pid;
  int         keeper_pid;    /* ends the program if the observer dies; 0 if none */
  gint64      t0;
  guint       polls;
  GHashTable *procs;         /* pid → Proc* */
  GHashTable *thread_names;  /* "pid:tid" → name, reported before the lane existed */
  guint       n_lanes_hidden_threads;
  guint       n_lanes_hidden_procs;
  guint       n_leftovers;
  gboolean    free_threaded;
  gboolean    said_limit;
  GPtrArray  *notes;
  GMutex      notes_mutex;
  GHashTable  *note_set;
};

static void start_keeper (FlProgramWatch *self);
static void stop_keeper  (FlProgramWatch *self);

static void
probe_line_free (ProbeLine *line)
{
  g_free (line->text);
  g_free (line);
}

static void
proc_free (Proc *proc)
{
  if (proc->stat_fd >= 0)
    close (proc->stat_fd);
  g_hash_table_unref (proc->threads);
  g_hash_table_unref (proc->missing);
  g_free (proc);
}

static void
add_note (FlProgramWatch *self,
          const char     *text)
{
  g_mutex_lock (&self->notes_mutex);
  if (!g_hash_table_contains (self->note_set, text))
    {
      g_hash_table_add (self->note_set, g_strdup (text));
      g_ptr_array_add (self->notes, g_strdup (text));
    }
  g_mutex_unlock (&self->notes_mutex);
}

FlProgramWatch *
fl_program_watch_new (FlProgram  *program,
                      GError    **error)
{
  FlProgramWatch *self = g_new0 (FlProgramWatch, 1);
  guint i;

  self->program = g_object_ref (program);
  self->fifo_fd = -1;
  for (i = 0; i < 3; i++)
    {
      self->out_fd[i] = -1;
      self->out_buf[i] = g_string_new (NULL);
      g_queue_init (&self->held[i]);
    }
  self->fifo_buf = g_string_new (NULL);
  g_queue_init (&self->probe_lines);
  self->procs = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) proc_free);
  self->thread_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->notes = g_ptr_array_new_with_free_func (g_free);
  self->note_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_init (&self->notes_mutex);

  if (!(self->data_dir = fl_program_find_data_dir (error)))
    {
      fl_program_watch_free (self);
      return NULL;
    }
  return self;
}

void
fl_program_watch_free (FlProgramWatch *self)
{
  guint i;

  if (self == NULL)
    return;
  stop_keeper (self);
  if (self->fifo_fd >= 0)
    close (self->fifo_fd);
  for (i = 0; i < 3; i++)
    {
      if (self->out_fd[i] >= 0)
        close (self->out_fd[i]);
      g_string_free (self->out_buf[i], TRUE);
      g_queue_clear_full (&self->held[i], g_free);
    }
  if (self->fifo_path)
    unlink (self->fifo_path);
  if (self->text_path)
    unlink (self->text_path);
  if (self->tmp_dir)
    rmdir (self->tmp_dir);
  g_free (self->fifo_path);
  g_free (self->text_path);
  g_free (self->tmp_dir);
  g_free (self->data_dir);
  g_string_free (self->fifo_buf, TRUE);
  g_queue_clear_full (&self->probe_lines, (GDestroyNotify) probe_line_free);
  g_hash_table_unref (self->procs);
  g_hash_table_unref (self->thread_names);
  g_ptr_array_unref (self->notes);
  g_hash_table_unref (self->note_set);
  g_mutex_clear (&self->notes_mutex);
  g_clear_object (&self->store);
  g_object_unref (self->program);
  g_free (self);
}

void
fl_program_watch_set_store (FlProgramWatch *self,
                            FlStore        *store)
{
  g_set_object (&self->store, store);
}

void
fl_program_watch_set_sampler (FlProgramWatch *self,
                              FlSampler      *sampler)
{
  self->sampler = sampler;
}

GPtrArray *
fl_program_watch_dup_notes (FlProgramWatch *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);
  guint i;

  g_mutex_lock (&self->notes_mutex);
  for (i = 0; i < self->notes->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (self->notes, i)));
  g_mutex_unlock (&self->notes_mutex);
  return copy;
}

static gint64
store_now (FlProgramWatch *self)
{
  return (gint64) fl_trace_now () - self->t0;
}

static void
close_range_from (int first)
{
#ifdef SYS_close_range
  if (syscall (SYS_close_range, (unsigned) first, ~0u, 0) == 0)
    return;
#endif
  {
    long max = sysconf (_SC_OPEN_MAX);
    int fd;

    for (fd = first; fd < (max > 0 ? max : 1024); fd++)
      close (fd);
  }
}

/* The program's text, as an editor held it, in the run's own folder
 * (made by g_dir_make_tmp: 0700), readable by us only; removed with the
 * watch. */
static gboolean
write_text_copy (FlProgramWatch  *self,
                 GError         **error)
{
  g_autofree char *base = g_path_get_basename (self->program->path);
  const char *text = self->program->text;
  gsize len = strlen (text), done = 0;
  int fd;

  self->text_path = g_build_filename (self->tmp_dir, base, NULL);
  fd = open (self->text_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_clear_pointer (&self->text_path, g_free);
      g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_FILE,
                   _("Cannot write the program's text to a temporary file in %s: %s"),
                   self->tmp_dir, g_strerror (saved));
      return FALSE;
    }
  while (done < len)
    {
      ssize_t n = write (fd, text + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : ENOSPC;

          close (fd);
          g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_FILE,
                       _("Cannot write the program's text to %s: %s"), self->text_path, g_strerror (saved));
          return FALSE;
        }
      done += (gsize) n;
    }
  if (close (fd) < 0)
    {
      int saved = errno;
      g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_FILE,
                   _("Cannot write the program's text to %s: %s"), self->text_path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
fl_program_watch_spawn (FlProgramWatch *self,
                        gint64         *t0,
                        int            *pid_out,
                        GError        **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *probe_dir = g_build_filename (self->data_dir, "probe", NULL);
  g_autofree char *pythonpath = NULL;
  const char *old_path = g_environ_getenv (envp, "PYTHONPATH");
  const char * const *args = fl_program_get_args (self->program);
  int out_pipe[2] = { -1, -1 }, err_pipe[2] = { -1, -1 }, status_pipe[2] = { -1, -1 };
  int devnull;
  pid_t parent = getpid ();
  pid_t pid;
  int child_errno = 0;
  ssize_t n;
  guint i;

  if (!(self->tmp_dir = g_dir_make_tmp ("forkline-XXXXXX", error)))
    return FALSE;
  self->fifo_path = g_build_filename (self->tmp_dir, "probe", NULL);
  if (self->program->from_text && !write_text_copy (self, error))
    return FALSE;
  if (mkfifo (self->fifo_path, 0600) < 0 ||
      (self->fifo_fd = open (self->fifo_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
    {
      int saved = errno;
      g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_PROBE,
                   _("Cannot make the probe's channel %s: %s"), self->fifo_path, g_strerror (saved));
      return FALSE;
    }
  if (pipe2 (out_pipe, O_CLOEXEC) < 0 || pipe2 (err_pipe, O_CLOEXEC) < 0 ||
      pipe2 (status_pipe, O_CLOEXEC) < 0)
    {
      int saved = errno;
      g_set_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_PROBE,
                   _("Cannot make pipes for the program's output: %s"), g_strerror (saved));
      for (i = 0; i < 2; i++)
        {
          if (out_pipe[i] >= 0) close (out_pipe[i]);
          if (err_pipe[i] >= 0) close (err_pipe[i]);
          if (status_pipe[i] >= 0) close (status_pipe[i]);
        }
      return FALSE;
    }
  self->out_fd[1] = out_pipe[0];
  self->out_fd[2] = err_pipe[0];
  fcntl (out_pipe[0], F_SETFL, O_NONBLOCK);
  fcntl (err_pipe[0], F_SETFL, O_NONBLOCK);

  pythonpath = old_path && *old_path ? g_strconcat (probe_dir, ":", old_path, NULL) : g_strdup (probe_dir);
  envp = g_environ_setenv (envp, "PYTHONPATH", pythonpath, TRUE);
  envp = g_environ_setenv (envp, "FORKLINE_PROBE", self->fifo_path, TRUE);

  g_ptr_array_add (argv, (char *) fl_program_get_interpreter (self->program));
  if (self->text_path != NULL)
    {
      /* The editor's text: its private copy runs under the file's name. */
      g_ptr_array_add (argv, (char *) "-c");
      g_ptr_array_add (argv, (char *) run_text_bootstrap);
      g_ptr_array_add (argv, self->text_path);
    }
  g_ptr_array_add (argv, (char *) fl_program_get_path (self->program));
  for (i = 0; args && args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  devnull = open ("/dev/null", O_RDONLY | O_CLOEXEC);

  /* Processes of the run whose parent dies come to us, so that we reap them. */
  prctl (PR_SET_CHILD_SUBREAPER, 1);

  *t0 = (gint64) fl_trace_now ();
  self->t0 = *t0;
  pid = fork ();
  if (pid == 0)
    {
      /* The child: async-signal-safe calls only. */
      sigset_t empty;
      int e;

      setpgid (0, 0);
      prctl (PR_SET_PDEATHSIG, SIGKILL);
      if (getppid () != parent)
        _exit (127);
      sigemptyset (&empty);
      sigprocmask (SIG_SETMASK, &empty, NULL);
      signal (SIGINT, SIG_DFL);
      signal (SIGTERM, SIG_DFL);
      signal (SIGPIPE, SIG_DFL);
      signal (SIGCHLD, SIG_DFL);
      if ((devnull >= 0 && dup2 (devnull, STDIN_FILENO) < 0) ||
          dup2 (out_pipe[1], STDOUT_FILENO) < 0 || dup2 (err_pipe[1], STDERR_FILENO) < 0 ||
          dup2 (status_pipe[1], 3) < 0)
        _exit (127);
      close_range_from (4);
      fcntl (3, F_SETFD, FD_CLOEXEC);
      execve (g_ptr_array_index (argv, 0), (char **) argv->pdata, envp);
      e = errno;
      if (write (3, &e, sizeof e) < 0)
        _exit (127);
      _exit (127);
    }
  if (devnull >= 0)
    close (devnull);
  close (out_pipe[1]);
  close (err_pipe[1]);
  close (status_pipe[1]);
  if (pid < 0)
    {
      int saved = errno;
      close (status_pipe[0]);
      g_set_error (error, FL_RUN_ERROR, FL_RUN_ERROR_RUNNER,
                   _("Could not start %s: %s"), fl_program_get_interpreter (self->program), g_strerror (saved));
      return FALSE;
    }
  setpgid (pid, pid);
  do
    n = read (status_pipe[0], &child_errno, sizeof child_errno);
  while (n < 0 && errno == EINTR);
  close (status_pipe[0]);
  if (n == sizeof child_errno)
    {
      int status;

      waitpid (pid, &status, 0);
      g_set_error (error, FL_RUN_ERROR, FL_RUN_ERROR_RUNNER,
                   _("Could not start %s: %s"), fl_program_get_interpreter (self->program),
                   g_strerror (child_errno));
      return FALSE;
    }

  self->main_pid = pid;
  *pid_out = pid;
  start_keeper (self);
  return TRUE;
}

/* ---- the keeper ------------------------------------------------------------

   A child of the observer that does nothing until the observer dies (its
   parent-death signal), then kills the program's process group and every
   process whose environment carries this run's FORKLINE_PROBE: the
   program's processes that left the group or were orphaned to init.  A
   fork of a threaded program: system calls only, no allocation. */

struct linux_dirent64
{
  guint64        d_ino;
  gint64         d_off;
  unsigned short d_reclen;
  unsigned char  d_type;
  char           d_name[];
};

static void
keeper_sweep (const char *marker,
              gsize       marker_len,
              char       *buf,
              gsize       buf_size)
{
  char dents[4096];
  int dir = open ("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  long n;

  if (dir < 0)
    return;
  while ((n = syscall (SYS_getdents64, dir, dents, sizeof dents)) > 0)
    {
      long off = 0;

      while (off < n)
        {
          struct linux_dirent64 *d = (struct linux_dirent64 *) (dents + off);
          const char *p = d->d_name;
          char path[48] = "/proc/";
          gsize k = 6;
          int pid = 0, fd;
          ssize_t len;

          off += d->d_reclen;
          if (*p < '1' || *p > '9')
            continue;
          for (; *p >= '0' && *p <= '9' && k < 20; p++)
            {
              pid = pid * 10 + (*p - '0');
              path[k++] = *p;
            }
          if (*p != '\0' || pid == getpid ())
            continue;
          memcpy (path + k, "/environ", 9);
          if ((fd = open (path, O_RDONLY | O_CLOEXEC)) < 0)
            continue;
          len = read (fd, buf, buf_size);
          close (fd);
          if (len > 0 && memmem (buf, (gsize) len, marker, marker_len) != NULL)
            kill (pid, SIGKILL);
        }
    }
  close (dir);
}

static void
keeper_main (pid_t       observer,
             pid_t       group,
             const char *marker,
             gsize       marker_len,
             char       *buf,
             gsize       buf_size)
{
  sigset_t set;
  int sig = 0, round;

  sigemptyset (&set);
  sigaddset (&set, SIGTERM);
  sigprocmask (SIG_BLOCK, &set, NULL);
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  close_range_from (0);
  if (getppid () == observer)
    sigwait (&set, &sig);
  /* The observer is gone: nothing of its run may stay. */
  for (round = 0; round < 3; round++)
    {
      kill (-group, SIGKILL);
      keeper_sweep (marker, marker_len, buf, buf_size);
    }
  _exit (0);
}

static void
start_keeper (FlProgramWatch *self)
{
  g_autofree char *marker = g_strdup_printf ("FORKLINE_PROBE=%s", self->fifo_path);
  gsize marker_len = strlen (marker) + 1;      /* with its NUL: the whole entry */
  gsize buf_size = 1 << 20;
  g_autofree char *buf = g_malloc (buf_size);
  pid_t observer = getpid ();
  pid_t pid = fork ();

  if (pid == 0)
    keeper_main (observer, self->main_pid, marker, marker_len, buf, buf_size);
  if (pid > 0)
    self->keeper_pid = pid;
}

static void
stop_keeper (FlProgramWatch *self)
{
  if (self->keeper_pid <= 0)
    return;
  kill (self->keeper_pid, SIGKILL);
  while (waitpid (self->keeper_pid, NULL, 0) < 0 && errno == EINTR)
    ;
  self->keeper_pid = 0;
}

/* ---- processes and threads ---------------------------------------------- */

static char *
read_comm (int pid,
           int tid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/task/%d/comm", pid, tid);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return g_strdup (g_strstrip (text));
}

/* Adds a lane for thread @tid of @proc, unless past the limit. */
static guint
add_thread_lane (FlProgramWatch *self,
                 Proc           *proc,
                 int             tid,
                 const char     *name,
                 gint64          t)
{
  g_autofree char *comm = NULL;
  g_autofree char *key = g_strdup_printf ("%d:%d", proc->pid, tid);
  const char *reported = g_hash_table_lookup (self->thread_names, key);
  gboolean is_main = tid == proc->pid;
  gboolean is_run_main = is_main && proc->pid == self->main_pid;
  FlLaneInfo *info;
  FlEvent ev = { 0 };
  guint lane;

  if (name == NULL)
    name = reported;
  if (name == NULL)
    name = comm = read_comm (proc->pid, tid);
  if (name == NULL)
    name = "?";

  if (is_run_main)
    lane = 0;
  else if (fl_store_get_n_lanes (self->store) >= FL_PROGRAM_MAX_LANES)
    {
      if (is_main)
        self->n_lanes_hidden_procs++;
      else
        self->n_lanes_hidden_threads++;
      g_hash_table_insert (proc->threads, GINT_TO_POINTER (tid), GUINT_TO_POINTER (G_MAXUINT));
      return G_MAXUINT;
    }
  else
    lane = fl_store_add_lane (self->store, FL_LANE_WORKER, is_main, name, NULL);

  g_hash_table_insert (proc->threads, GINT_TO_POINTER (tid), GUINT_TO_POINTER (lane + 1));
  if (is_main)
    proc->lane = lane;

  fl_store_lock (self->store);
  info = fl_store_get_lane_info_mut (self->store, lane);
  if (is_run_main)
    {
      if (name && !g_str_equal (name, "?"))
        {
          g_free (info->name);
          info->name = g_strdup (name);
        }
    }
  info->pid = proc->pid;
  info->tid = tid;
  if (info->create_t < 0)
    info->create_t = t;
  info->start_t = t;
  ev.t = t;
  ev.kind = is_main ? FL_EV_RUN_START : FL_EV_WORKER_START;
  ev.cpu = G_MAXUINT16;
  fl_store_append (self->store, lane, &ev);
  ev.kind = FL_EV_STATE;
  ev.arg8 = FL_STATE_RUNNING;
  fl_store_append (self->store, lane, &ev);
  fl_store_unlock (self->store);
  return lane;
}

static Proc *
ensure_proc (FlProgramWatch *self,
             int             pid,
             int             ppid,
             gint64          t)
{
  Proc *proc = g_hash_table_lookup (self->procs, GINT_TO_POINTER (pid));
  char path[64];

  if (proc)
    return proc;
  proc = g_new0 (Proc, 1);
  proc->pid = pid;
  proc->ppid = ppid;
  proc->lane = G_MAXUINT;
  proc->vanished_t = -1;
  proc->threads = g_hash_table_new (NULL, NULL);
  proc->missing = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_snprintf (path, sizeof path, "/proc/%d/stat", pid);
  proc->stat_fd = open (path, O_RDONLY | O_CLOEXEC);
  /* Learnt of only after its parent reaped it (a short child on a busy
   * machine): it has vanished, and the parent's report of how it ended
   * may still come, as for any vanished process (check_procs). */
  if (proc->stat_fd < 0 && pid != self->main_pid)
    proc->vanished_t = store_now (self);
  g_hash_table_insert (self->procs, GINT_TO_POINTER (pid), proc);
  add_thread_lane (self, proc, pid, NULL, t);
  return proc;
}

static guint
thread_lane (Proc *proc,
             int   tid)
{
  gpointer v = g_hash_table_lookup (proc->threads, GINT_TO_POINTER (tid));

  if (v == NULL || GPOINTER_TO_UINT (v) == G_MAXUINT)
    return G_MAXUINT;
  return GPOINTER_TO_UINT (v) - 1;
}

static void
set_lane_name (FlProgramWatch *self,
               guint           lane,
               const char     *name)
{
  FlLaneInfo *info;

  if (lane == G_MAXUINT || name == NULL)
    return;
  fl_store_lock (self->store);
  info = fl_store_get_lane_info_mut (self->store, lane);
  if (g_strcmp0 (info->name, name) != 0)
    {
      g_free (info->name);
      info->name = g_strdup (name);
    }
  fl_store_unlock (self->store);
}

/* The lane's CPU time from its latest sample; the caller holds the lock. */
static void
take_cpu (FlStore *store,
          guint    lane,
          FlLaneInfo *info)
{
  gsize n;
  const FlLaneSample *samples = fl_store_get_lane_samples (store, lane, &n);

  if (n > 0)
    info->cpu_ns = samples[n - 1].cpu_ns;
}

/* Ends one thread's lane at @t: exited, or killed by @signal. */
static void
end_lane (FlProgramWatch *self,
          guint           lane,
          gint64          t,
          int             signal,
          int             exit_code,
          gboolean        stopped)
{
  FlLaneInfo *info;
  FlEvent ev = { 0 };

  if (lane == G_MAXUINT)
    return;
  fl_store_lock (self->store);
  info = fl_store_get_lane_info_mut (self->store, lane);
  if (info->exit_t < 0 && info->end_t < 0)
    {
      take_cpu (self->store, lane, info);
      ev.t = MAX (t, info->start_t);
      ev.cpu = G_MAXUINT16;
      if (signal)
        {
          info->end_t = ev.t;
          info->signal = signal;
          info->stopped = stopped;
          ev.kind = FL_EV_CRASH;
          ev.arg8 = (guint8) signal;
        }
      else
        {
          info->exit_t = ev.t;
          info->exit_code = exit_code;
          ev.kind = FL_EV_EXIT;
          ev.a = (guint32) exit_code;
        }
      fl_store_append (self->store, lane, &ev);
    }
  fl_store_unlock (self->store);
}

/* A process is over: its status, if known, ends every lane of it. */
static void
end_proc (FlProgramWatch *self,
          Proc           *proc,
          gint64          t,
          gboolean        stopped)
{
  GHashTableIter iter;
  gpointer key, value;
  int signal = 0, code = 0;
  gboolean known = proc->status_known;

  if (proc->gone)
    return;
  proc->gone = TRUE;
  if (proc->stat_fd >= 0)
    {
      close (proc->stat_fd);
      proc->stat_fd = -1;
    }
  if (self->sampler)
    fl_sampler_set_gil_range (self->sampler, proc->pid, NULL);
  if (known)
    {
      if (WIFSIGNALED (proc->status))
        signal = WTERMSIG (proc->status);
      else if (WIFEXITED (proc->status))
        code = WEXITSTATUS (proc->status);
      if (proc->status_t >= 0 && proc->status_t < t)
        t = proc->status_t;
    }

  g_hash_table_iter_init (&iter, proc->threads);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      int tid = GPOINTER_TO_INT (key);
      guint lane = GPOINTER_TO_UINT (value) == G_MAXUINT ? G_MAXUINT : GPOINTER_TO_UINT (value) - 1;

      if (tid == proc->pid)
        continue;
      /* Threads die with their process: by its signal, or with it. */
      end_lane (self, lane, t, signal, 0, stopped);
    }
  if (proc->lane != G_MAXUINT && proc->pid != self->main_pid)
    {
      if (known)
        end_lane (self, proc->lane, t, signal, code, stopped);
      else
        {
          /* Reaped by its parent before anyone saw how it ended. */
          FlLaneInfo *info;

          fl_store_lock (self->store);
          info = fl_store_get_lane_info_mut (self->store, proc->lane);
          if (info->exit_t < 0 && info->end_t < 0)
            {
              FlEvent ev = { MAX (t, info->start_t), 0, G_MAXUINT16, FL_EV_EXIT, 0 };

              take_cpu (self->store, proc->lane, info);
              info->end_t = ev.t;
              /* An end without a cause: "exit" is unknown (null). */
              ev.kind = FL_EV_STATE;
              ev.arg8 = FL_STATE_EXITED;
              fl_store_append (self->store, proc->lane, &ev);
            }
          fl_store_unlock (self->store);
        }
    }
}

/* Field 52 of /proc/PID/stat, the exit code of a zombie (a wait status). */
static gboolean
read_zombie_status (const char *buf,
                    gsize       len,
                    int        *status)
{
  const char *p = memrchr (buf, ')', len);
  const char *end = buf + len;
  guint field = 2;

  if (p == NULL)
    return FALSE;
  for (; p < end && field < 52; p++)
    if (*p == ' ')
      field++;
  if (field != 52 || p >= end)
    return FALSE;
  *status = atoi (p);
  return TRUE;
}

static void read_fifo (FlProgramWatch *self);

static void
check_procs (FlProgramWatch *self)
{
  typedef struct { Proc *proc; gint64 t; } Ended;
  g_autoptr(GArray) ended = g_array_new (FALSE, FALSE, sizeof (Ended));
  GHashTableIter iter;
  gpointer value;
  gint64 t = store_now (self);
  guint i;

  g_hash_table_iter_init (&iter, self->procs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Proc *proc = value;
      char buf[1024];
      const char *paren;
      ssize_t n;

      if (proc->gone)
        continue;
      n = proc->stat_fd >= 0 ? pread (proc->stat_fd, buf, sizeof buf - 1, 0) : 0;
      if (n <= 0)
        {
          /* Reaped by its parent: the probe's report of how it ended may
           * still be on its way; wait for it a little. */
          if (proc->pid == self->main_pid)
            continue;
          if (proc->vanished_t < 0)
            proc->vanished_t = t;
          else if (t - proc->vanished_t > VANISHED_WAIT_NS)
            g_array_append_val (ended, ((Ended) { proc, proc->vanished_t }));
          continue;
        }
      buf[n] = '\0';
      paren = memrchr (buf, ')', n);
      if (paren && paren + 2 < buf + n && (paren[2] == 'Z' || paren[2] == 'X'))
        {
          int status;

          if (!proc->status_known && read_zombie_status (buf, n, &status))
            {
              proc->status_known = TRUE;
              proc->status = status;
              proc->status_t = t;
            }
          if (proc->pid != self->main_pid)
            g_array_append_val (ended, ((Ended) { proc, t }));
        }
    }
  if (ended->len == 0)
    return;
  /* What the ended processes wrote is in the probe channel by now: read it
   * while they still count (processes are never taken out of the table,
   * so the pointers stay good). */
  read_fifo (self);
  for (i = 0; i < ended->len; i++)
    end_proc (self, g_array_index (ended, Ended, i).proc, g_array_index (ended, Ended, i).t, FALSE);
}

static void
look_for_gil (FlProgramWatch *self,
              Proc           *proc)
{
  g_autofree char *why = NULL;
  FlGilRange range;

  if (proc->gil_looked || proc->gone)
    return;
  proc->gil_looked = TRUE;
  if (self->free_threaded)
    return;
  if (fl_python_find_runtime (proc->pid, &range, &why))
    {
      if (self->sampler)
        fl_sampler_set_gil_range (self->sampler, proc->pid, &range);
    }
  else if (proc->python)
    {
      g_autofree char *note = gil_not_found_note (proc->pid, why);
      add_note (self, note);
    }
}

/* Its main thread a zombie, or the process gone. */
static gboolean
proc_is_dying (Proc *proc)
{
  char buf[512];
  const char *paren;
  ssize_t n;

  if (proc->stat_fd < 0 || (n = pread (proc->stat_fd, buf, sizeof buf - 1, 0)) <= 0)
    return TRUE;
  buf[n] = '\0';
  paren = strrchr (buf, ')');
  return paren == NULL || paren[1] == '\0' || paren[2] == 'Z' || paren[2] == 'X';
}

static void
scan_threads (FlProgramWatch *self,
              Proc           *proc)
{
  char path[64];
  DIR *dir;
  struct dirent *de;
  g_autoptr(GHashTable) present = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;
  gint64 t = store_now (self);

  g_snprintf (path, sizeof path, "/proc/%d/task", proc->pid);
  if (!(dir = opendir (path)))
    return;
  while ((de = readdir (dir)))
    {
      int tid = atoi (de->d_name);

      if (tid <= 0)
        continue;
      g_hash_table_add (present, GINT_TO_POINTER (tid));
      if (!g_hash_table_contains (proc->threads, GINT_TO_POINTER (tid)))
        add_thread_lane (self, proc, tid, NULL, t);
    }
  closedir (dir);
  if (g_hash_table_size (present) == 0)
    return;
  /* Threads gone while their process goes on: they returned.  A process
   * that dies loses its threads before its main thread becomes a zombie:
   * a thread is taken as returned only when its process is still there
   * a moment later (else its process's end ends it, with its signal). */
  g_hash_table_iter_init (&iter, proc->threads);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 *since;

      if (GPOINTER_TO_INT (key) == proc->pid || g_hash_table_contains (present, key) ||
          GPOINTER_TO_UINT (value) == G_MAXUINT)
        continue;
      if (!(since = g_hash_table_lookup (proc->missing, key)))
        {
          since = g_new (gint64, 1);
          *since = t;
          g_hash_table_insert (proc->missing, key, since);
        }
      else if (t - *since >= THREAD_GONE_NS && !proc_is_dying (proc))
        end_lane (self, GPOINTER_TO_UINT (value) - 1, *since, 0, 0, FALSE);
    }
}

/* Reads "pid (comm) S ppid" of every process; adds the children of
 * processes of the program, and with @orphans, the observer's children
 * that carry this run's probe channel in their environment. */
static void
scan_tree (FlProgramWatch *self,
           gboolean        orphans)
{
  DIR *dir = opendir ("/proc");
  struct dirent *de;
  gint64 t = store_now (self);
  int me = getpid ();

  if (dir == NULL)
    return;
  while ((de = readdir (dir)))
    {
      char path[64], buf[512];
      const char *paren;
      int pid = atoi (de->d_name), ppid, fd;
      ssize_t n;

      if (pid <= 0 || g_hash_table_contains (self->procs, GINT_TO_POINTER (pid)))
        continue;
      g_snprintf (path, sizeof path, "/proc/%d/stat", pid);
      if ((fd = open (path, O_RDONLY | O_CLOEXEC)) < 0)
        continue;
      n = read (fd, buf, sizeof buf - 1);
      close (fd);
      if (n <= 0)
        continue;
      buf[n] = '\0';
      if (!(paren = strrchr (buf, ')')) || strlen (paren) < 5)
        continue;
      ppid = atoi (paren + 4);
      if (g_hash_table_contains (self->procs, GINT_TO_POINTER (ppid)))
        ensure_proc (self, pid, ppid, t);
      else if (orphans && ppid == me)
        {
          g_autofree char *env_path = g_strdup_printf ("/proc/%d/environ", pid);
          g_autofree char *env = NULL;
          g_autofree char *needle = g_strdup_printf ("FORKLINE_PROBE=%s", self->fifo_path);
          gsize len;

          if (g_file_get_contents (env_path, &env, &len, NULL) &&
              memmem (env, len, needle, strlen (needle) + 1))
            ensure_proc (self, pid, ppid, t);
        }
    }
  closedir (dir);
}

/* ---- the probe ---------------------------------------------------------- */

static void
handle_record (FlProgramWatch *self,
               const char     *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  const char *e;
  int pid, tid;
  gint64 t;
  Proc *proc;

  if (!json_parser_load_from_data (parser, line, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  o = json_node_get_object (json_parser_get_root (parser));
  e = json_object_get_string_member_with_default (o, "e", "");
  pid = (int) json_object_get_int_member_with_default (o, "pid", 0);
  tid = (int) json_object_get_int_member_with_default (o, "tid", 0);
  t = json_object_get_int_member_with_default (o, "t", 0) - self->t0;
  if (pid <= 0)
    return;
  if (t < 0)
    t = 0;

  if (g_str_equal (e, "out"))
    {
      ProbeLine *pl = g_new0 (ProbeLine, 1);

      pl->stream = (int) json_object_get_int_member_with_default (o, "s", 1);
      pl->pid = pid;
      pl->tid = tid;
      pl->t = t;
      pl->cut = json_object_get_boolean_member_with_default (o, "cut", FALSE);
      pl->text = g_strdup (json_object_get_string_member_with_default (o, "text", ""));
      g_queue_push_tail (&self->probe_lines, pl);
      while (self->probe_lines.length > MAX_PENDING_OUT)
        probe_line_free (g_queue_pop_head (&self->probe_lines));
      return;
    }

  proc = g_hash_table_lookup (self->procs, GINT_TO_POINTER (pid));
  if (g_str_equal (e, "proc"))
    {
      int ppid = (int) json_object_get_int_member_with_default (o, "ppid", 0);

      if (!proc)
        proc = ensure_proc (self, pid, ppid, t);
      /* Python now runs in it (after an exec, perhaps): look for its GIL. */
      if (!proc->python)
        proc->gil_looked = FALSE;
      proc->python = TRUE;
      if (json_object_has_member (o, "gil") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "gil")) &&
          !json_object_get_boolean_member (o, "gil"))
        {
          self->free_threaded = TRUE;
          add_note (self, no_gil_note ());
        }
      if (!proc->named && pid == self->main_pid)
        set_lane_name (self, proc->lane, "MainProcess");
      return;
    }
  if (proc == NULL)
    return;
  /* A name stays true after the process ended: a short-lived child may be
   * reaped before its records are read (a busy machine), and its lane still
   * carries the name multiprocessing gave it. */
  if (g_str_equal (e, "name"))
    {
      proc->named = TRUE;
      set_lane_name (self, proc->lane, json_object_get_string_member_with_default (o, "name", NULL));
      return;
    }
  if (proc->gone)
    {
      /* Its threads' names too, where their lanes exist. */
      if (g_str_equal (e, "thread"))
        set_lane_name (self, thread_lane (proc, tid), json_object_get_string_member_with_default (o, "name", NULL));
      return;
    }
  if (g_str_equal (e, "thread"))
    {
      const char *name = json_object_get_string_member_with_default (o, "name", NULL);
      guint lane = thread_lane (proc, tid);

      if (tid <= 0)
        return;
      if (lane == G_MAXUINT && !g_hash_table_contains (proc->threads, GINT_TO_POINTER (tid)))
        lane = add_thread_lane (self, proc, tid, name, t);
      else if (lane != G_MAXUINT)
        {
          FlLaneInfo *info;

          set_lane_name (self, lane, name);
          fl_store_lock (self->store);
          info = fl_store_get_lane_info_mut (self->store, lane);
          if (t < info->start_t)
            info->start_t = info->create_t = t;
          fl_store_unlock (self->store);
        }
    }
  else if (g_str_equal (e, "thread_end"))
    end_lane (self, thread_lane (proc, tid), t, 0, 0, FALSE);
  else if (g_str_equal (e, "join_begin") || g_str_equal (e, "join_end"))
    {
      int target = (int) json_object_get_int_member_with_default (o, "target", 0);
      guint joiner = thread_lane (proc, tid);
      guint joined = target > 0 ? thread_lane (proc, target) : G_MAXUINT;
      gboolean begin = g_str_equal (e, "join_begin");

      /* While in Thread.join, a futex wait is a join, not a lock. */
      if (joiner != G_MAXUINT && self->sampler)
        fl_sampler_set_lane_hint (self->sampler, joiner, begin ? FL_STATE_JOIN : FL_STATE_NONE);
      if (begin || !json_object_get_boolean_member_with_default (o, "over", FALSE))
        return;
      if (joined == G_MAXUINT || joiner == G_MAXUINT || joined == joiner)
        return;
      fl_store_lock (self->store);
      {
        FlLaneInfo *info = fl_store_get_lane_info_mut (self->store, joined);
        FlEvent ev = { t, joined, G_MAXUINT16, FL_EV_JOIN, 0 };

        if (info->join_t < 0)
          {
            info->join_t = t;
            fl_store_append (self->store, joiner, &ev);
          }
      }
      fl_store_unlock (self->store);
    }
  else if (g_str_equal (e, "reap"))
    {
      int child = (int) json_object_get_int_member_with_default (o, "child", 0);
      int status = (int) json_object_get_int_member_with_default (o, "status", 0);
      Proc *cp = g_hash_table_lookup (self->procs, GINT_TO_POINTER (child));
      guint reaper = thread_lane (proc, tid);

      if (cp == NULL)
        return;
      if (!cp->status_known)
        {
          cp->status_known = TRUE;
          cp->status = status;
          cp->status_t = cp->vanished_t >= 0 ? MIN (cp->vanished_t, t) : t;
        }
      end_proc (self, cp, t, FALSE);
      if (cp->lane != G_MAXUINT)
        {
          fl_store_lock (self->store);
          fl_store_get_lane_info_mut (self->store, cp->lane)->join_t = t;
          if (reaper != G_MAXUINT)
            {
              FlEvent ev = { t, cp->lane, G_MAXUINT16, FL_EV_JOIN, 0 };
              fl_store_append (self->store, reaper, &ev);
            }
          fl_store_unlock (self->store);
        }
    }
}

static void
read_fifo (FlProgramWatch *self)
{
  char buf[65536];
  ssize_t n;
  gsize start = 0;
  guint rounds = 0;

  if (self->fifo_fd < 0)
    return;
  while (rounds++ < 64 && (n = read (self->fifo_fd, buf, sizeof buf)) > 0)
    g_string_append_len (self->fifo_buf, buf, n);
  for (;;)
    {
      char *nl = memchr (self->fifo_buf->str + start, '\n', self->fifo_buf->len - start);

      if (nl == NULL)
        break;
      *nl = '\0';
      handle_record (self, self->fifo_buf->str + start);
      start = (gsize) (nl - self->fifo_buf->str) + 1;
    }
  g_string_erase (self->fifo_buf, 0, start);
  if (self->fifo_buf->len > MAX_PENDING_BYTES)
    g_string_truncate (self->fifo_buf, 0);
}

/* ---- output -------------------------------------------------------------- */

/* Adds one line of @stream, read at @seen, to the lane of the thread the
 * probe says wrote it (@match, taken and freed, and its time if earlier),
 * or to the main process's lane. */
static void
store_output (FlProgramWatch *self,
              int             stream,
              char           *copy,
              gint64          seen,
              ProbeLine      *match)
{
  FlOutputLine line = { 0 };
  FlEvent ev = { 0 };
  guint lane = 0;

  line.t = seen;
  if (match)
    {
      Proc *proc = g_hash_table_lookup (self->procs, GINT_TO_POINTER (match->pid));
      guint tl = proc ? thread_lane (proc, match->tid) : G_MAXUINT;

      if (tl == G_MAXUINT && proc)
        tl = proc->lane;
      if (tl != G_MAXUINT)
        lane = tl;
      line.t = MIN (line.t, match->t);
      probe_line_free (match);
    }
  /* A stream's lines stay in the order they were written: a line the
   * probe did not report has only the time it was read, later than its
   * write, and the next line cannot come before it. */
  line.t = MAX (line.t, self->last_out_t[stream]);
  self->last_out_t[stream] = line.t;

  if (strlen (copy) > FL_TEXT_MAX)
    {
      gsize cut = FL_TEXT_MAX;
      while (cut > 0 && (copy[cut] & 0xc0) == 0x80)
        cut--;
      copy[cut] = '\0';
      line.truncated = TRUE;
    }
  if (!g_utf8_validate (copy, -1, NULL))
    {
      char *valid = g_utf8_make_valid (copy, -1);
      g_free (copy);
      copy = valid;
    }
  line.lane = lane;
  line.text = copy;

  fl_store_lock (self->store);
  fl_store_add_output (self->store, &line);
  ev.t = line.t;
  ev.kind = FL_EV_OUTPUT;
  ev.arg8 = line.truncated ? FL_OUTPUT_TRUNCATED : 0;
  ev.a = fl_store_get_n_output (self->store) - 1;
  ev.cpu = G_MAXUINT16;
  fl_store_append (self->store, lane, &ev);
  fl_store_unlock (self->store);
  g_free (copy);
}

/* Whether @line is @a and @b with their bytes interleaved, each in its
 * own order: what two writers' writes make of one pipe (a print() with
 * an unbuffered stdout is several writes). */
static gboolean
is_interleaving (const char *line,
                 const char *a,
                 gsize       na,
                 const char *b,
                 gsize       nb)
{
  g_autofree guint8 *reach = NULL;
  gsize i, j;

  if (na == 0 || nb == 0 || na * nb > (1 << 20))
    return FALSE;
  /* reach[i][j]: the first i + j bytes of @line are a's first i and b's first j. */
  reach = g_malloc0 ((na + 1) * (nb + 1));
  reach[0] = 1;
  for (i = 0; i <= na; i++)
    for (j = 0; j <= nb; j++)
      {
        guint8 *r = &reach[i * (nb + 1) + j];

        if (i > 0 && reach[(i - 1) * (nb + 1) + j] && a[i - 1] == line[i + j - 1])
          *r = 1;
        if (j > 0 && reach[i * (nb + 1) + j - 1] && b[j - 1] == line[i + j - 1])
          *r = 1;
      }
  return reach[na * (nb + 1) + nb];
}

#define SPLIT_CANDIDATES 32

/* Lines that several processes or threads printed at once on one pipe can
 * reach it mixed: "Cube of 4 is 64Square of 4 is 16", then an empty line
 * (the second newline).  When the probe's pending lines of @stream
 * account for every byte of @copy — whole texts one after another, or two
 * texts interleaved — each is added as its writer printed it, and the
 * newlines still to come are owed (try_add_output() drops them). */
static gboolean
split_mixed (FlProgramWatch *self,
             const char     *copy,
             int             stream,
             gint64          seen)
{
  GList *cand[SPLIT_CANDIDATES], *used[SPLIT_CANDIDATES];
  guint n_cand = 0, n_used = 0, i, j;
  gsize len = strlen (copy), at = 0;
  GList *l;

  for (l = self->probe_lines.head; l && n_cand < SPLIT_CANDIDATES; l = l->next)
    {
      ProbeLine *pl = l->data;

      if (pl->stream == stream && !pl->cut && pl->text[0] != '\0')
        cand[n_cand++] = l;
    }
  /* Whole texts, one after another (the oldest that fits first). */
  while (at < len)
    {
      gboolean found = FALSE;

      for (i = 0; i < n_cand && !found; i++)
        {
          ProbeLine *pl = cand[i] ? cand[i]->data : NULL;

          if (pl != NULL && strncmp (copy + at, pl->text, strlen (pl->text)) == 0)
            {
              at += strlen (pl->text);
              used[n_used++] = cand[i];
              cand[i] = NULL;
              found = TRUE;
            }
        }
      if (!found)
        break;
    }
  if (at != len || n_used < 2)
    {
      /* Two texts interleaved byte by byte. */
      for (i = 0; i < n_used; i++)
        for (j = 0; j < n_cand; j++)
          if (cand[j] == NULL)
            {
              cand[j] = used[i];
              break;
            }
      n_used = 0;
      for (i = 0; i < n_cand && n_used == 0; i++)
        for (j = i + 1; j < n_cand && n_used == 0; j++)
          {
            ProbeLine *a = cand[i] ? cand[i]->data : NULL, *b = cand[j] ? cand[j]->data : NULL;

            if (a != NULL && b != NULL && strlen (a->text) + strlen (b->text) == len &&
                is_interleaving (copy, a->text, strlen (a->text), b->text, strlen (b->text)))
              {
                used[n_used++] = cand[i];
                used[n_used++] = cand[j];
              }
          }
      if (n_used == 0)
        return FALSE;
    }
  /* In the order they were printed (the probe's queue order). */
  for (l = self->probe_lines.head; l; )
    {
      GList *next = l->next;

      for (i = 0; i < n_used; i++)
        if (used[i] == l)
          {
            ProbeLine *pl = l->data;

            g_queue_unlink (&self->probe_lines, l);
            g_list_free_1 (l);
            store_output (self, stream, g_strdup (pl->text), seen, pl);
            break;
          }
      l = next;
    }
  self->owed_newlines[stream] += n_used - 1;
  return TRUE;
}

/* One line read from a pipe: added to the lane of the thread that wrote
 * it, as the probe reported.  The report comes before the bytes, but when
 * writers mix their bytes on the pipe, a line is complete only once every
 * writer's report is in; so a line no report accounts for yet waits (FALSE)
 * until @force: then it goes to the main process's lane. */
static gboolean
try_add_output (FlProgramWatch *self,
                const char     *text,
                int             stream,
                gint64          seen,
                gboolean        force)
{
  g_autofree char *copy = NULL;
  gsize len = strlen (text);
  ProbeLine *match = NULL;
  GList *l;
  guint k;

  if (len > 0 && text[len - 1] == '\r')
    len--;
  copy = g_strndup (text, len);
  /* The probe said which thread wrote it, just before writing it. */
  for (l = self->probe_lines.head, k = 0; l && k < 256; l = l->next, k++)
    {
      ProbeLine *pl = l->data;

      if (pl->stream == stream && (g_str_equal (pl->text, copy) ||
                                   (pl->cut && g_str_has_prefix (copy, pl->text))))
        {
          match = pl;
          g_queue_delete_link (&self->probe_lines, l);
          break;
        }
    }
  if (match == NULL && copy[0] == '\0' && self->owed_newlines[stream] > 0)
    {
      /* The newline of a line already added whole by split_mixed(). */
      self->owed_newlines[stream]--;
      return TRUE;
    }
  if (match == NULL && copy[0] != '\0' && split_mixed (self, copy, stream, seen))
    return TRUE;
  if (match == NULL && !force)
    return FALSE;
  store_output (self, stream, g_steal_pointer (&copy), seen, match);
  return TRUE;
}

/* A line waiting for the probe's word, and since when. */
typedef struct
{
  gint64 since;
  char   text[];
} HeldLine;

/* How long a line waits for the probe's report of who wrote it: a
 * program's output the probe does not see (a C extension, a child that is
 * not Python, python -E) shows this much later. */
#define HOLD_NS (150 * G_GINT64_CONSTANT (1000000))

/* The lines held for @stream, in order, as far as they can go now. */
static void
release_held (FlProgramWatch *self,
              int             stream,
              gboolean        flush)
{
  gint64 now = store_now (self);
  HeldLine *held;

  while ((held = g_queue_peek_head (&self->held[stream])) != NULL)
    {
      if (!try_add_output (self, held->text, stream, held->since, flush || now - held->since >= HOLD_NS))
        break;
      g_free (g_queue_pop_head (&self->held[stream]));
    }
}

static gboolean
read_outputs (FlProgramWatch *self,
              GPtrArray      *complete,
              gboolean        flush)
{
  gboolean any = FALSE;
  int s;

  for (s = 1; s <= 2; s++)
    {
      char buf[65536];
      ssize_t n;
      gsize start = 0;
      guint rounds = 0;
      GString *b = self->out_buf[s];

      while (self->out_fd[s] >= 0 && rounds++ < 16 && (n = read (self->out_fd[s], buf, sizeof buf)) > 0)
        g_string_append_len (b, buf, n);
      for (;;)
        {
          char *nl = memchr (b->str + start, '\n', b->len - start);

          if (nl == NULL)
            break;
          g_ptr_array_add (complete, GINT_TO_POINTER (s));
          g_ptr_array_add (complete, g_strndup (b->str + start, (gsize) (nl - b->str) - start));
          start = (gsize) (nl - b->str) + 1;
        }
      g_string_erase (b, 0, start);
      /* A line longer than any kept is cut where it stands. */
      if (b->len > 4 * FL_TEXT_MAX || (flush && b->len > 0))
        {
          g_ptr_array_add (complete, GINT_TO_POINTER (s));
          g_ptr_array_add (complete, g_strndup (b->str, b->len));
          g_string_truncate (b, 0);
        }
      any = any || complete->len > 0;
    }
  return any;
}

static gboolean
poll_output (FlProgramWatch *self,
             gboolean        flush)
{
  g_autoptr(GPtrArray) complete = g_ptr_array_new ();
  guint i;

  /* Pipes first, then the probe: a line's report precedes its bytes. */
  read_outputs (self, complete, flush);
  read_fifo (self);
  for (i = 0; i + 1 < complete->len; i += 2)
    {
      char *text = g_ptr_array_index (complete, i + 1);
      int stream = GPOINTER_TO_INT (g_ptr_array_index (complete, i));
      gsize len = strlen (text);
      HeldLine *held = g_malloc (sizeof (HeldLine) + len + 1);

      held->since = store_now (self);
      memcpy (held->text, text, len + 1);
      g_queue_push_tail (&self->held[stream], held);
      g_free (text);
    }
  for (i = 1; i <= 2; i++)
    release_held (self, (int) i, flush);
  return complete->len > 0;
}

gboolean
fl_program_watch_poll (FlProgramWatch *self)
{
  GHashTableIter iter;
  gpointer value;
  gboolean output;

  if (g_hash_table_size (self->procs) == 0 && self->main_pid > 0)
    {
      Proc *main_proc = ensure_proc (self, self->main_pid, getpid (), 0);
      main_proc->lane = 0;
    }

  output = poll_output (self, FALSE);

  if (self->polls % THREAD_SCAN_EVERY == 0)
    {
      g_hash_table_iter_init (&iter, self->procs);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Proc *proc = value;

          if (proc->gone || proc->vanished_t >= 0)
            continue;
          scan_threads (self, proc);
          if (!proc->gil_looked && proc->python)
            look_for_gil (self, proc);
          /* A main process the probe never spoke from (Python 2, -E, -I):
           * its GIL is looked for all the same, and the run says so. */
          if (proc->pid == self->main_pid && !proc->python && !proc->gil_looked && self->polls == 60)
            {
              proc->python = TRUE;
              look_for_gil (self, proc);
              proc->python = FALSE;
              add_note (self, _("Forkline's probe did not load in the program's main process (a Python "
                                "older than 3.7, or run with -E or -I): its threads are named by the kernel, "
                                "and its output lines are shown on the main process's lane."));
            }
        }
    }
  if (self->polls % TREE_SCAN_EVERY == 0)
    scan_tree (self, FALSE);
  check_procs (self);
  self->polls++;

  if ((self->n_lanes_hidden_threads || self->n_lanes_hidden_procs) && !self->said_limit)
    {
      self->said_limit = TRUE;
      add_note (self, _("The program has more threads and processes than the timeline draws: "
                        "past the first lanes, they are counted, not drawn."));
    }
  return output;
}

void
fl_program_watch_reap (FlProgramWatch *self)
{
  g_autoptr(GArray) reaped = g_array_new (FALSE, FALSE, sizeof (int));
  GHashTableIter iter;
  gpointer value;
  guint i;

  g_hash_table_iter_init (&iter, self->procs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Proc *proc = value;
      int status;

      if (proc->pid == self->main_pid || proc->reaped_by_observer)
        continue;
      if (waitpid (proc->pid, &status, WNOHANG) == proc->pid)
        {
          g_array_append_val (reaped, proc->pid);
          g_array_append_val (reaped, status);
        }
    }
  /* After the walk: reporting reads the probe channel, which may add
   * processes to the table. */
  for (i = 0; i + 1 < reaped->len; i += 2)
    fl_program_watch_reaped (self, g_array_index (reaped, int, i), g_array_index (reaped, int, i + 1),
                             store_now (self));
}

void
fl_program_watch_reaped (FlProgramWatch *self,
                         int             pid,
                         int             status,
                         gint64          t)
{
  Proc *proc;

  /* Everything it wrote to the probe channel is there now that it is
   * reaped: read it before the process counts as gone, or a busy machine
   * loses its last records (a join, a name, a line's thread). */
  read_fifo (self);
  proc = g_hash_table_lookup (self->procs, GINT_TO_POINTER (pid));
  if (proc == NULL)
    return;
  proc->reaped_by_observer = TRUE;
  if (!proc->status_known)
    {
      proc->status_known = TRUE;
      proc->status = status;
      proc->status_t = t;
    }
  if (pid != self->main_pid)
    {
      end_proc (self, proc, t, FALSE);
      if (proc->lane != G_MAXUINT)
        {
          fl_store_lock (self->store);
          fl_store_get_lane_info_mut (self->store, proc->lane)->join_t = t;
          fl_store_unlock (self->store);
        }
    }
  else
    {
      /* The main process: its threads end with it; its lane is FlRun's. */
      GHashTableIter iter;
      gpointer key, value;
      int signal = WIFSIGNALED (status) ? WTERMSIG (status) : 0;

      g_hash_table_iter_init (&iter, proc->threads);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (GPOINTER_TO_INT (key) != pid && GPOINTER_TO_UINT (value) != G_MAXUINT)
          end_lane (self, GPOINTER_TO_UINT (value) - 1, t, signal, 0, FALSE);
      fl_store_lock (self->store);
      take_cpu (self->store, 0, fl_store_get_lane_info_mut (self->store, 0));
      fl_store_unlock (self->store);
      proc->gone = TRUE;
    }
}

void
fl_program_watch_kill_all (FlProgramWatch *self,
                           gboolean        leftovers)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  if (self->main_pid > 0)
    kill (-self->main_pid, SIGKILL);
  /* Children that left the group, double-forked daemons. */
  scan_tree (self, TRUE);
  g_hash_table_iter_init (&iter, self->procs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Proc *proc = value;

      /* A vanished process's number may be another's by now. */
      if (proc->gone || proc->reaped_by_observer || proc->vanished_t >= 0)
        continue;
      if (kill (proc->pid, SIGKILL) == 0 && proc->pid != self->main_pid)
        n++;
    }
  if (leftovers && n > 0)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u process of the program was still running when its main process ended: Forkline ended it.",
                                                            "%u processes of the program were still running when its main process ended: Forkline ended them.",
                                                            n), n);
      self->n_leftovers += n;
      add_note (self, note);
    }
}

gboolean
fl_program_watch_all_gone (FlProgramWatch *self)
{
  GHashTableIter iter;
  gpointer value;

  check_procs (self);
  g_hash_table_iter_init (&iter, self->procs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Proc *proc = value;

      if (proc->gone || proc->reaped_by_observer || proc->vanished_t >= 0 || proc->pid == self->main_pid)
        continue;
      if (kill (proc->pid, 0) == 0)
        return FALSE;
    }
  return TRUE;
}

void
fl_program_watch_finish (FlProgramWatch *self,
                         gint64          t,
                         gboolean        stopped)
{
  GHashTableIter iter;
  gpointer value;
  guint n_lanes, i;

  /* Every process of the program is gone: the text's copy goes now, not
   * when the run is let go of. */
  if (self->text_path != NULL)
    {
      unlink (self->text_path);
      g_clear_pointer (&self->text_path, g_free);
    }
  poll_output (self, TRUE);
  check_procs (self);
  stop_keeper (self);
  g_hash_table_iter_init (&iter, self->procs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Proc *proc = value;

      if (proc->pid == self->main_pid)
        continue;
      if (!proc->gone && !proc->status_known && proc->vanished_t >= 0)
        {
          end_proc (self, proc, proc->vanished_t, FALSE);
          continue;
        }
      if (!proc->gone && !proc->status_known)
        {
          proc->status_known = TRUE;
          proc->status = SIGKILL;      /* a wait status: killed by SIGKILL */
          proc->status_t = t;
        }
      end_proc (self, proc, t, stopped);
    }
  /* Anything still open (lanes of the main process): at the run's end. */
  n_lanes = fl_store_get_n_lanes (self->store);
  for (i = 1; i < n_lanes; i++)
    {
      const FlLaneInfo *info = fl_store_get_lane_info (self->store, i);

      if (info->exit_t < 0 && info->end_t < 0)
        end_lane (self, i, t, SIGKILL, 0, stopped);
    }
  if (self->n_lanes_hidden_threads || self->n_lanes_hidden_procs)
    {
      g_autofree char *note = g_strdup_printf (_("Not drawn: %u threads and %u processes past the first %u lanes."),
                                               self->n_lanes_hidden_threads, self->n_lanes_hidden_procs,
                                               (guint) FL_PROGRAM_MAX_LANES);
      add_note (self, note);
    }
  if (self->sampler)
    {
      g_autofree char *refused = fl_sampler_dup_refused (self->sampler);
      if (refused)
        add_note (self, refused);
    }
}
