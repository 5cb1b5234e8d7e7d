/* fl-output-item.h — one printed line, as an item of the console's model
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FL_TYPE_OUTPUT_ITEM (fl_output_item_get_type ())
G_DECLARE_FINAL_TYPE (FlOutputItem, fl_output_item, FL, OUTPUT_ITEM, GObject)

/* @color: the worker's colour index, -1 for the main process. */
FlOutputItem *fl_output_item_new           (gint64      t,
                                            guint       lane,
                                            int         color,
                                            const char *worker,
                                            const char *text,
                                            gboolean    truncated);
gint64        fl_output_item_get_t         (FlOutputItem *self);
guint         fl_output_item_get_lane      (FlOutputItem *self);
int           fl_output_item_get_color     (FlOutputItem *self);
const char   *fl_output_item_get_worker    (FlOutputItem *self);
const char   *fl_output_item_get_text      (FlOutputItem *self);
gboolean      fl_output_item_get_truncated (FlOutputItem *self);

/* A traceback's `File "PATH", line N` line: TRUE with the path and the
 * line (1-based). */
gboolean      fl_output_item_parse_source_line (const char   *text,
                                                char        **file,
                                                guint        *line);
gboolean      fl_output_item_get_source_line   (FlOutputItem *self,
                                                char        **file,
                                                guint        *line);

G_END_DECLS
