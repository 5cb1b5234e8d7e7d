/* fl-preferences-window.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing to apply or cancel: each row is bound to its key, and whoever
 * uses a value (the style manager, the window's run settings, the export
 * dialog) follows the key.
 */

#define G_LOG_DOMAIN "fl-preferences-window"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "fl-file-chooser.h"
#include "fl-format.h"
#include "fl-preferences-window.h"
#include "fl-program.h"

struct _FlPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *theme_row;
  AdwComboRow          *mode_row;
  GtkSpinButton        *workers_spin;
  GtkSpinButton        *interval_spin;
  GtkSpinButton        *rate_spin;
  AdwComboRow          *export_theme_row;
  GtkSpinButton        *export_width_spin;
  GtkSpinButton        *export_height_spin;
  AdwComboRow          *export_scale_row;
  AdwPreferencesGroup  *python_group;
  AdwActionRow         *python_default_row;
  GtkCheckButton       *python_default_check;
  AdwActionRow         *python_search_row;
  GtkWidget            *python_spinner;
  AdwEntryRow          *python_path_row;
  GtkButton            *python_choose_button;
  GtkLabel             *python_error_label;

  GSettings            *settings;
  GCancellable         *cancellable;
  /* Interpreter rows after the default one: path → AdwActionRow */
  GHashTable           *python_rows;
  gboolean              syncing;
};

G_DEFINE_FINAL_TYPE (FlPreferencesWindow, fl_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The nicks of each enum key, in the order of its combo row's items. */
static const char * const theme_nicks[] = { "system", "light", "dark", NULL };
static const char * const mode_nicks[] = { "threads", "fork", "spawn", NULL };
static const char * const export_theme_nicks[] = { "projector", "dark", "screen", NULL };

static gboolean
nick_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);
  guint i;

  for (i = 0; nicks[i] != NULL; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
selected_to_nick (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[selected]);
}

/* The export dialog's scales, in its order; 0 is automatic. */
static const double export_scales[] = { 0, 1, 1.5, 2, 3 };

static gboolean
scale_to_selected (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  double scale = g_variant_get_double (variant);
  guint i, best = 0;

  /* A value set elsewhere (2.5) shows as the nearest choice. */
  for (i = 1; i < G_N_ELEMENTS (export_scales); i++)
    if (fabs (export_scales[i] - scale) < fabs (export_scales[best] - scale))
      best = i;
  g_value_set_uint (value, best);
  return TRUE;
}

static GVariant *
selected_to_scale (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (export_scales))
    return NULL;
  return g_variant_new_double (export_scales[selected]);
}

static void
bind_combo (GSettings          *settings,
            const char         *key,
            AdwComboRow        *row,
            const char * const *nicks)
{
  g_settings_bind_with_mapping (settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_selected, selected_to_nick, (gpointer) nicks, NULL);
}

static void
bind_spin (GSettings     *settings,
           const char    *key,
           GtkSpinButton *spin)
{
  g_settings_bind (settings, key, gtk_spin_button_get_adjustment (spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
}

/* ---- Python ------------------------------------------------------------ */

static void
python_error (FlPreferencesWindow *self,
              const char          *message)
{
  gtk_label_set_text (self->python_error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->python_error_label), message != NULL);
  if (message)
    gtk_widget_add_css_class (GTK_WIDGET (self->python_path_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->python_path_row), "error");
}

/* The check buttons follow the key. */
static void
python_sync (FlPreferencesWindow *self)
{
  g_autofree char *current = g_settings_get_string (self->settings, "python-interpreter");
  GtkWidget *row;

  self->syncing = TRUE;
  if (*current == '\0')
    gtk_check_button_set_active (self->python_default_check, TRUE);
  else if ((row = g_hash_table_lookup (self->python_rows, current)) != NULL)
    gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), "check"), TRUE);
  else
    {
      /* A path no row shows (not found yet, or gone): none is checked. */
      gtk_check_button_set_active (self->python_default_check, FALSE);
      {
        GHashTableIter iter;
        gpointer value;

        g_hash_table_iter_init (&iter, self->python_rows);
        while (g_hash_table_iter_next (&iter, NULL, &value))
          gtk_check_button_set_active (g_object_get_data (value, "check"), FALSE);
      }
    }
  self->syncing = FALSE;
}

static void
python_check_toggled (GtkCheckButton      *check,
                      FlPreferencesWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (check), "path");

  if (self->syncing || !gtk_check_button_get_active (check))
    return;
  g_settings_set_string (self->settings, "python-interpreter", path ? path : "");
  python_error (self, NULL);
}

/* A row for @interpreter, before the path entry; the existing one when
 * there is one. */
static GtkWidget *
python_add_row (FlPreferencesWindow *self,
                const FlInterpreter *interpreter)
{
  GtkWidget *row = g_hash_table_lookup (self->python_rows, interpreter->path);
  g_autofree char *subtitle = NULL;
  GtkWidget *check;

  if (row)
    return row;
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), interpreter->path);
  subtitle = g_strdup_printf (_("Python %s"), interpreter->version);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  check = gtk_check_button_new ();
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->python_default_check);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  g_object_set_data_full (G_OBJECT (check), "path", g_strdup (interpreter->path), g_free);
  g_object_set_data (G_OBJECT (row), "check", check);
  g_signal_connect (check, "toggled", G_CALLBACK (python_check_toggled), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  /* AdwPreferencesGroup only appends: the entry and its error go last. */
  g_object_ref (self->python_path_row);
  g_object_ref (self->python_error_label);
  adw_preferences_group_remove (self->python_group, GTK_WIDGET (self->python_path_row));
  adw_preferences_group_remove (self->python_group, GTK_WIDGET (self->python_error_label));
  adw_preferences_group_add (self->python_group, row);
  adw_preferences_group_add (self->python_group, GTK_WIDGET (self->python_path_row));
  adw_preferences_group_add (self->python_group, GTK_WIDGET (self->python_error_label));
  g_object_unref (self->python_path_row);
  g_object_unref (self->python_error_label);

  g_hash_table_insert (self->python_rows, g_strdup (interpreter->path), row);
  return row;
}

/* What the search is given and gives besides the interpreters found. */
typedef struct
{
  char   *current;        /* the key's value when the search started */
  GError *current_error;  /* why it cannot be used, when it cannot */
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->current);
  g_clear_error (&data->current_error);
  g_free (data);
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListData *data = task_data;
  GPtrArray *found = fl_program_list_interpreters ();
  const char *current = data->current;
  guint i;

  /* The interpreter set, when the search did not find it. */
  for (i = 0; i < found->len && *current; i++)
    if (g_str_equal (((FlInterpreter *) g_ptr_array_index (found, i))->path, current))
      break;
  if (*current && i == found->len)
    {
      FlInterpreter *interpreter = fl_program_check_interpreter (current, &data->current_error);

      if (interpreter)
        g_ptr_array_add (found, interpreter);
    }
  g_task_return_pointer (task, found, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  FlPreferencesWindow *self = FL_PREFERENCES_WINDOW (source);
  g_autoptr(GPtrArray) found = g_task_propagate_pointer (G_TASK (result), NULL);
  ListData *list_data;
  guint i;

  if (found == NULL || self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  gtk_spinner_set_spinning (GTK_SPINNER (self->python_spinner), FALSE);
  adw_preferences_group_remove (self->python_group, GTK_WIDGET (self->python_search_row));
  self->python_search_row = NULL;

  for (i = 0; i < found->len; i++)
    {
      FlInterpreter *interpreter = g_ptr_array_index (found, i);

      /* The default row says which python3 PATH gives. */
      if (i == 0 || g_str_has_suffix (interpreter->path, "/python3"))
        {
          g_autofree char *on_path = g_find_program_in_path ("python3");
          if (on_path && g_str_equal (on_path, interpreter->path))
            {
              g_autofree char *subtitle = g_strdup_printf (_("python3 on PATH: %s, Python %s"),
                                                           interpreter->path, interpreter->version);
              adw_action_row_set_subtitle (self->python_default_row, subtitle);
            }
        }
      python_add_row (self, interpreter);
    }
  list_data = g_task_get_task_data (G_TASK (result));
  if (list_data->current_error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The interpreter chosen before cannot be used: %s"),
                                                  list_data->current_error->message);
      python_error (self, message);
    }
  if (found->len == 0)
    adw_action_row_set_subtitle (self->python_default_row,
                                 _("python3 on PATH — none found: install Python 3 or give an interpreter's path below"));
  python_sync (self);
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  FlInterpreter *interpreter = fl_program_check_interpreter (data, &error);

  if (interpreter)
    g_task_return_pointer (task, interpreter, (GDestroyNotify) fl_interpreter_free);
  else
    g_task_return_error (task, error);
}

static void
check_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  FlPreferencesWindow *self = FL_PREFERENCES_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlInterpreter) interpreter = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWidget *row;

  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->python_path_row), TRUE);
  if (interpreter == NULL)
    {
      /* Nothing is saved: the key keeps its value. */
      python_error (self, error->message);
      return;
    }
  python_error (self, NULL);
  row = python_add_row (self, interpreter);
  g_settings_set_string (self->settings, "python-interpreter", interpreter->path);
  gtk_editable_set_text (GTK_EDITABLE (self->python_path_row), "");
  gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), "check"), TRUE);
}

/* Checks @path off the main loop; saves it only if it is a Python 3. */
static void
python_check_path (FlPreferencesWindow *self,
                   const char          *path)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (path));

  task = g_task_new (self, self->cancellable, check_done, NULL);
  g_task_set_task_data (task, g_steal_pointer (&stripped), g_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self->python_path_row), FALSE);
  g_task_run_in_thread (task, check_thread);
}

static void
python_path_apply (AdwEntryRow         *row,
                   FlPreferencesWindow *self)
{
  python_check_path (self, gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
python_path_changed (GtkEditable         *editable,
                     FlPreferencesWindow *self)
{
  python_error (self, NULL);
}

static void
python_chosen (gpointer  owner,
               GFile    *file,
               gpointer  user_data)
{
  FlPreferencesWindow *self = owner;
  g_autofree char *path = g_file_get_path (file);

  if (path)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->python_path_row), path);
      python_check_path (self, path);
    }
}

static void
python_choose_clicked (GtkButton           *button,
                       FlPreferencesWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = fl_file_chooser_new (GTK_WINDOW (self), _("Choose a Python Interpreter"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Choose"));
  {
    g_autoptr(GFile) bin = g_file_new_for_path ("/usr/bin");
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), bin, NULL);
  }
  fl_file_chooser_show (chooser, self, python_chosen, NULL, NULL);
}

static void
python_setting_changed (GSettings           *settings,
                        const char          *key,
                        FlPreferencesWindow *self)
{
  python_sync (self);
}

static void
fl_preferences_window_dispose (GObject *object)
{
  FlPreferencesWindow *self = (FlPreferencesWindow *) object;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->python_rows, g_hash_table_unref);
  if (self->settings)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), FL_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (fl_preferences_window_parent_class)->dispose (object);
}

static void
fl_preferences_window_class_init (FlPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fl_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/forkline/Forkline/ui/fl-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FlPreferencesWindow, theme_row);
  gtk_widget_class_bind_template_child (widget_class, FlPreferencesWindow, mode_row);
  gtk_widget_class_bind_template_child (widget_class, FlPreferencesWindow, workers_spin);
  gtk_widget_class_bind_template_child (widget_class, FlPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, FlPreferencesWindow, rate_spin);
  gtk_widget_class_bind_template_child (widget_class, FlPreferencesWindow, export_theme_row);
  gtk_widget_class_bind_template_child (widget_class, FlPreferencesWindow, export_width_spin);
  gtk_widget_class_bind_template_child (widget_class, FlPreferencesWindow, export_height_spin);
  gtk_widget_class_bind_template_child (widget_class, FlPreferencesWindow, export_scale_row);
  gtk_widget_class_bind_template_child (widget_class, FlPreferencesWindow, python_group);
  gtk_widget_class_bind_template_child (widget_class, FlPreferencesWindow, python_default_row);
  gtk_widget_class_bind_template_child (widget_class, FlPreferencesWindow, python_default_check);
  gtk_widget_class_bind_template_child (widget_class, FlPreferencesWindow, python_search_row);
  gtk_widget_class_bind_template_child (widget_class, FlPreferencesWindow, python_spinner);
  gtk_widget_class_bind_template_child (widget_class, FlPreferencesWindow, python_path_row);
  gtk_widget_class_bind_template_child (widget_class, FlPreferencesWindow, python_choose_button);
  gtk_widget_class_bind_template_child (widget_class, FlPreferencesWindow, python_error_label);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
fl_preferences_window_init (FlPreferencesWindow *self)
{
  g_autoptr(GtkStringList) modes = gtk_string_list_new (NULL);
  guint m;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->python_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (self->python_default_check, "toggled", G_CALLBACK (python_check_toggled), self);
  g_signal_connect (self->python_path_row, "apply", G_CALLBACK (python_path_apply), self);
  g_signal_connect (self->python_path_row, "entry-activated", G_CALLBACK (python_path_apply), self);
  g_signal_connect (self->python_path_row, "changed", G_CALLBACK (python_path_changed), self);
  g_signal_connect (self->python_choose_button, "clicked", G_CALLBACK (python_choose_clicked), self);

  /* The same words as the run settings' mode row. */
  for (m = 0; m < FL_N_MODES; m++)
    gtk_string_list_append (modes, fl_mode_get_label ((FlMode) m));
  adw_combo_row_set_model (self->mode_row, G_LIST_MODEL (modes));
}

FlPreferencesWindow *
fl_preferences_window_new (GSettings *settings)
{
  FlPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (FL_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  bind_combo (settings, "theme", self->theme_row, theme_nicks);
  bind_combo (settings, "default-mode", self->mode_row, mode_nicks);
  bind_spin (settings, "default-workers", self->workers_spin);
  bind_spin (settings, "switch-interval", self->interval_spin);
  bind_spin (settings, "sample-rate", self->rate_spin);
  bind_combo (settings, "export-theme", self->export_theme_row, export_theme_nicks);
  bind_spin (settings, "export-width", self->export_width_spin);
  bind_spin (settings, "export-height", self->export_height_spin);
  g_settings_bind_with_mapping (settings, "export-scale", self->export_scale_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, scale_to_selected, selected_to_scale, NULL, NULL);

  g_signal_connect (settings, "changed::python-interpreter", G_CALLBACK (python_setting_changed), self);
  python_sync (self);
  {
    /* Each interpreter is asked for its version: a thread, so the
     * window opens at once. */
    g_autoptr(GTask) task = g_task_new (self, self->cancellable, list_done, NULL);
    ListData *data = g_new0 (ListData, 1);

    data->current = g_settings_get_string (settings, "python-interpreter");
    g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
    g_task_run_in_thread (task, list_thread);
  }

  return self;
}
