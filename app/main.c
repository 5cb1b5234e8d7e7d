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
#include "fl-run.h"
#include "fl-util.h"

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
    /* a Python program, observed headless */
    "--python", "--python-arg", "--interpreter",
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

  if (wants_cli (argc, argv))
    return fl_cli_main (argc, argv);

  app = fl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
