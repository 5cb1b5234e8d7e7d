/* fl-export-dialog.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The picture is composed and written in a GTask's thread with the same
 * functions the command line uses (ui/fl-export.c): a 4K PNG of a large
 * run takes a moment, and the window keeps drawing meanwhile.  What the
 * thread needs from the widgets (the visible range, the on-screen theme,
 * the runs) is read here first, on the main thread.
 */

#define G_LOG_DOMAIN "fl-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "fl-export-dialog.h"
#include "fl-export.h"
#include "fl-file-chooser.h"
#include "fl-timeline.h"
#include "fl-window-private.h"

#define MAX_RUNS 3

struct _FlExportDialog
{
  AdwWindow       parent_instance;

  AdwComboRow    *view_row;
  GtkStringList  *view_list;
  AdwComboRow    *format_row;
  AdwComboRow    *range_row;
  AdwComboRow    *size_row;
  GtkWidget      *width_row;
  GtkWidget      *height_row;
  GtkSpinButton  *width_spin;
  GtkSpinButton  *height_spin;
  AdwComboRow    *scale_row;
  AdwComboRow    *theme_row;
  GtkWidget      *source_row;
  GtkSwitch      *source_switch;
  GtkWidget      *selection_row;
  GtkSwitch      *selection_switch;
  guint           selection_from;   /* the editor's selected lines; 0: none */
  guint           selection_last;

  FlWindow       *window;        /* weak: the dialog is its transient child */
  FlExportView    views[FL_N_EXPORT_VIEWS];
  guint           n_views;
};

G_DEFINE_FINAL_TYPE (FlExportDialog, fl_export_dialog, ADW_TYPE_WINDOW)

static const char * const format_extensions[] = { "png", "svg", "pdf" };
static const double scales[] = { 0, 1, 1.5, 2, 3 };
static const guint sizes[][2] = { { 1280, 720 }, { 1920, 1080 }, { 3840, 2160 } };

/* ---- what the window has ------------------------------------------------- */

static gboolean
on_compare_page (FlWindow *window)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (window->main_stack), "compare") == 0;
}

/* The finished runs of the comparison, in its order; 0 if it is not done. */
static guint
get_compared_runs (FlWindow *window,
                   FlRun   **runs)
{
  FlCompareView *compare = window->compare_view;
  guint n = 0, i;

  if (fl_compare_view_get_running (compare))
    return 0;
  for (i = 0; i < fl_compare_view_get_n_runs (compare) && n < MAX_RUNS; i++)
    {
      FlRun *run = fl_compare_view_get_run (compare, i);

      if (run != NULL && fl_run_is_finished (run))
        runs[n++] = run;
    }
  return n >= 2 ? n : 0;
}

gboolean
fl_export_dialog_can_export (FlWindow *window)
{
  FlRun *runs[MAX_RUNS];

  g_return_val_if_fail (FL_IS_WINDOW (window), FALSE);

  if (on_compare_page (window))
    return get_compared_runs (window, runs) > 0;
  return fl_window_get_run (window) != NULL;
}

/* ---- the work, off the main loop ------------------------------------------ */

typedef struct
{
  FlRun           *runs[MAX_RUNS];
  guint            n_runs;
  FlExportOptions  options;     /* its theme is a reference of ours, its source and source_title copies */
  char            *path;        /* NULL: to the clipboard */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;
  guint i;

  for (i = 0; i < job->n_runs; i++)
    g_clear_object (&job->runs[i]);
  g_clear_pointer (&job->options.theme, fl_theme_unref);
  g_free ((char *) job->options.source);
  g_free ((char *) job->options.source_title);
  g_free (job->path);
  g_free (job);
}

/* A job for @window's run (or comparison, for the compare view). */
static Job *
job_new (FlWindow              *window,
         const FlExportOptions *options,
         gboolean               visible_only,
         GError               **error)
{
  Job *job = g_new0 (Job, 1);
  FlRun *runs[MAX_RUNS];
  guint i;

  job->options = *options;
  if (job->options.theme != NULL)
    fl_theme_ref (job->options.theme);
  job->options.source = g_strdup (options->source);
  job->options.source_title = g_strdup (options->source_title);
  if (options->source != NULL && options->source_title == NULL && fl_window_get_run (window) != NULL &&
      fl_run_get_program (fl_window_get_run (window)) != NULL)
    job->options.source_title = g_path_get_basename (fl_program_get_path (fl_run_get_program (fl_window_get_run (window))));

  if (options->view == FL_EXPORT_VIEW_COMPARE)
    {
      job->n_runs = get_compared_runs (window, runs);
      for (i = 0; i < job->n_runs; i++)
        job->runs[i] = g_object_ref (runs[i]);
    }
  else if (fl_window_get_run (window) != NULL)
    {
      job->runs[0] = g_object_ref (fl_window_get_run (window));
      job->n_runs = 1;
    }
  if (job->n_runs == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           options->view == FL_EXPORT_VIEW_COMPARE
                           ? _("The comparison has not finished yet")
                           : _("There is no run to export yet"));
      job_free (job);
      return NULL;
    }

  if (visible_only)
    {
      GtkWidget *timeline = options->view == FL_EXPORT_VIEW_COMPARE ? NULL : fl_window_get_timeline (window);
      gint64 start = 0, end = 0;

      /* The comparison's timelines share the main timeline's kind of
       * axis, but not the widget: the whole of the longest run. */
      if (timeline != NULL)
        fl_timeline_get_visible_range (FL_TIMELINE (timeline), &start, &end);
      job->options.visible_only = end > start;
      job->options.start = start;
      job->options.end = end;
    }
  return job;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(FlScene) scene = NULL;
  GError *error = NULL;

  if (job->options.view == FL_EXPORT_VIEW_COMPARE)
    scene = fl_export_build_compare_scene (job->runs, NULL, job->n_runs, &job->options, &error);
  else
    scene = fl_export_build_scene (job->runs[0], &job->options, &error);
  if (scene == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->path != NULL)
    {
      if (fl_export_write_scene (scene, &job->options, job->path, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
    }
  else
    {
      GBytes *png = fl_export_scene_to_png (scene, &job->options, &error);

      if (png != NULL)
        g_task_return_pointer (task, png, (GDestroyNotify) g_bytes_unref);
      else
        g_task_return_error (task, error);
    }
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  FlWindow *window = FL_WINDOW (source);
  GTask *task = G_TASK (result);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  /* cancelled: the window closed (the file was still written whole) */
  if (!g_task_propagate_boolean (task, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    /* TRANSLATORS: a toast; %s says why */
    message = g_strdup_printf (_("Could not export the picture: %s"), error->message);
  else
    {
      g_autofree char *name = g_filename_display_basename (job->path);
      /* TRANSLATORS: a toast: "Saved slide.png" */
      message = g_strdup_printf (_("Saved %s"), name);
    }
  fl_window_toast (window, message);
}

static void
on_copied (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  FlWindow *window = FL_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GdkTexture) texture = NULL;

  /* cancelled: the window closed */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (png != NULL)
    texture = gdk_texture_new_from_bytes (png, &error);
  if (texture == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not copy the picture: %s"), error->message);
      fl_window_toast (window, message);
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (window)), texture);
  fl_window_toast (window, _("Picture copied"));
}

void
fl_export_copy_picture (FlWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  FlExportOptions options;
  Job *job;

  g_return_if_fail (FL_IS_WINDOW (window));

  fl_export_options_init (&options);
  options.view = on_compare_page (window) ? FL_EXPORT_VIEW_COMPARE : FL_EXPORT_VIEW_SLIDE;
  job = job_new (window, &options, FALSE, &error);
  if (job == NULL)
    {
      fl_window_toast (window, error->message);
      return;
    }
  task = g_task_new (window, window->cancellable, on_copied, NULL);
  g_task_set_source_tag (task, fl_export_copy_picture);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, export_thread);
}

/* ---- the dialog ------------------------------------------------------------ */

static void
get_options (FlExportDialog  *self,
             FlExportOptions *options,
             gboolean        *visible_only)
{
  guint size = adw_combo_row_get_selected (self->size_row);
  guint view = adw_combo_row_get_selected (self->view_row);
  guint scale = adw_combo_row_get_selected (self->scale_row);

  fl_export_options_init (options);
  options->view = view < self->n_views ? self->views[view] : FL_EXPORT_VIEW_SLIDE;
  if (size < G_N_ELEMENTS (sizes))
    {
      options->width = sizes[size][0];
      options->height = sizes[size][1];
    }
  else
    {
      options->width = (guint) gtk_spin_button_get_value_as_int (self->width_spin);
      options->height = (guint) gtk_spin_button_get_value_as_int (self->height_spin);
    }
  options->scale = scale < G_N_ELEMENTS (scales) ? scales[scale] : 0;
  switch (adw_combo_row_get_selected (self->theme_row))
    {
    case 1:
      options->theme = fl_theme_new_dark ();
      break;
    case 2:
      {
        GtkWidget *timeline = fl_window_get_timeline (self->window);
        options->theme = timeline ? fl_theme_ref (fl_scene_widget_get_theme (FL_SCENE_WIDGET (timeline))) : NULL;
      }
      break;
    default:
      options->theme = fl_theme_new_light ();
      break;
    }
  *visible_only = adw_combo_row_get_selected (self->range_row) == 1;

  /* The program's text as it ran: the timeline beside it is that text's. */
  if (options->view == FL_EXPORT_VIEW_SLIDE && gtk_widget_get_visible (self->source_row) &&
      gtk_switch_get_active (self->source_switch))
    {
      FlRun *run = fl_window_get_run (self->window);
      FlProgram *program = run ? fl_run_get_program (run) : NULL;

      if (program != NULL && fl_program_get_text (program) != NULL)
        {
          options->source = fl_program_get_text (program);
          options->source_title = NULL;
          options->source_first_line = 1;
          if (self->selection_from > 0 && gtk_switch_get_active (self->selection_switch))
            {
              options->source_from = self->selection_from;
              options->source_last = self->selection_last;
            }
        }
    }
}

static char *
suggest_name (FlExportDialog *self,
              FlExportView    view)
{
  FlRun *run = fl_window_get_run (self->window);
  const char *id = run ? fl_scenario_get_id (fl_run_get_scenario (run)) : "forkline";
  guint format = adw_combo_row_get_selected (self->format_row);

  const char *ext = format_extensions[MIN (format, G_N_ELEMENTS (format_extensions) - 1)];

  /* One pattern for every file Forkline suggests: scenario-mode[-view].ext,
   * as Save Run's scenario-mode.json; a comparison has every mode. */
  if (view == FL_EXPORT_VIEW_COMPARE || run == NULL)
    return g_strdup_printf ("%s-%s.%s", id, fl_export_view_to_string (view), ext);
  return g_strdup_printf ("%s-%s-%s.%s", id, fl_mode_to_string (fl_run_get_mode (run)),
                          fl_export_view_to_string (view), ext);
}

static void
on_file_chosen (gpointer  owner,
                GFile    *file,
                gpointer  user_data)
{
  FlExportDialog *self = owner;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  FlExportOptions options;
  gboolean visible_only;
  FlWindow *window = self->window;
  guint format;
  Job *job;

  if (path == NULL)
    {
      fl_window_toast (window, _("Could not export the picture: choose a local file"));
      return;
    }

  /* The format row decides; a name without its extension gets it. */
  format = MIN (adw_combo_row_get_selected (self->format_row), G_N_ELEMENTS (format_extensions) - 1);
  {
    FlSceneFormat by_name;

    if (!fl_scene_format_from_path (path, &by_name))
      {
        char *with = g_strdup_printf ("%s.%s", path, format_extensions[format]);
        g_free (path);
        path = with;
      }
  }

  get_options (self, &options, &visible_only);
  job = job_new (window, &options, visible_only, &error);
  g_clear_pointer (&options.theme, fl_theme_unref);
  if (job != NULL && !fl_export_check (&job->options, path, NULL, &error))
    g_clear_pointer (&job, job_free);
  if (job == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not export the picture: %s"), error->message);
      fl_window_toast (window, message);
      return;
    }
  job->path = g_steal_pointer (&path);

  task = g_task_new (window, window->cancellable, on_exported, NULL);
  g_task_set_source_tag (task, on_file_chosen);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, export_thread);
  gtk_window_close (GTK_WINDOW (self));
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  FlExportDialog *self = FL_EXPORT_DIALOG (widget);
  guint view = adw_combo_row_get_selected (self->view_row);
  g_autofree char *name = suggest_name (self, view < self->n_views ? self->views[view] : FL_EXPORT_VIEW_SLIDE);

  GtkFileChooserNative *chooser;

  /* Closed with this dialog, whose settings it exports with. */
  chooser = fl_file_chooser_new (GTK_WINDOW (self->window), _("Export Picture"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Export"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  fl_file_chooser_show (chooser, self, on_file_chosen, NULL, NULL);
}

/* The source rows: for a slide of a program's run only. */
static void
on_view_selected (FlExportDialog *self)
{
  guint view = adw_combo_row_get_selected (self->view_row);
  FlRun *run = self->window ? fl_window_get_run (self->window) : NULL;
  gboolean slide = view < self->n_views && self->views[view] == FL_EXPORT_VIEW_SLIDE;
  gboolean program = run != NULL && fl_run_get_program (run) != NULL &&
                     fl_program_get_text (fl_run_get_program (run)) != NULL;

  gtk_widget_set_visible (self->source_row, slide && program);
  gtk_widget_set_visible (self->selection_row, slide && program && self->selection_from > 0);
  gtk_widget_set_sensitive (self->selection_row, gtk_switch_get_active (self->source_switch));
}

static void
on_size_selected (FlExportDialog *self)
{
  gboolean custom = adw_combo_row_get_selected (self->size_row) >= G_N_ELEMENTS (sizes);

  gtk_widget_set_visible (self->width_row, custom);
  gtk_widget_set_visible (self->height_row, custom);
}

static void
fl_export_dialog_dispose (GObject *object)
{
  FlExportDialog *self = FL_EXPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FL_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (fl_export_dialog_parent_class)->dispose (object);
}

static void
fl_export_dialog_class_init (FlExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fl_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/forkline/Forkline/ui/fl-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FlExportDialog, view_row);
  gtk_widget_class_bind_template_child (widget_class, FlExportDialog, view_list);
  gtk_widget_class_bind_template_child (widget_class, FlExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, FlExportDialog, range_row);
  gtk_widget_class_bind_template_child (widget_class, FlExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, FlExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, FlExportDialog, height_row);
  gtk_widget_class_bind_template_child (widget_class, FlExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, FlExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, FlExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, FlExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, FlExportDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, FlExportDialog, source_switch);
  gtk_widget_class_bind_template_child (widget_class, FlExportDialog, selection_row);
  gtk_widget_class_bind_template_child (widget_class, FlExportDialog, selection_switch);

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, choose_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fl_export_dialog_init (FlExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* 1920 × 1080; set here, as a model set after "selected" resets it. */
  adw_combo_row_set_selected (self->size_row, 1);
  g_signal_connect_swapped (self->size_row, "notify::selected", G_CALLBACK (on_size_selected), self);
  on_size_selected (self);
}

static void
add_view (FlExportDialog *self,
          FlExportView    view,
          const char     *label)
{
  self->views[self->n_views++] = view;
  gtk_string_list_append (self->view_list, label);
}

/* Starts from Preferences ▸ Export: colours, size and scale. */
static void
apply_settings (FlExportDialog *self,
                GSettings      *settings)
{
  guint width = g_settings_get_uint (settings, "export-width");
  guint height = g_settings_get_uint (settings, "export-height");
  double scale = g_settings_get_double (settings, "export-scale");
  guint i;

  adw_combo_row_set_selected (self->theme_row, (guint) g_settings_get_enum (settings, "export-theme"));
  gtk_spin_button_set_value (self->width_spin, width);
  gtk_spin_button_set_value (self->height_spin, height);
  adw_combo_row_set_selected (self->size_row, G_N_ELEMENTS (sizes));   /* Custom */
  for (i = 0; i < G_N_ELEMENTS (sizes); i++)
    if (sizes[i][0] == width && sizes[i][1] == height)
      adw_combo_row_set_selected (self->size_row, i);
  for (i = 0; i < G_N_ELEMENTS (scales); i++)
    if (G_APPROX_VALUE (scales[i], scale, 0.01))
      adw_combo_row_set_selected (self->scale_row, i);
}

GtkWidget *
fl_export_dialog_new (FlWindow *window)
{
  FlExportDialog *self;

  g_return_val_if_fail (FL_IS_WINDOW (window), NULL);

  self = g_object_new (FL_TYPE_EXPORT_DIALOG, "transient-for", window, NULL);
  self->window = window;
  if (on_compare_page (window))
    {
      add_view (self, FL_EXPORT_VIEW_COMPARE, _("Comparison"));
      /* One time axis for runs of different lengths: the whole of them. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->range_row), FALSE);
    }
  add_view (self, FL_EXPORT_VIEW_SLIDE, _("Slide"));
  add_view (self, FL_EXPORT_VIEW_TIMELINE, _("Timeline"));
  add_view (self, FL_EXPORT_VIEW_CPU, _("CPU chart"));
  add_view (self, FL_EXPORT_VIEW_MEMORY, _("Memory diagram"));
  adw_combo_row_set_selected (self->view_row, 0);
  if (window->settings != NULL)
    apply_settings (self, window->settings);
  /* The editor's selection, when the editor holds the text that ran:
   * its line numbers are then the slide's. */
  {
    FlRun *run = fl_window_get_run (window);
    FlProgram *program = run ? fl_run_get_program (run) : NULL;
    const char *editor_text = fl_window_get_program_text (window);
    guint first = 0, last = 0;

    if (program != NULL && editor_text != NULL &&
        g_strcmp0 (editor_text, fl_program_get_text (program)) == 0 &&
        fl_window_get_source_selection (window, &first, &last) && first > 0 && last >= first)
      {
        /* TRANSLATORS: an export option: "Selected lines only (12–30)" */
        g_autofree char *title = g_strdup_printf (_("Selected _lines only (%u–%u)"), first, last);

        self->selection_from = first;
        self->selection_last = last;
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->selection_row), title);
      }
  }
  g_signal_connect_swapped (self->view_row, "notify::selected", G_CALLBACK (on_view_selected), self);
  g_signal_connect_swapped (self->source_switch, "notify::active", G_CALLBACK (on_view_selected), self);
  on_view_selected (self);
  return GTK_WIDGET (self);
}
