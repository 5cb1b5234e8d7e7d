/* fl-timeline-input.c — zoom, pan, follow, hover and tooltips
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-timeline"

#include "config.h"

#include <math.h>

#include "fl-timeline-private.h"

#define ZOOM_STEP 1.5
#define WHEEL_PX  48

/* Zoom around the pointer when it is over the timeline, else the middle. */
static double
hover_x (FlTimeline *self)
{
  double x;

  return fl_scene_widget_get_hover (FL_SCENE_WIDGET (self), &x, NULL) ? x : -1;
}

static void
pan_time (FlTimeline *self,
          double      dx_px)
{
  gint64 shift = (gint64) (dx_px * fl_timeline_ns_per_px (self));

  if (shift == 0)
    return;
  if (self->follow)
    fl_timeline_set_follow (self, FALSE);
  fl_timeline_set_range (self, self->start + shift, self->end + shift);
}

static gboolean
lanes_overflow (FlTimeline *self)
{
  FlTimelinePainter *painter = fl_timeline_get_painter (self);

  return painter &&
         fl_timeline_painter_get_content_height (painter) > fl_timeline_painter_get_lanes_height (painter);
}

/* ---- actions ------------------------------------------------------------- */

static void
zoom_in_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  FlTimeline *self = FL_TIMELINE (widget);

  fl_timeline_zoom (self, 1 / ZOOM_STEP, hover_x (self));
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  FlTimeline *self = FL_TIMELINE (widget);

  fl_timeline_zoom (self, ZOOM_STEP, hover_x (self));
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  fl_timeline_zoom_to_fit (FL_TIMELINE (widget));
}

static void
follow_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  FlTimeline *self = FL_TIMELINE (widget);

  fl_timeline_set_follow (self, !fl_timeline_get_follow (self));
}

static void
pan_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  FlTimeline *self = FL_TIMELINE (widget);
  double x0, x1;
  int dir = g_variant_get_int32 (param);

  fl_timeline_get_track (self, &x0, &x1);
  if (dir == 1 || dir == -1)
    pan_time (self, dir * (x1 - x0) / 8);
  else
    fl_timeline_scroll_lanes (self, dir / 2 * 40.0);
}

void
fl_timeline_install_input (FlTimelineClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "timeline.follow", NULL, follow_action);
  gtk_widget_class_install_action (widget_class, "timeline.pan", "i", pan_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_SHIFT_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, 0, "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "timeline.follow", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_SHIFT_MASK, "timeline.follow", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "timeline.pan", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "timeline.pan", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "timeline.pan", "i", -2);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "timeline.pan", "i", 2);
}

/* ---- pointer ------------------------------------------------------------- */

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           FlTimeline               *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  double unit = wheel ? WHEEL_PX : 1;

  if (state & GDK_CONTROL_MASK)
    {
      /* A notch zooms by one step; a touchpad by as much as it moved. */
      double factor = wheel ? pow (ZOOM_STEP, dy) : exp (dy / 100.0);

      if (dy != 0)
        fl_timeline_zoom (self, factor, hover_x (self));
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK)
    {
      pan_time (self, (dy + dx) * unit);
      return TRUE;
    }
  if (dx != 0)
    pan_time (self, dx * unit);
  if (dy != 0)
    {
      if (lanes_overflow (self))
        fl_timeline_scroll_lanes (self, dy * unit);
      else
        pan_time (self, dy * unit);
    }
  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               FlTimeline     *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_start = self->start;
  self->drag_end = self->end;
  self->drag_scroll = self->scroll_y;
  self->drag_ns_per_px = fl_timeline_ns_per_px (self);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                FlTimeline     *self)
{
  gint64 shift = (gint64) (-offset_x * self->drag_ns_per_px);

  if (shift != 0)
    {
      if (self->follow)
        fl_timeline_set_follow (self, FALSE);
      fl_timeline_set_range (self, self->drag_start + shift, self->drag_end + shift);
    }
  fl_timeline_scroll_lanes (self, self->drag_scroll - offset_y - self->scroll_y);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             FlTimeline     *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
pinch_begin_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                FlTimeline       *self)
{
  double x, y;

  self->pinch_start = self->start;
  self->pinch_end = self->end;
  if (!gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    x = -1;
  self->pinch_anchor = x;
}

static void
pinch_scale_cb (GtkGestureZoom *gesture,
                double          scale,
                FlTimeline     *self)
{
  if (scale <= 0)
    return;
  /* Zoom from where the pinch began, not step by step: no drift. */
  self->fitted = FALSE;
  fl_timeline_set_range (self, self->pinch_start, self->pinch_end);
  fl_timeline_zoom (self, 1 / scale, self->pinch_anchor);
}

void
fl_timeline_init_input (FlTimeline *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (pinch_scale_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}
