/* fl-window-actions.c — the window's actions and their shortcuts
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * app.quit, app.preferences (Ctrl+,) and app.about live in FlApplication;
 * GtkApplication adds win.show-help-overlay (Ctrl+?) with gtk/help-overlay.ui.
 */

#define G_LOG_DOMAIN "fl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fl-run-file.h"
#include "fl-export-dialog.h"
#include "fl-file-chooser.h"
#include "fl-window-private.h"

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  FlWindow *self = FL_WINDOW (widget);

  /* On the comparison page, Run runs the comparison again. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "compare") == 0)
    {
      if (self->compare_emulation)
        fl_window_compare_emulation (self);
      else
        fl_window_compare (self);
    }
  else
    fl_window_run (self);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  fl_window_stop (FL_WINDOW (widget));
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  fl_window_compare (FL_WINDOW (widget));
}

static void
compare_emulation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  fl_window_compare_emulation (FL_WINDOW (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FlWindow *self = FL_WINDOW (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  fl_gallery_focus_search (self->gallery);
}

static void
reset_settings_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FlWindow *self = FL_WINDOW (widget);

  /* The scenario's values, then the preferred defaults over them. */
  fl_run_controls_reset (self->controls);
  fl_window_apply_defaults (self, NULL);
}

static void
toggle_settings_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  FlWindow *self = FL_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* ---- saved runs ---------------------------------------------------------- */

void
fl_window_toast (FlWindow   *self,
                 const char *message)
{
  AdwToast *toast;

  g_return_if_fail (FL_IS_WINDOW (self));

  if (self->toast_overlay == NULL)
    return;
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

typedef struct
{
  FlWindow *window;
  char     *name;    /* the file's name, for the toast */
} FileJob;

static FileJob *
file_job_new (FlWindow *window,
              GFile    *file)
{
  FileJob *job = g_new0 (FileJob, 1);
  g_autofree char *basename = g_file_get_basename (file);

  job->window = g_object_ref (window);
  job->name = g_filename_display_name (basename ? basename : "");
  return job;
}

static void
file_job_free (FileJob *job)
{
  g_object_unref (job->window);
  g_free (job->name);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FileJob, file_job_free)

static GtkFileFilter *
new_run_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Saved Runs (Chrome trace JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  return filter;
}

static void
on_run_loaded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FileJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlRun) run = fl_run_load_finish (result, &error);
  g_autofree char *message = NULL;

  /* cancelled: the window closed while the file was read */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (run == NULL)
    {
      fl_window_toast (job->window, error->message);
      return;
    }
  fl_window_show_run (job->window, run);
  /* TRANSLATORS: %s is a file name */
  message = g_strdup_printf (_("Showing the run saved in “%s”"), job->name);
  fl_window_toast (job->window, message);
}

static void
load_run_now (FlWindow *self,
              gpointer  data)
{
  GFile *file = data;
  g_autofree char *path = g_file_get_path (file);

  fl_run_load_async (path, self->cancellable, on_run_loaded, file_job_new (self, file));
}

void
fl_window_open_file (FlWindow *self,
                     GFile    *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (FL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if ((path = g_file_get_path (file)) == NULL)
    {
      fl_window_toast (self, _("Only files on this computer can be opened"));
      return;
    }
  /* A program's unsaved edits are asked about before the run replaces it. */
  fl_window_confirm_unsaved (self, load_run_now, g_object_ref (file), g_object_unref);
}

static void
open_file_chosen (gpointer  owner,
                  GFile    *file,
                  gpointer  user_data)
{
  fl_window_open_file (owner, file);
}

static void
open_run_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GtkFileChooserNative *dialog;

  dialog = fl_file_chooser_new (GTK_WINDOW (widget), _("Open a Saved Run"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), new_run_filter ());
  fl_file_chooser_show (dialog, widget, open_file_chosen, NULL, NULL);
}

static GtkFileFilter *
new_program_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Python Programs"));
  gtk_file_filter_add_pattern (filter, "*.py");
  gtk_file_filter_add_mime_type (filter, "text/x-python");
  gtk_file_filter_add_mime_type (filter, "text/x-python3");
  return filter;
}

static void
open_program_chosen (gpointer  owner,
                     GFile    *file,
                     gpointer  user_data)
{
  fl_window_open_program (owner, file);
}

static void
open_program_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkFileChooserNative *dialog;
  GtkFileFilter *all = gtk_file_filter_new ();

  dialog = fl_file_chooser_new (GTK_WINDOW (widget), _("Open a Python Program"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                _("_Open"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), new_program_filter ());
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  fl_file_chooser_show (dialog, widget, open_program_chosen, NULL, NULL);
}

static void
save_program_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FlWindow *self = FL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!self->program_mode)
    return;
  /* An example becomes the user's own copy first. */
  if (fl_program_editor_get_read_only (self->editor) || g_str_equal (action_name, "win.save-program-as"))
    fl_window_save_program_as (self, NULL, NULL, NULL);
  else if (!fl_program_editor_save (self->editor, &error))
    fl_window_toast (self, error->message);
}

static void
on_run_saved (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FileJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!fl_run_save_finish (result, &error))
    {
      /* cancelled: the window closed (the file was still written whole) */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fl_window_toast (job->window, error->message);
      return;
    }
  /* TRANSLATORS: %s is a file name */
  message = g_strdup_printf (_("Run saved as “%s”"), job->name);
  fl_window_toast (job->window, message);
}

static void
save_run_to (gpointer  owner,
             GFile    *file,
             gpointer  user_data)
{
  FlWindow *self = owner;
  g_autofree char *path = g_file_get_path (file);

  if (self->run == NULL || !fl_run_is_finished (self->run))
    return;
  if (path == NULL)
    fl_window_toast (self, _("Runs can only be saved to files on this computer"));
  else
    fl_run_save_async (self->run, path, self->cancellable, on_run_saved, file_job_new (self, file));
}

static void
save_run_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  FlWindow *self = FL_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (self->run == NULL || !fl_run_is_finished (self->run))
    return;

  dialog = fl_file_chooser_new (GTK_WINDOW (widget), _("Save the Run"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), new_run_filter ());
  name = g_strdup_printf ("%s-%s.json", fl_scenario_get_id (fl_run_get_scenario (self->run)),
                          fl_mode_to_string (fl_run_get_mode (self->run)));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  fl_file_chooser_show (dialog, widget, save_run_to, NULL, NULL);
}

void
fl_window_go_back (FlWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "compare") == 0)
    {
      fl_compare_view_stop (self->compare_view);
      gtk_stack_set_visible_child_name (self->main_stack, self->scenario ? "scenario" : "empty");
    }
  else if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  fl_window_go_back (FL_WINDOW (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (fl_export_dialog_new (FL_WINDOW (widget))));
}

static void
copy_picture_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  fl_export_copy_picture (FL_WINDOW (widget));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FlWindow *self = FL_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    fl_window_set_zoom (self, self->zoom + 0.1);
  else if (g_str_equal (action_name, "win.zoom-out"))
    fl_window_set_zoom (self, self->zoom - 0.1);
  else
    fl_window_set_zoom (self, 1.0);
}

static void
leave_presentation_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  FlWindow *self = FL_WINDOW (widget);

  /* Escape stops a run first; with none under way it leaves the mode. */
  if (fl_window_is_running (self))
    fl_window_stop (self);
  else
    fl_window_set_presentation (self, FALSE);
}

void
fl_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "win.presentation", "presentation");
  gtk_widget_class_install_property_action (widget_class, "win.explanation-visible", "explanation-visible");
  gtk_widget_class_install_property_action (widget_class, "win.gallery-visible", "gallery-visible");
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.leave-presentation", NULL, leave_presentation_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.explanation-visible", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "win.gallery-visible", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);

  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "win.compare-emulation", NULL, compare_emulation_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.reset-settings", NULL, reset_settings_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-settings", NULL, toggle_settings_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.open-run", NULL, open_run_action);
  gtk_widget_class_install_action (widget_class, "win.save-run", NULL, save_run_action);
  gtk_widget_class_install_action (widget_class, "win.open-program", NULL, open_program_action);
  gtk_widget_class_install_action (widget_class, "win.save-program", NULL, save_program_action);
  gtk_widget_class_install_action (widget_class, "win.save-program-as", NULL, save_program_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.copy-picture", NULL, copy_picture_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.run", NULL);
  /* Escape stops a run, or else leaves presentation mode. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.leave-presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.compare", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.compare", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.compare-emulation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.compare-emulation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-settings", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.open-program", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_O, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.open-program", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save-run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  /* Ctrl+Shift+C is Compare's. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.copy-picture", NULL);
}

void
fl_window_update_actions (FlWindow *self)
{
  gboolean running = fl_window_is_running (self);
  gboolean has_scenario = self->scenario != NULL;
  gboolean comparing = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "compare") == 0;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  /* A program runs only with an interpreter; it compares threads and
   * processes only when it takes --mode, CPython and the emulation only
   * when it matches a preset. */
  gboolean can_run = !self->program_mode || self->no_interpreter == NULL;
  gboolean takes_mode = self->program_mode && fl_program_controls_takes_mode (self->program_controls);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run", has_scenario && !running && can_run);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare",
                                 has_scenario && !running && can_run && (!self->program_mode || takes_mode));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare-emulation",
                                 self->program_mode && self->preset_id != NULL && !running && can_run);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset-settings", has_scenario && !running && !self->program_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-settings", has_scenario && !comparing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", comparing || folded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-run", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-program", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-program", self->program_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-program-as", self->program_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", fl_export_dialog_can_export (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-picture", fl_export_dialog_can_export (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-run",
                                 !running && !comparing && self->run != NULL && fl_run_is_finished (self->run));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", self->zoom < 2.95);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", self->zoom > 0.55);
  gtk_widget_set_visible (self->back_button, comparing || folded);
  gtk_widget_set_visible (self->settings_button, !comparing);
  gtk_widget_set_visible (self->compare_button, !comparing && (!self->program_mode || takes_mode));
}
