/* fl-timeline-painter.c — layout, lanes, boxes, marks and arrows
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-timeline-painter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "fl-summary.h"
#include "fl-timeline-painter-private.h"
#include "fl-util.h"

#define DEFAULT_MAX_BOXES 14000
#define MAX_MARKS         3000

/* ---- layout -------------------------------------------------------------- */

static void
group_clear (gpointer data)
{
  g_free (((FlPainterGroup *) data)->caption);
}

static char *
group_caption (FlTimelinePainter *self,
               guint              process_lane,
               guint              n_lanes)
{
  const FlLaneInfo *info = fl_timeline_model_get_lane (self->model, process_lane);
  const char *what = info->kind == FL_LANE_MAIN ? _("main process") : _("process");
  g_autofree char *threads = NULL;

  if (n_lanes > 1)
    threads = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, " · %u thread, one address space",
                                            " · %u threads, one address space", n_lanes), n_lanes);
  if (info->pid == 0)
    return g_strdup_printf ("%s%s", what, threads ? threads : "");
  return g_strdup_printf (_("%s · pid %d%s"), what, info->pid, threads ? threads : "");
}

static void
layout_groups (FlTimelinePainter *self)
{
  guint n = self->n_lanes, i, j;
  g_autofree gboolean *placed = g_new0 (gboolean, MAX (n, 1));
  float y = 0;

  for (i = 0; i < n; i++)
    {
      FlPainterGroup group = { 0 };
      guint proc;

      if (placed[i])
        continue;
      proc = fl_timeline_model_get_process_lane (self->model, i);
      if (placed[proc])
        proc = i;   /* a thread whose process was laid out already: should not happen */
      group.process_lane = proc;
      group.first_row = self->rows->len;
      group.y = y;

      /* The process's own lane first, then its threads in lane order. */
      for (j = 0; j <= n; j++)
        {
          guint lane = j == 0 ? proc : j - 1;
          FlPainterRow row;

          if (j > 0 && (lane == proc || placed[lane] ||
                        fl_timeline_model_get_process_lane (self->model, lane) != proc))
            continue;
          placed[lane] = TRUE;
          row.lane = lane;
          row.group = self->groups->len;
          row.y = y + self->caption_h + (self->rows->len - group.first_row) * self->row_h;
          self->lane_row[lane] = (int) self->rows->len;
          g_array_append_val (self->rows, row);
        }
      group.n_rows = self->rows->len - group.first_row;
      group.h = self->caption_h + group.n_rows * self->row_h + self->group_pad;
      group.caption = group_caption (self, proc, group.n_rows);
      g_array_append_val (self->groups, group);
      y += group.h + self->group_gap;
    }
  self->content_h = MAX (0, y - self->group_gap);
}

FlTimelinePainter *
fl_timeline_painter_new (FlTimelineModel      *model,
                         const FlTimelineView *view)
{
  FlTimelinePainter *self = g_new0 (FlTimelinePainter, 1);
  float label_max = 0, tick_h, max_scroll;
  guint i;

  self->model = g_object_ref (model);
  self->view = *view;
  self->theme = view->theme ? fl_theme_ref (view->theme) : fl_theme_new_light ();
  self->view.theme = self->theme;
  if (self->view.end <= self->view.start)
    self->view.end = self->view.start + 1;

  self->font = view->font_size > 0 ? view->font_size : 12.f;
  self->small_font = roundf (self->font * 0.9f * 2) / 2;
  self->row_h = roundf (self->font * 2.0f);
  self->box_h = roundf (self->font * 1.34f);
  self->caption_h = roundf (self->small_font * 1.75f);
  self->group_pad = roundf (self->font * 0.4f);
  self->group_gap = roundf (self->font * 0.5f);

  self->rows = g_array_new (FALSE, FALSE, sizeof (FlPainterRow));
  self->groups = g_array_new (FALSE, FALSE, sizeof (FlPainterGroup));
  g_array_set_clear_func (self->groups, group_clear);
  self->n_lanes = fl_timeline_model_get_n_lanes (model);
  self->lane_row = g_new (int, MAX (self->n_lanes, 1));
  for (i = 0; i < self->n_lanes; i++)
    self->lane_row[i] = -1;
  layout_groups (self);

  /* Vertical: ruler, lanes, legend. */
  tick_h = fl_scene_text_height (self->small_font, NULL);
  self->ruler_y = view->y;
  self->ruler_h = roundf (tick_h + self->font * 0.9f);
  self->legend_use = view->legend ? fl_legend_use_of_model (model) : 0;
  self->legend_h = view->legend ? fl_legend_measure (self->theme, view->width - 24, self->small_font,
                                                     self->legend_use) + 12 : 0;
  self->lanes_y = self->ruler_y + self->ruler_h + roundf (self->font * 0.35f);
  self->lanes_h = MAX (0, view->y + view->height - self->legend_h - self->lanes_y);
  self->legend_y = self->lanes_y + self->lanes_h + 8;

  /* Room to spare: taller lanes rather than empty space under them. */
  if (view->fill && self->rows->len > 0 && self->content_h + 1 < self->lanes_h)
    {
      float fixed = self->content_h - self->rows->len * self->row_h;
      float row_h = MIN (floorf ((self->lanes_h - fixed) / self->rows->len), roundf (self->row_h * 2.5f));

      if (row_h > self->row_h)
        {
          self->box_h = roundf (self->box_h * row_h / self->row_h);
          self->row_h = row_h;
          g_array_set_size (self->rows, 0);
          g_array_set_size (self->groups, 0);
          for (i = 0; i < self->n_lanes; i++)
            self->lane_row[i] = -1;
          layout_groups (self);
        }
    }
  max_scroll = MAX (0, self->content_h - self->lanes_h);
  self->view.scroll_y = CLAMP (self->view.scroll_y, 0, max_scroll);

  /* Horizontal: frames, labels, track. */
  for (i = 0; i < self->n_lanes; i++)
    label_max = MAX (label_max, fl_scene_measure_text (fl_timeline_model_get_lane (model, i)->name,
                                                       self->font, FALSE));
  self->frame_x0 = view->x + 6;
  self->frame_x1 = view->x + view->width - 6;
  self->label_x = self->frame_x0 + roundf (self->font * 0.8f);
  self->label_w = CLAMP (label_max + self->font * 1.8f, self->font * 7, MAX (self->font * 7, view->width * 0.22f));
  self->track_x0 = fl_painter_snap (self, self->label_x + self->label_w);
  self->track_x1 = fl_painter_snap (self, self->frame_x1 - roundf (self->font * 0.8f));
  if (self->track_x1 <= self->track_x0 + 1)
    self->track_x1 = self->track_x0 + 1;
  self->ns_per_px = (double) (self->view.end - self->view.start) / (self->track_x1 - self->track_x0);
  return self;
}

float
fl_timeline_painter_measure_height (FlTimelineModel      *model,
                                    const FlTimelineView *view)
{
  FlTimelineView probe = *view;
  g_autoptr(FlTimelinePainter) painter = NULL;

  probe.height = 0;
  painter = fl_timeline_painter_new (model, &probe);
  return ceilf (painter->lanes_y - probe.y + painter->content_h + (painter->legend_h > 0 ? painter->legend_h : 6));
}

void
fl_timeline_painter_free (FlTimelinePainter *self)
{
  g_array_unref (self->rows);
  g_array_unref (self->groups);
  g_free (self->lane_row);
  fl_theme_unref (self->theme);
  g_object_unref (self->model);
  g_free (self);
}

void
fl_timeline_painter_get_track (FlTimelinePainter *self,
                               double            *x0,
                               double            *x1)
{
  *x0 = self->track_x0;
  *x1 = self->track_x1;
}

double
fl_timeline_painter_x_to_time (FlTimelinePainter *self,
                               double             x)
{
  return self->view.start + (x - self->track_x0) * self->ns_per_px;
}

double
fl_timeline_painter_time_to_x (FlTimelinePainter *self,
                               double             t)
{
  return self->track_x0 + (t - self->view.start) / self->ns_per_px;
}

float
fl_timeline_painter_get_content_height (FlTimelinePainter *self)
{
  return self->content_h;
}

float
fl_timeline_painter_get_lanes_height (FlTimelinePainter *self)
{
  return self->lanes_h;
}

gsize
fl_timeline_painter_get_n_boxes (FlTimelinePainter *self)
{
  return self->n_boxes;
}

int
fl_timeline_painter_lane_at (FlTimelinePainter *self,
                             double             x,
                             double             y)
{
  guint i;

  if (y < self->lanes_y || y >= self->lanes_y + self->lanes_h || x < self->frame_x0 || x >= self->frame_x1)
    return -1;
  for (i = 0; i < self->rows->len; i++)
    {
      const FlPainterRow *row = &g_array_index (self->rows, FlPainterRow, i);
      float top = fl_painter_row_top (self, row);

      if (y >= top && y < top + self->row_h)
        return (int) row->lane;
    }
  return -1;
}

gboolean
fl_timeline_painter_get_lane_row (FlTimelinePainter *self,
                                  guint              lane,
                                  float             *y,
                                  float             *height)
{
  if (lane >= self->n_lanes || self->lane_row[lane] < 0)
    return FALSE;
  *y = fl_painter_row_top (self, &g_array_index (self->rows, FlPainterRow, self->lane_row[lane]));
  *height = self->row_h;
  return TRUE;
}

/* ---- painting ------------------------------------------------------------ */

static gboolean
row_visible (FlTimelinePainter  *self,
             const FlPainterRow *row)
{
  float top = fl_painter_row_top (self, row);

  return top + self->row_h > self->lanes_y && top < self->lanes_y + self->lanes_h;
}

static float
lane_center (FlTimelinePainter *self,
             guint              lane)
{
  return fl_painter_row_top (self, &g_array_index (self->rows, FlPainterRow, self->lane_row[lane])) +
         self->row_h / 2;
}

static void
paint_groups (FlTimelinePainter *self,
              FlScene           *scene)
{
  FlTheme *theme = self->theme;
  guint i;

  for (i = 0; i < self->groups->len; i++)
    {
      const FlPainterGroup *group = &g_array_index (self->groups, FlPainterGroup, i);
      float top = self->lanes_y + group->y - self->view.scroll_y;
      float radius = roundf (self->font * 0.6f);

      if (top > self->lanes_y + self->lanes_h || top + group->h < self->lanes_y)
        continue;
      fl_scene_rounded_rect (scene, self->frame_x0, top, self->frame_x1 - self->frame_x0, group->h,
                             radius, &theme->group_fill);
      fl_scene_frame (scene, self->frame_x0, top, self->frame_x1 - self->frame_x0, group->h,
                      1, radius, &theme->group_border);
    }
}

/* The groups' captions, over the arrows: an arrow from the main lane to
 * a worker crosses its caption, and must not cover the pid. */
static void
paint_captions (FlTimelinePainter *self,
                FlScene           *scene)
{
  FlTheme *theme = self->theme;
  float cap_h = fl_scene_text_height (self->small_font, NULL);
  guint i;

  for (i = 0; i < self->groups->len; i++)
    {
      const FlPainterGroup *group = &g_array_index (self->groups, FlPainterGroup, i);
      float top = self->lanes_y + group->y - self->view.scroll_y;
      g_autofree char *caption = NULL;
      float w;

      if (top > self->lanes_y + self->lanes_h || top + group->h < self->lanes_y)
        continue;
      caption = fl_scene_fit_text (group->caption, self->small_font, TRUE,
                                   self->frame_x1 - self->frame_x0 - 2 * (self->label_x - self->frame_x0));
      if (caption == NULL)
        continue;
      w = fl_scene_measure_text (caption, self->small_font, TRUE);
      fl_scene_rect (scene, self->label_x - 3, top + 2, w + 6, self->caption_h - 2, &theme->group_fill);
      fl_scene_text (scene, self->label_x, top + (self->caption_h - cap_h) / 2 + 1, 0, caption,
                     self->small_font, TRUE, FL_TEXT_LEFT, &theme->secondary);
    }
}

static void
paint_lane_labels (FlTimelinePainter *self,
                   FlScene           *scene)
{
  FlTheme *theme = self->theme;
  float text_h = fl_scene_text_height (self->font, NULL);
  float dot = roundf (self->font * 0.62f);
  guint i;

  for (i = 0; i < self->rows->len; i++)
    {
      const FlPainterRow *row = &g_array_index (self->rows, FlPainterRow, i);
      const FlLaneInfo *info = fl_timeline_model_get_lane (self->model, row->lane);
      float top = fl_painter_row_top (self, row);
      float text_x = self->label_x + dot + roundf (self->font * 0.5f);
      g_autofree char *name = NULL;

      if (!row_visible (self, row))
        continue;
      if ((i - g_array_index (self->groups, FlPainterGroup, row->group).first_row) % 2 == 1)
        fl_scene_rect (scene, self->frame_x0 + 1, top, self->frame_x1 - self->frame_x0 - 2, self->row_h,
                       &theme->lane_stripe);
      fl_scene_rounded_rect (scene, self->label_x, fl_painter_snap (self, top + (self->row_h - dot) / 2),
                             dot, dot, dot / 2, fl_theme_get_worker_color (theme, row->lane));
      name = fl_scene_fit_text (info->name, self->font, FALSE, self->track_x0 - text_x - self->font * 0.5f);
      if (name)
        fl_scene_text (scene, text_x, top + (self->row_h - text_h) / 2, 0, name, self->font,
                       info->kind == FL_LANE_MAIN, FL_TEXT_LEFT,
                       info->start_t >= 0 ? &theme->foreground : &theme->secondary);
    }
}

static void
paint_boxes (FlTimelinePainter *self,
             FlScene           *scene,
             const guint       *lanes,
             guint              n_lanes)
{
  FlTheme *theme = self->theme;
  float min_w = 1.f / (self->view.scale > 0 ? self->view.scale : 1.f);
  /* A hatch needs a stripe or two to read; narrower, the box's height
   * is the cue, and it stays one render node. */
  float hatch_min = FL_HATCH_TILE + 2;
  guint i;

  self->n_boxes = 0;
  for (i = 0; i < n_lanes; i++)
    {
      float cy = lane_center (self, lanes[i]);
      const FlTimelineBox *boxes;
      float last_x1 = -G_MAXFLOAT;
      gsize n, b;

      boxes = fl_timeline_model_get_boxes (self->model, lanes[i], &n);
      for (b = 0; b < n; b++)
        {
          const FlStateStyle *style = fl_theme_get_state_style (theme, boxes[b].state);
          float x0, x1, h, y;

          if (!style->drawn)
            continue;
          x0 = fl_painter_snap (self, MAX (fl_timeline_painter_time_to_x (self, boxes[b].start), self->track_x0));
          x1 = fl_painter_snap (self, MIN (fl_timeline_painter_time_to_x (self, boxes[b].end), self->track_x1));
          if (x1 - x0 < min_w)
            {
              /* Never lost: a sliver is one device pixel wide, unless the
               * previous box already covers that pixel. */
              if (x0 < last_x1)
                continue;
              x1 = x0 + min_w;
            }
          h = fl_painter_snap (self, self->box_h * style->height);
          y = fl_painter_snap (self, cy - h / 2);
          if (style->hatch != FL_HATCH_NONE && x1 - x0 >= hatch_min)
            fl_scene_hatched_rect (scene, x0, y, x1 - x0, h, &style->fill, &style->hatch_color, style->hatch);
          else
            fl_scene_rect (scene, x0, y, x1 - x0, h, &style->fill);
          last_x1 = x1;
          self->n_boxes++;
        }
    }
}

/* How many of @marks (in time order) are before @t. */
static gsize
marks_before (const FlTimelineMark *marks,
              gsize                 n,
              gint64                t)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (marks[mid].t < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
paint_marks (FlTimelinePainter *self,
             FlScene           *scene,
             const guint       *lanes,
             guint              n_lanes)
{
  FlTheme *theme = self->theme;
  float dot = roundf (self->font * 0.42f);
  float spacing = dot + 2;
  g_autofree gsize *first = g_new (gsize, MAX (n_lanes, 1));
  gsize total = 0;
  guint i;

  for (i = 0; i < n_lanes; i++)
    {
      const FlTimelineMark *marks;
      gsize n;

      marks = fl_timeline_model_get_marks (self->model, lanes[i], &n);
      first[i] = marks_before (marks, n, self->view.start);
      total += marks_before (marks, n, self->view.end + 1) - first[i];
    }
  /* Pins are spread so that a frame holds at most MAX_MARKS of them:
   * output on every lane cannot flood the frame with nodes. */
  if (total > MAX_MARKS)
    spacing = MAX (spacing, (self->track_x1 - self->track_x0) * n_lanes / (float) MAX_MARKS);

  for (i = 0; i < n_lanes; i++)
    {
      float top = fl_painter_row_top (self, &g_array_index (self->rows, FlPainterRow, self->lane_row[lanes[i]]));
      float box_top = top + (self->row_h - self->box_h) / 2;
      const FlTimelineMark *marks;
      float last_x = -G_MAXFLOAT;
      gsize n, m;

      marks = fl_timeline_model_get_marks (self->model, lanes[i], &n);
      for (m = first[i]; m < n && marks[m].t <= self->view.end; m++)
        {
          float x = fl_painter_snap (self, fl_timeline_painter_time_to_x (self, marks[m].t));

          /* One pin per few pixels: more would be one blot. */
          if (x - last_x < spacing)
            continue;
          last_x = x;
          fl_scene_rect (scene, x - 0.5f, box_top - dot * 0.5f, 1, dot * 1.5f, &theme->output_marker);
          fl_scene_rounded_rect (scene, x - dot / 2, box_top - dot * 1.3f, dot, dot, dot / 2,
                                 &theme->output_marker);
        }
    }
}

static void
paint_ends (FlTimelinePainter *self,
            FlScene           *scene,
            const guint       *lanes,
            guint              n_lanes)
{
  FlTheme *theme = self->theme;
  float text_h = fl_scene_text_height (self->small_font, NULL);
  g_autofree int *culprit = g_new (int, MAX (self->n_lanes, 1));
  guint i;

  /* Per process, the lane that faulted, if one did: its threads did not
   * crash, they ended with it. */
  for (i = 0; i < self->n_lanes; i++)
    culprit[i] = -1;
  for (i = 0; i < self->n_lanes; i++)
    {
      const FlLaneInfo *info = fl_timeline_model_get_lane (self->model, i);

      if (info->end_t >= 0 && info->signal != 0 && !info->stopped &&
          fl_timeline_model_lane_crashed_itself (self->model, i))
        culprit[fl_timeline_model_get_process_lane (self->model, i)] = (int) i;
    }

  for (i = 0; i < n_lanes; i++)
    {
      const FlLaneInfo *info = fl_timeline_model_get_lane (self->model, lanes[i]);
      float cy = lane_center (self, lanes[i]);
      int faulted = culprit[fl_timeline_model_get_process_lane (self->model, lanes[i])];
      g_autofree char *label = NULL;
      const FlColor *color;
      enum { CAP, CROSS, STOP } shape = CAP;
      gint64 t;
      float x, s;

      if (info->end_t >= 0 && info->stopped)
        {
          /* Stopped by the user: not a crash, a plain stop sign. */
          t = info->end_t;
          color = &theme->secondary;
          shape = STOP;
          label = g_strdup (_("stopped"));
        }
      else if (info->end_t >= 0 && info->signal != 0 && faulted >= 0 && faulted != (int) lanes[i])
        {
          t = info->end_t;
          color = &theme->secondary;
          /* TRANSLATORS: a thread's end when another thread of its process crashed */
          label = g_strdup (_("ended with its process"));
        }
      else if (info->end_t >= 0 && info->signal != 0)
        {
          t = info->end_t;
          color = &theme->crash;
          shape = CROSS;
          label = fl_signal_name (info->signal);
        }
      else if (info->exit_t >= 0)
        {
          t = info->exit_t;
          color = &theme->exit_mark;
          if (info->exit_code != 0)
            label = g_strdup_printf (_("exit %d"), info->exit_code);
        }
      else
        continue;
      if (t < self->view.start || t > self->view.end)
        continue;
      x = fl_painter_snap (self, fl_timeline_painter_time_to_x (self, t));
      s = roundf (self->box_h * 0.42f);
      /* A mark at the very end stays whole inside the track. */
      if (shape == CROSS)
        x = MIN (x, self->track_x1 - s - 2);
      else if (shape == STOP)
        x = MIN (x, self->track_x1 - 2 * s - 1);
      if (shape == CROSS)
        {
          /* A cross, the strongest mark on the page. */
          fl_scene_line (scene, x - s, cy - s, x + s, cy + s, 2.5f, color, FALSE);
          fl_scene_line (scene, x - s, cy + s, x + s, cy - s, 2.5f, color, FALSE);
          x += s + 3;
        }
      else if (shape == STOP)
        {
          /* A square: the stop button's sign. */
          fl_scene_rect (scene, x, cy - s, 2 * s, 2 * s, color);
          x += 2 * s + 3;
        }
      else
        {
          /* An end cap: the thread is done here. */
          fl_scene_rect (scene, x, cy - self->box_h / 2, 2, self->box_h, color);
          x += 5;
        }
      if (label == NULL)
        continue;
      /* Right of the mark if it fits, else left of it: never cut off. */
      {
        float w = fl_scene_measure_text (label, self->small_font, TRUE);
        float left = x - (shape == CAP ? 5 : shape == STOP ? 2 * s + 3 : 2 * s + 3) - 3 - w;

        float at = x + w < self->track_x1 ? x : left > self->track_x0 ? left : -1;
        FlColor plate = theme->background;

        if (at < 0)
          continue;
        /* The label lies over other lanes' bars and hatching: a plate of
         * the page's colour keeps it readable on any of them. */
        plate.alpha = 0.88f;
        fl_scene_rounded_rect (scene, at - 2, cy - text_h / 2 - 1, w + 4, text_h + 2, 3, &plate);
        fl_scene_text (scene, at, cy - text_h / 2, 0, label, self->small_font, TRUE, FL_TEXT_LEFT, color);
      }
    }
}

/* An arrow from one lane to another: from the edge of the box it leaves
 * to the edge of the box it reaches. */
static void
lane_arrow (FlTimelinePainter *self,
            FlScene           *scene,
            guint              from_lane,
            gint64             from_t,
            guint              to_lane,
            gint64             to_t,
            const FlColor     *color,
            gboolean           dashed)
{
  float y0 = lane_center (self, from_lane), y1 = lane_center (self, to_lane);
  float half = self->box_h / 2;
  float x0 = fl_timeline_painter_time_to_x (self, from_t), x1 = fl_timeline_painter_time_to_x (self, to_t);

  if (MAX (x0, x1) < self->track_x0 || MIN (x0, x1) > self->track_x1 || y0 == y1)
    return;
  if (MAX (y0, y1) < self->lanes_y || MIN (y0, y1) > self->lanes_y + self->lanes_h)
    return;
  y0 += y1 > y0 ? half : -half;
  y1 += y1 > y0 ? -half - 1 : half + 1;
  if (dashed)
    fl_scene_dashed_line (scene, x0, y0, x1, y1, 1.25f, color, TRUE);
  else
    fl_scene_line (scene, x0, y0, x1, y1, 1.25f, color, TRUE);
}

static void
paint_arrows (FlTimelinePainter *self,
              FlScene           *scene)
{
  FlTheme *theme = self->theme;
  const FlMessage *messages = fl_timeline_model_get_messages (self->model);
  guint n_messages = fl_timeline_model_get_n_messages (self->model);
  guint i, drawn = 0;
  guint last_from = G_MAXUINT, last_to = G_MAXUINT;
  float last_x = -G_MAXFLOAT;

  for (i = 0; i < self->n_lanes; i++)
    {
      const FlLaneInfo *info = fl_timeline_model_get_lane (self->model, i);
      gint64 end_t;

      if (info->kind != FL_LANE_WORKER || self->lane_row[i] < 0 || self->lane_row[0] < 0)
        continue;
      if (info->create_t >= 0 && info->start_t >= 0)
        lane_arrow (self, scene, 0, info->create_t, i, info->start_t, &theme->create_arrow, FALSE);
      end_t = info->exit_t >= 0 ? info->exit_t : info->end_t;
      if (info->join_t >= 0 && end_t >= 0)
        lane_arrow (self, scene, i, end_t, 0, info->join_t, &theme->join_arrow, TRUE);
    }

  for (i = 0; i < n_messages && drawn < 2000; i++)
    {
      const FlMessage *msg = &messages[i];
      float x;

      if (msg->receive_t < 0 || msg->send_lane >= self->n_lanes || msg->receive_lane >= self->n_lanes ||
          self->lane_row[msg->send_lane] < 0 || self->lane_row[msg->receive_lane] < 0)
        continue;
      if (MAX (msg->send_t, msg->receive_t) < self->view.start || MIN (msg->send_t, msg->receive_t) > self->view.end)
        continue;
      /* Many messages between the same two lanes in one pixel: one arrow. */
      x = fl_timeline_painter_time_to_x (self, msg->send_t);
      if (msg->send_lane == last_from && msg->receive_lane == last_to && fabsf (x - last_x) < 3)
        continue;
      last_from = msg->send_lane;
      last_to = msg->receive_lane;
      last_x = x;
      lane_arrow (self, scene, msg->send_lane, msg->send_t, msg->receive_lane, msg->receive_t,
                  &theme->message_arrow, FALSE);
      drawn++;
    }
}

/* Lanes that do not fit: a scroll bar at the right edge and a count of
 * the lanes out of sight, so that no one takes the visible ones for all. */
static void
paint_overflow (FlTimelinePainter *self,
                FlScene           *scene)
{
  FlTheme *theme = self->theme;
  float bottom = self->lanes_y + self->lanes_h;
  float thumb_h, thumb_y, bar_w = MAX (4, roundf (self->font * 0.35f));
  FlColor bar = theme->secondary, pill = theme->foreground;
  guint above = 0, below = 0, i;

  if (self->content_h <= self->lanes_h + 1 || self->lanes_h <= 0)
    return;
  for (i = 0; i < self->rows->len; i++)
    {
      float top = fl_painter_row_top (self, &g_array_index (self->rows, FlPainterRow, i));

      if (top + self->row_h / 2 < self->lanes_y)
        above++;
      else if (top + self->row_h / 2 > bottom)
        below++;
    }

  bar.alpha = 0.55f;
  thumb_h = MAX (bar_w * 3, self->lanes_h * self->lanes_h / self->content_h);
  thumb_y = self->lanes_y + (self->lanes_h - thumb_h) * self->view.scroll_y / MAX (self->content_h - self->lanes_h, 1);
  fl_scene_rounded_rect (scene, self->view.x + self->view.width - bar_w - 1, thumb_y, bar_w, thumb_h,
                         bar_w / 2, &bar);

  pill.alpha = 0.85f;
  for (i = 0; i < 2; i++)
    {
      guint n = i == 0 ? below : above;
      g_autofree char *text = NULL;
      float w, h, x, y;

      if (n == 0)
        continue;
      text = i == 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "↓ %u more lane", "↓ %u more lanes", n), n)
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "↑ %u more lane", "↑ %u more lanes", n), n);
      h = roundf (fl_scene_text_height (self->small_font, NULL) + self->font * 0.5f);
      w = fl_scene_measure_text (text, self->small_font, TRUE) + self->font * 1.2f;
      /* Mid-track: never at the track's right end, where a fitted run's
       * lanes end with their exit and crash marks, nor over lane names. */
      x = roundf ((self->track_x0 + self->track_x1 - w) / 2);
      y = i == 0 ? bottom - h - 3 : self->lanes_y + 3;
      fl_scene_rounded_rect (scene, x, y, w, h, h / 2, &pill);
      fl_scene_text (scene, x, y + (h - fl_scene_text_height (self->small_font, NULL)) / 2, w, text,
                     self->small_font, TRUE, FL_TEXT_CENTER, &theme->background);
    }
}

static void
paint_live_edge (FlTimelinePainter *self,
                 FlScene           *scene)
{
  gint64 until = fl_timeline_model_get_until (self->model);
  float x;

  if (fl_timeline_model_is_finished (self->model) || until < self->view.start || until > self->view.end)
    return;
  x = fl_painter_snap (self, fl_timeline_painter_time_to_x (self, until));
  fl_scene_rect (scene, x, self->lanes_y, 1, MIN (self->lanes_h, self->content_h - self->view.scroll_y),
                 &self->theme->secondary);
}

void
fl_timeline_painter_paint (FlTimelinePainter *self,
                           FlScene           *scene)
{
  const FlTimelineView *view = &self->view;
  g_autofree guint *lanes = g_new (guint, MAX (self->rows->len, 1));
  FlTimelineQuery query = { 0 };
  guint n_visible = 0, i;

  if (view->background)
    fl_scene_rect (scene, view->x, view->y, view->width, view->height, &self->theme->background);

  for (i = 0; i < self->rows->len; i++)
    {
      const FlPainterRow *row = &g_array_index (self->rows, FlPainterRow, i);
      if (row_visible (self, row))
        lanes[n_visible++] = row->lane;
    }

  /* The model's part: boxes of the visible lanes, within a node budget. */
  query.start = view->start;
  query.end = view->end;
  query.width = self->track_x1 - self->track_x0;
  query.fold_px = 2;
  query.max_boxes = MAX (48, (view->max_boxes ? view->max_boxes : DEFAULT_MAX_BOXES) / MAX (n_visible, 1));
  fl_timeline_model_query (self->model, &query, lanes, n_visible);

  fl_scene_push_clip (scene, view->x, self->lanes_y, view->width, self->lanes_h);
  paint_groups (self, scene);
  paint_lane_labels (self, scene);

  fl_scene_push_clip (scene, self->track_x0, self->lanes_y, self->track_x1 - self->track_x0, self->lanes_h);
  fl_timeline_paint_grid (self, scene);
  paint_boxes (self, scene, lanes, n_visible);
  paint_marks (self, scene, lanes, n_visible);
  paint_arrows (self, scene);
  paint_ends (self, scene, lanes, n_visible);
  paint_live_edge (self, scene);
  fl_scene_pop_clip (scene);
  paint_captions (self, scene);
  paint_overflow (self, scene);
  fl_scene_pop_clip (scene);

  fl_timeline_paint_ruler (self, scene);

  if (view->legend)
    fl_legend_paint (scene, self->theme, view->x + 12, self->legend_y, view->width - 24, self->small_font,
                     self->legend_use);
}

const FlPainterFuncs fl_timeline_painter_funcs = {
  .paint = (FlPainterPaintFunc) fl_timeline_painter_paint,
  .paint_hover = (FlPainterPaintHoverFunc) fl_timeline_painter_paint_hover,
  .describe_at = (FlPainterDescribeAtFunc) fl_timeline_painter_describe_at,
  .free = (GDestroyNotify) fl_timeline_painter_free,
};
