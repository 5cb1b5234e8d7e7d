/* fl-memory-view.h — the live memory-space diagram widget
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws with FlMemoryPainter (the export's painter).  The widget is
 * FlMemoryDiagram: FlMemoryView is the painter's view, whose name the
 * export code already uses.  While live it redraws when the sampler adds
 * memory samples (2 Hz), checked a few times a second; hovering shows the
 * exact figures of a box, bar, region or stack.
 */

#pragma once

#include <gtk/gtk.h>

#include "fl-memory-painter.h"
#include "fl-store.h"
#include "fl-theme.h"

G_BEGIN_DECLS

#define FL_TYPE_MEMORY_DIAGRAM (fl_memory_diagram_get_type ())
G_DECLARE_FINAL_TYPE (FlMemoryDiagram, fl_memory_diagram, FL, MEMORY_DIAGRAM, GtkWidget)

GtkWidget *fl_memory_diagram_new        (void);
/* The store to show; NULL shows nothing. */
void       fl_memory_diagram_set_store  (FlMemoryDiagram *self,
                                         FlStore         *store);
FlStore   *fl_memory_diagram_get_store  (FlMemoryDiagram *self);
/* The run's mode, so that children are labelled forked or spawned from
 * what the run did; -1 (the default) tells them apart by their layout. */
void       fl_memory_diagram_set_mode   (FlMemoryDiagram *self,
                                         int              mode);
/* While live, new samples are drawn as they come. */
void       fl_memory_diagram_set_live   (FlMemoryDiagram *self,
                                         gboolean         live);
gboolean   fl_memory_diagram_get_live   (FlMemoryDiagram *self);
/* Colours: NULL (the default) follows the widget's style. */
void       fl_memory_diagram_set_theme  (FlMemoryDiagram *self,
                                         FlTheme         *theme);
/* What the tooltip at (@x, @y) says, or NULL. */
char      *fl_memory_diagram_describe_at (FlMemoryDiagram *self,
                                          double           x,
                                          double           y);

void       fl_memory_diagram_set_text_scale (FlMemoryDiagram *self,
                                             double           scale);

void       fl_memory_diagram_set_at     (FlMemoryDiagram *self,
                                         gint64           at);
guint      fl_memory_diagram_count_below (FlMemoryDiagram *self,
                                          double           y);

G_END_DECLS
