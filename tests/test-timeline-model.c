/* test-timeline-model.c — the timeline's level of detail loses nothing
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stores are built from records, as the observer builds them from the
 * rings, with thousands of state changes per lane; the reference for
 * every duration is the store's own fl_store_get_state_durations().
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fl-scene-cairo.h"
#include "fl-timeline-model.h"
#include "fl-timeline-painter.h"

#define T0  G_GINT64_CONSTANT (1000000000000)
#define US  G_GINT64_CONSTANT (1000)
#define MS  G_GINT64_CONSTANT (1000000)

typedef struct
{
  gint64  t;
  guint   seq;
  GArray *records;      /* one record, or an output line and its text */
} Group;

typedef struct
{
  FlStore *store;
  GArray  *groups[16];  /* of Group, per lane, as emitted */
  GArray  *records[16]; /* per lane, in time order: what the ring would hold */
  guint    n_lanes;
  guint    seq;
} Builder;

static GArray *
new_group (Builder *b,
           guint    lane,
           gint64   t)
{
  Group g = { t, b->seq++, g_array_new (FALSE, TRUE, sizeof (FlRecord)) };

  g_array_append_val (b->groups[lane], g);
  return g.records;
}

static void
emit (Builder     *b,
      guint        lane,
      gint64       t,
      FlEventKind  kind,
      guint8       arg8,
      guint16      arg16,
      guint64      a,
      guint64      c)
{
  FlRecord r = { 0 };

  r.ts = (guint64) (T0 + t);
  r.lane = (guint16) lane;
  r.cpu = (guint16) (lane % 4);
  r.kind = kind;
  r.arg8 = arg8;
  r.arg16 = arg16;
  r.a = a;
  r.b = c;
  g_array_append_val (new_group (b, lane, t), r);
}

static void
emit_output (Builder    *b,
             guint       lane,
             gint64      t,
             const char *text)
{
  gsize len = strlen (text), i;
  guint n = fl_trace_text_records (len);
  GArray *g = new_group (b, lane, t);
  FlRecord r = { 0 };

  r.ts = (guint64) (T0 + t);
  r.lane = (guint16) lane;
  r.kind = FL_EV_OUTPUT;
  r.arg16 = (guint16) len;
  g_array_append_val (g, r);
  for (i = 1; i < n; i++)
    {
      gsize off = (i - 1) * sizeof r;

      memset (&r, 0, sizeof r);
      memcpy (&r, text + off, MIN (sizeof r, len - off));
      g_array_append_val (g, r);
    }
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *x = a, *y = b;

  if (x->t != y->t)
    return (x->t > y->t) - (x->t < y->t);
  return (x->seq > y->seq) - (x->seq < y->seq);
}

/* What each lane's ring would hold: its records in time order. */
static void
flatten (Builder *b)
{
  guint k, i;

  for (k = 0; k < b->n_lanes; k++)
    {
      GArray *groups = b->groups[k];

      g_array_sort (groups, compare_groups);
      b->records[k] = g_array_new (FALSE, TRUE, sizeof (FlRecord));
      for (i = 0; i < groups->len; i++)
        {
          GArray *g = g_array_index (groups, Group, i).records;

          g_array_append_vals (b->records[k], g->data, g->len);
          g_array_unref (g);
        }
      g_array_unref (groups);
      b->groups[k] = NULL;
    }
}

/* A run: main creates @n_workers workers that change state @changes times
 * each, print now and then, send each other messages, and end (one of
 * them crashes); main joins them. */
static void
build (Builder  *b,
       guint     n_workers,
       guint     changes,
       gboolean  processes,
       guint32   seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  static const FlState states[] = {
    FL_STATE_RUNNING, FL_STATE_RUNNABLE, FL_STATE_SLEEPING, FL_STATE_IO, FL_STATE_LOCK, FL_STATE_GIL,
  };
  gint64 join_t = 0;
  guint k, i, msg = 1;

  memset (b, 0, sizeof *b);
  g_assert_cmpuint (n_workers + 1, <=, G_N_ELEMENTS (b->records));
  b->store = fl_store_new (T0);
  b->n_lanes = n_workers + 1;
  for (k = 0; k < b->n_lanes; k++)
    {
      b->groups[k] = g_array_new (FALSE, FALSE, sizeof (Group));
      fl_store_add_lane (b->store, k ? FL_LANE_WORKER : FL_LANE_MAIN, k == 0 || processes,
                         k ? "worker" : "main", NULL);
    }

  emit (b, 0, 0, FL_EV_RUN_START, 0, 0, 1000, 1000);
  for (k = 1; k <= n_workers; k++)
    {
      gint64 t = 100 * US * k, end;

      emit (b, 0, t - 20 * US, FL_EV_CREATE, 0, (guint16) k, 0, 0);
      emit (b, k, t, FL_EV_WORKER_START, processes, 0, processes ? 1000 + k : 1000, 1000 + k);
      for (i = 0; i < changes; i++)
        {
          FlState s = states[g_rand_int_range (rand, 0, G_N_ELEMENTS (states))];

          /* Spans from 100 ns to 3 ms: many fold, some do not. */
          t += g_rand_boolean (rand) ? g_rand_int_range (rand, 100, 20000) : g_rand_int_range (rand, 20000, 3000000);
          emit (b, k, t, FL_EV_STATE, s, FL_REASON_COMPUTE, i, 0);
          if (i % 97 == 0)
            {
              g_autofree char *text = g_strdup_printf ("worker %u says %u, which is a longish line of text", k, i);
              emit_output (b, k, t + 10, text);
            }
          if (i % 211 == 0 && n_workers > 1)
            {
              guint to = k % n_workers + 1;

              emit (b, k, t + 20, FL_EV_SEND, 0, 0, msg, 64);
              emit (b, to, t + 5000, FL_EV_RECEIVE, 0, 0, msg, 64);
              msg++;
            }
        }
      end = t + 5 * US;
      if (k == n_workers && n_workers > 1)
        emit (b, k, end, FL_EV_CRASH, 11, 0, 0, 0);
      else
        emit (b, k, end, FL_EV_EXIT, 0, 0, 0, 1000);
      join_t = MAX (join_t, end) + 50 * US;
    }
  emit (b, 0, 100 * US * (n_workers + 1), FL_EV_STATE, FL_STATE_JOIN, FL_REASON_JOIN, 1, 0);
  for (k = 1; k <= n_workers; k++)
    {
      emit (b, 0, join_t + k * US, FL_EV_JOIN, 0, (guint16) k, k == n_workers && n_workers > 1 ? 11 : 0, 0);
      emit (b, 0, join_t + k * US + 1, FL_EV_STATE, k == n_workers ? FL_STATE_RUNNING : FL_STATE_JOIN,
            FL_REASON_JOIN, k + 1, 0);
    }
  emit (b, 0, join_t + (n_workers + 10) * US, FL_EV_EXIT, 0, 0, 0, 1000);
  flatten (b);
}

/* Feeds the records with times up to @until (all if < 0), as the drain
 * thread would: whole lines, lane after lane. */
static void
feed (Builder *b,
      gint64   until,
      gsize   *fed)
{
  guint k;

  for (k = 0; k < b->n_lanes; k++)
    {
      GArray *r = b->records[k];
      gsize from = fed[k], to = from;

      while (to < r->len)
        {
          const FlRecord *rec = &g_array_index (r, FlRecord, to);
          guint n = rec->kind == FL_EV_OUTPUT ? fl_trace_text_records (rec->arg16) : 1;

          if (until >= 0 && (gint64) rec->ts - T0 > until)
            break;
          to += n;
        }
      if (to > from)
        fl_store_ingest (b->store, k, &g_array_index (r, FlRecord, from), to - from);
      fed[k] = to;
    }
}

static void
builder_clear (Builder *b)
{
  guint k;

  for (k = 0; k < b->n_lanes; k++)
    g_array_unref (b->records[k]);
  g_clear_object (&b->store);
}

/* ---- checks -------------------------------------------------------------- */

static void
reference (FlStore *store,
           guint    lane,
           gint64   start,
           gint64   end,
           gint64  *out)
{
  gint64 before[FL_N_STATES];
  guint s;

  fl_store_lock (store);
  fl_store_get_state_durations (store, lane, start, before);
  fl_store_get_state_durations (store, lane, end, out);
  fl_store_unlock (store);
  for (s = 0; s < FL_N_STATES; s++)
    out[s] -= before[s];
}

/* Boxes of every lane for [start, end) at @width: in order, inside the
 * range, and together exactly the lane's time in each state. */
static gsize
check_range (FlTimelineModel *model,
             gint64           start,
             gint64           end,
             double           width,
             guint            max_boxes)
{
  FlStore *store = fl_timeline_model_get_store (model);
  FlTimelineQuery query = { start, end, width, 0, max_boxes };
  guint lane, s;
  gsize total = 0;

  fl_timeline_model_query (model, &query, NULL, 0);
  for (lane = 0; lane < fl_timeline_model_get_n_lanes (model); lane++)
    {
      gint64 sum[FL_N_STATES] = { 0 }, ref[FL_N_STATES], exact[FL_N_STATES];
      const FlTimelineBox *boxes;
      gsize n, i;

      boxes = fl_timeline_model_get_boxes (model, lane, &n);
      total += n;
      if (max_boxes)
        g_assert_cmpuint (n, <=, max_boxes);
      for (i = 0; i < n; i++)
        {
          const gint64 *d = fl_timeline_model_get_box_durations (model, &boxes[i]);

          g_assert_cmpint (boxes[i].start, <, boxes[i].end);
          g_assert_cmpint (boxes[i].start, >=, start);
          g_assert_cmpint (boxes[i].end, <=, end);
          if (i > 0)
            g_assert_cmpint (boxes[i].start, >=, boxes[i - 1].end);
          if (d)
            {
              gint64 box_total = 0;

              g_assert_true (boxes[i].folded);
              for (s = 0; s < FL_N_STATES; s++)
                {
                  g_assert_cmpint (d[s], >=, 0);
                  sum[s] += d[s];
                  box_total += d[s];
                }
              /* A folded box covers what it holds, and its colour is its biggest share. */
              g_assert_cmpint (box_total, ==, boxes[i].end - boxes[i].start);
              for (s = 0; s < FL_N_STATES; s++)
                g_assert_cmpint (d[s], <=, d[boxes[i].state]);
            }
          else
            sum[boxes[i].state] += boxes[i].end - boxes[i].start;
        }

      reference (store, lane, start, end, ref);
      fl_timeline_model_get_durations (model, lane, start, end, exact);
      for (s = 0; s < FL_N_STATES; s++)
        {
          if (sum[s] != ref[s])
            g_error ("lane %u, state %s, range [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") at %.0f px: "
                     "boxes hold %" G_GINT64_FORMAT " ns, the store says %" G_GINT64_FORMAT,
                     lane, fl_state_to_string (s), start, end, width, sum[s], ref[s]);
          g_assert_cmpint (exact[s], ==, ref[s]);
        }
    }
  return total;
}

static void
test_fit (gconstpointer data)
{
  gboolean processes = GPOINTER_TO_INT (data);
  g_autoptr(FlTimelineModel) model = NULL;
  gsize fed[16] = { 0 };
  Builder b;
  gint64 until;
  gsize folded_boxes;

  build (&b, 6, 3000, processes, 7);
  feed (&b, -1, fed);
  model = fl_timeline_model_new (b.store);
  until = fl_timeline_model_get_until (model);
  g_assert_cmpint (until, >, 0);

  /* Zoomed out: most spans are far below a pixel. */
  folded_boxes = check_range (model, 0, until, 1920, 0);
  g_assert_cmpuint (folded_boxes, <, 7 * 1920);
  check_range (model, 0, until, 640, 0);
  check_range (model, 0, until, 37, 0);
  /* A tight budget folds coarser, and still loses nothing. */
  check_range (model, 0, until, 1920, 64);
  check_range (model, 0, until, 1920, 8);
  /* Past both ends of the run. */
  check_range (model, -until / 10, until, 1000, 0);

  builder_clear (&b);
  g_assert_finalize_object (g_steal_pointer (&model));
}

static void
test_zoom (gconstpointer data)
{
  gboolean processes = GPOINTER_TO_INT (data);
  g_autoptr(FlTimelineModel) model = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gsize fed[16] = { 0 };
  Builder b;
  gint64 until;
  guint i;

  build (&b, 5, 4000, processes, 11);
  feed (&b, -1, fed);
  model = fl_timeline_model_new (b.store);
  until = fl_timeline_model_get_until (model);

  /* Mid: a tenth of the run; deep: a few microseconds. */
  check_range (model, until / 3, until / 3 + until / 10, 1920, 0);
  check_range (model, until / 2, until / 2 + 5 * US, 1920, 0);
  check_range (model, until / 2, until / 2 + 200, 1920, 0);
  for (i = 0; i < 60; i++)
    {
      gint64 a = g_rand_int_range (rand, 0, (gint32) MIN (until, G_MAXINT32)) * (until > G_MAXINT32 ? until / G_MAXINT32 + 1 : 1);
      gint64 len = (gint64) (until * g_rand_double_range (rand, 1e-7, 0.8)) + 1;
      double width = g_rand_double_range (rand, 3, 4000);

      a = MIN (a, until - 1);
      check_range (model, a, MIN (a + len, until), width, i % 3 == 0 ? 100 : 0);
    }

  builder_clear (&b);
  g_assert_finalize_object (g_steal_pointer (&model));
}

static void
test_hit (void)
{
  g_autoptr(FlTimelineModel) model = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  gsize fed[16] = { 0 };
  FlTimelineQuery query = { 0 };
  Builder b;
  gint64 until;
  guint i, found = 0, marks_found = 0;

  build (&b, 4, 2000, TRUE, 5);
  feed (&b, -1, fed);
  model = fl_timeline_model_new (b.store);
  until = fl_timeline_model_get_until (model);
  query.end = until;
  query.width = 1500;
  fl_timeline_model_query (model, &query, NULL, 0);

  for (i = 0; i < 4000; i++)
    {
      guint lane = g_rand_int_range (rand, 0, 5);
      gint64 t = (gint64) (g_rand_double (rand) * until);
      FlState expected;
      FlTimelineSpan span;
      const FlTimelineBox *box;

      fl_store_lock (b.store);
      expected = fl_store_get_state_at (b.store, lane, t);
      fl_store_unlock (b.store);
      if (fl_timeline_model_get_span_at (model, lane, t, &span))
        {
          g_assert_cmpint (span.state, ==, expected);
          g_assert_cmpuint (span.lane, ==, lane);
          g_assert_cmpint (span.start, <=, t);
          g_assert_cmpint (t, <, span.end);
          g_assert_cmpuint (span.cpu, ==, lane % 4);
          found++;
          /* The box drawn there holds that state. */
          box = fl_timeline_model_get_box_at (model, lane, t);
          g_assert_nonnull (box);
          g_assert_true (box->start <= t && t < box->end);
          if (!box->folded)
            g_assert_cmpint (box->state, ==, span.state);
          else
            g_assert_cmpint (fl_timeline_model_get_box_durations (model, box)[span.state], >, 0);
        }
      else
        g_assert_true (expected == FL_STATE_NONE || expected == FL_STATE_EXITED || expected == FL_STATE_CRASHED);
    }
  g_assert_cmpuint (found, >, 3000);

  /* Every output line is found at its time, and no other. */
  for (i = 0; i < fl_store_get_n_output (b.store); i++)
    {
      const FlOutputLine *line = fl_store_get_output (b.store, i);
      gint64 hit = fl_timeline_model_get_mark_at (model, line->lane, line->t + 3, 10);

      g_assert_cmpint (hit, >=, 0);
      g_assert_cmpint (fl_store_get_output (b.store, (guint) hit)->t, ==, line->t);
      g_assert_true (g_str_has_prefix (fl_store_get_output (b.store, (guint) hit)->text, "worker"));
      marks_found++;
    }
  g_assert_cmpuint (marks_found, >, 50);
  g_assert_cmpint (fl_timeline_model_get_mark_at (model, 1, until + 10 * MS, 10), ==, -1);

  builder_clear (&b);
  g_assert_finalize_object (g_steal_pointer (&model));
}

static void
test_live (void)
{
  g_autoptr(FlTimelineModel) model = NULL;
  gsize fed[16] = { 0 };
  Builder b;
  gint64 last, step, t;
  guint64 generation;

  build (&b, 4, 3000, TRUE, 9);
  last = (gint64) g_array_index (b.records[0], FlRecord, b.records[0]->len - 1).ts - T0;
  model = fl_timeline_model_new (b.store);
  g_assert_false (fl_timeline_model_sync (model));
  generation = fl_timeline_model_get_generation (model);

  /* The drain thread brings a slice at a time; the model reads each once. */
  step = last / 7;
  for (t = step; t < last + step; t += step)
    {
      gint64 until;

      feed (&b, t, fed);
      g_assert_true (fl_timeline_model_sync (model));
      g_assert_false (fl_timeline_model_sync (model));
      g_assert_cmpuint (fl_timeline_model_get_generation (model), >, generation);
      generation = fl_timeline_model_get_generation (model);
      until = fl_timeline_model_get_until (model);
      check_range (model, 0, until, 1920, 0);
      check_range (model, until / 2, until, 800, 0);
      check_range (model, until - 50 * US, until, 1920, 0);

      /* A live view's "now" runs ahead of the last event: lanes still going reach it. */
      fl_timeline_model_set_now (model, until + MS);
      g_assert_cmpint (fl_timeline_model_get_until (model), ==, until + MS);
      fl_timeline_model_set_now (model, 0);
    }

  builder_clear (&b);
  g_assert_finalize_object (g_steal_pointer (&model));
}

static void
test_empty (void)
{
  g_autoptr(FlStore) store = fl_store_new (T0);
  g_autoptr(FlTimelineModel) model = NULL;
  FlTimelineQuery query = { 0, 1000, 100, 0, 0 };
  FlTimelineSpan span;
  gsize n;

  model = fl_timeline_model_new (store);
  fl_timeline_model_query (model, &query, NULL, 0);
  g_assert_cmpuint (fl_timeline_model_get_n_lanes (model), ==, 0);

  fl_store_add_lane (store, FL_LANE_MAIN, TRUE, "main", NULL);
  g_assert_true (fl_timeline_model_sync (model));
  fl_timeline_model_query (model, &query, NULL, 0);
  fl_timeline_model_get_boxes (model, 0, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_false (fl_timeline_model_get_span_at (model, 0, 10, &span));
  g_assert_finalize_object (g_steal_pointer (&model));
}

/* The painter keeps the picture within its budget of boxes, on a run of
 * 16 lanes × 20,000 changes, and the scene it paints can be written. */
static void
test_paint (void)
{
  g_autoptr(FlTimelineModel) model = NULL;
  g_autoptr(FlTimelinePainter) painter = NULL;
  g_autoptr(FlScene) scene = NULL;
  g_autoptr(FlTheme) theme = fl_theme_new_light ();
  g_autoptr(GError) error = NULL;
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, "timeline-synthetic.png", NULL);
  g_autofree char *svg = g_test_build_filename (G_TEST_BUILT, "timeline-synthetic.svg", NULL);
  g_autofree char *pdf = g_test_build_filename (G_TEST_BUILT, "timeline-synthetic.pdf", NULL);
  g_autofree char *contents = NULL;
  FlTimelineView view = { 0 };
  gsize fed[16] = { 0 };
  Builder b;

  build (&b, 15, 20000, FALSE, 1);
  feed (&b, -1, fed);
  model = fl_timeline_model_new (b.store);
  view.width = 1600;
  view.height = 900;
  view.end = fl_timeline_model_get_until (model);
  view.theme = theme;
  view.background = TRUE;
  view.legend = TRUE;
  view.max_boxes = 4000;
  painter = fl_timeline_painter_new (model, &view);
  scene = fl_scene_new (view.width, view.height);
  fl_timeline_painter_paint (painter, scene);
  g_assert_cmpuint (fl_timeline_painter_get_n_boxes (painter), >, 100);
  g_assert_cmpuint (fl_timeline_painter_get_n_boxes (painter), <=, 4000);
  g_assert_cmpuint (fl_scene_get_n_items (scene), <, 12000);

  g_assert_true (fl_scene_write_file (scene, png, FL_SCENE_FORMAT_PNG, 1, &error));
  g_assert_no_error (error);
  g_assert_true (fl_scene_write_file (scene, svg, FL_SCENE_FORMAT_SVG, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<text"));
  g_assert_nonnull (strstr (contents, "pattern"));
  g_assert_true (fl_scene_write_file (scene, pdf, FL_SCENE_FORMAT_PDF, 0.75, &error));
  g_assert_no_error (error);
  {
    cairo_surface_t *image = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1600);
    g_assert_cmpint (cairo_image_surface_get_height (image), ==, 900);
    cairo_surface_destroy (image);
  }

  builder_clear (&b);
  g_clear_pointer (&painter, fl_timeline_painter_free);
  g_assert_finalize_object (g_steal_pointer (&model));
}

/* A file that cannot be written leaves nothing, and the error says where. */
static void
test_write_fails (void)
{
  g_autoptr(FlScene) scene = fl_scene_new (100, 50);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("forkline-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "x.png", NULL);
  g_autofree char *big = g_build_filename (dir, "big.png", NULL);
  g_autoptr(GDir) listing = NULL;
  FlColor red = { 1, 0, 0, 1 };
  FlSceneFormat format;

  fl_scene_rect (scene, 0, 0, 10, 10, &red);
  g_assert_false (fl_scene_write_file (scene, missing, FL_SCENE_FORMAT_PNG, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  g_assert_false (fl_scene_write_file (scene, big, FL_SCENE_FORMAT_PNG, 1000, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "big.png"));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));

  g_assert_true (fl_scene_format_from_path ("a/b.PNG", &format));
  g_assert_cmpint (format, ==, FL_SCENE_FORMAT_PNG);
  g_assert_true (fl_scene_format_from_path ("b.svg", &format));
  g_assert_cmpint (format, ==, FL_SCENE_FORMAT_SVG);
  g_assert_false (fl_scene_format_from_path ("b.jpeg", &format));
  g_assert_false (fl_scene_format_from_path ("png", &format));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/draw/timeline-model/fit/threads", GINT_TO_POINTER (FALSE), test_fit);
  g_test_add_data_func ("/draw/timeline-model/fit/processes", GINT_TO_POINTER (TRUE), test_fit);
  g_test_add_data_func ("/draw/timeline-model/zoom/threads", GINT_TO_POINTER (FALSE), test_zoom);
  g_test_add_data_func ("/draw/timeline-model/zoom/processes", GINT_TO_POINTER (TRUE), test_zoom);
  g_test_add_func ("/draw/timeline-model/hit", test_hit);
  g_test_add_func ("/draw/timeline-model/live", test_live);
  g_test_add_func ("/draw/timeline-model/empty", test_empty);
  g_test_add_func ("/draw/timeline-painter/paint", test_paint);
  g_test_add_func ("/draw/scene/write-fails", test_write_fails);

  return g_test_run ();
}
