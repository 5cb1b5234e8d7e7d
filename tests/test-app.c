/* test-app.c — the real window, started as a presenter starts it
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under the virtual display of the test command (suite "ui").  Each
 * case runs FlApplication with a command line (`--scenario … --autorun`,
 * `--compare …`), waits for the run to finish, checks what the window
 * shows and saves it in the build folder as app-<case>.png.
 */

#include "config.h"

#include <string.h>

#include "fl-application.h"
#include "fl-catalog.h"
#include "fl-compare-view.h"
#include "fl-cpu-chart.h"
#include "fl-timeline.h"
#include "fl-timeline-painter-private.h"
#include "fl-window-private.h"

#define TIMEOUT_S 90

typedef void (*CheckFunc) (FlWindow *window);

typedef struct
{
  const char  *name;       /* of the screenshot */
  CheckFunc    check;
  FlWindow    *window;     /* a reference, once the checks ran */
  gboolean     checked;
  gboolean     timed_out;
  gint64       deadline;
  gint64       finished_frame; /* the window's frame counter when the run ended, + 1 */
} Case;

/* The window, rendered as it is on the screen, into the build folder. */
static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autofree char *file = g_strdup_printf ("app-%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), >=, width);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static gboolean
is_done (FlWindow *window)
{
  FlCompareView *compare = fl_window_get_compare_view (window);
  FlRun *run = fl_window_get_run (window);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (window->main_stack), "compare") == 0)
    return !fl_compare_view_get_running (compare) && fl_compare_view_get_run (compare, 0) != NULL;
  return run != NULL && fl_run_is_finished (run) && !fl_window_is_running (window);
}

#define SETTLE_FRAMES 3

static gboolean
views_settled (Case      *c,
               GtkWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gint64 frame;

  if (clock == NULL)
    return FALSE;
  frame = gdk_frame_clock_get_frame_counter (clock);
  if (c->finished_frame == 0)
    {
      c->finished_frame = frame + 1;
      /* Frames are only drawn when something asks for one. */
      gtk_widget_queue_draw (GTK_WIDGET (window));
      return FALSE;
    }
  if (frame < c->finished_frame + SETTLE_FRAMES)
    {
      gtk_widget_queue_draw (GTK_WIDGET (window));
      return FALSE;
    }
  return TRUE;
}

static gboolean
poll_cb (gpointer data)
{
  Case *c = data;
  GApplication *app = g_application_get_default ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (g_get_monotonic_time () > c->deadline)
    {
      c->timed_out = TRUE;
      if (window)
        gtk_window_destroy (window);
      g_application_quit (app);
      return G_SOURCE_REMOVE;
    }
  if (window == NULL || !is_done (FL_WINDOW (window)))
    return G_SOURCE_CONTINUE;

  /* A few frames after the end: the views have caught up and zoomed to fit.
   * Counted in frames the window really drew, not in time, so a busy
   * machine only makes the wait longer. */
  if (!views_settled (c, window))
    return G_SOURCE_CONTINUE;

  c->window = g_object_ref (FL_WINDOW (window));
  c->check (c->window);
  save_screenshot (GTK_WIDGET (window), c->name);
  c->checked = TRUE;
  gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

/* Runs the application with @args as its command line until the case's
 * window was checked and closed. */
static void
run_app (const char *name,
         CheckFunc   check,
         const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  FlApplication *app = fl_application_new ();
  Case c = { name, check };
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (gpointer) "forkline");
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* Not the instance on the session bus (a developer's Forkline may be open). */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  c.deadline = g_get_monotonic_time () + TIMEOUT_S * G_TIME_SPAN_SECOND;
  g_timeout_add (50, poll_cb, &c);
  status = g_application_run (G_APPLICATION (app), (int) argv->len - 1, (char **) argv->pdata);

  g_assert_false (c.timed_out);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (c.checked);

  /* Closing the window lets go of everything it held. */
  g_assert_finalize_object (c.window);
  g_assert_finalize_object (app);
}

/* ---- what the window shows ----------------------------------------------- */

static FlTimelinePainter *
timeline_painter (GtkWidget *timeline)
{
  FlTimelineView view = { 0 };

  fl_timeline_get_visible_range (FL_TIMELINE (timeline), &view.start, &view.end);
  view.width = MAX (gtk_widget_get_width (timeline), 200);
  view.height = MAX (gtk_widget_get_height (timeline), 200);
  view.theme = fl_scene_widget_get_theme (FL_SCENE_WIDGET (timeline));
  return fl_timeline_painter_new (fl_timeline_get_model (FL_TIMELINE (timeline)), &view);
}

static void
check_title (FlWindow *window)
{
  const char *title = gtk_window_get_title (GTK_WINDOW (window));

  g_assert_nonnull (title);
  g_assert_nonnull (strstr (title, "Forkline"));
}

/* A measured verdict: shown as such, and with figures in it. */
static void
check_verdict (FlWindow *window)
{
  const char *verdict = fl_window_get_verdict (window);

  g_test_message ("verdict: %s", verdict);
  g_assert_nonnull (verdict);
  g_assert_cmpuint (strlen (verdict), >, 20);
  g_assert_nonnull (strpbrk (verdict, "0123456789"));
  g_assert_true (gtk_widget_has_css_class (window->verdict_box, "measured"));
  g_assert_cmpstr (gtk_label_get_label (window->verdict_label), ==, verdict);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  GtkWidget *child;

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found)
        return found;
    }
  return NULL;
}

/* The CPU chart draws on the window's time axis, which the timeline lays
 * out: same axis, same left edge (the axis's track is in the coordinates
 * of the column both stand in), and the chart's track is the axis's. */
static void
check_axis (FlWindow *window)
{
  GtkWidget *timeline = fl_window_get_timeline (window);
  GtkWidget *chart = find_widget (GTK_WIDGET (window), FL_TYPE_CPU_CHART);
  FlTimeAxis *axis = fl_scene_widget_get_axis (FL_SCENE_WIDGET (timeline));
  double x, y, x0, x1, ax0, ax1;
  gint64 start, end, astart, aend;

  g_assert_nonnull (chart);
  g_assert_true (fl_scene_widget_get_axis (FL_SCENE_WIDGET (chart)) == axis);
  g_assert_true (fl_time_axis_has_track (axis));
  fl_time_axis_get_range (axis, &astart, &aend);
  fl_timeline_get_visible_range (FL_TIMELINE (timeline), &start, &end);
  g_assert_cmpint (start, ==, astart);
  g_assert_cmpint (end, ==, aend);
  if (!gtk_widget_get_mapped (chart))
    return;
  g_assert_true (gtk_widget_translate_coordinates (timeline, chart, 0, 0, &x, &y));
  g_assert_cmpfloat (x, ==, 0);
  fl_cpu_chart_get_view (FL_CPU_CHART (chart), &start, &end, &x0, &x1);
  fl_time_axis_get_track (axis, &ax0, &ax1);
  if (x1 > 0)
    {
      g_assert_cmpfloat (x0, ==, ax0);
      g_assert_cmpfloat (x1, ==, ax1);
      g_assert_cmpint (start, ==, astart);
    }
}

/* numbers-letters, count=2: main, "numbers 1" and "letters 2"; each
 * worker prints two lines, main one. */
static void
check_lanes_and_markers (FlWindow *window,
                         gboolean  processes)
{
  GtkWidget *timeline = fl_window_get_timeline (window);
  FlRun *run = fl_window_get_run (window);
  FlStore *store = fl_run_get_store (run);
  FlTimelineModel *model;
  g_autoptr(FlTimelinePainter) painter = NULL;
  guint n_lanes, lane, workers = 0, mains = 0, i;
  gsize n_marks = 0;

  g_assert_nonnull (timeline);
  g_assert_true (gtk_widget_get_mapped (timeline));
  g_assert_true (fl_scene_widget_get_store (FL_SCENE_WIDGET (timeline)) == store);
  g_assert_false (fl_scene_widget_get_live (FL_SCENE_WIDGET (timeline)));
  model = fl_timeline_get_model (FL_TIMELINE (timeline));
  g_assert_nonnull (model);
  g_assert_true (fl_timeline_model_is_finished (model));

  /* The lanes: the main process's and one per worker, every one ran. */
  n_lanes = fl_timeline_model_get_n_lanes (model);
  for (lane = 0; lane < n_lanes; lane++)
    {
      const FlLaneInfo *info = fl_timeline_model_get_lane (model, lane);

      g_test_message ("lane %u: %s (%s)", lane, info->name, info->is_process ? "process" : "thread");
      if (info->kind == FL_LANE_SERVER)
        continue;
      g_assert_cmpint (info->start_t, >=, 0);
      g_assert_cmpint (info->exit_t, >, info->start_t);
      if (info->kind == FL_LANE_MAIN)
        {
          mains++;
          g_assert_cmpuint (lane, ==, 0);
          g_assert_true (info->is_process);
          continue;
        }
      workers++;
      g_assert_true (g_str_has_prefix (info->name, workers == 1 ? "numbers" : "letters"));
      g_assert_cmpint (info->is_process, ==, processes);
      g_assert_cmpint (info->join_t, >=, info->exit_t);
      /* Threads share the main process; processes are their own. */
      g_assert_cmpuint (fl_timeline_model_get_process_lane (model, lane), ==, processes ? lane : 0);
    }
  g_assert_cmpuint (mains, ==, 1);
  g_assert_cmpuint (workers, ==, 2);

  /* A marker for every printed line, on its lane at its time. */
  fl_store_lock (store);
  g_assert_cmpuint (fl_store_get_n_output (store), ==, 5);
  for (i = 0; i < fl_store_get_n_output (store); i++)
    {
      const FlOutputLine *line = fl_store_get_output (store, i);

      g_assert_cmpint (fl_timeline_model_get_mark_at (model, line->lane, line->t, 0), ==, (gint64) i);
    }
  fl_store_unlock (store);
  for (lane = 0; lane < n_lanes; lane++)
    {
      gsize n;

      fl_timeline_model_get_marks (model, lane, &n);
      n_marks += n;
    }
  g_assert_cmpuint (n_marks, ==, 5);

  /* One framed box per address space. */
  painter = timeline_painter (timeline);
  g_assert_cmpuint (painter->groups->len, ==, processes ? 3 : 1);
  for (i = 0; i < painter->groups->len; i++)
    {
      const FlPainterGroup *group = &g_array_index (painter->groups, FlPainterGroup, i);
      const FlLaneInfo *info = fl_timeline_model_get_lane (model, group->process_lane);

      g_assert_true (info->is_process);
      g_assert_nonnull (strstr (group->caption, "pid"));
      if (!processes)
        g_assert_cmpuint (group->n_rows, >=, 3);
    }
}

static void
check_threads (FlWindow *window)
{
  check_title (window);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Numbers and letters"));
  check_lanes_and_markers (window, FALSE);
  check_axis (window);
  check_verdict (window);
}

static void
check_fork (FlWindow *window)
{
  check_title (window);
  check_lanes_and_markers (window, TRUE);
  check_verdict (window);
}

/* One legend under the comparison's timelines, listing what any of the
 * runs shows and nothing else, its entries readable as text. */
static void
check_compare_legend (FlCompareView *compare)
{
  GtkWidget *legend = fl_compare_view_get_legend (compare);
  const char * const *entries = fl_compare_view_get_legend_entries (compare);
  FlTheme *theme = fl_theme_new_light ();
  const FlLegendEntry *states;
  guint32 use = 0;
  guint n_states, i;

  for (i = 0; i < fl_compare_view_get_n_runs (compare); i++)
    {
      g_autoptr(FlTimelineModel) model = fl_timeline_model_new (fl_run_get_store (fl_compare_view_get_run (compare, i)));

      fl_timeline_model_sync (model);
      use |= fl_legend_use_of_model (model);
    }
  g_assert_cmphex (fl_compare_view_get_legend_use (compare), ==, use);
  /* CPU-bound workers run, and their lanes end. */
  g_assert_true (use & (1u << FL_STATE_RUNNING));
  g_assert_true (gtk_widget_get_visible (legend));
  g_assert_true (gtk_widget_is_ancestor (legend, GTK_WIDGET (compare)));
  g_assert_cmpint (gtk_widget_get_height (legend), >, 0);

  g_assert_nonnull (entries);
  states = fl_theme_get_legend (theme, &n_states);
  for (i = 0; i < n_states; i++)
    {
      gboolean used = (use & (1u << states[i].state)) != 0;

      g_test_message ("legend: %s %s", states[i].label, used ? "listed" : "not listed");
      g_assert_cmpint (g_strv_contains (entries, states[i].label), ==, used);
    }
  /* Nothing else than the used states and marks. */
  {
    guint n_used = 0;

    for (i = 0; i < 32; i++)
      if (use & (1u << i))
        n_used++;
    g_assert_cmpuint (g_strv_length ((char **) entries), ==, n_used);
    g_assert_cmpuint (n_used, <, n_states);
  }
  fl_theme_unref (theme);
}

static void
check_compare (FlWindow *window)
{
  FlCompareView *compare = fl_window_get_compare_view (window);
  guint n = fl_compare_view_get_n_runs (compare), i;

  check_title (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "compare");
  g_test_message ("compare: %s", fl_compare_view_get_status (compare));
  /* Threads and processes at least, each run to its end. */
  g_assert_cmpuint (n, >=, 2);
  for (i = 0; i < n; i++)
    {
      FlRun *run = fl_compare_view_get_run (compare, i);

      g_assert_nonnull (run);
      g_assert_true (fl_run_is_finished (run));
      g_assert_false (fl_run_was_stopped (run));
      g_assert_cmpint (fl_store_get_end (fl_run_get_store (run)), >, 0);
    }
  check_compare_legend (compare);
}

static void
test_autorun_threads (void)
{
  run_app ("threads", check_threads,
           "--scenario", "numbers-letters", "--mode", "threads", "--param", "count=2", "--autorun", NULL);
}

static void
test_autorun_fork (void)
{
  run_app ("fork", check_fork,
           "--scenario", "numbers-letters", "--mode", "fork", "--param", "count=2", "--autorun", NULL);
}

static void
test_compare (void)
{
  run_app ("compare", check_compare,
           "--compare", "cpu-bound", "--workers", "2", "--param", "work=20", NULL);
}

/* The Compare page for a Python program: as threads and as processes,
 * and on real CPython beside its preset; each figure is the one its run's
 * summary states; a program without --mode is refused.  No window: the
 * page alone (the window's wiring is the editor's). */
static void
test_compare_program (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlProgram) program = NULL;
  g_autoptr(FlProgram) child = NULL;
  g_autoptr(FlCatalog) presets = fl_catalog_new ();
  const char *args[] = { "--limit=20000", "--mode", "threads", NULL };
  GtkWidget *window;
  FlCompareView *view;
  FlRunOptions options;
  guint k, i;

  adw_init ();
  program = fl_program_new ("py-cpu-bound", NULL, NULL, &error);
  if (program == NULL)
    {
      g_test_skip (error->message);
      return;
    }
  fl_catalog_load_presets (presets);
  window = gtk_window_new ();
  view = FL_COMPARE_VIEW (fl_compare_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  fl_run_options_init (&options, NULL);

  for (k = 0; k < 2; k++)
    {
      gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_TIME_SPAN_SECOND;

      if (k == 0)
        g_assert_true (fl_compare_view_start_program (view, program, args, &options, &error));
      else
        g_assert_true (fl_compare_view_start_python_vs_emulation (view, program, args,
                                                                  fl_catalog_lookup (presets, "cpu-bound"),
                                                                  &options, &error));
      g_assert_no_error (error);
      while (fl_compare_view_get_running (view) && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_false (fl_compare_view_get_running (view));
      g_assert_cmpuint (fl_compare_view_get_n_runs (view), ==, 2);
      for (i = 0; i < 2; i++)
        {
          FlRun *run = fl_compare_view_get_run (view, i);
          FlProgram *ran;

          g_assert_nonnull (run);
          g_assert_true (fl_run_is_finished (run));
          ran = fl_run_get_program (run);
          if (k == 0 || i == 0)
            {
              g_assert_nonnull (ran);
              g_assert_cmpstr (fl_program_args_get_mode (fl_program_get_args (ran)), ==,
                               k == 0 && i == 1 ? "processes" : "threads");
            }
          else
            {
              g_assert_null (ran);
              g_assert_true (fl_run_get_gil (run));
              g_assert_cmpint (fl_run_get_mode (run), ==, FL_MODE_THREADS);
              g_assert_cmpuint (fl_run_get_n_workers (run), ==, 2);
            }
        }
    }

  child = fl_program_new ("py-main-and-child", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (fl_compare_view_start_program (view, child, NULL, &options, &error));
  g_assert_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_ARGS);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/app/autorun-threads", test_autorun_threads);
  g_test_add_func ("/ui/app/autorun-fork", test_autorun_fork);
  g_test_add_func ("/ui/app/compare", test_compare);
  g_test_add_func ("/ui/app/compare-program", test_compare_program);

  return g_test_run ();
}
