/* fl-application.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Options are checked in the process that was started (handle-local-
 * options), so that a mistake prints its message and exits with status 2
 * there, even when another Forkline is already running and would get the
 * command line.
 */

#define G_LOG_DOMAIN "fl-application"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "fl-about.h"
#include "fl-application.h"
#include "fl-cli.h"
#include "fl-compare-view.h"
#include "fl-preferences-window.h"
#include "fl-settings.h"
#include "fl-window.h"

struct _FlApplication
{
  AdwApplication  parent_instance;

  FlCatalog      *catalog;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (FlApplication, fl_application, ADW_TYPE_APPLICATION)

typedef struct
{
  const char  *scenario;
  const char  *compare;
  const char  *open;
  const char  *mode;
  const char  *workers;
  char       **params;
  gboolean     autorun;
} Launch;

static void
launch_clear (Launch *launch)
{
  g_clear_pointer (&launch->params, g_strfreev);
}

static void
launch_from_dict (Launch       *launch,
                  GVariantDict *options)
{
  memset (launch, 0, sizeof *launch);
  g_variant_dict_lookup (options, "scenario", "&s", &launch->scenario);
  g_variant_dict_lookup (options, "compare", "&s", &launch->compare);
  g_variant_dict_lookup (options, "open", "^&ay", &launch->open);
  g_variant_dict_lookup (options, "mode", "&s", &launch->mode);
  g_variant_dict_lookup (options, "workers", "&s", &launch->workers);
  g_variant_dict_lookup (options, "param", "^as", &launch->params);
  g_variant_dict_lookup (options, "autorun", "b", &launch->autorun);
}

/* Checks what the options ask for; a message on stderr and FALSE if wrong.
 * @options is filled for a scenario or a comparison. */
static gboolean
check_launch (const Launch  *launch,
              FlCatalog     *catalog,
              FlScenario   **scenario,
              FlRunOptions  *options,
              int           *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlRun) run = NULL;
  const char *id = launch->scenario ? launch->scenario : launch->compare;

  *scenario = NULL;
  *status = FL_CLI_EXIT_USAGE;

  if (launch->open != NULL && (launch->scenario || launch->compare || launch->mode ||
                               launch->workers || launch->params || launch->autorun))
    {
      const char *other = launch->scenario ? "--scenario" : launch->compare ? "--compare" :
                          launch->mode ? "--mode" : launch->workers ? "--workers" :
                          launch->params ? "--param" : "--autorun";

      /* TRANSLATORS: %s is an option such as --mode */
      fl_cli_usage_error (_("--open shows a saved run as it was; it cannot be used with %s"), other);
      return FALSE;
    }
  if (launch->scenario != NULL && launch->compare != NULL)
    {
      fl_cli_usage_error ("%s", _("--scenario and --compare cannot be used together"));
      return FALSE;
    }
  if (id == NULL)
    {
      const char *needs = launch->mode ? "--mode" : launch->workers ? "--workers" :
                          launch->params ? "--param" : launch->autorun ? "--autorun" : NULL;

      if (needs != NULL)
        {
          fl_cli_usage_error (_("%s needs --scenario ID"), needs);
          return FALSE;
        }
      *status = 0;
      return TRUE;
    }
  if (launch->compare != NULL && launch->mode != NULL)
    {
      fl_cli_usage_error ("%s", _("--mode cannot be used with --compare, which runs every mode in turn"));
      return FALSE;
    }

  *scenario = fl_cli_check_run_options (catalog, id, launch->mode, launch->workers,
                                        launch->params, options);
  if (*scenario == NULL)
    return FALSE;

  /* What the engine itself would refuse, with its own words. */
  run = fl_run_new (*scenario, options, &error);
  if (run == NULL)
    {
      fl_cli_usage_error ("%s", error->message);
      if (!g_error_matches (error, FL_RUN_ERROR, FL_RUN_ERROR_INVALID))
        *status = FL_CLI_EXIT_FAILURE;
      *scenario = NULL;
      return FALSE;
    }
  *status = 0;
  return TRUE;
}

static int
fl_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  g_autoptr(FlCatalog) catalog = fl_catalog_new ();
  Launch launch;
  FlScenario *scenario;
  FlRunOptions run_options;
  int status;

  launch_from_dict (&launch, options);
  if (launch.scenario != NULL || launch.compare != NULL || launch.mode != NULL ||
      launch.workers != NULL || launch.params != NULL || launch.autorun || launch.open != NULL)
    {
      fl_catalog_load (catalog);
      if (!check_launch (&launch, catalog, &scenario, &run_options, &status))
        {
          launch_clear (&launch);
          return status;
        }
    }
  launch_clear (&launch);
  return -1;
}

static FlWindow *
get_window (FlApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (fl_window_new (self));
  return FL_WINDOW (window);
}

static void
fl_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (FL_APPLICATION (app))));
}

static int
fl_application_command_line (GApplication            *app,
                             GApplicationCommandLine *cmdline)
{
  FlApplication *self = FL_APPLICATION (app);
  g_auto(GStrv) argv = NULL;
  FlScenario *scenario = NULL;
  FlRunOptions options;
  FlWindow *window;
  Launch launch;
  int argc;
  int status;

  argv = g_application_command_line_get_arguments (cmdline, &argc);
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("unexpected argument “%s”"), argv[1]);

      g_application_command_line_printerr (cmdline, "forkline: %s\n", message);
      return FL_CLI_EXIT_USAGE;
    }

  launch_from_dict (&launch, g_application_command_line_get_options_dict (cmdline));
  /* A scenario named on the command line may be the user's: it is needed
   * now, so their files are read now if they are not yet. */
  if (launch.scenario != NULL || launch.compare != NULL)
    fl_catalog_load_user (self->catalog);
  if (!check_launch (&launch, self->catalog, &scenario, &options, &status))
    {
      launch_clear (&launch);
      return status;
    }

  window = get_window (self);
  gtk_window_present (GTK_WINDOW (window));
  if (scenario != NULL)
    {
      fl_window_select_scenario (window, fl_scenario_get_id (scenario));
      fl_window_apply_options (window, &options);
      if (launch.compare != NULL)
        fl_window_compare (window);
      else if (launch.autorun)
        fl_window_run (window);
    }
  else if (launch.open != NULL)
    {
      /* Relative to where that command line was typed. */
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (cmdline, launch.open);

      /* A Python program opens in the editor, as when dropped. */
      if (g_str_has_suffix (launch.open, ".py"))
        fl_window_open_program (window, file);
      else
        fl_window_open_file (window, file);
    }
  launch_clear (&launch);
  return 0;
}

static void
on_user_scenarios_loaded (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  /* Its errors are the catalogue's: the gallery shows them. */
  fl_catalog_load_user_finish (FL_CATALOG (source), result, NULL);
}

static void
fl_application_startup (GApplication *app)
{
  FlApplication *self = FL_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (fl_application_parent_class)->startup (app);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  fl_settings_apply_theme (fl_application_get_settings (self));

  /* The presets now, the user's scenarios when they are read: the window
   * never waits on a user's file. */
  self->catalog = fl_catalog_new ();
  fl_catalog_load_presets (self->catalog);
  fl_catalog_load_user_async (self->catalog, NULL, on_user_scenarios_loaded, NULL);
}

static void
fl_application_shutdown (GApplication *app)
{
  /* The windows saved their size as they went: make sure it is written. */
  g_settings_sync ();

  G_APPLICATION_CLASS (fl_application_parent_class)->shutdown (app);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing the windows stops their runs before the process ends. */
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;
      windows = windows->next;
      gtk_window_destroy (window);
    }
  g_application_quit (app);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  FlApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  FlPreferencesWindow *preferences = fl_preferences_window_new (fl_application_get_settings (self));

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_set_modal (GTK_WINDOW (preferences), TRUE);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (fl_about_window_new (parent)));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "about", .activate = about_action },
};

static void
fl_application_dispose (GObject *object)
{
  FlApplication *self = (FlApplication *) object;

  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (fl_application_parent_class)->dispose (object);
}

static void
fl_application_class_init (FlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = fl_application_dispose;
  app_class->startup = fl_application_startup;
  app_class->shutdown = fl_application_shutdown;
  app_class->activate = fl_application_activate;
  app_class->command_line = fl_application_command_line;
  app_class->handle_local_options = fl_application_handle_local_options;
}

static void
fl_application_init (FlApplication *self)
{
  g_autofree GOptionEntry *entries = fl_cli_get_window_entries ();

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
}

FlApplication *
fl_application_new (void)
{
  return g_object_new (FL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/forkline/Forkline",
                       NULL);
}

FlCatalog *
fl_application_get_catalog (FlApplication *self)
{
  g_return_val_if_fail (FL_IS_APPLICATION (self), NULL);
  return self->catalog;
}

GSettings *
fl_application_get_settings (FlApplication *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (FL_IS_APPLICATION (self), NULL);

  if (self->settings == NULL && (self->settings = fl_settings_new (&error)) == NULL)
    {
      /* Nothing could be remembered: better said plainly than half working. */
      g_printerr ("forkline: %s\n", error->message);
      exit (EXIT_FAILURE);
    }
  return self->settings;
}
