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

#include <glib/gi18n.h>

#include "fl-application.h"
#include "fl-cli.h"
#include "fl-run.h"
#include "fl-util.h"

/* Where the translations are: beside the build tree's app/ (the .mo files
 * meson compiles into po/) when run from there, else under the prefix the
 * program was installed to (wherever it was copied), else LOCALEDIR. */
static char *
find_locale_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *installed = NULL;

  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      g_autofree char *built = g_build_filename (dir, "..", "po", NULL);
      g_autofree char *probe = g_build_filename (built, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      g_autofree char *ninja = g_build_filename (dir, "..", "build.ninja", NULL);

      if (g_file_test (ninja, G_FILE_TEST_IS_REGULAR) && g_file_test (probe, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&built);
    }
  installed = fl_installed_path (LOCALEDIR);
  if (installed != NULL && g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  return g_strdup (LOCALEDIR);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(FlApplication) app = NULL;
  g_autofree char *locale_dir = find_locale_dir ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (fl_cli_wants_headless (argc, argv))
    return fl_cli_main (argc, argv);

  app = fl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
