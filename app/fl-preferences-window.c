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

#include "fl-format.h"
#include "fl-preferences-window.h"

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

  GSettings            *settings;
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

static void
fl_preferences_window_dispose (GObject *object)
{
  FlPreferencesWindow *self = (FlPreferencesWindow *) object;

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

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
fl_preferences_window_init (FlPreferencesWindow *self)
{
  g_autoptr(GtkStringList) modes = gtk_string_list_new (NULL);
  guint m;

  gtk_widget_init_template (GTK_WIDGET (self));

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

  return self;
}
