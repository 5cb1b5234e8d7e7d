/* fl-cpu-chart.h — the CPU utilisation widget
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One lane per core coloured by the worker that ran on it, the busy share
 * of all cores, and each worker's share of the run's CPU time; drawn with
 * FlCpuLayout (the export's painter) into render nodes.  Given the
 * window's FlTimeAxis (fl_cpu_chart_set_axis), which the timeline above
 * lays out, it draws the same range on the same track.  While the store's
 * run goes on it redraws at frame rate.
 */

#pragma once

#include <gtk/gtk.h>

#include "fl-store.h"
#include "fl-theme.h"
#include "fl-time-axis.h"

G_BEGIN_DECLS

#define FL_TYPE_CPU_CHART (fl_cpu_chart_get_type ())
G_DECLARE_FINAL_TYPE (FlCpuChart, fl_cpu_chart, FL, CPU_CHART, GtkWidget)

GtkWidget  *fl_cpu_chart_new          (void);
/* The store to show; NULL shows nothing. */
void        fl_cpu_chart_set_store    (FlCpuChart *self,
                                       FlStore    *store);
FlStore    *fl_cpu_chart_get_store    (FlCpuChart *self);
/* The timeline whose time axis the chart follows; NULL: the whole run,
 * on an axis of its own. */
void        fl_cpu_chart_set_axis     (FlCpuChart *self,
                                       FlTimeAxis *axis);
FlTimeAxis *fl_cpu_chart_get_axis     (FlCpuChart *self);
/* Colours: NULL (the default) follows the widget's style. */
void        fl_cpu_chart_set_theme    (FlCpuChart *self,
                                       FlTheme    *theme);
/* The time range and track of the last frame (widget coordinates). */
void        fl_cpu_chart_get_view     (FlCpuChart *self,
                                       gint64     *start,
                                       gint64     *end,
                                       double     *track_x0,
                                       double     *track_x1);
/* What the tooltip at (@x, @y) says, or NULL. */
char       *fl_cpu_chart_describe_at  (FlCpuChart *self,
                                       double      x,
                                       double      y);

void        fl_cpu_chart_set_text_scale (FlCpuChart *self,
                                         double      scale);

G_END_DECLS
