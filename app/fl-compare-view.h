/* fl-compare-view.h — one scenario in every mode, one run after another
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fl-program.h"
#include "fl-run.h"

G_BEGIN_DECLS

#define FL_TYPE_COMPARE_VIEW (fl_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (FlCompareView, fl_compare_view, FL, COMPARE_VIEW, AdwBin)

GtkWidget  *fl_compare_view_new         (void);
/* Runs @scenario as threads, as processes and, when its GIL is on by
 * default, as threads without the GIL: one after another, so that they
 * do not compete for cores.  @options gives the workers, parameters and
 * switch interval; mode and GIL are the comparison's.  FALSE when the
 * scenario allows fewer than two of these runs. */
gboolean    fl_compare_view_start       (FlCompareView      *self,
                                         FlScenario         *scenario,
                                         const FlRunOptions *options);
/* Runs the Python @program with @args twice, one run after the other:
 * with "--mode threads" and with "--mode processes" (any --mode in @args
 * replaced).  @options gives the sample rate and time limit.  FALSE with
 * an error when the program takes no --mode. */
gboolean    fl_compare_view_start_program (FlCompareView      *self,
                                           FlProgram          *program,
                                           const char * const *args,
                                           const FlRunOptions *options,
                                           GError            **error);
/* The program on real CPython beside @preset on Forkline's emulation
 * with the emulated GIL on: the same worker count and mode (@args' or
 * threads and the preset's default count, then stated to both).  FALSE
 * with an error when they cannot be matched (fl_program_plan_emulation()). */
gboolean    fl_compare_view_start_python_vs_emulation (FlCompareView      *self,
                                                       FlProgram          *program,
                                                       const char * const *args,
                                                       FlScenario         *preset,
                                                       const FlRunOptions *options,
                                                       GError            **error);
/* Stops the run under way and skips the ones not started. */
void        fl_compare_view_stop        (FlCompareView      *self);
gboolean    fl_compare_view_get_running (FlCompareView      *self);
/* "Run 2 of 3: Processes (fork)", "3 runs compared" … ("status" property). */
const char *fl_compare_view_get_status  (FlCompareView      *self);
guint       fl_compare_view_get_n_runs  (FlCompareView      *self);
/* The @index-th run, NULL when it has not started (or could not). */
FlRun      *fl_compare_view_get_run     (FlCompareView      *self,
                                         guint               index);

/* The legend under the timelines: what the ended runs show, together
 * (FL_LEGEND_ bits), its entries as listed and read to screen readers
 * (NULL before a run has ended), and its widget. */
guint32             fl_compare_view_get_legend_use     (FlCompareView *self);
const char * const *fl_compare_view_get_legend_entries (FlCompareView *self);
GtkWidget          *fl_compare_view_get_legend         (FlCompareView *self);

/* Text and lanes of the timelines this many times their normal size. */
void           fl_compare_view_set_text_scale (FlCompareView *self,
                                               double         scale);

G_END_DECLS
