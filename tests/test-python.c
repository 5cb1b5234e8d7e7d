/* test-python.c — real Python programs, observed
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs Forkline's Python examples and small programs of its own under
 * the observer (fl_run_new_for_program) and asserts, from the summary,
 * what each shows: thread and process lanes named as Python names them,
 * states from the kernel (sleeping, I/O, lock, GIL), crashes, output tied
 * to the thread that wrote it, and that nothing is left running.  Skipped
 * when no python3 is found.  Workloads are small; speeds are asserted
 * only when the kernel says the cores were free.
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fl-catalog.h"
#include "fl-program.h"
#include "fl-run-file.h"
#include "fl-run.h"
#include "fl-summary.h"
#include "fl-summary-private.h"
#include "fl-syscall-state.h"

/* Workers kept waiting for a core longer than this share of their time
 * were competing with other programs: their speed says nothing. */
#define BUSY_RUNNABLE_SHARE 0.15

static char *python;

static gboolean
have_python (void)
{
  if (python == NULL)
    {
      g_test_skip ("no python3 found");
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  FlRun      *run;
  JsonNode   *root;
  JsonObject *summary;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_object (&o->run);
  g_clear_pointer (&o->root, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

static char *
write_program (const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("forkline-test-XXXXXX.py", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_all_gone (JsonObject *summary)
{
  JsonArray *workers = json_object_get_array_member (summary, "workers");
  guint i;

  for (i = 0; i < json_array_get_length (workers); i++)
    {
      JsonObject *w = json_array_get_object_element (workers, i);
      int pid = (int) json_object_get_int_member (w, "pid");
      char path[64];

      if (pid <= 0)
        continue;
      g_snprintf (path, sizeof path, "/proc/%d", pid);
      /* Gone, not even a zombie. */
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

static void
run_program (Outcome            *o,
             const char         *file,
             const char * const *args,
             double              max_seconds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlProgram) program = fl_program_new (file, args, python, &error);
  FlRunOptions options;

  g_assert_no_error (error);
  fl_run_options_init (&options, NULL);
  options.max_seconds = max_seconds > 0 ? max_seconds : 60;
  o->run = fl_run_new_for_program (program, &options, &error);
  g_assert_no_error (error);
  g_assert_true (fl_run_run_sync (o->run, &error));
  g_assert_no_error (error);
  o->root = fl_summary_build (o->run);
  o->summary = json_node_get_object (o->root);
  assert_all_gone (o->summary);
}

static JsonObject *
find_worker (JsonObject *summary,
             const char *name)
{
  JsonArray *workers = json_object_get_array_member (summary, "workers");
  guint i;

  for (i = 0; i < json_array_get_length (workers); i++)
    {
      JsonObject *w = json_array_get_object_element (workers, i);
      if (g_str_equal (json_object_get_string_member (w, "name"), name))
        return w;
    }
  g_error ("no worker named %s", name);
  return NULL;
}

static guint
count_workers (JsonObject *summary,
               const char *prefix,
               const char *kind)
{
  JsonArray *workers = json_object_get_array_member (summary, "workers");
  guint i, n = 0;

  for (i = 0; i < json_array_get_length (workers); i++)
    {
      JsonObject *w = json_array_get_object_element (workers, i);
      if (g_str_has_prefix (json_object_get_string_member (w, "name"), prefix) &&
          (kind == NULL || g_str_equal (json_object_get_string_member (w, "kind"), kind)))
        n++;
    }
  return n;
}

static gint64
state_ms (JsonObject *worker,
          const char *state)
{
  return json_object_get_int_member (json_object_get_object_member (worker, "states_ms"), state);
}

static const char *
exit_of (JsonObject *worker)
{
  JsonNode *node = json_object_get_member (worker, "exit");

  return JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node);
}

/* The line @text was printed, and by the lane named @by (NULL: any). */
static JsonObject *
find_output (JsonObject *summary,
             const char *prefix,
             const char *by)
{
  JsonArray *output = json_object_get_array_member (summary, "output");
  JsonArray *workers = json_object_get_array_member (summary, "workers");
  guint i;

  for (i = 0; i < json_array_get_length (output); i++)
    {
      JsonObject *line = json_array_get_object_element (output, i);
      JsonObject *w = json_array_get_object_element (workers, (guint) json_object_get_int_member (line, "worker"));

      if (g_str_has_prefix (json_object_get_string_member (line, "text"), prefix) &&
          (by == NULL || g_str_equal (json_object_get_string_member (w, "name"), by)))
        return line;
    }
  return NULL;
}

static double
max_runnable_share (JsonObject *summary)
{
  JsonArray *workers = json_object_get_array_member (summary, "workers");
  double worst = 0;
  guint i;

  for (i = 0; i < json_array_get_length (workers); i++)
    {
      JsonObject *w = json_array_get_object_element (workers, i);
      gint64 total = 0;
      JsonObject *states = json_object_get_object_member (w, "states_ms");
      GList *members = json_object_get_members (states), *l;

      for (l = members; l; l = l->next)
        total += json_object_get_int_member (states, l->data);
      g_list_free (members);
      if (total > 50)
        worst = MAX (worst, (double) state_ms (w, "runnable") / (double) total);
    }
  return worst;
}

static double
peak_cores (JsonObject *summary)
{
  return json_object_get_double_member (json_object_get_object_member (summary, "program"), "peak_cores");
}

/* ---- units --------------------------------------------------------------- */

static void
test_syscall_classify (void)
{
  FlGilRange gil = { 0x1000, 0x2000 };
  FlReason reason;
  long nr = 0;
  guint64 arg0 = 0;
  const char blocked[] = "202 0x1800 0x189 0x0 0x0 0x0 0xffffffff 0x7ffed2eea1b0 0x7f516ff62f16\n";

  g_assert_cmpint (fl_syscall_parse ("running\n", 8, &nr, &arg0), ==, FL_SYSCALL_RUNNING);
  g_assert_cmpint (fl_syscall_parse ("-1 0x7ff 0x7ff\n", 15, &nr, &arg0), ==, FL_SYSCALL_USER);
  g_assert_cmpint (fl_syscall_parse ("x", 1, &nr, &arg0), ==, FL_SYSCALL_INVALID);
  g_assert_cmpint (fl_syscall_parse (blocked, strlen (blocked), &nr, &arg0), ==, FL_SYSCALL_BLOCKED);
  g_assert_cmpint (nr, ==, 202);
  g_assert_cmpuint (arg0, ==, 0x1800);

  g_assert_cmpint (fl_syscall_classify (SYS_futex, 0x1800, &gil, &reason), ==, FL_STATE_GIL);
  g_assert_cmpint (reason, ==, FL_REASON_GIL);
  g_assert_cmpint (fl_syscall_classify (SYS_futex, 0x2000, &gil, &reason), ==, FL_STATE_LOCK);
  g_assert_cmpint (fl_syscall_classify (SYS_futex, 0x1800, NULL, &reason), ==, FL_STATE_LOCK);
  g_assert_cmpint (fl_syscall_classify (SYS_clock_nanosleep, 0, &gil, &reason), ==, FL_STATE_SLEEPING);
  g_assert_cmpint (fl_syscall_classify (SYS_recvfrom, 3, &gil, &reason), ==, FL_STATE_IO);
  g_assert_cmpint (fl_syscall_classify (SYS_epoll_pwait, 3, &gil, &reason), ==, FL_STATE_IO);
  g_assert_cmpint (fl_syscall_classify (SYS_wait4, 3, &gil, &reason), ==, FL_STATE_JOIN);
  g_assert_cmpint (fl_syscall_classify (SYS_getpid, 0, &gil, &reason), ==, FL_STATE_BLOCKED);
}

static void
test_find_runtime (void)
{
  g_autofree char *why = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  FlGilRange range;
  char path[64];
  gint64 deadline;

  /* An ELF file without the symbol. */
  g_assert_false (fl_elf_find_dynamic_symbol ("/proc/self/exe", "_PyRuntime", &(guint64) { 0 },
                                              &(guint64) { 0 }, &(gboolean) { 0 }, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* A file that is no ELF. */
  g_assert_false (fl_elf_find_dynamic_symbol ("/proc/self/maps", "_PyRuntime", &(guint64) { 0 },
                                              &(guint64) { 0 }, &(gboolean) { 0 }, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* This test program is no Python: said so, not guessed. */
  g_assert_false (fl_python_find_runtime (getpid (), &range, &why));
  g_assert_nonnull (why);
  g_assert_cmpuint (range.end, ==, range.start);
  g_clear_pointer (&why, g_free);

  if (!have_python ())
    return;
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, python, "-c",
                           "import sys, time; print('up', flush=True); time.sleep(5)", NULL);
  g_assert_no_error (error);
  {
    GInputStream *out = g_subprocess_get_stdout_pipe (proc);
    char buf[8];
    g_input_stream_read (out, buf, 3, NULL, &error);
    g_assert_no_error (error);
  }
  g_snprintf (path, sizeof path, "/proc/%s/maps", g_subprocess_get_identifier (proc));
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!fl_python_find_runtime (atoi (g_subprocess_get_identifier (proc)), &range, &why) &&
         g_get_monotonic_time () < deadline)
    g_clear_pointer (&why, g_free);
  g_assert_null (why);
  g_assert_cmpuint (range.end, >, range.start + 1000);
  g_subprocess_force_exit (proc);
  g_subprocess_wait (proc, NULL, NULL);
}

/* ---- the examples -------------------------------------------------------- */

static void
test_example_numbers_letters (void)
{
  const char *modes[] = { "--mode=threads", "--mode=processes" };
  guint m;

  if (!have_python ())
    return;
  for (m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      const char *args[] = { modes[m], "--count=3", "--delay=0.1", NULL };
      const char *kind = m == 0 ? "thread" : "process";
      g_auto(Outcome) o = { 0 };
      JsonObject *numbers, *letters;

      run_program (&o, "py-numbers-letters", args, 0);
      numbers = find_worker (o.summary, "numbers-1");
      letters = find_worker (o.summary, "letters-2");
      g_assert_cmpstr (json_object_get_string_member (numbers, "kind"), ==, kind);
      g_assert_cmpstr (json_object_get_string_member (letters, "kind"), ==, kind);
      /* They sleep side by side, each its own lines. */
      g_assert_cmpint (state_ms (numbers, "sleeping"), >=, 150);
      g_assert_cmpint (state_ms (letters, "sleeping"), >=, 150);
      /* The main thread waits in Thread.join (a futex the probe names) or
       * in waitpid for the processes: a join either way. */
      g_assert_cmpint (state_ms (find_worker (o.summary, "MainProcess"), "join"), >=, 150);
      /* Threads share one buffered stdout: a line may hold the start of
       * another thread's when the GIL switched in the middle of a print. */
      g_assert_nonnull (find_output (o.summary, "Number: 3", m == 0 ? NULL : "numbers-1"));
      g_assert_nonnull (find_output (o.summary, "Letter: c", m == 0 ? NULL : "letters-2"));
      g_assert_nonnull (find_output (o.summary, "Both kinds are done!", "MainProcess"));
      g_assert_cmpstr (exit_of (numbers), ==, "ok");
      g_assert_cmpstr (exit_of (find_worker (o.summary, "MainProcess")), ==, "ok");
      /* Joined by the main thread (or reaped by the main process): the
       * timeline's join arrows. */
      {
        FlStore *store = fl_run_get_store (o.run);
        guint id = (guint) json_object_get_int_member (numbers, "id");

        g_assert_cmpint (fl_store_get_lane_info (store, id)->join_t, >=,
                         fl_store_get_lane_info (store, id)->start_t);
      }
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o.summary, "program"),
                                                      "example"), ==, "py-numbers-letters");
    }
}

static void
test_example_squares_cubes (void)
{
  const char *args[] = { "--mode=processes", "--delay=0.01", "7", "9", NULL };
  g_auto(Outcome) o = { 0 };

  if (!have_python ())
    return;
  /* The argument reaches the program. */
  run_program (&o, "py-squares-cubes", args, 0);
  g_assert_nonnull (find_output (o.summary, "Square of 7 is 49", "squares-1"));
  g_assert_nonnull (find_output (o.summary, "Cube of 9 is 729", "cubes-2"));
  g_assert_cmpstr (exit_of (find_worker (o.summary, "squares-1")), ==, "ok");
}

static void
test_example_main_and_child (void)
{
  const char *methods[] = { "--start-method=fork", "--start-method=spawn", "--start-method=forkserver" };
  guint m;

  if (!have_python ())
    return;
  for (m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      const char *args[] = { methods[m], "--delay=0.05", NULL };
      g_auto(Outcome) o = { 0 };
      g_autofree char *said = NULL;
      JsonObject *child, *main_lane;

      run_program (&o, "py-main-and-child", args, 0);
      child = find_worker (o.summary, "child-1");
      main_lane = find_worker (o.summary, "MainProcess");
      g_assert_cmpstr (json_object_get_string_member (child, "kind"), ==, "process");
      g_assert_cmpstr (exit_of (child), ==, "ok");
      /* The child's line, on its lane, names its own pid and its parent's. */
      said = g_strdup_printf ("Child: my pid is %" G_GINT64_FORMAT ", my parent's is ",
                              json_object_get_int_member (child, "pid"));
      g_assert_nonnull (find_output (o.summary, said, "child-1"));
      g_assert_cmpint (json_object_get_int_member (child, "pid"), !=, json_object_get_int_member (main_lane, "pid"));
    }
}

static void
test_example_cpu_bound (void)
{
  const char *thread_args[] = { "--mode=threads", "--limit=150000", NULL };
  const char *process_args[] = { "--mode=processes", "--limit=400000", NULL };
  g_auto(Outcome) threads = { 0 };
  g_auto(Outcome) processes = { 0 };
  JsonObject *p1, *p2;

  if (!have_python ())
    return;
  run_program (&threads, "py-cpu-bound", thread_args, 0);
  p1 = find_worker (threads.summary, "primes-1");
  p2 = find_worker (threads.summary, "primes-2");
  g_assert_nonnull (find_output (threads.summary, "Primes below 150000: 13848", "MainProcess"));
  /* CPython's threads take turns: each waits for the GIL, and together
   * they never use two cores' worth of CPU. */
  g_assert_cmpint (state_ms (p1, "gil") + state_ms (p2, "gil"), >, 0);
  g_assert_cmpfloat (peak_cores (threads.summary), <, 1.3);
  g_assert_true (strstr (json_object_get_string_member (threads.summary, "verdict"), "for the GIL") != NULL);

  run_program (&processes, "py-cpu-bound", process_args, 0);
  g_assert_nonnull (find_output (processes.summary, "Primes below 400000: 33860", "MainProcess"));
  g_assert_cmpint (count_workers (processes.summary, "primes-", "process"), ==, 2);
  g_assert_cmpint (state_ms (find_worker (processes.summary, "primes-1"), "gil"), ==, 0);
  /* Processes run at once, when the machine has the cores free. */
  if (g_get_num_processors () >= 2 && max_runnable_share (processes.summary) < BUSY_RUNNABLE_SHARE)
    g_assert_cmpfloat (peak_cores (processes.summary), >, 1.3);
}

static void
test_example_io_bound (void)
{
  const char *args[] = { "--workers=3", "--pages=2", "--delay=0.15", NULL };
  g_auto(Outcome) o = { 0 };

  if (!have_python ())
    return;
  run_program (&o, "py-io-bound", args, 0);
  /* Waiting for the server's answers is I/O, not running. */
  g_assert_cmpint (state_ms (find_worker (o.summary, "download-1"), "io"), >=, 100);
  g_assert_cmpint (state_ms (find_worker (o.summary, "download-3"), "io"), >=, 100);
  /* Each line is told by the thread that printed it; when two threads'
   * print() calls interleave on the shared stdout (text of one, then of
   * the other, then the newlines), the mixed line is honestly no one
   * thread's and goes to the process.  So: some download thread's line. */
  g_assert_nonnull (find_output (o.summary, "Downloaded 2048 bytes", NULL));
  g_assert_true (find_output (o.summary, "Downloaded 2048 bytes", "download-1") != NULL ||
                 find_output (o.summary, "Downloaded 2048 bytes", "download-2") != NULL ||
                 find_output (o.summary, "Downloaded 2048 bytes", "download-3") != NULL);
}

static void
test_example_race_counter (void)
{
  const char *racy[] = { "--mode=threads", "--times=100000", NULL };
  /* Long enough (some 100 ms) that both processes live past a watch
   * period of a slow (sanitized, loaded) observer. */
  const char *locked[] = { "--mode=processes", "--times=40000", "--lock", NULL };
  g_auto(Outcome) o = { 0 };
  g_auto(Outcome) l = { 0 };
  const char *text;
  long final = 0, expected = 0, lost = -1;

  if (!have_python ())
    return;
  run_program (&o, "py-race-counter", racy, 0);
  text = json_object_get_string_member (find_output (o.summary, "Counter: ", "MainProcess"), "text");
  g_assert_cmpint (sscanf (text, "Counter: %ld, expected %ld, lost %ld", &final, &expected, &lost), ==, 3);
  g_assert_cmpint (expected, ==, 200000);
  /* Without a lock, updates get lost. */
  g_assert_cmpint (lost, >, 0);

  run_program (&l, "py-race-counter", locked, 0);
  g_assert_nonnull (find_output (l.summary, "Counter: 80000, expected 80000, lost 0", "MainProcess"));
  g_assert_cmpint (count_workers (l.summary, "adder-", "process"), ==, 2);
}

static void
test_example_producer_consumer (void)
{
  const char *args[] = { "--items=3", "--delay=0.1", NULL };
  g_auto(Outcome) o = { 0 };
  JsonObject *consumer;

  if (!have_python ())
    return;
  run_program (&o, "py-producer-consumer", args, 0);
  consumer = find_worker (o.summary, "consumer");
  g_assert_nonnull (find_output (o.summary, "Consumer got 6 items", "consumer"));
  /* An empty queue: the consumer waits on its condition. */
  g_assert_cmpint (state_ms (consumer, "lock"), >=, 100);
}

static void
test_example_pool_map (void)
{
  const char *thread_args[] = { "--mode=threads", "--tasks=4", "--size=20000", NULL };
  const char *process_args[] = { "--mode=processes", "--tasks=4", "--size=20000", NULL };
  g_auto(Outcome) t = { 0 };
  g_auto(Outcome) p = { 0 };

  if (!have_python ())
    return;
  run_program (&t, "py-pool-map", thread_args, 0);
  g_assert_cmpint (count_workers (t.summary, "ThreadPoolExecutor-", "thread"), >=, 1);
  g_assert_nonnull (find_output (t.summary, "4 results", "MainProcess"));
  run_program (&p, "py-pool-map", process_args, 0);
  g_assert_cmpint (count_workers (p.summary, "", "process"), >=, 3);
  g_assert_nonnull (find_output (p.summary, "4 results", "MainProcess"));
}

/* A saved run of a program reopens exactly: the same summary, the
 * program's text included. */
static void
test_saved_run (void)
{
  const char *args[] = { "--mode=processes", "--delay=0.01", "3", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("forkline-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  g_autoptr(FlRun) opened = NULL;
  g_autoptr(JsonNode) reopened = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_auto(Outcome) o = { 0 };

  if (!have_python ())
    return;
  g_assert_no_error (error);
  run_program (&o, "py-squares-cubes", args, 0);
  g_assert_true (fl_run_save (o.run, path, &error));
  g_assert_no_error (error);
  opened = fl_run_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fl_run_get_program (opened));
  g_assert_cmpstr (fl_program_get_text (fl_run_get_program (opened)), ==,
                   fl_program_get_text (fl_run_get_program (o.run)));
  reopened = fl_summary_build (opened);
  json_generator_set_root (gen, o.root);
  a = json_generator_to_data (gen, NULL);
  json_generator_set_root (gen, reopened);
  b = json_generator_to_data (gen, NULL);
  g_assert_cmpstr (a, ==, b);
  unlink (path);
  rmdir (dir);
}

/* A program of the reference material, as it is there. */
static void
test_seed_program (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seed-processes.py", NULL);
  g_auto(Outcome) o = { 0 };

  if (!have_python ())
    return;
  run_program (&o, path, NULL, 0);
  g_assert_cmpint (count_workers (o.summary, "Process-", "process"), ==, 2);
  g_assert_nonnull (find_output (o.summary, "Process 1 - Number: 5", "Process-1"));
  g_assert_nonnull (find_output (o.summary, "Process 2 - Letter: e", "Process-2"));
  g_assert_cmpint (state_ms (find_worker (o.summary, "Process-1"), "sleeping"), >=, 3000);
}

/* ---- states -------------------------------------------------------------- */

static const char states_program[] =
  "import socket, threading, time\n"
  "lock = threading.Lock()\n"
  "a, b = socket.socketpair()\n"
  "def sleeper(): time.sleep(0.5)\n"
  "def reader(): a.recv(10)\n"
  "def locker():\n"
  "    with lock: pass\n"
  "lock.acquire()\n"
  "ts = [threading.Thread(target=f, name=f.__name__) for f in (sleeper, reader, locker)]\n"
  "for t in ts: t.start()\n"
  "time.sleep(0.5)\n"
  "b.send(b'x')\n"
  "lock.release()\n"
  "for t in ts: t.join()\n"
  "print('done')\n";

static void
test_states (void)
{
  g_autofree char *path = NULL;
  g_auto(Outcome) o = { 0 };

  if (!have_python ())
    return;
  path = write_program (states_program);
  run_program (&o, path, NULL, 0);
  g_assert_cmpint (state_ms (find_worker (o.summary, "sleeper"), "sleeping"), >=, 300);
  g_assert_cmpint (state_ms (find_worker (o.summary, "reader"), "io"), >=, 300);
  g_assert_cmpint (state_ms (find_worker (o.summary, "locker"), "lock"), >=, 300);
  g_assert_cmpint (state_ms (find_worker (o.summary, "MainProcess"), "sleeping"), >=, 300);
  unlink (path);
}

/* ---- crashes ------------------------------------------------------------- */

/* A fault in the thread itself (a signal sent with kill() could be taken
 * by another thread while this one returns). */
static const char crash_thread_program[] =
  "import ctypes, threading, time\n"
  "def boom():\n"
  "    time.sleep(0.1)\n"
  "    ctypes.string_at(0)\n"
  "t = threading.Thread(target=boom, name='boom')\n"
  "t.start()\n"
  "time.sleep(5)\n"
  "print('not reached')\n";

static const char crash_child_program[] =
  "import multiprocessing, os, signal, time\n"
  "def boom():\n"
  "    os.kill(os.getpid(), signal.SIGSEGV)\n"
  "    time.sleep(5)\n"
  "if __name__ == '__main__':\n"
  "    p = multiprocessing.Process(target=boom, name='crasher')\n"
  "    p.start(); p.join()\n"
  "    print('child exit code', p.exitcode)\n";

static void
test_crash (void)
{
  g_autofree char *thread_path = NULL;
  g_autofree char *child_path = NULL;
  g_auto(Outcome) t = { 0 };
  g_auto(Outcome) c = { 0 };

  if (!have_python ())
    return;
  /* A crash in a thread ends its whole process. */
  thread_path = write_program (crash_thread_program);
  run_program (&t, thread_path, NULL, 0);
  g_assert_cmpstr (exit_of (find_worker (t.summary, "MainProcess")), ==, "signal:SIGSEGV");
  g_assert_cmpstr (exit_of (find_worker (t.summary, "boom")), ==, "signal:SIGSEGV");
  g_assert_null (find_output (t.summary, "not reached", NULL));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (t.summary, "program"),
                                                  "exit_signal"), ==, "SIGSEGV");
  g_assert_true (strstr (json_object_get_string_member (t.summary, "verdict"), "killed by SIGSEGV") != NULL);

  /* In a child process, only that child. */
  child_path = write_program (crash_child_program);
  run_program (&c, child_path, NULL, 0);
  g_assert_cmpstr (exit_of (find_worker (c.summary, "crasher")), ==, "signal:SIGSEGV");
  g_assert_cmpstr (exit_of (find_worker (c.summary, "MainProcess")), ==, "ok");
  g_assert_nonnull (find_output (c.summary, "child exit code -11", "MainProcess"));
  unlink (thread_path);
  unlink (child_path);
}

/* ---- bad input ----------------------------------------------------------- */

static void
test_bad_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlProgram) program = NULL;
  g_autofree char *path = NULL;
  g_auto(Outcome) o = { 0 };

  program = fl_program_new ("/nonexistent/program.py", NULL, python, &error);
  g_assert_null (program);
  g_assert_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "/nonexistent/program.py"));
  g_clear_error (&error);

  program = fl_program_new ("no-such-example", NULL, python, &error);
  g_assert_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_FILE);
  g_clear_error (&error);

  path = write_program ("print('x')\n");
  program = fl_program_new (path, NULL, "/nonexistent/python9", &error);
  g_assert_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_INTERPRETER);
  g_assert_nonnull (strstr (error->message, "/nonexistent/python9"));
  g_clear_error (&error);

  /* A program, but no Python. */
  program = fl_program_new (path, NULL, "/bin/true", &error);
  g_assert_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_INTERPRETER);
  g_assert_nonnull (strstr (error->message, "not a Python interpreter"));
  g_clear_error (&error);
  unlink (path);
  g_clear_pointer (&path, g_free);

  if (!have_python ())
    return;
  /* A syntax error: the traceback is the output, the run ends normally. */
  path = write_program ("print('a'\n");
  run_program (&o, path, NULL, 0);
  g_assert_nonnull (find_output (o.summary, "SyntaxError", "MainProcess"));
  g_assert_cmpstr (exit_of (find_worker (o.summary, "MainProcess")), ==, "exit:1");
  g_assert_true (strstr (json_object_get_string_member (o.summary, "verdict"), "exited with status 1") != NULL);
  unlink (path);
}

/* ---- hostile programs ---------------------------------------------------- */

static const char hostile_program[] =
  "import os, signal, sys, time\n"
  "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
  "pid = os.fork()\n"
  "if pid == 0:\n"
  "    os.setsid()\n"
  "    if os.fork() == 0:\n"
  "        signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
  "        print('daemon', os.getpid(), flush=True)\n"
  "        time.sleep(30)\n"
  "    os._exit(0)\n"
  "os.waitpid(pid, 0)\n"
  "time.sleep(0.3)\n"
  "os.setpgid(0, 0)\n"
  "os.close(1)\n"
  "time.sleep(0.1)\n";

static void
test_hostile (void)
{
  g_autofree char *path = NULL;
  g_auto(Outcome) o = { 0 };
  g_auto(Outcome) endless = { 0 };
  g_autoptr(GPtrArray) notes = NULL;
  const char *text;
  int daemon_pid = 0;
  char proc_path[64];

  if (!have_python ())
    return;
  /* Double-forks a daemon that left the process group and ignores
   * SIGTERM, then closes its stdout: the run ends, nothing stays. */
  path = write_program (hostile_program);
  run_program (&o, path, NULL, 0);
  text = json_object_get_string_member (find_output (o.summary, "daemon ", NULL), "text");
  daemon_pid = atoi (text + strlen ("daemon "));
  g_assert_cmpint (daemon_pid, >, 0);
  g_snprintf (proc_path, sizeof proc_path, "/proc/%d", daemon_pid);
  g_assert_false (g_file_test (proc_path, G_FILE_TEST_EXISTS));
  notes = fl_run_dup_notes (o.run);
  g_assert_cmpuint (notes->len, >=, 1);
  g_assert_cmpstr (exit_of (find_worker (o.summary, "MainProcess")), ==, "ok");
  unlink (path);
  g_clear_pointer (&path, g_free);

  /* A program that never ends meets the run's length cap. */
  path = write_program ("import time\nwhile True: time.sleep(0.05)\n");
  run_program (&endless, path, NULL, 1.0);
  g_assert_true (fl_run_was_stopped (endless.run));
  g_assert_true (fl_run_hit_time_limit (endless.run));
  unlink (path);
}

/* A record read after its process was reaped still counts: on a busy
 * machine a short child can end, and be reaped, before the observer reads
 * what it wrote.  The program plays that order exactly: the child's name
 * reaches the probe channel after the parent reaped it. */
static const char late_name_program[] =
  "import os, time\n"
  "pid = os.fork()\n"
  "if pid == 0:\n"
  "    os._exit(0)\n"
  "os.waitpid(pid, 0)\n"
  "time.sleep(0.2)\n"
  "fd = os.open(os.environ['FORKLINE_PROBE'], os.O_WRONLY)\n"
  "os.write(fd, ('{\"e\":\"name\",\"tid\":%d,\"name\":\"late-child\",\"pid\":%d,\"t\":%d}\\n'\n"
  "              % (pid, pid, time.monotonic_ns())).encode())\n"
  "os.close(fd)\n"
  "time.sleep(0.2)\n";

/* The observer may even learn of a process only after it was reaped: its
 * lane ends as its parent reported, not as if Forkline had killed it. */
static const char late_proc_program[] =
  "import os, subprocess, time\n"
  "p = subprocess.Popen(['/bin/sh', '-c', 'exit 3'])\n"
  "p.wait()\n"
  "time.sleep(0.2)\n"
  "me, now = os.getpid(), time.monotonic_ns()\n"
  "records = ['{\"e\":\"proc\",\"ppid\":%d,\"tid\":%d,\"pid\":%d,\"t\":%d}' % (me, p.pid, p.pid, now),\n"
  "           '{\"e\":\"name\",\"tid\":%d,\"name\":\"seen-late\",\"pid\":%d,\"t\":%d}' % (p.pid, p.pid, now),\n"
  "           '{\"e\":\"reap\",\"tid\":%d,\"child\":%d,\"status\":%d,\"pid\":%d,\"t\":%d}' % (me, p.pid, 3 << 8, me, now)]\n"
  "fd = os.open(os.environ['FORKLINE_PROBE'], os.O_WRONLY)\n"
  "os.write(fd, ''.join(r + '\\n' for r in records).encode())\n"
  "os.close(fd)\n"
  "time.sleep(0.2)\n";

static void
test_late_records (void)
{
  g_autofree char *path = NULL;
  g_autofree char *late_path = NULL;
  g_auto(Outcome) o = { 0 };
  g_auto(Outcome) late = { 0 };
  JsonObject *child;

  if (!have_python ())
    return;
  path = write_program (late_name_program);
  run_program (&o, path, NULL, 0);
  child = find_worker (o.summary, "late-child");
  g_assert_cmpstr (json_object_get_string_member (child, "kind"), ==, "process");
  g_assert_cmpstr (exit_of (child), ==, "ok");
  unlink (path);

  late_path = write_program (late_proc_program);
  run_program (&late, late_path, NULL, 0);
  child = find_worker (late.summary, "seen-late");
  g_assert_cmpstr (exit_of (child), ==, "exit:3");
  g_assert_cmpstr (exit_of (find_worker (late.summary, "MainProcess")), ==, "ok");
  unlink (late_path);
}

/* Two writers on one stdout can mix their bytes on the pipe (a print()
 * is several writes when stdout is unbuffered, as with PYTHONUNBUFFERED).
 * The program mixes them on purpose, in a fixed order: whole texts one
 * after the other, then two texts byte-interleaved.  Each line is still
 * shown as its thread printed it, on its own lane, with no stray line. */
static const char mixed_lines_program[] =
  "import sys, threading\n"
  "def step(text):\n"
  "    sys.stdout.write(text)\n"
  "    sys.stdout.flush()\n"
  "step('Number: 1')\n"
  "t = threading.Thread(target=lambda: print('Letter: a'), name='letters-1')\n"
  "t.start(); t.join()\n"
  "step('\\n')\n"
  "go = [threading.Event() for _ in range(4)]\n"
  "def other():\n"
  "    go[0].wait(); step('Let'); go[1].set()\n"
  "    go[2].wait(); step('ter: b\\n'); go[3].set()\n"
  "t = threading.Thread(target=other, name='letters-2'); t.start()\n"
  "step('Num'); go[0].set(); go[1].wait()\n"
  "step('ber: 2'); go[2].set(); go[3].wait()\n"
  "step('\\n')\n"
  "t.join()\n"
  "print('Done')\n";

static void
test_mixed_lines (void)
{
  g_autofree char *path = NULL;
  g_auto(Outcome) o = { 0 };
  JsonArray *output;
  guint i;

  if (!have_python ())
    return;
  path = write_program (mixed_lines_program);
  run_program (&o, path, NULL, 0);
  g_assert_nonnull (find_output (o.summary, "Number: 1", "MainProcess"));
  g_assert_nonnull (find_output (o.summary, "Letter: a", "letters-1"));
  g_assert_nonnull (find_output (o.summary, "Number: 2", "MainProcess"));
  g_assert_nonnull (find_output (o.summary, "Letter: b", "letters-2"));
  g_assert_nonnull (find_output (o.summary, "Done", "MainProcess"));
  output = json_object_get_array_member (o.summary, "output");
  for (i = 0; i < json_array_get_length (output); i++)
    {
      const char *text = json_object_get_string_member (json_array_get_object_element (output, i), "text");

      g_assert_cmpstr (text, !=, "");
      g_assert_null (strstr (text, "NumberLetter"));
      g_assert_null (strstr (text, "NumLet"));
    }
  g_assert_cmpuint (json_array_get_length (output), ==, 5);
  unlink (path);
}

/* The command line: a run's JSON summary, live output tagged with the
 * thread and process, bad input refused with status 2. */
/* ---- the text an editor holds -------------------------------------------- */

static void
test_new_for_text (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *helper = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlProgram) program = NULL;
  g_autoptr(FlRun) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *summary;
  FlRunOptions options;
  const char *args[] = { "--flag", NULL };
  /* The text differs from the file on disk, which imports a module beside it. */
  const char *text =
    "import sys, os\n"
    "import helper_beside\n"
    "print('file', __file__)\n"
    "print('argv', sys.argv[0], sys.argv[1])\n"
    "print('helper', helper_beside.VALUE)\n"
    "print('edited text ran')\n"
    "raise ValueError('from line 7')\n";

  if (!have_python ())
    return;
  dir = g_dir_make_tmp ("forkline-for-text-XXXXXX", &error);
  g_assert_no_error (error);
  shown = g_build_filename (dir, "shown.py", NULL);
  helper = g_build_filename (dir, "helper_beside.py", NULL);
  g_assert_true (g_file_set_contents (shown, "print('the file on disk ran')\n", -1, NULL));
  g_assert_true (g_file_set_contents (helper, "VALUE = 42\n", -1, NULL));

  /* Not UTF-8: refused. */
  g_assert_null (fl_program_new_for_text (shown, "print('caf\xe9')\n", NULL, python, &error));
  g_assert_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_FILE);
  g_clear_error (&error);

  program = fl_program_new_for_text (shown, text, args, python, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fl_program_get_path (program), ==, shown);
  g_assert_cmpstr (fl_program_get_text (program), ==, text);
  fl_run_options_init (&options, NULL);
  options.max_seconds = 60;
  run = fl_run_new_for_program (program, &options, &error);
  g_assert_no_error (error);
  g_assert_true (fl_run_run_sync (run, &error));
  g_assert_no_error (error);
  root = fl_summary_build (run);
  summary = json_node_get_object (root);
  assert_all_gone (summary);

  g_assert_nonnull (find_output (summary, "edited text ran", NULL));
  g_assert_null (find_output (summary, "the file on disk ran", NULL));
  {
    g_autofree char *line = g_strdup_printf ("file %s", shown);
    g_autofree char *argv0 = g_strdup_printf ("argv %s --flag", shown);
    g_autofree char *where = g_strdup_printf ("  File \"%s\", line 7, in <module>", shown);

    g_assert_nonnull (find_output (summary, line, NULL));
    g_assert_nonnull (find_output (summary, argv0, NULL));
    g_assert_nonnull (find_output (summary, "helper 42", NULL));
    /* The traceback names the file and the line as the editor has them,
     * with the text of that line. */
    g_assert_nonnull (find_output (summary, where, NULL));
    g_assert_nonnull (find_output (summary, "    raise ValueError('from line 7')", NULL));
  }
  /* The copy is gone once the program is; only the user's files stay. */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (d)) != NULL)
      if (!g_str_equal (name, "__pycache__"))
        n++;
    g_assert_cmpuint (n, ==, 2);
  }
  {
    g_autofree char *cache = g_build_filename (dir, "__pycache__", NULL);
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", cache);

    g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  }
  unlink (shown);
  unlink (helper);
  g_assert_cmpint (rmdir (dir), ==, 0);
}

static void
test_cli (void)
{
  const char *bin = g_getenv ("FORKLINE_BIN");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (!have_python ())
    return;
  if (bin == NULL)
    {
      g_test_skip ("FORKLINE_BIN is not set");
      return;
    }
  {
    /* Processes: threads share one stdout and may mix a line (see numbers-letters). */
    const char *argv[] = { bin, "--python", "py-squares-cubes", "--python-arg=--delay=0",
                           "--python-arg=--mode=processes", "--python-arg=4",
                           "--interpreter", python, "--summary=json", NULL };
    JsonObject *summary, *program;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
    summary = json_node_get_object (json_parser_get_root (parser));
    program = json_object_get_object_member (summary, "program");
    g_assert_cmpstr (json_object_get_string_member (program, "interpreter"), !=, "");
    g_assert_true (g_str_has_prefix (json_object_get_string_member (program, "python_version"), "3."));
    g_assert_nonnull (find_output (summary, "Cube of 4 is 64", "cubes-2"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { bin, "--python", "py-numbers-letters", "--python-arg=--count=1",
                           "--python-arg=--delay=0", "--python-arg=--mode=processes", "--interpreter", python, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    /* "numbers-1 [pid/tid] │ Number: 1" */
    g_assert_nonnull (strstr (out, "numbers-1 ["));
    g_assert_nonnull (strstr (out, "│ Number: 1"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { bin, "--python", "/nonexistent/x.py", "--interpreter", python, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_nonnull (strstr (err, "/nonexistent/x.py"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { bin, "--python", "py-squares-cubes", "--interpreter", "/bin/true", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_nonnull (strstr (err, "not a Python interpreter"));
  }
}

/* Gone, or a zombie of this test (a subreaper): then reaped. */
static gboolean
process_ended (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *paren;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return TRUE;
  paren = strrchr (stat, ')');
  if (paren && paren[1] && paren[2] == 'Z')
    {
      waitpid (pid, NULL, WNOHANG);
      return TRUE;
    }
  return FALSE;
}

/* The observer killed mid-run: its keeper ends the program's processes,
 * the main one (parent-death signal) and a child orphaned to init. */
static void
test_observer_killed (void)
{
  const char *bin = g_getenv ("FORKLINE_BIN");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  char *line;
  int child = 0;
  gint64 deadline;

  if (!have_python ())
    return;
  if (bin == NULL)
    {
      g_test_skip ("FORKLINE_BIN is not set");
      return;
    }
  path = write_program ("import multiprocessing, os, time\n"
                        "def child():\n"
                        "    print('child', os.getpid(), flush=True)\n"
                        "    time.sleep(30)\n"
                        "if __name__ == '__main__':\n"
                        "    p = multiprocessing.Process(target=child, name='sleepy')\n"
                        "    p.start(); p.join()\n");
  cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                          bin, "--python", path, "--interpreter", python, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (cli));
  while (child == 0 && (line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error)) != NULL)
    {
      const char *at = strstr (line, "│ child ");

      if (at)
        child = atoi (at + strlen ("│ child "));
      g_free (line);
    }
  g_assert_cmpint (child, >, 0);
  g_subprocess_force_exit (cli);
  g_subprocess_wait (cli, NULL, NULL);

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!process_ended (child) && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_true (process_ended (child));
  unlink (path);
}

static void
test_many_threads (void)
{
  g_autofree char *path = NULL;
  g_auto(Outcome) o = { 0 };
  g_autoptr(GPtrArray) notes = NULL;
  JsonArray *workers;
  gboolean said = FALSE;
  guint i;

  if (!have_python ())
    return;
  path = write_program ("import threading, time\n"
                        "ts = [threading.Thread(target=time.sleep, args=(0.6,)) for _ in range(300)]\n"
                        "for t in ts: t.start()\n"
                        "for t in ts: t.join()\n"
                        "print('joined', len(ts))\n");
  run_program (&o, path, NULL, 0);
  workers = json_object_get_array_member (o.summary, "workers");
  g_assert_cmpuint (json_array_get_length (workers), <=, FL_PROGRAM_MAX_LANES);
  g_assert_nonnull (find_output (o.summary, "joined 300", NULL));
  notes = fl_run_dup_notes (o.run);
  for (i = 0; i < notes->len; i++)
    said = said || strstr (g_ptr_array_index (notes, i), "Not drawn") != NULL;
  g_assert_true (said);
  unlink (path);
}

/* Runs this test program again as user 65534 with @mode (and @arg), and
 * asserts that it exits with status 0.  A fresh program, not a fork of
 * this one: GLib's threads do not survive a fork. */
static void
run_unprivileged (const char *mode,
                  const char *arg)
{
  pid_t pid;
  int status;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      char *argv[] = { (char *) "/proc/self/exe", (char *) mode, (char *) arg, NULL };

      if (getuid () == 0 && (setgroups (0, NULL) < 0 || setgid (65534) < 0 || setuid (65534) < 0))
        _exit (3);
      execv (argv[0], argv);
      _exit (9);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* The observer as an unprivileged user: /proc, the syscall files and the
 * probe work without root. */
static void
test_unprivileged (void)
{
  if (!have_python ())
    return;
  if (getuid () != 0)
    {
      g_test_message ("not root: this test already runs unprivileged");
    }
  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("an interpreter every user may run (/usr/bin/python3) is needed");
      return;
    }
  run_unprivileged ("--unprivileged-child", NULL);
}

/* The child of test_unprivileged, as user 65534. */
static int
unprivileged_child (void)
{
  const char *args[] = { "--count=2", "--delay=0.2", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(FlProgram) program = NULL;
  g_autoptr(FlRun) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  JsonObject *summary;
  FlRunOptions options;

  program = fl_program_new ("py-numbers-letters", args, "/usr/bin/python3", &error);
  if (program == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 4;
    }
  fl_run_options_init (&options, NULL);
  run = fl_run_new_for_program (program, &options, &error);
  if (run == NULL || !fl_run_run_sync (run, &error))
    return 5;
  root = fl_summary_build (run);
  summary = json_node_get_object (root);
  if (state_ms (find_worker (summary, "numbers-1"), "sleeping") < 200 ||
      g_strcmp0 (exit_of (find_worker (summary, "MainProcess")), "ok") != 0)
    return 6;
  /* The kernel showed every wait: nothing "blocked", no refusal. */
  if (state_ms (find_worker (summary, "numbers-1"), "blocked") > 50)
    return 7;
  notes = fl_run_dup_notes (run);
  if (notes->len > 0)
    {
      g_printerr ("note: %s\n", (char *) g_ptr_array_index (notes, 0));
      return 8;
    }
  return 0;
}

/* The editor's text as an unprivileged user: the copy is written in the
 * run's own folder, which that user made. */
static void
test_new_for_text_unprivileged (void)
{
  if (!have_python ())
    return;
  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("an interpreter every user may run (/usr/bin/python3) is needed");
      return;
    }
  run_unprivileged ("--for-text-child", "/nonexistent-folder/edited.py");
}

static int
for_text_child (const char *shown)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlProgram) program = NULL;
  g_autoptr(FlRun) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = g_strdup_printf ("ran as %s", shown);
  JsonObject *summary;
  FlRunOptions options;

  program = fl_program_new_for_text (shown, "import os\nprint('ran as', __file__, os.getuid())\n",
                                     NULL, "/usr/bin/python3", &error);
  if (program == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 4;
    }
  fl_run_options_init (&options, NULL);
  run = fl_run_new_for_program (program, &options, &error);
  if (run == NULL || !fl_run_run_sync (run, &error))
    return 5;
  root = fl_summary_build (run);
  summary = json_node_get_object (root);
  if (find_output (summary, line, NULL) == NULL ||
      g_strcmp0 (exit_of (find_worker (summary, "MainProcess")), "ok") != 0)
    return 6;
  return 0;
}

/* ---- a process the kernel will not show --------------------------------- */

/* The notes of @summary that speak of a thread's system call. */
static guint
count_refusal_notes (JsonObject  *summary,
                     const char **text)
{
  JsonArray *notes = json_object_get_array_member (json_object_get_object_member (summary, "program"), "notes");
  guint i, n = 0;

  for (i = 0; i < json_array_get_length (notes); i++)
    {
      const char *note = json_array_get_string_element (notes, i);

      if (strstr (note, "system call") != NULL)
        {
          *text = note;
          n++;
        }
    }
  return n;
}

/* tests/data/non-dumpable.py makes itself non-dumpable
 * (prctl(PR_SET_DUMPABLE, 0)), then sleeps in two threads.  Root (with
 * CAP_SYS_PTRACE) still reads their syscall files; user 65534 is refused,
 * as under Yama's ptrace_scope 2 or 3: then the sleeps are "blocked",
 * never guessed, and the run says why once. */
static void
test_non_dumpable (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "non-dumpable.py", NULL);

  if (!have_python ())
    return;
  if (getuid () == 0)
    {
      g_auto(Outcome) o = { 0 };
      const char *note = NULL;
      guint n_notes;
      guint i;

      run_program (&o, path, NULL, 0);
      g_assert_cmpstr (exit_of (find_worker (o.summary, "MainProcess")), ==, "ok");
      n_notes = count_refusal_notes (o.summary, &note);
      for (i = 1; i <= 2; i++)
        {
          g_autofree char *name = g_strdup_printf ("sleeper-%u", i);
          JsonObject *w = find_worker (o.summary, name);

          /* Either the kernel showed the sleep, or it refused and the
           * run said so: never both, never neither. */
          if (state_ms (w, "sleeping") > 0)
            g_assert_cmpuint (n_notes, ==, 0);
          else
            {
              g_assert_cmpuint (n_notes, ==, 1);
              g_assert_cmpint (state_ms (w, "blocked"), >, 0);
            }
        }
      if (n_notes == 0)
        g_assert_cmpint (state_ms (find_worker (o.summary, "sleeper-1"), "sleeping"), >=, 300);
      else
        g_test_message ("as root, this kernel refused the syscall files of a non-dumpable process: %s", note);
    }
  else
    g_test_message ("not root: only the unprivileged part runs");
  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("an interpreter every user may run (/usr/bin/python3) is needed");
      return;
    }
  run_unprivileged ("--non-dumpable-child", path);
}

/* The child of test_non_dumpable, as user 65534. */
static int
non_dumpable_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlProgram) program = NULL;
  g_autoptr(FlRun) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *summary;
  FlRunOptions options;
  const char *note = NULL;
  guint n_notes, i;

  program = fl_program_new (path, NULL, "/usr/bin/python3", &error);
  if (program == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 4;
    }
  fl_run_options_init (&options, NULL);
  run = fl_run_new_for_program (program, &options, &error);
  if (run == NULL || !fl_run_run_sync (run, &error))
    {
      g_printerr ("%s\n", error ? error->message : "no run");
      return 5;
    }
  root = fl_summary_build (run);
  summary = json_node_get_object (root);
  if (g_strcmp0 (exit_of (find_worker (summary, "MainProcess")), "ok") != 0)
    {
      g_printerr ("the program did not exit with status 0\n");
      return 6;
    }
  for (i = 1; i <= 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("sleeper-%u", i);
      JsonObject *w = find_worker (summary, name);

      /* A second of sleep, of which no part is guessed. */
      if (state_ms (w, "blocked") < 300 || state_ms (w, "sleeping") != 0)
        {
          g_printerr ("%s: blocked %" G_GINT64_FORMAT " ms, sleeping %" G_GINT64_FORMAT " ms\n",
                      name, state_ms (w, "blocked"), state_ms (w, "sleeping"));
          return 7;
        }
    }
  n_notes = count_refusal_notes (summary, &note);
  if (n_notes != 1 || strstr (note, "ptrace") == NULL || strstr (note, "“blocked”") == NULL)
    {
      g_printerr ("%u notes on the system call; last: %s\n", n_notes, note ? note : "(none)");
      return 8;
    }
  return 0;
}

static void
test_verdict_program (void)
{
  const char *args[] = { "--mode=threads", "--limit=40000", NULL };
  g_auto(Outcome) o = { 0 };
  g_autofree char *text = NULL;

  if (!have_python ())
    return;
  run_program (&o, "py-cpu-bound", args, 0);
  text = g_strdup (json_object_get_string_member (o.summary, "verdict"));
  /* Measured figures in words: threads, processes, wall and CPU time. */
  g_assert_nonnull (strstr (text, "3 threads in 1 process ran "));
  g_assert_nonnull (strstr (text, "of CPU"));
  g_assert_nonnull (strstr (text, "The program exited with status 0."));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o.summary, "program"),
                                                  "python_version"), ==,
                   fl_program_get_python_version (fl_run_get_program (o.run)));
}

/* The arguments and presets the comparisons rest on. */
static void
test_compare_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlProgram) cpu = NULL;
  g_autoptr(FlProgram) copy = NULL;
  g_autoptr(FlProgram) child = NULL;
  g_autoptr(FlCatalog) presets = fl_catalog_new ();
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) planned = NULL;
  const char *given[] = { "--mode", "processes", "--limit=1000", "--mode=threads", NULL };
  FlRunOptions options;
  FlScenario *preset;
  guint n = 0;

  if (!have_python ())
    return;

  args = fl_program_args_with_mode (given, "processes");
  g_assert_cmpuint (g_strv_length (args), ==, 3);
  g_assert_cmpstr (args[0], ==, "--limit=1000");
  g_assert_cmpstr (fl_program_args_get_mode ((const char * const *) args), ==, "processes");
  g_assert_false (fl_program_args_get_workers ((const char * const *) args, &n));
  {
    const char *w[] = { "--workers", "3", NULL };
    const char *bad[] = { "--workers=0", NULL };

    g_assert_true (fl_program_args_get_workers (w, &n));
    g_assert_cmpuint (n, ==, 3);
    g_assert_false (fl_program_args_get_workers (bad, &n));
  }

  cpu = fl_program_new ("py-cpu-bound", NULL, python, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fl_program_get_preset_id (cpu), ==, "cpu-bound");
  g_assert_true (fl_program_takes_mode (cpu));
  copy = fl_program_copy_with_args (cpu, (const char * const *) args);
  g_assert_cmpstr (fl_program_get_text (copy), ==, fl_program_get_text (cpu));
  g_assert_cmpstr (fl_program_get_interpreter (copy), ==, fl_program_get_interpreter (cpu));
  g_assert_cmpstr (fl_program_get_args (copy)[0], ==, "--limit=1000");
  g_assert_cmpuint (g_strv_length ((char **) fl_program_get_args (cpu)), ==, 0);

  /* Same mode and workers on both sides, the emulated GIL on. */
  fl_catalog_load_presets (presets);
  preset = fl_catalog_lookup (presets, "cpu-bound");
  g_assert_nonnull (preset);
  {
    const char *a[] = { "--workers=3", "--mode", "processes", NULL };

    g_assert_true (fl_program_plan_emulation (cpu, a, preset, &planned, &options, &error));
    g_assert_no_error (error);
    g_assert_cmpint (options.mode, ==, FL_MODE_FORK);
    g_assert_cmpuint (options.workers, ==, 3);
    g_assert_cmpint (options.gil, ==, 1);
    g_assert_cmpstr (fl_program_args_get_mode ((const char * const *) planned), ==, "processes");
    g_assert_true (fl_program_args_get_workers ((const char * const *) planned, &n));
    g_assert_cmpuint (n, ==, 3);
  }

  /* A program without --mode cannot be compared. */
  child = fl_program_new ("py-main-and-child", NULL, python, &error);
  g_assert_no_error (error);
  g_assert_null (fl_program_get_preset_id (child));
  g_assert_false (fl_program_takes_mode (child));
  g_assert_false (fl_program_check_compare_modes (child, &error));
  g_assert_error (error, FL_PROGRAM_ERROR, FL_PROGRAM_ERROR_ARGS);
  g_assert_nonnull (strstr (error->message, "--mode"));
}

/* forkline --python … --view compare and --compare-emulation: both runs,
 * each figure the one of its run's own summary; a program without --mode
 * refused. */
static void
test_cli_compare (void)
{
  const char *bin = g_getenv ("FORKLINE_BIN");
  g_autofree char *dir = NULL;
  g_autofree char *png = NULL;
  guint k;

  if (!have_python ())
    return;
  if (bin == NULL)
    {
      g_test_skip ("FORKLINE_BIN is not set");
      return;
    }
  dir = g_dir_make_tmp ("forkline-compare-XXXXXX", NULL);
  png = g_build_filename (dir, "compare.png", NULL);
  for (k = 0; k < 2; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *argv[] = { bin, "--python", "py-cpu-bound", "--python-arg=--limit=20000",
                             "--interpreter", python, "--summary=json", "--export", png,
                             k == 0 ? "--view=compare" : "--compare-emulation", NULL };
      JsonArray *runs;
      guint i;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
      g_assert_no_error (error);
      if (g_test_verbose ())
        g_printerr ("%s", err);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
      g_assert_cmpint (g_unlink (png), ==, 0);
      g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
      runs = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "comparison");
      g_assert_cmpuint (json_array_get_length (runs), ==, 2);
      for (i = 0; i < 2; i++)
        {
          JsonObject *run = json_array_get_object_element (runs, i);
          JsonObject *summary = json_object_get_object_member (run, "summary");
          JsonNode *gil = json_object_get_member (run, "gil_wait_percent");

          g_assert_cmpint (json_object_get_int_member (run, "wall_ms"), ==,
                           json_object_get_int_member (summary, "wall_ms"));
          /* A worker too short to be sampled leaves the speed-up unknown. */
          if (json_object_has_member (summary, "speedup"))
            g_assert_cmpfloat (json_object_get_double_member (run, "speedup"), ==,
                               json_object_get_double_member (summary, "speedup"));
          else
            g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (run, "speedup")));
          if (JSON_NODE_HOLDS_NULL (gil))
            g_assert_true (json_object_has_member (run, "gil_wait_unknown"));
          else
            g_assert_cmpfloat (json_node_get_double (gil), ==,
                               json_object_get_double_member (summary, "gil_wait_percent"));
          if (k == 0)
            {
              JsonObject *program = json_object_get_object_member (summary, "program");
              JsonArray *args = json_object_get_array_member (program, "args");
              guint n = json_array_get_length (args);

              g_assert_cmpstr (json_array_get_string_element (args, n - 1), ==, i == 0 ? "threads" : "processes");
            }
          else
            {
              /* The real run first, then the preset with the emulated GIL,
               * both with the same workers and mode. */
              g_assert_cmpstr (json_object_get_string_member (summary, "scenario"), ==,
                               i == 0 ? "py-cpu-bound" : "cpu-bound");
              g_assert_cmpstr (json_object_get_string_member (summary, "mode"), ==, "threads");
              if (i == 1)
                {
                  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (summary, "gil"), "enabled"));
                  g_assert_cmpint (json_object_get_int_member (summary, "worker_count"), ==, 2);
                }
            }
        }
    }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    const char *argv[] = { bin, "--python", "py-main-and-child", "--interpreter", python,
                           "--view", "compare", NULL };
    const char *argv2[] = { bin, "--python", "py-main-and-child", "--interpreter", python,
                            "--compare-emulation", NULL };
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
    g_assert_nonnull (strstr (err, "--mode"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **) argv2, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
    g_assert_nonnull (strstr (err, "no matching preset"));
  }
  {
    /* --slide-source: the selected lines on the slide, as text; a range
     * outside the program refused before the run, no file left. */
    g_autoptr(GError) error = NULL;
    g_autofree char *svg = g_build_filename (dir, "slide.svg", NULL);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *contents = NULL;
    const char *argv[] = { bin, "--python", "py-cpu-bound", "--python-arg=--limit=2000", "--interpreter", python,
                           "--export", svg, "--slide-source=16-26", NULL };
    const char *bad[] = { bin, "--python", "py-cpu-bound", "--interpreter", python,
                          "--export", svg, "--slide-source=50-900", NULL };
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) bad, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
    g_assert_nonnull (strstr (err, "not in the program"));
    g_assert_false (g_file_test (svg, G_FILE_TEST_EXISTS));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, ">def count_primes(lo, hi, results, index):<"));
    g_assert_nonnull (strstr (contents, "cpu_bound.py, lines 16–26"));
    g_assert_null (strstr (contents, "import argparse"));
    g_unlink (svg);
  }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 2 && g_str_equal (argv[1], "--unprivileged-child"))
    return unprivileged_child ();
  if (argc == 3 && g_str_equal (argv[1], "--for-text-child"))
    return for_text_child (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--non-dumpable-child"))
    return non_dumpable_child (argv[2]);

  g_test_init (&argc, &argv, NULL);

  if (g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    python = g_strdup ("/usr/bin/python3");
  else
    python = g_find_program_in_path ("python3");

  g_test_add_func ("/python/syscall-classify", test_syscall_classify);
  g_test_add_func ("/python/find-runtime", test_find_runtime);
  g_test_add_func ("/python/example/numbers-letters", test_example_numbers_letters);
  g_test_add_func ("/python/example/squares-cubes", test_example_squares_cubes);
  g_test_add_func ("/python/example/main-and-child", test_example_main_and_child);
  g_test_add_func ("/python/example/cpu-bound", test_example_cpu_bound);
  g_test_add_func ("/python/example/io-bound", test_example_io_bound);
  g_test_add_func ("/python/example/race-counter", test_example_race_counter);
  g_test_add_func ("/python/example/producer-consumer", test_example_producer_consumer);
  g_test_add_func ("/python/example/pool-map", test_example_pool_map);
  g_test_add_func ("/python/seed-program", test_seed_program);
  g_test_add_func ("/python/saved-run", test_saved_run);
  g_test_add_func ("/python/states", test_states);
  g_test_add_func ("/python/crash", test_crash);
  g_test_add_func ("/python/bad-input", test_bad_input);
  g_test_add_func ("/python/hostile", test_hostile);
  g_test_add_func ("/python/many-threads", test_many_threads);
  g_test_add_func ("/python/observer-killed", test_observer_killed);
  g_test_add_func ("/python/cli", test_cli);
  g_test_add_func ("/python/late-records", test_late_records);
  g_test_add_func ("/python/mixed-lines", test_mixed_lines);
  g_test_add_func ("/python/unprivileged", test_unprivileged);
  g_test_add_func ("/python/non-dumpable", test_non_dumpable);
  g_test_add_func ("/python/verdict", test_verdict_program);
  g_test_add_func ("/python/new-for-text", test_new_for_text);
  g_test_add_func ("/python/new-for-text/unprivileged", test_new_for_text_unprivileged);
  g_test_add_func ("/python/compare-plan", test_compare_plan);
  g_test_add_func ("/python/cli-compare", test_cli_compare);

  return g_test_run ();
}
