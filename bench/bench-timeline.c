/* bench-timeline.c — a large trace: ingest, store and timeline frames
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One synthetic run of 64 worker threads and 1,000,000 events, made of
 * the records the runner writes: state changes with spans from 100 ns
 * to 1.2 ms, an output line now and then, messages between neighbours.
 *
 *   ingest   the records go through the trace rings and the drain
 *            thread's own pass (fl_run_drain_trace) into a store
 *   frame    what the window does for one frame of its timeline at
 *            1920×1080: model sync, painter layout and paint into a
 *            scene, the scene into GSK render nodes.  Render nodes are
 *            plain objects and text is set with pangocairo's font map,
 *            so no display is needed; drawing the nodes on the screen is
 *            the renderer's work, not the frame's, and is not counted.
 */

#include "config.h"

#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fl-run-private.h"
#include "fl-scene-gtk.h"
#include "fl-store.h"
#include "fl-timeline-model.h"
#include "fl-timeline-painter.h"
#include "fl-trace.h"
#include "forkline-bench.h"

#define N_WORKERS     64
#define N_EVENTS      1000000
#define T0            G_GINT64_CONSTANT (1000000000000)
#define US            G_GINT64_CONSTANT (1000)
#define RING_CAPACITY 16384   /* the runner's default */
#define DRAIN_BATCH   65536   /* the drain thread's */
#define FRAMES        15
#define WIDTH         1920
#define HEIGHT        1080

static guint64
cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (guint64) ts.tv_sec * G_GUINT64_CONSTANT (1000000000) + (guint64) ts.tv_nsec;
}

/* ---- the synthetic run --------------------------------------------------- */

/* A record, or an output line's records, at one time on one lane. */
typedef struct
{
  gint64  t;
  guint32 seq;
  guint32 n;        /* records */
  gsize   first;    /* in the lane's pool */
} Item;

typedef struct
{
  GArray *items[N_WORKERS + 1];    /* of Item */
  GArray *pool[N_WORKERS + 1];     /* of FlRecord */
  GArray *records[N_WORKERS + 1];  /* of FlRecord, in time order: what the ring gets */
  guint   seq;
  gsize   n_events;                /* events the store will hold */
} Run;

static FlRecord *
add_item (Run    *run,
          guint   lane,
          gint64  t,
          guint   n)
{
  Item item = { t, run->seq++, n, run->pool[lane]->len };

  g_array_set_size (run->pool[lane], run->pool[lane]->len + n);
  g_array_append_val (run->items[lane], item);
  return &g_array_index (run->pool[lane], FlRecord, item.first);
}

static void
emit (Run         *run,
      guint        lane,
      gint64       t,
      FlEventKind  kind,
      guint8       arg8,
      guint16      arg16,
      guint64      a,
      guint64      b)
{
  FlRecord *r = add_item (run, lane, t, 1);

  r->ts = (guint64) (T0 + t);
  r->lane = (guint16) lane;
  r->cpu = (guint16) (lane % 8);
  r->kind = kind;
  r->arg8 = arg8;
  r->arg16 = arg16;
  r->a = a;
  r->b = b;
  run->n_events++;
}

static void
emit_output (Run        *run,
             guint       lane,
             gint64      t,
             const char *text)
{
  gsize len = strlen (text);
  guint n = fl_trace_text_records (len);
  FlRecord *r = add_item (run, lane, t, n);

  r->ts = (guint64) (T0 + t);
  r->lane = (guint16) lane;
  r->kind = FL_EV_OUTPUT;
  r->arg16 = (guint16) len;
  memcpy (r + 1, text, len);
  run->n_events++;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *x = a, *y = b;

  if (x->t != y->t)
    return (x->t > y->t) - (x->t < y->t);
  return (x->seq > y->seq) - (x->seq < y->seq);
}

static void
run_clear (Run *run)
{
  guint k;

  for (k = 0; k <= N_WORKERS; k++)
    g_clear_pointer (&run->records[k], g_array_unref);
}

/* Records of a run with N_EVENTS events in its store. */
static void
run_build (Run *run)
{
  static const FlState states[] = {
    FL_STATE_RUNNING, FL_STATE_RUNNING, FL_STATE_RUNNABLE, FL_STATE_SLEEPING,
    FL_STATE_IO, FL_STATE_LOCK, FL_STATE_GIL,
  };
  /* main: start, a create, a join and a state change per worker, a state, the exit */
  const gsize main_events = 1 + 3 * N_WORKERS + 1 + 1;
  const gsize per_worker = (N_EVENTS - main_events + N_WORKERS - 1) / N_WORKERS;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  gint64 join_t = 0;
  guint k, i, msg = 1;

  memset (run, 0, sizeof *run);
  for (k = 0; k <= N_WORKERS; k++)
    {
      run->items[k] = g_array_new (FALSE, FALSE, sizeof (Item));
      run->pool[k] = g_array_new (FALSE, TRUE, sizeof (FlRecord));
    }

  emit (run, 0, 0, FL_EV_RUN_START, 0, 0, 1000, 1000);
  for (k = 1; k <= N_WORKERS; k++)
    {
      gint64 t = 100 * US * k;
      gsize events = 2;  /* its start and its exit */

      emit (run, 0, t - 20 * US, FL_EV_CREATE, 0, (guint16) k, 0, 0);
      emit (run, k, t, FL_EV_WORKER_START, 0, 0, 1000, 1000 + k);
      for (i = 0; events < per_worker; i++)
        {
          FlState s = states[g_rand_int_range (rand, 0, G_N_ELEMENTS (states))];

          /* Half of the spans fold at any zoom short of the deepest. */
          t += g_rand_boolean (rand) ? g_rand_int_range (rand, 100, 20000)
                                     : g_rand_int_range (rand, 20000, 1200000);
          emit (run, k, t, FL_EV_STATE, s, FL_REASON_COMPUTE, i, 0);
          events++;
          if (i % 151 == 0 && events < per_worker)
            {
              g_autofree char *text = g_strdup_printf ("worker %u: item %u done", k, i);

              emit_output (run, k, t + 10, text);
              events++;
            }
          if (i % 499 == 0 && events + 2 <= per_worker)
            {
              guint to = k % N_WORKERS + 1;

              /* Both ends count here, though the receive is on the next lane. */
              emit (run, k, t + 20, FL_EV_SEND, 0, 0, msg, 64);
              emit (run, to, t + 5000, FL_EV_RECEIVE, 0, 0, msg, 64);
              msg++;
              events += 2;
            }
        }
      emit (run, k, t + 5 * US, FL_EV_EXIT, 0, 0, 0, 1000);
      join_t = MAX (join_t, t + 5 * US);
    }
  emit (run, 0, 100 * US * (N_WORKERS + 1), FL_EV_STATE, FL_STATE_JOIN, FL_REASON_JOIN, 1, 0);
  for (k = 1; k <= N_WORKERS; k++)
    {
      emit (run, 0, join_t + k * US, FL_EV_JOIN, 0, (guint16) k, 0, 0);
      emit (run, 0, join_t + k * US + 1, FL_EV_STATE, k == N_WORKERS ? FL_STATE_RUNNING : FL_STATE_JOIN,
            FL_REASON_JOIN, k + 1, 0);
    }
  emit (run, 0, join_t + (N_WORKERS + 10) * US, FL_EV_EXIT, 0, 0, 0, 1000);

  /* Each ring holds its lane's records in time order. */
  for (k = 0; k <= N_WORKERS; k++)
    {
      GArray *items = run->items[k];

      g_array_sort (items, compare_items);
      run->records[k] = g_array_sized_new (FALSE, FALSE, sizeof (FlRecord), run->pool[k]->len);
      for (i = 0; i < items->len; i++)
        {
          const Item *item = &g_array_index (items, Item, i);

          g_array_append_vals (run->records[k], &g_array_index (run->pool[k], FlRecord, item->first), item->n);
        }
      g_array_unref (items);
      g_array_unref (run->pool[k]);
    }
}

static FlStore *
new_store (void)
{
  FlStore *store = fl_store_new (T0);
  guint k;

  for (k = 0; k <= N_WORKERS; k++)
    {
      g_autofree char *name = k ? g_strdup_printf ("worker %u", k) : g_strdup ("main");

      fl_store_add_lane (store, k ? FL_LANE_WORKER : FL_LANE_MAIN, k == 0, name, k ? "worker" : NULL);
    }
  return store;
}

/* Fills every ring as far as it goes, whole output lines only; FALSE
 * when every record was written. */
static gboolean
fill_rings (Run     *run,
            FlTrace *trace,
            gsize   *written)
{
  guint capacity = fl_trace_get_capacity (trace);
  gboolean more = FALSE;
  guint k;

  for (k = 0; k <= N_WORKERS; k++)
    {
      FlRing *ring = fl_trace_get_ring (trace, k);
      const FlRecord *records = (const FlRecord *) (gpointer) run->records[k]->data;
      gsize n = run->records[k]->len, from = written[k], to = from;
      guint64 head;
      FlRecord *slot;
      gsize i;

      /* As the producer does it: reserve whole groups, then publish. */
      while (to < n)
        {
          guint group = records[to].kind == FL_EV_OUTPUT ? fl_trace_text_records (records[to].arg16) : 1;

          if (to + group - from > capacity)
            break;
          to += group;
        }
      if (to > from)
        {
          slot = fl_trace_reserve (ring, capacity - 1, (guint) (to - from), &head);
          g_assert (slot != NULL);
          for (i = from; i < to; i++)
            ring->records[(head + i - from) & (capacity - 1)] = records[i];
          fl_trace_publish (ring, head + (to - from));
        }
      written[k] = to;
      more |= to < n;
    }
  return more;
}

static FlStore *
store_from_rings (Run    *run,
                  double *drain_s)
{
  g_autoptr(GError) error = NULL;
  FlTrace *trace = fl_trace_new (N_WORKERS + 2, RING_CAPACITY, NULL, &error);
  g_autofree FlRecord *buffer = g_new (FlRecord, DRAIN_BATCH);
  gsize written[N_WORKERS + 1] = { 0 };
  FlStore *store = new_store ();
  guint64 spent = 0;
  gboolean more;

  g_assert_no_error (error);
  do
    {
      guint64 t0;

      more = fill_rings (run, trace, written);
      t0 = cpu_ns ();
      fl_run_drain_trace (trace, store, buffer, DRAIN_BATCH);
      spent += cpu_ns () - t0;
    }
  while (more);
  fl_trace_free (trace);

  fl_store_set_end (store, fl_store_get_last_t (store) + 100 * US);
  g_assert_cmpuint (fl_store_get_dropped (store), ==, 0);
  g_assert_cmpuint (fl_store_get_n_events (store), ==, run->n_events);
  if (drain_s)
    *drain_s = spent / 1e9;
  return store;
}

/* ---- ingest and store ---------------------------------------------------- */

void
fl_bench_ingest (void)
{
  double seconds[5];
  gsize n_events = 0, n_records = 0, bytes = 0;
  Run run;
  guint i, k;

  run_build (&run);
  for (k = 0; k <= N_WORKERS; k++)
    n_records += run.records[k]->len;
  for (i = 0; i < G_N_ELEMENTS (seconds); i++)
    {
      g_autoptr(FlStore) store = store_from_rings (&run, &seconds[i]);

      n_events = fl_store_get_n_events (store);
      bytes = fl_store_get_event_bytes (store);
    }
  run_clear (&run);

  printf ("store.events: %" G_GSIZE_FORMAT "\n", n_events);
  printf ("store.bytes_per_event: %.1f\n", (double) bytes / n_events);
  printf ("ingest.events_per_s: %.0f\n", n_events / fl_bench_median (seconds, G_N_ELEMENTS (seconds)));
  printf ("ingest.records_per_s: %.0f\n", n_records / fl_bench_median (seconds, G_N_ELEMENTS (seconds)));
}

/* ---- frames -------------------------------------------------------------- */

typedef struct
{
  FlTimelineModel *model;
  FlSceneRenderer *renderer;
  FlTheme         *theme;
  GskRenderNode   *node;       /* the previous frame's, as the widget keeps it */
  guint            nodes;
  guint            items;
  gsize            boxes;
  double           paint_ms;   /* of the last frame: the painter (the model's query included) */
  double           nodes_ms;   /* and the scene into render nodes */
} Frames;

/* One frame as fl_timeline_snapshot() builds it when the picture changed
 * (a pan, a zoom, new events); its CPU time in ms. */
static double
frame (Frames *f,
       gint64  start,
       gint64  end)
{
  FlTimelineView view = { 0 };
  g_autoptr(FlScene) scene = NULL;
  FlTimelinePainter *painter;
  guint64 t0 = cpu_ns (), t1, t2;
  double ms;

  fl_timeline_model_sync (f->model);
  view.width = WIDTH;
  view.height = HEIGHT;
  view.start = start;
  view.end = end;
  view.scale = 1;
  view.theme = f->theme;
  view.background = TRUE;
  painter = fl_timeline_painter_new (f->model, &view);
  scene = fl_scene_new (WIDTH, HEIGHT);
  t1 = cpu_ns ();
  fl_timeline_painter_paint (painter, scene);
  t2 = cpu_ns ();
  g_clear_pointer (&f->node, gsk_render_node_unref);
  f->node = fl_scene_renderer_to_node (f->renderer, scene);
  ms = (cpu_ns () - t0) / 1e6;
  f->paint_ms = (t2 - t1) / 1e6;
  f->nodes_ms = ms - (t2 - t0) / 1e6;

  f->nodes = fl_render_node_count (f->node);
  f->items = fl_scene_get_n_items (scene);
  f->boxes = fl_timeline_painter_get_n_boxes (painter);
  fl_timeline_painter_free (painter);
  return ms;
}

void
fl_bench_frame (void)
{
  static const struct {
    const char *key;
    double      fraction;   /* of the run shown */
  } zooms[] = {
    { "fit", 1.0 },          /* everything: 15,000 events a lane in 1,600 px */
    { "mid", 1.0 / 64 },     /* about 250 events a lane */
    { "deep", 1.0 / 4096 },  /* a handful: spans drawn one by one */
  };
  PangoContext *context;
  g_autoptr(FlStore) store = NULL;
  guint nodes_max = 0, items_max = 0;
  gsize boxes_max = 0;
  Frames f = { 0 };
  gint64 until;
  guint64 t0;
  Run run;
  guint z, i;

  run_build (&run);
  store = store_from_rings (&run, NULL);
  run_clear (&run);

  t0 = cpu_ns ();
  f.model = fl_timeline_model_new (store);
  printf ("model.sync_ms: %.1f\n", (cpu_ns () - t0) / 1e6);
  until = fl_timeline_model_get_until (f.model);

  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  f.renderer = fl_scene_renderer_new_for_context (context, 1);
  g_object_unref (context);
  f.theme = fl_theme_new_light ();

  for (z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      gint64 span = (gint64) (until * zooms[z].fraction);
      double ms[FRAMES], paint_ms[FRAMES], nodes_ms[FRAMES];

      /* Panning across the run: each frame a new range, as when dragging. */
      frame (&f, 0, span);   /* warm: text layouts and hatch tiles cached, as in a window */
      for (i = 0; i < FRAMES; i++)
        {
          gint64 start = z == 0 ? (gint64) i : (until - span) / FRAMES * i;

          ms[i] = frame (&f, start, start + span);
          paint_ms[i] = f.paint_ms;
          nodes_ms[i] = f.nodes_ms;
          nodes_max = MAX (nodes_max, f.nodes);
          items_max = MAX (items_max, f.items);
          boxes_max = MAX (boxes_max, f.boxes);
        }
      printf ("frame.ms_%s: %.2f\n", zooms[z].key, fl_bench_median (ms, FRAMES));
      printf ("frame.ms_%s_paint: %.2f\n", zooms[z].key, fl_bench_median (paint_ms, FRAMES));
      printf ("frame.ms_%s_nodes: %.2f\n", zooms[z].key, fl_bench_median (nodes_ms, FRAMES));
    }
  printf ("frame.nodes_max: %u\n", nodes_max);
  printf ("frame.scene_items_max: %u\n", items_max);
  printf ("frame.boxes_max: %" G_GSIZE_FORMAT "\n", boxes_max);

  g_clear_pointer (&f.node, gsk_render_node_unref);
  fl_scene_renderer_free (f.renderer);
  fl_theme_unref (f.theme);
  g_object_unref (f.model);
}
