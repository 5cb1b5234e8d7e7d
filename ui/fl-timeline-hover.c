/* fl-timeline-hover.c — what is under the pointer: drawn on top, and in words
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-timeline-painter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "fl-timeline-painter-private.h"

#define MARK_SLOP_PX 4

static gint64
mark_at (FlTimelinePainter *self,
         int                lane,
         double             x,
         double             y)
{
  float top, h;

  if (lane < 0 || !fl_timeline_painter_get_lane_row (self, lane, &top, &h))
    return -1;
  /* Pins stand above the boxes: only there do they win over the box. */
  if (y > top + (self->row_h - self->box_h) / 2 + 3)
    return -1;
  return fl_timeline_model_get_mark_at (self->model, lane, (gint64) fl_timeline_painter_x_to_time (self, x),
                                        (gint64) (MARK_SLOP_PX * self->ns_per_px));
}

static gboolean
on_track (FlTimelinePainter *self,
          double             x)
{
  return x >= self->track_x0 && x < self->track_x1;
}

void
fl_timeline_painter_paint_hover (FlTimelinePainter *self,
                                 FlScene           *scene,
                                 double             x,
                                 double             y)
{
  FlTheme *theme = self->theme;
  int lane = fl_timeline_painter_lane_at (self, x, y);
  gint64 t = (gint64) fl_timeline_painter_x_to_time (self, x);
  FlColor cursor = fl_color_with_alpha (&theme->foreground, 0.45f);
  float sx = fl_painter_snap (self, x);
  float top, row_h;
  gint64 mark;

  if (!on_track (self, x) || y < self->ruler_y || y >= self->lanes_y + self->lanes_h)
    return;

  /* The cursor and its time in the ruler. */
  fl_scene_rect (scene, sx, self->lanes_y, 1, MIN (self->lanes_h, self->content_h - self->view.scroll_y), &cursor);
  {
    gint64 step = 1;
    g_autofree char *label = NULL;
    float w, h = fl_scene_text_height (self->small_font, NULL), lx;

    while (step * 10 <= self->ns_per_px)
      step *= 10;
    label = fl_timeline_format_time (t, step);
    w = fl_scene_measure_text (label, self->small_font, TRUE) + 10;
    lx = CLAMP (sx - w / 2, self->track_x0, self->track_x1 - w);
    fl_scene_rounded_rect (scene, lx, self->ruler_y + 1, w, h + 2, 4, &theme->foreground);
    fl_scene_text (scene, lx, self->ruler_y + 2, w, label, self->small_font, TRUE, FL_TEXT_CENTER,
                   &theme->background);
  }

  if (lane < 0 || !fl_timeline_painter_get_lane_row (self, lane, &top, &row_h))
    return;
  fl_scene_push_clip (scene, self->track_x0, self->lanes_y, self->track_x1 - self->track_x0, self->lanes_h);

  if ((mark = mark_at (self, lane, x, y)) >= 0)
    {
      gsize n, i;
      const FlTimelineMark *marks = fl_timeline_model_get_marks (self->model, lane, &n);
      float d = roundf (self->font * 0.42f) + 4;
      float box_top = top + (self->row_h - self->box_h) / 2;

      for (i = 0; i < n; i++)
        if (marks[i].output == (guint32) mark)
          {
            float mx = fl_painter_snap (self, fl_timeline_painter_time_to_x (self, marks[i].t));
            fl_scene_frame (scene, mx - d / 2, box_top - (d - 4) * 1.3f - 2, d, d, 1.5f, d / 2, &theme->foreground);
            break;
          }
    }
  else
    {
      const FlTimelineBox *box = fl_timeline_model_get_box_at (self->model, lane, t);
      FlTimelineSpan span;
      gint64 from = -1, to = -1;

      if (box && box->folded)
        {
          from = box->start;
          to = box->end;
        }
      else if (fl_timeline_model_get_span_at (self->model, lane, t, &span))
        {
          from = span.start;
          to = span.end;
        }
      if (from >= 0)
        {
          float x0 = fl_painter_snap (self, MAX (fl_timeline_painter_time_to_x (self, from), self->track_x0 - 2));
          float x1 = fl_painter_snap (self, MIN (fl_timeline_painter_time_to_x (self, to), self->track_x1 + 2));
          float pad = 2;

          if (x1 - x0 < 3)
            {
              x0 -= 1.5f;
              x1 += 1.5f;
            }
          fl_scene_frame (scene, x0 - pad, top + (self->row_h - self->box_h) / 2 - pad,
                          x1 - x0 + 2 * pad, self->box_h + 2 * pad, 2, 3, &theme->foreground);
        }
    }
  fl_scene_pop_clip (scene);
}

/* ---- in words ------------------------------------------------------------ */

static void
append_detail (GString              *s,
               const FlTimelineSpan *span,
               FlTimelineModel      *model)
{
  const char *reason = fl_reason_get_label (span->reason);

  if (*reason)
    g_string_append_printf (s, "\n%s", reason);
  switch (span->reason)
    {
    case FL_REASON_COMPUTE:
      if (span->detail > 0)
        g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " (%u block)", " (%u blocks)", span->detail),
                                span->detail);
      break;
    case FL_REASON_SLEEP:
    case FL_REASON_READ:
      if (span->detail > 0)
        {
          g_autofree char *d = fl_timeline_format_duration ((gint64) span->detail * 1000);
          g_string_append_printf (s, " (%s)", d);
        }
      break;
    case FL_REASON_JOIN:
      if (span->state == FL_STATE_JOIN && span->detail < fl_timeline_model_get_n_lanes (model))
        g_string_append_printf (s, ": %s", fl_timeline_model_get_lane (model, span->detail)->name);
      break;
    default:
      break;
    }
}

static char *
describe_lane (FlTimelinePainter *self,
               guint              lane)
{
  const FlLaneInfo *info = fl_timeline_model_get_lane (self->model, lane);
  GString *s = g_string_new (info->name);

  if (info->pid != 0)
    {
      if (info->is_process)
        g_string_append_printf (s, "\n%s", _("a process of its own"));
      else
        g_string_append_printf (s, "\n%s", _("a thread of the process above"));
      g_string_append_printf (s, _(", pid %d, tid %d"), info->pid, info->tid);
    }
  if (info->start_t >= 0)
    {
      g_autofree char *at = fl_timeline_format_duration (info->start_t);
      g_string_append_printf (s, "\n%s %s", _("started at"), at);
      if (info->create_t >= 0)
        {
          g_autofree char *lat = fl_timeline_format_duration (info->start_t - info->create_t);
          g_string_append_printf (s, _(", %s after it was asked for"), lat);
        }
    }
  if (info->cpu_ns >= 0)
    {
      g_autofree char *cpu = fl_timeline_format_duration (info->cpu_ns);
      g_string_append_printf (s, "\n%s %s", _("CPU time"), cpu);
    }
  return g_string_free (s, FALSE);
}

char *
fl_timeline_painter_describe_at (FlTimelinePainter *self,
                                 double             x,
                                 double             y)
{
  int lane = fl_timeline_painter_lane_at (self, x, y);
  gint64 t, mark;
  const FlTimelineBox *box;
  const FlLaneInfo *info;
  FlTimelineSpan span;
  GString *s;

  if (lane < 0)
    return NULL;
  if (x < self->track_x0)
    return describe_lane (self, lane);
  if (!on_track (self, x))
    return NULL;

  info = fl_timeline_model_get_lane (self->model, lane);
  t = (gint64) fl_timeline_painter_x_to_time (self, x);

  if ((mark = mark_at (self, lane, x, y)) >= 0)
    {
      FlStore *store = fl_timeline_model_get_store (self->model);
      g_autofree char *text = NULL;
      g_autofree char *at = NULL;
      const FlOutputLine *line;

      fl_store_lock (store);
      line = (guint) mark < fl_store_get_n_output (store) ? fl_store_get_output (store, (guint) mark) : NULL;
      if (line)
        {
          text = g_strdup (line->text);
          at = fl_timeline_format_duration (line->t);
        }
      fl_store_unlock (store);
      if (text)
        return g_strdup_printf (_("%s printed at %s:\n%s"), info->name, at, text);
    }

  box = fl_timeline_model_get_box_at (self->model, lane, t);
  if (box && box->folded)
    {
      const gint64 *d = fl_timeline_model_get_box_durations (self->model, box);
      gint64 total = 0;
      g_autofree char *from = fl_timeline_format_duration (box->start);
      g_autofree char *len = fl_timeline_format_duration (box->end - box->start);
      guint st;

      for (st = 0; st < FL_N_STATES; st++)
        total += d[st];
      s = g_string_new (NULL);
      g_string_append_printf (s, _("%s, %s from %s"), info->name, len, from);
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "\n%u change of state here; zoom in to see it",
                                              "\n%u changes of state here; zoom in to see each", box->n_spans),
                              box->n_spans);
      for (st = 0; st < FL_N_STATES; st++)
        if (d[st] > 0)
          {
            g_autofree char *dur = fl_timeline_format_duration (d[st]);
            g_string_append_printf (s, "\n%s: %s (%.0f %%)", fl_state_get_label (st), dur,
                                    100.0 * d[st] / MAX (total, 1));
          }
      return g_string_free (s, FALSE);
    }

  if (!fl_timeline_model_get_span_at (self->model, lane, t, &span))
    return describe_lane (self, lane);
  {
    g_autofree char *from = fl_timeline_format_duration (span.start);
    g_autofree char *len = fl_timeline_format_duration (span.end - span.start);

    s = g_string_new (fl_state_get_label (span.state));
    g_string_append_printf (s, _("\n%s, from %s for %s"), info->name, from, len);
    if (!fl_timeline_model_is_finished (self->model) && span.end >= fl_timeline_model_get_until (self->model))
      g_string_append (s, _(" so far"));
    append_detail (s, &span, self->model);
    if (span.cpu != G_MAXUINT16)
      g_string_append_printf (s, _("\non CPU %u"), span.cpu);
  }
  return g_string_free (s, FALSE);
}
