/* tsan-glib-locks.c — GLib's GMutex and GCond, seen by ThreadSanitizer
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On Linux, GLib implements GMutex and GCond with futexes and its own
 * atomic operations.  The distribution's libglib is not built with
 * -fsanitize=thread, so ThreadSanitizer never sees those locks taken:
 * every access guarded by a GMutex (the store, the run's state) is
 * reported as a race although it is not.  Linked into the test programs
 * of a -Db_sanitize=thread build only, these definitions take the place
 * of GLib's (an executable's symbols come first), with the same futex
 * protocol (0 free, 1 held, 2 held with waiters; a cond is a sequence
 * number) — so a lock taken inside libglib itself still works with one
 * taken here — but with atomics ThreadSanitizer instruments.
 */

#include "config.h"

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

static void
futex_wait (guint                 *word,
            guint                  value,
            const struct timespec *timeout)
{
  syscall (SYS_futex, word, FUTEX_WAIT_PRIVATE, value, timeout, NULL, 0);
}

static void
futex_wake (guint *word,
            int    n)
{
  syscall (SYS_futex, word, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0);
}

void
g_mutex_init (GMutex *mutex)
{
  __atomic_store_n (&mutex->i[0], 0, __ATOMIC_RELAXED);
}

void
g_mutex_clear (GMutex *mutex)
{
}

void
g_mutex_lock (GMutex *mutex)
{
  guint *word = &mutex->i[0];
  guint c = 0;

  if (__atomic_compare_exchange_n (word, &c, 1, FALSE, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
    return;
  if (c != 2)
    c = __atomic_exchange_n (word, 2, __ATOMIC_ACQUIRE);
  while (c != 0)
    {
      futex_wait (word, 2, NULL);
      c = __atomic_exchange_n (word, 2, __ATOMIC_ACQUIRE);
    }
}

gboolean
g_mutex_trylock (GMutex *mutex)
{
  guint c = 0;

  return __atomic_compare_exchange_n (&mutex->i[0], &c, 1, FALSE, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void
g_mutex_unlock (GMutex *mutex)
{
  if (__atomic_exchange_n (&mutex->i[0], 0, __ATOMIC_RELEASE) == 2)
    futex_wake (&mutex->i[0], 1);
}

void
g_cond_init (GCond *cond)
{
  __atomic_store_n (&cond->i[0], 0, __ATOMIC_RELAXED);
}

void
g_cond_clear (GCond *cond)
{
}

void
g_cond_wait (GCond  *cond,
             GMutex *mutex)
{
  guint sampled = __atomic_load_n (&cond->i[0], __ATOMIC_ACQUIRE);

  g_mutex_unlock (mutex);
  futex_wait (&cond->i[0], sampled, NULL);
  g_mutex_lock (mutex);
}

gboolean
g_cond_wait_until (GCond  *cond,
                   GMutex *mutex,
                   gint64  end_time)
{
  guint sampled = __atomic_load_n (&cond->i[0], __ATOMIC_ACQUIRE);
  gint64 left = end_time - g_get_monotonic_time ();
  struct timespec span;

  if (left <= 0)
    return FALSE;
  span.tv_sec = (time_t) (left / G_USEC_PER_SEC);
  span.tv_nsec = (long) (left % G_USEC_PER_SEC) * 1000;
  g_mutex_unlock (mutex);
  futex_wait (&cond->i[0], sampled, &span);
  g_mutex_lock (mutex);
  return g_get_monotonic_time () < end_time;
}

void
g_cond_signal (GCond *cond)
{
  __atomic_add_fetch (&cond->i[0], 1, __ATOMIC_RELEASE);
  futex_wake (&cond->i[0], 1);
}

void
g_cond_broadcast (GCond *cond)
{
  __atomic_add_fetch (&cond->i[0], 1, __ATOMIC_RELEASE);
  futex_wake (&cond->i[0], INT_MAX);
}
