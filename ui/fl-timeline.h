/* fl-timeline.h — the live timeline widget: one lane per worker
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws with FlTimelinePainter (the export's painter) into render nodes,
 * caching the static picture and drawing the hover on top.
 *
 * Input: Ctrl+scroll, pinch, "+" and "−" zoom; drag and scroll pan (plain
 * vertical scroll moves the lanes when they do not all fit, else time);
 * "0" zooms to fit, "F" follows the live edge, arrows pan.  The same as
 * actions, for menus and buttons: "timeline.zoom-in", "timeline.zoom-out",
 * "timeline.zoom-fit", "timeline.follow".
 */

#pragma once

#include <gtk/gtk.h>

#include "fl-scene-widget.h"
#include "fl-time-axis.h"
#include "fl-timeline-model.h"

G_BEGIN_DECLS

#define FL_TYPE_TIMELINE (fl_timeline_get_type ())
G_DECLARE_FINAL_TYPE (FlTimeline, fl_timeline, FL, TIMELINE, FlSceneWidget)

GtkWidget *fl_timeline_new            (void);
/* The store, "live", "text-scale", the theme and the time axis are
 * FlSceneWidget's (fl_scene_widget_set_store() and the like).  While
 * live, the widget redraws at frame rate and, when following, keeps the
 * newest time in view.  It lays its axis out: its visible range and
 * track go on it, for the views under it. */
void       fl_timeline_set_follow     (FlTimeline *self,
                                       gboolean    follow);
gboolean   fl_timeline_get_follow     (FlTimeline *self);
/* The whole run; while live, it keeps fitting as the run grows. */
void       fl_timeline_zoom_to_fit    (FlTimeline *self);
/* Multiplies the visible duration by @factor (< 1 zooms in) around @anchor_x
 * (widget coordinates; < 0: the middle). */
void       fl_timeline_zoom           (FlTimeline *self,
                                       double      factor,
                                       double      anchor_x);
/* The visible time range, ns since the run started; two timelines can share
 * one axis by binding these ("visible-start", "visible-end" properties). */
void       fl_timeline_set_visible_range (FlTimeline *self,
                                          gint64      start,
                                          gint64      end);
void       fl_timeline_get_visible_range (FlTimeline *self,
                                          gint64     *start,
                                          gint64     *end);
/* The x range of the time axis in widget coordinates, as last laid out.
 * Views under the timeline read it, and the range, from the FlTimeAxis it
 * lays out ("axis"), which says when either changed. */
void       fl_timeline_get_track      (FlTimeline *self,
                                       double     *x0,
                                       double     *x1);

/* A legend under the lanes ("show-legend", default FALSE: the window may
 * place fl_legend_paint() elsewhere). */
void       fl_timeline_set_show_legend (FlTimeline *self,
                                        gboolean    show);
gboolean   fl_timeline_get_show_legend (FlTimeline *self);
/* Lanes scrolled up by this many pixels. */
double     fl_timeline_get_scroll_y   (FlTimeline *self);
/* The model the widget draws from (NULL without a store): export of
 * "the visible part" can paint it again with the same range. */
FlTimelineModel *fl_timeline_get_model (FlTimeline *self);
G_END_DECLS
