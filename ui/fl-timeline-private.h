/* fl-timeline-private.h — FlTimeline's state, shared with its input handling
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fl-time-axis.h"
#include "fl-timeline.h"
#include "fl-timeline-painter.h"

G_BEGIN_DECLS

/* The deepest zoom: a few ns per pixel is below any clock we read. */
#define FL_TIMELINE_MIN_DURATION 200
/* Following without a chosen zoom shows the whole run until it is this long,
 * then this much of its end. */
#define FL_TIMELINE_FOLLOW_WINDOW G_GINT64_CONSTANT (5000000000)

struct _FlTimeline
{
  FlSceneWidget      parent_instance;

  FlTimelineModel   *model;
  gboolean           follow;
  gboolean           follow_auto;   /* following at no chosen zoom: the whole run, then its last seconds */
  gboolean           fitted;        /* the range is the whole run, as it grows */
  gboolean           show_legend;
  gint64             hover_t;       /* the time under the pointer, or -1 */
  gint64             start;
  gint64             end;
  double             scroll_y;
  guint              n_lanes_measured; /* lanes when the height was last asked for */

  /* gestures */
  gint64             drag_start;
  gint64             drag_end;
  double             drag_scroll;
  double             drag_ns_per_px;
  gint64             pinch_start;
  gint64             pinch_end;
  double             pinch_anchor;
};

/* The layout of the last allocation (FlSceneWidget's painter), or NULL. */
static inline FlTimelinePainter *
fl_timeline_get_painter (FlTimeline *self)
{
  return fl_scene_widget_get_painter (FL_SCENE_WIDGET (self));
}

void     fl_timeline_install_input  (FlTimelineClass *klass);
void     fl_timeline_init_input     (FlTimeline      *self);
/* Sets the range, leaving fit mode; clamps to the run. */
void     fl_timeline_set_range      (FlTimeline      *self,
                                     gint64           start,
                                     gint64           end);
void     fl_timeline_set_hover_time (FlTimeline      *self,
                                     gint64           t);
void     fl_timeline_scroll_lanes   (FlTimeline      *self,
                                     double           dy);
/* ns per pixel of the last frame (or a guess before the first). */
double   fl_timeline_ns_per_px      (FlTimeline      *self);

G_END_DECLS
