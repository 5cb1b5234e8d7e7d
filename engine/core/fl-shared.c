/* fl-shared.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-shared"

#include "config.h"

#include <string.h>

#include "fl-shared.h"

static void
init_shared_mutex (pthread_mutex_t *mutex)
{
  pthread_mutexattr_t attr;

  pthread_mutexattr_init (&attr);
  pthread_mutexattr_setpshared (&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutexattr_setrobust (&attr, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init (mutex, &attr);
  pthread_mutexattr_destroy (&attr);
}

void
fl_shared_init (gpointer data)
{
  FlShared *shared = data;
  guint i;

  memset (shared, 0, sizeof *shared);
  for (i = 0; i < FL_MAX_LOCKS; i++)
    init_shared_mutex (&shared->locks[i]);
  init_shared_mutex (&shared->counter_lock);
  for (i = 0; i < FL_MAX_CHANNELS; i++)
    init_shared_mutex (&shared->channel_read_locks[i]);
}
