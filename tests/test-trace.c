/* test-trace.c — the shared trace rings
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>

#include "fl-store.h"
#include "fl-trace.h"

static void
test_records_in_order (void)
{
  g_autoptr(GError) error = NULL;
  FlTrace *trace = fl_trace_new (2, 64, "plan", &error);
  FlRecord out[128];
  guint64 last = 0;
  gsize n, i;

  g_assert_no_error (error);
  g_assert_cmpuint (fl_trace_get_capacity (trace), ==, 64);
  fl_trace_bind (trace, 1);
  for (i = 0; i < 40; i++)
    fl_trace_emit (FL_EV_STATE, FL_STATE_RUNNING, 0, i, 0);

  n = fl_ring_drain (fl_trace_get_ring (trace, 1), 64, out, G_N_ELEMENTS (out));
  g_assert_cmpuint (n, ==, 40);
  for (i = 0; i < n; i++)
    {
      g_assert_cmpuint (out[i].lane, ==, 1);
      g_assert_cmpuint (out[i].kind, ==, FL_EV_STATE);
      g_assert_cmpuint (out[i].a, ==, i);
      g_assert_cmpuint (out[i].ts, >=, last);
      last = out[i].ts;
    }
  g_assert_cmpuint (fl_ring_drain (fl_trace_get_ring (trace, 0), 64, out, 128), ==, 0);
  g_assert_cmpstr (fl_trace_get_plan (trace, NULL), ==, "plan");
  fl_trace_free (trace);
}

static void
test_full_ring_counts_drops (void)
{
  FlTrace *trace = fl_trace_new (1, 16, NULL, NULL);
  FlRing *ring = fl_trace_get_ring (trace, 0);
  FlRecord out[32];
  gsize i;

  fl_trace_bind (trace, 0);
  for (i = 0; i < 100; i++)
    fl_trace_emit (FL_EV_STATE, FL_STATE_RUNNING, 0, i, 0);

  g_assert_cmpuint (fl_ring_get_dropped (ring), ==, 84);
  g_assert_cmpuint (fl_ring_drain (ring, 16, out, 32), ==, 16);
  /* the oldest are kept: a full ring refuses new records */
  g_assert_cmpuint (out[0].a, ==, 0);
  g_assert_cmpuint (out[15].a, ==, 15);

  /* once drained there is room again, and wrapping keeps the order */
  for (i = 0; i < 10; i++)
    fl_trace_emit (FL_EV_STATE, FL_STATE_SLEEPING, 0, 1000 + i, 0);
  g_assert_cmpuint (fl_ring_drain (ring, 16, out, 32), ==, 10);
  g_assert_cmpuint (out[9].a, ==, 1009);
  g_assert_cmpuint (fl_ring_get_dropped (ring), ==, 84);
  fl_trace_free (trace);
}

static void
test_output_lines (void)
{
  g_autoptr(FlStore) store = fl_store_new (0);
  FlTrace *trace = fl_trace_new (1, 64, NULL, NULL);
  FlRing *ring = fl_trace_get_ring (trace, 0);
  g_autofree char *long_line = g_strnfill (2000, 'x');
  FlRecord out[64];
  gsize n, i;

  fl_store_add_lane (store, FL_LANE_MAIN, TRUE, "main", NULL);
  fl_trace_bind (trace, 0);
  fl_trace_output ("Number: 1", -1);
  fl_trace_output ("", 0);
  fl_trace_output ("héllo wörld, a line that spans more than one record of text", -1);
  fl_trace_output (long_line, -1);

  /* drain in small pieces: a line's text may arrive in a later batch */
  while ((n = fl_ring_drain (ring, 64, out, 3)) > 0)
    fl_store_ingest (store, 0, out, n);

  g_assert_cmpuint (fl_store_get_n_output (store), ==, 4);
  g_assert_cmpstr (fl_store_get_output (store, 0)->text, ==, "Number: 1");
  g_assert_cmpstr (fl_store_get_output (store, 1)->text, ==, "");
  g_assert_cmpstr (fl_store_get_output (store, 2)->text, ==,
                   "héllo wörld, a line that spans more than one record of text");
  g_assert_false (fl_store_get_output (store, 2)->truncated);
  g_assert_true (fl_store_get_output (store, 3)->truncated);
  g_assert_cmpuint (strlen (fl_store_get_output (store, 3)->text), ==, FL_TEXT_MAX);
  for (i = 0; i < 4; i++)
    g_assert_cmpuint (fl_store_get_output (store, i)->lane, ==, 0);
  fl_trace_free (trace);
}

static void
test_line_too_big_for_ring_is_dropped_whole (void)
{
  FlTrace *trace = fl_trace_new (1, 16, NULL, NULL);
  FlRing *ring = fl_trace_get_ring (trace, 0);
  g_autofree char *line = g_strnfill (FL_TEXT_MAX, 'y');
  FlRecord out[16];

  fl_trace_bind (trace, 0);
  fl_trace_output (line, -1);   /* 1 + 15 records: fits exactly */
  fl_trace_output ("z", -1);    /* no room: dropped, counted */
  g_assert_cmpuint (fl_ring_get_dropped (ring), ==, 2);
  g_assert_cmpuint (fl_ring_drain (ring, 16, out, 16), ==, 16);
  fl_trace_free (trace);
}

static void
test_shared_across_fork (void)
{
  FlTrace *trace = fl_trace_new (2, 64, NULL, NULL);
  FlRecord out[64];
  int status;
  pid_t pid;

  pid = fork ();
  if (pid == 0)
    {
      fl_trace_bind (trace, 1);
      fl_trace_emit (FL_EV_EXIT, 0, 0, 7, 0);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_cmpuint (fl_ring_drain (fl_trace_get_ring (trace, 1), 64, out, 64), ==, 1);
  g_assert_cmpuint (out[0].a, ==, 7);
  g_assert_cmpuint (out[0].lane, ==, 1);
  fl_trace_free (trace);
}

static void
test_region_from_fd (void)
{
  FlTrace *trace = fl_trace_new (3, 32, "[Run]\nMode=fork\n", NULL);
  g_autoptr(GError) error = NULL;
  FlTrace *again;
  gsize len;

  again = fl_trace_new_from_fd (dup (fl_trace_get_fd (trace)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fl_trace_get_n_rings (again), ==, 3);
  g_assert_cmpstr (fl_trace_get_plan (again, &len), ==, "[Run]\nMode=fork\n");
  g_assert_cmpuint (len, ==, strlen ("[Run]\nMode=fork\n"));
  fl_trace_free (again);

  /* a descriptor that is not a trace region is refused */
  {
    g_autoptr(GError) bad_error = NULL;
    int fd = memfd_create ("not-a-trace", MFD_CLOEXEC);

    g_assert_cmpint (ftruncate (fd, 8192), ==, 0);
    g_assert_null (fl_trace_new_from_fd (fd, &bad_error));
    g_assert_error (bad_error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
    close (fd);
  }
  fl_trace_free (trace);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/trace/records-in-order", test_records_in_order);
  g_test_add_func ("/engine/trace/full-ring-counts-drops", test_full_ring_counts_drops);
  g_test_add_func ("/engine/trace/output-lines", test_output_lines);
  g_test_add_func ("/engine/trace/line-dropped-whole", test_line_too_big_for_ring_is_dropped_whole);
  g_test_add_func ("/engine/trace/shared-across-fork", test_shared_across_fork);
  g_test_add_func ("/engine/trace/region-from-fd", test_region_from_fd);

  return g_test_run ();
}
