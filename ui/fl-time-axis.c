/* fl-time-axis.c — one time axis shared by the views of a window
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns one axis and gives it to every view drawn on the run's
 * time (the timeline lays it out, the CPU chart under it follows), so
 * that views agree on time without reaching into each other, as
 * Sysprof's charts share a SysprofAxis held by their session.
 *
 * The range is the run's time shown, in ns.  The track is the x range
 * that range is drawn on, in the coordinates of the views sharing the
 * axis: they stand in one column with one left edge.  0, 0 is "no track
 * yet" (nothing laid out).
 */

#define G_LOG_DOMAIN "fl-time-axis"

#include "config.h"

#include "fl-time-axis.h"

struct _FlTimeAxis
{
  GObject parent_instance;

  gint64  start;
  gint64  end;
  double  track_x0;
  double  track_x1;
};

enum {
  PROP_0,
  PROP_START,
  PROP_END,
  PROP_TRACK_X0,
  PROP_TRACK_X1,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FlTimeAxis, fl_time_axis, G_TYPE_OBJECT)

static void
fl_time_axis_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FlTimeAxis *self = FL_TIME_AXIS (object);

  switch (prop_id)
    {
    case PROP_START:
      g_value_set_int64 (value, self->start);
      break;
    case PROP_END:
      g_value_set_int64 (value, self->end);
      break;
    case PROP_TRACK_X0:
      g_value_set_double (value, self->track_x0);
      break;
    case PROP_TRACK_X1:
      g_value_set_double (value, self->track_x1);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_time_axis_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FlTimeAxis *self = FL_TIME_AXIS (object);

  switch (prop_id)
    {
    case PROP_START:
      fl_time_axis_set_range (self, g_value_get_int64 (value), self->end);
      break;
    case PROP_END:
      fl_time_axis_set_range (self, self->start, g_value_get_int64 (value));
      break;
    case PROP_TRACK_X0:
      fl_time_axis_set_track (self, g_value_get_double (value), self->track_x1);
      break;
    case PROP_TRACK_X1:
      fl_time_axis_set_track (self, self->track_x0, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_time_axis_class_init (FlTimeAxisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fl_time_axis_get_property;
  object_class->set_property = fl_time_axis_set_property;

  properties[PROP_START] =
    g_param_spec_int64 ("start", NULL, NULL, G_MININT64 / 4, G_MAXINT64 / 4, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_END] =
    g_param_spec_int64 ("end", NULL, NULL, G_MININT64 / 4, G_MAXINT64 / 4, 1000000,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRACK_X0] =
    g_param_spec_double ("track-x0", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRACK_X1] =
    g_param_spec_double ("track-x1", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FlTimeAxis::changed:
   *
   * The range or the track changed, once for any number of properties set
   * together: the views on the axis draw again.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
fl_time_axis_init (FlTimeAxis *self)
{
  self->end = 1000000;
}

FlTimeAxis *
fl_time_axis_new (void)
{
  return g_object_new (FL_TYPE_TIME_AXIS, NULL);
}

/**
 * fl_time_axis_set_range:
 * @self: an axis
 * @start: the first ns shown
 * @end: the last ns shown
 *
 * Both ends first, then the notifications (start first) and one
 * ::changed: a binding that copies them one by one sees a whole range.
 */
void
fl_time_axis_set_range (FlTimeAxis *self,
                        gint64      start,
                        gint64      end)
{
  gboolean start_changed, end_changed;

  g_return_if_fail (FL_IS_TIME_AXIS (self));

  start_changed = start != self->start;
  end_changed = end != self->end;
  if (!start_changed && !end_changed)
    return;
  self->start = start;
  self->end = end;
  if (start_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
  if (end_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
fl_time_axis_get_range (FlTimeAxis *self,
                        gint64     *start,
                        gint64     *end)
{
  g_return_if_fail (FL_IS_TIME_AXIS (self));

  if (start)
    *start = self->start;
  if (end)
    *end = self->end;
}

/**
 * fl_time_axis_set_track:
 * @self: an axis
 * @x0: where the range starts, in the views' coordinates
 * @x1: where it ends; 0, 0 for no track
 */
void
fl_time_axis_set_track (FlTimeAxis *self,
                        double      x0,
                        double      x1)
{
  gboolean x0_changed, x1_changed;

  g_return_if_fail (FL_IS_TIME_AXIS (self));

  x0_changed = x0 != self->track_x0;
  x1_changed = x1 != self->track_x1;
  if (!x0_changed && !x1_changed)
    return;
  self->track_x0 = x0;
  self->track_x1 = x1;
  if (x0_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACK_X0]);
  if (x1_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACK_X1]);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
fl_time_axis_get_track (FlTimeAxis *self,
                        double     *x0,
                        double     *x1)
{
  g_return_if_fail (FL_IS_TIME_AXIS (self));

  if (x0)
    *x0 = self->track_x0;
  if (x1)
    *x1 = self->track_x1;
}

/* Whether a view has laid the axis out: a track at least a pixel wide. */
gboolean
fl_time_axis_has_track (FlTimeAxis *self)
{
  g_return_val_if_fail (FL_IS_TIME_AXIS (self), FALSE);

  return self->track_x1 > self->track_x0 + 1;
}
