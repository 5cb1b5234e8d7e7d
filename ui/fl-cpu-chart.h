/* fl-cpu-chart.h — the CPU utilisation widget
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One lane per core coloured by the worker that ran on it, the busy share
 * of all cores, and each worker's share of the run's CPU time; drawn with
 * FlCpuPainter (the export's painter) into render nodes, an FlSceneWidget.  Given the
 * window's FlTimeAxis (fl_scene_widget_set_axis), which the timeline above
 * lays out, it draws the same range on the same track; on an axis no view
 * lays out (its own), the whole run.  While the store's
 * run goes on it redraws at frame rate: it follows the store's end, not
 * the FlSceneWidget:live property.
 */

#pragma once

#include <gtk/gtk.h>

#include "fl-scene-widget.h"
#include "fl-time-axis.h"

G_BEGIN_DECLS

#define FL_TYPE_CPU_CHART (fl_cpu_chart_get_type ())
G_DECLARE_FINAL_TYPE (FlCpuChart, fl_cpu_chart, FL, CPU_CHART, FlSceneWidget)

GtkWidget  *fl_cpu_chart_new          (void);
/* The store, "text-scale" and the time axis are FlSceneWidget's. */
/* The time range and track of the last layout (widget coordinates). */
void        fl_cpu_chart_get_view     (FlCpuChart *self,
                                       gint64     *start,
                                       gint64     *end,
                                       double     *track_x0,
                                       double     *track_x1);

G_END_DECLS
