/* fl-gallery-row.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-gallery-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "fl-gallery-row.h"

struct _FlGalleryRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *title_label;
  GtkLabel      *summary_label;
  GtkImage      *user_icon;

  FlScenario    *scenario;
  char          *program_path;
  gboolean       preset;
  char          *haystack;   /* casefolded title, id and description */
};

G_DEFINE_FINAL_TYPE (FlGalleryRow, fl_gallery_row, GTK_TYPE_LIST_BOX_ROW)

/* The description's first sentence: the sidebar has room for one line. */
static char *
first_sentence (const char *text)
{
  const char *end;

  if (text == NULL)
    return g_strdup ("");
  end = strstr (text, ". ");
  if (end == NULL)
    return g_strdup (text);
  return g_strndup (text, (gsize) (end - text) + 1);
}

static void
fl_gallery_row_dispose (GObject *object)
{
  FlGalleryRow *self = (FlGalleryRow *) object;

  g_clear_object (&self->scenario);
  gtk_widget_dispose_template (GTK_WIDGET (self), FL_TYPE_GALLERY_ROW);

  G_OBJECT_CLASS (fl_gallery_row_parent_class)->dispose (object);
}

static void
fl_gallery_row_finalize (GObject *object)
{
  FlGalleryRow *self = (FlGalleryRow *) object;

  g_clear_pointer (&self->haystack, g_free);
  g_clear_pointer (&self->program_path, g_free);

  G_OBJECT_CLASS (fl_gallery_row_parent_class)->finalize (object);
}

static void
fl_gallery_row_class_init (FlGalleryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fl_gallery_row_dispose;
  object_class->finalize = fl_gallery_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/forkline/Forkline/ui/fl-gallery-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FlGalleryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, FlGalleryRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, FlGalleryRow, user_icon);
}

static void
fl_gallery_row_init (FlGalleryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fl_gallery_row_new (FlScenario *scenario,
                    gboolean    preset)
{
  FlGalleryRow *self;
  g_autofree char *summary = NULL;
  g_autofree char *joined = NULL;
  const char *title;

  g_return_val_if_fail (FL_IS_SCENARIO (scenario), NULL);

  self = g_object_new (FL_TYPE_GALLERY_ROW, NULL);
  self->scenario = g_object_ref (scenario);
  self->preset = preset;

  /* The scenario gives them translated already. */
  title = fl_scenario_get_title (scenario);
  summary = first_sentence (fl_scenario_get_description (scenario));
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->summary_label, summary);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), summary);
  gtk_widget_set_visible (GTK_WIDGET (self->user_icon), !preset);
  /* Screen readers name the row after its scenario. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary ? summary : "",
                                  -1);

  joined = g_strjoin ("\n", title, fl_scenario_get_id (scenario),
                      fl_scenario_get_description (scenario) ? fl_scenario_get_description (scenario) : "",
                      NULL);
  self->haystack = g_utf8_casefold (joined, -1);
  return GTK_WIDGET (self);
}

GtkWidget *
fl_gallery_row_new_for_program (const char *path,
                                const char *title,
                                const char *description,
                                gboolean    example)
{
  FlGalleryRow *self;
  g_autofree char *summary = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *base = NULL;
  g_autofree char *accessible_name = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (FL_TYPE_GALLERY_ROW, NULL);
  self->program_path = g_strdup (path);
  self->preset = example;
  base = g_path_get_basename (path);
  /* A program without a description is named by its file, unless its
   * title is that already. */
  if (description)
    summary = first_sentence (description);
  else
    {
      summary = g_filename_display_name (base);
      if (g_str_equal (summary, title))
        {
          g_free (summary);
          summary = g_strdup (_("Your Python program"));
        }
    }
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->summary_label, summary);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), example ? summary : path);
  gtk_widget_set_visible (GTK_WIDGET (self->user_icon), !example);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->user_icon), _("Your own program"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->user_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your own program"), -1);
  /* Examples share their titles with presets: the name says which it is
   * (and starts as the row reads). */
  accessible_name = g_strdup_printf (example ? _("%s, Python example") : _("%s, your Python program"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);

  /* "python" finds every program. */
  joined = g_strjoin ("\n", title, base, description ? description : "", _("Python programs"), NULL);
  self->haystack = g_utf8_casefold (joined, -1);
  return GTK_WIDGET (self);
}

const char *
fl_gallery_row_get_program_path (FlGalleryRow *self)
{
  g_return_val_if_fail (FL_IS_GALLERY_ROW (self), NULL);
  return self->program_path;
}

FlScenario *
fl_gallery_row_get_scenario (FlGalleryRow *self)
{
  g_return_val_if_fail (FL_IS_GALLERY_ROW (self), NULL);
  return self->scenario;
}

gboolean
fl_gallery_row_is_preset (FlGalleryRow *self)
{
  g_return_val_if_fail (FL_IS_GALLERY_ROW (self), FALSE);
  return self->preset;
}

gboolean
fl_gallery_row_matches (FlGalleryRow *self,
                        const char   *casefolded_text)
{
  g_return_val_if_fail (FL_IS_GALLERY_ROW (self), FALSE);
  return casefolded_text == NULL || *casefolded_text == '\0' ||
         strstr (self->haystack, casefolded_text) != NULL;
}
