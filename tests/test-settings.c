/* test-settings.c — what Forkline remembers, and what Preferences change
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Suite "ui" (a display), GSETTINGS_BACKEND=memory: the schema is the one
 * the build compiled into data/, found beside the test as the app finds it.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fl-application.h"
#include "fl-preferences-window.h"
#include "fl-window-private.h"

static FlApplication *app;

static GSettings *
settings (void)
{
  return fl_application_get_settings (app);
}

static void
wait_until_stopped (FlWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (fl_window_is_running (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (fl_window_is_running (window));
}

/* The window opens as it was left: size, maximized state, scenario. */
static void
test_window_state (void)
{
  g_autofree char *last = NULL;
  FlWindow *window;
  int width = 0, height = 0;

  g_settings_set_string (settings (), "last-scenario", "cpu-bound");
  g_settings_set_int (settings (), "window-width", 1000);
  g_settings_set_int (settings (), "window-height", 700);
  g_settings_set_boolean (settings (), "window-maximized", FALSE);

  window = fl_window_new (app);
  g_assert_nonnull (window->scenario);
  g_assert_cmpstr (fl_scenario_get_id (window->scenario), ==, "cpu-bound");
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);

  /* Picking another scenario and resizing are remembered on close. */
  g_assert_true (fl_window_select_scenario (window, "gil-convoy"));
  last = g_settings_get_string (settings (), "last-scenario");
  g_assert_cmpstr (last, ==, "gil-convoy");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings (), "window-width"), ==, 1100);
  g_assert_cmpint (g_settings_get_int (settings (), "window-height"), ==, 720);
  g_assert_false (g_settings_get_boolean (settings (), "window-maximized"));

  g_settings_reset (settings (), "last-scenario");
}

static void
test_theme (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  g_settings_set_string (settings (), "theme", "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_settings_set_string (settings (), "theme", "light");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_settings_set_string (settings (), "theme", "system");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);
}

/* The window shows the presets at once; the user's scenarios are read
 * off the main loop and arrive a little later. */
static void
wait_for_user_scenarios (void)
{
  FlCatalog *catalog = fl_application_get_catalog (app);
  gint64 give_up = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (fl_catalog_lookup (catalog, "test-open-defaults") == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
on_user_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_assert_true (fl_catalog_load_user_finish (FL_CATALOG (source), result, NULL));
}

/* The gallery shows the presets at once and fills in when the user's
 * scenarios arrive; the window then picks the last scenario if it was
 * one of them. */
static void
test_user_scenarios_arrive (void)
{
  FlCatalog *catalog = fl_application_get_catalog (app);
  FlWindow *window;

  /* As at startup: the presets, then the user's files off the main loop. */
  fl_catalog_load_presets (catalog);
  fl_catalog_load_user_async (catalog, NULL, on_user_loaded, NULL);
  g_settings_set_string (settings (), "last-scenario", "test-open-defaults");

  window = fl_window_new (app);
  g_assert_null (window->scenario);
  g_assert_nonnull (fl_catalog_lookup (catalog, "cpu-bound"));
  g_assert_null (fl_catalog_lookup (catalog, "test-open-defaults"));

  wait_for_user_scenarios ();
  g_assert_nonnull (window->scenario);
  g_assert_cmpstr (fl_scenario_get_id (window->scenario), ==, "test-open-defaults");
  g_assert_true (fl_window_select_scenario (window, "cpu-bound"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings (), "last-scenario");
}

/* The preferred mode and workers count for a scenario that leaves them
 * open, never for one that chose; the switch interval for every one. */
static void
test_run_defaults (void)
{
  FlWindow *window;
  FlRunOptions options;
  g_auto(GStrv) params = NULL;

  g_settings_set_string (settings (), "default-mode", "fork");
  g_settings_set_uint (settings (), "default-workers", 3);
  g_settings_set_double (settings (), "switch-interval", 12.5);

  window = fl_window_new (app);
  wait_for_user_scenarios ();
  g_assert_true (fl_window_select_scenario (window, "test-open-defaults"));
  g_assert_cmpint (fl_run_controls_get_mode (window->controls), ==, FL_MODE_FORK);
  g_assert_cmpuint (fl_run_controls_get_workers (window->controls), ==, 3);
  fl_run_controls_get_options (window->controls, &options, &params);
  g_assert_cmpfloat_with_epsilon (options.switch_interval_ms, 12.5, 1e-9);

  /* A change in Preferences shows at once in the run settings. */
  g_settings_set_uint (settings (), "default-workers", 4);
  g_assert_cmpuint (fl_run_controls_get_workers (window->controls), ==, 4);

  /* numbers-letters says threads and 2 workers: it keeps them. */
  g_assert_true (fl_window_select_scenario (window, "numbers-letters"));
  g_assert_cmpint (fl_run_controls_get_mode (window->controls), ==, FL_MODE_THREADS);
  g_assert_cmpuint (fl_run_controls_get_workers (window->controls), ==, 2);
  g_clear_pointer (&params, g_strfreev);
  fl_run_controls_get_options (window->controls, &options, &params);
  g_assert_cmpfloat_with_epsilon (options.switch_interval_ms, 12.5, 1e-9);

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings (), "default-mode");
  g_settings_reset (settings (), "default-workers");
  g_settings_reset (settings (), "switch-interval");
}

/* Runs are sampled at the preferred rate. */
static void
test_sample_rate (void)
{
  FlWindow *window;

  g_settings_set_double (settings (), "sample-rate", 50);
  window = fl_window_new (app);
  g_assert_true (fl_window_select_scenario (window, "numbers-letters"));
  g_assert_true (fl_window_run (window));
  g_assert_cmpfloat_with_epsilon (fl_run_get_sample_rate (fl_window_get_run (window)), 50, 1e-9);
  fl_window_stop (window);
  wait_until_stopped (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings (), "sample-rate");
}

/* The rows write their keys and follow them. */
static void
test_preferences_window (void)
{
  FlPreferencesWindow *preferences = fl_preferences_window_new (settings ());
  AdwComboRow *theme_row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                                          FL_TYPE_PREFERENCES_WINDOW,
                                                                          "theme_row"));
  AdwComboRow *scale_row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                                          FL_TYPE_PREFERENCES_WINDOW,
                                                                          "export_scale_row"));
  GtkSpinButton *rate_spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                                              FL_TYPE_PREFERENCES_WINDOW,
                                                                              "rate_spin"));
  GtkSpinButton *width_spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                                               FL_TYPE_PREFERENCES_WINDOW,
                                                                               "export_width_spin"));
  g_autofree char *theme = NULL;

  g_assert_cmpuint (adw_combo_row_get_selected (theme_row), ==, 0);
  adw_combo_row_set_selected (theme_row, 2);
  theme = g_settings_get_string (settings (), "theme");
  g_assert_cmpstr (theme, ==, "dark");

  g_assert_cmpfloat (gtk_spin_button_get_value (rate_spin), ==, 100);
  gtk_spin_button_set_value (rate_spin, 250);
  g_assert_cmpfloat (g_settings_get_double (settings (), "sample-rate"), ==, 250);

  gtk_spin_button_set_value (width_spin, 3840);
  g_assert_cmpuint (g_settings_get_uint (settings (), "export-width"), ==, 3840);

  g_settings_set_double (settings (), "export-scale", 2.0);
  g_assert_cmpuint (adw_combo_row_get_selected (scale_row), ==, 3);
  adw_combo_row_set_selected (scale_row, 0);
  g_assert_cmpfloat (g_settings_get_double (settings (), "export-scale"), ==, 0);

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_settings_reset (settings (), "theme");
  g_settings_reset (settings (), "sample-rate");
  g_settings_reset (settings (), "export-width");
  g_settings_reset (settings (), "export-scale");
}

static GtkWidget *
prefs_child (FlPreferencesWindow *preferences,
             const char          *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                    FL_TYPE_PREFERENCES_WINDOW, name));
}

/* Waits (generously: each interpreter is asked for its version) until
 * @widget is sensitive and @done is TRUE. */
static void
wait_for (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (done (data));
}

static gboolean
is_sensitive (gpointer widget)
{
  return gtk_widget_get_sensitive (widget);
}

static gboolean
spinner_stopped (gpointer spinner)
{
  gboolean spinning;

  g_object_get (spinner, "spinning", &spinning, NULL);
  return !spinning;
}

/* The Python group: the search runs in a thread, a bad path is refused
 * inline and nothing is saved, a good one is saved and checked. */
static void
test_preferences_python (void)
{
  FlPreferencesWindow *preferences;
  GtkWidget *path_row, *error_label, *default_check, *spinner;
  g_autofree char *python3 = g_find_program_in_path ("python3");
  g_autofree char *value = NULL;
  gboolean spinning;

  g_settings_reset (settings (), "python-interpreter");
  preferences = fl_preferences_window_new (settings ());
  path_row = prefs_child (preferences, "python_path_row");
  error_label = prefs_child (preferences, "python_error_label");
  default_check = prefs_child (preferences, "python_default_check");
  spinner = prefs_child (preferences, "python_spinner");
  /* Opening does not wait for the search: its result comes through the
   * main loop, which has not run yet, so the window is there still
   * searching (a behaviour, not a time, so a busy machine cannot fail it). */
  g_object_get (spinner, "spinning", &spinning, NULL);
  g_assert_true (spinning);
  gtk_window_present (GTK_WINDOW (preferences));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (default_check)));
  wait_for (spinner_stopped, spinner);

  /* A path that does not exist. */
  gtk_editable_set_text (GTK_EDITABLE (path_row), "/nonexistent/python3");
  g_signal_emit_by_name (path_row, "apply");
  wait_for (is_sensitive, path_row);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "does not exist"));
  value = g_settings_get_string (settings (), "python-interpreter");
  g_assert_cmpstr (value, ==, "");
  g_clear_pointer (&value, g_free);

  /* A program that is no Python. */
  gtk_editable_set_text (GTK_EDITABLE (path_row), "/bin/true");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_signal_emit_by_name (path_row, "apply");
  wait_for (is_sensitive, path_row);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "not a Python interpreter"));
  value = g_settings_get_string (settings (), "python-interpreter");
  g_assert_cmpstr (value, ==, "");
  g_clear_pointer (&value, g_free);

  if (python3)
    {
      gtk_editable_set_text (GTK_EDITABLE (path_row), python3);
      g_signal_emit_by_name (path_row, "apply");
      wait_for (is_sensitive, path_row);
      g_assert_false (gtk_widget_get_visible (error_label));
      value = g_settings_get_string (settings (), "python-interpreter");
      g_assert_cmpstr (value, ==, python3);
      g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (default_check)));
      /* Back to the default. */
      gtk_check_button_set_active (GTK_CHECK_BUTTON (default_check), TRUE);
      g_clear_pointer (&value, g_free);
      value = g_settings_get_string (settings (), "python-interpreter");
      g_assert_cmpstr (value, ==, "");
    }

  gtk_window_destroy (GTK_WINDOW (preferences));

  /* A path saved before that is gone now is said when the search ends;
   * the key is left as it is. */
  g_settings_set_string (settings (), "python-interpreter", "/nonexistent/python3.99");
  preferences = fl_preferences_window_new (settings ());
  error_label = prefs_child (preferences, "python_error_label");
  spinner = prefs_child (preferences, "python_spinner");
  default_check = prefs_child (preferences, "python_default_check");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (default_check)));
  wait_for (spinner_stopped, spinner);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "chosen before cannot be used"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "does not exist"));
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (settings (), "python-interpreter");
  g_assert_cmpstr (value, ==, "/nonexistent/python3.99");
  gtk_window_destroy (GTK_WINDOW (preferences));
  g_settings_reset (settings (), "python-interpreter");
}

/* A user scenario that chooses neither its mode nor its worker count. */
static void
write_open_scenario (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "forkline", "scenarios", NULL);
  g_autofree char *path = g_build_filename (dir, "test-open-defaults.scenario", NULL);
  g_autoptr(GError) error = NULL;
  static const char text[] =
    "[Scenario]\n"
    "Id=test-open-defaults\n"
    "Title=Open defaults\n"
    "Description=Leaves the mode and the number of workers to the user.\n"
    "Modes=threads;fork;spawn\n"
    "MaxWorkers=8\n"
    "\n"
    "[Main]\n"
    "Steps=start; join\n"
    "\n"
    "[Worker w]\n"
    "Steps=print \"hello\"\n";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  write_open_scenario ();

  app = fl_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/settings/window-state", test_window_state);
  g_test_add_func ("/settings/theme", test_theme);
  g_test_add_func ("/settings/run-defaults", test_run_defaults);
  g_test_add_func ("/settings/user-scenarios-arrive", test_user_scenarios_arrive);
  g_test_add_func ("/settings/sample-rate", test_sample_rate);
  g_test_add_func ("/settings/preferences-window", test_preferences_window);
  g_test_add_func ("/settings/preferences-python", test_preferences_python);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
