/* fl-window.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns at most one run at a time.  The engine drains the run
 * in its own thread and sends "output" and "finished" on this main
 * context; the views read the store under its lock at frame rate, so
 * nothing here ever waits for a child process.
 */

#define G_LOG_DOMAIN "fl-window"

#include "config.h"

#include <math.h>
#include <sys/wait.h>

#include <glib/gi18n.h>

#include "fl-catalog.h"
#include "fl-file-chooser.h"
#include "fl-format.h"
#include "fl-program.h"
#include "fl-summary.h"
#include "fl-util.h"
#include "fl-window-private.h"

#include "fl-memory-view.h"
#include "fl-cpu-chart.h"
#include "fl-timeline.h"

/* Below this width the run settings fold over the content instead of
 * taking a column of their own: a 1024-pixel screen keeps the timeline wide. */
#define NARROW_WIDTH 1380

G_DEFINE_FINAL_TYPE (FlWindow, fl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PRESENTATION,
  PROP_EXPLANATION_VISIBLE,
  PROP_GALLERY_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define ZOOM_MIN 0.5
#define ZOOM_MAX 3.0
/* In presentation mode the pictures are this much bigger again: lane
 * labels of 12 px become 18 px, readable from the back of a room. */
#define PRESENTATION_SCALE 1.5

/* ---- header -------------------------------------------------------------- */

static gboolean
has_look_for (FlWindow *self)
{
  const char *text = gtk_label_get_label (self->look_for_label);

  return text != NULL && text[0] != '\0';
}

static char *
describe_settings (FlWindow *self)
{
  FlMode mode = fl_run_controls_get_mode (self->controls);
  guint workers = fl_run_controls_get_workers (self->controls);
  g_autofree char *count = g_strdup_printf (ngettext ("%u worker", "%u workers", workers), workers);
  FlProgram *program = self->run != NULL ? fl_run_get_program (self->run) : NULL;

  /* An observed Python program (a saved run): its own threads and its
   * real GIL, not the run controls' settings. */
  if (program != NULL)
    {
      g_autofree char *interpreter = g_path_get_basename (fl_program_get_interpreter (program)
                                                          ? fl_program_get_interpreter (program) : "python3");
      /* TRANSLATORS: the window's subtitle for a Python program's run; the interpreter, its version */
      return g_strdup_printf (_("%s · Python %s, observed"), interpreter, fl_program_get_python_version (program));
    }
  if (self->program_mode)
    /* TRANSLATORS: the window's subtitle for a Python program not yet run */
    return g_strdup (_("Python program, not run yet"));

  if (mode == FL_MODE_THREADS)
    /* TRANSLATORS: the window's subtitle: mode · worker count · GIL */
    return g_strdup_printf (_("%s · %s · %s"), fl_mode_get_label (mode), count,
                            fl_run_controls_get_gil (self->controls) ? _("GIL on") : _("GIL off"));
  /* TRANSLATORS: the window's subtitle: mode · worker count */
  return g_strdup_printf (_("%s · %s"), fl_mode_get_label (mode), count);
}

static void
update_title (FlWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  if (self->program_mode && g_strcmp0 (page, "compare") != 0)
    {
      const char *path = fl_program_editor_get_path (self->editor);
      g_autofree char *name = path ? g_path_get_basename (path) : g_strdup ("");

      /* TRANSLATORS: the window's title for a program with unsaved changes */
      title = fl_program_editor_get_modified (self->editor) ? g_strdup_printf (_("• %s"), name)
                                                            : g_strdup (name);
    }
  else if (self->scenario == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Forkline"));
      adw_window_title_set_subtitle (self->window_title, "");
      gtk_window_set_title (GTK_WINDOW (self), _("Forkline"));
      return;
    }

  if (g_strcmp0 (page, "compare") == 0)
    {
      /* TRANSLATORS: the comparison page's title; %s is the scenario's */
      title = g_strdup_printf (_("Comparing: %s"), fl_scenario_get_title (self->scenario));
      subtitle = g_strdup (fl_compare_view_get_status (self->compare_view));
    }
  else
    {
      if (title == NULL)
        title = g_strdup (fl_scenario_get_title (self->scenario));
      if (self->run != NULL && fl_run_is_running (self->run))
        {
          g_autofree char *elapsed = fl_format_duration_ns ((g_get_monotonic_time () - self->started_us) * 1000);
          /* TRANSLATORS: the window's subtitle while a run goes on */
          subtitle = g_strdup_printf (_("Running · %s"), elapsed);
        }
      else if (self->run != NULL && fl_run_is_finished (self->run))
        {
          FlStore *store = fl_run_get_store (self->run);
          g_autofree char *wall = NULL;
          g_autofree char *settings = describe_settings (self);

          fl_store_lock (store);
          wall = fl_format_duration_ns (fl_store_get_end (store));
          fl_store_unlock (store);
          if (fl_run_was_stopped (self->run))
            /* TRANSLATORS: the window's subtitle: "Stopped after 1.20 s · Threads · 2 workers" */
            subtitle = g_strdup_printf (_("Stopped after %s · %s"), wall, settings);
          else
            /* TRANSLATORS: the window's subtitle: "Finished in 2.00 s · Threads · 2 workers" */
            subtitle = g_strdup_printf (_("Finished in %s · %s"), wall, settings);
        }
      else
        subtitle = describe_settings (self);
    }

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  {
    /* TRANSLATORS: the window's title, for the window list: scenario — Forkline */
    g_autofree char *window_title = g_strdup_printf (_("%s — Forkline"), title);
    gtk_window_set_title (GTK_WINDOW (self), window_title);
  }
}

static void
update_state (FlWindow *self)
{
  gboolean running = fl_window_is_running (self);

  gtk_widget_set_visible (self->run_button, !running);
  gtk_widget_set_visible (self->stop_button, running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->controls), !running);
  if (self->program_controls != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->program_controls), !running);
  fl_window_update_actions (self);
  update_title (self);
}

/* ---- verdict ------------------------------------------------------------- */

static void
show_verdict (FlWindow   *self,
              const char *title,
              const char *text,
              gboolean    busy,
              gboolean    measured)
{
  gtk_label_set_label (self->verdict_title, title);
  gtk_label_set_label (self->verdict_label, text);
  gtk_widget_remove_css_class (self->verdict_box, "caveat");
  gtk_widget_remove_css_class (self->verdict_box, "stopped");
  gtk_image_set_from_icon_name (self->verdict_icon, "emblem-ok-symbolic");
  gtk_stack_set_visible_child_name (self->verdict_icon_stack, busy ? "spinner" : "icon");
  gtk_spinner_set_spinning (self->verdict_spinner, busy);
  if (measured)
    gtk_widget_add_css_class (self->verdict_box, "measured");
  else
    gtk_widget_remove_css_class (self->verdict_box, "measured");
}

static void
show_verdict_placeholder (FlWindow *self)
{
  g_clear_pointer (&self->verdict, g_free);
  show_verdict (self, _("What the Run Showed"),
                _("Run the scenario: what it measured is said here in plain words."),
                FALSE, FALSE);
}

static void place_divider (FlWindow *self);

/* ---- the run ------------------------------------------------------------- */

static gboolean
on_elapsed_tick (gpointer user_data)
{
  update_title (user_data);
  return G_SOURCE_CONTINUE;
}

static void
stop_elapsed (FlWindow *self)
{
  g_clear_handle_id (&self->elapsed_id, g_source_remove);
}

static void
report_failure (FlWindow *self)
{
  int status = fl_run_get_main_status (self->run);
  g_autofree char *message = NULL;

  if (fl_run_was_stopped (self->run))
    return;
  if (WIFSIGNALED (status))
    {
      g_autofree char *name = fl_signal_name (WTERMSIG (status));
      message = g_strdup_printf (_("The main process was killed by %s"), name);
    }
  else if (WIFEXITED (status) && WEXITSTATUS (status) != 0)
    message = g_strdup_printf (_("The main process exited with status %d"), WEXITSTATUS (status));
  if (message != NULL)
    fl_window_toast (self, message);
}

static void
on_run_finished (FlRun    *run,
                 FlWindow *self)
{
  g_autofree char *verdict = NULL;
  FlStoreOverBudget over;

  if (run != self->run)
    return;

  stop_elapsed (self);
  verdict = fl_summary_verdict (run);
  g_free (self->verdict);
  self->verdict = g_strdup (verdict ? verdict : "");
  /* The verdict's first sentence says when and how much was not kept. */
  fl_store_get_over_budget (fl_run_get_store (run), &over);
  show_verdict (self,
                over.t >= 0 ? _("Recording Budget Reached: What Was Kept")
                : fl_run_was_stopped (run) ? _("Stopped Early: What Was Measured")
                                           : _("What the Run Showed"),
                self->verdict, FALSE, TRUE);

  fl_scene_widget_set_live (FL_SCENE_WIDGET (self->timeline), FALSE);
  fl_timeline_zoom_to_fit (FL_TIMELINE (self->timeline));
  fl_scene_widget_set_live (FL_SCENE_WIDGET (self->memory_view), FALSE);
  place_divider (self);

  /* The icon says how far to trust the verdict: a check for a run that
   * went to its end undisturbed, a stop sign for a stopped one, a warning
   * when other programs kept the cores busy. */
  {
    g_autoptr(JsonNode) root = fl_summary_build (run);
    JsonObject *summary = json_node_get_object (root);
    gboolean crowded = json_object_get_boolean_member_with_default (summary, "busy_machine", FALSE);
    gboolean stopped = fl_run_was_stopped (run);

    gtk_image_set_from_icon_name (self->verdict_icon, stopped ? "media-playback-stop-symbolic"
                                                      : crowded ? "dialog-warning-symbolic"
                                                                : "emblem-ok-symbolic");
    /* Still a measured verdict ("measured"), with its caveat on top. */
    if (stopped)
      gtk_widget_add_css_class (self->verdict_box, "stopped");
    else if (crowded)
      gtk_widget_add_css_class (self->verdict_box, "caveat");
  }

  report_failure (self);
  update_state (self);
}

/* Forgets the current run; one still going is stopped. */
static void
drop_run (FlWindow *self)
{
  stop_elapsed (self);
  if (self->run != NULL)
    {
      g_signal_group_set_target (self->run_signals, NULL);
      fl_run_stop (self->run);
      g_clear_object (&self->run);
    }
  fl_output_view_set_run (self->output_view, NULL);
  fl_scene_widget_set_live (FL_SCENE_WIDGET (self->timeline), FALSE);
  fl_scene_widget_set_store (FL_SCENE_WIDGET (self->timeline), NULL);
  fl_scene_widget_set_store (FL_SCENE_WIDGET (self->cpu_chart), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->cpu_slot), FALSE);
  fl_scene_widget_set_live (FL_SCENE_WIDGET (self->memory_view), FALSE);
  fl_scene_widget_set_store (FL_SCENE_WIDGET (self->memory_view), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->memory_slot), FALSE);
  gtk_stack_set_visible_child_name (self->timeline_stack, "idle");
  show_verdict_placeholder (self);
}

/* Every view of the run page on @run's store, as it starts (or as a
 * saved run is replayed into them). */
static void
attach_run_views (FlWindow *self,
                  FlRun    *run)
{
  gtk_stack_set_visible_child_name (self->timeline_stack, "timeline");
  fl_scene_widget_set_store (FL_SCENE_WIDGET (self->timeline), fl_run_get_store (run));
  fl_scene_widget_set_live (FL_SCENE_WIDGET (self->timeline), TRUE);
  fl_timeline_set_follow (FL_TIMELINE (self->timeline), TRUE);
  fl_scene_widget_set_store (FL_SCENE_WIDGET (self->cpu_chart), fl_run_get_store (run));
  gtk_widget_set_visible (GTK_WIDGET (self->cpu_slot), TRUE);
  fl_memory_diagram_set_mode (FL_MEMORY_DIAGRAM (self->memory_view), fl_run_get_mode (run));
  fl_scene_widget_set_store (FL_SCENE_WIDGET (self->memory_view), fl_run_get_store (run));
  fl_scene_widget_set_live (FL_SCENE_WIDGET (self->memory_view), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->memory_slot), TRUE);
}

static FlProgram *new_program_from_window (FlWindow  *self,
                                           GError   **error);

gboolean
fl_window_run (FlWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlRun) run = NULL;
  g_auto(GStrv) params = NULL;
  FlRunOptions options;

  g_return_val_if_fail (FL_IS_WINDOW (self), FALSE);

  if (self->scenario == NULL || fl_window_is_running (self))
    return FALSE;

  gtk_stack_set_visible_child_name (self->main_stack, "scenario");
  fl_run_controls_get_options (self->controls, &options, &params);
  options.sample_rate_hz = g_settings_get_double (self->settings, "sample-rate");
  if (self->program_mode)
    {
      /* The editor's text as it is (the file changes only on Save), with
       * the controls' arguments and interpreter. */
      g_autoptr(FlProgram) program = new_program_from_window (self, &error);

      if (program == NULL)
        {
          fl_window_toast (self, error->message);
          return FALSE;
        }
      run = fl_run_new_for_program (program, &options, &error);
    }
  else
    run = fl_run_new (self->scenario, &options, &error);
  if (run == NULL)
    {
      fl_window_toast (self, error->message);
      return FALSE;
    }

  drop_run (self);
  self->run = g_object_ref (run);
  g_signal_group_set_target (self->run_signals, run);
  fl_output_view_set_run (self->output_view, run);

  if (!fl_run_start (run, &error))
    {
      drop_run (self);
      fl_window_toast (self, error->message);
      update_state (self);
      return FALSE;
    }

  self->started_us = g_get_monotonic_time ();
  self->elapsed_id = g_timeout_add (100, on_elapsed_tick, self);
  /* On a short screen (a 1280x720 projector) the explanation, read
   * before the run, gives its height to the timeline once the run starts;
   * the Explanation button (F2) brings it back. */
  {
    int width = 0, height = gtk_widget_get_height (GTK_WIDGET (self));

    if (height <= 0)
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
    if (height > 0 && height < 820)
      fl_window_set_explanation_visible (self, FALSE);
  }
  show_verdict (self, _("Measuring…"),
                _("The verdict comes when every worker has finished."), TRUE, FALSE);
  attach_run_views (self, run);
  update_state (self);
  return TRUE;
}

void
fl_window_stop (FlWindow *self)
{
  g_return_if_fail (FL_IS_WINDOW (self));

  if (fl_compare_view_get_running (self->compare_view))
    fl_compare_view_stop (self->compare_view);
  if (self->run != NULL && fl_run_is_running (self->run))
    fl_run_stop (self->run);
}

gboolean
fl_window_is_running (FlWindow *self)
{
  g_return_val_if_fail (FL_IS_WINDOW (self), FALSE);

  return (self->run != NULL && !fl_run_is_finished (self->run)) ||
         fl_compare_view_get_running (self->compare_view);
}

static gboolean compare_program (FlWindow *self,
                                 gboolean  emulation);

gboolean
fl_window_compare (FlWindow *self)
{
  g_auto(GStrv) params = NULL;
  FlRunOptions options;

  g_return_val_if_fail (FL_IS_WINDOW (self), FALSE);

  if (self->scenario == NULL || fl_window_is_running (self))
    return FALSE;
  if (self->program_mode)
    return compare_program (self, FALSE);

  self->compare_emulation = FALSE;
  fl_run_controls_get_options (self->controls, &options, &params);
  options.sample_rate_hz = g_settings_get_double (self->settings, "sample-rate");
  gtk_stack_set_visible_child_name (self->main_stack, "compare");
  /* A folded window shows the page it compares on, not the list. */
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  if (!fl_compare_view_start (self->compare_view, self->scenario, &options))
    {
      fl_window_toast (self, _("This scenario runs in one mode only: there is nothing to compare."));
      gtk_stack_set_visible_child_name (self->main_stack, "scenario");
    }
  update_state (self);
  return TRUE;
}

/* ---- scenario ------------------------------------------------------------ */

static void leave_program (FlWindow *self);

static void
show_scenario (FlWindow   *self,
               FlScenario *scenario)
{
  const char *description;

  if (self->scenario == scenario && !self->program_mode)
    return;

  fl_window_stop (self);
  drop_run (self);
  if (self->program_mode)
    leave_program (self);
  g_set_object (&self->scenario, scenario);
  fl_run_controls_set_scenario (self->controls, scenario);

  if (scenario == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      update_state (self);
      return;
    }

  description = fl_scenario_get_description (scenario);
  gtk_label_set_label (self->description_label, description ? description : "");
  fl_window_apply_defaults (self, NULL);
  gtk_toggle_button_set_active (self->more_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button),
                          description != NULL && g_utf8_strlen (description, -1) > 300);
  gtk_label_set_label (self->look_for_label,
                       fl_scenario_get_look_for (scenario) ? fl_scenario_get_look_for (scenario) : "");
  /* A Python program's run has nothing to look for that a preset says. */
  gtk_widget_set_visible (self->look_for_card, self->explanation_visible && has_look_for (self));
  gtk_stack_set_visible_child_name (self->main_stack, "scenario");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  update_state (self);
}

/* ---- the Python program ---------------------------------------------------- */

static void
leave_program (FlWindow *self)
{
  self->program_mode = FALSE;
  fl_program_editor_clear (self->editor);
  gtk_widget_set_visible (GTK_WIDGET (self->editor), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->controls), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->program_controls), FALSE);
  g_clear_handle_id (&self->program_text_id, g_source_remove);
  fl_program_controls_set_program (self->program_controls, NULL, FALSE);
  g_clear_pointer (&self->controls_path, g_free);
  g_clear_pointer (&self->preset_id, g_free);
  self->compare_emulation = FALSE;
  gtk_widget_set_tooltip_text (self->run_button, _("Run the Scenario (Ctrl+R)"));
  gtk_widget_set_visible (self->settings_button, TRUE);
  if (!self->narrow && !self->presentation)
    adw_flap_set_reveal_flap (self->flap, TRUE);
}

/* The editor takes about two fifths of the width beside the run's views,
 * as the window's width changes, until the user moves the divider. */
static void
place_editor (FlWindow *self)
{
  int max = 0;

  g_object_get (self->source_paned, "max-position", &max, NULL);
  if (self->editor_placed || max < 320 || !gtk_widget_get_visible (GTK_WIDGET (self->editor)))
    return;
  self->placing_editor = TRUE;
  /* Never past max-position: the run's views keep their minimum width. */
  /* In presentation mode, or when the run's views are short of room
   * (a 1280-pixel projector with the list shown), a third. */
  {
    int width = gtk_widget_get_width (GTK_WIDGET (self->source_paned));
    gboolean third = self->presentation || width < 1200;

    self->editor_position = MIN (CLAMP (third ? width / 3 : width * 2 / 5, 320, 760), max);
  }
  gtk_paned_set_position (self->source_paned, self->editor_position);
  self->placing_editor = FALSE;
}

/* A position that is neither ours nor GTK's clamping is the user's. */
static void
on_editor_divider (FlWindow *self)
{
  int position = gtk_paned_get_position (self->source_paned), min = 0, max = 0;

  g_object_get (self->source_paned, "min-position", &min, "max-position", &max, NULL);
  if (!self->placing_editor && gtk_widget_get_mapped (GTK_WIDGET (self->source_paned)) &&
      gtk_widget_get_visible (GTK_WIDGET (self->editor)) &&
      position != self->editor_position && position > min && position < max)
    self->editor_placed = TRUE;
}

static void sync_gallery (FlWindow *self);

static void
on_editor_changed (FlWindow *self)
{
  update_title (self);
  fl_window_update_actions (self);
}

/* Saved under another name: the gallery selects its row, now or when the
 * watched folder lists it. */
static void
on_editor_path (FlWindow *self)
{
  on_editor_changed (self);
  if (self->program_mode)
    sync_gallery (self);
}

static void enter_program_mode (FlWindow *self);

gboolean
fl_window_open_program_now (FlWindow   *self,
                            const char *path,
                            gboolean    is_example,
                            GError    **error)
{
  g_return_val_if_fail (FL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!fl_program_editor_load (self->editor, path, is_example, error))
    return FALSE;
  enter_program_mode (self);
  return TRUE;
}

static void feed_program_controls (FlWindow *self);
static void update_interpreter    (FlWindow *self);

/* The editor holds a program: the window shows it, ready to run. */
static void
enter_program_mode (FlWindow *self)
{
  g_autoptr(FlProgram) program = NULL;
  g_autoptr(GPtrArray) examples = NULL;
  FlProgramExample *example = NULL;
  const char *text;
  guint i;

  fl_window_stop (self);
  drop_run (self);
  /* The window's scenario for a program: what its runs report under. */
  text = fl_program_editor_get_text (self->editor);
  program = fl_program_new_replayed (fl_program_editor_get_path (self->editor), text, NULL, NULL, NULL);
  g_set_object (&self->scenario, fl_program_get_scenario (program));
  self->program_mode = TRUE;
  fl_run_controls_set_scenario (self->controls, self->scenario);
  /* The scenario's run controls (emulated GIL, …) mean nothing to a
   * program, which runs as it is written: its own controls (arguments,
   * workers and mode where it takes them, interpreter) take their place. */
  gtk_widget_set_visible (GTK_WIDGET (self->controls), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->program_controls), TRUE);
  if (g_strcmp0 (self->controls_path, fl_program_editor_get_path (self->editor)) != 0)
    {
      /* Another program: its own defaults, not the last one's. */
      fl_program_controls_reset (self->program_controls);
      g_free (self->controls_path);
      self->controls_path = g_strdup (fl_program_editor_get_path (self->editor));
    }
  feed_program_controls (self);
  adw_flap_set_reveal_flap (self->flap, !self->narrow && !self->presentation);
  gtk_widget_set_visible (self->settings_button, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->editor), TRUE);
  place_editor (self);
  sync_gallery (self);

  examples = fl_program_list_examples ();
  for (i = 0; i < examples->len; i++)
    if (g_strcmp0 (((FlProgramExample *) g_ptr_array_index (examples, i))->path,
                   fl_program_editor_get_path (self->editor)) == 0)
      example = g_ptr_array_index (examples, i);
  {
    g_autofree char *display = g_filename_display_name (fl_program_editor_get_path (self->editor));
    /* TRANSLATORS: the explanation of a Python program that is not one of Forkline's examples; %s is its path */
    g_autofree char *own = g_strdup_printf (_("Your Python program %s. Run runs the text in the editor as it is; Save writes it to the file."), display);

    gtk_label_set_label (self->description_label, example && example->description ? example->description : own);
  }
  gtk_toggle_button_set_active (self->more_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), FALSE);
  gtk_label_set_label (self->look_for_label, "");
  gtk_widget_set_visible (self->look_for_card, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "scenario");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  show_verdict (self, _("What the Run Showed"),
                _("Run the program: what it measured is said here in plain words."),
                FALSE, FALSE);
  update_interpreter (self);
  update_state (self);
}

typedef struct
{
  FlWindow      *window;
  FlWindowThen   then;
  gpointer       data;
  GDestroyNotify destroy;
} Then;

static Then *
then_new (FlWindow      *window,
          FlWindowThen   then,
          gpointer       data,
          GDestroyNotify destroy)
{
  Then *t = g_new0 (Then, 1);

  t->window = g_object_ref (window);
  t->then = then;
  t->data = data;
  t->destroy = destroy;
  return t;
}

static void
then_free (Then *t)
{
  if (t->destroy != NULL && t->data != NULL)
    t->destroy (t->data);
  g_object_unref (t->window);
  g_free (t);
}

static void
then_run (Then *t)
{
  if (t->then != NULL)
    t->then (t->window, t->data);
}

static void
after_save_as (FlWindow *self,
               gpointer  data)
{
  then_run (data);
}

static void
on_unsaved_answer (AdwMessageDialog *dialog,
                   const char       *response,
                   Then             *t)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "discard") == 0)
    {
      /* The user said so: the changes go. */
      if (fl_program_editor_get_path (t->window->editor) != NULL)
        {
          g_autoptr(GError) ignored = NULL;

          if (!fl_program_editor_reload (t->window->editor, &ignored))
            fl_program_editor_clear (t->window->editor);
        }
      then_run (t);
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      if (fl_program_editor_get_read_only (t->window->editor))
        {
          fl_window_save_program_as (t->window, after_save_as, t, (GDestroyNotify) then_free);
          return;
        }
      if (fl_program_editor_save (t->window->editor, &error))
        then_run (t);
      else
        fl_window_toast (t->window, error->message);
    }
  then_free (t);
}

void
fl_window_confirm_unsaved (FlWindow      *self,
                           FlWindowThen   then,
                           gpointer       data,
                           GDestroyNotify destroy)
{
  AdwMessageDialog *dialog;
  const char *path;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;

  g_return_if_fail (FL_IS_WINDOW (self));

  if (!self->program_mode || !fl_program_editor_get_modified (self->editor))
    {
      Then *t = then_new (self, then, data, destroy);
      then_run (t);
      then_free (t);
      return;
    }
  path = fl_program_editor_get_path (self->editor);
  name = g_path_get_basename (path);
  /* TRANSLATORS: %s is a file name */
  heading = g_strdup_printf (_("Save Changes to “%s”?"), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       fl_program_editor_get_read_only (self->editor)
                                                       ? _("The example was edited. Save makes your own copy; Discard loses the changes.")
                                                       : _("The program was edited and not saved. Discard loses the changes.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", fl_program_editor_get_read_only (self->editor) ? _("_Save As…") : _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_unsaved_answer), then_new (self, then, data, destroy));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_program_to (gpointer  owner,
                 GFile    *file,
                 gpointer  user_data)
{
  FlWindow *self = owner;
  Then *t = user_data;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    fl_window_toast (self, _("Only files on this computer can be written"));
  else if (!fl_program_editor_save_as (self->editor, path, &error))
    fl_window_toast (self, error->message);
  else
    {
      g_autofree char *name = g_path_get_basename (path);
      /* TRANSLATORS: %s is a file name */
      g_autofree char *message = g_strdup_printf (_("Saved as “%s”"), name);

      fl_window_toast (self, message);
      update_state (self);
      then_run (t);
    }
}

void
fl_window_save_program_as (FlWindow      *self,
                           FlWindowThen   then,
                           gpointer       data,
                           GDestroyNotify destroy)
{
  GtkFileChooserNative *dialog;
  const char *path;
  g_autofree char *name = NULL;

  g_return_if_fail (FL_IS_WINDOW (self));

  path = fl_program_editor_get_path (self->editor);
  if (!self->program_mode || path == NULL)
    return;
  dialog = fl_file_chooser_new (GTK_WINDOW (self), _("Save the Python Program"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                _("_Save"));
  name = g_path_get_basename (path);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  if (fl_program_editor_get_read_only (self->editor))
    {
      /* The user's own programs live here (the gallery lists them). */
      g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "forkline", "python", NULL);
      g_autoptr(GFile) dir = g_file_new_for_path (folder);

      if (g_mkdir_with_parents (folder, 0700) == 0)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), dir, NULL);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFile) dir = g_file_get_parent (file);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), dir, NULL);
    }
  fl_file_chooser_show (dialog, self, save_program_to, then_new (self, then, data, destroy),
                        (GDestroyNotify) then_free);
}

typedef struct
{
  char     *path;
  gboolean  is_example;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
open_now (FlWindow *self,
          gpointer  data)
{
  OpenJob *job = data;
  g_autoptr(GError) error = NULL;

  if (!fl_window_open_program_now (self, job->path, job->is_example, &error))
    fl_window_toast (self, error->message);
}

void
fl_window_open_program (FlWindow *self,
                        GFile    *file)
{
  OpenJob *job;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) examples = NULL;
  g_autofree char *canonical = NULL;
  guint i;

  g_return_if_fail (FL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if ((path = g_file_get_path (file)) == NULL)
    {
      fl_window_toast (self, _("Only files on this computer can be opened"));
      return;
    }
  job = g_new0 (OpenJob, 1);
  canonical = g_canonicalize_filename (path, NULL);
  examples = fl_program_list_examples ();
  for (i = 0; i < examples->len; i++)
    if (g_strcmp0 (((FlProgramExample *) g_ptr_array_index (examples, i))->path, canonical) == 0)
      job->is_example = TRUE;
  job->path = g_steal_pointer (&path);
  fl_window_confirm_unsaved (self, open_now, job, (GDestroyNotify) open_job_free);
}

FlProgramEditor *
fl_window_get_program_editor (FlWindow *self)
{
  g_return_val_if_fail (FL_IS_WINDOW (self), NULL);
  return self->editor;
}

gboolean
fl_window_get_source_selection (FlWindow *self,
                                guint    *first_line,
                                guint    *last_line)
{
  g_return_val_if_fail (FL_IS_WINDOW (self), FALSE);

  if (!self->program_mode)
    return FALSE;
  return fl_program_editor_get_selection (self->editor, first_line, last_line);
}

const char *
fl_window_get_program_text (FlWindow *self)
{
  g_return_val_if_fail (FL_IS_WINDOW (self), NULL);

  if (!self->program_mode)
    return NULL;
  return fl_program_editor_get_text (self->editor);
}

/* ---- the program's controls, interpreter and comparisons ------------------ */

/* The interpreter a program's run uses: the controls' choice, else the
 * "python-interpreter" setting, else python3 on PATH. */
static char *
program_interpreter (FlWindow  *self,
                     GError   **error)
{
  g_autofree char *chosen = fl_program_controls_dup_interpreter (self->program_controls);

  if (chosen == NULL && self->settings != NULL)
    {
      g_autofree char *setting = g_settings_get_string (self->settings, "python-interpreter");

      if (*setting != '\0')
        chosen = g_steal_pointer (&setting);
    }
  return fl_program_find_interpreter (chosen, error);
}

/* The editor's text with the controls' arguments and interpreter. */
static FlProgram *
new_program_from_window (FlWindow  *self,
                         GError   **error)
{
  g_auto(GStrv) args = fl_program_controls_dup_args (self->program_controls);
  g_autofree char *interpreter = NULL;

  if (args == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The program’s arguments cannot be read: a quote is not closed. "
                             "The Arguments row in the run settings says where."));
      return NULL;
    }
  if ((interpreter = program_interpreter (self, error)) == NULL)
    return NULL;
  return fl_program_new_for_text (fl_program_editor_get_path (self->editor),
                                  fl_program_editor_get_text (self->editor),
                                  (const char * const *) args, interpreter, error);
}

/* Whether a program can run at all: without an interpreter Run is
 * insensitive, and its tooltip and the verdict card say why and what to do. */
static void
update_interpreter (FlWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *interpreter = NULL;

  g_clear_pointer (&self->no_interpreter, g_free);
  if (!self->program_mode)
    return;
  interpreter = program_interpreter (self, &error);
  if (interpreter == NULL)
    {
      /* TRANSLATORS: %s says which interpreter was not found */
      self->no_interpreter = g_strdup_printf (_("%s. Install Python 3 (the python3 package), "
                                                "or choose an interpreter in Preferences."),
                                              error->message);
      gtk_widget_set_tooltip_text (self->run_button, self->no_interpreter);
      if (!fl_window_is_running (self) && self->run == NULL)
        {
          show_verdict (self, _("The Program Cannot Run"), self->no_interpreter, FALSE, FALSE);
          gtk_image_set_from_icon_name (self->verdict_icon, "dialog-warning-symbolic");
        }
    }
  else
    {
      gtk_widget_set_tooltip_text (self->run_button, _("Run the Program (Ctrl+R)"));
      if (!fl_window_is_running (self) && self->run == NULL)
        show_verdict (self, _("What the Run Showed"),
                      _("Run the program: what it measured is said here in plain words."),
                      FALSE, FALSE);
    }
  fl_window_update_actions (self);
}

/* The editor's text to the controls (the options it takes) and the
 * preset it matches, to the Compare actions. */
static void
feed_program_controls (FlWindow *self)
{
  const char *text;

  g_clear_handle_id (&self->program_text_id, g_source_remove);
  g_clear_pointer (&self->preset_id, g_free);
  if (!self->program_mode || (text = fl_program_editor_get_text (self->editor)) == NULL)
    return;
  fl_program_controls_set_program (self->program_controls, text,
                                   fl_program_editor_get_is_example (self->editor));
  {
    g_autoptr(FlProgram) program = fl_program_new_replayed (fl_program_editor_get_path (self->editor),
                                                            text, NULL, NULL, NULL);
    GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
    const char *id = fl_program_get_preset_id (program);

    /* Only a preset the catalog has. */
    if (id != NULL && FL_IS_APPLICATION (application) &&
        fl_catalog_lookup (fl_application_get_catalog (FL_APPLICATION (application)), id) != NULL)
      self->preset_id = g_strdup (id);
  }
  fl_window_update_actions (self);
}

static gboolean
on_program_text_timeout (gpointer data)
{
  FlWindow *self = data;

  self->program_text_id = 0;
  feed_program_controls (self);
  return G_SOURCE_REMOVE;
}

/* An edit: the controls follow once typing pauses. */
static void
on_program_text_changed (FlWindow *self)
{
  if (!self->program_mode)
    return;
  g_clear_handle_id (&self->program_text_id, g_source_remove);
  self->program_text_id = g_timeout_add (300, on_program_text_timeout, self);
}

static void
on_program_controls_changed (FlWindow *self)
{
  update_interpreter (self);
}

/* Compare for a program: threads and processes, or, with @emulation,
 * CPython beside the preset it matches. */
static gboolean
compare_program (FlWindow *self,
                 gboolean  emulation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlProgram) program = NULL;
  g_auto(GStrv) params = NULL;
  FlRunOptions options;
  gboolean started;

  if ((program = new_program_from_window (self, &error)) == NULL)
    {
      fl_window_toast (self, error->message);
      return FALSE;
    }
  fl_run_controls_get_options (self->controls, &options, &params);
  options.sample_rate_hz = g_settings_get_double (self->settings, "sample-rate");
  gtk_stack_set_visible_child_name (self->main_stack, "compare");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  self->compare_emulation = emulation;
  if (emulation)
    {
      GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
      const char *id = fl_program_get_preset_id (program);
      FlScenario *preset = NULL;

      if (id != NULL && FL_IS_APPLICATION (application))
        preset = fl_catalog_lookup (fl_application_get_catalog (FL_APPLICATION (application)), id);
      if (preset == NULL)
        {
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("This program has no matching preset to compare CPython with"));
          started = FALSE;
        }
      else
        started = fl_compare_view_start_python_vs_emulation (self->compare_view, program,
                                                             fl_program_get_args (program),
                                                             preset, &options, &error);
    }
  else
    started = fl_compare_view_start_program (self->compare_view, program,
                                             fl_program_get_args (program), &options, &error);
  if (!started)
    {
      fl_window_toast (self, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "scenario");
    }
  update_state (self);
  return started;
}

gboolean
fl_window_compare_emulation (FlWindow *self)
{
  g_return_val_if_fail (FL_IS_WINDOW (self), FALSE);

  if (!self->program_mode || self->preset_id == NULL || fl_window_is_running (self))
    return FALSE;
  return compare_program (self, TRUE);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         FlWindow      *self)
{
  GSList *files;
  GFile *file;
  g_autofree char *name = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  file = files->data;
  name = g_file_get_basename (file);
  if (fl_window_is_running (self))
    {
      fl_window_toast (self, _("Stop the run before opening another file"));
      return FALSE;
    }
  if (name != NULL && g_str_has_suffix (name, ".py"))
    fl_window_open_program (self, file);
  else
    fl_window_open_file (self, file);
  return TRUE;
}

/* A traceback's line of the program: the editor shows it. */
static void
on_source_activated (FlOutputView *view,
                     const char   *file,
                     guint         line,
                     FlWindow     *self)
{
  const char *path = self->program_mode ? fl_program_editor_get_path (self->editor) : NULL;
  g_autofree char *canonical = NULL;

  if (path == NULL)
    return;
  canonical = g_canonicalize_filename (file, NULL);
  if (g_strcmp0 (canonical, path) != 0)
    {
      g_autofree char *name = g_path_get_basename (file);
      /* TRANSLATORS: a traceback line of another file was activated; %u is a line, %s a file */
      g_autofree char *message = g_strdup_printf (_("Line %u of %s is not in the program shown"), line, name);

      fl_window_toast (self, message);
      return;
    }
  fl_program_editor_select_lines (self->editor, line, line);
}

static void
close_now (FlWindow *self,
           gpointer  data)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Unsaved edits are not lost by closing: the user says what becomes of them. */
static gboolean
on_close_request (FlWindow *self,
                  gpointer  data)
{
  if (self->close_confirmed || !self->program_mode || !fl_program_editor_get_modified (self->editor))
    return FALSE;
  fl_window_confirm_unsaved (self, close_now, NULL, NULL);
  return TRUE;
}

static void
show_gallery_scenario (FlWindow *self,
                       gpointer  data)
{
  FlScenario *scenario = fl_gallery_get_scenario (self->gallery);

  show_scenario (self, scenario);
  /* Selected on the next start. */
  if (scenario != NULL && self->settings != NULL)
    g_settings_set_string (self->settings, "last-scenario", fl_scenario_get_id (scenario));
}

/* A row picked in the gallery, while the user is asked about unsaved
 * edits: on Cancel (or a failure) the gallery goes back to what is open. */
typedef struct
{
  FlWindow *window;
  char     *path;        /* a program's, or NULL for a scenario */
  gboolean  is_example;
  gboolean  done;
} GalleryPick;

static GalleryPick *
gallery_pick_new (FlWindow   *self,
                  const char *path,
                  gboolean    is_example)
{
  GalleryPick *pick = g_new0 (GalleryPick, 1);

  pick->window = g_object_ref (self);
  pick->path = g_strdup (path);
  pick->is_example = is_example;
  return pick;
}

static void
gallery_pick_free (GalleryPick *pick)
{
  if (!pick->done)
    sync_gallery (pick->window);
  g_object_unref (pick->window);
  g_free (pick->path);
  g_free (pick);
}

static void
show_gallery_pick (FlWindow *self,
                   gpointer  data)
{
  GalleryPick *pick = data;
  g_autoptr(GError) error = NULL;

  if (pick->path == NULL)
    {
      pick->done = TRUE;
      show_gallery_scenario (self, NULL);
    }
  else if (fl_window_open_program_now (self, pick->path, pick->is_example, &error))
    pick->done = TRUE;
  else
    fl_window_toast (self, error->message);
}

static void
on_gallery_scenario (FlWindow *self)
{
  /* NULL when a program's row is picked: "program-path" follows. */
  if (self->syncing_gallery || fl_gallery_get_scenario (self->gallery) == NULL)
    return;
  /* A program's unsaved edits are not lost by picking a scenario: on
   * Cancel the program stays, and its row is selected again. */
  fl_window_confirm_unsaved (self, show_gallery_pick, gallery_pick_new (self, NULL, FALSE),
                             (GDestroyNotify) gallery_pick_free);
}

/* A program's row: it opens in the editor as Open Python Program opens it. */
static void
on_gallery_program (FlWindow *self)
{
  const char *path = fl_gallery_get_program_path (self->gallery);

  if (self->syncing_gallery || path == NULL)
    return;
  if (self->program_mode)
    {
      g_autofree char *canonical = g_canonicalize_filename (path, NULL);
      const char *open = fl_program_editor_get_path (self->editor);

      if (open != NULL && g_str_equal (canonical, open))
        return;
    }
  fl_window_confirm_unsaved (self, show_gallery_pick,
                             gallery_pick_new (self, path, fl_gallery_program_is_example (self->gallery)),
                             (GDestroyNotify) gallery_pick_free);
}

/* The gallery shows what is open: the program's row (or none when it is
 * not listed), else the scenario's. */
static void
sync_gallery (FlWindow *self)
{
  self->syncing_gallery = TRUE;
  if (self->program_mode)
    {
      const char *path = fl_program_editor_get_path (self->editor);

      if (path == NULL || !fl_gallery_select_program (self->gallery, path))
        fl_gallery_unselect (self->gallery);
    }
  else if (self->scenario != NULL)
    {
      if (!fl_gallery_select (self->gallery, fl_scenario_get_id (self->scenario)))
        fl_gallery_unselect (self->gallery);
    }
  self->syncing_gallery = FALSE;
}

void
fl_window_apply_defaults (FlWindow   *self,
                          const char *key)
{
  FlRunOptions options;

  if (self->scenario == NULL || self->settings == NULL || fl_window_is_running (self))
    return;

  fl_run_options_init (&options, self->scenario);
  options.mode = fl_run_controls_get_mode (self->controls);
  if ((key == NULL || g_str_equal (key, "default-mode")) &&
      !fl_scenario_says_default_mode (self->scenario))
    {
      FlMode mode = (FlMode) g_settings_get_enum (self->settings, "default-mode");

      if (fl_scenario_allows_mode (self->scenario, mode))
        options.mode = mode;
    }
  if ((key == NULL || g_str_equal (key, "default-workers")) &&
      !fl_scenario_says_default_workers (self->scenario))
    options.workers = CLAMP (g_settings_get_uint (self->settings, "default-workers"),
                             fl_scenario_get_min_workers (self->scenario),
                             fl_scenario_get_max_workers (self->scenario));
  if (key == NULL || g_str_equal (key, "switch-interval"))
    options.switch_interval_ms = g_settings_get_double (self->settings, "switch-interval");
  fl_run_controls_apply_options (self->controls, &options);
}

static void
on_default_changed (GSettings  *settings,
                    const char *key,
                    FlWindow   *self)
{
  fl_window_apply_defaults (self, key);
}

/* Saved on the way out, whether closed or quit, restored by fl_window_new(). */
static void
save_window_state (FlWindow *self)
{
  int width = 0, height = 0;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
on_controls_changed (FlWindow *self)
{
  update_title (self);
}

static void
on_compare_running (FlWindow *self)
{
  update_state (self);
}

static void
on_more_toggled (FlWindow *self)
{
  gboolean more = gtk_toggle_button_get_active (self->more_button);

  gtk_label_set_lines (self->description_label, more ? -1 : 3);
  gtk_label_set_ellipsize (self->description_label, more ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  gtk_button_set_label (GTK_BUTTON (self->more_button), more ? _("Show Less") : _("Read More"));
}

/* ---- layout -------------------------------------------------------------- */

static void
on_width_changed (FlWindow *self)
{
  int width = 0, height = 0;
  gboolean narrow;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  narrow = width > 0 && width < NARROW_WIDTH;
  if (narrow == self->narrow)
    return;
  self->narrow = narrow;
  adw_flap_set_fold_policy (self->flap, narrow ? ADW_FLAP_FOLD_POLICY_ALWAYS : ADW_FLAP_FOLD_POLICY_NEVER);
  adw_flap_set_reveal_flap (self->flap, !narrow);
  place_editor (self);
}

/* The timeline gets about two thirds of the height, the console the rest. */
static void
on_paned_max_position (FlWindow *self)
{
  int max = 0;

  g_object_get (self->paned, "max-position", &max, NULL);

  if (self->paned_placed || max < 200)
    return;
  self->paned_placed = TRUE;
  if (self->presentation)
    {
      gtk_paned_set_position (self->paned, max);
      return;
    }
  /* As much as the timeline and the CPU chart need to show every lane,
   * at least three fifths; the memory diagram and the output (both
   * scroll) keep the rest, a tenth at least beyond their minimum. */
  {
    GtkWidget *upper = gtk_paned_get_start_child (self->paned);
    int width = gtk_widget_get_width (GTK_WIDGET (self->paned)), min = 0, nat = 0;

    if (width > 0)
      gtk_widget_measure (upper, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
    /* In 64 bits: before the first allocation, max-position is G_MAXINT. */
    gtk_paned_set_position (self->paned, (int) CLAMP ((gint64) nat, (gint64) max * 3 / 5,
                                                      (gint64) max * 9 / 10));
  }
}

/* Once a run's lanes are known, the divider goes where they fit. */
static void
place_divider (FlWindow *self)
{
  self->paned_placed = FALSE;
  on_paned_max_position (self);
}

static void
on_page_changed (FlWindow *self)
{
  fl_window_update_actions (self);
  update_title (self);
}


/* ---- layout: zoom, explanation, gallery, presentation -------------------- */

static void
on_timeline_hover (FlWindow *self)
{
  gint64 t = -1;

  g_object_get (self->timeline, "hover-time", &t, NULL);
  /* Not while the run goes on: then the diagram shows now. */
  if (self->run != NULL && !fl_run_is_finished (self->run))
    t = -1;
  fl_memory_diagram_set_at (FL_MEMORY_DIAGRAM (self->memory_view), t);
}

static void
update_memory_more (FlWindow      *self,
                    GtkAdjustment *adj)
{
  double bottom = gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj);
  guint n = 0;

  if (bottom < gtk_adjustment_get_upper (adj) - 1)
    n = fl_memory_diagram_count_below (FL_MEMORY_DIAGRAM (self->memory_view), bottom);
  if (n > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "↓ %u more address space",
                                                            "↓ %u more address spaces", n), n);

      gtk_label_set_label (GTK_LABEL (self->memory_more), text);
    }
  gtk_widget_set_visible (self->memory_more, n > 0);
}

static void
apply_text_scale (FlWindow *self)
{
  double scale = self->zoom * (self->presentation ? PRESENTATION_SCALE : 1.0);
  g_autofree char *css = NULL;
  guint i;

  if (self->timeline == NULL)
    return;
  fl_scene_widget_set_text_scale (FL_SCENE_WIDGET (self->timeline), scale);
  /* The CPU chart's legend and labels grow with the timeline's text:
   * read from the back of a room, they matter as much. */
  fl_scene_widget_set_text_scale (FL_SCENE_WIDGET (self->cpu_chart), scale);
  fl_scene_widget_set_text_scale (FL_SCENE_WIDGET (self->memory_view), scale);
  fl_compare_view_set_text_scale (self->compare_view, scale);

  /* The verdict, the explanation and the console grow with the pictures. */
  css = g_strdup_printf (".scenario-info, outputview, .compare-page, programeditor { font-size: %d%%; }",
                         (int) round (100 * scale));
  if (self->zoom_css == NULL)
    {
      self->zoom_css = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                  GTK_STYLE_PROVIDER (self->zoom_css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
    }
  gtk_css_provider_load_from_data (self->zoom_css, css, -1);
  (void) i;
}

void
fl_window_set_zoom (FlWindow *self,
                    double    zoom)
{
  g_return_if_fail (FL_IS_WINDOW (self));

  zoom = CLAMP (round (zoom * 10) / 10, ZOOM_MIN, ZOOM_MAX);
  if (self->settings != NULL && g_settings_get_double (self->settings, "zoom") != zoom)
    g_settings_set_double (self->settings, "zoom", zoom);
  self->zoom = zoom;
  apply_text_scale (self);
  fl_window_update_actions (self);
}

static void
on_zoom_setting (GSettings  *settings,
                 const char *key,
                 FlWindow   *self)
{
  double zoom = g_settings_get_double (settings, "zoom");

  if (zoom != self->zoom)
    fl_window_set_zoom (self, zoom);
}

void
fl_window_set_explanation_visible (FlWindow *self,
                                   gboolean  visible)
{
  g_return_if_fail (FL_IS_WINDOW (self));

  visible = !!visible;
  if (visible == self->explanation_visible)
    return;
  self->explanation_visible = visible;
  /* The verdict stays: it is what the run showed. */
  gtk_widget_set_visible (self->description_box, visible);
  gtk_widget_set_visible (self->look_for_card, visible && has_look_for (self));
  /* The pane's height changes: the divider is placed again when it has. */
  self->paned_placed = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLANATION_VISIBLE]);
}

void
fl_window_set_gallery_visible (FlWindow *self,
                               gboolean  visible)
{
  g_return_if_fail (FL_IS_WINDOW (self));

  visible = !!visible;
  if (visible == self->gallery_visible)
    return;
  self->gallery_visible = visible;
  gtk_widget_set_visible (self->sidebar, visible);
  gtk_widget_set_visible (self->sidebar_separator, visible);
  if (visible && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  else if (!visible)
    adw_leaflet_set_visible_child (self->leaflet, self->content);
  fl_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GALLERY_VISIBLE]);
}

void
fl_window_set_presentation (FlWindow *self,
                            gboolean  presentation)
{
  g_return_if_fail (FL_IS_WINDOW (self));

  presentation = !!presentation;
  if (presentation == self->presentation)
    return;
  self->presentation = presentation;
  if (presentation)
    {
      self->gallery_before = self->gallery_visible;
      self->explanation_before = self->explanation_visible;
      fl_window_set_gallery_visible (self, FALSE);
      fl_window_set_explanation_visible (self, FALSE);
      adw_flap_set_reveal_flap (self->flap, FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      gtk_window_unfullscreen (GTK_WINDOW (self));
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      fl_window_set_gallery_visible (self, self->gallery_before);
      fl_window_set_explanation_visible (self, self->explanation_before);
      if (!self->narrow)
        adw_flap_set_reveal_flap (self->flap, TRUE);
    }
  apply_text_scale (self);
  place_editor (self);
  /* The whole height for the timeline, its CPU chart and the verdict:
   * the memory diagram and the output come back with the window mode. */
  gtk_widget_set_visible (gtk_paned_get_end_child (self->paned), !presentation);
  self->paned_placed = FALSE;
  on_paned_max_position (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION]);
}

static void
fl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FlWindow *self = FL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRESENTATION:
      g_value_set_boolean (value, self->presentation);
      break;
    case PROP_EXPLANATION_VISIBLE:
      g_value_set_boolean (value, self->explanation_visible);
      break;
    case PROP_GALLERY_VISIBLE:
      g_value_set_boolean (value, self->gallery_visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  FlWindow *self = FL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRESENTATION:
      fl_window_set_presentation (self, g_value_get_boolean (value));
      break;
    case PROP_EXPLANATION_VISIBLE:
      fl_window_set_explanation_visible (self, g_value_get_boolean (value));
      break;
    case PROP_GALLERY_VISIBLE:
      fl_window_set_gallery_visible (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ---- object -------------------------------------------------------------- */

static void
fl_window_dispose (GObject *object)
{
  FlWindow *self = (FlWindow *) object;

  /* Closing the window: loads, saves and exports it started report to nobody. */
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  if (self->settings != NULL)
    {
      save_window_state (self);
      g_signal_handlers_disconnect_by_data (self->settings, self);
      g_clear_object (&self->settings);
    }

  /* Closing the window ends what it started. */
  if (self->compare_view != NULL)
    fl_compare_view_stop (self->compare_view);
  if (self->output_view != NULL)
    drop_run (self);
  g_clear_object (&self->run_signals);
  g_clear_object (&self->scenario);
  g_clear_handle_id (&self->program_text_id, g_source_remove);
  if (self->zoom_css != NULL)
    {
      gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                     GTK_STYLE_PROVIDER (self->zoom_css));
      g_clear_object (&self->zoom_css);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), FL_TYPE_WINDOW);
  g_clear_object (&self->axis);

  G_OBJECT_CLASS (fl_window_parent_class)->dispose (object);
}

static void
fl_window_finalize (GObject *object)
{
  FlWindow *self = (FlWindow *) object;

  g_clear_pointer (&self->verdict, g_free);
  g_clear_pointer (&self->controls_path, g_free);
  g_clear_pointer (&self->preset_id, g_free);
  g_clear_pointer (&self->no_interpreter, g_free);

  G_OBJECT_CLASS (fl_window_parent_class)->finalize (object);
}

static void
fl_window_class_init (FlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fl_window_dispose;
  object_class->finalize = fl_window_finalize;
  object_class->get_property = fl_window_get_property;
  object_class->set_property = fl_window_set_property;

  properties[PROP_PRESENTATION] =
    g_param_spec_boolean ("presentation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPLANATION_VISIBLE] =
    g_param_spec_boolean ("explanation-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GALLERY_VISIBLE] =
    g_param_spec_boolean ("gallery-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FL_TYPE_GALLERY);
  g_type_ensure (FL_TYPE_RUN_CONTROLS);
  g_type_ensure (FL_TYPE_OUTPUT_VIEW);
  g_type_ensure (FL_TYPE_COMPARE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/forkline/Forkline/ui/fl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FlWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, content);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, gallery);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, stop_button);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, settings_button);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, gallery_button);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, sidebar_separator);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, description_box);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, look_for_card);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, info_box);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, compare_button);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, controls);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, description_label);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, more_button);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, look_for_label);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, verdict_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, verdict_spinner);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, verdict_title);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, timeline_stack);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, timeline_slot);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, cpu_slot);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, memory_slot);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, output_view);
  gtk_widget_class_bind_template_child (widget_class, FlWindow, compare_view);
  gtk_widget_class_bind_template_callback (widget_class, on_gallery_scenario);
  gtk_widget_class_bind_template_callback (widget_class, on_gallery_program);
  gtk_widget_class_bind_template_callback (widget_class, on_controls_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_compare_running);
  gtk_widget_class_bind_template_callback (widget_class, on_more_toggled);

  fl_window_class_add_actions (widget_class);
}

static void
fl_window_init (FlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  /* The current run's end, followed as runs replace each other. */
  self->run_signals = g_signal_group_new (FL_TYPE_RUN);
  g_signal_group_connect_object (self->run_signals, "finished", G_CALLBACK (on_run_finished), self, 0);
  self->explanation_visible = TRUE;
  self->gallery_visible = TRUE;
  self->zoom = 1.0;

  /* One time axis for the views that draw the run's time: the timeline
   * lays it out, the CPU chart under it follows. */
  self->axis = fl_time_axis_new ();
  self->timeline = fl_timeline_new ();
  fl_scene_widget_set_axis (FL_SCENE_WIDGET (self->timeline), self->axis);
  gtk_widget_set_vexpand (self->timeline, TRUE);
  gtk_widget_set_hexpand (self->timeline, TRUE);
  /* The memory diagram shows the moment under the timeline's pointer. */
  g_signal_connect_swapped (self->timeline, "notify::hover-time", G_CALLBACK (on_timeline_hover), self);
  /* The legend under the lanes: only what this run shows. */
  fl_timeline_set_show_legend (FL_TIMELINE (self->timeline), TRUE);
  gtk_box_append (self->timeline_slot, self->timeline);

  /* The CPU chart under the timeline, on the same axis. */
  self->cpu_chart = fl_cpu_chart_new ();
  fl_scene_widget_set_axis (FL_SCENE_WIDGET (self->cpu_chart), self->axis);
  gtk_box_append (self->cpu_slot, self->cpu_chart);

  /* The memory diagram: under the timeline, beside the output, scrolled
   * when its boxes do not fit. */
  {
    GtkWidget *scroller = gtk_scrolled_window_new ();
    GtkWidget *overlay = gtk_overlay_new ();
    GtkAdjustment *adj;

    self->memory_view = fl_memory_diagram_new ();
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->memory_view);
    gtk_overlay_set_child (GTK_OVERLAY (overlay), scroller);
    /* Boxes below the fold are said, as the timeline says its lanes. */
    self->memory_more = gtk_label_new (NULL);
    gtk_widget_set_halign (self->memory_more, GTK_ALIGN_END);
    gtk_widget_set_valign (self->memory_more, GTK_ALIGN_END);
    gtk_widget_set_can_target (self->memory_more, FALSE);
    gtk_widget_set_visible (self->memory_more, FALSE);
    gtk_widget_add_css_class (self->memory_more, "more-below");
    gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->memory_more);
    gtk_widget_set_vexpand (overlay, TRUE);
    gtk_box_append (self->memory_slot, overlay);
    adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    g_signal_connect_swapped (adj, "changed", G_CALLBACK (update_memory_more), self);
    g_signal_connect_swapped (adj, "value-changed", G_CALLBACK (update_memory_more), self);
  }

  /* The program's source, beside the run's views (for a Python program). */
  {
    GtkWidget *views = GTK_WIDGET (self->paned);
    GtkWidget *box = gtk_widget_get_parent (views);
    GtkWidget *before = gtk_widget_get_prev_sibling (views);

    g_object_ref (views);
    gtk_box_remove (GTK_BOX (box), views);
    self->source_paned = GTK_PANED (gtk_paned_new (GTK_ORIENTATION_HORIZONTAL));
    gtk_widget_set_vexpand (GTK_WIDGET (self->source_paned), TRUE);
    self->editor = FL_PROGRAM_EDITOR (fl_program_editor_new ());
    gtk_widget_set_size_request (GTK_WIDGET (self->editor), 280, -1);
    gtk_widget_set_visible (GTK_WIDGET (self->editor), FALSE);
    gtk_paned_set_start_child (self->source_paned, GTK_WIDGET (self->editor));
    gtk_paned_set_end_child (self->source_paned, views);
    gtk_paned_set_shrink_start_child (self->source_paned, FALSE);
    gtk_paned_set_shrink_end_child (self->source_paned, FALSE);
    gtk_paned_set_resize_start_child (self->source_paned, FALSE);
    gtk_paned_set_position (self->source_paned, 460);
    gtk_box_insert_child_after (GTK_BOX (box), GTK_WIDGET (self->source_paned), before);
    g_object_unref (views);
    g_signal_connect_swapped (self->source_paned, "notify::max-position", G_CALLBACK (place_editor), self);
    g_signal_connect_swapped (self->source_paned, "notify::position", G_CALLBACK (on_editor_divider), self);
    g_signal_connect_swapped (self->editor, "notify::modified", G_CALLBACK (on_editor_changed), self);
    g_signal_connect_swapped (self->editor, "notify::path", G_CALLBACK (on_editor_path), self);
    /* In the editor, Ctrl+S saves the program (elsewhere it saves the run). */
    {
      GtkEventController *keys = gtk_shortcut_controller_new ();

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_s, GDK_CONTROL_MASK),
                                                              gtk_named_action_new ("win.save-program")));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                              gtk_named_action_new ("win.save-program-as")));
      gtk_widget_add_controller (GTK_WIDGET (self->editor), keys);
    }
  }

  /* A program's controls take the place of the scenario's in the panel. */
  {
    GtkWidget *clamp = gtk_widget_get_parent (GTK_WIDGET (self->controls));
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    g_object_ref (self->controls);
    adw_clamp_set_child (ADW_CLAMP (clamp), box);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->controls));
    g_object_unref (self->controls);
    self->program_controls = FL_PROGRAM_CONTROLS (fl_program_controls_new ());
    gtk_widget_set_visible (GTK_WIDGET (self->program_controls), FALSE);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->program_controls));
    g_signal_connect_swapped (self->program_controls, "changed", G_CALLBACK (on_program_controls_changed), self);
    g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (fl_program_editor_get_view (self->editor))),
                             "changed", G_CALLBACK (on_program_text_changed), self, G_CONNECT_SWAPPED);
  }

  /* A .py file dropped on the window opens as a program, anything else
   * as a saved run. */
  {
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  g_signal_connect (self->output_view, "source-activated", G_CALLBACK (on_source_activated), self);

  show_verdict_placeholder (self);
  g_signal_connect_swapped (self, "notify::default-width", G_CALLBACK (on_width_changed), self);
  g_signal_connect_swapped (self->paned, "notify::max-position", G_CALLBACK (on_paned_max_position), self);
  g_signal_connect_swapped (self->main_stack, "notify::visible-child-name", G_CALLBACK (on_page_changed), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (fl_window_update_actions), self);
  g_signal_connect_swapped (self->compare_view, "notify::status", G_CALLBACK (update_title), self);
  on_width_changed (self);
  update_state (self);
}

static void
select_last_scenario (FlWindow *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-scenario");

  g_signal_handlers_disconnect_by_func (fl_application_get_catalog (FL_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)))),
                                        select_last_scenario, self);
  if (self->scenario == NULL && *last != '\0')
    fl_gallery_select (self->gallery, last);
}

FlWindow *
fl_window_new (FlApplication *application)
{
  FlWindow *self;

  g_return_val_if_fail (FL_IS_APPLICATION (application), NULL);

  self = g_object_new (FL_TYPE_WINDOW, "application", application, NULL);
  self->settings = g_object_ref (fl_application_get_settings (application));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_signal_connect (self->settings, "changed::default-mode", G_CALLBACK (on_default_changed), self);
  g_signal_connect (self->settings, "changed::default-workers", G_CALLBACK (on_default_changed), self);
  g_signal_connect (self->settings, "changed::switch-interval", G_CALLBACK (on_default_changed), self);
  g_signal_connect (self->settings, "changed::zoom", G_CALLBACK (on_zoom_setting), self);
  g_signal_connect_swapped (self->settings, "changed::python-interpreter", G_CALLBACK (update_interpreter), self);
  fl_window_set_zoom (self, g_settings_get_double (self->settings, "zoom"));

  fl_gallery_set_catalog (self->gallery, fl_application_get_catalog (application));
  {
    g_autofree char *last = g_settings_get_string (self->settings, "last-scenario");

    /* The last one may be the user's, whose files are still being read:
     * then it is picked when they arrive, unless another was meanwhile. */
    if (*last != '\0' && !fl_gallery_select (self->gallery, last))
      g_signal_connect_object (fl_application_get_catalog (application), "changed",
                               G_CALLBACK (select_last_scenario), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  }
  return self;
}

gboolean
fl_window_select_scenario (FlWindow   *self,
                           const char *id)
{
  g_return_val_if_fail (FL_IS_WINDOW (self), FALSE);
  return fl_gallery_select (self->gallery, id);
}

void
fl_window_apply_options (FlWindow           *self,
                         const FlRunOptions *options)
{
  g_return_if_fail (FL_IS_WINDOW (self));
  fl_run_controls_apply_options (self->controls, options);
}

/* The run controls set as @run ran, so that Run runs it again. */
static void
apply_run_settings (FlWindow *self,
                    FlRun    *run)
{
  FlScenario *scenario = fl_run_get_scenario (run);
  guint n_params = fl_scenario_get_n_params (scenario);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  FlRunOptions options;
  guint i;

  fl_run_options_init (&options, scenario);
  options.mode = fl_run_get_mode (run);
  options.workers = fl_run_get_n_workers (run);
  options.gil = fl_run_get_gil (run);
  options.switch_interval_ms = fl_run_get_switch_interval_ms (run);
  for (i = 0; i < n_params; i++)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (number, sizeof number, fl_run_get_param_values (run)[i]);
      g_ptr_array_add (params, g_strdup_printf ("%s=%s", fl_scenario_get_param (scenario, i)->name, number));
    }
  g_ptr_array_add (params, NULL);
  options.params = (const char * const *) params->pdata;
  fl_run_controls_apply_options (self->controls, &options);
}

/**
 * fl_window_show_run:
 * @self: the window
 * @run: a finished run read back from a file (fl_run_load())
 *
 * Shows @run in every view as a live run is shown when it has finished:
 * its scenario (the preset itself when the file ran an unchanged one),
 * the settings it ran with, the timeline, CPU chart, memory diagram,
 * output and verdict.  A run under way is stopped first.
 */
void
fl_window_show_run (FlWindow *self,
                    FlRun    *run)
{
  FlScenario *scenario;
  FlScenario *preset;
  GtkApplication *app;

  g_return_if_fail (FL_IS_WINDOW (self));
  g_return_if_fail (FL_IS_RUN (run) && fl_run_is_finished (run));

  scenario = fl_run_get_scenario (run);
  app = gtk_window_get_application (GTK_WINDOW (self));
  preset = app != NULL ? fl_catalog_lookup (fl_application_get_catalog (FL_APPLICATION (app)),
                                            fl_scenario_get_id (scenario)) : NULL;

  fl_window_stop (self);
  drop_run (self);
  gtk_stack_set_visible_child_name (self->main_stack, "scenario");
  if (fl_run_get_program (run) != NULL)
    {
      /* A Python program's run: its source, as it ran, beside it. */
      FlProgram *program = fl_run_get_program (run);

      fl_program_editor_load_text (self->editor, fl_program_get_path (program),
                                   fl_program_get_text (program) ? fl_program_get_text (program) : "");
      enter_program_mode (self);
    }
  else
    {
      /* The gallery's own scenario when it is the one that ran, word for word. */
      if (preset != NULL && g_strcmp0 (fl_scenario_get_data (preset), fl_scenario_get_data (scenario)) == 0)
        fl_window_select_scenario (self, fl_scenario_get_id (scenario));
      if (self->scenario == NULL || self->program_mode ||
          g_strcmp0 (fl_scenario_get_data (self->scenario), fl_scenario_get_data (scenario)) != 0)
        show_scenario (self, scenario);
    }
  apply_run_settings (self, run);

  self->run = g_object_ref (run);
  g_signal_group_set_target (self->run_signals, run);
  fl_output_view_set_run (self->output_view, run);
  attach_run_views (self, run);
  /* Output lines, then "finished": what every view saw of the live run. */
  fl_run_replay_signals (run);
}

FlRun *
fl_window_get_run (FlWindow *self)
{
  g_return_val_if_fail (FL_IS_WINDOW (self), NULL);
  return self->run;
}

FlOutputView *
fl_window_get_output_view (FlWindow *self)
{
  g_return_val_if_fail (FL_IS_WINDOW (self), NULL);
  return self->output_view;
}

FlCompareView *
fl_window_get_compare_view (FlWindow *self)
{
  g_return_val_if_fail (FL_IS_WINDOW (self), NULL);
  return self->compare_view;
}

GtkWidget *
fl_window_get_timeline (FlWindow *self)
{
  g_return_val_if_fail (FL_IS_WINDOW (self), NULL);
  return self->timeline;
}

const char *
fl_window_get_verdict (FlWindow *self)
{
  g_return_val_if_fail (FL_IS_WINDOW (self), NULL);
  /* What the label shows, once there is a measured verdict. */
  return self->verdict ? gtk_label_get_label (self->verdict_label) : "";
}
