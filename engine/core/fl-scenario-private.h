/* fl-scenario-private.h — what the scenario object and its loader share
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fl-scenario.h"

G_BEGIN_DECLS

struct _FlScenario
{
  GObject    parent_instance;

  char      *id;
  char      *title;
  char      *description;
  char      *look_for;
  char      *origin;
  char      *data;
  char      *verdict;

  guint      modes;
  FlMode     default_mode;
  guint      default_workers;
  gboolean   says_mode;     /* DefaultMode= is in the file */
  gboolean   says_workers;  /* Workers= is in the file */
  guint      min_workers;
  guint      max_workers;
  gboolean   default_gil;

  GPtrArray *params;      /* of FlParam* */
  GPtrArray *main_steps;  /* of FlStep* */
  GPtrArray *templates;   /* of FlWorkerTemplate* */
};

void fl_param_free           (gpointer data);
void fl_worker_template_free (gpointer data);

G_END_DECLS
