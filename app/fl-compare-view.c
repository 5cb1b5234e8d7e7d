/* fl-compare-view.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runs go one after another: started at once they would compete for
 * the same cores and the comparison would measure the competition.  Each
 * run's "finished" starts the next one.
 */

#define G_LOG_DOMAIN "fl-compare-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "fl-compare-view.h"
#include "fl-format.h"
#include "fl-summary.h"

#include "fl-export.h"
#include "fl-scene-cairo.h"
#include "fl-timeline.h"
#include "fl-timeline-painter.h"

#define MAX_RUNS 3

enum {
  COL_RUN,
  COL_WALL,
  COL_CPU,
  COL_SPEEDUP,
  COL_MEMORY,
  COL_GIL,             /* program comparisons only */
  COL_VERDICT,
  N_COLS
};

typedef struct
{
  FlMode     mode;
  int        gil;
  char      *title;
  FlProgram *program;     /* a Python program's run; NULL: the scenario's */
  FlScenario *scenario;   /* NULL: the comparison's */
  FlRun     *run;
  GSignalGroup *run_signals;   /* "finished" of run */
  double     wall_ms;
  GtkWidget *status;      /* in the run's card */
  GtkWidget *spinner;
  GtkWidget *timeline;
  GtkWidget *cells[N_COLS];
} CompareRun;

struct _FlCompareView
{
  AdwBin        parent_instance;

  GtkBox       *runs_box;
  GtkLabel     *intro;
  GtkGrid      *summary_grid;
  GtkLabel     *speedup_note;
  GtkWidget    *legend;        /* a GtkDrawingArea */
  guint32       legend_use;    /* FL_LEGEND_ bits: what the ended runs show */
  GStrv         legend_entries;

  FlScenario   *scenario;
  FlRunOptions  options;
  GStrv         params;
  CompareRun    runs[MAX_RUNS];
  guint         n_runs;
  guint         current;       /* the run under way, or n_runs */
  gboolean      running;
  gboolean      stopped;
  char         *status;
  double        text_scale;
  gboolean      with_gil;      /* the table has a GIL-wait column */
};

G_DEFINE_FINAL_TYPE (FlCompareView, fl_compare_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_next (FlCompareView *self);

static void
set_status (FlCompareView *self,
            const char    *status)
{
  if (g_strcmp0 (self->status, status) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
set_running (FlCompareView *self,
             gboolean       running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
clear_runs (FlCompareView *self)
{
  GtkWidget *child;
  guint i;

  for (i = 0; i < self->n_runs; i++)
    {
      CompareRun *cr = &self->runs[i];

      g_clear_object (&cr->run_signals);
      if (cr->run != NULL)
        {
          fl_run_stop (cr->run);
          g_clear_object (&cr->run);
        }
      g_clear_pointer (&cr->title, g_free);
      g_clear_object (&cr->program);
      g_clear_object (&cr->scenario);
    }
  memset (self->runs, 0, sizeof self->runs);
  self->n_runs = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->runs_box))) != NULL)
    gtk_box_remove (self->runs_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_grid))) != NULL)
    gtk_grid_remove (self->summary_grid, child);

  self->legend_use = 0;
  g_clear_pointer (&self->legend_entries, g_strfreev);
  gtk_widget_set_visible (self->legend, FALSE);
}

/* ---- building the page --------------------------------------------------- */

static GtkWidget *
cell (GtkGrid    *grid,
      int         column,
      int         row,
      const char *text,
      const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == COL_RUN || column == COL_VERDICT ? 0 : 1);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  if (column == COL_VERDICT)
    {
      /* Under the run's figures, across the table: a narrow window keeps
       * the comparison rather than folding it away. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), 20);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (label, "compare-verdict");
      gtk_grid_attach (grid, label, COL_RUN, 2 * row, N_COLS - 1, 1);
      return label;
    }
  gtk_widget_add_css_class (label, "numeric");
  if (column == COL_RUN)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), 10);
      gtk_widget_set_hexpand (label, TRUE);
    }
  gtk_grid_attach (grid, label, column, row == 0 ? 0 : 2 * row - 1, 1, 1);
  return label;
}

static void
add_summary_header (FlCompareView *self)
{
  static const char *titles[N_COLS - 1] = {
    N_("Run"), N_("Wall Time"), N_("CPU Time"), N_("Speed-up"), N_("Peak Memory"), N_("Workers Waiting for the GIL"),
  };
  guint c;

  for (c = 0; c < N_COLS - 1; c++)
    if (c != COL_GIL || self->with_gil)
      cell (self->summary_grid, c, 0, _(titles[c]), "table-heading");
  if (self->with_gil)
    gtk_widget_set_tooltip_text (gtk_grid_get_child_at (self->summary_grid, COL_GIL, 0),
                                 _("The share of the workers' time spent waiting for the GIL: every thread and "
                                   "process but the main one, from its start to its end, added up"));
  gtk_widget_set_tooltip_text (gtk_grid_get_child_at (self->summary_grid, COL_SPEEDUP, 0),
                               fl_export_speedup_definition ());
  gtk_widget_set_tooltip_text (gtk_grid_get_child_at (self->summary_grid, COL_MEMORY, 0),
                               _("The peak resident memory of every process of the run, added up"));
}

static void
add_run (FlCompareView *self,
         FlMode         mode,
         int            gil,
         const char    *title)
{
  CompareRun *cr = &self->runs[self->n_runs];
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (title);
  guint c, row = self->n_runs + 1;

  cr->mode = mode;
  cr->gil = gil;
  cr->title = g_strdup (title);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "compare-run");
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_box_append (GTK_BOX (header), name);
  cr->spinner = gtk_spinner_new ();
  gtk_widget_set_hexpand (cr->spinner, TRUE);
  gtk_widget_set_halign (cr->spinner, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (header), cr->spinner);
  cr->status = gtk_label_new (_("Waiting for its turn"));
  gtk_widget_add_css_class (cr->status, "dim-label");
  gtk_widget_add_css_class (cr->status, "numeric");
  gtk_box_append (GTK_BOX (header), cr->status);
  gtk_box_append (GTK_BOX (card), header);

  cr->timeline = fl_timeline_new ();
  fl_scene_widget_set_text_scale (FL_SCENE_WIDGET (cr->timeline), self->text_scale);
  /* At least this tall; as tall as its lanes need once they are known. */
  gtk_widget_set_size_request (cr->timeline, -1, 120);
  gtk_widget_set_hexpand (cr->timeline, TRUE);
  /* One time axis for all: the others follow the first. */
  if (self->n_runs > 0)
    {
      GtkWidget *first = self->runs[0].timeline;

      g_object_bind_property (first, "visible-start", cr->timeline, "visible-start",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      g_object_bind_property (first, "visible-end", cr->timeline, "visible-end",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    }
  {
    /* TRANSLATORS: the accessible name of a comparison's timeline: "Run 2 of 3: Processes (fork)" */
    g_autofree char *name = g_strdup_printf (_("Timeline of run %u of the comparison: %s"), self->n_runs + 1, title);

    gtk_accessible_update_property (GTK_ACCESSIBLE (cr->timeline), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  gtk_box_append (GTK_BOX (card), cr->timeline);
  gtk_box_append (self->runs_box, card);

  cr->cells[COL_RUN] = cell (self->summary_grid, COL_RUN, row, title, "heading");
  for (c = COL_WALL; c < N_COLS; c++)
    if (c != COL_GIL || self->with_gil)
      cr->cells[c] = cell (self->summary_grid, c, row, "—", c == COL_VERDICT ? "dim-label" : NULL);

  self->n_runs++;
}

/* ---- figures ------------------------------------------------------------- */


static void
fill_figures (FlCompareView *self,
              CompareRun    *cr)
{
  g_auto(FlSummaryFigures) figures = { 0 };
  double cpu_ms, speedup_x;
  guint64 memory_kb;
  g_autofree char *wall = NULL;
  g_autofree char *cpu = NULL;
  g_autofree char *speedup = NULL;
  g_autofree char *memory = NULL;
  g_autofree char *status = NULL;

  fl_summary_get_figures (cr->run, &figures);
  cpu_ms = figures.cpu_ms;
  speedup_x = figures.speedup;
  memory_kb = figures.peak_rss_kb;
  cr->wall_ms = figures.wall_ms;
  wall = fl_format_duration_ns ((gint64) (cr->wall_ms * 1e6));
  cpu = cpu_ms >= 0 ? fl_format_duration_ns ((gint64) (cpu_ms * 1e6)) : g_strdup ("—");
  /* The verdict's own figure: one definition of speed-up everywhere. */
  if (speedup_x >= 0)
    /* TRANSLATORS: a speed-up factor, "1.95×" */
    speedup = g_strdup_printf (_("%.2f×"), speedup_x);
  else
    speedup = g_strdup ("—");
  memory = memory_kb > 0 ? fl_format_memory_kb (memory_kb) : g_strdup ("—");

  gtk_label_set_label (GTK_LABEL (cr->cells[COL_WALL]), wall);
  gtk_label_set_label (GTK_LABEL (cr->cells[COL_CPU]), cpu);
  gtk_label_set_label (GTK_LABEL (cr->cells[COL_SPEEDUP]), speedup);
  gtk_label_set_label (GTK_LABEL (cr->cells[COL_MEMORY]), memory);
  if (self->with_gil)
    {
      g_autofree char *why = NULL;
      g_autofree char *gil_text = fl_export_format_gil_wait (cr->run, &why);

      gtk_label_set_label (GTK_LABEL (cr->cells[COL_GIL]), gil_text);
      gtk_widget_set_tooltip_text (cr->cells[COL_GIL], why);
    }
  gtk_label_set_label (GTK_LABEL (cr->cells[COL_VERDICT]), figures.verdict);
  gtk_widget_remove_css_class (cr->cells[COL_VERDICT], "dim-label");

  if (fl_run_was_stopped (cr->run))
    /* TRANSLATORS: a run's status: "Stopped after 1.20 s" */
    status = g_strdup_printf (_("Stopped after %s"), wall);
  else
    /* TRANSLATORS: a run's status: "Finished in 2.00 s" */
    status = g_strdup_printf (_("Finished in %s"), wall);
  gtk_label_set_label (GTK_LABEL (cr->status), status);
}

/* ---- the legend ---------------------------------------------------------- */

/* The theme the timelines draw with, so that the legend's colours are
 * theirs. */
static FlTheme *
legend_theme (FlCompareView *self)
{
  return fl_scene_widget_get_theme (FL_SCENE_WIDGET (self->runs[0].timeline));
}

/* The timelines' small text: what their own legend would use. */
static float
legend_font (FlCompareView *self)
{
  return roundf (12 * self->text_scale * 0.9f * 2) / 2;
}

static void
legend_draw (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  FlCompareView *self = user_data;
  g_autoptr(FlScene) scene = NULL;

  if (self->legend_use == 0 || self->n_runs == 0)
    return;
  scene = fl_scene_new (width, height);
  fl_legend_paint (scene, legend_theme (self), 0, 0, width, legend_font (self), self->legend_use);
  fl_scene_render_cairo (scene, cr);
}

/* The legend wraps its entries in rows: as tall as the width needs. */
static void
legend_fit (FlCompareView *self,
            int            width)
{
  int height;

  if (self->legend_use == 0 || self->n_runs == 0 || width <= 0)
    return;
  height = (int) ceilf (fl_legend_measure (legend_theme (self), width, legend_font (self), self->legend_use));
  if (height != gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (self->legend)))
    gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->legend), height);
}

static void
on_legend_resize (GtkDrawingArea *area,
                  int             width,
                  int             height,
                  FlCompareView *self)
{
  legend_fit (self, width);
}

/* The union of what the ended runs show, painted, and its entries as
 * text for screen readers: the labels fl_legend_paint() wrote. */
static void
update_legend (FlCompareView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(FlScene) scene = NULL;
  g_autofree char *entries = NULL;
  g_autofree char *description = NULL;
  const FlItem *items;
  guint32 use = 0;
  guint i, n;

  for (i = 0; i < self->n_runs; i++)
    {
      g_autoptr(FlTimelineModel) model = NULL;

      if (self->runs[i].run == NULL || !fl_run_is_finished (self->runs[i].run))
        continue;
      model = fl_timeline_model_new (fl_run_get_store (self->runs[i].run));
      fl_timeline_model_sync (model);
      use |= fl_legend_use_of_model (model);
    }

  self->legend_use = use;
  scene = fl_scene_new (1, 1);
  fl_legend_paint (scene, legend_theme (self), 0, 0, G_MAXINT16, legend_font (self), use);
  items = fl_scene_get_items (scene);
  n = fl_scene_get_n_items (scene);
  for (i = 0; i < n; i++)
    if (items[i].kind == FL_ITEM_TEXT)
      g_strv_builder_add (builder, items[i].text);
  g_strfreev (self->legend_entries);
  self->legend_entries = g_strv_builder_end (builder);

  entries = g_strjoinv (", ", self->legend_entries);
  /* TRANSLATORS: the legend of a comparison, for screen readers; %s lists
   * its entries: "running, waiting for a core, output line" */
  description = g_strdup_printf (_("The timelines above show: %s"), entries);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->legend),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_set_visible (self->legend, use != 0);
  legend_fit (self, gtk_widget_get_width (self->legend));
  gtk_widget_queue_draw (self->legend);
}

/* ---- running ------------------------------------------------------------- */

static void
finish (FlCompareView *self)
{
  g_autofree char *status = NULL;
  gint64 longest = -1;
  guint i, longest_index = 0;

  self->current = self->n_runs;
  set_running (self, FALSE);
  if (self->stopped)
    status = g_strdup (_("Stopped"));
  else
    status = g_strdup_printf (ngettext ("%u run compared", "%u runs compared", self->n_runs), self->n_runs);
  set_status (self, status);

  /* Fit the longest run: the others share its axis. */
  for (i = 0; i < self->n_runs; i++)
    if (self->runs[i].run != NULL && self->runs[i].wall_ms > longest)
      {
        longest = (gint64) self->runs[i].wall_ms;
        longest_index = i;
      }
  if (longest >= 0)
    fl_timeline_zoom_to_fit (FL_TIMELINE (self->runs[longest_index].timeline));
}

static void
on_run_finished (FlRun         *run,
                 FlCompareView *self)
{
  CompareRun *cr;

  if (self->current >= self->n_runs || self->runs[self->current].run != run)
    return;

  cr = &self->runs[self->current];
  gtk_spinner_set_spinning (GTK_SPINNER (cr->spinner), FALSE);
  fl_scene_widget_set_live (FL_SCENE_WIDGET (cr->timeline), FALSE);
  fill_figures (self, cr);
  update_legend (self);

  self->current++;
  if (self->stopped || self->current >= self->n_runs)
    finish (self);
  else
    start_next (self);
}

static void
start_next (FlCompareView *self)
{
  for (; self->current < self->n_runs; self->current++)
    {
      CompareRun *cr = &self->runs[self->current];
      g_autoptr(GError) error = NULL;
      g_autofree char *status = NULL;
      FlRunOptions options = self->options;

      options.mode = cr->mode;
      options.gil = cr->gil;
      options.params = (const char * const *) self->params;
      if (cr->program != NULL)
        {
          fl_run_options_init (&options, NULL);
          options.sample_rate_hz = self->options.sample_rate_hz;
          options.max_seconds = self->options.max_seconds;
          cr->run = fl_run_new_for_program (cr->program, &options, &error);
        }
      else
        cr->run = fl_run_new (cr->scenario ? cr->scenario : self->scenario, &options, &error);
      if (cr->run != NULL)
        {
          /* A group of its own: the next run's is made while this one's
           * "finished" is being emitted. */
          cr->run_signals = g_signal_group_new (FL_TYPE_RUN);
          g_signal_group_connect_object (cr->run_signals, "finished", G_CALLBACK (on_run_finished), self, 0);
          g_signal_group_set_target (cr->run_signals, cr->run);
          if (!fl_run_start (cr->run, &error))
            {
              g_clear_object (&cr->run_signals);
              g_clear_object (&cr->run);
            }
        }
      if (cr->run == NULL)
        {
          gtk_label_set_label (GTK_LABEL (cr->status), error->message);
          gtk_widget_add_css_class (cr->status, "error");
          continue;
        }

      gtk_label_set_label (GTK_LABEL (cr->status), _("Running…"));
      gtk_spinner_set_spinning (GTK_SPINNER (cr->spinner), TRUE);
      fl_scene_widget_set_store (FL_SCENE_WIDGET (cr->timeline), fl_run_get_store (cr->run));
      fl_scene_widget_set_live (FL_SCENE_WIDGET (cr->timeline), TRUE);
      fl_timeline_set_follow (FL_TIMELINE (cr->timeline), TRUE);
      /* TRANSLATORS: the comparison's progress: "Run 2 of 3: Processes (fork)" */
      status = g_strdup_printf (_("Run %u of %u: %s"), self->current + 1, self->n_runs, cr->title);
      set_status (self, status);
      return;
    }
  finish (self);
}

/* Clears what an earlier comparison left and takes @options. */
static void
begin (FlCompareView      *self,
       FlScenario         *scenario,
       const FlRunOptions *options,
       gboolean            with_gil,
       const char         *intro)
{
  fl_compare_view_stop (self);
  clear_runs (self);
  g_set_object (&self->scenario, scenario);
  self->options = *options;
  g_clear_pointer (&self->params, g_strfreev);
  self->params = g_strdupv ((char **) options->params);
  self->options.params = NULL;
  self->stopped = FALSE;
  self->with_gil = with_gil;
  gtk_label_set_label (self->intro, intro);
  add_summary_header (self);
}

static void
go (FlCompareView *self)
{
  guint i;

  for (i = 0; i < self->n_runs; i++)
    gtk_label_set_label (GTK_LABEL (self->runs[i].status), _("Waiting for its turn"));
  self->current = 0;
  set_running (self, TRUE);
  start_next (self);
}

gboolean
fl_compare_view_start_program (FlCompareView      *self,
                               FlProgram          *program,
                               const char * const *args,
                               const FlRunOptions *options,
                               GError            **error)
{
  static const char *modes[] = { "threads", "processes" };
  guint i;

  g_return_val_if_fail (FL_IS_COMPARE_VIEW (self), FALSE);
  g_return_val_if_fail (FL_IS_PROGRAM (program), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (!fl_program_check_compare_modes (program, error))
    return FALSE;

  begin (self, fl_program_get_scenario (program), options, TRUE,
         _("The program twice, as threads and as processes, one run after another so that they do not "
           "compete for cores. The timelines share one time axis: zoom or pan one and the others follow."));
  for (i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_auto(GStrv) with_mode = fl_program_args_with_mode (args, modes[i]);
      /* TRANSLATORS: a program comparison's runs: "Threads (--mode threads)" */
      g_autofree char *title = g_strdup_printf (i == 0 ? _("Threads (--mode %s)") : _("Processes (--mode %s)"),
                                                modes[i]);

      add_run (self, i == 0 ? FL_MODE_THREADS : FL_MODE_FORK, -1, title);
      self->runs[i].program = fl_program_copy_with_args (program, (const char * const *) with_mode);
    }
  go (self);
  return TRUE;
}

gboolean
fl_compare_view_start_python_vs_emulation (FlCompareView      *self,
                                           FlProgram          *program,
                                           const char * const *args,
                                           FlScenario         *preset,
                                           const FlRunOptions *options,
                                           GError            **error)
{
  g_auto(GStrv) program_args = NULL;
  g_autofree char *python = NULL;
  FlRunOptions emulation;

  g_return_val_if_fail (FL_IS_COMPARE_VIEW (self), FALSE);
  g_return_val_if_fail (FL_IS_PROGRAM (program), FALSE);
  g_return_val_if_fail (FL_IS_SCENARIO (preset), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (!fl_program_plan_emulation (program, args, preset, &program_args, &emulation, error))
    return FALSE;
  emulation.sample_rate_hz = options->sample_rate_hz;
  emulation.max_seconds = options->max_seconds;
  emulation.switch_interval_ms = options->switch_interval_ms;

  begin (self, preset, &emulation, TRUE,
         _("The Python program on the real interpreter beside the preset on Forkline's emulation with the "
           "emulated GIL, with the same workers and mode, one run after another. The timelines share one "
           "time axis: zoom or pan one and the others follow."));
  python = fl_export_describe_python (program);
  add_run (self, emulation.mode, -1, python);
  self->runs[0].program = fl_program_copy_with_args (program, (const char * const *) program_args);
  add_run (self, emulation.mode, 1, fl_export_emulation_title ());
  self->runs[1].scenario = g_object_ref (preset);
  go (self);
  return TRUE;
}

gboolean
fl_compare_view_start (FlCompareView      *self,
                       FlScenario         *scenario,
                       const FlRunOptions *options)
{
  gboolean threads, gil;
  FlMode process_mode;

  g_return_val_if_fail (FL_IS_COMPARE_VIEW (self), FALSE);
  g_return_val_if_fail (FL_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  begin (self, scenario, options, FALSE,
         _("The same scenario once per mode, one run after another so that they do not compete for cores. "
           "The timelines share one time axis: zoom or pan one and the others follow."));
  threads = fl_scenario_allows_mode (scenario, FL_MODE_THREADS);
  gil = fl_scenario_get_default_gil (scenario);
  process_mode = fl_scenario_allows_mode (scenario, FL_MODE_FORK) ? FL_MODE_FORK : FL_MODE_SPAWN;

  if (threads)
    add_run (self, FL_MODE_THREADS, gil,
             gil ? _("Threads, with the GIL") : fl_mode_get_label (FL_MODE_THREADS));
  if (fl_scenario_allows_mode (scenario, process_mode))
    add_run (self, process_mode, gil, fl_mode_get_label (process_mode));
  if (threads && gil)
    add_run (self, FL_MODE_THREADS, 0, _("Threads, without the GIL"));

  if (self->n_runs < 2)
    {
      clear_runs (self);
      set_status (self, "");
      return FALSE;
    }

  go (self);
  return TRUE;
}

void
fl_compare_view_stop (FlCompareView *self)
{
  g_return_if_fail (FL_IS_COMPARE_VIEW (self));

  if (!self->running)
    return;
  self->stopped = TRUE;
  if (self->current < self->n_runs && self->runs[self->current].run != NULL)
    fl_run_stop (self->runs[self->current].run);
  else
    finish (self);
}

gboolean
fl_compare_view_get_running (FlCompareView *self)
{
  g_return_val_if_fail (FL_IS_COMPARE_VIEW (self), FALSE);
  return self->running;
}

const char *
fl_compare_view_get_status (FlCompareView *self)
{
  g_return_val_if_fail (FL_IS_COMPARE_VIEW (self), NULL);
  return self->status ? self->status : "";
}

guint
fl_compare_view_get_n_runs (FlCompareView *self)
{
  g_return_val_if_fail (FL_IS_COMPARE_VIEW (self), 0);
  return self->n_runs;
}

FlRun *
fl_compare_view_get_run (FlCompareView *self,
                         guint          index)
{
  g_return_val_if_fail (FL_IS_COMPARE_VIEW (self), NULL);
  g_return_val_if_fail (index < self->n_runs, NULL);
  return self->runs[index].run;
}

/**
 * fl_compare_view_get_legend_entries:
 * @self: a comparison
 *
 * Returns: (transfer none): the legend's entries, as listed (and read to
 *   screen readers): what the ended runs show, together; NULL before any
 *   run has ended
 */
const char * const *
fl_compare_view_get_legend_entries (FlCompareView *self)
{
  g_return_val_if_fail (FL_IS_COMPARE_VIEW (self), NULL);
  return (const char * const *) self->legend_entries;
}

/* The FL_LEGEND_ bits the legend lists. */
guint32
fl_compare_view_get_legend_use (FlCompareView *self)
{
  g_return_val_if_fail (FL_IS_COMPARE_VIEW (self), 0);
  return self->legend_use;
}

/* The legend's widget (a picture with an accessible description). */
GtkWidget *
fl_compare_view_get_legend (FlCompareView *self)
{
  g_return_val_if_fail (FL_IS_COMPARE_VIEW (self), NULL);
  return self->legend;
}

/* ---- object -------------------------------------------------------------- */

static void
fl_compare_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FlCompareView *self = FL_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_STATUS:
      g_value_set_string (value, fl_compare_view_get_status (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_compare_view_dispose (GObject *object)
{
  FlCompareView *self = (FlCompareView *) object;

  if (self->runs_box != NULL)
    clear_runs (self);
  g_clear_object (&self->scenario);
  gtk_widget_dispose_template (GTK_WIDGET (self), FL_TYPE_COMPARE_VIEW);

  G_OBJECT_CLASS (fl_compare_view_parent_class)->dispose (object);
}

static void
fl_compare_view_finalize (GObject *object)
{
  FlCompareView *self = (FlCompareView *) object;

  g_clear_pointer (&self->params, g_strfreev);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->legend_entries, g_strfreev);

  G_OBJECT_CLASS (fl_compare_view_parent_class)->finalize (object);
}

static void
fl_compare_view_class_init (FlCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fl_compare_view_get_property;
  object_class->dispose = fl_compare_view_dispose;
  object_class->finalize = fl_compare_view_finalize;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/forkline/Forkline/ui/fl-compare-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FlCompareView, runs_box);
  gtk_widget_class_bind_template_child (widget_class, FlCompareView, intro);
  gtk_widget_class_bind_template_child (widget_class, FlCompareView, summary_grid);
  gtk_widget_class_bind_template_child (widget_class, FlCompareView, speedup_note);
  gtk_widget_class_bind_template_child (widget_class, FlCompareView, legend);
  gtk_widget_class_bind_template_callback (widget_class, on_legend_resize);
}

void
fl_compare_view_set_text_scale (FlCompareView *self,
                                double         scale)
{
  guint i;

  g_return_if_fail (FL_IS_COMPARE_VIEW (self));

  self->text_scale = scale;
  for (i = 0; i < self->n_runs; i++)
    fl_scene_widget_set_text_scale (FL_SCENE_WIDGET (self->runs[i].timeline), scale);
  legend_fit (self, gtk_widget_get_width (self->legend));
  gtk_widget_queue_draw (self->legend);
}

static void
fl_compare_view_init (FlCompareView *self)
{
  self->text_scale = 1.0;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_label_set_label (self->speedup_note, fl_export_speedup_definition ());
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->legend), legend_draw, self, NULL);
  /* TRANSLATORS: the accessible name of the comparison's legend */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->legend), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Legend of the timelines"), -1);
}

GtkWidget *
fl_compare_view_new (void)
{
  return g_object_new (FL_TYPE_COMPARE_VIEW, NULL);
}
