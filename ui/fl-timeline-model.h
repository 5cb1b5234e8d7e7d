/* fl-timeline-model.h — what the timeline shows, at the level of detail it can show
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model reads a store (live or finished) incrementally: each
 * fl_timeline_model_sync() looks only at the events that arrived since
 * the previous one, and keeps, every FL_TIMELINE_CHECKPOINT events of a
 * lane, the time spent so far in each state.  A query for a time range
 * and a width in pixels then gives the boxes to draw: spans wide enough
 * stay as they are, narrower ones are folded into boxes that know how
 * much of each state they hold, so nothing is lost — the durations of
 * the boxes add up to the lane's.  A column crowded with events costs a
 * binary search and at most two checkpoints' worth of events, whatever
 * the size of the trace.
 *
 * GTK-free: the window, export and the tests use it alike.  Not
 * thread-safe: one model per thread (it takes the store's lock itself).
 */

#pragma once

#include <glib-object.h>

#include "fl-store.h"

G_BEGIN_DECLS

#define FL_TIMELINE_CHECKPOINT 32

/* A box to draw on one lane. */
typedef struct
{
  gint64   start;
  gint64   end;
  guint8   state;      /* FlState; a folded box's dominant state */
  guint8   folded;     /* holds spans too narrow to draw one by one */
  guint16  pad;
  guint32  n_spans;    /* state changes inside (folded boxes) */
  guint32  durations;  /* folded: index for fl_timeline_model_get_box_durations() */
} FlTimelineBox;

/* One span of one state between two recorded events: what the tooltip
 * tells. */
typedef struct
{
  guint     lane;
  FlState   state;
  gint64    start;
  gint64    end;
  guint16   cpu;       /* G_MAXUINT16 if unknown */
  FlReason  reason;
  guint32   detail;    /* see fl_event_get_detail() */
} FlTimelineSpan;

/* An output line on a lane. */
typedef struct
{
  gint64  t;
  guint32 output;      /* index for fl_store_get_output() */
} FlTimelineMark;

typedef struct
{
  gint64  start;
  gint64  end;         /* exclusive */
  double  width;       /* pixels the range spans */
  double  fold_px;     /* spans narrower than this are folded; 0: 2 px */
  guint   max_boxes;   /* per lane; folding coarsens until it fits; 0: no limit */
} FlTimelineQuery;

#define FL_TYPE_TIMELINE_MODEL (fl_timeline_model_get_type ())
G_DECLARE_FINAL_TYPE (FlTimelineModel, fl_timeline_model, FL, TIMELINE_MODEL, GObject)

FlTimelineModel *fl_timeline_model_new            (FlStore         *store);
FlStore         *fl_timeline_model_get_store      (FlTimelineModel *self);
/* Reads what the store gained since the last call.  TRUE if anything
 * changed (and the generation went up). */
gboolean         fl_timeline_model_sync           (FlTimelineModel *self);
guint64          fl_timeline_model_get_generation (FlTimelineModel *self);
/* The time everything drawn ends at: the run's end once finished;
 * while it runs, the latest event or @now (ns since the run started),
 * whichever is later.  Lanes still going extend to it. */
void             fl_timeline_model_set_now        (FlTimelineModel *self,
                                                   gint64           now);
gint64           fl_timeline_model_get_until      (FlTimelineModel *self);
gboolean         fl_timeline_model_is_finished    (FlTimelineModel *self);

/* Lanes, as of the last sync. */
guint             fl_timeline_model_get_n_lanes   (FlTimelineModel *self);
const FlLaneInfo *fl_timeline_model_get_lane      (FlTimelineModel *self,
                                                   guint            lane);
/* The lane whose process @lane belongs to (itself for a process). */
/* The run in words, for a screen reader: every lane (up to a limit),
 * how its time went and how it ended. */
char             *fl_timeline_model_describe      (FlTimelineModel *self);
/* Whether @lane recorded its own fatal signal (rather than being ended
 * by the death of its process, a kill or a stop). */
gboolean          fl_timeline_model_lane_crashed_itself (FlTimelineModel *self,
                                                         guint            lane);
guint             fl_timeline_model_get_process_lane (FlTimelineModel *self,
                                                      guint            lane);
/* Messages (send → receive), as of the last sync. */
guint             fl_timeline_model_get_n_messages (FlTimelineModel *self);
const FlMessage  *fl_timeline_model_get_messages   (FlTimelineModel *self);
/* Output lines of @lane in time order. */
const FlTimelineMark *fl_timeline_model_get_marks  (FlTimelineModel *self,
                                                    guint            lane,
                                                    gsize           *n_marks);

/* Computes the boxes of @lanes (all if NULL) for @query; they stay valid
 * until the next query. */
void             fl_timeline_model_query          (FlTimelineModel       *self,
                                                   const FlTimelineQuery *query,
                                                   const guint           *lanes,
                                                   guint                  n_lanes);
const FlTimelineBox *fl_timeline_model_get_boxes  (FlTimelineModel *self,
                                                   guint            lane,
                                                   gsize           *n_boxes);
/* A folded box's time in each state (FL_N_STATES entries); NULL for a
 * box that is not folded (it is all box->state). */
const gint64    *fl_timeline_model_get_box_durations (FlTimelineModel     *self,
                                                      const FlTimelineBox *box);
/* The box of the last query on @lane that contains @t, or NULL. */
const FlTimelineBox *fl_timeline_model_get_box_at (FlTimelineModel *self,
                                                   guint            lane,
                                                   gint64           t);

/* Time spent in each state by @lane in [@start, @end), exactly
 * (@durations has FL_N_STATES entries). */
void             fl_timeline_model_get_durations  (FlTimelineModel *self,
                                                   guint            lane,
                                                   gint64           start,
                                                   gint64           end,
                                                   gint64          *durations);
/* The span of @lane at @t, between the recorded events around it.
 * FALSE where the lane shows nothing (before it started, after it ended). */
gboolean         fl_timeline_model_get_span_at    (FlTimelineModel *self,
                                                   guint            lane,
                                                   gint64           t,
                                                   FlTimelineSpan  *span);
/* The output line of @lane nearest to @t within @tolerance ns, or -1. */
gint64           fl_timeline_model_get_mark_at    (FlTimelineModel *self,
                                                   guint            lane,
                                                   gint64           t,
                                                   gint64           tolerance);

G_END_DECLS
