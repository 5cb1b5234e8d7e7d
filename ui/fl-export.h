/* fl-export.h — pictures of a run for slides and papers: PNG, SVG, PDF
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Composes one scene of a run (or of a store) with the very painters the
 * window draws with — timeline, CPU chart, memory diagram — alone, as a
 * 16:9 slide (title, settings, legend, timeline, CPU chart, verdict), or
 * as a comparison of two or three runs on one time axis, and writes it
 * with fl_scene_write_file() (temporary file, then rename).  GTK-free:
 * the command line exports with no display at all, and the window calls
 * the same functions from a worker thread.
 */

#pragma once

#include <gio/gio.h>

#include "fl-program.h"
#include "fl-run.h"
#include "fl-scene-cairo.h"
#include "fl-store.h"
#include "fl-theme.h"

G_BEGIN_DECLS

typedef enum
{
  FL_EXPORT_VIEW_TIMELINE,
  FL_EXPORT_VIEW_CPU,
  FL_EXPORT_VIEW_MEMORY,
  FL_EXPORT_VIEW_SLIDE,
  FL_EXPORT_VIEW_COMPARE,
  FL_N_EXPORT_VIEWS
} FlExportView;

/* Sides of a picture, in pixels. */
#define FL_EXPORT_MIN_SIDE 240
#define FL_EXPORT_MAX_SIDE 7680
#define FL_EXPORT_MIN_SCALE 0.5
#define FL_EXPORT_MAX_SCALE 4.0

typedef struct
{
  FlExportView  view;
  guint         width;         /* of the picture in pixels; a PDF page is this at 96 dpi */
  guint         height;
  double        scale;         /* how big things are drawn: pixels per logical pixel;
                                * 0: automatic (1, or more on pictures over 1080 high) */
  FlTheme      *theme;         /* NULL: the light "projector" theme */
  gboolean      visible_only;  /* FALSE: the whole run */
  gint64        start;         /* with visible_only: the range shown, ns since the start */
  gint64        end;
  /* A slide with a program's source beside the timeline (NULL: none).
   * @source is the text, its first line numbered @source_first_line (0
   * counts as 1); @source_title names it (the file name).  With
   * @source_last ≥ 1, only the lines @source_from to @source_last (as
   * numbered) are shown; fl_export_check() says when they are not in it. */
  const char   *source;
  const char   *source_title;
  guint         source_first_line;
  guint         source_from;
  guint         source_last;
} FlExportOptions;

/* 1920 × 1080, a slide, automatic scale, light, the whole run. */
void          fl_export_options_init     (FlExportOptions       *options);

/* "timeline", "cpu", "memory", "slide", "compare". */
const char   *fl_export_view_to_string   (FlExportView           view);
gboolean      fl_export_view_from_string (const char            *text,
                                          FlExportView          *view);
/* "12-30" or "12" (one line), as --slide-source takes them; FALSE with
 * an error saying what a range is. */
gboolean      fl_export_parse_line_range (const char            *text,
                                          guint                 *from,
                                          guint                 *last,
                                          GError               **error);
/* "1920x1080" (or with "×"); FALSE with an error giving the range. */
gboolean      fl_export_parse_size       (const char            *text,
                                          guint                 *width,
                                          guint                 *height,
                                          GError               **error);
/* Checks what can be checked before anything is drawn: the format by
 * @path's extension, the folder, the size and the scale.  Nothing is
 * created. */
gboolean      fl_export_check            (const FlExportOptions *options,
                                          const char            *path,
                                          FlSceneFormat         *format,
                                          GError               **error);

/* The scene of @options.view (not compare) for @run, finished or live;
 * a run's slide needs its FlRun. */
FlScene      *fl_export_build_scene      (FlRun                 *run,
                                          const FlExportOptions *options,
                                          GError               **error);
/* The timeline, CPU or memory view of a bare store (benchmarks, tests). */
FlScene      *fl_export_build_store_scene (FlStore              *store,
                                           const FlExportOptions *options,
                                           GError              **error);
/* Two or three finished runs of one scenario, one above the other on one
 * time axis, with wall time, CPU time, speed-up over the first and peak
 * memory.  @titles name the runs; NULL entries get a name from the mode. */
FlScene      *fl_export_build_compare_scene (FlRun * const        *runs,
                                             const char * const   *titles,
                                             guint                 n_runs,
                                             const FlExportOptions *options,
                                             GError              **error);

/* Writes @scene as @options asked (size and scale) to @path. */
gboolean      fl_export_write_scene      (FlScene               *scene,
                                          const FlExportOptions *options,
                                          const char            *path,
                                          GError               **error);
/* The same, as PNG bytes (the clipboard). */
GBytes       *fl_export_scene_to_png     (FlScene               *scene,
                                          const FlExportOptions *options,
                                          GError               **error);

/**
 * fl_export_run:
 * @run: a finished (or live) run
 * @options: what to draw, how big; view must not be compare
 * @path: where; PNG, SVG or PDF by the extension
 * @error: says what went wrong and where
 *
 * Checks, draws and writes: a failure leaves no file.  The command line's
 * --run … --export and --open … --export call it.
 */
gboolean      fl_export_run              (FlRun                 *run,
                                          const FlExportOptions *options,
                                          const char            *path,
                                          GError               **error);
gboolean      fl_export_runs             (FlRun * const         *runs,
                                          const char * const    *titles,
                                          guint                  n_runs,
                                          const FlExportOptions *options,
                                          const char            *path,
                                          GError               **error);

/* The label of a run in a comparison: "Threads, with the GIL",
 * "Processes (fork)"…  @others are the runs it is compared with. */
char         *fl_export_describe_run     (FlRun                 *run,
                                          FlRun * const         *others,
                                          guint                  n_others);

/* A finished run's share of time waiting for the GIL, as a comparison
 * states it: "45%", or "unknown" with @why (may be NULL) set to the
 * reason (fl_summary_gil_wait_percent()). */
char         *fl_export_format_gil_wait  (FlRun                 *run,
                                          char                 **why);

/* The names of the two runs of CPython beside the emulation: "CPython
 * 3.11 — real" (the program's interpreter version) and "Forkline
 * emulation, emulated GIL". */
char         *fl_export_describe_python  (FlProgram             *program);
const char   *fl_export_emulation_title  (void);

/* What "speed-up" means, wherever Forkline shows one. */
const char   *fl_export_speedup_definition (void);

G_END_DECLS
