/* fl-timeline-painter.h — paints a timeline into an FlScene
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lanes grouped by process (the threads of one process inside one framed
 * box labelled with its pid: one address space), the main process first;
 * state boxes at the model's level of detail; output markers, creation,
 * join and message arrows, crash and exit marks; a time ruler on top.
 * The same painter serves the window (fl-timeline.c) and export, so both
 * show the same picture.  GTK-free.
 */

#pragma once

#include "fl-scene.h"
#include "fl-theme.h"
#include "fl-timeline-model.h"

G_BEGIN_DECLS

typedef struct
{
  float     x, y;         /* where in the scene the timeline goes */
  float     width;
  float     height;
  gint64    start;        /* the visible time range, ns since the run started */
  gint64    end;
  float     scroll_y;     /* lanes scrolled up by this many pixels */
  float     scale;        /* device pixels per logical pixel, to snap edges; 0: 1 */
  float     font_size;    /* text of lane labels; 0: 12, everything else follows */
  FlTheme  *theme;
  gboolean  background;   /* fill with the theme's background first */
  gboolean  legend;       /* a legend under the lanes */
  guint     max_boxes;    /* boxes on all visible lanes together; 0: 14000 */
  gboolean  fill;         /* lanes grow (up to 2.5 times) to fill a taller view */
} FlTimelineView;

typedef struct _FlTimelinePainter FlTimelinePainter;

/* Lays @model out for @view (the model should be synced). */
FlTimelinePainter *fl_timeline_painter_new      (FlTimelineModel      *model,
                                                 const FlTimelineView *view);
void               fl_timeline_painter_free     (FlTimelinePainter    *self);

/* The static picture: ruler, groups, lanes, boxes, markers, arrows. */
void               fl_timeline_painter_paint    (FlTimelinePainter    *self,
                                                 FlScene              *scene);
/* What goes on top while the pointer is at (@x, @y): the hovered span or
 * box framed, a cursor line and its time in the ruler.  Uses the boxes of
 * the last fl_timeline_painter_paint() of this model. */
void               fl_timeline_painter_paint_hover (FlTimelinePainter *self,
                                                    FlScene           *scene,
                                                    double             x,
                                                    double             y);

/* The height @view needs to show every lane without scrolling (export of
 * a whole run; @view's height is ignored). */
float              fl_timeline_painter_measure_height (FlTimelineModel      *model,
                                                       const FlTimelineView *view);

/* Geometry, for the widget's arithmetic. */
/* The x range of the time axis. */
void               fl_timeline_painter_get_track  (FlTimelinePainter *self,
                                                   double            *x0,
                                                   double            *x1);
double             fl_timeline_painter_x_to_time  (FlTimelinePainter *self,
                                                   double             x);
double             fl_timeline_painter_time_to_x  (FlTimelinePainter *self,
                                                   double             t);
/* The height all lane groups need and the height they are shown in; the
 * difference is how far they can scroll. */
float              fl_timeline_painter_get_content_height (FlTimelinePainter *self);
float              fl_timeline_painter_get_lanes_height   (FlTimelinePainter *self);
/* The lane at (@x, @y), or -1 (outside the lanes, or on a group caption). */
int                fl_timeline_painter_lane_at    (FlTimelinePainter *self,
                                                   double             x,
                                                   double             y);
/* The top and height of @lane's row, in scene coordinates; FALSE if it is
 * not laid out. */
gboolean           fl_timeline_painter_get_lane_row (FlTimelinePainter *self,
                                                     guint              lane,
                                                     float             *y,
                                                     float             *height);
/* What the pointer is on at (@x, @y), in words (a tooltip), or NULL. */
char              *fl_timeline_painter_describe_at (FlTimelinePainter *self,
                                                    double             x,
                                                    double             y);
/* Nodes the last paint drew boxes for (for benchmarks and tests). */
gsize              fl_timeline_painter_get_n_boxes (FlTimelinePainter *self);

/* The table of the functions above, for FlSceneWidget. */
extern const FlPainterFuncs fl_timeline_painter_funcs;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlTimelinePainter, fl_timeline_painter_free)

/* What a legend lists: bit S for state S, and the marks below.  Pictures
 * list only what they show (fl_legend_use_of_model()). */
#define FL_LEGEND_OUTPUT  (1u << 16)
#define FL_LEGEND_CREATE  (1u << 17)
#define FL_LEGEND_JOIN    (1u << 18)
#define FL_LEGEND_MESSAGE (1u << 19)
#define FL_LEGEND_STOPPED (1u << 20)
#define FL_LEGEND_ALL     G_MAXUINT32

/* The states and marks @model's run shows (over the whole run). */
guint32            fl_legend_use_of_model         (FlTimelineModel   *model);

/* A legend of the states and marks at (@x, @y), wrapping within @width;
 * returns the height it took.  @font_size 0: 12. */
float              fl_legend_paint                (FlScene           *scene,
                                                   FlTheme           *theme,
                                                   float              x,
                                                   float              y,
                                                   float              width,
                                                   float              font_size,
                                                   guint32            use);
/* The height fl_legend_paint() would take. */
float              fl_legend_measure              (FlTheme           *theme,
                                                   float              width,
                                                   float              font_size,
                                                   guint32            use);

/* Time formats of the ruler and tooltips: "12.5 ms", "3.2 s", "850 ns". */
char              *fl_timeline_format_duration             (gint64             ns);

G_END_DECLS
