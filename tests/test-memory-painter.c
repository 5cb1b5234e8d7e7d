/* test-memory-painter.c — the memory painter shows what real runs measured
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Short real runs of the presets (memory-cost, fork-vs-spawn,
 * shared-globals) in each mode, then the painter's boxes are checked
 * against the store: threads share one box with one stack per thread,
 * processes get one box each, a forked child's copied share grows once it
 * writes, a spawned child maps none of its parent's memory, and the bars
 * follow the measured sizes.  The pictures are written to the build
 * folder (memory-*.png) to be looked at.
 */

#include "config.h"

#include <string.h>

#include "fl-memory-painter.h"
#include "fl-run.h"
#include "fl-scene-cairo.h"
#include "fl-test-util.h"


/* AddressSanitizer and ThreadSanitizer builds map huge shadow regions in
 * every process of the run, the runner included. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
# define RUNNER_HAS_SHADOW 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#  define RUNNER_HAS_SHADOW 1
# endif
#endif
#ifndef RUNNER_HAS_SHADOW
# define RUNNER_HAS_SHADOW 0
#endif

#define MB 1024  /* in kB */


static FlRun *
run_preset (const char         *id,
            FlMode              mode,
            guint               workers,
            const char * const *params)
{
  FlRun *run = fl_test_run_preset (id, mode, workers, params);

  g_assert_cmpint (fl_run_get_main_status (run), ==, 0);
  return run;
}

static void
init_view (FlMemoryView *view,
           FlTheme      *theme,
           gint64        at)
{
  memset (view, 0, sizeof *view);
  view->width = 420;
  view->height = 2000;
  view->at = at;
  view->theme = theme;
  view->background = TRUE;
}

/* A time when every worker lane of the store was alive and the main
 * process had just been sampled: the last main sample in that window. */
static gint64
time_all_alive (FlStore *store)
{
  guint n_lanes = fl_store_get_n_lanes (store), i, k;
  gint64 best = -1;

  for (i = 0; i < fl_store_get_n_memory_samples (store); i++)
    {
      const FlMemorySample *s = fl_store_get_memory_sample (store, i);
      gboolean all = TRUE;

      if (s->lane != 0)
        continue;
      for (k = 1; k < n_lanes && all; k++)
        {
          const FlLaneInfo *info = fl_store_get_lane_info (store, k);

          if (info->kind != FL_LANE_WORKER)
            continue;
          all = info->start_t >= 0 && info->start_t < s->t &&
                (info->exit_t < 0 || info->exit_t > s->t) && (info->end_t < 0 || info->end_t > s->t);
        }
      if (all)
        best = s->t;
    }
  return best;
}

static void
save_picture (FlStore            *store,
              const FlMemoryView *view,
              const char         *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  FlMemoryView sized = *view;
  g_autoptr(FlMemoryPainter) painter = NULL;
  g_autoptr(FlScene) scene = NULL;

  sized.height = fl_memory_painter_measure_height (store, view);
  g_assert_cmpfloat (sized.height, >, 100);
  scene = fl_scene_new (sized.width, sized.height);
  painter = fl_memory_painter_new (store, &sized);
  fl_memory_painter_paint (painter, scene);
  g_assert_cmpuint (fl_scene_get_n_items (scene), >, 20);
  g_assert_true (fl_scene_write_file (scene, path, FL_SCENE_FORMAT_PNG, 2, &error));
  g_assert_no_error (error);
  g_test_message ("picture: %s", path);
}

/* Resident bars are drawn to one scale: width / RSS is the same for all. */
static void
assert_bars_follow_rss (GArray *spaces)
{
  const FlMemorySpace *largest = NULL;
  guint i;

  for (i = 0; i < spaces->len; i++)
    {
      const FlMemorySpace *s = &g_array_index (spaces, FlMemorySpace, i);

      if (largest == NULL || s->rss_kb > largest->rss_kb)
        largest = s;
    }
  for (i = 0; i < spaces->len; i++)
    {
      const FlMemorySpace *s = &g_array_index (spaces, FlMemorySpace, i);
      double expected = largest->resident_width * (double) s->rss_kb / (double) largest->rss_kb;

      g_assert_cmpuint (s->rss_kb, >, 0);
      g_assert_cmpfloat_with_epsilon (s->resident_width, expected, 0.5);
      g_assert_cmpfloat (s->resident_width, <=, s->width);
    }
}

static void
test_threads_one_space (void)
{
  const char *params[] = { "mb=8", "parent_mb=8", "write=0.5", NULL };
  g_autoptr(FlRun) run = run_preset ("memory-cost", FL_MODE_THREADS, 3, params);
  FlStore *store = fl_run_get_store (run);
  g_autoptr(FlTheme) theme = fl_theme_new_light ();
  g_autoptr(GArray) spaces = NULL;
  g_autoptr(GArray) early = NULL;
  const FlMemorySpace *s;
  FlMemoryView view;
  gint64 at = time_all_alive (store);
  guint lane;

  g_assert_cmpint (at, >=, 0);
  init_view (&view, theme, at);
  spaces = fl_memory_painter_get_spaces (store, &view);

  /* Threads: one address space, holding one stack per worker thread. */
  g_assert_cmpuint (spaces->len, ==, 1);
  s = &g_array_index (spaces, FlMemorySpace, 0);
  g_assert_cmpint (s->role, ==, FL_MEMORY_ROLE_MAIN);
  g_assert_cmpint (s->pid, ==, fl_run_get_main_pid (run));
  g_assert_cmpuint (s->n_threads, >=, 4);
  for (lane = 0; lane < fl_store_get_n_lanes (store); lane++)
    {
      const FlLaneInfo *info = fl_store_get_lane_info (store, lane);

      if (info->kind == FL_LANE_WORKER)
        g_assert_true (s->stack_lanes & (G_GUINT64_CONSTANT (1) << lane));
    }
  g_assert_cmpuint (s->n_stacks, >=, 4);   /* the main thread's and three workers' */
  g_assert_cmpuint (s->region_bytes[FL_REGION_CODE], >, 0);
  g_assert_cmpuint (s->region_bytes[FL_REGION_GLOBALS], >, 0);

  /* The one box grows with the blocks the threads fill: the latest
   * picture's box is bigger than the first one's, to the same scale. */
  init_view (&view, theme, fl_store_get_memory_sample (store, 0)->t);
  early = fl_memory_painter_get_spaces (store, &view);
  g_assert_cmpuint (early->len, ==, 1);
  g_assert_cmpuint (g_array_index (early, FlMemorySpace, 0).rss_kb + 3 * 8 * MB / 2, <, s->rss_kb);
  assert_bars_follow_rss (spaces);

  init_view (&view, theme, at);
  save_picture (store, &view, "memory-threads.png");
}

/* The end of the first sleep of @lane: when it starts to write. */
static gint64
first_sleep_end (FlStore *store,
                 guint    lane)
{
  gsize n, i;
  const FlEvent *ev = fl_store_get_events (store, lane, &n);
  gboolean sleeping = FALSE;

  for (i = 0; i < n; i++)
    {
      if (ev[i].kind != FL_EV_STATE)
        continue;
      if (ev[i].arg8 == FL_STATE_SLEEPING)
        sleeping = TRUE;
      else if (sleeping)
        return ev[i].t;
    }
  return -1;
}

static void
test_fork_spaces (void)
{
  const char *params[] = { "mb=4", "parent_mb=32", "write=0.5", NULL };
  g_autoptr(FlRun) run = run_preset ("memory-cost", FL_MODE_FORK, 2, params);
  FlStore *store = fl_run_get_store (run);
  g_autoptr(FlTheme) theme = fl_theme_new_light ();
  g_autoptr(GArray) spaces = NULL;
  g_autoptr(GHashTable) pids = g_hash_table_new (NULL, NULL);
  FlMemoryView view;
  gint64 at = time_all_alive (store);
  guint i, tested = 0;
  g_autofree char *tip = NULL;

  g_assert_cmpint (at, >=, 0);
  init_view (&view, theme, at);
  spaces = fl_memory_painter_get_spaces (store, &view);

  /* One box per process, each its own pid; the children told apart as
   * forks by their layout alone (the view does not say the mode). */
  g_assert_cmpuint (spaces->len, ==, 3);
  for (i = 0; i < spaces->len; i++)
    {
      const FlMemorySpace *s = &g_array_index (spaces, FlMemorySpace, i);

      g_assert_cmpint (s->role, ==, i == 0 ? FL_MEMORY_ROLE_MAIN : FL_MEMORY_ROLE_FORKED);
      g_assert_false (g_hash_table_contains (pids, GINT_TO_POINTER (s->pid)));
      g_hash_table_add (pids, GINT_TO_POINTER (s->pid));
      g_assert_cmpuint (s->n_stacks, >=, 1);
      /* every child maps its parent's block */
      g_assert_cmpuint (s->region_bytes[FL_REGION_ANON], >=, (guint64) 32 * MB * 1024);
    }
  assert_bars_follow_rss (spaces);

  /* A child's copied share grows once it writes half of the block it
   * shares with its parent, and what it still shares shrinks. */
  for (i = 1; i < fl_store_get_n_lanes (store); i++)
    {
      gint64 touch = first_sleep_end (store, i);
      const FlMemorySample *before = NULL, *last = NULL;
      g_autoptr(GArray) a = NULL;
      g_autoptr(GArray) b = NULL;
      const FlMemorySpace *sa = NULL, *sb = NULL;
      guint k;

      if (fl_store_get_lane_info (store, i)->kind != FL_LANE_WORKER || touch < 0)
        continue;
      for (k = 0; k < fl_store_get_n_memory_samples (store); k++)
        {
          const FlMemorySample *s = fl_store_get_memory_sample (store, k);

          if (s->lane != i)
            continue;
          if (s->t < touch)
            before = s;
          last = s;
        }
      if (before == NULL || last == NULL || last == before)
        continue;

      init_view (&view, theme, before->t);
      a = fl_memory_painter_get_spaces (store, &view);
      init_view (&view, theme, last->t);
      b = fl_memory_painter_get_spaces (store, &view);
      for (k = 0; k < a->len; k++)
        if (g_array_index (a, FlMemorySpace, k).lane == i)
          sa = &g_array_index (a, FlMemorySpace, k);
      for (k = 0; k < b->len; k++)
        if (g_array_index (b, FlMemorySpace, k).lane == i)
          sb = &g_array_index (b, FlMemorySpace, k);
      g_assert_nonnull (sa);
      g_assert_nonnull (sb);
      /* before: the block is still the parent's, shared */
      g_assert_cmpuint (sa->shared_kb, >=, 24 * MB);
      /* after: half of it copied (16 MB), and its own 4 MB block */
      g_assert_cmpuint (sb->private_kb, >=, sa->private_kb + 16 * MB);
      g_assert_cmpuint (sb->shared_kb + 12 * MB, <=, sa->shared_kb);
      tested++;
    }
  if (tested == 0)
    {
      g_test_skip ("no memory sample of a child fell before its write");
      return;
    }

  /* The tooltip has the exact figures. */
  init_view (&view, theme, at);
  {
    const FlMemorySpace *child = &g_array_index (spaces, FlMemorySpace, 1);
    g_autofree char *rss = g_strdup_printf ("%" G_GUINT64_FORMAT " kB", child->rss_kb);

    g_autoptr(FlMemoryPainter) painter = fl_memory_painter_new (store, &view);

    tip = fl_memory_painter_describe_at (painter, child->x + child->width - 3, child->y + 3);
    g_assert_nonnull (tip);
    g_assert_nonnull (strstr (tip, rss));
    g_assert_nonnull (strstr (tip, "fork"));
  }
  save_picture (store, &view, "memory-fork.png");
}

static void
test_spawn_fresh (void)
{
  const char *params[] = { "mb=32", NULL };
  g_autoptr(FlRun) run = run_preset ("fork-vs-spawn", FL_MODE_SPAWN, 2, params);
  FlStore *store = fl_run_get_store (run);
  g_autoptr(FlTheme) theme = fl_theme_new_dark ();
  g_autoptr(GArray) spaces = NULL;
  FlMemoryView view;
  gint64 at = time_all_alive (store);
  guint i;

  g_assert_cmpint (at, >=, 0);
  init_view (&view, theme, at);
  spaces = fl_memory_painter_get_spaces (store, &view);

  g_assert_cmpuint (spaces->len, ==, 3);
  g_assert_cmpint (g_array_index (spaces, FlMemorySpace, 0).role, ==, FL_MEMORY_ROLE_MAIN);
  g_assert_cmpuint (g_array_index (spaces, FlMemorySpace, 0).rss_kb, >=, 32 * MB);
  for (i = 1; i < spaces->len; i++)
    {
      const FlMemorySpace *s = &g_array_index (spaces, FlMemorySpace, i);

      /* a fresh program: none of the parent's 32 MB, mapped or resident */
      g_assert_cmpint (s->role, ==, FL_MEMORY_ROLE_SPAWNED);
      /* Under a sanitizer the runner maps terabytes of shadow memory. */
      if (!RUNNER_HAS_SHADOW)
        g_assert_cmpuint (s->region_bytes[FL_REGION_ANON], <, (guint64) 32 * MB * 1024);
      g_assert_cmpuint (s->rss_kb, <, 32 * MB);
      g_assert_cmpint (s->pid, !=, g_array_index (spaces, FlMemorySpace, 0).pid);
    }
  /* the global each process read: the parent's value, the children 0 */
  g_assert_true (g_array_index (spaces, FlMemorySpace, 0).has_global);
  g_assert_cmpint (g_array_index (spaces, FlMemorySpace, 0).global, ==, 42);
  assert_bars_follow_rss (spaces);
  save_picture (store, &view, "memory-spawn.png");
}

static void
test_globals (gconstpointer data)
{
  FlMode mode = GPOINTER_TO_INT (data);
  g_autoptr(FlRun) run = run_preset ("shared-globals", mode, 2, NULL);
  FlStore *store = fl_run_get_store (run);
  g_autoptr(FlTheme) theme = fl_theme_new_light ();
  g_autoptr(GArray) spaces = NULL;
  FlMemoryView view;
  guint i;

  init_view (&view, theme, -1);
  spaces = fl_memory_painter_get_spaces (store, &view);
  if (mode == FL_MODE_THREADS)
    {
      /* one variable: the main process read back the last worker's write */
      g_assert_cmpuint (spaces->len, ==, 1);
      g_assert_true (g_array_index (spaces, FlMemorySpace, 0).has_global);
      g_assert_cmpint (g_array_index (spaces, FlMemorySpace, 0).global, ==, 102);
      save_picture (store, &view, "memory-globals-threads.png");
      return;
    }
  /* a copy each: the main process kept 100, worker K holds 100 + K */
  g_assert_cmpuint (spaces->len, ==, 3);
  for (i = 0; i < spaces->len; i++)
    {
      const FlMemorySpace *s = &g_array_index (spaces, FlMemorySpace, i);

      g_assert_true (s->has_global);
      g_assert_cmpint (s->global, ==, 100 + (gint64) s->lane);
      g_assert_true (s->exited);   /* the latest picture of a finished run */
    }
  save_picture (store, &view, "memory-globals-fork.png");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);


  g_test_add_func ("/draw/memory/threads-share-one-space", test_threads_one_space);
  g_test_add_func ("/draw/memory/fork-one-space-each", test_fork_spaces);
  g_test_add_func ("/draw/memory/spawn-fresh-spaces", test_spawn_fresh);
  g_test_add_data_func ("/draw/memory/globals/threads", GINT_TO_POINTER (FL_MODE_THREADS), test_globals);
  g_test_add_data_func ("/draw/memory/globals/fork", GINT_TO_POINTER (FL_MODE_FORK), test_globals);

  ret = g_test_run ();
  fl_test_util_cleanup ();
  return ret;
}
