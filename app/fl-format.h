/* fl-format.h — numbers and names as the window shows them
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "fl-types.h"

G_BEGIN_DECLS

/* "850 ms", "2.0 s", "1 min 5 s". */
char       *fl_format_duration_ns    (gint64  ns);
/* "12.3 MB" from kibibytes. */
char       *fl_format_memory_kb      (guint64 kb);
/* "1.002 s": a time on the run's clock, for the console. */
char       *fl_format_timestamp_ns   (gint64  ns);

G_END_DECLS
