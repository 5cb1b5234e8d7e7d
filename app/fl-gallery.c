/* fl-gallery.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-gallery"

#include "config.h"

#include <glib/gi18n.h>

#include "fl-gallery.h"
#include "fl-gallery-row.h"
#include "fl-program.h"

struct _FlGallery
{
  AdwBin          parent_instance;

  GtkSearchEntry *search_entry;
  GtkListBox     *list_box;
  GtkMenuButton  *errors_button;
  GtkLabel       *errors_label;
  GtkLabel       *errors_detail;

  FlCatalog      *catalog;
  GSignalGroup   *catalog_signals;   /* "changed" of catalog */
  FlScenario     *scenario;
  char           *program_path; /* the selected program's file */
  char           *wanted_program; /* open but not listed yet (just saved): selected when it is */
  gboolean        program_is_example;
  char           *filter;       /* casefolded search text */
  gboolean        has_user_scenarios;

  GPtrArray      *examples;     /* FlProgramExample*, read once */
  GFileMonitor   *programs_monitor;
  GSignalGroup   *programs_signals;  /* "changed" of programs_monitor */
  guint           programs_timeout;
};

G_DEFINE_FINAL_TYPE (FlGallery, fl_gallery, ADW_TYPE_BIN)

static void fill (FlGallery *self);

enum {
  PROP_0,
  PROP_SCENARIO,
  PROP_PROGRAM_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_scenario (FlGallery  *self,
              FlScenario *scenario)
{
  if (g_set_object (&self->scenario, scenario))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
}

static void
set_program (FlGallery  *self,
             const char *path,
             gboolean    example)
{
  self->program_is_example = path != NULL && example;
  if (g_strcmp0 (path, self->program_path) == 0)
    return;
  g_free (self->program_path);
  self->program_path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRAM_PATH]);
}

/* One of the two is selected: the other is cleared first, so whoever
 * follows both sees the cleared one before the new one. */
static void
select_row_item (FlGallery    *self,
                 FlGalleryRow *row)
{
  const char *path = fl_gallery_row_get_program_path (row);

  /* Something listed is picked: no longer wait for another to appear. */
  g_clear_pointer (&self->wanted_program, g_free);
  if (path)
    {
      set_scenario (self, NULL);
      set_program (self, path, fl_gallery_row_is_preset (row));
    }
  else
    {
      set_program (self, NULL, FALSE);
      set_scenario (self, fl_gallery_row_get_scenario (row));
    }
}

/* 0 preset, 1 user scenario, 2 program */
static int
row_kind (GtkListBoxRow *row)
{
  if (fl_gallery_row_get_program_path (FL_GALLERY_ROW (row)) != NULL)
    return 2;
  return fl_gallery_row_is_preset (FL_GALLERY_ROW (row)) ? 0 : 1;
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  FlGallery *self = user_data;

  return fl_gallery_row_matches (FL_GALLERY_ROW (row), self->filter);
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  FlGallery *self = user_data;
  int kind = row_kind (row);
  gboolean preset = kind == 0;
  GtkWidget *header;

  if (kind == 2)
    {
      /* The programs always have their heading, for sight and speech. */
      if (before != NULL && row_kind (before) == 2)
        {
          gtk_list_box_row_set_header (row, NULL);
          return;
        }
      if (GTK_IS_LABEL (gtk_list_box_row_get_header (row)))
        return;
      header = g_object_new (GTK_TYPE_LABEL,
                             "label", _("Python programs"),
                             "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                             "xalign", 0.0f,
                             NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
      gtk_widget_add_css_class (header, "heading");
      gtk_widget_add_css_class (header, "gallery-heading");
      gtk_list_box_row_set_header (row, header);
      return;
    }

  /* Headings only help when there are two kinds of scenario. */
  if (!self->has_user_scenarios ||
      (before != NULL && row_kind (before) == kind))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (preset ? _("Presets") : _("Your Scenarios"));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "gallery-heading");
  gtk_list_box_row_set_header (row, header);
}

static void
on_search_changed (FlGallery *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->filter, g_free);
  self->filter = g_utf8_casefold (text, -1);
  gtk_list_box_invalidate_filter (self->list_box);
}

static GtkListBoxRow *
first_visible_row (FlGallery *self)
{
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (FL_IS_GALLERY_ROW (child) && gtk_widget_get_child_visible (child) &&
        fl_gallery_row_matches (FL_GALLERY_ROW (child), self->filter))
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

/* Enter (or Down) in the search: take the first match and go to the list. */
static void
on_search_activate (FlGallery *self)
{
  GtkListBoxRow *row = first_visible_row (self);

  if (row == NULL)
    return;
  gtk_list_box_select_row (self->list_box, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
on_stop_search (FlGallery *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_row_selected (FlGallery     *self,
                 GtkListBoxRow *row)
{
  /* Keep showing the last scenario when a search hides its row. */
  if (row != NULL)
    select_row_item (self, FL_GALLERY_ROW (row));
}

/* The programs' rows, after the scenarios': Forkline's examples, then
 * the user's files as they are now.  The program picked stays picked if
 * it is still there, without a notification. */
static void
fill_programs (FlGallery *self)
{
  g_autoptr(GPtrArray) user = fl_program_list_user_programs ();
  GtkWidget *child, *wanted = NULL;
  gboolean kept = FALSE;
  guint i;
  g_autoptr(GPtrArray) old = g_ptr_array_new ();

  /* Collected first: a row's heading goes with it, and is a sibling. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (FL_IS_GALLERY_ROW (child) && fl_gallery_row_get_program_path (FL_GALLERY_ROW (child)))
      g_ptr_array_add (old, child);
  for (i = 0; i < old->len; i++)
    gtk_list_box_remove (self->list_box, g_ptr_array_index (old, i));
  for (i = 0; i < self->examples->len + user->len; i++)
    {
      gboolean example = i < self->examples->len;
      FlProgramExample *p = example ? g_ptr_array_index (self->examples, i)
                                    : g_ptr_array_index (user, i - self->examples->len);
      GtkWidget *row = fl_gallery_row_new_for_program (p->path, p->title, p->description, example);

      gtk_list_box_append (self->list_box, row);
      if (g_strcmp0 (p->path, self->program_path) == 0)
        {
          gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (row));
          kept = TRUE;
        }
      else if (self->wanted_program != NULL && wanted == NULL)
        {
          g_autofree char *canonical = g_canonicalize_filename (p->path, NULL);

          if (g_str_equal (canonical, self->wanted_program))
            wanted = row;
        }
    }
  if (!kept && self->program_path)
    {
      gtk_list_box_unselect_all (self->list_box);
      set_program (self, NULL, FALSE);
    }
  gtk_list_box_invalidate_headers (self->list_box);
  /* The open program has just got its row (saved into the watched
   * folder): it is selected as if the window had asked now. */
  if (wanted != NULL && !kept)
    {
      g_clear_pointer (&self->wanted_program, g_free);
      gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (wanted));
      select_row_item (self, FL_GALLERY_ROW (wanted));
    }
}

static gboolean
programs_timeout_cb (gpointer data)
{
  FlGallery *self = data;

  self->programs_timeout = 0;
  fill_programs (self);
  return G_SOURCE_REMOVE;
}

static void
on_programs_changed (GFileMonitor      *monitor,
                     GFile             *file,
                     GFile             *other,
                     GFileMonitorEvent  event,
                     FlGallery         *self)
{
  /* A file being written sends many events: read the folder once they
   * settle. */
  g_clear_handle_id (&self->programs_timeout, g_source_remove);
  self->programs_timeout = g_timeout_add (250, programs_timeout_cb, self);
}

static void
fl_gallery_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FlGallery *self = FL_GALLERY (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      g_value_set_object (value, self->scenario);
      break;
    case PROP_PROGRAM_PATH:
      g_value_set_string (value, self->program_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_gallery_dispose (GObject *object)
{
  FlGallery *self = (FlGallery *) object;

  /* Neither the catalogue nor the folder reaches a disposed gallery. */
  g_clear_object (&self->catalog_signals);
  g_clear_object (&self->programs_signals);
  g_clear_object (&self->catalog);
  g_clear_object (&self->scenario);
  g_clear_handle_id (&self->programs_timeout, g_source_remove);
  if (self->programs_monitor)
    g_file_monitor_cancel (self->programs_monitor);
  g_clear_object (&self->programs_monitor);
  gtk_widget_dispose_template (GTK_WIDGET (self), FL_TYPE_GALLERY);

  G_OBJECT_CLASS (fl_gallery_parent_class)->dispose (object);
}

static void
fl_gallery_finalize (GObject *object)
{
  FlGallery *self = (FlGallery *) object;

  g_clear_pointer (&self->filter, g_free);
  g_clear_pointer (&self->program_path, g_free);
  g_clear_pointer (&self->wanted_program, g_free);
  g_clear_pointer (&self->examples, g_ptr_array_unref);

  G_OBJECT_CLASS (fl_gallery_parent_class)->finalize (object);
}

static void
fl_gallery_class_init (FlGalleryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fl_gallery_get_property;
  object_class->dispose = fl_gallery_dispose;
  object_class->finalize = fl_gallery_finalize;

  properties[PROP_SCENARIO] =
    g_param_spec_object ("scenario", NULL, NULL, FL_TYPE_SCENARIO,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The selected program's file; NULL when a scenario (or nothing) is. */
  properties[PROP_PROGRAM_PATH] =
    g_param_spec_string ("program-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/forkline/Forkline/ui/fl-gallery.ui");
  gtk_widget_class_bind_template_child (widget_class, FlGallery, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FlGallery, list_box);
  gtk_widget_class_bind_template_child (widget_class, FlGallery, errors_button);
  gtk_widget_class_bind_template_child (widget_class, FlGallery, errors_label);
  gtk_widget_class_bind_template_child (widget_class, FlGallery, errors_detail);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
}

static void
fl_gallery_init (FlGallery *self)
{
  GtkWidget *no_results;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The user's scenarios arrive after the presets (read off the main
   * loop): the list fills in when they do. */
  self->catalog_signals = g_signal_group_new (FL_TYPE_CATALOG);
  g_signal_group_connect_swapped (self->catalog_signals, "changed", G_CALLBACK (fill), self);
  self->programs_signals = g_signal_group_new (G_TYPE_FILE_MONITOR);
  g_signal_group_connect (self->programs_signals, "changed", G_CALLBACK (on_programs_changed), self);

  /* What the list shows when the search matches nothing (GtkListBox
   * calls this its placeholder). */
  no_results = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (no_results), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (no_results), _("No Results"));
  adw_status_page_set_description (ADW_STATUS_PAGE (no_results), _("No scenario or program matches the search."));
  gtk_widget_add_css_class (no_results, "compact");
  gtk_list_box_set_placeholder (self->list_box, no_results);

  gtk_list_box_set_filter_func (self->list_box, filter_row, self, NULL);
  gtk_list_box_set_header_func (self->list_box, update_header, self, NULL);

  self->examples = fl_program_list_examples ();
  {
    g_autofree char *dir_path = fl_program_user_dir ();
    g_autoptr(GFile) dir = g_file_new_for_path (dir_path);
    g_autoptr(GError) error = NULL;

    /* GLib watches a folder that is not there yet for when it comes. */
    self->programs_monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
    if (self->programs_monitor)
      g_signal_group_set_target (self->programs_signals, self->programs_monitor);
    else
      g_warning ("Cannot watch %s for new programs: %s", dir_path, error->message);
  }
  fill_programs (self);
}

GtkWidget *
fl_gallery_new (void)
{
  return g_object_new (FL_TYPE_GALLERY, NULL);
}

static void
show_errors (FlGallery *self,
             GPtrArray *errors)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *summary = NULL;
  guint i;

  gtk_widget_set_visible (GTK_WIDGET (self->errors_button), errors->len > 0);
  if (errors->len == 0)
    return;

  summary = g_strdup_printf (ngettext ("%u scenario file could not be read",
                                       "%u scenario files could not be read", errors->len),
                             errors->len);
  for (i = 0; i < errors->len; i++)
    {
      const GError *error = g_ptr_array_index (errors, i);
      g_string_append_printf (detail, "%s%s", i > 0 ? "\n" : "", error->message);
    }
  gtk_label_set_label (self->errors_label, summary);
  gtk_label_set_label (self->errors_detail, detail->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->errors_button), summary);
}

/* The rows, from the catalogue as it is now.  The scenario picked stays
 * picked if it is still there, without a notification. */
static void
fill (FlGallery *self)
{
  GtkWidget *child;
  GPtrArray *scenarios;
  gboolean kept = FALSE;
  guint i;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  self->has_user_scenarios = FALSE;
  scenarios = fl_catalog_get_scenarios (self->catalog);
  for (i = 0; i < scenarios->len; i++)
    {
      FlScenario *scenario = g_ptr_array_index (scenarios, i);
      gboolean preset = fl_catalog_is_preset (self->catalog, scenario);
      GtkWidget *row = fl_gallery_row_new (scenario, preset);

      self->has_user_scenarios |= !preset;
      gtk_list_box_append (self->list_box, row);
      if (scenario == self->scenario)
        {
          gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (row));
          kept = TRUE;
        }
    }
  if (!kept)
    set_scenario (self, NULL);
  fill_programs (self);
  gtk_list_box_invalidate_headers (self->list_box);
  show_errors (self, fl_catalog_get_errors (self->catalog));
}

void
fl_gallery_set_catalog (FlGallery *self,
                        FlCatalog *catalog)
{
  g_return_if_fail (FL_IS_GALLERY (self));
  g_return_if_fail (FL_IS_CATALOG (catalog));

  g_set_object (&self->catalog, catalog);
  g_signal_group_set_target (self->catalog_signals, catalog);
  set_scenario (self, NULL);
  fill (self);
}

FlScenario *
fl_gallery_get_scenario (FlGallery *self)
{
  g_return_val_if_fail (FL_IS_GALLERY (self), NULL);
  return self->scenario;
}

gboolean
fl_gallery_select (FlGallery  *self,
                   const char *id)
{
  GtkWidget *child;

  g_return_val_if_fail (FL_IS_GALLERY (self), FALSE);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      FlScenario *scenario;

      if (!FL_IS_GALLERY_ROW (child))
        continue;
      scenario = fl_gallery_row_get_scenario (FL_GALLERY_ROW (child));
      if (scenario != NULL && g_strcmp0 (fl_scenario_get_id (scenario), id) == 0)
        {
          /* A search could hide it: clear the search first. */
          if (!fl_gallery_row_matches (FL_GALLERY_ROW (child), self->filter))
            {
              gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
              on_search_changed (self);
            }
          gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (child));
          g_clear_pointer (&self->wanted_program, g_free);
          set_program (self, NULL, FALSE);
          set_scenario (self, scenario);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
fl_gallery_select_program (FlGallery  *self,
                           const char *path)
{
  g_autofree char *canonical = NULL;
  GtkWidget *child;

  g_return_val_if_fail (FL_IS_GALLERY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  canonical = g_canonicalize_filename (path, NULL);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *row_path;
      g_autofree char *row_canonical = NULL;

      if (!FL_IS_GALLERY_ROW (child) ||
          !(row_path = fl_gallery_row_get_program_path (FL_GALLERY_ROW (child))))
        continue;
      row_canonical = g_canonicalize_filename (row_path, NULL);
      if (g_str_equal (row_canonical, canonical))
        {
          if (!fl_gallery_row_matches (FL_GALLERY_ROW (child), self->filter))
            {
              gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
              on_search_changed (self);
            }
          gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (child));
          select_row_item (self, FL_GALLERY_ROW (child));
          g_clear_pointer (&self->wanted_program, g_free);
          return TRUE;
        }
    }
  /* Not listed (yet): if it appears in the watched folder, it is picked. */
  g_free (self->wanted_program);
  self->wanted_program = g_steal_pointer (&canonical);
  return FALSE;
}

void
fl_gallery_unselect (FlGallery *self)
{
  g_return_if_fail (FL_IS_GALLERY (self));

  gtk_list_box_unselect_all (self->list_box);
  set_scenario (self, NULL);
  set_program (self, NULL, FALSE);
}

const char *
fl_gallery_get_program_path (FlGallery *self)
{
  g_return_val_if_fail (FL_IS_GALLERY (self), NULL);
  return self->program_path;
}

gboolean
fl_gallery_program_is_example (FlGallery *self)
{
  g_return_val_if_fail (FL_IS_GALLERY (self), FALSE);
  return self->program_is_example;
}

void
fl_gallery_focus_search (FlGallery *self)
{
  g_return_if_fail (FL_IS_GALLERY (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
