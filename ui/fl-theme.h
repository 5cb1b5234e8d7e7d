/* fl-theme.h — colours and cues of Forkline's pictures
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A theme is what a painter needs besides the data: the page's colours
 * and, for every worker state, a colour from the Okabe–Ito palette (safe
 * for colour-blind viewers) and a second cue that survives a grey-scale
 * print: waiting states are drawn thinner and hatched.  Themes are
 * immutable once made and can be shared between threads.
 */

#pragma once

#include "fl-scene.h"
#include "fl-types.h"

G_BEGIN_DECLS

typedef struct
{
  FlColor   fill;
  FlColor   hatch_color;
  FlHatch   hatch;
  float     height;      /* share of the lane's box height: 1 running, less for waiting */
  gboolean  drawn;       /* FALSE: no box (not started, exited) */
  gboolean  waiting;     /* wants something it does not have */
} FlStateStyle;

typedef struct
{
  FlState     state;
  const char *label;     /* translated */
  FlColor     color;
  FlColor     hatch_color;
  FlHatch     hatch;
  float       height;    /* as in FlStateStyle */
  gboolean    drawn;     /* FALSE: shown as an outline ("exited") */
  gboolean    marker;    /* shown as a mark, not a box ("crashed") */
} FlLegendEntry;

#define FL_THEME_MAX_WORKER_COLORS 16

typedef struct _FlTheme FlTheme;

struct _FlTheme
{
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public >*/
  char         *name;           /* "light", "dark", "screen" */
  gboolean      dark;
  FlColor       background;     /* the page */
  FlColor       foreground;     /* text */
  FlColor       secondary;      /* captions, tick labels */
  FlColor       grid;           /* ruler ticks and grid lines */
  FlColor       lane_stripe;    /* every other lane */
  FlColor       group_fill;     /* a process's box */
  FlColor       group_border;
  FlColor       accent;         /* hover, selection */
  FlColor       output_marker;
  FlColor       create_arrow;
  FlColor       join_arrow;
  FlColor       message_arrow;
  FlColor       crash;
  FlColor       exit_mark;
  FlStateStyle  states[FL_N_STATES];
  FlColor       workers[FL_THEME_MAX_WORKER_COLORS];
  guint         n_workers;
};

/* The projector theme: white page, black text, strong colours. */
FlTheme       *fl_theme_new_light       (void);
FlTheme       *fl_theme_new_dark        (void);
/* A theme that matches a page of @background with @foreground text, as
 * the widget's style gives them ("as on screen"); @accent may be NULL. */
FlTheme       *fl_theme_new_from_colors (const FlColor *foreground,
                                         const FlColor *background,
                                         const FlColor *accent);
/* "light" or "dark"; NULL for any other name. */
FlTheme       *fl_theme_new_by_name     (const char    *name);
FlTheme       *fl_theme_ref             (FlTheme       *theme);
void           fl_theme_unref           (FlTheme       *theme);

const FlStateStyle *fl_theme_get_state_style (FlTheme *theme,
                                              FlState  state);
/* Worker @index's colour (CPU lanes, console), cycling through the list. */
const FlColor *fl_theme_get_worker_color (FlTheme      *theme,
                                          guint         index);
/* The legend, in FlState order, without "not started"; @n_entries set. */
const FlLegendEntry *fl_theme_get_legend (FlTheme      *theme,
                                          guint        *n_entries);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlTheme, fl_theme_unref)

G_END_DECLS
