/* fl-timeline-model.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lane's state is a step function of time, derived from its events
 * exactly as fl_store_get_state_durations() derives it: RUNNING from its
 * start, STATE events switch, EXIT ends it (a zombie until the join for
 * a worker process), CRASH ends it.  A Walker is that derivation after
 * some prefix of the events, with the time spent in each state so far;
 * checkpoints are walkers saved every FL_TIMELINE_CHECKPOINT events.
 * The time in each state between t0 and t1 is the difference of two
 * walkers' totals, which is what makes folding exact and cheap.
 */

#define G_LOG_DOMAIN "fl-timeline-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fl-summary.h"
#include "fl-theme.h"
#include "fl-timeline-model.h"
#include "fl-timeline-painter.h"
#include "fl-util.h"

#define K FL_TIMELINE_CHECKPOINT

typedef struct
{
  gint64  from;                 /* the current state began */
  gint64  cum[FL_N_STATES];     /* time in each state before @from */
  guint32 changes;
  guint8  state;
  guint8  done;                 /* ended: later events change nothing */
} Walker;

typedef struct
{
  FlLaneInfo  info;             /* a copy; name and template owned */
  guint       process_lane;
  gboolean    zombie_capable;
  gint64      key_start;        /* what the checkpoints were built with */
  gboolean    key_zombie;
  gsize       synced;           /* events read into checkpoints */
  Walker      tail;             /* after the @synced events */
  GArray     *checkpoints;      /* of Walker: before event j * K */
  GArray     *marks;            /* of FlTimelineMark */
  GArray     *boxes;            /* of FlTimelineBox: the last query */
} ModelLane;

struct _FlTimelineModel
{
  GObject     parent_instance;

  FlStore    *store;
  GPtrArray  *lanes;            /* of ModelLane* */
  GArray     *messages;         /* of FlMessage */
  GArray     *pool;             /* of gint64[FL_N_STATES]: folded boxes' durations */
  guint64     generation;
  gint64      now;
  gint64      until;
  gint64      end;
  gint64      last_t;
  /* what the store looked like at the last sync */
  gsize       seen_events;
  guint       seen_lanes;
  guint       seen_output;
  guint       seen_messages;
  gint64      seen_end;
  gint64      seen_last_t;
};

G_DEFINE_FINAL_TYPE (FlTimelineModel, fl_timeline_model, G_TYPE_OBJECT)

static void
model_lane_free (gpointer data)
{
  ModelLane *lane = data;

  g_free (lane->info.name);
  g_free (lane->info.template_name);
  g_array_unref (lane->checkpoints);
  g_array_unref (lane->marks);
  g_array_unref (lane->boxes);
  g_free (lane);
}

static void
fl_timeline_model_finalize (GObject *object)
{
  FlTimelineModel *self = (FlTimelineModel *) object;

  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->messages, g_array_unref);
  g_clear_pointer (&self->pool, g_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (fl_timeline_model_parent_class)->finalize (object);
}

static void
fl_timeline_model_class_init (FlTimelineModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fl_timeline_model_finalize;
}

static void
fl_timeline_model_init (FlTimelineModel *self)
{
  self->lanes = g_ptr_array_new_with_free_func (model_lane_free);
  self->messages = g_array_new (FALSE, FALSE, sizeof (FlMessage));
  self->pool = g_array_new (FALSE, FALSE, sizeof (gint64) * FL_N_STATES);
  self->end = -1;
  self->seen_end = -2;
}

/**
 * fl_timeline_model_new:
 * @store: the store to show
 *
 * Reads @store once (fl_timeline_model_sync()); sync again as it grows.
 */
FlTimelineModel *
fl_timeline_model_new (FlStore *store)
{
  FlTimelineModel *self = g_object_new (FL_TYPE_TIMELINE_MODEL, NULL);

  self->store = g_object_ref (store);
  fl_timeline_model_sync (self);
  return self;
}

FlStore *
fl_timeline_model_get_store (FlTimelineModel *self)
{
  return self->store;
}

guint64
fl_timeline_model_get_generation (FlTimelineModel *self)
{
  return self->generation;
}

/* ---- walking a lane ------------------------------------------------------ */

static inline gboolean
is_terminal (guint8 state)
{
  return state == FL_STATE_EXITED || state == FL_STATE_CRASHED || state == FL_STATE_ZOMBIE;
}

static void
walker_init (Walker *w,
             gint64  start_t)
{
  memset (w, 0, sizeof *w);
  w->state = FL_STATE_RUNNING;
  w->from = start_t;
  w->done = start_t < 0;
}

/* The state @ev switches to, or -1 if it switches nothing. */
static inline int
event_next_state (const Walker  *w,
                  const FlEvent *ev,
                  gboolean       zombie_capable)
{
  int next;

  if (w->done || ev->t < w->from)
    return -1;
  next = fl_event_next_state (ev, zombie_capable);
  return next == (int) w->state ? -1 : next;
}

static inline void
walker_step (Walker        *w,
             const FlEvent *ev,
             gboolean       zombie_capable)
{
  int next = event_next_state (w, ev, zombie_capable);

  if (next < 0)
    return;
  w->cum[w->state] += ev->t - w->from;
  w->state = (guint8) next;
  w->from = ev->t;
  w->changes++;
  if (is_terminal (w->state))
    w->done = TRUE;
}

/* When the current state ends if no further event comes. */
static inline gint64
walker_end (const Walker    *w,
            const ModelLane *lane,
            gint64           until)
{
  if (!w->done)
    return MAX (until, w->from);
  if (w->state == FL_STATE_ZOMBIE)
    {
      if (lane->info.join_t >= 0 && lane->info.join_t <= until)
        return MAX (w->from, lane->info.join_t);
      return MAX (until, w->from);
    }
  return w->from;
}

/* Time in each state from the lane's start to @t, for a walker that has
 * read every event at or before @t. */
static inline void
walker_cum_at (const Walker    *w,
               const ModelLane *lane,
               gint64           until,
               gint64           t,
               gint64          *out)
{
  gint64 end = MIN (MIN (t, until), walker_end (w, lane, until));

  memcpy (out, w->cum, sizeof w->cum);
  if (end > w->from)
    out[w->state] += end - w->from;
}

/* The first event index in [lo, n) with time > @t. */
static gsize
upper_bound (const FlEvent *ev,
             gsize          lo,
             gsize          n,
             gint64         t)
{
  gsize hi = n, step = 1;

  /* Gallop first: the answer is usually near. */
  while (lo + step < n && ev[lo + step].t <= t)
    {
      lo += step;
      step *= 2;
    }
  hi = MIN (n, lo + step + 1);
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (ev[mid].t <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Moves @w (having read @idx events) forward to have read every event
 * up to @t, jumping through the checkpoints when there are many. */
static void
walker_advance (Walker          *w,
                gsize           *idx,
                const ModelLane *lane,
                const FlEvent   *ev,
                gint64           t)
{
  gsize n = lane->synced, target, i;

  if (*idx >= n || ev[*idx].t > t)
    return;
  target = upper_bound (ev, *idx, n, t);
  i = *idx;
  /* A checkpoint past where we are is the same walk, already done:
   * from it, fewer than K events are left to read. */
  if (target - i > K / 4 && lane->checkpoints->len > 0)
    {
      gsize j = MIN (target / K, lane->checkpoints->len - 1);

      if (j * K > i)
        {
          *w = g_array_index (lane->checkpoints, Walker, j);
          i = j * K;
        }
    }
  for (; i < target; i++)
    walker_step (w, &ev[i], lane->zombie_capable);
  *idx = target;
}

static void
walker_seek (Walker          *w,
             gsize           *idx,
             const ModelLane *lane,
             const FlEvent   *ev,
             gint64           t)
{
  walker_init (w, lane->key_start);
  *idx = 0;
  if (lane->checkpoints->len > 0)
    *w = g_array_index (lane->checkpoints, Walker, 0);
  walker_advance (w, idx, lane, ev, t);
}

/* ---- syncing with the store ---------------------------------------------- */

static void
lane_reset (ModelLane *lane)
{
  lane->synced = 0;
  lane->key_start = lane->info.start_t;
  lane->key_zombie = lane->zombie_capable;
  walker_init (&lane->tail, lane->info.start_t);
  g_array_set_size (lane->checkpoints, 0);
  g_array_set_size (lane->marks, 0);
}

static void
lane_sync (ModelLane     *lane,
           const FlEvent *ev,
           gsize          n)
{
  gsize i;

  if (lane->key_start != lane->info.start_t || lane->key_zombie != lane->zombie_capable)
    lane_reset (lane);
  if (lane->info.start_t < 0)
    return;   /* nothing to draw before it starts; read its events then */

  for (i = lane->synced; i < n; i++)
    {
      if (i % K == 0)
        g_array_append_val (lane->checkpoints, lane->tail);
      walker_step (&lane->tail, &ev[i], lane->zombie_capable);
      if (ev[i].kind == FL_EV_OUTPUT)
        {
          FlTimelineMark mark = { ev[i].t, ev[i].a };
          g_array_append_val (lane->marks, mark);
        }
    }
  lane->synced = n;
}

static void
copy_info (ModelLane        *lane,
           const FlLaneInfo *info)
{
  char *name = lane->info.name, *template_name = lane->info.template_name;

  if (g_strcmp0 (name, info->name) != 0)
    {
      g_free (name);
      name = g_strdup (info->name);
    }
  if (g_strcmp0 (template_name, info->template_name) != 0)
    {
      g_free (template_name);
      template_name = g_strdup (info->template_name);
    }
  lane->info = *info;
  lane->info.name = name;
  lane->info.template_name = template_name;
  lane->zombie_capable = info->is_process && info->kind != FL_LANE_MAIN;
}

static void
update_process_lanes (FlTimelineModel *self)
{
  guint i, j;

  for (i = 0; i < self->lanes->len; i++)
    {
      ModelLane *lane = g_ptr_array_index (self->lanes, i);

      lane->process_lane = i;
      if (lane->info.is_process)
        continue;
      /* A thread: of the process with its pid, else of the main one. */
      lane->process_lane = 0;
      for (j = 0; lane->info.pid != 0 && j < self->lanes->len; j++)
        {
          ModelLane *other = g_ptr_array_index (self->lanes, j);

          if (other->info.is_process && other->info.pid == lane->info.pid)
            {
              lane->process_lane = j;
              break;
            }
        }
    }
}

static void
update_until (FlTimelineModel *self)
{
  self->until = self->end >= 0 ? self->end : MAX (self->last_t, self->now);
}

gboolean
fl_timeline_model_sync (FlTimelineModel *self)
{
  FlStore *store = self->store;
  guint n_lanes, i;

  fl_store_lock (store);
  n_lanes = fl_store_get_n_lanes (store);
  if (n_lanes == self->seen_lanes &&
      fl_store_get_n_events (store) == self->seen_events &&
      fl_store_get_n_output (store) == self->seen_output &&
      fl_store_get_n_messages (store) == self->seen_messages &&
      fl_store_get_end (store) == self->seen_end &&
      fl_store_get_last_t (store) == self->seen_last_t)
    {
      fl_store_unlock (store);
      return FALSE;
    }

  self->seen_lanes = n_lanes;
  self->seen_events = fl_store_get_n_events (store);
  self->seen_output = fl_store_get_n_output (store);
  self->seen_messages = fl_store_get_n_messages (store);
  self->seen_end = self->end = fl_store_get_end (store);
  self->seen_last_t = self->last_t = fl_store_get_last_t (store);

  while (self->lanes->len < n_lanes)
    {
      ModelLane *lane = g_new0 (ModelLane, 1);

      lane->checkpoints = g_array_new (FALSE, FALSE, sizeof (Walker));
      lane->marks = g_array_new (FALSE, FALSE, sizeof (FlTimelineMark));
      lane->boxes = g_array_new (FALSE, FALSE, sizeof (FlTimelineBox));
      lane->key_start = -1;
      walker_init (&lane->tail, -1);
      g_ptr_array_add (self->lanes, lane);
    }

  for (i = 0; i < n_lanes; i++)
    {
      ModelLane *lane = g_ptr_array_index (self->lanes, i);
      const FlEvent *ev;
      gsize n;

      copy_info (lane, fl_store_get_lane_info (store, i));
      ev = fl_store_get_events (store, i, &n);
      lane_sync (lane, ev, n);
    }

  g_array_set_size (self->messages, fl_store_get_n_messages (store));
  for (i = 0; i < self->messages->len; i++)
    g_array_index (self->messages, FlMessage, i) = *fl_store_get_message (store, i);

  fl_store_unlock (store);

  update_process_lanes (self);
  update_until (self);
  self->generation++;
  return TRUE;
}

void
fl_timeline_model_set_now (FlTimelineModel *self,
                           gint64           now)
{
  self->now = now;
  update_until (self);
}

gint64
fl_timeline_model_get_until (FlTimelineModel *self)
{
  return self->until;
}

gboolean
fl_timeline_model_is_finished (FlTimelineModel *self)
{
  return self->end >= 0;
}

guint
fl_timeline_model_get_n_lanes (FlTimelineModel *self)
{
  return self->lanes->len;
}

static inline ModelLane *
get_lane (FlTimelineModel *self,
          guint            index)
{
  return index < self->lanes->len ? g_ptr_array_index (self->lanes, index) : NULL;
}

const FlLaneInfo *
fl_timeline_model_get_lane (FlTimelineModel *self,
                            guint            index)
{
  ModelLane *lane = get_lane (self, index);

  return lane ? &lane->info : NULL;
}

guint
fl_timeline_model_get_process_lane (FlTimelineModel *self,
                                    guint            index)
{
  ModelLane *lane = get_lane (self, index);

  return lane ? lane->process_lane : 0;
}

guint
fl_timeline_model_get_n_messages (FlTimelineModel *self)
{
  return self->messages->len;
}

const FlMessage *
fl_timeline_model_get_messages (FlTimelineModel *self)
{
  return (const FlMessage *) (gpointer) self->messages->data;
}

const FlTimelineMark *
fl_timeline_model_get_marks (FlTimelineModel *self,
                             guint            index,
                             gsize           *n_marks)
{
  ModelLane *lane = get_lane (self, index);

  *n_marks = lane ? lane->marks->len : 0;
  return lane ? (const FlTimelineMark *) (gpointer) lane->marks->data : NULL;
}

/* ---- level of detail ----------------------------------------------------- */

typedef struct
{
  FlTimelineModel *self;
  ModelLane       *lane;
  const FlEvent   *ev;
  gint64           until;
  double           ns_per_px;
  double           fold_ns;
} Build;

static void
emit_plain (Build  *b,
            gint64  from,
            gint64  to,
            guint8  state)
{
  GArray *boxes = b->lane->boxes;
  FlTimelineBox box = { from, to, state, FALSE, 0, 1, G_MAXUINT32 };

  if (boxes->len > 0)
    {
      FlTimelineBox *last = &g_array_index (boxes, FlTimelineBox, boxes->len - 1);

      if (!last->folded && last->state == state && last->end == from)
        {
          last->end = to;
          last->n_spans++;
          return;
        }
    }
  g_array_append_val (boxes, box);
}

static void
emit_folded (Build        *b,
             gint64        from,
             const gint64 *durations,
             guint32       n_spans)
{
  GArray *boxes = b->lane->boxes;
  gint64 total = 0, best = -1;
  guint8 dominant = FL_STATE_NONE;
  FlTimelineBox box;
  guint s;

  for (s = 0; s < FL_N_STATES; s++)
    {
      total += durations[s];
      if (durations[s] > best)
        {
          best = durations[s];
          dominant = (guint8) s;
        }
    }
  if (total <= 0)
    return;

  if (boxes->len > 0)
    {
      FlTimelineBox *last = &g_array_index (boxes, FlTimelineBox, boxes->len - 1);

      if (last->folded && last->end == from)
        {
          gint64 *sum = (gint64 *) (gpointer) (b->self->pool->data + last->durations * g_array_get_element_size (b->self->pool));
          gint64 merged_best = -1;
          guint8 merged_dominant = FL_STATE_NONE;

          for (s = 0; s < FL_N_STATES; s++)
            if (sum[s] + durations[s] > merged_best)
              {
                merged_best = sum[s] + durations[s];
                merged_dominant = (guint8) s;
              }
          /* Neighbours that look the same become one box. */
          if (merged_dominant == last->state && dominant == last->state)
            {
              for (s = 0; s < FL_N_STATES; s++)
                sum[s] += durations[s];
              last->end = from + total;
              last->n_spans += n_spans;
              return;
            }
        }
    }

  box.start = from;
  box.end = from + total;
  box.state = dominant;
  box.folded = TRUE;
  box.pad = 0;
  box.n_spans = n_spans;
  box.durations = b->self->pool->len;
  g_array_append_vals (b->self->pool, durations, 1);
  g_array_append_val (boxes, box);
}

static void
build_lane (Build  *b,
            gint64  lo,
            gint64  hi)
{
  ModelLane *lane = b->lane;
  const FlEvent *ev = b->ev;
  gsize n = lane->synced, idx;
  Walker w;
  gint64 t;

  if (lane->info.start_t < 0 || lane->checkpoints->len == 0)
    return;
  lo = MAX (lo, lane->info.start_t);
  hi = MIN (hi, b->until);
  if (lo >= hi)
    return;

  walker_seek (&w, &idx, lane, ev, lo);
  t = lo;
  while (t < hi)
    {
      gboolean has_next = FALSE;
      gint64 tn, seg_end;

      if (w.done && w.state != FL_STATE_ZOMBIE)
        break;
      /* Events that change nothing change nothing later either: skip them. */
      while (idx < n && event_next_state (&w, &ev[idx], lane->zombie_capable) < 0 && !w.done)
        idx++;
      has_next = idx < n && !w.done;
      tn = has_next ? ev[idx].t : walker_end (&w, lane, b->until);
      seg_end = MIN (tn, hi);

      if (seg_end <= t)
        {
          if (!has_next)
            break;
          walker_step (&w, &ev[idx++], lane->zombie_capable);
          continue;
        }

      if ((double) (seg_end - t) >= b->fold_ns)
        {
          emit_plain (b, t, seg_end, w.state);
          t = seg_end;
          if (has_next && tn <= t)
            walker_step (&w, &ev[idx++], lane->zombie_capable);
        }
      else
        {
          gint64 before[FL_N_STATES], after[FL_N_STATES];
          guint32 changes = w.changes;
          double edge = ceil ((double) (t + b->fold_ns) / b->ns_per_px) * b->ns_per_px;
          gint64 ce = MIN ((gint64) edge, hi);
          guint s;

          if (ce <= t)
            ce = t + 1;
          walker_cum_at (&w, lane, b->until, t, before);
          walker_advance (&w, &idx, lane, ev, ce);
          walker_cum_at (&w, lane, b->until, ce, after);
          for (s = 0; s < FL_N_STATES; s++)
            after[s] -= before[s];
          emit_folded (b, t, after, w.changes - changes);
          t = ce;
        }
    }
}

void
fl_timeline_model_query (FlTimelineModel       *self,
                         const FlTimelineQuery *query,
                         const guint           *lanes,
                         guint                  n_lanes)
{
  double fold_px = query->fold_px > 0 ? query->fold_px : 2.0;
  double width = MAX (query->width, 1.0);
  guint i;

  g_array_set_size (self->pool, 0);
  for (i = 0; i < self->lanes->len; i++)
    g_array_set_size (((ModelLane *) g_ptr_array_index (self->lanes, i))->boxes, 0);
  if (query->end <= query->start)
    return;

  if (lanes == NULL)
    n_lanes = self->lanes->len;

  fl_store_lock (self->store);
  for (i = 0; i < n_lanes; i++)
    {
      guint index = lanes ? lanes[i] : i;
      ModelLane *lane = get_lane (self, index);
      Build b;
      gsize n, pool_mark;
      double fold = fold_px;
      guint attempt;

      if (lane == NULL)
        continue;
      b.self = self;
      b.lane = lane;
      b.ev = fl_store_get_events (self->store, index, &n);
      b.until = self->until;
      b.ns_per_px = (double) (query->end - query->start) / width;
      g_assert (n >= lane->synced);

      /* Every box but the last is at least fold_px wide, folded or not:
       * fold no finer than the budget allows, and one pass does. */
      if (query->max_boxes > 0)
        fold = MAX (fold, width / MAX (query->max_boxes - 1, 1));
      pool_mark = self->pool->len;
      for (attempt = 0; attempt < 12; attempt++)
        {
          b.fold_ns = MAX (fold * b.ns_per_px, 1.0);
          g_array_set_size (lane->boxes, 0);
          g_array_set_size (self->pool, pool_mark);
          build_lane (&b, query->start, query->end);
          if (query->max_boxes == 0 || lane->boxes->len <= query->max_boxes)
            break;
          /* Too many to draw: fold coarser. */
          fold *= 2;
        }
    }
  fl_store_unlock (self->store);
}

const FlTimelineBox *
fl_timeline_model_get_boxes (FlTimelineModel *self,
                             guint            index,
                             gsize           *n_boxes)
{
  ModelLane *lane = get_lane (self, index);

  *n_boxes = lane ? lane->boxes->len : 0;
  return lane ? (const FlTimelineBox *) (gpointer) lane->boxes->data : NULL;
}

const gint64 *
fl_timeline_model_get_box_durations (FlTimelineModel     *self,
                                     const FlTimelineBox *box)
{
  if (!box->folded || box->durations >= self->pool->len)
    return NULL;
  return (const gint64 *) (gpointer) (self->pool->data + box->durations * g_array_get_element_size (self->pool));
}

const FlTimelineBox *
fl_timeline_model_get_box_at (FlTimelineModel *self,
                              guint            index,
                              gint64           t)
{
  ModelLane *lane = get_lane (self, index);
  const FlTimelineBox *boxes;
  gsize lo = 0, hi;

  if (lane == NULL || lane->boxes->len == 0)
    return NULL;
  boxes = (const FlTimelineBox *) (gpointer) lane->boxes->data;
  hi = lane->boxes->len;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (boxes[mid].end <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < lane->boxes->len && boxes[lo].start <= t && t < boxes[lo].end)
    return &boxes[lo];
  return NULL;
}

/* ---- exact questions ----------------------------------------------------- */

static void
cum_at (FlTimelineModel *self,
        ModelLane       *lane,
        const FlEvent   *ev,
        gint64           t,
        gint64          *out)
{
  Walker w;
  gsize idx;

  memset (out, 0, sizeof (gint64) * FL_N_STATES);
  if (lane->info.start_t < 0 || lane->checkpoints->len == 0 || t <= lane->info.start_t)
    return;
  walker_seek (&w, &idx, lane, ev, t);
  walker_cum_at (&w, lane, self->until, t, out);
}

void
fl_timeline_model_get_durations (FlTimelineModel *self,
                                 guint            index,
                                 gint64           start,
                                 gint64           end,
                                 gint64          *durations)
{
  ModelLane *lane = get_lane (self, index);
  gint64 before[FL_N_STATES];
  const FlEvent *ev;
  gsize n;
  guint s;

  memset (durations, 0, sizeof (gint64) * FL_N_STATES);
  if (lane == NULL || end <= start)
    return;
  fl_store_lock (self->store);
  ev = fl_store_get_events (self->store, index, &n);
  cum_at (self, lane, ev, start, before);
  cum_at (self, lane, ev, end, durations);
  fl_store_unlock (self->store);
  for (s = 0; s < FL_N_STATES; s++)
    durations[s] -= before[s];
}

gboolean
fl_timeline_model_lane_crashed_itself (FlTimelineModel *self,
                                       guint            index)
{
  ModelLane *lane = get_lane (self, index);
  const FlEvent *ev;
  gboolean itself = FALSE;
  gsize n, i;

  if (lane == NULL || lane->info.signal == 0)
    return FALSE;
  fl_store_lock (self->store);
  ev = fl_store_get_events (self->store, index, &n);
  /* The crash is among a lane's last records: look from the end. */
  for (i = n; i > 0 && n - i < 256; i--)
    if (ev[i - 1].kind == FL_EV_CRASH)
      {
        /* Records of the lane itself carry its CPU; the observer's end
         * marks (a kill, the death of its process) do not. */
        itself = ev[i - 1].cpu != G_MAXUINT16;
        break;
      }
  fl_store_unlock (self->store);
  return itself;
}

static gboolean
is_span_event (const FlEvent *ev)
{
  return ev->kind == FL_EV_STATE || ev->kind == FL_EV_EXIT || ev->kind == FL_EV_CRASH ||
         ev->kind == FL_EV_RUN_START || ev->kind == FL_EV_WORKER_START;
}

gboolean
fl_timeline_model_get_span_at (FlTimelineModel *self,
                               guint            index,
                               gint64           t,
                               FlTimelineSpan  *span)
{
  ModelLane *lane = get_lane (self, index);
  const FlEvent *ev, *at = NULL;
  gsize n, idx, i;
  gboolean found = FALSE;
  Walker w;

  if (lane == NULL || lane->info.start_t < 0 || t < lane->info.start_t || t >= self->until ||
      lane->checkpoints->len == 0)
    return FALSE;

  fl_store_lock (self->store);
  ev = fl_store_get_events (self->store, index, &n);
  walker_seek (&w, &idx, lane, ev, t);
  if (t >= walker_end (&w, lane, self->until) || w.state == FL_STATE_NONE ||
      w.state == FL_STATE_EXITED || w.state == FL_STATE_CRASHED)
    goto out;

  memset (span, 0, sizeof *span);
  span->lane = index;
  span->state = w.state;
  span->start = w.from;
  span->cpu = G_MAXUINT16;
  span->reason = w.state == FL_STATE_RUNNING && w.changes == 0 ? FL_REASON_START : FL_REASON_NONE;

  /* The recorded event that began this span: a change, or a new reason
   * for the same state.  Bounded: a lane of nothing but output lines
   * does not make this walk the whole trace. */
  for (i = idx; i > 0 && idx - i < 4096; i--)
    {
      if (ev[i - 1].t < w.from)
        break;
      if (is_span_event (&ev[i - 1]))
        {
          at = &ev[i - 1];
          break;
        }
    }
  if (at)
    {
      span->start = at->t;
      span->cpu = at->cpu;
      span->reason = fl_event_get_reason (at);
      span->detail = at->kind == FL_EV_STATE ? fl_event_get_detail (at) : 0;
      if (at->kind == FL_EV_RUN_START || at->kind == FL_EV_WORKER_START)
        span->reason = FL_REASON_START;
    }

  span->end = walker_end (&w, lane, self->until);
  if (!w.done)
    for (i = idx; i < lane->synced && i - idx < 4096; i++)
      if (ev[i].kind == FL_EV_STATE || ev[i].kind == FL_EV_EXIT || ev[i].kind == FL_EV_CRASH)
        {
          span->end = ev[i].t;
          break;
        }
  found = TRUE;

out:
  fl_store_unlock (self->store);
  return found;
}

gint64
fl_timeline_model_get_mark_at (FlTimelineModel *self,
                               guint            index,
                               gint64           t,
                               gint64           tolerance)
{
  ModelLane *lane = get_lane (self, index);
  const FlTimelineMark *marks;
  gsize lo = 0, hi, i;
  gint64 best = -1, best_d = G_MAXINT64;

  if (lane == NULL || lane->marks->len == 0)
    return -1;
  marks = (const FlTimelineMark *) (gpointer) lane->marks->data;
  hi = lane->marks->len;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (marks[mid].t < t - tolerance)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (i = lo; i < lane->marks->len && marks[i].t <= t + tolerance; i++)
    {
      gint64 d = ABS (marks[i].t - t);

      if (d < best_d)
        {
          best_d = d;
          best = marks[i].output;
        }
    }
  return best;
}

/* ---- in words ------------------------------------------------------------- */

#define DESCRIBE_MAX_LANES 24

typedef struct
{
  FlState state;
  gint64  ns;
} StateShare;

static int
compare_share (gconstpointer a,
               gconstpointer b)
{
  const StateShare *x = a, *y = b;

  return (y->ns > x->ns) - (y->ns < x->ns);
}

/**
 * fl_timeline_model_describe:
 * @self: a synced model
 *
 * Returns: (transfer full): who ran, waited, crashed, in sentences
 */
char *
fl_timeline_model_describe (FlTimelineModel *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = fl_timeline_model_get_n_lanes (self), i;
  gint64 until = MAX (self->until, 0);

  if (n == 0)
    return g_strdup (_("No lane yet: the run has not started."));
  {
    g_autofree char *span = fl_timeline_format_duration (until);

    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u lane over %s.", "%u lanes over %s.", n),
                            n, span);
  }
  for (i = 0; i < n && i < DESCRIBE_MAX_LANES; i++)
    {
      const FlLaneInfo *info = fl_timeline_model_get_lane (self, i);
      gint64 durations[FL_N_STATES] = { 0 };
      StateShare shares[FL_N_STATES];
      gint64 total = 0;
      guint s, k = 0, listed = 0;

      g_string_append_printf (text, " %s", info->name ? info->name : "?");
      if (info->pid > 0)
        g_string_append_printf (text, _(" (pid %d)"), info->pid);
      if (info->start_t < 0)
        {
          g_string_append (text, _(": never started."));
          continue;
        }
      fl_timeline_model_get_durations (self, i, 0, until, durations);
      for (s = 0; s < FL_N_STATES; s++)
        if (durations[s] > 0 && s != FL_STATE_NONE && s != FL_STATE_EXITED && s != FL_STATE_CRASHED)
          {
            shares[k++] = (StateShare) { (FlState) s, durations[s] };
            total += durations[s];
          }
      qsort (shares, k, sizeof *shares, compare_share);
      g_string_append_c (text, ':');
      for (s = 0; s < k && listed < 3; s++)
        {
          double pct = 100.0 * shares[s].ns / MAX (total, 1);

          if (pct < 1 && listed > 0)
            break;
          g_string_append_printf (text, "%s %s %.0f%%", listed > 0 ? "," : "",
                                  fl_state_get_label (shares[s].state), pct);
          listed++;
        }
      if (info->end_t >= 0 && info->stopped)
        g_string_append (text, _("; stopped with the run."));
      else if (info->end_t >= 0 && info->signal != 0)
        {
          g_autofree char *signame = fl_signal_name (info->signal);

          if (fl_timeline_model_lane_crashed_itself (self, i))
            g_string_append_printf (text, _("; crashed with %s."), signame);
          else
            g_string_append_printf (text, _("; ended with its process (%s)."), signame);
        }
      else if (info->exit_t >= 0)
        g_string_append (text, _("; exited."));
      else
        g_string_append (text, _("; still running."));
    }
  if (n > DESCRIBE_MAX_LANES)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " And %u more lane.", " And %u more lanes.",
                                               n - DESCRIBE_MAX_LANES), n - DESCRIBE_MAX_LANES);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
