/* fl-legend.c — the legend of the timeline's states and marks
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-timeline-painter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "fl-timeline-painter.h"

typedef enum
{
  MARK_NONE,
  MARK_OUTPUT,
  MARK_CREATE,
  MARK_JOIN,
  MARK_MESSAGE,
  MARK_STOPPED,
} Mark;

typedef struct
{
  const FlLegendEntry *state;   /* or NULL for a mark */
  Mark                 mark;
  const char          *label;
} Entry;

static guint
collect (FlTheme *theme,
         guint32  use,
         Entry   *entries)
{
  const FlLegendEntry *legend;
  guint n, i, count = 0;

  legend = fl_theme_get_legend (theme, &n);
  for (i = 0; i < n; i++)
    if (use & (1u << legend[i].state))
      entries[count++] = (Entry) { &legend[i], MARK_NONE, legend[i].label };
  if (use & FL_LEGEND_STOPPED)
    entries[count++] = (Entry) { NULL, MARK_STOPPED, _("stopped") };
  if (use & FL_LEGEND_OUTPUT)
    entries[count++] = (Entry) { NULL, MARK_OUTPUT, _("output line") };
  if (use & FL_LEGEND_CREATE)
    entries[count++] = (Entry) { NULL, MARK_CREATE, _("created") };
  if (use & FL_LEGEND_JOIN)
    entries[count++] = (Entry) { NULL, MARK_JOIN, _("joined") };
  if (use & FL_LEGEND_MESSAGE)
    entries[count++] = (Entry) { NULL, MARK_MESSAGE, _("message") };
  return count;
}

/**
 * fl_legend_use_of_model:
 * @model: a synced model
 *
 * Returns: the FL_LEGEND_ bits of what the run shows: the states its lanes
 *   spent time in, how they ended, and the marks drawn
 */
guint32
fl_legend_use_of_model (FlTimelineModel *model)
{
  guint n = fl_timeline_model_get_n_lanes (model), i, s;
  gint64 until = MAX (fl_timeline_model_get_until (model), 0);
  guint32 use = 0;

  for (i = 0; i < n; i++)
    {
      const FlLaneInfo *info = fl_timeline_model_get_lane (model, i);
      gint64 durations[FL_N_STATES] = { 0 };
      gsize n_marks = 0;

      if (info->start_t < 0)
        continue;
      fl_timeline_model_get_durations (model, i, 0, until + 1, durations);
      for (s = FL_STATE_RUNNING; s < FL_N_STATES; s++)
        if (durations[s] > 0)
          use |= 1u << s;
      if (info->end_t >= 0 && info->stopped)
        use |= FL_LEGEND_STOPPED;
      else if (info->end_t >= 0 && info->signal != 0)
        use |= 1u << FL_STATE_CRASHED;
      else if (info->exit_t >= 0)
        use |= 1u << FL_STATE_EXITED;
      fl_timeline_model_get_marks (model, i, &n_marks);
      if (n_marks > 0)
        use |= FL_LEGEND_OUTPUT;
      if (info->kind == FL_LANE_WORKER && info->create_t >= 0)
        use |= FL_LEGEND_CREATE;
      if (info->kind == FL_LANE_WORKER && info->join_t >= 0)
        use |= FL_LEGEND_JOIN;
    }
  if (fl_timeline_model_get_n_messages (model) > 0)
    use |= FL_LEGEND_MESSAGE;
  return use;
}

/* Lays the entries out in rows; paints them if @scene is not NULL. */
static float
layout (FlScene *scene,
        FlTheme *theme,
        float    x,
        float    y,
        float    width,
        float    font,
        guint32  use)
{
  Entry entries[FL_N_STATES + 8];
  guint n = collect (theme, use, entries), i;
  float sw = roundf (font * 2.2f), sh = roundf (font * 1.2f);
  float gap = roundf (font * 0.45f), spacing = roundf (font * 1.3f);
  float text_h = fl_scene_text_height (font, NULL);
  float row_h = MAX (sh, text_h) + roundf (font * 0.5f);
  float cx = x, cy = y;

  for (i = 0; i < n; i++)
    {
      const Entry *e = &entries[i];
      float w = sw + gap + fl_scene_measure_text (e->label, font, FALSE);
      float mid;

      if (cx > x && cx + w > x + width)
        {
          cx = x;
          cy += row_h;
        }
      mid = cy + MAX (sh, text_h) / 2;
      if (scene && e->state)
        {
          const FlLegendEntry *s = e->state;
          float h = roundf (sh * s->height);

          if (s->marker)
            {
              float r = roundf (sh * 0.42f);
              fl_scene_line (scene, cx + sw / 2 - r, mid - r, cx + sw / 2 + r, mid + r, 2.5f, &s->color, FALSE);
              fl_scene_line (scene, cx + sw / 2 - r, mid + r, cx + sw / 2 + r, mid - r, 2.5f, &s->color, FALSE);
            }
          else if (!s->drawn)
            {
              /* Nothing after the end: a lane that stops at an end cap. */
              FlColor running = theme->states[FL_STATE_RUNNING].fill;

              fl_scene_rect (scene, cx, mid - sh / 2, sw / 2, sh, &running);
              fl_scene_rect (scene, cx + sw / 2, mid - sh / 2, 2, sh, &theme->exit_mark);
            }
          else if (s->hatch != FL_HATCH_NONE)
            fl_scene_hatched_rect (scene, cx, roundf (mid - h / 2), sw, h, &s->color, &s->hatch_color, s->hatch);
          else
            fl_scene_rect (scene, cx, roundf (mid - h / 2), sw, h, &s->color);
        }
      else if (scene)
        {
          float d = roundf (font * 0.42f);

          switch (e->mark)
            {
            case MARK_OUTPUT:
              fl_scene_rect (scene, cx + sw / 2 - 0.5f, mid - d * 0.2f, 1, d * 1.5f, &theme->output_marker);
              fl_scene_rounded_rect (scene, cx + sw / 2 - d / 2, mid - d, d, d, d / 2, &theme->output_marker);
              break;
            case MARK_CREATE:
              fl_scene_line (scene, cx + 1, mid - sh / 2, cx + sw - 2, mid + sh / 2, 1.25f, &theme->create_arrow, TRUE);
              break;
            case MARK_JOIN:
              fl_scene_dashed_line (scene, cx + 1, mid + sh / 2, cx + sw - 2, mid - sh / 2, 1.25f, &theme->join_arrow, TRUE);
              break;
            case MARK_MESSAGE:
              fl_scene_line (scene, cx + 1, mid + sh / 2, cx + sw - 2, mid - sh / 2, 1.25f, &theme->message_arrow, TRUE);
              break;
            case MARK_STOPPED:
              fl_scene_rect (scene, cx + sw / 2 - roundf (sh * 0.42f), mid - roundf (sh * 0.42f),
                             2 * roundf (sh * 0.42f), 2 * roundf (sh * 0.42f), &theme->secondary);
              break;
            case MARK_NONE:
            default:
              break;
            }
        }
      if (scene)
        fl_scene_text (scene, cx + sw + gap, mid - text_h / 2, 0, e->label, font, FALSE, FL_TEXT_LEFT,
                       &theme->foreground);
      cx += w + spacing;
    }
  return n > 0 ? cy + row_h - y : 0;
}

/**
 * fl_legend_paint:
 * @scene: where to paint
 * @theme: the colours and cues to explain
 * @x: left
 * @y: top
 * @width: entries wrap to new rows within it
 * @font_size: of the labels; 0: 12
 * @use: what to list (FL_LEGEND_ bits; FL_LEGEND_ALL for everything)
 *
 * Returns: the height painted
 */
float
fl_legend_paint (FlScene *scene,
                 FlTheme *theme,
                 float    x,
                 float    y,
                 float    width,
                 float    font_size,
                 guint32  use)
{
  return layout (scene, theme, x, y, width, font_size > 0 ? font_size : 12, use);
}

float
fl_legend_measure (FlTheme *theme,
                   float    width,
                   float    font_size,
                   guint32  use)
{
  return layout (NULL, theme, 0, 0, width, font_size > 0 ? font_size : 12, use);
}
