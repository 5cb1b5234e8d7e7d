/* main.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-main"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "fl-cli.h"

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The window comes later: until then, no arguments means usage. */
  if (argc < 2)
    {
      fl_cli_print_usage ();
      return 0;
    }

  return fl_cli_main (argc, argv);
}
