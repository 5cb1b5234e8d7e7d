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

struct _FlGallery
{
  AdwBin          parent_instance;

  GtkSearchEntry *search_entry;
  GtkListBox     *list_box;
  GtkMenuButton  *errors_button;
  GtkLabel       *errors_label;
  GtkLabel       *errors_detail;

  FlCatalog      *catalog;
  FlScenario     *scenario;
  char           *filter;       /* casefolded search text */
  gboolean        has_user_scenarios;
};

G_DEFINE_FINAL_TYPE (FlGallery, fl_gallery, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SCENARIO,
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
  gboolean preset = fl_gallery_row_is_preset (FL_GALLERY_ROW (row));
  GtkWidget *header;

  /* Headings only help when there are two kinds of scenario. */
  if (!self->has_user_scenarios ||
      (before != NULL && fl_gallery_row_is_preset (FL_GALLERY_ROW (before)) == preset))
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
    set_scenario (self, fl_gallery_row_get_scenario (FL_GALLERY_ROW (row)));
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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_gallery_dispose (GObject *object)
{
  FlGallery *self = (FlGallery *) object;

  g_clear_object (&self->catalog);
  g_clear_object (&self->scenario);
  gtk_widget_dispose_template (GTK_WIDGET (self), FL_TYPE_GALLERY);

  G_OBJECT_CLASS (fl_gallery_parent_class)->dispose (object);
}

static void
fl_gallery_finalize (GObject *object)
{
  FlGallery *self = (FlGallery *) object;

  g_clear_pointer (&self->filter, g_free);

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

  /* What the list shows when the search matches nothing (GtkListBox
   * calls this its placeholder). */
  no_results = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (no_results), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (no_results), _("No Results"));
  adw_status_page_set_description (ADW_STATUS_PAGE (no_results), _("No scenario matches the search."));
  gtk_widget_add_css_class (no_results, "compact");
  gtk_list_box_set_placeholder (self->list_box, no_results);

  gtk_list_box_set_filter_func (self->list_box, filter_row, self, NULL);
  gtk_list_box_set_header_func (self->list_box, update_header, self, NULL);
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
  gtk_list_box_invalidate_headers (self->list_box);
  show_errors (self, fl_catalog_get_errors (self->catalog));
}

void
fl_gallery_set_catalog (FlGallery *self,
                        FlCatalog *catalog)
{
  g_return_if_fail (FL_IS_GALLERY (self));
  g_return_if_fail (FL_IS_CATALOG (catalog));

  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (self->catalog, fill, self);
  g_set_object (&self->catalog, catalog);
  set_scenario (self, NULL);
  /* The user's scenarios arrive after the presets (read off the main
   * loop): the list fills in when they do. */
  g_signal_connect_object (catalog, "changed", G_CALLBACK (fill), self, G_CONNECT_SWAPPED);
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
      if (g_strcmp0 (fl_scenario_get_id (scenario), id) == 0)
        {
          /* A search could hide it: clear the search first. */
          if (!fl_gallery_row_matches (FL_GALLERY_ROW (child), self->filter))
            {
              gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
              on_search_changed (self);
            }
          gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (child));
          set_scenario (self, scenario);
          return TRUE;
        }
    }
  return FALSE;
}

void
fl_gallery_focus_search (FlGallery *self)
{
  g_return_if_fail (FL_IS_GALLERY (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
