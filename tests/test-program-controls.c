/* test-program-controls.c — a Python program's run controls
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Suite "ui": what FlProgramControls reads from Forkline's examples
 * (--workers, --mode and their defaults), the argument vector it gives,
 * shell-like splitting, bad quoting shown inline, what an edit keeps and
 * another program resets, and the interpreters offered.
 */

#include "config.h"

#include <string.h>

#include "fl-program.h"
#include "fl-program-controls.h"

static char *
example_text (const char *id)
{
  g_autoptr(GPtrArray) examples = fl_program_list_examples ();
  guint i;

  for (i = 0; i < examples->len; i++)
    {
      FlProgramExample *ex = g_ptr_array_index (examples, i);
      if (g_str_equal (ex->id, id))
        {
          char *text = NULL;
          g_assert_true (g_file_get_contents (ex->path, &text, NULL, NULL));
          return text;
        }
    }
  g_assert_not_reached ();
  return NULL;
}

static FlProgramControls *
new_controls (void)
{
  return FL_PROGRAM_CONTROLS (g_object_ref_sink (fl_program_controls_new ()));
}

static GtkWidget *
child (FlProgramControls *controls,
       const char        *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (controls), FL_TYPE_PROGRAM_CONTROLS, name));
}

static void
assert_args (FlProgramControls  *controls,
             const char * const *expected)
{
  g_auto(GStrv) args = fl_program_controls_dup_args (controls);

  g_assert_nonnull (args);
  g_assert_cmpstrv (args, expected);
}

/* Every example takes --workers; all but main-and-child take --mode. */
static void
test_examples (void)
{
  g_autoptr(GPtrArray) examples = fl_program_list_examples ();
  g_autoptr(FlProgramControls) controls = new_controls ();
  guint i;

  g_assert_cmpuint (examples->len, >=, 8);
  for (i = 0; i < examples->len; i++)
    {
      FlProgramExample *ex = g_ptr_array_index (examples, i);
      g_autofree char *text = NULL;
      gboolean mode_expected = !g_str_equal (ex->id, "py-main-and-child");

      g_assert_true (g_file_get_contents (ex->path, &text, NULL, NULL));
      fl_program_controls_set_program (controls, text, TRUE);
      g_test_message ("%s: workers %d mode %d", ex->id,
                      fl_program_controls_takes_workers (controls),
                      fl_program_controls_takes_mode (controls));
      g_assert_true (fl_program_controls_takes_workers (controls));
      g_assert_cmpint (fl_program_controls_takes_mode (controls), ==, mode_expected);
      g_assert_true (gtk_widget_get_visible (child (controls, "workers_row")));
      g_assert_cmpint (gtk_widget_get_visible (child (controls, "mode_row")), ==, mode_expected);
    }

  /* The defaults are the program's own. */
  {
    g_autofree char *io = example_text ("py-io-bound");
    g_autofree char *main_child = example_text ("py-main-and-child");

    fl_program_controls_set_program (controls, io, TRUE);
    assert_args (controls, (const char * const[]) { "--workers", "4", "--mode", "threads", NULL });
    fl_program_controls_set_program (controls, main_child, TRUE);
    assert_args (controls, (const char * const[]) { "--workers", "1", NULL });
  }
}

static void
test_plain_program (void)
{
  g_autoptr(FlProgramControls) controls = new_controls ();
  static const char text[] =
    "import argparse\n"
    "p = argparse.ArgumentParser()\n"
    "p.add_argument('--mode', default='fast')\n"       /* no choices: free-form */
    "p.add_argument(\"--count\", type=int)\n"
    "print(p.parse_args())\n";

  fl_program_controls_set_program (controls, "print('hello')\n", FALSE);
  g_assert_false (fl_program_controls_takes_workers (controls));
  g_assert_false (fl_program_controls_takes_mode (controls));
  assert_args (controls, (const char * const[]) { NULL });

  fl_program_controls_set_program (controls, text, FALSE);
  g_assert_false (fl_program_controls_takes_mode (controls));
  g_assert_false (gtk_widget_get_visible (child (controls, "mode_row")));

  /* Choices in a list, spread over lines, single quotes. */
  fl_program_controls_set_program (controls,
                                   "parser.add_argument(\n    '--mode',\n    choices=['processes', 'threads', 'async'],\n"
                                   "    default='processes')\nparser.add_argument('--workers', type=int, default=7)\n",
                                   FALSE);
  g_assert_true (fl_program_controls_takes_mode (controls));
  assert_args (controls, (const char * const[]) { "--workers", "7", "--mode", "processes", NULL });
  g_assert_true (fl_program_controls_set_mode (controls, "async"));
  g_assert_false (fl_program_controls_set_mode (controls, "fibers"));
  assert_args (controls, (const char * const[]) { "--workers", "7", "--mode", "async", NULL });
}

static void
count_changed (gpointer  instance,
               guint    *count)
{
  (*count)++;
}

/* Shell-like splitting; bad quoting is refused and said; an edit of the
 * same program keeps what was set, another program resets it. */
static void
test_args_round_trip (void)
{
  g_autoptr(FlProgramControls) controls = new_controls ();
  g_autofree char *cpu = example_text ("py-cpu-bound");
  g_autofree char *edited = NULL;
  g_autofree char *squares = example_text ("py-squares-cubes");
  GtkWidget *args_row = child (controls, "args_row");
  GtkWidget *error_label = child (controls, "args_error_label");
  guint changed = 0;
  char **none;

  g_signal_connect (controls, "changed", G_CALLBACK (count_changed), &changed);
  fl_program_controls_set_program (controls, cpu, TRUE);
  g_assert_cmpuint (changed, ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (args_row), "--limit 5000 'two words' \"a \\\"q\\\"\" x\\ y");
  g_assert_cmpuint (changed, ==, 2);
  assert_args (controls, (const char * const[]) { "--workers", "2", "--mode", "threads",
                                                   "--limit", "5000", "two words", "a \"q\"", "x y", NULL });
  g_assert_false (gtk_widget_get_visible (error_label));

  gtk_editable_set_text (GTK_EDITABLE (args_row), "--limit 'unclosed");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_has_css_class (args_row, "error"));
  none = fl_program_controls_dup_args (controls);
  g_assert_null (none);
  gtk_editable_set_text (GTK_EDITABLE (args_row), "--limit 'closed'");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_has_css_class (args_row, "error"));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (controls, "workers_spin")), 3);
  g_assert_true (fl_program_controls_set_mode (controls, "processes"));
  g_assert_cmpuint (changed, >=, 5);
  assert_args (controls, (const char * const[]) { "--workers", "3", "--mode", "processes",
                                                   "--limit", "closed", NULL });

  /* An edit that leaves the options alone keeps them. */
  edited = g_strconcat (cpu, "\nprint('one more line')\n", NULL);
  fl_program_controls_set_program (controls, edited, TRUE);
  assert_args (controls, (const char * const[]) { "--workers", "3", "--mode", "processes",
                                                   "--limit", "closed", NULL });
  /* Another program with the same options: the caller resets. */
  fl_program_controls_set_program (controls, squares, TRUE);
  assert_args (controls, (const char * const[]) { "--workers", "3", "--mode", "processes",
                                                   "--limit", "closed", NULL });
  fl_program_controls_reset (controls);
  assert_args (controls, (const char * const[]) { "--workers", "2", "--mode", "threads", NULL });
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (args_row)), ==, "");
  /* Another program with other options starts from its defaults. */
  gtk_editable_set_text (GTK_EDITABLE (args_row), "--delay 1");
  fl_program_controls_set_program (controls, "p.add_argument('--workers', default=5)\n", FALSE);
  assert_args (controls, (const char * const[]) { "--workers", "5", NULL });
  fl_program_controls_set_program (controls, NULL, FALSE);
  g_assert_false (fl_program_controls_takes_workers (controls));
  assert_args (controls, (const char * const[]) { NULL });
}

static void
test_interpreters (void)
{
  g_autoptr(FlProgramControls) controls = new_controls ();
  AdwComboRow *row = ADW_COMBO_ROW (child (controls, "interpreter_row"));
  g_autofree char *python3 = g_find_program_in_path ("python3");
  g_autofree char *chosen = NULL;
  GListModel *model;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  g_autofree char *first = NULL;

  g_assert_null (fl_program_controls_dup_interpreter (controls));
  model = adw_combo_row_get_model (row);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  first = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), 0));
  g_assert_true (g_str_has_prefix (first, "Default ("));
  if (python3 == NULL)
    {
      g_test_skip ("no python3 found");
      return;
    }
  /* The search runs in a thread; the row fills when it ends. */
  while (g_list_model_get_n_items (adw_combo_row_get_model (row)) < 2 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  model = adw_combo_row_get_model (row);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 2);
  g_test_message ("%s; %s", gtk_string_list_get_string (GTK_STRING_LIST (model), 0),
                  gtk_string_list_get_string (GTK_STRING_LIST (model), 1));
  g_assert_true (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), "Default (python3"));
  /* The default's version is said when the search found it (a wrapper
   * may not answer in time on a busy machine). */
  {
    guint i;
    for (i = 1; i < g_list_model_get_n_items (model); i++)
      if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), python3) &&
          gtk_string_list_get_string (GTK_STRING_LIST (model), i)[strlen (python3)] == ' ')
        g_assert_nonnull (strstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), "python3 3."));
  }
  g_assert_null (fl_program_controls_dup_interpreter (controls));
  adw_combo_row_set_selected (row, 1);
  chosen = fl_program_controls_dup_interpreter (controls);
  g_assert_nonnull (chosen);
  g_assert_true (g_path_is_absolute (chosen));
  g_assert_nonnull (strstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), chosen));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/program-controls/examples", test_examples);
  g_test_add_func ("/program-controls/plain-program", test_plain_program);
  g_test_add_func ("/program-controls/args-round-trip", test_args_round_trip);
  g_test_add_func ("/program-controls/interpreters", test_interpreters);
  return g_test_run ();
}
