/* fl-format.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-format"

#include "config.h"

#include <glib/gi18n.h>

#include "fl-format.h"

char *
fl_format_duration_ns (gint64 ns)
{
  double ms = ns / 1e6;

  if (ns < 0)
    return g_strdup ("—");
  if (ms < 10)
    /* TRANSLATORS: a duration in milliseconds, with one decimal */
    return g_strdup_printf (_("%.1f ms"), ms);
  if (ms < 1000)
    /* TRANSLATORS: a duration in whole milliseconds */
    return g_strdup_printf (_("%.0f ms"), ms);
  if (ms < 60000)
    /* TRANSLATORS: a duration in seconds */
    return g_strdup_printf (_("%.2f s"), ms / 1000);
  /* TRANSLATORS: a duration in minutes and seconds */
  return g_strdup_printf (_("%d min %d s"), (int) (ms / 60000), (int) (ms / 1000) % 60);
}

char *
fl_format_memory_kb (guint64 kb)
{
  return g_format_size_full (kb * 1024, G_FORMAT_SIZE_DEFAULT);
}

char *
fl_format_timestamp_ns (gint64 ns)
{
  /* TRANSLATORS: a time since the run started, in seconds with milliseconds */
  return g_strdup_printf (_("%.3f s"), ns / 1e9);
}
