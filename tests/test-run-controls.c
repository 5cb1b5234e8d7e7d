/* test-run-controls.c — the scenario's run controls as an object
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Suite "ui", in libadwaita's style: FlRunControls:mode set and read
 * back, its notifications counted (one per change, none for a mode the
 * scenario does not allow or for the same mode again), the mode that
 * follows a scenario and a reset, and no reference left behind.
 */

#include "config.h"

#include "fl-enum-types.h"
#include "fl-run-controls.h"
#include "fl-test-util.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
count_changed (FlRunControls *controls,
               guint         *count)
{
  (*count)++;
}

static void
test_mode_property (void)
{
  FlRunControls *controls = FL_RUN_CONTROLS (g_object_ref_sink (fl_run_controls_new ()));
  g_autoptr(FlScenario) cpu_bound = fl_test_preset ("cpu-bound");
  g_autoptr(FlScenario) fork_vs_spawn = fl_test_preset ("fork-vs-spawn");
  guint notified = 0;
  guint changed = 0;
  FlMode mode;

  g_signal_connect (controls, "notify::mode", G_CALLBACK (count_notify), &notified);
  g_signal_connect (controls, "changed", G_CALLBACK (count_changed), &changed);

  /* No scenario: threads, and nothing else can be chosen. */
  g_object_get (controls, "mode", &mode, NULL);
  g_assert_cmpint (mode, ==, FL_MODE_THREADS);
  g_object_set (controls, "mode", FL_MODE_FORK, NULL);
  g_assert_cmpint (fl_run_controls_get_mode (controls), ==, FL_MODE_THREADS);
  g_assert_cmpuint (notified, ==, 0);

  /* A scenario whose default is threads: the mode stays, unnotified. */
  fl_run_controls_set_scenario (controls, cpu_bound);
  g_assert_cmpint (fl_run_controls_get_mode (controls), ==, FL_MODE_THREADS);
  g_assert_cmpuint (notified, ==, 0);
  g_assert_cmpuint (changed, ==, 1);

  /* Set and read back, one notification each, and "changed" with it. */
  g_object_set (controls, "mode", FL_MODE_SPAWN, NULL);
  g_object_get (controls, "mode", &mode, NULL);
  g_assert_cmpint (mode, ==, FL_MODE_SPAWN);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_true (fl_run_controls_set_mode (controls, FL_MODE_FORK));
  g_assert_cmpint (fl_run_controls_get_mode (controls), ==, FL_MODE_FORK);
  g_assert_cmpuint (notified, ==, 2);

  /* The same mode again: no notification. */
  g_object_set (controls, "mode", FL_MODE_FORK, NULL);
  g_assert_cmpuint (notified, ==, 2);

  /* A reset goes back to the scenario's default, notified once. */
  fl_run_controls_reset (controls);
  g_assert_cmpint (fl_run_controls_get_mode (controls), ==, FL_MODE_THREADS);
  g_assert_cmpuint (notified, ==, 3);

  /* A scenario without threads: its default (fork), notified once;
   * threads cannot be chosen there. */
  fl_run_controls_set_scenario (controls, fork_vs_spawn);
  g_assert_cmpint (fl_run_controls_get_mode (controls), ==, FL_MODE_FORK);
  g_assert_cmpuint (notified, ==, 4);
  g_assert_false (fl_run_controls_set_mode (controls, FL_MODE_THREADS));
  g_object_set (controls, "mode", FL_MODE_THREADS, NULL);
  g_assert_cmpint (fl_run_controls_get_mode (controls), ==, FL_MODE_FORK);
  g_assert_cmpuint (notified, ==, 4);

  /* Options from the command line set the mode too. */
  {
    FlRunOptions options;

    fl_run_options_init (&options, fork_vs_spawn);
    options.mode = FL_MODE_SPAWN;
    fl_run_controls_apply_options (controls, &options);
    g_assert_cmpint (fl_run_controls_get_mode (controls), ==, FL_MODE_SPAWN);
    g_assert_cmpuint (notified, ==, 5);
  }

  g_assert_finalize_object (controls);
}

/* The property is of the generated enum type: its nicks are the names
 * files and the command line use. */
static void
test_mode_pspec (void)
{
  FlRunControls *controls = FL_RUN_CONTROLS (g_object_ref_sink (fl_run_controls_new ()));
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (controls), "mode");
  g_autoptr(GEnumClass) modes = g_type_class_ref (FL_TYPE_MODE);

  g_assert_nonnull (pspec);
  g_assert_true (G_IS_PARAM_SPEC_ENUM (pspec));
  g_assert_true (pspec->value_type == FL_TYPE_MODE);
  g_assert_true (pspec->flags & G_PARAM_READWRITE);
  g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
  g_assert_cmpstr (g_enum_get_value (modes, FL_MODE_FORK)->value_nick, ==, fl_mode_to_string (FL_MODE_FORK));

  g_assert_finalize_object (controls);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/run-controls/mode-property", test_mode_property);
  g_test_add_func ("/run-controls/mode-pspec", test_mode_pspec);
  return g_test_run ();
}
