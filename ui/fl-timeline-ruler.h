/* fl-timeline-ruler.h — the time ruler's choice of ticks, shared by the charts
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gint64  fl_timeline_ruler_step  (gint64    end,
                                 double    ns_per_px,
                                 float     font,
                                 gint64   *minor,
                                 gboolean *relative);
char   *fl_timeline_format_time (gint64    t,
                                 gint64    step);

G_END_DECLS
