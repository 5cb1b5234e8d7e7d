/* main.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two front ends share the executable: the headless command line (--run,
 * --list-scenarios, --check-scenario, --version, --help, and --open FILE
 * with --summary or --export) needs no display; everything else, plain
 * --open FILE included, and no argument at all, opens the window.
 */

#define G_LOG_DOMAIN "fl-main"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "fl-application.h"
#include "fl-cli.h"

/* Whether @arg is @option, as "--option" or "--option=VALUE". */
static gboolean
is_option (const char *arg,
           const char *option)
{
  gsize len = strlen (option);

  return strncmp (arg, option, len) == 0 && (arg[len] == '\0' || arg[len] == '=');
}

static gboolean
wants_cli (int    argc,
           char **argv)
{
  static const char * const long_options[] = {
    "--run", "--list-scenarios", "--check-scenario", "--version",
    "--help", "--help-all", "--help-forkline",
    /* options only --run takes: the CLI says they need --run */
    "--trace", "--summary", "--export", "--view", "--size", "--theme",
  };
  static const char * const short_options[] = { "-r", "-l", "-h", "-?", "-t", "-s", "-e" };
  int i;
  guint j;

  for (i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--"))
        break;
      for (j = 0; j < G_N_ELEMENTS (long_options); j++)
        if (is_option (arg, long_options[j]))
          return TRUE;
      for (j = 0; j < G_N_ELEMENTS (short_options); j++)
        if (g_str_has_prefix (arg, short_options[j]))
          return TRUE;
    }
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(FlApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (wants_cli (argc, argv))
    return fl_cli_main (argc, argv);

  app = fl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
