/* fl-shared.h — state every process of a run shares through the trace region
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint32  stop;           /* set by the observer: leave at the next step */
  gint32  io_ready;       /* the main process's I/O server listens */
  char    io_address[64]; /* abstract socket name of that server, without the leading NUL */
} FlShared;

void fl_shared_init (gpointer shared);

G_END_DECLS
