/* fl-memory-view.h — the live memory-space diagram widget
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An FlSceneWidget that draws with FlMemoryPainter (the export's painter).  The widget is
 * FlMemoryDiagram: FlMemoryView is the painter's view, whose name the
 * export code already uses.  While live it redraws when the sampler adds
 * memory samples (2 Hz), checked a few times a second; hovering shows the
 * exact figures of a box, bar, region or stack.
 */

#pragma once

#include <gtk/gtk.h>

#include "fl-memory-painter.h"
#include "fl-scene-widget.h"

G_BEGIN_DECLS

#define FL_TYPE_MEMORY_DIAGRAM (fl_memory_diagram_get_type ())
G_DECLARE_FINAL_TYPE (FlMemoryDiagram, fl_memory_diagram, FL, MEMORY_DIAGRAM, FlSceneWidget)

GtkWidget *fl_memory_diagram_new        (void);
/* The store, "live" and "text-scale" are FlSceneWidget's. */
/* The run's mode, so that children are labelled forked or spawned from
 * what the run did; -1 (the default) tells them apart by their layout. */
void       fl_memory_diagram_set_mode   (FlMemoryDiagram *self,
                                         int              mode);
void       fl_memory_diagram_set_at     (FlMemoryDiagram *self,
                                         gint64           at);
guint      fl_memory_diagram_count_below (FlMemoryDiagram *self,
                                          double           y);

G_END_DECLS
