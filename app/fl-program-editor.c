/* fl-program-editor.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkSourceView on a Python file: highlighted, numbered, its scheme
 * following light and dark.  The file is read whole through fl-files
 * (regular files up to FL_PROGRAM_EDITOR_MAX_BYTES, UTF-8 checked with
 * the offending byte named) and written back through fl_file_write (a
 * temporary file renamed over it).  A file monitor says when the file
 * changes or goes away on disk; what the editor holds is never replaced
 * without the user's word.
 */

#define G_LOG_DOMAIN "fl-program-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <sys/stat.h>

#include "fl-files.h"
#include "fl-program-editor.h"

struct _FlProgramEditor
{
  AdwBin           parent_instance;

  /* template */
  GtkSourceView   *view;
  GtkInfoBar      *disk_bar;
  GtkLabel        *disk_label;
  GtkWidget       *reload_button;
  GtkWidget       *read_only_label;

  /* state */
  GtkSourceBuffer *buffer;
  char            *path;
  gboolean         is_example;
  gboolean         from_run;      /* the text a saved run kept, not a file */
  char            *text;          /* the buffer's text, until it changes */
  char            *disk_text;     /* what was read or last saved */
  gboolean         changed_on_disk;
  GFileMonitor    *monitor;
  GSignalGroup    *monitor_signals;   /* "changed" of monitor */
  gboolean         loading;
};

enum
{
  PROP_0,
  PROP_PATH,
  PROP_MODIFIED,
  PROP_IS_EXAMPLE,
  PROP_CHANGED_ON_DISK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FlProgramEditor, fl_program_editor, ADW_TYPE_BIN)

G_DEFINE_QUARK (fl-program-editor-error-quark, fl_program_editor_error)

/* ---- light and dark ------------------------------------------------------ */

static void
update_scheme (FlProgramEditor *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (schemes, id);

  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (schemes, adw_style_manager_get_dark (manager) ? "classic-dark" : "classic");
  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

/* ---- the file on disk ---------------------------------------------------- */

static void
set_changed_on_disk (FlProgramEditor *self,
                     gboolean         changed,
                     gboolean         deleted)
{
  if (changed)
    {
      g_autofree char *name = g_path_get_basename (self->path);
      g_autofree char *text = deleted
        /* TRANSLATORS: %s is a file name */
        ? g_strdup_printf (_("“%s” was deleted or moved on disk. Save keeps the editor's text."), name)
        /* TRANSLATORS: %s is a file name */
        : g_strdup_printf (_("“%s” changed on disk."), name);

      gtk_label_set_label (self->disk_label, text);
      gtk_widget_set_visible (self->reload_button, !deleted);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->disk_bar), changed);
  if (self->changed_on_disk != changed)
    {
      self->changed_on_disk = changed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGED_ON_DISK]);
    }
}

static void
on_file_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 FlProgramEditor   *self)
{
  g_autofree char *now = NULL;
  gsize len = 0;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    case G_FILE_MONITOR_EVENT_RENAMED:
      if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
        {
          set_changed_on_disk (self, TRUE, TRUE);
          return;
        }
      G_GNUC_FALLTHROUGH;
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      /* Our own save, or a write of the same text, is no change. */
      if (fl_file_read (self->path, FL_PROGRAM_EDITOR_MAX_BYTES, &now, &len, NULL) &&
          g_strcmp0 (now, self->disk_text) == 0)
        set_changed_on_disk (self, FALSE, FALSE);
      else
        set_changed_on_disk (self, TRUE, !g_file_test (self->path, G_FILE_TEST_EXISTS));
      break;
    default:
      break;
    }
}

/* Stops watching the file, if one was watched. */
static void
unwatch_file (FlProgramEditor *self)
{
  g_signal_group_set_target (self->monitor_signals, NULL);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
}

static void
watch_file (FlProgramEditor *self)
{
  g_autoptr(GFile) file = NULL;

  unwatch_file (self);
  if (self->path == NULL)
    return;
  file = g_file_new_for_path (self->path);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  g_signal_group_set_target (self->monitor_signals, self->monitor);
}

/* ---- the text ------------------------------------------------------------ */

static void
on_buffer_changed (FlProgramEditor *self)
{
  g_clear_pointer (&self->text, g_free);
}

static void
on_modified_changed (FlProgramEditor *self)
{
  if (!self->loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
update_editable (FlProgramEditor *self)
{
  gboolean read_only = self->is_example || self->from_run;

  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view), self->path != NULL && !read_only);
  gtk_widget_set_visible (self->read_only_label, self->path != NULL && read_only);
  gtk_label_set_label (GTK_LABEL (self->read_only_label),
                       self->from_run ? _("The program as the saved run ran it: read-only. Save As makes a copy to edit.")
                                      : _("Forkline's example: read-only. Save As makes your own copy to edit."));
  {
    g_autofree char *name = self->path ? g_path_get_basename (self->path) : NULL;
    /* TRANSLATORS: the editor's accessible name; %s is the file's name */
    g_autofree char *label = name ? g_strdup_printf (_("Program source: %s"), name) : g_strdup (_("Program source"));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    GTK_ACCESSIBLE_PROPERTY_READ_ONLY, read_only,
                                    -1);
  }
}

static char *
check_text (const char  *path,
            const char  *data,
            gsize        len,
            GError     **error)
{
  const char *end = NULL;
  g_autofree char *display = g_filename_display_name (path);

  if (!g_utf8_validate (data, (gssize) len, &end))
    {
      gsize offset = (gsize) (end - data);
      guint line = 1;
      const char *p;

      for (p = data; p < end; p++)
        if (*p == '\n')
          line++;
      if (offset < len && data[offset] == '\0')
        g_set_error (error, FL_PROGRAM_EDITOR_ERROR, FL_PROGRAM_EDITOR_ERROR_NOT_TEXT,
                     /* TRANSLATORS: %s is a file, %u a line, %lu a byte offset */
                     _("Cannot open “%s”: it is not a text file (a zero byte on line %u, at byte %lu)"),
                     display, line, (gulong) offset);
      else
        g_set_error (error, FL_PROGRAM_EDITOR_ERROR, FL_PROGRAM_EDITOR_ERROR_NOT_TEXT,
                     _("Cannot open “%s”: it is not UTF-8 text (byte 0x%02x on line %u, at byte %lu)"),
                     display, (guint) (guchar) data[offset], line, (gulong) offset);
      return NULL;
    }
  return g_strndup (data, len);
}

static void
set_text (FlProgramEditor *self,
          const char      *text)
{
  GtkTextIter start;

  self->loading = TRUE;
  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text, -1);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self->buffer), FALSE);
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &start);
  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

gboolean
fl_program_editor_load (FlProgramEditor *self,
                        const char      *path,
                        gboolean         is_example,
                        GError         **error)
{
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;

  g_return_val_if_fail (FL_IS_PROGRAM_EDITOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  {
    GStatBuf st;

    /* Said in bytes: a size rounded to "2.0 MiB" either side of the limit
     * would not explain anything. */
    if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && (guint64) st.st_size > FL_PROGRAM_EDITOR_MAX_BYTES)
      {
        g_autofree char *display = g_filename_display_name (path);

        g_set_error (error, FL_PROGRAM_EDITOR_ERROR, FL_PROGRAM_EDITOR_ERROR_TOO_BIG,
                     /* TRANSLATORS: %s is a file; then its size in bytes and the limit in bytes */
                     _("Cannot open “%s”: it is %lu bytes, and the editor opens programs of at most 2 MiB (%lu bytes)"),
                     display, (gulong) st.st_size, (gulong) FL_PROGRAM_EDITOR_MAX_BYTES);
        return FALSE;
      }
  }
  if (!fl_file_read (path, FL_PROGRAM_EDITOR_MAX_BYTES, &data, &len, error))
    return FALSE;
  if (!(text = check_text (path, data, len, error)))
    return FALSE;

  g_free (self->path);
  self->path = g_canonicalize_filename (path, NULL);
  self->is_example = is_example;
  self->from_run = FALSE;
  g_free (self->disk_text);
  self->disk_text = g_strdup (text);
  set_text (self, text);
  set_changed_on_disk (self, FALSE, FALSE);
  update_editable (self);
  watch_file (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_EXAMPLE]);
  return TRUE;
}

void
fl_program_editor_clear (FlProgramEditor *self)
{
  g_return_if_fail (FL_IS_PROGRAM_EDITOR (self));

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->disk_text, g_free);
  self->is_example = FALSE;
  self->from_run = FALSE;
  set_text (self, "");
  set_changed_on_disk (self, FALSE, FALSE);
  update_editable (self);
  watch_file (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

gboolean
fl_program_editor_reload (FlProgramEditor *self,
                          GError         **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (FL_IS_PROGRAM_EDITOR (self), FALSE);
  g_return_val_if_fail (self->path != NULL, FALSE);

  if (self->from_run)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                   _("The program a saved run kept has no file to read again"));
      return FALSE;
    }
  path = g_strdup (self->path);
  return fl_program_editor_load (self, path, self->is_example, error);
}

const char *
fl_program_editor_get_path (FlProgramEditor *self)
{
  g_return_val_if_fail (FL_IS_PROGRAM_EDITOR (self), NULL);
  return self->path;
}

gboolean
fl_program_editor_get_is_example (FlProgramEditor *self)
{
  g_return_val_if_fail (FL_IS_PROGRAM_EDITOR (self), FALSE);
  return self->is_example;
}

gboolean
fl_program_editor_get_read_only (FlProgramEditor *self)
{
  g_return_val_if_fail (FL_IS_PROGRAM_EDITOR (self), FALSE);
  return self->is_example || self->from_run;
}

void
fl_program_editor_load_text (FlProgramEditor *self,
                             const char      *path,
                             const char      *text)
{
  g_return_if_fail (FL_IS_PROGRAM_EDITOR (self));
  g_return_if_fail (path != NULL && text != NULL);

  g_free (self->path);
  self->path = g_canonicalize_filename (path, NULL);
  self->is_example = FALSE;
  self->from_run = TRUE;
  g_clear_pointer (&self->disk_text, g_free);
  set_text (self, text);
  set_changed_on_disk (self, FALSE, FALSE);
  update_editable (self);
  /* No file to watch: the text is the run's. */
  unwatch_file (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_EXAMPLE]);
}

gboolean
fl_program_editor_get_modified (FlProgramEditor *self)
{
  g_return_val_if_fail (FL_IS_PROGRAM_EDITOR (self), FALSE);
  return self->path != NULL && gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->buffer));
}

gboolean
fl_program_editor_get_changed_on_disk (FlProgramEditor *self)
{
  g_return_val_if_fail (FL_IS_PROGRAM_EDITOR (self), FALSE);
  return self->changed_on_disk;
}

const char *
fl_program_editor_get_text (FlProgramEditor *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (FL_IS_PROGRAM_EDITOR (self), NULL);

  if (self->path == NULL)
    return NULL;
  if (self->text == NULL)
    {
      gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
      self->text = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);
    }
  return self->text;
}

static gboolean
write_to (FlProgramEditor *self,
          const char      *path,
          GError         **error)
{
  const char *text = fl_program_editor_get_text (self);

  if (!fl_file_write (path, text, strlen (text), error))
    return FALSE;
  g_free (self->disk_text);
  self->disk_text = g_strdup (text);
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self->buffer), FALSE);
  set_changed_on_disk (self, FALSE, FALSE);
  return TRUE;
}

gboolean
fl_program_editor_save (FlProgramEditor *self,
                        GError         **error)
{
  g_return_val_if_fail (FL_IS_PROGRAM_EDITOR (self), FALSE);
  g_return_val_if_fail (self->path != NULL, FALSE);

  if (self->is_example || self->from_run)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY, "%s",
                   self->from_run ? _("The program a saved run kept is read-only: Save As makes a copy")
                                  : _("Forkline's examples are read-only: Save As makes your own copy"));
      return FALSE;
    }
  return write_to (self, self->path, error);
}

gboolean
fl_program_editor_save_as (FlProgramEditor *self,
                           const char      *path,
                           GError         **error)
{
  g_return_val_if_fail (FL_IS_PROGRAM_EDITOR (self), FALSE);
  g_return_val_if_fail (self->path != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!write_to (self, path, error))
    return FALSE;
  g_free (self->path);
  self->path = g_canonicalize_filename (path, NULL);
  self->is_example = FALSE;
  self->from_run = FALSE;
  update_editable (self);
  watch_file (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_EXAMPLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  return TRUE;
}

/* ---- lines --------------------------------------------------------------- */

void
fl_program_editor_select_lines (FlProgramEditor *self,
                                guint            first,
                                guint            last)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_if_fail (FL_IS_PROGRAM_EDITOR (self));

  buffer = GTK_TEXT_BUFFER (self->buffer);
  first = MAX (first, 1);
  last = MAX (last, first);
  gtk_text_buffer_get_iter_at_line (buffer, &start, (int) first - 1);
  gtk_text_buffer_get_iter_at_line (buffer, &end, (int) last - 1);
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->view), &start, 0.1, TRUE, 0.0, 0.3);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

gboolean
fl_program_editor_get_selection (FlProgramEditor *self,
                                 guint           *first,
                                 guint           *last)
{
  GtkTextIter start, end;

  g_return_val_if_fail (FL_IS_PROGRAM_EDITOR (self), FALSE);

  if (self->path == NULL ||
      !gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end))
    return FALSE;
  /* A selection ending at a line's start does not take that line. */
  if (gtk_text_iter_starts_line (&end) && gtk_text_iter_get_line (&end) > gtk_text_iter_get_line (&start))
    gtk_text_iter_backward_line (&end);
  if (first)
    *first = (guint) gtk_text_iter_get_line (&start) + 1;
  if (last)
    *last = (guint) gtk_text_iter_get_line (&end) + 1;
  return TRUE;
}

GtkWidget *
fl_program_editor_get_view (FlProgramEditor *self)
{
  g_return_val_if_fail (FL_IS_PROGRAM_EDITOR (self), NULL);
  return GTK_WIDGET (self->view);
}

/* ---- reloading ----------------------------------------------------------- */

static void
on_reload_answer (AdwMessageDialog *dialog,
                  const char       *response,
                  FlProgramEditor  *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "reload") == 0 && !fl_program_editor_reload (self, &error))
    {
      gtk_label_set_label (self->disk_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->disk_bar), TRUE);
    }
  g_object_unref (self);
}

static void
on_reload_clicked (FlProgramEditor *self)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  if (!fl_program_editor_get_modified (self))
    {
      if (!fl_program_editor_reload (self, &error))
        gtk_label_set_label (self->disk_label, error->message);
      return;
    }
  /* The editor's changes are lost only when the user says so. */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Reload and Lose Your Changes?"),
                                                       _("The editor holds changes that are not saved. Reloading replaces them with the file on disk.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "reload", _("_Reload"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "reload", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_reload_answer), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- object -------------------------------------------------------------- */

static void
fl_program_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FlProgramEditor *self = FL_PROGRAM_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, fl_program_editor_get_modified (self));
      break;
    case PROP_IS_EXAMPLE:
      g_value_set_boolean (value, self->is_example);
      break;
    case PROP_CHANGED_ON_DISK:
      g_value_set_boolean (value, self->changed_on_disk);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_program_editor_dispose (GObject *object)
{
  FlProgramEditor *self = FL_PROGRAM_EDITOR (object);

  if (self->monitor_signals != NULL)
    unwatch_file (self);
  g_clear_object (&self->monitor_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), FL_TYPE_PROGRAM_EDITOR);

  G_OBJECT_CLASS (fl_program_editor_parent_class)->dispose (object);
}

static void
fl_program_editor_finalize (GObject *object)
{
  FlProgramEditor *self = FL_PROGRAM_EDITOR (object);

  g_free (self->path);
  g_free (self->text);
  g_free (self->disk_text);
  g_clear_object (&self->buffer);

  G_OBJECT_CLASS (fl_program_editor_parent_class)->finalize (object);
}

static void
fl_program_editor_class_init (FlProgramEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fl_program_editor_get_property;
  object_class->dispose = fl_program_editor_dispose;
  object_class->finalize = fl_program_editor_finalize;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IS_EXAMPLE] = g_param_spec_boolean ("is-example", NULL, NULL, FALSE,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CHANGED_ON_DISK] = g_param_spec_boolean ("changed-on-disk", NULL, NULL, FALSE,
                                                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_source_init ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/forkline/Forkline/ui/fl-program-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FlProgramEditor, view);
  gtk_widget_class_bind_template_child (widget_class, FlProgramEditor, disk_bar);
  gtk_widget_class_bind_template_child (widget_class, FlProgramEditor, disk_label);
  gtk_widget_class_bind_template_child (widget_class, FlProgramEditor, reload_button);
  gtk_widget_class_bind_template_child (widget_class, FlProgramEditor, read_only_label);
  gtk_widget_class_set_css_name (widget_class, "programeditor");
}

static void
fl_program_editor_init (FlProgramEditor *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->monitor_signals = g_signal_group_new (G_TYPE_FILE_MONITOR);
  g_signal_group_connect (self->monitor_signals, "changed", G_CALLBACK (on_file_changed), self);
  self->buffer = gtk_source_buffer_new (NULL);
  gtk_source_buffer_set_language (self->buffer, gtk_source_language_manager_get_language (languages, "python3"));
  gtk_source_buffer_set_highlight_syntax (self->buffer, TRUE);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->view), GTK_TEXT_BUFFER (self->buffer));
  g_signal_connect_swapped (self->buffer, "changed", G_CALLBACK (on_buffer_changed), self);
  g_signal_connect_swapped (self->buffer, "modified-changed", G_CALLBACK (on_modified_changed), self);
  g_signal_connect_swapped (self->reload_button, "clicked", G_CALLBACK (on_reload_clicked), self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_scheme), self, G_CONNECT_SWAPPED);
  update_scheme (self);
  update_editable (self);
}

GtkWidget *
fl_program_editor_new (void)
{
  return g_object_new (FL_TYPE_PROGRAM_EDITOR, NULL);
}
