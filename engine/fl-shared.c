/* fl-shared.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-shared"

#include "config.h"

#include <string.h>

#include "fl-shared.h"

void
fl_shared_init (gpointer shared)
{
  memset (shared, 0, sizeof (FlShared));
}
