/* fuzz-replay.c — every corpus input of a fuzz target, as a regression test
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked with one fuzz target instead of libFuzzer, so that any compiler
 * builds it: each file of tests/fuzz/<corpus>/ (the presets, broken
 * variants, and every input a fuzzer ever crashed on) is one test case.
 */

#define G_LOG_DOMAIN "fuzz-replay"

#include "config.h"

#include <gio/gio.h>

#include "fuzz-target.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
replay_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s: %s", path, error->message);
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const guint8 *) contents, length), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint i;

  g_test_init (&argc, &argv, NULL);
  dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", fl_fuzz_corpus_name, NULL);
  if (!(dir = g_dir_open (dir_path, 0, &error)))
    g_error ("%s", error->message);
  while ((name = g_dir_read_name (dir)))
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >, 0);

  for (i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strdup_printf ("/fuzz/%s/%s", fl_fuzz_corpus_name, file);

      g_test_add_data_func_full (test_path, g_build_filename (dir_path, file, NULL),
                                 replay_file, g_free);
    }
  return g_test_run ();
}
