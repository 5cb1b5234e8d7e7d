/* fl-theme.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-theme"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "fl-theme.h"

/* Okabe & Ito, "Color Universal Design" (2008). */
#define OI_ORANGE     0xE69F00
#define OI_SKY_BLUE   0x56B4E9
#define OI_GREEN      0x009E73
#define OI_YELLOW     0xF0E442
#define OI_BLUE       0x0072B2
#define OI_VERMILLION 0xD55E00
#define OI_PURPLE     0xCC79A7

typedef struct
{
  FlTheme       theme;
  FlLegendEntry legend[FL_N_STATES];
  guint         n_legend;
} FlThemeReal;

static FlColor
rgb (guint32 hex)
{
  FlColor c = FL_COLOR_RGB (hex);
  return c;
}

static float
luminance (const FlColor *c)
{
  return 0.2126f * c->red + 0.7152f * c->green + 0.0722f * c->blue;
}

/* Workers are told apart by shades of the running colour, never by a hue
 * of their own: every other hue means a state.  What the CPU chart shows
 * is time on a core, running, so its bars are the timeline's running
 * colour too, one shade per worker, and a worker's dot and chips carry
 * its shade.  Positive: mixed with white; negative: with black. */
static const float worker_shades[] = {
  0.f, 0.45f, -0.45f, 0.62f, -0.7f, 0.25f, -0.25f, 0.55f,
};

/* WCAG 2 contrast ratio of two opaque colours. */
static float
channel_linear (float v)
{
  return v <= 0.04045f ? v / 12.92f : powf ((v + 0.055f) / 1.055f, 2.4f);
}

static float
relative_luminance (const FlColor *c)
{
  return 0.2126f * channel_linear (c->red) + 0.7152f * channel_linear (c->green) +
         0.0722f * channel_linear (c->blue);
}

static float
contrast_ratio (const FlColor *a,
                const FlColor *b)
{
  float la = relative_luminance (a), lb = relative_luminance (b);

  return (MAX (la, lb) + 0.05f) / (MIN (la, lb) + 0.05f);
}

/* On a dark page the darker shades would vanish into the background:
 * there every shade darkens only as far as keeps 3:1 against it (WCAG's
 * figure for graphics), so the range narrows but no worker disappears. */
static void
set_worker_shades (FlTheme *theme)
{
  FlColor black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 };
  const FlColor *running = &theme->states[FL_STATE_RUNNING].fill;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (worker_shades); i++)
    {
      float k = worker_shades[i];

      if (k >= 0)
        {
          theme->workers[i] = fl_color_mix (running, &white, k);
          continue;
        }
      k = theme->dark ? -k / 2 : -k;
      theme->workers[i] = fl_color_mix (running, &black, k);
      while (theme->dark && k > 0 && contrast_ratio (&theme->workers[i], &theme->background) < 3.1f)
        {
          k = MAX (k - 0.01f, 0.f);
          theme->workers[i] = fl_color_mix (running, &black, k);
        }
    }
  theme->n_workers = G_N_ELEMENTS (worker_shades);
}

static void
set_state (FlTheme  *theme,
           FlState   state,
           guint32   fill,
           FlHatch   hatch,
           float     height,
           gboolean  waiting)
{
  FlStateStyle *style = &theme->states[state];
  FlColor black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 };

  style->fill = rgb (fill);
  style->hatch = hatch;
  style->height = height;
  style->drawn = TRUE;
  style->waiting = waiting;
  /* Stripes that stand out from the fill in colour and in grey. */
  if (luminance (&style->fill) > 0.45f)
    style->hatch_color = fl_color_mix (&style->fill, &black, 0.45f);
  else
    style->hatch_color = fl_color_mix (&style->fill, &white, 0.42f);
}

static void
build_legend (FlThemeReal *real)
{
  FlTheme *theme = &real->theme;
  guint s;

  real->n_legend = 0;
  for (s = FL_STATE_RUNNING; s < FL_N_STATES; s++)
    {
      FlLegendEntry *e = &real->legend[real->n_legend++];
      const FlStateStyle *style = &theme->states[s];

      e->state = s;
      e->label = fl_state_get_short_label (s);
      e->color = s == FL_STATE_CRASHED ? theme->crash : style->fill;
      e->hatch_color = style->hatch_color;
      e->hatch = style->hatch;
      e->height = style->height;
      e->drawn = style->drawn;
      e->marker = s == FL_STATE_CRASHED;
    }
}

static FlThemeReal *
theme_new (const char *name,
           gboolean    dark)
{
  FlThemeReal *real = g_new0 (FlThemeReal, 1);
  FlTheme *theme = &real->theme;

  g_atomic_ref_count_init (&theme->ref_count);
  theme->name = g_strdup (name);
  theme->dark = dark;

  if (dark)
    {
      theme->background = rgb (0x1e1e1e);
      theme->foreground = rgb (0xffffff);
      theme->secondary = rgb (0xb4b4b8);
      theme->grid = rgb (0x3c3c40);
      theme->lane_stripe = rgb (0x242426);
      theme->group_fill = rgb (0x28282b);
      theme->group_border = rgb (0x505056);
      theme->output_marker = rgb (0xe8e8e8);
      theme->create_arrow = rgb (0xc0c0c6);
      theme->join_arrow = rgb (0xc0c0c6);
      theme->exit_mark = rgb (0xe0e0e0);
    }
  else
    {
      theme->background = rgb (0xffffff);
      theme->foreground = rgb (0x111111);
      theme->secondary = rgb (0x505058);
      theme->grid = rgb (0xd6d6da);
      theme->lane_stripe = rgb (0xf5f5f7);
      theme->group_fill = rgb (0xfafafb);
      theme->group_border = rgb (0xa8a8b0);
      theme->output_marker = rgb (0x2a2a2a);
      theme->create_arrow = rgb (0x4a4a52);
      theme->join_arrow = rgb (0x4a4a52);
      theme->exit_mark = rgb (0x2a2a2a);
    }
  theme->accent = theme->foreground;
  theme->message_arrow = rgb (OI_ORANGE);
  theme->crash = rgb (0xE0001B);

  set_state (theme, FL_STATE_RUNNING, OI_GREEN, FL_HATCH_NONE, 1.f, FALSE);
  set_state (theme, FL_STATE_RUNNABLE, OI_YELLOW, FL_HATCH_DIAGONAL, .62f, TRUE);
  set_state (theme, FL_STATE_SLEEPING, OI_SKY_BLUE, FL_HATCH_NONE, .62f, FALSE);
  set_state (theme, FL_STATE_IO, OI_BLUE, FL_HATCH_DOTS, .62f, TRUE);
  set_state (theme, FL_STATE_LOCK, OI_VERMILLION, FL_HATCH_CROSS, .62f, TRUE);
  set_state (theme, FL_STATE_GIL, OI_PURPLE, FL_HATCH_BACK_DIAGONAL, .62f, TRUE);
  set_state (theme, FL_STATE_JOIN, dark ? 0xa8a8ae : 0xc4c4ca, FL_HATCH_DIAGONAL, .62f, TRUE);
  set_state (theme, FL_STATE_ZOMBIE, dark ? 0x78787e : 0x58585e, FL_HATCH_NONE, .4f, FALSE);
  set_state (theme, FL_STATE_CRASHED, 0xE0001B, FL_HATCH_NONE, 1.f, FALSE);
  set_state (theme, FL_STATE_BLOCKED, dark ? 0x8a8a90 : 0x9a9aa0, FL_HATCH_CROSS, .5f, TRUE);
  theme->states[FL_STATE_NONE].drawn = FALSE;
  theme->states[FL_STATE_EXITED].drawn = FALSE;
  theme->states[FL_STATE_CRASHED].drawn = FALSE;

  set_worker_shades (theme);

  build_legend (real);
  return real;
}

FlTheme *
fl_theme_new_light (void)
{
  return &theme_new ("light", FALSE)->theme;
}

FlTheme *
fl_theme_new_dark (void)
{
  return &theme_new ("dark", TRUE)->theme;
}

FlTheme *
fl_theme_new_from_colors (const FlColor *foreground,
                          const FlColor *background,
                          const FlColor *accent)
{
  FlColor bg = *background, fg = *foreground;
  gboolean dark;
  FlThemeReal *real;
  FlTheme *theme;

  /* A see-through background is the window's: assume an opaque one of
   * the same colour. */
  bg.alpha = 1;
  fg.alpha = 1;
  dark = luminance (&bg) < 0.5f;
  real = theme_new ("screen", dark);
  theme = &real->theme;
  theme->background = bg;
  theme->foreground = fg;
  theme->secondary = fl_color_mix (&fg, &bg, 0.3f);
  theme->grid = fl_color_mix (&bg, &fg, dark ? 0.16f : 0.15f);
  theme->lane_stripe = fl_color_mix (&bg, &fg, dark ? 0.025f : 0.035f);
  theme->group_fill = fl_color_mix (&bg, &fg, dark ? 0.045f : 0.015f);
  theme->group_border = fl_color_mix (&bg, &fg, dark ? 0.28f : 0.34f);
  theme->output_marker = fl_color_mix (&fg, &bg, 0.1f);
  theme->create_arrow = fl_color_mix (&fg, &bg, 0.25f);
  theme->join_arrow = theme->create_arrow;
  theme->exit_mark = fl_color_mix (&fg, &bg, 0.1f);
  theme->accent = accent ? *accent : fg;
  set_worker_shades (theme);
  build_legend (real);
  return theme;
}

FlTheme *
fl_theme_new_by_name (const char *name)
{
  if (g_strcmp0 (name, "light") == 0)
    return fl_theme_new_light ();
  if (g_strcmp0 (name, "dark") == 0)
    return fl_theme_new_dark ();
  return NULL;
}

FlTheme *
fl_theme_ref (FlTheme *theme)
{
  g_atomic_ref_count_inc (&theme->ref_count);
  return theme;
}

void
fl_theme_unref (FlTheme *theme)
{
  if (!g_atomic_ref_count_dec (&theme->ref_count))
    return;
  g_free (theme->name);
  g_free ((FlThemeReal *) theme);
}

const FlStateStyle *
fl_theme_get_state_style (FlTheme *theme,
                          FlState  state)
{
  return &theme->states[(guint) state < FL_N_STATES ? state : FL_STATE_NONE];
}

const FlColor *
fl_theme_get_worker_color (FlTheme *theme,
                           guint    index)
{
  return &theme->workers[index % theme->n_workers];
}

const FlLegendEntry *
fl_theme_get_legend (FlTheme *theme,
                     guint   *n_entries)
{
  FlThemeReal *real = (FlThemeReal *) theme;

  *n_entries = real->n_legend;
  return real->legend;
}
