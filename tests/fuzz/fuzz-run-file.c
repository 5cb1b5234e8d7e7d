/* fuzz-run-file.c — the saved-run loader on arbitrary bytes
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libFuzzer target (clang, -Dfuzzing=true) and, linked with
 * fuzz-replay.c, the regression test that feeds it every file of
 * tests/fuzz/corpus-run-file/ with any compiler.
 *
 * What must hold for any input: no crash, no sanitizer report, no GLib
 * critical or warning; a refused file gets an error that names it; and
 * a run the loader accepts is whole — its summary, text and JSON, and
 * its verdict can be written without tripping over anything in it.
 */

#define G_LOG_DOMAIN "fuzz-run-file"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "fl-run-file.h"
#include "fl-summary.h"
#include "fuzz-target.h"

const char *fl_fuzz_corpus_name = "corpus-run-file";

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlRun) run = NULL;

  fl_fuzz_init ();

  run = fl_run_load_from_data ((const char *) data, size, "fuzz.json", &error);
  if (g_getenv ("FORKLINE_FUZZ_VERBOSE"))
    g_printerr ("# %s\n", run ? "loaded" : error->message);
  if (run == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_nonnull (strstr (error->message, "fuzz.json"));
      return 0;
    }

  g_assert_no_error (error);
  g_assert_true (fl_run_is_finished (run));
  {
    g_autofree char *text = fl_summary_format_text (run);
    g_autofree char *verdict = fl_summary_verdict (run);
    JsonNode *json = fl_summary_build (run);

    g_assert_nonnull (text);
    g_assert_nonnull (verdict);
    g_assert_nonnull (json);
    json_node_unref (json);
  }
  return 0;
}
