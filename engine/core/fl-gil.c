/* fl-gil.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-gil"

#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "fl-gil.h"
#include "fl-trace.h"

typedef struct
{
  gboolean        enabled;
  guint64         interval_ns;
  pthread_mutex_t mutex;
  pthread_cond_t  cond;          /* signalled when the GIL is released */
  int             locked;
  gpointer        last_holder;
  guint64         switch_number;
  pthread_mutex_t switch_mutex;
  pthread_cond_t  switch_cond;   /* signalled when another thread took it */
} Gil;

static Gil gil;
volatile int fl_gil_drop_request;

/* Identifies the calling thread, like CPython's tstate pointer. */
static __thread char thread_marker;

static void
init_cond (pthread_cond_t *cond)
{
  pthread_condattr_t attr;

  pthread_condattr_init (&attr);
  pthread_condattr_setclock (&attr, CLOCK_MONOTONIC);
  pthread_cond_init (cond, &attr);
  pthread_condattr_destroy (&attr);
}

void
fl_gil_init (gboolean enabled,
             double   switch_interval_ms)
{
  /* After fork the child's copy may be locked by a thread that does not
   * exist in it: start afresh, as CPython's PyOS_AfterFork_Child does. */
  pthread_mutex_init (&gil.mutex, NULL);
  pthread_mutex_init (&gil.switch_mutex, NULL);
  init_cond (&gil.cond);
  init_cond (&gil.switch_cond);
  gil.enabled = enabled;
  gil.interval_ns = (guint64) (MAX (switch_interval_ms, 0.001) * 1e6);
  gil.locked = 0;
  gil.last_holder = NULL;
  gil.switch_number = 0;
  fl_gil_drop_request = 0;
}

gboolean
fl_gil_enabled (void)
{
  return gil.enabled;
}

static void
take (gboolean waited)
{
  pthread_mutex_lock (&gil.mutex);
  while (gil.locked)
    {
      guint64 saved_switch = gil.switch_number;
      guint64 deadline = fl_trace_now () + gil.interval_ns;
      struct timespec ts = {
        .tv_sec = (time_t) (deadline / G_GUINT64_CONSTANT (1000000000)),
        .tv_nsec = (long) (deadline % G_GUINT64_CONSTANT (1000000000)),
      };
      int rc;

      if (!waited)
        {
          fl_trace_state (FL_STATE_GIL, FL_REASON_NONE, 0);
          waited = TRUE;
        }
      rc = pthread_cond_timedwait (&gil.cond, &gil.mutex, &ts);
      /* Waited a whole interval and nobody switched: ask the holder to drop it. */
      if (rc == ETIMEDOUT && gil.locked && gil.switch_number == saved_switch)
        __atomic_store_n (&fl_gil_drop_request, 1, __ATOMIC_RELAXED);
    }

  pthread_mutex_lock (&gil.switch_mutex);
  gil.locked = 1;
  gil.last_holder = &thread_marker;
  gil.switch_number++;
  pthread_cond_signal (&gil.switch_cond);
  pthread_mutex_unlock (&gil.switch_mutex);

  if (__atomic_load_n (&fl_gil_drop_request, __ATOMIC_RELAXED))
    __atomic_store_n (&fl_gil_drop_request, 0, __ATOMIC_RELAXED);
  pthread_mutex_unlock (&gil.mutex);

  fl_trace_emit (FL_EV_GIL, 1, 0, 0, 0);
  if (waited)
    fl_trace_state (FL_STATE_RUNNING, FL_REASON_NONE, 0);
}

void
fl_gil_take (void)
{
  if (gil.enabled)
    take (FALSE);
}

static void
drop (gboolean forced)
{
  pthread_mutex_lock (&gil.mutex);
  gil.locked = 0;
  pthread_cond_signal (&gil.cond);
  pthread_mutex_unlock (&gil.mutex);
  fl_trace_emit (FL_EV_GIL, 0, 0, 0, 0);

  if (forced && __atomic_load_n (&fl_gil_drop_request, __ATOMIC_RELAXED))
    {
      pthread_mutex_lock (&gil.switch_mutex);
      /* Not switched yet: wait until another thread has taken it, so that
       * the one that asked really gets its turn. */
      if (gil.last_holder == &thread_marker)
        {
          __atomic_store_n (&fl_gil_drop_request, 0, __ATOMIC_RELAXED);
          pthread_cond_wait (&gil.switch_cond, &gil.switch_mutex);
        }
      pthread_mutex_unlock (&gil.switch_mutex);
    }
}

void
fl_gil_drop (void)
{
  if (gil.enabled)
    drop (FALSE);
}

void
fl_gil_yield (void)
{
  if (!gil.enabled)
    return;
  /* From here until it has the GIL back the thread waits for it. */
  fl_trace_state (FL_STATE_GIL, FL_REASON_NONE, 0);
  drop (TRUE);
  take (TRUE);
}
