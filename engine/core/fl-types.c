/* fl-types.c — names of the engine's enums as people read them
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-types"

#include "config.h"

#include <glib/gi18n.h>

#include "fl-types.h"

/**
 * fl_mode_get_label:
 * @mode: a mode
 *
 * The mode's name as the window, the console and exports show it:
 * "Threads", "Processes (fork)", "Processes (spawn)".
 *
 * Returns: a translated, static string
 */
const char *
fl_mode_get_label (FlMode mode)
{
  switch (mode)
    {
    case FL_MODE_THREADS:
      return _("Threads");
    case FL_MODE_FORK:
      return _("Processes (fork)");
    case FL_MODE_SPAWN:
      return _("Processes (spawn)");
    case FL_N_MODES:
    default:
      g_return_val_if_reached ("");
    }
}
