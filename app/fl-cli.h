/* fl-cli.h — the headless command line: list scenarios, run one
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "fl-catalog.h"
#include "fl-run.h"

G_BEGIN_DECLS

/* Exit statuses besides 0: bad input, and a run that could not be done. */
#define FL_CLI_EXIT_FAILURE 1
#define FL_CLI_EXIT_USAGE   2

/* Parses the command line and does what it asks: --list-scenarios,
 * --run ID [options], --version.  Messages go to stderr as "forkline: …".
 * Returns the process's exit status: 0, 1 when a run failed or reached
 * its time limit (or could not be started), 2 for bad input, 128 + the
 * signal when SIGINT or SIGTERM stopped a run. */
int  fl_cli_main        (int    argc,
                         char **argv);

/* Bad input: "forkline: " and the message, one line on stderr. */
void          fl_cli_usage_error        (const char *format,
                                         ...) G_GNUC_PRINTF (1, 2);

/* Whether the command line asks for what is done without a window (a
 * run, a list, a check, --help, --version): main() then calls
 * fl_cli_main() rather than run the application. */
gboolean      fl_cli_wants_headless     (int    argc,
                                         char **argv);

/* The options the window's application takes, from the same table as
 * the command line's; free the array with g_free(). */
GOptionEntry *fl_cli_get_window_entries (void);

/* Checks the options of a run of scenario @id as --run does (the window's
 * --scenario uses it): @mode, @workers and @params as typed, NULL when not
 * given.  On bad input prints the same "forkline: …" message on stderr and
 * returns NULL; otherwise fills @options (its params point into @params)
 * and returns the scenario, transfer none. */
FlScenario *fl_cli_check_run_options (FlCatalog    *catalog,
                                      const char   *id,
                                      const char   *mode,
                                      const char   *workers,
                                      char        **params,
                                      FlRunOptions *options);

G_END_DECLS
