/* fl-io-server.h — the run's local server that `io` steps wait for
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thread of the main process listening on an abstract Unix socket.  A
 * request names a latency; the answer is written when it is due, so the
 * requester really blocks in read() — not a sleep in disguise.
 */

#pragma once

#include "fl-shared.h"
#include "fl-trace.h"

G_BEGIN_DECLS

typedef struct _FlIoServer FlIoServer;

FlIoServer *fl_io_server_start   (FlTrace   *trace,
                                  guint      lane,
                                  GError   **error);
void        fl_io_server_stop    (FlIoServer *server);
/* A blocking connection to the run's server, or -1. */
int         fl_io_server_connect (FlShared   *shared);

G_END_DECLS
