/* fl-test-util.h — helpers the test programs share
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fl-catalog.h"
#include "fl-run.h"

G_BEGIN_DECLS

/* The presets (and user scenarios), loaded once per test program. */
FlCatalog  *fl_test_catalog      (void);
/* A preset by id; the test fails when there is none. */
FlScenario *fl_test_preset       (const char         *id);
/* A run of preset @id, not started; @workers 0 keeps the scenario's number,
 * @params is NULL-terminated or NULL. */
FlRun      *fl_test_new_run      (const char         *id,
                                  FlMode              mode,
                                  guint               workers,
                                  const char * const *params);
/* The same, run to its end. */
FlRun      *fl_test_run_preset   (const char         *id,
                                  FlMode              mode,
                                  guint               workers,
                                  const char * const *params);
/* A run of @scenario with @options, run to its end; the test fails on error. */
FlRun      *fl_test_run_sync     (FlScenario         *scenario,
                                  const FlRunOptions *options);
/* A new folder under the temporary folder, from @tmpl ("forkline-x-XXXXXX"). */
char       *fl_test_make_tmp_dir (const char         *tmpl);
/* Removes @path and all below it; a link is removed, never followed. */
void        fl_test_remove_tree  (const char         *path);
/* How many entries the folder @path holds. */
guint       fl_test_count_dir_entries (const char    *path);
/* A track of a Chrome trace (pid, tid), as a GHashTable key. */
typedef struct
{
  gint64 pid;
  gint64 tid;
} FlTestTrack;

guint       fl_test_track_hash   (gconstpointer       p);
gboolean    fl_test_track_equal  (gconstpointer       a,
                                  gconstpointer       b);
/* Runs the main context for @ms milliseconds. */
void        fl_test_wait_ms      (guint               ms);

#ifdef FL_TEST_WITH_GTK
#include <gtk/gtk.h>

/* Presents @widget alone in a new window of @width x @height and waits
 * until it is mapped and allocated; returns the window (destroy it). */
GtkWidget     *fl_test_show_widget     (GtkWidget *widget,
                                        int        width,
                                        int        height);
/* What @widget draws now, as one render node. */
GskRenderNode *fl_test_snapshot_widget (GtkWidget *widget);
#endif

/* Frees what the helpers keep; call at the end of main(). */
void        fl_test_util_cleanup (void);

G_END_DECLS
