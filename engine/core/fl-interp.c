/* fl-interp.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-interp"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fl-gil.h"
#include "fl-interp.h"
#include "fl-io-server.h"
#include "fl-shared.h"

extern char **environ;

/* ThreadSanitizer does not see the locks inside libglib (built without
 * it): a message handed from thread to thread through a GAsyncQueue is
 * declared handed over, so that its bytes are not reported as a race. */
#if defined(__SANITIZE_THREAD__)
void __tsan_acquire (void *addr);
void __tsan_release (void *addr);
# define TSAN_RELEASE(addr) __tsan_release (addr)
# define TSAN_ACQUIRE(addr) __tsan_acquire (addr)
#else
# define TSAN_RELEASE(addr) ((void) (addr))
# define TSAN_ACQUIRE(addr) ((void) (addr))
#endif

/* ---- what a process of the run holds ----------------------------------- */

/* The program's global variable, as a Python module's global would be:
 * every fresh program starts with this value; threads share one copy; a
 * forked child gets a copy of its parent's. */
static gint64 program_global = 0;

/* Process-local state of the runner: one per process, shared by its threads. */
static struct
{
  FlTrace         *trace;
  FlPlan          *plan;
  FlShared        *shared;
  /* threads mode: what threads share by simply being in one process */
  pthread_mutex_t  locks[FL_MAX_LOCKS];
  pthread_mutex_t  counter_lock;
  gint64           counter;
  struct Channel  *queues[FL_MAX_CHANNELS];
  /* process modes: one pipe per channel, like multiprocessing.Queue */
  int              pipes[FL_MAX_CHANNELS][2];
  guint            n_channels;
  /* allocations of `alloc`, newest last */
  GMutex           alloc_mutex;
  GArray          *allocations;
  /* message ids: lane << 20 | sequence */
  guint            next_message;
} rt;

typedef struct
{
  guint8 *data;
  gsize   size;
} Allocation;

/* A channel between threads: a queue that holds what a pipe holds
 * between processes, so that a sender nobody receives from waits
 * instead of filling memory. */
#define CHANNEL_CAPACITY 65536

typedef struct Channel
{
  GMutex  mutex;
  GCond   cond;
  GQueue  messages;   /* of guint8*: MessageHeader then payload */
  gsize   bytes;
} Channel;

typedef struct
{
  guint32 id;
  guint32 size;
  guint64 sent;
} MessageHeader;

#define MESSAGE_MAX (4096 - sizeof (MessageHeader))  /* one atomic pipe write */
#define CHANNEL_FD_BASE 10                           /* where spawned workers find the pipes */

static void
name_table_add (char        names[][FL_NAME_MAX],
                guint       max,
                const char *name)
{
  guint i;

  for (i = 0; i < max; i++)
    {
      if (names[i][0] == '\0')
        {
          g_strlcpy (names[i], name, FL_NAME_MAX);
          return;
        }
      if (strncmp (names[i], name, FL_NAME_MAX) == 0)
        return;
    }
}

static int
name_table_find (char        names[][FL_NAME_MAX],
                 guint       max,
                 const char *name)
{
  guint i;

  for (i = 0; i < max && names[i][0]; i++)
    if (strncmp (names[i], name, FL_NAME_MAX) == 0)
      return (int) i;
  return -1;
}

static void
collect_names (GPtrArray *steps,
               FlShared  *shared)
{
  guint i;

  for (i = 0; steps && i < steps->len; i++)
    {
      const FlStep *step = g_ptr_array_index (steps, i);
      const FlStepArg *arg;

      if ((step->kind == FL_STEP_LOCK || step->kind == FL_STEP_UNLOCK) &&
          (arg = fl_step_get_arg (step, "name")))
        name_table_add (shared->lock_names, FL_MAX_LOCKS, arg->text);
      else if ((step->kind == FL_STEP_SEND || step->kind == FL_STEP_RECEIVE) &&
               (arg = fl_step_get_arg (step, "channel")))
        name_table_add (shared->channel_names, FL_MAX_CHANNELS, arg->text);
      collect_names (step->body, shared);
    }
}

static int
move_fd_high (int fd)
{
  int high = fcntl (fd, F_DUPFD_CLOEXEC, 64);

  close (fd);
  return high;
}

/* The main process, before any worker exists: name the locks and
 * channels every worker will use, and make the channels. */
static void
runtime_setup_main (FlTrace *trace,
                    FlPlan  *plan)
{
  FlScenario *scenario = plan->scenario;
  pthread_mutexattr_t attr;
  guint i;

  rt.trace = trace;
  rt.plan = plan;
  rt.shared = fl_trace_get_shared (trace);
  rt.allocations = g_array_new (FALSE, FALSE, sizeof (Allocation));

  collect_names (fl_scenario_get_main_steps (scenario), rt.shared);
  for (i = 0; i < fl_scenario_get_n_templates (scenario); i++)
    collect_names (fl_scenario_get_template (scenario, i)->steps, rt.shared);

  pthread_mutexattr_init (&attr);
  for (i = 0; i < FL_MAX_LOCKS; i++)
    pthread_mutex_init (&rt.locks[i], &attr);
  pthread_mutex_init (&rt.counter_lock, &attr);
  pthread_mutexattr_destroy (&attr);

  for (i = 0; i < FL_MAX_CHANNELS && rt.shared->channel_names[i][0]; i++)
    {
      if (plan->mode == FL_MODE_THREADS)
        {
          rt.queues[i] = g_new0 (Channel, 1);
          g_mutex_init (&rt.queues[i]->mutex);
          g_cond_init (&rt.queues[i]->cond);
          g_queue_init (&rt.queues[i]->messages);
        }
      else
        {
          int fds[2];

          if (pipe2 (fds, O_CLOEXEC) != 0)
            g_error ("Could not create a pipe for channel %s: %s",
                     rt.shared->channel_names[i], g_strerror (errno));
          /* Out of the way of the fixed numbers spawned workers get them at. */
          rt.pipes[i][0] = move_fd_high (fds[0]);
          rt.pipes[i][1] = move_fd_high (fds[1]);
          /* A full pipe makes a sender wait in poll(), where the wait is
           * recorded, rather than inside write(). */
          fcntl (rt.pipes[i][1], F_SETFL, fcntl (rt.pipes[i][1], F_GETFL) | O_NONBLOCK);
        }
      rt.n_channels = i + 1;
    }
}

/* A spawned worker: a fresh program, which finds the channels at fixed
 * descriptors and the names in the shared region. */
static void
runtime_setup_spawned (FlTrace *trace,
                       FlPlan  *plan)
{
  guint i;

  rt.trace = trace;
  rt.plan = plan;
  rt.shared = fl_trace_get_shared (trace);
  rt.allocations = g_array_new (FALSE, FALSE, sizeof (Allocation));
  for (i = 0; i < FL_MAX_CHANNELS && rt.shared->channel_names[i][0]; i++)
    {
      rt.pipes[i][0] = CHANNEL_FD_BASE + 2 * (int) i;
      rt.pipes[i][1] = CHANNEL_FD_BASE + 2 * (int) i + 1;
      rt.n_channels = i + 1;
    }
}

static void
runtime_after_fork (guint worker)
{
  /* The child's copy of the allocation list mutex may be held by a thread
   * that does not exist here. */
  g_mutex_init (&rt.alloc_mutex);
  fl_gil_init (rt.plan->gil, rt.plan->switch_interval_ms);
  rt.next_message = 0;
}

/* ---- interpreter -------------------------------------------------------- */

typedef struct
{
  FlTrace    *trace;
  FlPlan     *plan;
  const char *runner_path;
  FlScriptScope scope;     /* worker (0: main, K: worker K), repeat variables, parameters */
  GRand      *rand;
  guint64     io_requests;
  guint64     io_wait_ns;
  guint64     sent;
  guint64     received;
  /* main process only */
  GThread   **threads;     /* threads mode */
  GPid       *pids;        /* fork and spawn modes */
  gboolean   *started;
  gboolean   *joined;
} Ctx;

typedef struct
{
  FlTrace *trace;
  FlPlan  *plan;
  guint    worker;
  guint64  request_ts;
} WorkerStart;

static int run_worker (FlTrace *trace, FlPlan *plan, guint worker, guint64 first_ts, gboolean is_process);

static G_GNUC_NORETURN void
die (const char *buf,
     int         len)
{
  if (write (STDERR_FILENO, buf, (size_t) MIN (len, 511)) < 0)
    {
      /* nothing more to do */
    }
  fl_trace_output (buf, MAX (len - 1, 0));
  _exit (70);
}

static G_GNUC_NORETURN void
fatal (Ctx          *ctx,
       const FlStep *step,
       const char   *message)
{
  /* A scenario error at run time (a division by zero in a step, a worker
   * that does not exist): say where, and end this process. */
  char buf[512];
  int len = g_snprintf (buf, sizeof buf, "forkline-runner: %s:%u: %s\n",
                        fl_scenario_get_origin (ctx->plan->scenario),
                        step ? step->line : 0, message);
  die (buf, len);
}

/* Not the scenario's fault: the system would not make a worker's thread
 * or process.  Say which worker and why, and end this process. */
static G_GNUC_NORETURN void
start_failed (guint       k,
              const char *as,
              int         errsv,
              const char *reason)
{
  char buf[512];
  int len = g_snprintf (buf, sizeof buf, "forkline-runner: could not start worker %u as a %s: %s%s\n",
                        k, as, reason,
                        errsv == EAGAIN ? " (the limit on processes and threads per user, "
                                          "ulimit -u, may have been reached)" : "");
  die (buf, len);
}

static double
eval_number (Ctx          *ctx,
             const FlStep *step,
             const char   *name,
             double        fallback)
{
  g_autoptr(GError) error = NULL;
  double value;

  if (!fl_step_eval_number (step, name, fallback, fl_script_scope_lookup, &ctx->scope, &value, &error))
    fatal (ctx, step, error->message);
  return value;
}

static gboolean
eval_bool (Ctx          *ctx,
           const FlStep *step,
           const char   *name,
           gboolean      fallback)
{
  g_autoptr(GError) error = NULL;
  gboolean value;

  if (!fl_step_eval_bool (step, name, fallback, fl_script_scope_lookup, &ctx->scope, &value, &error))
    fatal (ctx, step, error->message);
  return value;
}

static void
sleep_until (guint64 deadline)
{
  struct timespec ts = {
    .tv_sec = (time_t) (deadline / G_GUINT64_CONSTANT (1000000000)),
    .tv_nsec = (long) (deadline % G_GUINT64_CONSTANT (1000000000)),
  };

  while (clock_nanosleep (CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
    ;
}

static guint64
seconds_to_ns (Ctx          *ctx,
               const FlStep *step,
               double        seconds)
{
  if (!(seconds >= 0 && seconds <= 3600))
    fatal (ctx, step, "a duration must be between 0 and 3600 seconds");
  return (guint64) (seconds * 1e9 + 0.5);
}

/* A blocking wait: recorded, and the GIL released for its length, as
 * CPython releases it around blocking calls. */
static void
block_begin (FlState  state,
             FlReason reason,
             guint64  detail)
{
  fl_trace_state (state, reason, detail);
  fl_gil_drop ();
}

static void
block_end (FlReason reason)
{
  fl_gil_take ();
  fl_trace_state (FL_STATE_RUNNING, reason, 0);
}

static void
step_compute (Ctx          *ctx,
              const FlStep *step)
{
  double units = eval_number (ctx, step, "units", 0);
  gboolean split = eval_bool (ctx, step, "split", FALSE);
  guint64 n_units, first, stride, j;
  guint64 primes = 0, blocks = 0;

  if (!(units >= 0 && units <= 1e7))
    fatal (ctx, step, "compute: units must be between 0 and 10000000");
  n_units = (guint64) units;
  first = 0;
  stride = 1;
  if (split && ctx->scope.worker > 0)
    {
      first = ctx->scope.worker - 1;
      stride = ctx->plan->n_workers;
    }

  fl_trace_state (FL_STATE_RUNNING, FL_REASON_COMPUTE, n_units);
  for (j = first; j < n_units; j += stride)
    {
      guint64 from;

      /* Small slices, with the GIL's drop request checked between them,
       * as CPython's eval loop checks it between bytecodes. */
      for (from = j * FL_PRIMES_BLOCK; from < (j + 1) * FL_PRIMES_BLOCK; from += 500)
        {
          primes += fl_count_primes (from, from + 500);
          fl_gil_check ();
        }
      blocks++;
    }
  fl_trace_emit (FL_EV_RESULT, 0, FL_RESULT_PRIMES, primes, blocks);
}

static void
step_sleep (Ctx          *ctx,
            const FlStep *step)
{
  guint64 ns = seconds_to_ns (ctx, step, eval_number (ctx, step, "seconds", 0));
  guint64 now = fl_trace_now ();

  fl_trace_emit_at (now, FL_EV_STATE, FL_STATE_SLEEPING, FL_REASON_SLEEP, ns, 0);
  fl_gil_drop ();
  sleep_until (now + ns);
  block_end (FL_REASON_SLEEP);
}

static void
step_print (Ctx          *ctx,
            const FlStep *step)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = fl_step_format_text (step, "text", fl_script_scope_lookup, &ctx->scope, &error);

  if (text == NULL)
    fatal (ctx, step, error->message);
  fl_trace_output (text, -1);
}

/* One connection per process and thread to the main process's server. */
static __thread int io_fd = -1;
static __thread pid_t io_pid;

static void
step_io (Ctx          *ctx,
         const FlStep *step)
{
  FlShared *shared = fl_trace_get_shared (ctx->trace);
  guint64 latency = seconds_to_ns (ctx, step, eval_number (ctx, step, "latency", 0));
  guint64 jitter = seconds_to_ns (ctx, step, eval_number (ctx, step, "jitter", 0));
  guint64 request[2], reply[2];
  guint64 started;
  gsize got = 0;

  if (io_fd < 0 || io_pid != getpid ())
    {
      if (io_fd >= 0)
        close (io_fd);   /* inherited through fork: the parent's, not ours */
      io_fd = fl_io_server_connect (shared);
      io_pid = getpid ();
      if (io_fd < 0)
        fatal (ctx, step, "io: cannot reach the run's local server");
    }

  if (jitter > 0)
    latency += (guint64) g_rand_double_range (ctx->rand, 0, (double) jitter);
  request[0] = latency;
  request[1] = ctx->scope.worker;

  started = fl_trace_now ();
  block_begin (FL_STATE_IO, FL_REASON_READ, latency);
  if (write (io_fd, request, sizeof request) != (ssize_t) sizeof request)
    fatal (ctx, step, "io: the local server went away");
  while (got < sizeof reply)
    {
      ssize_t r = read (io_fd, (char *) reply + got, sizeof reply - got);

      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        fatal (ctx, step, "io: the local server went away");
      got += (gsize) r;
    }
  /* The request is over for the program once it may run again: with the
   * GIL, that includes taking it back (the convoy effect). */
  block_end (FL_REASON_READ);
  ctx->io_requests++;
  ctx->io_wait_ns += fl_trace_now () - started;
}


/* MemAvailable of /proc/meminfo, in bytes; 0 if unknown. */
static gint64
mem_available (void)
{
  char buf[4096];
  const char *at;
  ssize_t n;
  int fd = open ("/proc/meminfo", O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    return 0;
  n = read (fd, buf, sizeof buf - 1);
  close (fd);
  if (n <= 0)
    return 0;
  buf[n] = '\0';
  if (!(at = strstr (buf, "MemAvailable:")))
    return 0;
  return g_ascii_strtoll (at + strlen ("MemAvailable:"), NULL, 10) * 1024;
}

/* A number in a cgroup file; FALSE for "max", a missing file or garbage. */
static gboolean
read_cgroup_number (const char *dir,
                    const char *name,
                    gint64     *value)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  char *end = NULL;
  guint64 v;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  g_strstrip (text);
  v = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != '\0' || v > (guint64) G_MAXINT64)
    return FALSE;
  *value = (gint64) v;
  return TRUE;
}

/* The folder of the cgroup @path in the hierarchy mounted at @mount
 * (whose own root there is @root), or NULL. */
static char *
cgroup_dir (const char *mount,
            const char *root,
            const char *path)
{
  if (g_str_has_prefix (path, root) && (root[strlen (root) - 1] == '/' || path[strlen (root)] == '/' ||
                                        path[strlen (root)] == '\0'))
    path += strcmp (root, "/") == 0 ? 0 : strlen (root);
  return g_build_filename (mount, path, NULL);
}

/* The smallest limit less usage from @dir up to @mount. */
static gint64
headroom_up (const char *mount,
             const char *dir_in,
             const char *limit_name,
             const char *usage_name)
{
  g_autofree char *dir = g_canonicalize_filename (dir_in, NULL);
  g_autofree char *top = g_canonicalize_filename (mount, NULL);
  gint64 best = -1;

  while (g_str_has_prefix (dir, top))
    {
      gint64 limit, usage;
      char *parent;

      /* v1 writes "no limit" as a number near 2^63. */
      if (read_cgroup_number (dir, limit_name, &limit) && limit < G_MAXINT64 / 2 &&
          read_cgroup_number (dir, usage_name, &usage))
        {
          gint64 room = MAX (limit - usage, 0);
          if (best < 0 || room < best)
            best = room;
        }
      if (strcmp (dir, top) == 0)
        break;
      parent = g_path_get_dirname (dir);
      g_free (dir);
      dir = parent;
    }
  return best;
}

/**
 * fl_cgroup_memory_headroom:
 * @cgroup: the text of /proc/self/cgroup
 * @mountinfo: the text of /proc/self/mountinfo
 *
 * Returns: the bytes the process's memory cgroups still allow, -1 if none limits it
 */
gint64
fl_cgroup_memory_headroom (const char *cgroup,
                           const char *mountinfo)
{
  g_auto(GStrv) groups = g_strsplit (cgroup ? cgroup : "", "\n", -1);
  g_auto(GStrv) mounts = g_strsplit (mountinfo ? mountinfo : "", "\n", -1);
  gint64 best = -1;
  guint i, j;

  for (i = 0; mounts[i]; i++)
    {
      g_auto(GStrv) fields = g_strsplit (mounts[i], " ", -1);
      guint n = g_strv_length (fields), dash;
      gboolean v2, v1_memory = FALSE;

      /* id parent major:minor root mount options [optional…] - type source super-options */
      for (dash = 6; dash < n && strcmp (fields[dash], "-") != 0; dash++)
        ;
      if (n < 6 || dash + 3 >= n)
        continue;
      v2 = strcmp (fields[dash + 1], "cgroup2") == 0;
      if (strcmp (fields[dash + 1], "cgroup") == 0 && dash + 3 < n)
        {
          g_auto(GStrv) options = g_strsplit (fields[dash + 3], ",", -1);
          v1_memory = g_strv_contains ((const char * const *) options, "memory");
        }
      if (!v2 && !v1_memory)
        continue;

      /* hierarchy:controllers:path — "0::path" for v2 */
      for (j = 0; groups[j]; j++)
        {
          g_auto(GStrv) parts = g_strsplit (groups[j], ":", 3);
          g_auto(GStrv) controllers = NULL;
          g_autofree char *dir = NULL;
          gint64 room;

          if (g_strv_length (parts) != 3)
            continue;
          controllers = g_strsplit (parts[1], ",", -1);
          if (v2 ? (strcmp (parts[0], "0") != 0 || parts[1][0] != '\0')
                 : !g_strv_contains ((const char * const *) controllers, "memory"))
            continue;
          dir = cgroup_dir (fields[4], fields[3], parts[2]);
          room = v2 ? headroom_up (fields[4], dir, "memory.max", "memory.current")
                    : headroom_up (fields[4], dir, "memory.limit_in_bytes", "memory.usage_in_bytes");
          if (room >= 0 && (best < 0 || room < best))
            best = room;
        }
    }
  return best;
}

/* The memory this run may count on: MemAvailable, or what its cgroups
 * still allow if that is less.  0 if unknown. */
static gint64
memory_for_run (gboolean *cgroup_smaller)
{
  g_autofree char *cgroup = NULL;
  g_autofree char *mountinfo = NULL;
  gint64 available = mem_available ();
  gint64 room = -1;

  *cgroup_smaller = FALSE;
  if (g_file_get_contents ("/proc/self/cgroup", &cgroup, NULL, NULL) &&
      g_file_get_contents ("/proc/self/mountinfo", &mountinfo, NULL, NULL))
    room = fl_cgroup_memory_headroom (cgroup, mountinfo);
  if (room >= 0 && (available <= 0 || room < available))
    {
      *cgroup_smaller = TRUE;
      return room;
    }
  return available;
}

/* A run may reserve at most this share of the memory available when it
 * first allocates: its pages, once touched, must not push the machine
 * into swap or the OOM killer.  Every process of the run counts. */
#define ALLOC_SHARE_OF_AVAILABLE 0.5

static void
reserve_budget (Ctx          *ctx,
                const FlStep *step,
                gsize         size)
{
  gint64 budget = __atomic_load_n (&rt.shared->alloc_budget, __ATOMIC_ACQUIRE);
  gint64 total;

  if (budget == 0)
    {
      gboolean cgroup_smaller;
      gint64 available = memory_for_run (&cgroup_smaller);
      gint64 expected = 0;

      budget = available > 0 ? (gint64) ((double) available * ALLOC_SHARE_OF_AVAILABLE) : G_MAXINT64;
      /* The low bit says where it came from, for the message. */
      budget = cgroup_smaller ? (budget | 1) : (budget & ~(gint64) 1);
      if (!__atomic_compare_exchange_n (&rt.shared->alloc_budget, &expected, budget, FALSE,
                                        __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        budget = expected;  /* another process of the run set it first */
    }
  total = __atomic_add_fetch (&rt.shared->alloc_total, (gint64) size, __ATOMIC_ACQ_REL);
  if (total > budget)
    {
      char msg[256];

      __atomic_sub_fetch (&rt.shared->alloc_total, (gint64) size, __ATOMIC_ACQ_REL);
      g_snprintf (msg, sizeof msg,
                  "alloc: refused: %" G_GSIZE_FORMAT " MB would bring this run to %" G_GINT64_FORMAT
                  " MB, more than half of the memory available%s (%" G_GINT64_FORMAT " MB)",
                  size >> 20, total >> 20, (budget & 1) ? " in its cgroup" : "",
                  (gint64) ((double) budget / ALLOC_SHARE_OF_AVAILABLE) >> 20);
      fatal (ctx, step, msg);
    }
}

static void
step_alloc (Ctx          *ctx,
            const FlStep *step)
{
  double mb = eval_number (ctx, step, "mb", 0);
  Allocation alloc;

  if (!(mb > 0 && mb <= 65536))
    fatal (ctx, step, "alloc: the size must be between 0 and 65536 MB");
  alloc.size = (gsize) (mb * 1024 * 1024);
  reserve_budget (ctx, step, alloc.size);
  /* mmap, like malloc does for large blocks: pages cost nothing until written. */
  alloc.data = mmap (NULL, alloc.size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (alloc.data == MAP_FAILED)
    fatal (ctx, step, g_strerror (errno));
  g_mutex_lock (&rt.alloc_mutex);
  g_array_append_val (rt.allocations, alloc);
  g_mutex_unlock (&rt.alloc_mutex);
  fl_trace_emit (FL_EV_RESULT, 0, FL_RESULT_ALLOC, alloc.size, 0);
}

static void
step_touch (Ctx          *ctx,
            const FlStep *step)
{
  double fraction = eval_number (ctx, step, "fraction", 1);
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  Allocation alloc = { NULL, 0 };
  gsize n, off;

  if (!(fraction >= 0 && fraction <= 1))
    fatal (ctx, step, "touch: the fraction must be between 0 and 1");
  g_mutex_lock (&rt.alloc_mutex);
  if (rt.allocations->len > 0)
    alloc = g_array_index (rt.allocations, Allocation, rt.allocations->len - 1);
  g_mutex_unlock (&rt.alloc_mutex);
  if (alloc.data == NULL)
    fatal (ctx, step, "touch: nothing was allocated in this process yet (use alloc first)");

  /* One write per page is what makes the kernel give (or, after fork, copy) it. */
  n = (gsize) (fraction * (double) alloc.size);
  fl_trace_state (FL_STATE_RUNNING, FL_REASON_STEP, n / page);
  for (off = 0; off < n; off += page)
    {
      alloc.data[off] = (guint8) (ctx->scope.worker + 1);
      if ((off / page) % 256 == 255)
        fl_gil_check ();
    }
  fl_trace_emit (FL_EV_RESULT, 0, FL_RESULT_ALLOC, 0, n);
}

static pthread_mutex_t *
find_lock (Ctx          *ctx,
           const FlStep *step)
{
  const FlStepArg *arg = fl_step_get_arg (step, "name");
  int i = name_table_find (rt.shared->lock_names, FL_MAX_LOCKS, arg ? arg->text : "lock");

  if (i < 0)
    fatal (ctx, step, "lock: unknown lock name");
  return rt.plan->mode == FL_MODE_THREADS ? &rt.locks[i] : &rt.shared->locks[i];
}

static void
take_mutex (pthread_mutex_t *mutex)
{
  int rc = pthread_mutex_trylock (mutex);

  if (rc == EBUSY)
    {
      /* Contention: the wait is its own state, and releases the GIL. */
      block_begin (FL_STATE_LOCK, FL_REASON_LOCK, 0);
      rc = pthread_mutex_lock (mutex);
      block_end (FL_REASON_LOCK);
    }
  if (rc == EOWNERDEAD)
    pthread_mutex_consistent (mutex);  /* its holder crashed: take it over */
}

static void
step_increment (Ctx          *ctx,
                const FlStep *step)
{
  double times = eval_number (ctx, step, "times", 0);
  gboolean locked = eval_bool (ctx, step, "locked", FALSE);
  double window_us = eval_number (ctx, step, "window", 2);
  gboolean threads = rt.plan->mode == FL_MODE_THREADS;
  volatile gint64 *counter = threads ? &rt.counter : &rt.shared->counter;
  pthread_mutex_t *mutex = threads ? &rt.counter_lock : &rt.shared->counter_lock;
  guint64 window_ns, i;

  if (!(times >= 0 && times <= 1e9))
    fatal (ctx, step, "increment: times must be between 0 and 1000000000");
  if (!(window_us >= 0 && window_us <= 1e6))
    fatal (ctx, step, "increment: the window must be between 0 and 1000000 µs");
  window_ns = (guint64) (window_us * 1000);

  fl_trace_state (FL_STATE_RUNNING, FL_REASON_STEP, (guint64) times);
  for (i = 0; i < (guint64) times; i++)
    {
      gint64 value;
      guint64 until;

      if (locked)
        take_mutex (mutex);
      /* counter += 1, spelled out: read, a window in which others may
       * write (and the GIL may switch, as between bytecodes), write.
       * The lost update is the lesson; each load and store on its own is
       * a relaxed atomic, so that the race is the program's, not C's
       * undefined behaviour. */
      value = __atomic_load_n (counter, __ATOMIC_RELAXED);
      until = fl_trace_now () + window_ns;
      while (fl_trace_now () < until)
        fl_gil_check ();
      __atomic_store_n (counter, value + 1, __ATOMIC_RELAXED);
      if (locked)
        pthread_mutex_unlock (mutex);
      fl_gil_check ();
    }
  fl_trace_emit (FL_EV_RESULT, 0, FL_RESULT_INCREMENTS, (guint64) times, locked);
}

static int
find_channel (Ctx          *ctx,
              const FlStep *step)
{
  const FlStepArg *arg = fl_step_get_arg (step, "channel");
  int c = name_table_find (rt.shared->channel_names, FL_MAX_CHANNELS, arg ? arg->text : "queue");

  if (c < 0 || (guint) c >= rt.n_channels)
    fatal (ctx, step, "unknown channel");
  return c;
}

static gboolean
read_all (int    fd,
          void  *data,
          gsize  size)
{
  gsize done = 0;

  while (done < size)
    {
      ssize_t r = read (fd, (char *) data + done, size - done);

      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        return FALSE;
      done += (gsize) r;
    }
  return TRUE;
}

static void
step_send (Ctx          *ctx,
           const FlStep *step)
{
  double bytes = eval_number (ctx, step, "bytes", 64);
  int c = find_channel (ctx, step);
  MessageHeader header;
  guint8 *message;

  if (!(bytes >= 0 && bytes <= MESSAGE_MAX))
    fatal (ctx, step, "send: a message holds 0 to 4080 bytes");
  header.id = (ctx->scope.worker << 20) | (++rt.next_message & 0xfffff);
  header.size = (guint32) bytes;
  header.sent = fl_trace_now ();
  message = g_malloc0 (sizeof header + header.size);
  memcpy (message, &header, sizeof header);

  fl_trace_emit_at (header.sent, FL_EV_SEND, 0, (guint16) c, header.id, header.size);
  if (rt.plan->mode == FL_MODE_THREADS)
    {
      Channel *ch = rt.queues[c];
      gsize size = sizeof header + header.size;
      gboolean waited = FALSE;

      g_mutex_lock (&ch->mutex);
      while (ch->messages.length > 0 && ch->bytes + size > CHANNEL_CAPACITY)
        {
          if (!waited)
            {
              /* Full: wait, recorded and without the GIL, as for a full pipe. */
              g_mutex_unlock (&ch->mutex);
              block_begin (FL_STATE_IO, FL_REASON_SEND, 0);
              waited = TRUE;
              g_mutex_lock (&ch->mutex);
              continue;
            }
          g_cond_wait (&ch->cond, &ch->mutex);
        }
      TSAN_RELEASE (ch);
      g_queue_push_tail (&ch->messages, message);  /* the channel owns it now */
      ch->bytes += size;
      g_cond_broadcast (&ch->cond);
      g_mutex_unlock (&ch->mutex);
      if (waited)
        block_end (FL_REASON_SEND);
    }
  else
    {
      gsize size = sizeof header + header.size;
      gboolean waited = FALSE;
      ssize_t w;

      /* One write of at most PIPE_BUF bytes: atomic, so senders never
       * interleave, and all or nothing on a non-blocking pipe. */
      while ((w = write (rt.pipes[c][1], message, size)) < 0 && (errno == EAGAIN || errno == EINTR))
        {
          struct pollfd pfd = { rt.pipes[c][1], POLLOUT, 0 };

          if (errno == EINTR)
            continue;
          if (!waited)
            {
              block_begin (FL_STATE_IO, FL_REASON_SEND, 0);
              waited = TRUE;
            }
          poll (&pfd, 1, -1);
        }
      if (waited)
        block_end (FL_REASON_SEND);
      if (w != (ssize_t) size)
        fatal (ctx, step, "send: the channel is closed");
      g_free (message);
    }
  ctx->sent++;
}

static void
step_receive (Ctx          *ctx,
              const FlStep *step)
{
  int c = find_channel (ctx, step);
  MessageHeader header;

  block_begin (FL_STATE_IO, FL_REASON_RECEIVE, 0);
  if (rt.plan->mode == FL_MODE_THREADS)
    {
      Channel *ch = rt.queues[c];
      guint8 *message;

      g_mutex_lock (&ch->mutex);
      while (ch->messages.length == 0)
        g_cond_wait (&ch->cond, &ch->mutex);
      message = g_queue_pop_head (&ch->messages);
      TSAN_ACQUIRE (ch);
      memcpy (&header, message, sizeof header);
      ch->bytes -= sizeof header + header.size;
      g_cond_broadcast (&ch->cond);
      g_mutex_unlock (&ch->mutex);
      g_free (message);
    }
  else
    {
      g_autofree guint8 *payload = NULL;
      pthread_mutex_t *lock = &rt.shared->channel_read_locks[c];
      gboolean ok;

      /* Several readers may share a pipe: one message at a time each. */
      take_mutex (lock);
      ok = read_all (rt.pipes[c][0], &header, sizeof header);
      if (ok && header.size <= MESSAGE_MAX)
        {
          payload = g_malloc (MAX (header.size, 1));
          ok = read_all (rt.pipes[c][0], payload, header.size);
        }
      pthread_mutex_unlock (lock);
      if (!ok)
        fatal (ctx, step, "receive: the channel was closed");
    }
  block_end (FL_REASON_RECEIVE);
  fl_trace_emit (FL_EV_RECEIVE, 0, (guint16) c, header.id, header.size);
  ctx->received++;
}

static void
step_crash (Ctx          *ctx,
            const FlStep *step)
{
  const FlStepArg *arg = fl_step_get_arg (step, "how");
  const char *how = arg ? arg->text : "segv";

  if (g_str_equal (how, "abort"))
    abort ();
  else if (g_str_equal (how, "segv"))
    {
      /* A real fault, without undefined behaviour (a store through NULL
       * is, and UBSan stops there): a write to a page that forbids it.
       * crash_handler() records it, then the default action ends us. */
      volatile int *forbidden = mmap (NULL, (size_t) sysconf (_SC_PAGESIZE), PROT_NONE,
                                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

      if (forbidden != MAP_FAILED)
        *forbidden = 1;  /* the kernel answers with SIGSEGV */
      raise (SIGSEGV);
    }
  fatal (ctx, step, "crash: how must be segv or abort");
}

static void    report_worker_results (Ctx *ctx);
static guint64 thread_cpu_ns         (void);

static void
step_exit (Ctx          *ctx,
           const FlStep *step)
{
  double code = eval_number (ctx, step, "code", 0);

  if (!(code >= 0 && code <= 255) || code != (int) code)
    fatal (ctx, step, "exit: the code must be a whole number from 0 to 255");
  report_worker_results (ctx);
  fl_trace_emit (FL_EV_EXIT, 0, 0, (guint64) code, thread_cpu_ns ());
  fl_gil_drop ();
  if (ctx->scope.worker == 0 || rt.plan->mode != FL_MODE_THREADS)
    _exit ((int) code);
  /* A thread's exit ends only the thread, like SystemExit in a Python thread. */
  pthread_exit (NULL);
}

/* ---- descriptors ---------------------------------------------------------- */

/* The main process opens a file, as a program opens a log or a data file
 * before it starts its workers, and keeps it open.  It is a new file with
 * no name (it leaves nothing behind), opened close-on-exec as Python opens
 * its files: fork() copies the descriptor table anyway; a spawned program
 * gets only the descriptors it is handed. */
static void
step_open (Ctx          *ctx,
           const FlStep *step)
{
  FlShared *shared = rt.shared;
  struct stat st;
  int fd;

  if (shared->n_opened >= FL_MAX_OPENED)
    fatal (ctx, step, "open: a run opens at most 8 files");

  fd = open (g_get_tmp_dir (), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      /* A file system without O_TMPFILE: a named file, unlinked at once. */
      g_autofree char *path = g_build_filename (g_get_tmp_dir (), "forkline-open-XXXXXX", NULL);

      fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
      if (fd >= 0)
        unlink (path);
    }
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      char msg[256];
      g_snprintf (msg, sizeof msg, "open: could not open a file in %s: %s",
                  g_get_tmp_dir (), g_strerror (errno));
      fatal (ctx, step, msg);
    }

  shared->opened_dev[shared->n_opened] = (guint64) st.st_dev;
  shared->opened_ino[shared->n_opened] = (guint64) st.st_ino;
  shared->n_opened++;
  fl_trace_emit (FL_EV_RESULT, 0, FL_RESULT_OPENED, (guint64) fd, (guint64) st.st_ino);
}

/* What this process has open, read from /proc/self/fd: how many
 * descriptors (the directory's own excepted), and how many of the main
 * process's `open` files are among them, told by device and inode. */
static void
step_fds (Ctx          *ctx,
          const FlStep *step)
{
  const FlShared *shared = rt.shared;
  gboolean found[FL_MAX_OPENED] = { FALSE };
  guint n_opened = MIN (shared->n_opened, FL_MAX_OPENED);
  guint64 n = 0, n_found = 0;
  struct dirent *entry;
  DIR *dir;
  int own;

  if (!(dir = opendir ("/proc/self/fd")))
    {
      char msg[256];
      g_snprintf (msg, sizeof msg, "fds: could not read /proc/self/fd: %s", g_strerror (errno));
      fatal (ctx, step, msg);
    }
  own = dirfd (dir);
  while ((entry = readdir (dir)) != NULL)
    {
      struct stat st;
      char *end;
      long fd;
      guint i;

      if (!g_ascii_isdigit (entry->d_name[0]))
        continue;
      fd = strtol (entry->d_name, &end, 10);
      if (*end != '\0' || fd == own)
        continue;
      n++;
      if (fstat ((int) fd, &st) != 0)
        continue;
      for (i = 0; i < n_opened; i++)
        if (!found[i] && (guint64) st.st_dev == shared->opened_dev[i] &&
            (guint64) st.st_ino == shared->opened_ino[i])
          {
            found[i] = TRUE;
            n_found++;
          }
    }
  closedir (dir);
  fl_trace_emit (FL_EV_RESULT, 0, FL_RESULT_DESCRIPTORS, n, n_found);
}

/* ---- creating and joining workers (main process) ------------------------ */

static gpointer
worker_thread (gpointer data)
{
  guint64 first_ts = fl_trace_now ();
  WorkerStart *ws = data;
  int code = run_worker (ws->trace, ws->plan, ws->worker, first_ts, FALSE);

  g_free (ws);
  return GINT_TO_POINTER (code);
}

static void
start_worker (Ctx          *ctx,
              const FlStep *step,
              guint         k)
{
  WorkerStart *ws;

  if (ctx->started[k])
    return;
  ctx->started[k] = TRUE;

  fl_trace_emit (FL_EV_CREATE, 0, (guint16) k, 0, 0);

  switch (ctx->plan->mode)
    {
    case FL_MODE_THREADS:
      {
        g_autoptr(GError) error = NULL;
        char name[16];

        ws = g_new0 (WorkerStart, 1);
        ws->trace = ctx->trace;
        ws->plan = ctx->plan;
        ws->worker = k;
        g_snprintf (name, sizeof name, "worker-%u", k);
        if (!(ctx->threads[k] = g_thread_try_new (name, worker_thread, ws, &error)))
          start_failed (k, "thread", error->code == G_THREAD_ERROR_AGAIN ? EAGAIN : 0,
                        g_strerror (error->code == G_THREAD_ERROR_AGAIN ? EAGAIN : ENOMEM));
      }
      break;

    case FL_MODE_FORK:
      {
        pid_t parent = getpid ();
        pid_t pid = fork ();

        if (pid < 0)
          {
            int errsv = errno;
            start_failed (k, "forked process", errsv, g_strerror (errsv));
          }
        if (pid == 0)
          {
            guint64 first_ts = fl_trace_now ();

            prctl (PR_SET_PDEATHSIG, SIGKILL);
            if (getppid () != parent)
              _exit (1);
            runtime_after_fork (k);
            _exit (run_worker (ctx->trace, ctx->plan, k, first_ts, TRUE));
          }
        ctx->pids[k] = pid;
      }
      break;

    case FL_MODE_SPAWN:
      {
        posix_spawn_file_actions_t actions;
        posix_spawnattr_t attr;
        sigset_t empty;
        char worker_arg[16], fd_arg[16], parent_arg[16];
        char *argv[] = { (char *) ctx->runner_path, (char *) "--worker", worker_arg,
                         (char *) "--fd", fd_arg, (char *) "--parent", parent_arg, NULL };
        pid_t pid;
        guint c;
        int rc;

        g_snprintf (worker_arg, sizeof worker_arg, "%u", k);
        g_snprintf (fd_arg, sizeof fd_arg, "%d", 3);
        g_snprintf (parent_arg, sizeof parent_arg, "%d", (int) getpid ());

        posix_spawn_file_actions_init (&actions);
        posix_spawn_file_actions_adddup2 (&actions, fl_trace_get_fd (ctx->trace), 3);
        for (c = 0; c < rt.n_channels; c++)
          {
            posix_spawn_file_actions_adddup2 (&actions, rt.pipes[c][0], CHANNEL_FD_BASE + 2 * (int) c);
            posix_spawn_file_actions_adddup2 (&actions, rt.pipes[c][1], CHANNEL_FD_BASE + 2 * (int) c + 1);
          }
        posix_spawn_file_actions_addclosefrom_np (&actions, 4 + (rt.n_channels ? CHANNEL_FD_BASE - 4 + 2 * (int) rt.n_channels : 0));
        posix_spawnattr_init (&attr);
        sigemptyset (&empty);
        posix_spawnattr_setsigmask (&attr, &empty);
        posix_spawnattr_setflags (&attr, POSIX_SPAWN_SETSIGMASK);
        rc = posix_spawn (&pid, ctx->runner_path, &actions, &attr, argv, environ);
        posix_spawn_file_actions_destroy (&actions);
        posix_spawnattr_destroy (&attr);
        if (rc != 0)
          start_failed (k, "spawned process", rc, g_strerror (rc));
        ctx->pids[k] = pid;
      }
      break;

    case FL_N_MODES:
    default:
      g_assert_not_reached ();
    }
}

static void
join_worker (Ctx  *ctx,
             guint k)
{
  int status = 0;

  if (!ctx->started[k] || ctx->joined[k])
    return;
  ctx->joined[k] = TRUE;

  block_begin (FL_STATE_JOIN, FL_REASON_JOIN, k);
  if (ctx->plan->mode == FL_MODE_THREADS)
    g_thread_join (ctx->threads[k]);
  else
    while (waitpid (ctx->pids[k], &status, 0) < 0 && errno == EINTR)
      ;
  fl_trace_emit (FL_EV_JOIN, 0, (guint16) k, (guint64) (guint) status, 0);
  block_end (FL_REASON_JOIN);
}

static guint
eval_worker_arg (Ctx          *ctx,
                 const FlStep *step)
{
  double k = eval_number (ctx, step, "worker", 0);

  if (k < 1 || k > ctx->plan->n_workers || k != (guint) k)
    {
      char msg[128];
      g_snprintf (msg, sizeof msg, "%s: there is no worker %g (this run has %u)",
                  fl_step_kind_to_string (step->kind), k, ctx->plan->n_workers);
      fatal (ctx, step, msg);
    }
  return (guint) k;
}

static void run_steps (Ctx *ctx, GPtrArray *steps);

static void
run_step (Ctx          *ctx,
          const FlStep *step)
{
  guint k;

  switch (step->kind)
    {
    case FL_STEP_COMPUTE:
      step_compute (ctx, step);
      break;

    case FL_STEP_SLEEP:
      step_sleep (ctx, step);
      break;

    case FL_STEP_PRINT:
      step_print (ctx, step);
      break;

    case FL_STEP_IO:
      step_io (ctx, step);
      break;

    case FL_STEP_REPEAT:
      {
        double count = eval_number (ctx, step, "count", 0);
        const FlStepArg *as = fl_step_get_arg (step, "as");
        FlScriptVar var = { as ? as->text : "i", 0 };
        guint64 i;

        if (!(count >= 0 && count <= 1e9))
          fatal (ctx, step, "repeat: the count must be between 0 and 1000000000");
        g_array_append_val (ctx->scope.vars, var);
        for (i = 0; i < (guint64) count; i++)
          {
            g_array_index (ctx->scope.vars, FlScriptVar, ctx->scope.vars->len - 1).value = (double) i;
            run_steps (ctx, step->body);
          }
        g_array_set_size (ctx->scope.vars, ctx->scope.vars->len - 1);
      }
      break;

    case FL_STEP_START:
      fl_trace_state (FL_STATE_RUNNING, FL_REASON_START, 0);
      if (fl_step_get_arg (step, "worker"))
        start_worker (ctx, step, eval_worker_arg (ctx, step));
      else
        for (k = 1; k <= ctx->plan->n_workers; k++)
          start_worker (ctx, step, k);
      break;

    case FL_STEP_JOIN:
      if (fl_step_get_arg (step, "worker"))
        join_worker (ctx, eval_worker_arg (ctx, step));
      else
        for (k = 1; k <= ctx->plan->n_workers; k++)
          join_worker (ctx, k);
      break;

    case FL_STEP_JOIN_AFTER:
      {
        guint64 ns = seconds_to_ns (ctx, step, eval_number (ctx, step, "seconds", 0));
        guint64 now = fl_trace_now ();

        /* Late on purpose: a finished process stays a zombie meanwhile. */
        fl_trace_emit_at (now, FL_EV_STATE, FL_STATE_SLEEPING, FL_REASON_SLEEP, ns, 0);
        fl_gil_drop ();
        sleep_until (now + ns);
        block_end (FL_REASON_SLEEP);
        if (fl_step_get_arg (step, "worker"))
          join_worker (ctx, eval_worker_arg (ctx, step));
        else
          for (k = 1; k <= ctx->plan->n_workers; k++)
            join_worker (ctx, k);
      }
      break;

    case FL_STEP_ALLOC:
      step_alloc (ctx, step);
      break;

    case FL_STEP_TOUCH:
      step_touch (ctx, step);
      break;

    case FL_STEP_LOCK:
      take_mutex (find_lock (ctx, step));
      break;

    case FL_STEP_UNLOCK:
      pthread_mutex_unlock (find_lock (ctx, step));
      break;

    case FL_STEP_INCREMENT:
      step_increment (ctx, step);
      break;

    case FL_STEP_SET:
      {
        double value = eval_number (ctx, step, "value", 0);
        gint64 v = (gint64) value;

        /* Threads share it and may write at once, as Python threads may:
         * relaxed atomics keep that defined in C.  What this thread set
         * is what it records, not what another wrote since. */
        __atomic_store_n (&program_global, v, __ATOMIC_RELAXED);
        fl_trace_emit (FL_EV_RESULT, 0, FL_RESULT_GLOBAL_SET, (guint64) v, (guint64) getpid ());
      }
      break;

    case FL_STEP_GET:
      fl_trace_emit (FL_EV_RESULT, 0, FL_RESULT_GLOBAL_SEEN,
                     (guint64) __atomic_load_n (&program_global, __ATOMIC_RELAXED), (guint64) getpid ());
      break;

    case FL_STEP_SEND:
      step_send (ctx, step);
      break;

    case FL_STEP_RECEIVE:
      step_receive (ctx, step);
      break;

    case FL_STEP_CRASH:
      step_crash (ctx, step);
      break;

    case FL_STEP_EXIT:
      step_exit (ctx, step);
      break;

    case FL_STEP_OPEN:
      step_open (ctx, step);
      break;

    case FL_STEP_FDS:
      step_fds (ctx, step);
      break;

    case FL_N_STEP_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static void
run_steps (Ctx       *ctx,
           GPtrArray *steps)
{
  guint i;

  for (i = 0; steps && i < steps->len; i++)
    run_step (ctx, g_ptr_array_index (steps, i));
}

static guint64
thread_cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (guint64) ts.tv_sec * G_GUINT64_CONSTANT (1000000000) + (guint64) ts.tv_nsec;
}

/* A fatal signal in a worker is recorded by the thread it hit, then
 * delivered again with the default action: the truth, as it happens. */
static void
crash_handler (int signum)
{
  fl_trace_emit (FL_EV_CRASH, (guint8) signum, 0, 0, 0);
}

static void
install_crash_handlers (void)
{
  static const int signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
  struct sigaction sa;
  guint i;

  memset (&sa, 0, sizeof sa);
  sa.sa_handler = crash_handler;
  sa.sa_flags = SA_RESETHAND | SA_NODEFER;
  sigemptyset (&sa.sa_mask);
  for (i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &sa, NULL);
}

static void
emit_stack (void)
{
  pthread_attr_t attr;
  void *addr;
  size_t size;

  if (pthread_getattr_np (pthread_self (), &attr) == 0)
    {
      if (pthread_attr_getstack (&attr, &addr, &size) == 0)
        fl_trace_emit (FL_EV_STACK, 0, 0, (guint64) (guintptr) addr, size);
      pthread_attr_destroy (&attr);
    }
}

static void
report_worker_results (Ctx *ctx)
{
  if (ctx->io_requests)
    fl_trace_emit (FL_EV_RESULT, 0, FL_RESULT_IO_REQUESTS, ctx->io_requests, ctx->io_wait_ns);
  if (ctx->sent || ctx->received)
    fl_trace_emit (FL_EV_RESULT, 0, FL_RESULT_MESSAGES, ctx->sent, ctx->received);
  ctx->io_requests = ctx->sent = ctx->received = 0;
}

static int
run_worker (FlTrace  *trace,
            FlPlan   *plan,
            guint     worker,
            guint64   first_ts,
            gboolean  is_process)
{
  const FlWorkerTemplate *tmpl = fl_scenario_get_template_for_worker (plan->scenario, worker);
  Ctx ctx = { 0 };

  fl_trace_bind (trace, worker);
  fl_trace_emit_at (first_ts, FL_EV_WORKER_START, is_process ? 1 : 0, 0,
                    (guint64) getpid (), (guint64) gettid ());
  emit_stack ();
  fl_trace_state (FL_STATE_RUNNING, FL_REASON_STEP, 0);
  /* Like a Python thread, it needs the GIL to run at all. */
  fl_gil_take ();

  ctx.trace = trace;
  ctx.plan = plan;
  ctx.scope.worker = worker;
  ctx.scope.vars = g_array_new (FALSE, FALSE, sizeof (FlScriptVar));
  ctx.scope.n_workers = plan->n_workers;
  ctx.scope.pid = getpid ();
  ctx.scope.scenario = plan->scenario;
  ctx.scope.param_values = plan->param_values;
  ctx.rand = g_rand_new_with_seed (0x5eed0000u + worker);

  run_steps (&ctx, tmpl->steps);

  report_worker_results (&ctx);
  fl_trace_emit (FL_EV_EXIT, 0, 0, 0, thread_cpu_ns ());
  fl_gil_drop ();
  g_array_unref (ctx.scope.vars);
  g_rand_free (ctx.rand);
  if (io_fd >= 0)
    {
      close (io_fd);
      io_fd = -1;
    }
  return 0;
}

int
fl_interp_spawned_worker (FlTrace *trace,
                          FlPlan  *plan,
                          guint    worker,
                          guint64  first_ts)
{
  install_crash_handlers ();
  if (worker < 1 || worker > plan->n_workers)
    return 2;
  runtime_setup_spawned (trace, plan);
  fl_gil_init (plan->gil, plan->switch_interval_ms);
  return run_worker (trace, plan, worker, first_ts, TRUE);
}

int
fl_interp_main (FlTrace    *trace,
                FlPlan     *plan,
                guint64     first_ts,
                const char *runner_path)
{
  FlIoServer *server = NULL;
  Ctx ctx = { 0 };
  guint n = plan->n_workers;
  guint k;

  install_crash_handlers ();

  fl_trace_bind (trace, 0);
  fl_trace_emit_at (first_ts, FL_EV_RUN_START, 1, 0, (guint64) getpid (), (guint64) gettid ());
  emit_stack ();
  fl_trace_state (FL_STATE_RUNNING, FL_REASON_STEP, 0);
  fl_trace_get_header (trace)->main_pid = getpid ();

  runtime_setup_main (trace, plan);
  fl_gil_init (plan->gil, plan->switch_interval_ms);
  fl_gil_take ();

  if (plan->has_server)
    {
      g_autoptr(GError) error = NULL;

      if (!(server = fl_io_server_start (trace, fl_plan_server_lane (plan), &error)))
        {
          char msg[256];
          g_snprintf (msg, sizeof msg, "forkline-runner: %s", error->message);
          fl_trace_output (msg, -1);
          return 71;
        }
    }

  ctx.trace = trace;
  ctx.plan = plan;
  ctx.runner_path = runner_path;
  ctx.scope.worker = 0;
  ctx.scope.vars = g_array_new (FALSE, FALSE, sizeof (FlScriptVar));
  ctx.scope.n_workers = plan->n_workers;
  ctx.scope.pid = getpid ();
  ctx.scope.scenario = plan->scenario;
  ctx.scope.param_values = plan->param_values;
  ctx.rand = g_rand_new_with_seed (0x5eed0000u);
  ctx.threads = g_new0 (GThread *, n + 1);
  ctx.pids = g_new0 (GPid, n + 1);
  ctx.started = g_new0 (gboolean, n + 1);
  ctx.joined = g_new0 (gboolean, n + 1);

  run_steps (&ctx, fl_scenario_get_main_steps (plan->scenario));

  /* Like Python at exit: every started worker is waited for. */
  for (k = 1; k <= n; k++)
    join_worker (&ctx, k);

  if (server)
    fl_io_server_stop (server);

  if (fl_scenario_uses_step (plan->scenario, FL_STEP_INCREMENT))
    fl_trace_emit (FL_EV_RESULT, 0, FL_RESULT_COUNTER,
                   (guint64) (plan->mode == FL_MODE_THREADS ? rt.counter : rt.shared->counter), 0);
  report_worker_results (&ctx);
  fl_trace_emit (FL_EV_EXIT, 0, 0, 0, thread_cpu_ns ());
  fl_gil_drop ();

  g_array_unref (ctx.scope.vars);
  g_rand_free (ctx.rand);
  g_free (ctx.threads);
  g_free (ctx.pids);
  g_free (ctx.started);
  g_free (ctx.joined);
  return 0;
}
