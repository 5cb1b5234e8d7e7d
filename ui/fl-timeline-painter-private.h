/* fl-timeline-painter-private.h — the painter's layout, shared by its files
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fl-timeline-painter.h"
#include "fl-timeline-ruler.h"

G_BEGIN_DECLS

typedef struct
{
  guint lane;
  guint group;
  float y;                /* row top, in content coordinates (0 = top of the first group) */
} FlPainterRow;

typedef struct
{
  guint  process_lane;
  guint  first_row;
  guint  n_rows;
  float  y;               /* frame top, content coordinates */
  float  h;
  char  *caption;
} FlPainterGroup;

struct _FlTimelinePainter
{
  FlTimelineModel *model;
  FlTimelineView   view;
  FlTheme         *theme;

  float   font;           /* lane labels */
  float   small_font;     /* captions, ticks */
  float   row_h;
  float   box_h;
  float   caption_h;
  float   group_pad;
  float   group_gap;

  float   ruler_y, ruler_h;
  float   lanes_y, lanes_h;       /* the scrolled area, scene coordinates */
  float   legend_y, legend_h;
  guint32 legend_use;             /* what the legend lists: what the run shows */
  float   frame_x0, frame_x1;
  float   label_x, label_w;
  float   track_x0, track_x1;
  float   content_h;
  double  ns_per_px;

  GArray *rows;                   /* of FlPainterRow */
  GArray *groups;                 /* of FlPainterGroup */
  int    *lane_row;               /* lane → row, -1 if none */
  guint   n_lanes;
  gsize   n_boxes;
};

static inline float
fl_painter_snap (const FlTimelinePainter *self,
                 double                   v)
{
  float scale = self->view.scale > 0 ? self->view.scale : 1.f;
  return (float) (((gint64) (v * scale + (v >= 0 ? 0.5 : -0.5))) / scale);
}

/* Scene y of a row's top. */
static inline float
fl_painter_row_top (const FlTimelinePainter *self,
                    const FlPainterRow      *row)
{
  return self->lanes_y + row->y - self->view.scroll_y;
}

/* The ruler: in fl-timeline-ruler.c */
void  fl_timeline_paint_ruler   (FlTimelinePainter *self,
                                 FlScene           *scene);
void  fl_timeline_paint_grid    (FlTimelinePainter *self,
                                 FlScene           *scene);

G_END_DECLS
