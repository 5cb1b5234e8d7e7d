/* fl-export.c — the scenes of exported pictures, and writing them
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layouts are in logical pixels: the picture's size divided by the scale,
 * so a 3840 × 2160 slide at scale 2 is laid out as a 1920 × 1080 one and
 * drawn twice as sharp.  The slide's sizes follow its height (a unit of
 * 1/1080th), so that it reads the same at any resolution.
 */

#define G_LOG_DOMAIN "fl-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fl-chrome-trace.h"
#include "fl-cpu-painter.h"
#include "fl-export.h"
#include "fl-memory-painter.h"
#include "fl-program.h"
#include "fl-summary.h"
#include "fl-timeline-model.h"
#include "fl-timeline-painter.h"

#define MAX_COMPARED 3

static const char * const view_names[FL_N_EXPORT_VIEWS] = {
  "timeline", "cpu", "memory", "slide", "compare",
};

void
fl_export_options_init (FlExportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->view = FL_EXPORT_VIEW_SLIDE;
  options->width = 1920;
  options->height = 1080;
}

const char *
fl_export_view_to_string (FlExportView view)
{
  g_return_val_if_fail (view < FL_N_EXPORT_VIEWS, NULL);
  return view_names[view];
}

gboolean
fl_export_view_from_string (const char   *text,
                            FlExportView *view)
{
  guint i;

  for (i = 0; text != NULL && i < FL_N_EXPORT_VIEWS; i++)
    if (g_ascii_strcasecmp (text, view_names[i]) == 0)
      {
        *view = (FlExportView) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
fl_export_parse_size (const char  *text,
                      guint       *width,
                      guint       *height,
                      GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint64 w = 0, h = 0;
  g_autofree char *norm = NULL;

  if (text != NULL)
    {
      /* "1920x1080", "1920X1080" or "1920×1080" */
      g_autoptr(GString) s = g_string_new (text);
      g_string_replace (s, "×", "x", 0);
      g_string_replace (s, "X", "x", 0);
      norm = g_string_free (g_steal_pointer (&s), FALSE);
      parts = g_strsplit (norm, "x", -1);
    }
  if (parts == NULL || g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, FL_EXPORT_MIN_SIDE, FL_EXPORT_MAX_SIDE, &w, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, FL_EXPORT_MIN_SIDE, FL_EXPORT_MAX_SIDE, &h, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The size is WIDTHxHEIGHT in pixels, each from %d to %d (as in 1920x1080), not “%s”"),
                   FL_EXPORT_MIN_SIDE, FL_EXPORT_MAX_SIDE, text ? text : "");
      return FALSE;
    }
  *width = (guint) w;
  *height = (guint) h;
  return TRUE;
}

gboolean
fl_export_parse_line_range (const char  *text,
                            guint       *from,
                            guint       *last,
                            GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint64 a = 0, b = 0;

  if (text != NULL)
    parts = g_strsplit (text, "-", 3);
  if (parts == NULL || parts[0] == NULL ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXINT, &a, NULL) ||
      (parts[1] != NULL && (parts[2] != NULL ||
                            !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXINT, &b, NULL))))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a range of lines: write FIRST-LAST (“12-30”) or one line number, from 1"),
                   text ? text : "");
      return FALSE;
    }
  if (parts[1] == NULL)
    b = a;
  if (b < a)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The range of lines %s ends before it starts"), text);
      return FALSE;
    }
  *from = (guint) a;
  *last = (guint) b;
  return TRUE;
}

static guint
count_lines (const char *text)
{
  guint n = 0;
  const char *p;

  if (text == NULL || *text == '\0')
    return 0;
  for (p = text; *p; p++)
    if (*p == '\n')
      n++;
  /* A last line without its newline counts too. */
  if (p > text && p[-1] != '\n')
    n++;
  return n;
}

static guint
source_first (const FlExportOptions *options)
{
  return options->source_first_line > 0 ? options->source_first_line : 1;
}

static gboolean
check_source (const FlExportOptions *options,
              GError               **error)
{
  guint first = source_first (options);
  guint n = count_lines (options->source);

  if (options->view != FL_EXPORT_VIEW_SLIDE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The program's source goes on a slide only"));
      return FALSE;
    }
  if (options->source_last == 0)
    return TRUE;
  if (options->source_from > options->source_last)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The range of lines %u–%u ends before it starts"), options->source_from, options->source_last);
      return FALSE;
    }
  if (options->source_from < first || options->source_last > first + n - 1 || n == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Lines %u–%u are not in the program: it has %u line",
                                "Lines %u–%u are not in the program: it has %u lines", n),
                   options->source_from, options->source_last, n);
      return FALSE;
    }
  return TRUE;
}

static double
effective_scale (const FlExportOptions *options)
{
  if (options->scale > 0)
    return options->scale;
  return MAX (1.0, options->height / 1080.0);
}

gboolean
fl_export_check (const FlExportOptions *options,
                 const char            *path,
                 FlSceneFormat         *format,
                 GError               **error)
{
  FlSceneFormat f;

  if (path == NULL || !fl_scene_format_from_path (path, &f))
    {
      g_autofree char *display = path ? g_filename_display_name (path) : g_strdup ("");
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot tell the format of “%s”: the name must end in .png, .svg or .pdf"), display);
      return FALSE;
    }
  if (options->view >= FL_N_EXPORT_VIEWS)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Unknown view"));
      return FALSE;
    }
  if (options->width < FL_EXPORT_MIN_SIDE || options->width > FL_EXPORT_MAX_SIDE ||
      options->height < FL_EXPORT_MIN_SIDE || options->height > FL_EXPORT_MAX_SIDE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A picture of %u × %u pixels cannot be made: each side must be from %d to %d"),
                   options->width, options->height, FL_EXPORT_MIN_SIDE, FL_EXPORT_MAX_SIDE);
      return FALSE;
    }
  if (options->scale != 0 && !(options->scale >= FL_EXPORT_MIN_SCALE && options->scale <= FL_EXPORT_MAX_SCALE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The scale must be from %g to %g, not %g"),
                   FL_EXPORT_MIN_SCALE, FL_EXPORT_MAX_SCALE, options->scale);
      return FALSE;
    }
  if (options->visible_only && options->end <= options->start)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The visible range is empty"));
      return FALSE;
    }
  if (options->source != NULL && !check_source (options, error))
    return FALSE;
  if (!fl_check_writable_path (path, error))
    return FALSE;
  if (format != NULL)
    *format = f;
  return TRUE;
}

/* ---- helpers -------------------------------------------------------------- */

typedef struct
{
  float    width, height;   /* logical */
  double   scale;
  FlTheme *theme;
} Page;

static void
page_init (Page                  *page,
           const FlExportOptions *options)
{
  page->scale = effective_scale (options);
  page->width = (float) (options->width / page->scale);
  page->height = (float) (options->height / page->scale);
  /* The picture must come out at the very size asked for. */
  while (ceil (page->width * page->scale) > options->width)
    page->width = nextafterf (page->width, 0);
  while (ceil (page->height * page->scale) > options->height)
    page->height = nextafterf (page->height, 0);
  page->theme = options->theme ? fl_theme_ref (options->theme) : fl_theme_new_light ();
}

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->theme, fl_theme_unref);
}

static FlScene *
page_new_scene (Page *page)
{
  FlScene *scene = fl_scene_new (page->width, page->height);

  fl_scene_set_background (scene, &page->theme->background);
  return scene;
}

/* @text broken into lines of at most @width; at most @max_lines, the last
 * one ending in "…" if the text goes on. */
static GPtrArray *
wrap_text (const char *text,
           float       font,
           gboolean    bold,
           float       width,
           guint       max_lines)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) words = g_strsplit_set (text ? text : "", " \n", -1);
  g_autoptr(GString) line = g_string_new (NULL);
  guint i;

  for (i = 0; words[i] != NULL; i++)
    {
      g_autofree char *candidate = NULL;

      if (*words[i] == '\0')
        continue;
      candidate = line->len ? g_strdup_printf ("%s %s", line->str, words[i]) : g_strdup (words[i]);
      if (line->len > 0 && fl_scene_measure_text (candidate, font, bold) > width)
        {
          if (lines->len + 1 == max_lines)
            {
              /* The last line: as much as fits, then "…". */
              char *fitted = fl_scene_fit_text (candidate, font, bold, width);
              g_autofree char *more = g_strdup_printf ("%s …", line->str);

              if (fitted == NULL || strcmp (fitted, candidate) == 0)
                {
                  g_free (fitted);
                  fitted = fl_scene_fit_text (more, font, bold, width);
                }
              g_ptr_array_add (lines, fitted ? fitted : g_strdup (line->str));
              g_string_truncate (line, 0);
              return lines;
            }
          g_ptr_array_add (lines, g_strdup (line->str));
          g_string_assign (line, words[i]);
        }
      else
        g_string_assign (line, candidate);
    }
  if (line->len > 0)
    g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
  return lines;
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", value));
}

/* "Threads · 4 workers · GIL on · Blocks per worker 200" */
static char *
describe_settings (FlRun *run)
{
  FlScenario *scenario = fl_run_get_scenario (run);
  FlMode mode = fl_run_get_mode (run);
  guint workers = fl_run_get_n_workers (run);
  const double *values = fl_run_get_param_values (run);
  GString *s;
  guint i;

  /* An observed Python program: what ran it, and its arguments. */
  if (fl_run_get_program (run) != NULL)
    {
      FlProgram *program = fl_run_get_program (run);
      const char * const *args = fl_program_get_args (program);

      s = g_string_new (NULL);
      /* TRANSLATORS: a slide's settings line for a Python program: "Python 3.11.2 · /usr/bin/python3" */
      g_string_append_printf (s, _("Python %s · %s"), fl_program_get_python_version (program),
                              fl_program_get_interpreter (program));
      for (i = 0; args && args[i]; i++)
        g_string_append_printf (s, i == 0 ? " · %s" : " %s", args[i]);
      return g_string_free (s, FALSE);
    }
  s = g_string_new (fl_mode_get_label (mode));

  g_string_append (s, " · ");
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u worker", "%u workers", workers), workers);
  if (mode == FL_MODE_THREADS)
    g_string_append_printf (s, " · %s", fl_run_get_gil (run) ? _("GIL on") : _("GIL off"));
  for (i = 0; values != NULL && i < fl_scenario_get_n_params (scenario); i++)
    {
      const FlParam *param = fl_scenario_get_param (scenario, i);
      g_autofree char *value = NULL;

      if (param->type == FL_PARAM_BOOL)
        value = g_strdup (values[i] != 0 ? _("yes") : _("no"));
      else
        value = format_number (values[i]);
      /* TRANSLATORS: a parameter on a slide: "Blocks per worker: 200" */
      g_string_append_printf (s, " · %s: %s", param->label ? param->label : param->name, value);
    }
  return g_string_free (s, FALSE);
}

/* "Finished in 2.01 s", "Stopped after 1.20 s", "Running · 0.80 s so far". */
static char *
describe_status (FlRun   *run,
                 FlStore *store)
{
  g_autofree char *wall = NULL;
  gint64 end;

  fl_store_lock (store);
  end = fl_store_get_end (store);
  fl_store_unlock (store);
  wall = fl_timeline_format_duration (MAX (end, 0));
  if (run != NULL && !fl_run_is_finished (run))
    /* TRANSLATORS: an exported picture of a run still going */
    return g_strdup_printf (_("Running · %s so far"), wall);
  if (run != NULL && fl_run_was_stopped (run))
    return g_strdup_printf (_("Stopped after %s"), wall);
  return g_strdup_printf (_("Finished in %s"), wall);
}

/* ---- the views ------------------------------------------------------------ */

typedef struct
{
  FlTimelineModel *model;
  gint64           start;
  gint64           end;
} Range;

static void
range_init (Range                 *range,
            FlStore               *store,
            const FlExportOptions *options)
{
  range->model = fl_timeline_model_new (store);
  fl_timeline_model_sync (range->model);
  if (options->visible_only)
    {
      range->start = options->start;
      range->end = options->end;
    }
  else
    {
      range->start = 0;
      range->end = MAX (1, fl_timeline_model_get_until (range->model));
    }
}

static void
range_clear (Range *range)
{
  g_clear_object (&range->model);
}

/* The timeline in @height at the largest font from @font down to
 * @min_font that shows every lane; the view for it. */
static FlTimelineView
fit_timeline (Range   *range,
              Page    *page,
              float    x,
              float    y,
              float    width,
              float    height,
              float    font,
              float    min_font,
              gboolean legend)
{
  FlTimelineView view = { 0 };

  view.x = x;
  view.y = y;
  view.width = width;
  view.height = height;
  view.start = range->start;
  view.end = range->end;
  view.scale = (float) page->scale;
  view.theme = page->theme;
  view.legend = legend;
  for (view.font_size = font; view.font_size > min_font; view.font_size -= 0.5f)
    if (fl_timeline_painter_measure_height (range->model, &view) <= height)
      break;
  view.font_size = MAX (view.font_size, min_font);
  return view;
}

static void
paint_timeline (Range                *range,
                const FlTimelineView *view,
                FlScene              *scene,
                float                *track_x0,
                float                *track_x1)
{
  g_autoptr(FlTimelinePainter) painter = fl_timeline_painter_new (range->model, view);
  double x0, x1;

  fl_timeline_painter_paint (painter, scene);
  fl_timeline_painter_get_track (painter, &x0, &x1);
  if (track_x0)
    *track_x0 = (float) x0;
  if (track_x1)
    *track_x1 = (float) x1;
}

/* Where the timeline's time axis would be for a timeline at @x, @width. */
static void
timeline_track (Range *range,
                Page  *page,
                float  x,
                float  width,
                float  font,
                float *x0,
                float *x1)
{
  FlTimelineView view = { 0 };
  g_autoptr(FlTimelinePainter) painter = NULL;
  double a, b;

  view.x = x;
  view.width = width;
  view.height = 100;
  view.start = range->start;
  view.end = range->end;
  view.scale = (float) page->scale;
  view.font_size = font;
  view.theme = page->theme;
  painter = fl_timeline_painter_new (range->model, &view);
  fl_timeline_painter_get_track (painter, &a, &b);
  *x0 = (float) a;
  *x1 = (float) b;
}

static FlScene *
build_single_view (FlRun                 *run,
                   FlStore               *store,
                   const FlExportOptions *options)
{
  FlScene *scene;
  Range range;
  Page page;
  float m, x, y, w, h, max_font;

  page_init (&page, options);
  range_init (&range, store, options);
  scene = page_new_scene (&page);
  m = roundf (MAX (12, page.height / 60));
  x = m;
  y = m;
  w = page.width - 2 * m;
  h = page.height - 2 * m;

  /* The largest text that shows everything, up to what reads from the
   * back of a room; what is left over is shared above and below. */
  max_font = roundf (MIN (page.height / 40, page.width / 70));
  switch (options->view)
    {
    case FL_EXPORT_VIEW_TIMELINE:
      {
        FlTimelineView view = fit_timeline (&range, &page, x, y, w, h, max_font, 9, TRUE);
        float need = MIN (h, fl_timeline_painter_measure_height (range.model, &view));

        view.y = roundf (y + (h - need) / 2);
        view.height = need;
        paint_timeline (&range, &view, scene, NULL, NULL);
      }
      break;

    case FL_EXPORT_VIEW_CPU:
      {
        FlCpuView view = { 0 };
        float need = 0;

        view.x = x;
        view.width = w;
        view.start = range.start;
        view.end = range.end;
        view.scale = (float) page.scale;
        view.theme = page.theme;
        for (view.font_size = max_font; view.font_size > 9; view.font_size -= 0.5f)
          if (fl_cpu_painter_measure_height (store, &view) <= h)
            break;
        need = MIN (h, fl_cpu_painter_measure_height (store, &view));
        view.y = roundf (y + (h - need) / 2);
        view.height = need;
        /* The same time axis as the timeline's export of this size. */
        timeline_track (&range, &page, x, w, view.font_size, &view.track_x0, &view.track_x1);
        {
          g_autoptr(FlCpuPainter) painter = fl_cpu_painter_new (store, &view);

          fl_cpu_painter_paint (painter, scene);
        }
      }
      break;

    case FL_EXPORT_VIEW_MEMORY:
      {
        FlMemoryView view = { 0 };
        float need = 0;

        view.x = x;
        view.width = w;
        view.at = options->visible_only ? range.end : FL_MEMORY_AT_PEAK;
        view.mode_known = run != NULL;
        view.mode = run ? fl_run_get_mode (run) : FL_MODE_THREADS;
        view.scale = (float) page.scale;
        view.theme = page.theme;
        for (view.font_size = max_font; view.font_size > 9; view.font_size -= 0.5f)
          if (fl_memory_painter_measure_height (store, &view) <= h)
            break;
        need = MIN (h, fl_memory_painter_measure_height (store, &view));
        view.y = roundf (y + (h - need) / 2);
        view.height = need;
        {
          g_autoptr(FlMemoryPainter) painter = fl_memory_painter_new (store, &view);

          fl_memory_painter_paint (painter, scene);
        }
      }
      break;

    case FL_EXPORT_VIEW_SLIDE:
    case FL_EXPORT_VIEW_COMPARE:
    case FL_N_EXPORT_VIEWS:
    default:
      g_assert_not_reached ();
    }

  range_clear (&range);
  page_clear (&page);
  return scene;
}

FlScene *
fl_export_build_store_scene (FlStore               *store,
                             const FlExportOptions *options,
                             GError               **error)
{
  g_return_val_if_fail (FL_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (options->view != FL_EXPORT_VIEW_TIMELINE && options->view != FL_EXPORT_VIEW_CPU &&
      options->view != FL_EXPORT_VIEW_MEMORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The %s view needs a run, not only its events"),
                   fl_export_view_to_string (options->view));
      return NULL;
    }
  return build_single_view (NULL, store, options);
}

/* ---- the slide ------------------------------------------------------------ */

/* The title block: title on the left, @status on the right, settings
 * below; returns the y under it. */
static float
paint_heading (FlScene    *scene,
               Page       *page,
               float       u,
               float       x,
               float       y,
               float       width,
               const char *title,
               const char *status,
               const char *settings)
{
  FlTheme *theme = page->theme;
  float title_font = roundf (50 * u), status_font = roundf (26 * u), small = roundf (26 * u);
  float status_w = status ? fl_scene_measure_text (status, status_font, FALSE) : 0;
  float title_h = fl_scene_text_height (title_font, NULL);
  float title_baseline = 0, status_baseline = 0;
  g_autofree char *fitted = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  guint i;

  fl_scene_text_height (title_font, &title_baseline);
  fl_scene_text_height (status_font, &status_baseline);
  fitted = fl_scene_fit_text (title, title_font, TRUE, width - status_w - 40 * u);
  if (fitted)
    fl_scene_text (scene, x, y, 0, fitted, title_font, TRUE, FL_TEXT_LEFT, &theme->foreground);
  if (status)
    fl_scene_text (scene, x + width - status_w, y + title_baseline - status_baseline, status_w,
                   status, status_font, FALSE, FL_TEXT_RIGHT, &theme->secondary);
  y += title_h + roundf (6 * u);

  if (settings != NULL)
    {
      lines = wrap_text (settings, small, FALSE, width, 2);
      for (i = 0; i < lines->len; i++)
        {
          fl_scene_text (scene, x, y, 0, g_ptr_array_index (lines, i), small, FALSE, FL_TEXT_LEFT,
                         &theme->secondary);
          y += fl_scene_text_height (small, NULL);
        }
    }
  return y;
}

/* A card with a coloured edge: "What the run showed" and @text. */
static float
measure_verdict (const char *text,
                 float       u,
                 float       width,
                 GPtrArray **lines)
{
  float font = roundf (28 * u), title_font = roundf (22 * u), pad = roundf (22 * u);

  *lines = wrap_text (text, font, FALSE, width - 2 * pad - 8 * u, 3);
  return 2 * pad + fl_scene_text_height (title_font, NULL) + roundf (6 * u) +
         (*lines)->len * fl_scene_text_height (font, NULL) * 1.1f;
}

static void
paint_verdict (FlScene   *scene,
               Page      *page,
               float      u,
               float      x,
               float      y,
               float      width,
               float      height,
               const char *title,
               GPtrArray *lines)
{
  FlTheme *theme = page->theme;
  float font = roundf (28 * u), title_font = roundf (22 * u), pad = roundf (22 * u);
  FlColor card = fl_color_mix (&theme->background, &theme->foreground, theme->dark ? 0.08f : 0.045f);
  const FlColor *edge = &theme->states[FL_STATE_RUNNING].fill;
  float ty = y + pad;
  guint i;

  fl_scene_rounded_rect (scene, x, y, width, height, roundf (10 * u), &card);
  fl_scene_rect (scene, x, y + roundf (10 * u), roundf (6 * u), height - roundf (20 * u), edge);
  fl_scene_text (scene, x + pad + 8 * u, ty, 0, title, title_font, TRUE, FL_TEXT_LEFT, &theme->secondary);
  ty += fl_scene_text_height (title_font, NULL) + roundf (6 * u);
  for (i = 0; i < lines->len; i++)
    {
      fl_scene_text (scene, x + pad + 8 * u, ty, 0, g_ptr_array_index (lines, i), font, FALSE,
                     FL_TEXT_LEFT, &theme->foreground);
      ty += fl_scene_text_height (font, NULL) * 1.1f;
    }
}

/* A line of source as drawn: tabs to the next multiple of 8 columns,
 * and at most @columns characters, the last one "…" if it goes on. */
static char *
source_line_fit (const char *line,
                 gsize       length,
                 guint       columns)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = line, *end = line + length;
  guint col = 0;

  while (p < end && *p)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      const char *next = g_utf8_find_next_char (p, end);

      if (next == NULL)
        next = end;
      if (c == (gunichar) -1 || c == (gunichar) -2)
        c = 0xFFFD;
      if (c == '\r' && next >= end)
        break;
      if (c == '\t')
        {
          do
            {
              g_string_append_c (out, ' ');
              col++;
            }
          while (col % 8 != 0);
        }
      else
        {
          g_string_append_unichar (out, c);
          col++;
        }
      p = next;
    }
  if (col > columns && columns > 0)
    {
      /* Cut to columns - 1 characters and the ellipsis. */
      const char *cut = g_utf8_offset_to_pointer (out->str, columns - 1);

      g_string_truncate (out, cut - out->str);
      g_string_append (out, "…");
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The program's source in a card at (x, y, w, h): its title, then the
 * lines with their numbers, as large as fits between 28 and 13 logical
 * pixels (×u); lines that do not fit end with a "…" line. */
static void
paint_source (FlScene               *scene,
              Page                  *page,
              const FlExportOptions *options,
              float                  u,
              float                  x,
              float                  y,
              float                  w,
              float                  h)
{
  FlTheme *theme = page->theme;
  FlColor card = fl_color_mix (&theme->background, &theme->foreground, theme->dark ? 0.08f : 0.045f);
  g_auto(GStrv) lines = g_strsplit (options->source, "\n", -1);
  guint first = source_first (options), n = count_lines (options->source);
  guint from = first, last = first + (n > 0 ? n : 1) - 1, shown, i;
  float pad = roundf (18 * u), title_font = roundf (22 * u), font, line_h, char_w, gutter, ty, max_font;
  guint columns, digits;
  g_autofree char *title = NULL;

  if (options->source_last > 0)
    {
      from = options->source_from;
      last = options->source_last;
    }
  shown = last - from + 1;
  digits = 1;
  for (i = last; i >= 10; i /= 10)
    digits++;

  fl_scene_rounded_rect (scene, x, y, w, h, roundf (10 * u), &card);
  fl_scene_push_clip (scene, x, y, w, h);
  ty = y + pad;
  if (options->source_title != NULL)
    {
      if (options->source_last > 0)
        /* TRANSLATORS: a slide's source panel: "cpu_bound.py, lines 12–30" */
        title = g_strdup_printf (_("%s, lines %u–%u"), options->source_title, from, last);
      else
        title = g_strdup (options->source_title);
      {
        g_autofree char *fitted = fl_scene_fit_text (title, title_font, TRUE, w - 2 * pad);

        if (fitted)
          fl_scene_text (scene, x + pad, ty, 0, fitted, title_font, TRUE, FL_TEXT_LEFT, &theme->secondary);
      }
      ty += fl_scene_text_height (title_font, NULL) + roundf (8 * u);
    }

  /* The largest readable size at which every line shown fits; the
   * smallest one else, and the rest cut. */
  max_font = roundf (24 * u);
  for (font = max_font; ; font -= 0.5f)
    {
      line_h = roundf (fl_scene_text_height (font, NULL) * 1.15f * 2) / 2;
      if (ty + shown * line_h <= y + h - pad || font <= MAX (9, roundf (14 * u)))
        break;
    }
  char_w = fl_scene_measure_mono_text ("0000000000", font) / 10;
  gutter = char_w * (digits + 2);
  columns = char_w > 0 ? (guint) MAX (4, floorf ((w - 2 * pad - gutter) / char_w)) : 4;

  for (i = 0; i < shown; i++)
    {
      guint number = from + i, index = number - first;
      g_autofree char *text = NULL;
      g_autofree char *label = NULL;

      if (ty + 2 * line_h > y + h - pad && i + 1 < shown)
        {
          /* The next line would not fit with a last one: say that more follow. */
          fl_scene_mono_text (scene, x + pad + gutter, ty, "…", font, &theme->secondary);
          break;
        }
      if (index >= g_strv_length (lines))
        break;
      label = g_strdup_printf ("%*u", digits, number);
      fl_scene_mono_text (scene, x + pad, ty, label, font, &theme->secondary);
      text = source_line_fit (lines[index], strlen (lines[index]), columns);
      fl_scene_mono_text (scene, x + pad + gutter, ty, text, font, &theme->foreground);
      ty += line_h;
    }
  fl_scene_pop_clip (scene);
}

static FlScene *
build_slide (FlRun                 *run,
             const FlExportOptions *options)
{
  FlStore *store = fl_run_get_store (run);
  FlScenario *scenario = fl_run_get_scenario (run);
  g_autofree char *settings = describe_settings (run);
  g_autofree char *status = describe_status (run, store);
  g_autofree char *verdict = NULL;
  g_autoptr(GPtrArray) verdict_lines = NULL;
  FlTimelineView tview;
  FlCpuView cview = { 0 };
  g_autoptr(FlCpuPainter) cpu = NULL;
  FlScene *scene;
  Range range;
  Page page;
  float u, mx, x, y, w, bottom, area, cpu_h = 0, timeline_h = 0, gap, legend_font, font, min_font;

  page_init (&page, options);
  range_init (&range, store, options);
  scene = page_new_scene (&page);

  /* Sizes follow the height; narrow pages (portrait) follow the width. */
  u = MIN (page.height / 1080.f, page.width / 1440.f);
  mx = roundf (64 * u);
  x = mx;
  w = page.width - 2 * mx;
  gap = roundf (18 * u);
  legend_font = roundf (19 * u);
  min_font = MAX (9, roundf (12 * u));

  y = paint_heading (scene, &page, u, x, roundf (44 * u), w, fl_scenario_get_title (scenario), status, settings);
  y += roundf (16 * u);
  /* Only what this run shows: a legend of fourteen entries explains
   * nothing a student can find in the picture. */
  y += fl_legend_paint (scene, page.theme, x, y, w, legend_font, fl_legend_use_of_model (range.model)) +
       roundf (4 * u);

  bottom = page.height - roundf (40 * u);
  if (fl_run_is_finished (run))
    verdict = fl_summary_verdict (run);
  if (verdict != NULL && *verdict != '\0')
    {
      float vh = measure_verdict (verdict, u, w, &verdict_lines);

      paint_verdict (scene, &page, u, x, bottom - vh, w, vh,
                     fl_run_was_stopped (run) ? _("Stopped early: what was measured")
                                              : _("What the run showed"),
                     verdict_lines);
      bottom -= vh + gap;
    }

  /* The program's source on the left, the timeline beside it. */
  if (options->source != NULL)
    {
      float sw = roundf (w * 0.38f);

      paint_source (scene, &page, options, u, x, y, sw, MAX (0, bottom - y));
      x += sw + roundf (28 * u);
      w -= sw + roundf (28 * u);
    }

  /* The timeline, and the CPU chart under it on the same time axis, at
   * the largest text with which both fit. */
  area = MAX (0, bottom - y);
  cview.x = x - 6;
  cview.width = w + 12;
  cview.start = range.start;
  cview.end = range.end;
  cview.scale = (float) page.scale;
  cview.theme = page.theme;
  for (font = roundf (24 * u); ; font -= 0.5f)
    {
      tview = fit_timeline (&range, &page, x - 6, y, w + 12, 0, font, font, FALSE);
      timeline_h = fl_timeline_painter_measure_height (range.model, &tview);
      cview.font_size = font;
      cpu_h = fl_cpu_painter_measure_height (store, &cview);
      if (timeline_h + gap + cpu_h <= area || font <= min_font)
        break;
    }
  if (timeline_h + gap + cpu_h > area)
    {
      /* Too many lanes to show them all: the CPU chart keeps its height,
       * the timeline shows the lanes that fit. */
      cpu_h = MIN (cpu_h, area * 0.4f);
      timeline_h = MAX (0, area - gap - cpu_h);
    }
  tview.height = timeline_h;
  paint_timeline (&range, &tview, scene, &cview.track_x0, &cview.track_x1);
  cview.y = y + timeline_h + gap;
  cview.height = cpu_h;
  cpu = fl_cpu_painter_new (store, &cview);
  fl_cpu_painter_paint (cpu, scene);

  range_clear (&range);
  page_clear (&page);
  return scene;
}

static FlScene *
build_scene (FlRun                 *run,
             const FlExportOptions *options,
             GError               **error)
{
  switch (options->view)
    {
    case FL_EXPORT_VIEW_SLIDE:
      return build_slide (run, options);
    case FL_EXPORT_VIEW_COMPARE:
      return fl_export_build_compare_scene (&run, NULL, 1, options, error);
    case FL_EXPORT_VIEW_TIMELINE:
    case FL_EXPORT_VIEW_CPU:
    case FL_EXPORT_VIEW_MEMORY:
      return build_single_view (run, fl_run_get_store (run), options);
    case FL_N_EXPORT_VIEWS:
    default:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Unknown view"));
      return NULL;
    }
}

FlScene *
fl_export_build_scene (FlRun                 *run,
                       const FlExportOptions *options,
                       GError               **error)
{
  FlScene *scene;

  g_return_val_if_fail (FL_IS_RUN (run), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  scene = build_scene (run, options, error);
  if (scene != NULL && fl_scene_get_title (scene) == NULL)
    {
      g_autofree char *how = fl_export_describe_run (run, NULL, 0);
      /* TRANSLATORS: an exported picture's title: scenario — how it ran — Forkline */
      g_autofree char *title = g_strdup_printf (_("%s — %s — Forkline"),
                                                fl_scenario_get_title (fl_run_get_scenario (run)), how);

      fl_scene_set_title (scene, title);
    }
  return scene;
}

/* ---- the comparison -------------------------------------------------------- */

char *
fl_export_describe_run (FlRun         *run,
                        FlRun * const *others,
                        guint          n_others)
{
  FlMode mode = fl_run_get_mode (run);
  gboolean other_with_gil = FALSE;
  guint i;

  if (mode != FL_MODE_THREADS)
    return g_strdup (fl_mode_get_label (mode));
  if (fl_run_get_gil (run))
    return g_strdup (_("Threads, with the GIL"));
  for (i = 0; i < n_others; i++)
    if (others[i] != run && fl_run_get_mode (others[i]) == FL_MODE_THREADS && fl_run_get_gil (others[i]))
      other_with_gil = TRUE;
  return g_strdup (other_with_gil ? _("Threads, without the GIL") : fl_mode_get_label (mode));
}

/**
 * fl_export_speedup_definition:
 *
 * Returns: what "speed-up" means wherever Forkline shows one: the window's
 *   comparison, its verdicts and exported comparisons
 */
const char *
fl_export_speedup_definition (void)
{
  return _("Speed-up over one core: the CPU time the workers used, divided by the wall time from the first "
           "worker's start to the last one's end, as in the verdicts. 2× means two cores' worth of work "
           "went on at once.");
}

char *
fl_export_format_gil_wait (FlRun  *run,
                           char  **why)
{
  g_autofree char *unknown = NULL;
  double pct;

  g_return_val_if_fail (FL_IS_RUN (run), NULL);

  pct = fl_summary_gil_wait_percent (run, &unknown);
  if (why)
    *why = g_steal_pointer (&unknown);
  if (pct < 0)
    /* TRANSLATORS: a GIL-wait share that was not measured */
    return g_strdup (_("unknown"));
  /* TRANSLATORS: a share of the threads' time, "45%" */
  return g_strdup_printf (_("%.0f%%"), pct);
}

char *
fl_export_describe_python (FlProgram *program)
{
  const char *version = fl_program_get_python_version (program);
  g_auto(GStrv) parts = g_strsplit (version ? version : "", ".", 3);
  g_autofree char *short_version = parts[0] && parts[1] ? g_strdup_printf ("%s.%s", parts[0], parts[1])
                                                        : g_strdup (version ? version : "");

  /* TRANSLATORS: a comparison's run on the real interpreter: "CPython 3.11 — real" */
  return g_strdup_printf (_("CPython %s — real"), short_version);
}

const char *
fl_export_emulation_title (void)
{
  /* TRANSLATORS: a comparison's run of a preset beside the real interpreter */
  return _("Forkline emulation, emulated GIL");
}

/* "4 workers" for the subtitle: a program's from its --workers. */
static char *
describe_workers (FlRun *run)
{
  FlProgram *program = fl_run_get_program (run);
  guint n = fl_run_get_n_workers (run);

  if (program != NULL && !fl_program_args_get_workers (fl_program_get_args (program), &n))
    return g_strdup (_("The program's own worker count"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u worker", "%u workers", n), n);
}

static char *
format_ms (double ms)
{
  return ms >= 0 ? fl_timeline_format_duration ((gint64) (ms * 1e6)) : g_strdup ("—");
}

FlScene *
fl_export_build_compare_scene (FlRun * const         *runs,
                               const char * const    *titles,
                               guint                  n_runs,
                               const FlExportOptions *options,
                               GError               **error)
{
  static const char *headings[] = {
    N_("Run"), N_("Wall time"), N_("CPU time"), N_("Speed-up"), N_("Peak memory"), N_("Waiting for GIL"),
  };
  /* The GIL-wait column for comparisons with a Python program: scenario
   * comparisons keep the picture they always had. */
  guint n_cols = G_N_ELEMENTS (headings) - 1;
  float first_w = 0.36f, col_w = 0.16f;
  GPtrArray *verdict_lines[MAX_COMPARED] = { NULL };
  g_autoptr(GPtrArray) note_lines = NULL;
  float verdict_font, verdict_line_h, table_h;
  guint32 use = 0;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  char *names[MAX_COMPARED] = { NULL };
  Range ranges[MAX_COMPARED];
  FlSummaryFigures figures[MAX_COMPARED];
  FlTimelineView views[MAX_COMPARED];
  float heights[MAX_COMPARED];
  FlScene *scene;
  Page page;
  float u, mx, x, y, w, bottom, row_h, font, caption_font, caption_h, slot_h, target_x0 = 0, tl_font;
  float col_right[G_N_ELEMENTS (headings)];
  gint64 end = 1;
  guint i, c;

  g_return_val_if_fail (options != NULL, NULL);

  if (n_runs < 2 || n_runs > MAX_COMPARED)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A comparison shows two or three runs, not %u"), n_runs);
      return NULL;
    }
  for (i = 0; i < n_runs; i++)
    if (runs[i] == NULL || !fl_run_is_finished (runs[i]))
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                             _("The comparison is not finished: export it when every run has ended"));
        return NULL;
      }

  page_init (&page, options);
  scene = page_new_scene (&page);
  u = MIN (page.height / 1080.f, page.width / 1440.f);
  mx = roundf (64 * u);
  x = mx;
  w = page.width - 2 * mx;

  /* TRANSLATORS: the title of a comparison's picture; %s is the scenario's */
  title = g_strdup_printf (_("Comparing: %s"), fl_scenario_get_title (fl_run_get_scenario (runs[0])));
  {
    /* TRANSLATORS: an exported comparison's title */
    g_autofree char *document = g_strdup_printf (_("%s — Forkline"), title);

    fl_scene_set_title (scene, document);
  }
  for (i = 0; i < n_runs; i++)
    if (fl_run_get_program (runs[i]) != NULL)
      {
        n_cols = G_N_ELEMENTS (headings);
        first_w = 0.30f;
        col_w = 0.14f;
      }
  if (n_cols == G_N_ELEMENTS (headings))
    {
      g_autofree char *workers = describe_workers (runs[0]);

      /* TRANSLATORS: a comparison's subtitle: "4 workers · the runs went …" */
      subtitle = g_strdup_printf (_("%s · the runs went one after another · one time axis"), workers);
    }
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u worker · the runs went one after another · one time axis",
                                             "%u workers · the runs went one after another · one time axis",
                                             fl_run_get_n_workers (runs[0])),
                                fl_run_get_n_workers (runs[0]));
  y = paint_heading (scene, &page, u, x, roundf (44 * u), w, title, NULL, subtitle);
  y += roundf (14 * u);
  for (i = 0; i < n_runs; i++)
    {
      names[i] = titles && titles[i] ? g_strdup (titles[i]) : fl_export_describe_run (runs[i], runs, n_runs);
      fl_summary_get_figures (runs[i], &figures[i]);
      range_init (&ranges[i], fl_run_get_store (runs[i]), options);
      end = MAX (end, ranges[i].end);
      use |= fl_legend_use_of_model (ranges[i].model);
    }
  y += fl_legend_paint (scene, page.theme, x, y, w, roundf (19 * u), use) + roundf (4 * u);

  /* The table of figures at the bottom, each run's verdict under its row
   * and what the speed-up is under the table. */
  font = roundf (24 * u);
  row_h = roundf (fl_scene_text_height (font, NULL) * 1.45f);
  verdict_font = roundf (17 * u);
  verdict_line_h = fl_scene_text_height (verdict_font, NULL) * 1.1f;
  table_h = row_h * (n_runs + 1);
  for (i = 0; i < n_runs; i++)
    {
      verdict_lines[i] = wrap_text (figures[i].verdict, verdict_font, FALSE, w, 3);
      table_h += verdict_lines[i]->len * verdict_line_h + roundf (6 * u);
    }
  note_lines = wrap_text (fl_export_speedup_definition (), verdict_font, FALSE, w, 2);
  table_h += note_lines->len * verdict_line_h + roundf (6 * u);
  bottom = page.height - roundf (40 * u) - table_h;
  for (c = 0; c < n_cols; c++)
    col_right[c] = x + w * (c == 0 ? 0 : first_w + col_w * c);
  {
    float ty = bottom + roundf (10 * u);
    FlColor rule = page.theme->grid;

    for (c = 0; c < n_cols; c++)
      fl_scene_text (scene, c == 0 ? x : col_right[c] - w * col_w, ty, c == 0 ? 0 : w * col_w,
                     _(headings[c]), font, TRUE, c == 0 ? FL_TEXT_LEFT : FL_TEXT_RIGHT, &page.theme->secondary);
    ty += row_h;
    fl_scene_rect (scene, x, ty - roundf (row_h * 0.18f), w, MAX (1, roundf (u * 1.5f)), &rule);
    for (i = 0; i < n_runs; i++)
      {
        g_autofree char *wall = format_ms (figures[i].wall_ms);
        g_autofree char *cpu = format_ms (figures[i].cpu_ms);
        g_autofree char *speedup = NULL;
        g_autofree char *memory = NULL;
        g_autofree char *gil = n_cols == G_N_ELEMENTS (headings) ? fl_export_format_gil_wait (runs[i], NULL) : NULL;
        const char *cells[G_N_ELEMENTS (headings)];

        if (figures[i].speedup >= 0)
          /* TRANSLATORS: a speed-up factor, "1.95×" */
          speedup = g_strdup_printf (_("%.2f×"), figures[i].speedup);
        else
          speedup = g_strdup ("—");
        memory = figures[i].peak_rss_kb > 0 ? g_format_size_full (figures[i].peak_rss_kb * 1024, G_FORMAT_SIZE_DEFAULT)
                                        : g_strdup ("—");
        cells[0] = names[i];
        cells[1] = wall;
        cells[2] = cpu;
        cells[3] = speedup;
        cells[4] = memory;
        cells[5] = gil;
        for (c = 0; c < n_cols; c++)
          fl_scene_text (scene, c == 0 ? x : col_right[c] - w * col_w, ty, c == 0 ? 0 : w * col_w,
                         cells[c], font, c == 0, c == 0 ? FL_TEXT_LEFT : FL_TEXT_RIGHT, &page.theme->foreground);
        ty += row_h - roundf (row_h * 0.15f);
        for (c = 0; c < verdict_lines[i]->len; c++)
          {
            fl_scene_text (scene, x, ty, 0, g_ptr_array_index (verdict_lines[i], c), verdict_font, FALSE,
                           FL_TEXT_LEFT, &page.theme->secondary);
            ty += verdict_line_h;
          }
        ty += roundf (row_h * 0.15f) + roundf (6 * u);
      }
    for (c = 0; c < note_lines->len; c++)
      {
        fl_scene_text (scene, x, ty, 0, g_ptr_array_index (note_lines, c), verdict_font, FALSE,
                       FL_TEXT_LEFT, &page.theme->secondary);
        ty += verdict_line_h;
      }
  }
  bottom -= roundf (16 * u);

  /* The runs, each under its name, on one time axis whose labels line up. */
  caption_font = roundf (24 * u);
  caption_h = fl_scene_text_height (caption_font, NULL) + roundf (4 * u);
  /* One text size for all, the largest with which every run shows all
   * its lanes; each run gets the height it needs. */
  for (i = 0; i < n_runs; i++)
    if (!options->visible_only)
      ranges[i].end = end;
  for (tl_font = roundf (22 * u); ; tl_font -= 0.5f)
    {
      float total = 0;

      for (i = 0; i < n_runs; i++)
        {
          views[i] = fit_timeline (&ranges[i], &page, x - 6, 0, w + 12, 0, tl_font, tl_font, FALSE);
          heights[i] = fl_timeline_painter_measure_height (ranges[i].model, &views[i]);
          total += caption_h + heights[i] + roundf (14 * u);
        }
      if (total <= bottom - y || tl_font <= MAX (9, roundf (11 * u)))
        break;
    }
  slot_h = (bottom - y) / n_runs;
  for (i = 0; i < n_runs; i++)
    {
      float x0, x1;

      timeline_track (&ranges[i], &page, views[i].x, views[i].width, tl_font, &x0, &x1);
      target_x0 = MAX (target_x0, x0);
    }
  for (i = 0; i < n_runs; i++)
    {
      float x0, x1;

      /* Too many lanes for the page: equal shares, lanes clipped. */
      if (y + caption_h + heights[i] > bottom - (n_runs - 1 - i) * (caption_h + 20 * u))
        heights[i] = MAX (0, slot_h - caption_h - roundf (14 * u));
      timeline_track (&ranges[i], &page, views[i].x, views[i].width, tl_font, &x0, &x1);
      views[i].x += target_x0 - x0;
      views[i].width -= target_x0 - x0;
      views[i].y = y + caption_h;
      views[i].height = heights[i];
      fl_scene_text (scene, x, y, 0, names[i], caption_font, TRUE, FL_TEXT_LEFT, &page.theme->foreground);
      paint_timeline (&ranges[i], &views[i], scene, NULL, NULL);
      y += caption_h + heights[i] + roundf (14 * u);
    }

  for (i = 0; i < n_runs; i++)
    {
      range_clear (&ranges[i]);
      g_free (names[i]);
      fl_summary_figures_clear (&figures[i]);
      g_clear_pointer (&verdict_lines[i], g_ptr_array_unref);
    }
  page_clear (&page);
  return scene;
}

/* ---- writing -------------------------------------------------------------- */

/* Points per logical pixel for PDF (96 dpi), pixels for PNG and SVG. */
static double
output_scale (const FlExportOptions *options,
              FlSceneFormat          format)
{
  double scale = effective_scale (options);

  return format == FL_SCENE_FORMAT_PDF ? scale * 0.75 : scale;
}

gboolean
fl_export_write_scene (FlScene               *scene,
                       const FlExportOptions *options,
                       const char            *path,
                       GError               **error)
{
  FlSceneFormat format;

  if (!fl_export_check (options, path, &format, error))
    return FALSE;
  return fl_scene_write_file (scene, path, format, output_scale (options, format), error);
}

GBytes *
fl_export_scene_to_png (FlScene               *scene,
                        const FlExportOptions *options,
                        GError               **error)
{
  return fl_scene_write_bytes (scene, FL_SCENE_FORMAT_PNG, output_scale (options, FL_SCENE_FORMAT_PNG), error);
}

gboolean
fl_export_run (FlRun                 *run,
               const FlExportOptions *options,
               const char            *path,
               GError               **error)
{
  g_autoptr(FlScene) scene = NULL;

  g_return_val_if_fail (FL_IS_RUN (run), FALSE);

  if (!fl_export_check (options, path, NULL, error))
    return FALSE;
  scene = fl_export_build_scene (run, options, error);
  if (scene == NULL)
    return FALSE;
  return fl_export_write_scene (scene, options, path, error);
}

gboolean
fl_export_runs (FlRun * const         *runs,
                const char * const    *titles,
                guint                  n_runs,
                const FlExportOptions *options,
                const char            *path,
                GError               **error)
{
  g_autoptr(FlScene) scene = NULL;

  if (!fl_export_check (options, path, NULL, error))
    return FALSE;
  scene = fl_export_build_compare_scene (runs, titles, n_runs, options, error);
  if (scene == NULL)
    return FALSE;
  return fl_export_write_scene (scene, options, path, error);
}
