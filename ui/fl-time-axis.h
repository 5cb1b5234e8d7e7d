/* fl-time-axis.h — one time axis shared by the views of a window
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FL_TYPE_TIME_AXIS (fl_time_axis_get_type ())
G_DECLARE_FINAL_TYPE (FlTimeAxis, fl_time_axis, FL, TIME_AXIS, GObject)

FlTimeAxis *fl_time_axis_new       (void);
void        fl_time_axis_set_range (FlTimeAxis *self,
                                    gint64      start,
                                    gint64      end);
void        fl_time_axis_get_range (FlTimeAxis *self,
                                    gint64     *start,
                                    gint64     *end);
void        fl_time_axis_set_track (FlTimeAxis *self,
                                    double      x0,
                                    double      x1);
void        fl_time_axis_get_track (FlTimeAxis *self,
                                    double     *x0,
                                    double     *x1);
gboolean    fl_time_axis_has_track (FlTimeAxis *self);

G_END_DECLS
