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

/* A few lines saying how to use the command line, on stdout. */
void fl_cli_print_usage (void);

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
