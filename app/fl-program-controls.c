/* fl-program-controls.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the program takes is read from its text, as argparse declares it:
 * add_argument("--workers" …, default=N) and add_argument("--mode" …,
 * choices=(…), default="…").  A program that reads its options another
 * way gets only the Arguments row, which always works.
 */

#define G_LOG_DOMAIN "fl-program-controls"

#include "config.h"

#include <glib/gi18n.h>

#include "fl-program.h"
#include "fl-program-controls.h"
#include "fl-settings.h"

struct _FlProgramControls
{
  AdwBin          parent_instance;

  AdwEntryRow    *args_row;
  GtkLabel       *args_error_label;
  AdwActionRow   *workers_row;
  GtkSpinButton  *workers_spin;
  AdwComboRow    *mode_row;
  AdwComboRow    *interpreter_row;

  GSettings      *settings;
  GCancellable   *cancellable;
  GPtrArray      *interpreters;   /* FlInterpreter*, as the row lists them after Default */
  char          **mode_choices;   /* the program's --mode choices, as the row lists them */
  char           *signature;      /* what the last program takes, to tell an edit from another program */
  char           *text;
  gboolean        is_example;
  gboolean        takes_workers;
  gboolean        takes_mode;
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (FlProgramControls, fl_program_controls, ADW_TYPE_BIN)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
emit_changed (FlProgramControls *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_control_changed (FlProgramControls *self)
{
  emit_changed (self);
}

/* Splits the entry; NULL with the reason on the row when it does not parse. */
static char **
split_args (FlProgramControls *self,
            gboolean           show_error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->args_row));
  g_autoptr(GError) error = NULL;
  char **argv = NULL;

  if (!g_shell_parse_argv (text, NULL, &argv, &error))
    {
      if (g_error_matches (error, G_SHELL_ERROR, G_SHELL_ERROR_EMPTY_STRING))
        argv = g_new0 (char *, 1);
      else
        {
          if (show_error)
            {
              g_autofree char *message = g_strdup_printf (_("The arguments do not parse: %s"), error->message);

              gtk_label_set_text (self->args_error_label, message);
              gtk_widget_set_visible (GTK_WIDGET (self->args_error_label), TRUE);
              gtk_widget_add_css_class (GTK_WIDGET (self->args_row), "error");
              gtk_accessible_update_property (GTK_ACCESSIBLE (self->args_row),
                                              GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
              gtk_accessible_update_state (GTK_ACCESSIBLE (self->args_row),
                                           GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
            }
          return NULL;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->args_error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->args_row), "error");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->args_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->args_row), GTK_ACCESSIBLE_STATE_INVALID);
  return argv;
}

static void
on_args_changed (FlProgramControls *self)
{
  g_auto(GStrv) argv = split_args (self, TRUE);

  emit_changed (self);
}

/* ---- reading the program ------------------------------------------------ */

/* The text of the add_argument("--NAME" …) call, or NULL. */
static char *
find_option (const char *text,
             const char *name)
{
  g_autofree char *pattern = g_strdup_printf ("add_argument\\s*\\(\\s*[\"']--%s[\"']"
                                              "((?:[^()]|\\([^()]*\\))*)\\)", name);
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (regex && g_regex_match (regex, text, 0, &match))
    return g_match_info_fetch (match, 1);
  return NULL;
}

/* keyword=VALUE in an add_argument call's text; @value_pattern is the
 * value's group. */
static char *
find_keyword (const char *call,
              const char *keyword,
              const char *value_pattern)
{
  g_autofree char *pattern = g_strdup_printf ("\\b%s\\s*=\\s*%s", keyword, value_pattern);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (regex && g_regex_match (regex, call, 0, &match))
    return g_match_info_fetch (match, 1);
  return NULL;
}

static char **
quoted_strings (const char *list)
{
  g_autoptr(GRegex) regex = g_regex_new ("[\"']([^\"']+)[\"']", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_regex_match (regex, list, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *s = g_match_info_fetch (match, 1);
      g_strv_builder_add (builder, s);
      g_match_info_next (match, NULL);
    }
  return g_strv_builder_end (builder);
}

static const char *
mode_label (const char *choice)
{
  if (g_str_equal (choice, "threads"))
    return _("Threads");
  if (g_str_equal (choice, "processes"))
    return _("Processes");
  return choice;
}

void
fl_program_controls_set_program (FlProgramControls *self,
                                 const char        *text,
                                 gboolean           is_example)
{
  g_autofree char *workers_call = NULL;
  g_autofree char *mode_call = NULL;
  g_autofree char *workers_default = NULL;
  g_autofree char *mode_default = NULL;
  g_autofree char *choices_text = NULL;
  g_auto(GStrv) choices = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *joined = NULL;
  gboolean same;

  g_return_if_fail (FL_IS_PROGRAM_CONTROLS (self));

  if (text)
    {
      workers_call = find_option (text, "workers");
      mode_call = find_option (text, "mode");
    }
  if (workers_call)
    workers_default = find_keyword (workers_call, "default", "(\\d+)");
  if (mode_call)
    {
      choices_text = find_keyword (mode_call, "choices", "[\\(\\[]([^\\)\\]]*)[\\)\\]]");
      mode_default = find_keyword (mode_call, "default", "[\"']([^\"']+)[\"']");
    }
  choices = choices_text ? quoted_strings (choices_text) : g_new0 (char *, 1);
  joined = g_strjoinv (",", choices);
  signature = g_strdup_printf ("%d|%d|%s|%s|%s|%s", text != NULL, is_example,
                               workers_call ? "w" : "", workers_default ? workers_default : "",
                               joined, mode_default ? mode_default : "");
  same = g_strcmp0 (signature, self->signature) == 0;
  if (text != self->text)
    {
      g_free (self->text);
      self->text = g_strdup (text);
    }
  self->is_example = is_example;
  g_free (self->signature);
  self->signature = g_steal_pointer (&signature);

  self->updating = TRUE;
  self->takes_workers = workers_call != NULL;
  /* A --mode without choices is a free-form option: the Arguments row. */
  self->takes_mode = choices[0] != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->workers_row), self->takes_workers);
  gtk_widget_set_visible (GTK_WIDGET (self->mode_row), self->takes_mode);

  if (!same)
    {
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      guint i, selected = 0;

      gtk_editable_set_text (GTK_EDITABLE (self->args_row), "");
      gtk_spin_button_set_value (self->workers_spin,
                                 workers_default ? g_ascii_strtod (workers_default, NULL) : 2);
      for (i = 0; choices[i]; i++)
        {
          gtk_string_list_append (labels, mode_label (choices[i]));
          if (g_strcmp0 (choices[i], mode_default) == 0)
            selected = i;
        }
      g_strfreev (self->mode_choices);
      self->mode_choices = g_steal_pointer (&choices);
      adw_combo_row_set_model (self->mode_row, G_LIST_MODEL (labels));
      adw_combo_row_set_selected (self->mode_row, selected);
    }
  self->updating = FALSE;
  if (!same)
    emit_changed (self);
}

void
fl_program_controls_reset (FlProgramControls *self)
{
  g_return_if_fail (FL_IS_PROGRAM_CONTROLS (self));

  g_clear_pointer (&self->signature, g_free);
  fl_program_controls_set_program (self, self->text, self->is_example);
}

gboolean
fl_program_controls_takes_mode (FlProgramControls *self)
{
  g_return_val_if_fail (FL_IS_PROGRAM_CONTROLS (self), FALSE);
  return self->takes_mode;
}

gboolean
fl_program_controls_takes_workers (FlProgramControls *self)
{
  g_return_val_if_fail (FL_IS_PROGRAM_CONTROLS (self), FALSE);
  return self->takes_workers;
}

gboolean
fl_program_controls_set_mode (FlProgramControls *self,
                              const char        *mode)
{
  guint i;

  g_return_val_if_fail (FL_IS_PROGRAM_CONTROLS (self), FALSE);

  if (!self->takes_mode || mode == NULL)
    return FALSE;
  for (i = 0; self->mode_choices[i]; i++)
    if (g_str_equal (self->mode_choices[i], mode))
      {
        adw_combo_row_set_selected (self->mode_row, i);
        return TRUE;
      }
  return FALSE;
}

char **
fl_program_controls_dup_args (FlProgramControls *self)
{
  g_auto(GStrv) user = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (FL_IS_PROGRAM_CONTROLS (self), NULL);

  if (!(user = split_args (self, TRUE)))
    return NULL;
  if (self->takes_workers)
    {
      g_autofree char *n = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->workers_spin));

      g_strv_builder_add (builder, "--workers");
      g_strv_builder_add (builder, n);
    }
  if (self->takes_mode)
    {
      guint selected = adw_combo_row_get_selected (self->mode_row);

      if (selected < g_strv_length (self->mode_choices))
        {
          g_strv_builder_add (builder, "--mode");
          g_strv_builder_add (builder, self->mode_choices[selected]);
        }
    }
  g_strv_builder_addv (builder, (const char **) user);
  return g_strv_builder_end (builder);
}

char *
fl_program_controls_dup_interpreter (FlProgramControls *self)
{
  guint selected;

  g_return_val_if_fail (FL_IS_PROGRAM_CONTROLS (self), NULL);

  selected = adw_combo_row_get_selected (self->interpreter_row);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->interpreters->len)
    return NULL;
  return g_strdup (((FlInterpreter *) g_ptr_array_index (self->interpreters, selected - 1))->path);
}

/* ---- the interpreter row ------------------------------------------------ */

/* Lists the interpreters found, @chosen (NULL: the default) selected. */
static void
fill_interpreters (FlProgramControls *self,
                   const char        *chosen)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *setting = self->settings ? g_settings_get_string (self->settings, "python-interpreter")
                                            : g_strdup ("");
  g_autofree char *default_path = *setting ? g_strdup (setting) : g_find_program_in_path ("python3");
  const char *default_version = NULL;
  g_autofree char *default_label = NULL;
  guint i, selected = 0;

  for (i = 0; i < self->interpreters->len; i++)
    {
      FlInterpreter *interpreter = g_ptr_array_index (self->interpreters, i);
      if (g_strcmp0 (interpreter->path, default_path) == 0)
        default_version = interpreter->version;
    }
  if (default_version)
    default_label = g_strdup_printf (_("Default (%s %s)"), *setting ? setting : "python3", default_version);
  else
    default_label = g_strdup_printf (_("Default (%s)"), *setting ? setting : "python3");
  gtk_string_list_append (labels, default_label);
  for (i = 0; i < self->interpreters->len; i++)
    {
      FlInterpreter *interpreter = g_ptr_array_index (self->interpreters, i);
      g_autofree char *label = g_strdup_printf (_("%s (Python %s)"), interpreter->path, interpreter->version);

      gtk_string_list_append (labels, label);
      if (g_strcmp0 (interpreter->path, chosen) == 0)
        selected = i + 1;
    }
  self->updating = TRUE;
  adw_combo_row_set_model (self->interpreter_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->interpreter_row, selected);
  self->updating = FALSE;
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  g_task_return_pointer (task, fl_program_list_interpreters (), (GDestroyNotify) g_ptr_array_unref);
}

static void
list_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  FlProgramControls *self = FL_PROGRAM_CONTROLS (source);
  g_autoptr(GPtrArray) found = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *chosen = NULL;

  if (found == NULL || self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  /* What was chosen stays chosen: the new list is made around it. */
  chosen = fl_program_controls_dup_interpreter (self);
  g_ptr_array_unref (self->interpreters);
  self->interpreters = g_steal_pointer (&found);
  fill_interpreters (self, chosen);
}

static void
setting_changed (GSettings         *settings,
                 const char        *key,
                 FlProgramControls *self)
{
  g_autofree char *chosen = fl_program_controls_dup_interpreter (self);

  fill_interpreters (self, chosen);
}

static void
fl_program_controls_dispose (GObject *object)
{
  FlProgramControls *self = (FlProgramControls *) object;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->settings)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), FL_TYPE_PROGRAM_CONTROLS);

  G_OBJECT_CLASS (fl_program_controls_parent_class)->dispose (object);
}

static void
fl_program_controls_finalize (GObject *object)
{
  FlProgramControls *self = (FlProgramControls *) object;

  g_clear_pointer (&self->interpreters, g_ptr_array_unref);
  g_strfreev (self->mode_choices);
  g_free (self->signature);
  g_free (self->text);

  G_OBJECT_CLASS (fl_program_controls_parent_class)->finalize (object);
}

static void
fl_program_controls_class_init (FlProgramControlsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fl_program_controls_dispose;
  object_class->finalize = fl_program_controls_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/forkline/Forkline/ui/fl-program-controls.ui");
  gtk_widget_class_bind_template_child (widget_class, FlProgramControls, args_row);
  gtk_widget_class_bind_template_child (widget_class, FlProgramControls, args_error_label);
  gtk_widget_class_bind_template_child (widget_class, FlProgramControls, workers_row);
  gtk_widget_class_bind_template_child (widget_class, FlProgramControls, workers_spin);
  gtk_widget_class_bind_template_child (widget_class, FlProgramControls, mode_row);
  gtk_widget_class_bind_template_child (widget_class, FlProgramControls, interpreter_row);
  gtk_widget_class_bind_template_callback (widget_class, on_args_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_control_changed);
}

static void
fl_program_controls_init (FlProgramControls *self)
{
  g_autoptr(GTask) task = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->interpreters = g_ptr_array_new_with_free_func ((GDestroyNotify) fl_interpreter_free);
  self->mode_choices = g_new0 (char *, 1);
  self->cancellable = g_cancellable_new ();
  self->settings = fl_settings_new (NULL);
  if (self->settings)
    g_signal_connect (self->settings, "changed::python-interpreter", G_CALLBACK (setting_changed), self);
  fill_interpreters (self, NULL);

  /* Each interpreter is asked for its version: a thread. */
  task = g_task_new (self, self->cancellable, list_done, NULL);
  g_task_run_in_thread (task, list_thread);
}

GtkWidget *
fl_program_controls_new (void)
{
  return g_object_new (FL_TYPE_PROGRAM_CONTROLS, NULL);
}
