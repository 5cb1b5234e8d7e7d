/* fl-settings.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Running from the build folder needs no GSETTINGS_SCHEMA_DIR: the build
 * compiles the schema into data/, beside app/ and tests/, and that copy
 * wins over an older one installed system-wide.
 */

#define G_LOG_DOMAIN "fl-settings"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "fl-run.h"
#include "fl-settings.h"
#include "fl-util.h"

GSettings *
fl_settings_new (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) own = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *installed = fl_installed_path (DATADIR "/glib-2.0/schemas");
  g_autofree char *tried = NULL;
  guint i;

  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      g_ptr_array_add (dirs, g_build_filename (dir, "..", "data", NULL));
    }
  if (installed != NULL)
    g_ptr_array_add (dirs, g_steal_pointer (&installed));

  /* Built from the last, so that the first of @dirs is searched first. */
  for (i = dirs->len; i > 0; i--)
    {
      const char *dir = g_ptr_array_index (dirs, i - 1);
      g_autofree char *compiled = g_build_filename (dir, "gschemas.compiled", NULL);
      GSettingsSchemaSource *parent = own ? own : source;
      GSettingsSchemaSource *next;

      if (!g_file_test (compiled, G_FILE_TEST_IS_REGULAR))
        continue;
      next = g_settings_schema_source_new_from_directory (dir, parent, FALSE, NULL);
      if (next != NULL)
        {
          g_clear_pointer (&own, g_settings_schema_source_unref);
          own = next;
        }
    }
  if (own != NULL)
    source = own;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_ptr_array_add (dirs, g_strdup (_("the system’s schema folders")));
      g_ptr_array_add (dirs, NULL);
      tried = g_strjoinv (", ", (char **) dirs->pdata);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The settings schema %s is not installed (looked in %s)"), APP_ID, tried);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
on_theme_changed (GSettings  *settings,
                  const char *key,
                  gpointer    user_data)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT,       /* follow the system */
    ADW_COLOR_SCHEME_FORCE_LIGHT,
    ADW_COLOR_SCHEME_FORCE_DARK,
  };
  int theme = g_settings_get_enum (settings, "theme");

  if (theme >= 0 && theme < (int) G_N_ELEMENTS (schemes))
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), schemes[theme]);
}

void
fl_settings_apply_theme (GSettings *settings)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_signal_connect (settings, "changed::theme", G_CALLBACK (on_theme_changed), NULL);
  on_theme_changed (settings, "theme", NULL);
}
