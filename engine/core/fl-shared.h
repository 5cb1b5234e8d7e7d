/* fl-shared.h — state every process of a run shares through the trace region
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What processes share here is what multiprocessing shares through
 * shared memory (Value, Lock): a counter and named mutexes.  Threads do
 * not use this: they share their process's memory and use ordinary
 * pthread mutexes and globals (fl-interp.c).
 */

#pragma once

#include <pthread.h>

#include <glib.h>

G_BEGIN_DECLS

#define FL_MAX_LOCKS    16
#define FL_MAX_CHANNELS 8
#define FL_NAME_MAX     32
#define FL_MAX_OPENED   8

typedef struct
{
  gint32          stop;             /* set by the observer: leave at the next step */
  gint32          io_ready;         /* the main process's I/O server listens */
  char            io_address[64];   /* abstract socket name of that server, without the leading NUL */

  /* process-shared, robust: a holder that crashes does not hang the others */
  pthread_mutex_t locks[FL_MAX_LOCKS];
  char            lock_names[FL_MAX_LOCKS][FL_NAME_MAX];
  pthread_mutex_t counter_lock;
  gint64          counter;          /* the shared counter of `increment` in process modes */

  gint64          alloc_budget;     /* bytes `alloc` may reserve in the whole run; set by the first */
  gint64          alloc_total;      /* bytes `alloc` reserved so far, every process of the run */

  pthread_mutex_t channel_read_locks[FL_MAX_CHANNELS];
  char            channel_names[FL_MAX_CHANNELS][FL_NAME_MAX];

  /* the files `open` opened in the main process, before it started a
   * worker: `fds` looks for them by device and inode in every process */
  guint32         n_opened;
  guint64         opened_dev[FL_MAX_OPENED];
  guint64         opened_ino[FL_MAX_OPENED];
} FlShared;

void fl_shared_init (gpointer shared);

G_END_DECLS
