/* test-sampler.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sampler watches threads and processes this test makes itself,
 * registered as lanes of a store by hand, so that what the kernel must
 * report is known.
 */

#define G_LOG_DOMAIN "test-sampler"

#include "config.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fl-sampler.h"

#define MS (G_GINT64_CONSTANT (1000000))

/* The allocators of AddressSanitizer and ThreadSanitizer map regions of
 * their own and never grow the brk heap: this process has no [heap] then. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
# define HAS_BRK_HEAP 0
#elif defined(__has_feature)
# if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#  define HAS_BRK_HEAP 0
# endif
#endif
#ifndef HAS_BRK_HEAP
# define HAS_BRK_HEAP 1
#endif
#define MB_KB 1024

typedef struct
{
  gboolean busy;
  int      pin_cpu;   /* -1: anywhere */
  gint     stop;
  gint     tid;
  guint64  stack_base;  /* as the runner reports it (FL_EV_STACK) */
  guint64  stack_size;
  GMutex   mutex;
  GCond    cond;
  GThread *thread;
} Worker;


static gpointer
worker_main (gpointer data)
{
  Worker *w = data;

  if (w->pin_cpu >= 0)
    {
      cpu_set_t set;

      CPU_ZERO (&set);
      CPU_SET (w->pin_cpu, &set);
      g_assert_cmpint (pthread_setaffinity_np (pthread_self (), sizeof set, &set), ==, 0);
    }
  if (!w->busy)
    /* A name that fools a parser reading /proc/…/stat up to the first ')'. */
    prctl (PR_SET_NAME, "t) R 1 (x)", 0, 0, 0);

  {
    pthread_attr_t attr;
    void *addr;
    size_t size;

    g_assert_cmpint (pthread_getattr_np (pthread_self (), &attr), ==, 0);
    g_assert_cmpint (pthread_attr_getstack (&attr, &addr, &size), ==, 0);
    pthread_attr_destroy (&attr);
    w->stack_base = (guint64) (guintptr) addr;
    w->stack_size = size;
  }
  g_atomic_int_set (&w->tid, gettid ());

  if (w->busy)
    {
      /* Each busy thread spins on a counter of its own: two threads
       * incrementing one global would be a data race. */
      volatile guint64 spins = 0;

      while (!g_atomic_int_get (&w->stop))
        spins++;
    }
  else
    {
      g_mutex_lock (&w->mutex);
      while (!g_atomic_int_get (&w->stop))
        g_cond_wait (&w->cond, &w->mutex);
      g_mutex_unlock (&w->mutex);
    }
  return NULL;
}

static void
worker_start (Worker   *w,
              gboolean  busy,
              int       pin_cpu)
{
  memset (w, 0, sizeof *w);
  w->busy = busy;
  w->pin_cpu = pin_cpu;
  g_mutex_init (&w->mutex);
  g_cond_init (&w->cond);
  w->thread = g_thread_new ("test-worker", worker_main, w);
  while (g_atomic_int_get (&w->tid) == 0)
    g_usleep (500);
}

static void
worker_stop (Worker *w)
{
  g_mutex_lock (&w->mutex);
  g_atomic_int_set (&w->stop, 1);
  g_cond_signal (&w->cond);
  g_mutex_unlock (&w->mutex);
  g_thread_join (w->thread);
  g_mutex_clear (&w->mutex);
  g_cond_clear (&w->cond);
}

static gint64
store_now (FlStore *store)
{
  return (gint64) fl_trace_now () - fl_store_get_t0 (store);
}

/* What the drain thread would record when a worker starts. */
static guint
add_lane (FlStore    *store,
          FlLaneKind  kind,
          gboolean    is_process,
          const char *name,
          int         pid,
          int         tid)
{
  guint lane = fl_store_add_lane (store, kind, is_process, name, NULL);
  FlLaneInfo *info;

  fl_store_lock (store);
  info = fl_store_get_lane_info_mut (store, lane);
  info->pid = pid;
  info->tid = tid;
  info->start_t = store_now (store);
  fl_store_unlock (store);
  return lane;
}

static guint
count_state (const FlLaneSample *samples,
             gsize               n,
             char                state)
{
  guint count = 0;
  gsize i;

  for (i = 0; i < n; i++)
    count += samples[i].kstate == state;
  return count;
}

/* @lane: a stack's thread, or -1 for the other kinds */
static const FlRegion *
find_region (const FlMemorySample *sample,
             FlRegionKind          kind,
             int                   lane)
{
  guint i;

  for (i = 0; sample->regions && i < sample->regions->len; i++)
    {
      const FlRegion *r = g_ptr_array_index (sample->regions, i);

      if (r->kind == kind && r->lane == lane)
        return r;
    }
  return NULL;
}

static gpointer
return_tid (gpointer data)
{
  return GINT_TO_POINTER (gettid ());
}

static void
test_threads (void)
{
  g_autoptr(FlStore) store = fl_store_new ((gint64) fl_trace_now ());
  Worker busy[2], sleeper;
  guint busy_lane[2], sleeper_lane, gone_lane, main_lane;
  const FlMemorySample *memory;
  FlSampler *sampler;
  double busy_sum = 0;
  guint n_cores, c, i;
  int gone_tid;

  main_lane = add_lane (store, FL_LANE_MAIN, TRUE, "main", getpid (), gettid ());
  for (i = 0; i < 2; i++)
    {
      worker_start (&busy[i], TRUE, -1);
      busy_lane[i] = add_lane (store, FL_LANE_WORKER, FALSE, "busy", getpid (), busy[i].tid);
    }
  /* The first spinner told its stack, as the runner's threads do; a
   * running thread's stack pointer cannot be read. */
  fl_store_lock (store);
  fl_store_get_lane_info_mut (store, busy_lane[0])->stack_base = busy[0].stack_base;
  fl_store_get_lane_info_mut (store, busy_lane[0])->stack_size = busy[0].stack_size;
  fl_store_unlock (store);
  worker_start (&sleeper, FALSE, -1);
  sleeper_lane = add_lane (store, FL_LANE_WORKER, FALSE, "sleeper", getpid (), sleeper.tid);

  /* A worker already joined: its tid may belong to another thread by now. */
  gone_tid = GPOINTER_TO_INT (g_thread_join (g_thread_new ("gone", return_tid, NULL)));
  gone_lane = add_lane (store, FL_LANE_WORKER, FALSE, "gone", getpid (), gone_tid);
  fl_store_lock (store);
  fl_store_get_lane_info_mut (store, gone_lane)->exit_t = store_now (store);
  fl_store_get_lane_info_mut (store, gone_lane)->join_t = store_now (store);
  fl_store_unlock (store);

  sampler = fl_sampler_new (store, FL_SAMPLER_DEFAULT_HZ, FL_SAMPLER_MEMORY_HZ);
  g_assert_true (fl_sampler_start (sampler, NULL));
  g_usleep (300 * 1000);
  fl_sampler_stop (sampler);

  for (i = 0; i < 2; i++)
    worker_stop (&busy[i]);
  worker_stop (&sleeper);

  n_cores = fl_store_get_n_cores (store);
  g_assert_cmpuint (n_cores, >=, 1);

  for (i = 0; i < fl_store_get_n_lanes (store); i++)
    {
      gsize n, k;
      const FlLaneSample *s = fl_store_get_lane_samples (store, i, &n);

      if (i == gone_lane)
        {
          g_assert_cmpuint (n, ==, 0);
          continue;
        }
      /* 100 Hz over 300 ms; a loaded machine may miss some ticks. */
      g_assert_cmpuint (n, >=, 5);
      for (k = 0; k < n; k++)
        {
          g_assert_cmpuint (s[k].cpu, <, n_cores);
          g_assert_true (k == 0 || s[k].t > s[k - 1].t);
          g_assert_true (k == 0 || s[k].cpu_ns >= s[k - 1].cpu_ns);
          if (fl_sampler_has_schedstat (sampler))
            g_assert_cmpint (s[k].wait_ns, >=, 0);
          else
            g_assert_cmpint (s[k].wait_ns, ==, -1);
        }
    }

  for (i = 0; i < 2; i++)
    {
      gsize n;
      const FlLaneSample *s = fl_store_get_lane_samples (store, busy_lane[i], &n);
      gint64 elapsed = s[n - 1].t - s[0].t;

      /* A spinning thread always wants a core: it is on one or waiting
       * for one.  How much it gets depends on what else the machine
       * runs, so only a share that any fair scheduler gives is asked.
       * A sample's time is taken once per tick, and a loaded machine may
       * delay the reads after it by tens of milliseconds: on or waiting
       * for a core covers at least half the time between two samples
       * (on an idle machine, 98% or more). */
      g_assert_cmpint (s[n - 1].cpu_ns - s[0].cpu_ns, >=, elapsed / 20);
      if (fl_sampler_has_schedstat (sampler))
        g_assert_cmpint (s[n - 1].cpu_ns - s[0].cpu_ns + s[n - 1].wait_ns - s[0].wait_ns, >=,
                         elapsed / 2);
      g_assert_cmpuint (count_state (s, n, 'R'), >=, n * 8 / 10);
    }
  {
    gsize n;
    const FlLaneSample *s = fl_store_get_lane_samples (store, sleeper_lane, &n);

    g_assert_cmpint (s[n - 1].cpu_ns - s[0].cpu_ns, <=, 5 * MS);
    g_assert_cmpuint (count_state (s, n, 'S'), ==, n);
  }

  /* Per core: within 0..1, and the two spinning threads show. */
  for (c = 0; c < n_cores; c++)
    {
      gsize n, k;
      const FlCoreSample *s = fl_store_get_core_samples (store, c, &n);
      double sum = 0;

      g_assert_cmpuint (n, >=, 1);
      for (k = 0; k < n; k++)
        {
          g_assert_cmpfloat (s[k].busy, >=, 0.0);
          g_assert_cmpfloat (s[k].busy, <=, 1.0);
          /* Windows of 100 ms at least: none before that. */
          g_assert_cmpint (s[k].t, >=, 100 * MS);
          sum += s[k].busy;
        }
      busy_sum += sum / n;
    }
  g_assert_cmpfloat (busy_sum, >=, 0.6);

  /* The process's memory, with its code, heap, globals and stacks. */
  g_assert_cmpuint (fl_store_get_n_memory_samples (store), >=, 2);
  memory = fl_store_get_latest_memory (store, main_lane);
  g_assert_nonnull (memory);
  g_assert_cmpint (memory->pid, ==, getpid ());
  g_assert_cmpuint (memory->rss_kb, >, 0);
  g_assert_cmpuint (memory->pss_kb, >, 0);
  g_assert_cmpuint (memory->rss_kb, >=, memory->private_dirty_kb);
  g_assert_nonnull (memory->regions);
  g_assert_nonnull (find_region (memory, FL_REGION_CODE, -1));
  g_assert_nonnull (find_region (memory, FL_REGION_GLOBALS, -1));
  if (HAS_BRK_HEAP)
    g_assert_nonnull (find_region (memory, FL_REGION_HEAP, -1));
  g_assert_nonnull (find_region (memory, FL_REGION_OTHER, -1));
  g_assert_nonnull (find_region (memory, FL_REGION_STACK, (int) main_lane));
  /* Blocked in a system call, the sleeper's stack pointer is readable. */
  g_assert_nonnull (find_region (memory, FL_REGION_STACK, (int) sleeper_lane));
  g_assert_nonnull (find_region (memory, FL_REGION_STACK, (int) busy_lane[0]));
  {
    const FlRegion *stack = find_region (memory, FL_REGION_STACK, (int) busy_lane[0]);

    g_assert_cmpuint (stack->start, <=, busy[0].stack_base);
    g_assert_cmpuint (stack->end, >=, busy[0].stack_base + busy[0].stack_size);
  }
  for (i = 0; i < memory->regions->len; i++)
    {
      const FlRegion *r = g_ptr_array_index (memory->regions, i);

      g_assert_cmpuint (r->start, <, r->end);
      g_assert_nonnull (r->label);
      g_assert_true (i == 0 || r->start >= ((FlRegion *) g_ptr_array_index (memory->regions, i - 1))->end);
      g_assert_true (r->kind == FL_REGION_STACK || r->lane == -1);
    }

  fl_sampler_free (sampler);
}

#define COW_SIZE (64 << 20)

static void
test_copy_on_write (void)
{
  g_autoptr(FlStore) store = fl_store_new ((gint64) fl_trace_now ());
  g_autofree char *buffer = g_malloc (COW_SIZE);
  FlMemorySample before, after;
  const FlMemorySample *m;
  const FlLaneSample *s;
  FlSampler *sampler;
  int go[2], ack[2];
  guint child_lane;
  siginfo_t info;
  gsize n, n_before;
  char byte = 0;
  pid_t pid;

  /* Written, so that each page is really there before the fork. */
  memset (buffer, 1, COW_SIZE);
  g_assert_no_errno (pipe (go));
  g_assert_no_errno (pipe (ack));

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      /* Only async-signal-safe calls in here. */
      if (read (go[0], &byte, 1) != 1)
        _exit (1);
      memset (buffer, 2, COW_SIZE / 2);
      if (write (ack[1], &byte, 1) != 1)
        _exit (1);
      for (;;)
        pause ();
    }
  close (go[0]);
  close (ack[1]);

  add_lane (store, FL_LANE_MAIN, TRUE, "main", getpid (), gettid ());
  child_lane = add_lane (store, FL_LANE_WORKER, TRUE, "child", pid, pid);
  sampler = fl_sampler_new (store, FL_SAMPLER_DEFAULT_HZ, FL_SAMPLER_MEMORY_HZ);

  fl_sampler_tick (sampler, TRUE);
  m = fl_store_get_latest_memory (store, child_lane);
  g_assert_nonnull (m);
  g_assert_cmpint (m->pid, ==, pid);
  before = *m;

  g_assert_cmpint (write (go[1], &byte, 1), ==, 1);
  g_assert_cmpint (read (ack[0], &byte, 1), ==, 1);

  fl_sampler_tick (sampler, TRUE);
  after = *fl_store_get_latest_memory (store, child_lane);
  g_test_message ("child before: shared %" G_GUINT64_FORMAT " kB, private dirty %" G_GUINT64_FORMAT " kB; "
                  "after: shared %" G_GUINT64_FORMAT " kB, private dirty %" G_GUINT64_FORMAT " kB",
                  before.shared_clean_kb + before.shared_dirty_kb, before.private_dirty_kb,
                  after.shared_clean_kb + after.shared_dirty_kb, after.private_dirty_kb);

  /* Right after the fork the 64 MB are the parent's pages, shared... */
  g_assert_cmpuint (before.shared_clean_kb + before.shared_dirty_kb, >=, 48 * MB_KB);
  /* ...until the child writes half of them and gets copies of its own. */
  g_assert_cmpuint (after.private_dirty_kb, >=, before.private_dirty_kb + 24 * MB_KB);
  g_assert_cmpuint (after.shared_clean_kb + after.shared_dirty_kb + 24 * MB_KB, <=,
                    before.shared_clean_kb + before.shared_dirty_kb);
  g_assert_cmpuint (after.rss_kb, >=, 64 * MB_KB);

  /* Dead and not reaped: a zombie, still sampled, without memory. */
  g_assert_no_errno (kill (pid, SIGKILL));
  g_assert_no_errno (waitid (P_PID, pid, &info, WEXITED | WNOWAIT));
  fl_store_lock (store);
  fl_store_get_lane_info_mut (store, child_lane)->exit_t = store_now (store);
  fl_store_unlock (store);
  fl_sampler_tick (sampler, TRUE);
  s = fl_store_get_lane_samples (store, child_lane, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (s[n - 1].kstate, ==, 'Z');
  g_assert_true (fl_store_get_latest_memory (store, child_lane)->t == after.t);

  /* Reaped: its pid may be reused, so no more samples. */
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
  fl_store_lock (store);
  fl_store_get_lane_info_mut (store, child_lane)->join_t = store_now (store);
  fl_store_unlock (store);
  n_before = n;
  fl_sampler_tick (sampler, TRUE);
  fl_store_get_lane_samples (store, child_lane, &n);
  g_assert_cmpuint (n, ==, n_before);

  close (go[1]);
  close (ack[0]);
  fl_sampler_free (sampler);
}

/* @data: TRUE to do without schedstat, as on kernels where it reads zeros. */
static void
test_oversubscribed (gconstpointer data)
{
  gboolean without_schedstat = GPOINTER_TO_INT (data);
  g_autoptr(FlStore) store = fl_store_new ((gint64) fl_trace_now ());
  Worker workers[4];
  guint lanes[4];
  FlSampler *sampler;
  cpu_set_t allowed;
  gint64 cpu_sum = 0, elapsed_max = 0;
  int cpu;
  guint i;

  /* The first core this test may use (it may run under taskset). */
  g_assert_no_errno (sched_getaffinity (0, sizeof allowed, &allowed));
  for (cpu = 0; !CPU_ISSET (cpu, &allowed); cpu++)
    ;

  add_lane (store, FL_LANE_MAIN, TRUE, "main", getpid (), gettid ());
  for (i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      worker_start (&workers[i], TRUE, cpu);
      lanes[i] = add_lane (store, FL_LANE_WORKER, FALSE, "spinner", getpid (), workers[i].tid);
    }

  sampler = fl_sampler_new (store, FL_SAMPLER_DEFAULT_HZ, FL_SAMPLER_MEMORY_HZ);
  if (without_schedstat)
    fl_sampler_ignore_schedstat (sampler);
  g_assert_true (fl_sampler_start (sampler, NULL));
  g_usleep (400 * 1000);
  fl_sampler_stop (sampler);
  for (i = 0; i < G_N_ELEMENTS (workers); i++)
    worker_stop (&workers[i]);

  g_test_message ("schedstat: %s", fl_sampler_has_schedstat (sampler) ? "yes" : "no");
  for (i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      gsize n, k;
      const FlLaneSample *s = fl_store_get_lane_samples (store, lanes[i], &n);
      gint64 elapsed, wait;

      g_assert_cmpuint (n, >=, 10);
      elapsed = s[n - 1].t - s[0].t;
      wait = fl_sampler_estimate_wait_ns (s, n);
      g_test_message ("spinner %u: %" G_GINT64_FORMAT " ms CPU, %" G_GINT64_FORMAT " ms waiting, of %"
                      G_GINT64_FORMAT " ms", i, (s[n - 1].cpu_ns - s[0].cpu_ns) / MS, wait / MS, elapsed / MS);

      /* Four threads wanting one core: each waits about three quarters of the time. */
      g_assert_cmpint (wait, >, elapsed * 4 / 10);
      g_assert_cmpuint (count_state (s, n, 'R'), ==, n);
      for (k = 0; k < n; k++)
        {
          g_assert_cmpuint (s[k].cpu, ==, cpu);
          if (without_schedstat)
            g_assert_cmpint (s[k].wait_ns, ==, -1);
        }
      cpu_sum += s[n - 1].cpu_ns - s[0].cpu_ns;
      elapsed_max = MAX (elapsed_max, elapsed);
    }
  /* Together they had one core, no more (plus a tick of slack per thread). */
  g_assert_cmpint (cpu_sum, <=, elapsed_max + 4 * 10 * MS);

  fl_sampler_free (sampler);
}

static void
test_estimate (void)
{
  static const int cpu_ms[12] = { 0, 0, 0, 0, 10, 10, 10, 10, 20, 20, 30, 30 };
  FlLaneSample s[12];
  guint i;

  /* Without schedstat: R for 100 ms with 30 ms of CPU in 10 ms ticks,
   * then asleep 10 ms, which is no wait. */
  for (i = 0; i < G_N_ELEMENTS (s); i++)
    {
      memset (&s[i], 0, sizeof s[i]);
      s[i].t = i * 10 * MS;
      s[i].cpu_ns = cpu_ms[i] * MS;
      s[i].wait_ns = -1;
      s[i].kstate = i < 11 ? 'R' : 'S';
    }
  g_assert_cmpint (fl_sampler_estimate_wait_ns (s, G_N_ELEMENTS (s)), ==, 70 * MS);
  g_assert_cmpint (fl_sampler_estimate_wait_ns (s, 1), ==, 0);

  /* With it, the kernel's own count. */
  for (i = 0; i < G_N_ELEMENTS (s); i++)
    s[i].wait_ns = 1000 + i * 3 * MS;
  g_assert_cmpint (fl_sampler_estimate_wait_ns (s, G_N_ELEMENTS (s)), ==, 33 * MS);

  g_assert_nonnull (strstr (fl_sampler_describe_smoothing (), "100 ms"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/sampler/threads", test_threads);
  g_test_add_func ("/engine/sampler/copy-on-write", test_copy_on_write);
  g_test_add_data_func ("/engine/sampler/oversubscribed", GINT_TO_POINTER (FALSE), test_oversubscribed);
  g_test_add_data_func ("/engine/sampler/oversubscribed-no-schedstat", GINT_TO_POINTER (TRUE),
                        test_oversubscribed);
  g_test_add_func ("/engine/sampler/estimate", test_estimate);

  return g_test_run ();
}
