/* fl-sampler.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-sampler"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "fl-sampler.h"
#include "fl-syscall-state.h"

/* /proc/stat counts in USER_HZ (100 Hz) ticks, so the busy share of a
 * core over one 10 ms tick is 0 or 1 and nothing in between.  Every tick
 * reports the share over the last WINDOW_NS at least, ending now. */
#define WINDOW_NS        G_GINT64_CONSTANT (100000000)
/* Past /proc/stat readings kept to find a window's start; spaced by at
 * least HISTORY_SPACING_NS so that they always cover more than a window. */
#define HISTORY_LEN        32
#define HISTORY_SPACING_NS (WINDOW_NS / 20)

/* glibc's non-main malloc arenas: reservations of this size, aligned to it. */
#define ARENA_SIZE       (G_GUINT64_CONSTANT (64) << 20)

typedef enum
{
  SCHEDSTAT_UNKNOWN,
  SCHEDSTAT_YES,
  SCHEDSTAT_NO,
} SchedstatSupport;

typedef struct
{
  int          pid;
  int          tid;
  int          stat_fd;      /* -1 when not open */
  int          sched_fd;
  int          pid_fd;       /* a process lane's pidfd, readable once it died; -1 if none */
  guint        live : 1;     /* to be sampled this tick */
  guint        done : 1;     /* over: never opened again, its tid may be reused */
  guint        is_process : 1;
  guint        zombie : 1;
  guint        have_sample : 1;
  guint        primed : 1;       /* a previous tick read it: its sample holds that reading */
  guint        death_seen : 1;   /* its pidfd said it died */
  guint        syscall_tried : 1;/* classification: its syscall file was opened, or refused */
  int          syscall_fd;   /* classification: /proc/PID/task/TID/syscall, -1 if not open */
  guint8       state;        /* classification: the state last recorded, FL_STATE_NONE if none */
  guint8       new_state;    /* this tick's, to record when it differs */
  guint8       new_reason;
  guint64      stack_addr;   /* an address inside its stack; 0 if not known */
  FlLaneSample sample;
} LaneState;

typedef struct
{
  guint64      start;
  guint64      end;
  guint64      inode;
  const char  *path;         /* into the maps buffer; NULL if anonymous */
  char         perms[4];
  FlRegionKind kind;
  int          lane;
} MapEntry;

struct _FlSampler
{
  FlStore          *store;
  gint64            t0;
  double            rate_hz;
  double            memory_rate_hz;
  gint64            ns_per_clock_tick;

  /* the sampling thread */
  GThread          *thread;
  GMutex            mutex;
  GCond             cond;
  gboolean          stopping;
  gboolean          stopped;

  /* everything below belongs to whoever holds tick_mutex */
  GMutex            tick_mutex;
  SchedstatSupport  schedstat;

  int               stat_fd;     /* /proc/stat */
  char             *stat_buf;
  gsize             stat_buf_size;
  guint             n_cores;
  guint64          *cur_idle;    /* n_cores */
  guint64          *cur_total;
  gboolean         *cur_seen;
  float            *busy;
  gboolean         *have_busy;
  gint64            hist_t[HISTORY_LEN];
  guint64          *hist_idle;   /* HISTORY_LEN × n_cores */
  guint64          *hist_total;
  guint             hist_head;   /* next slot */
  guint             hist_len;
  gboolean          cores_announced;

  GArray           *lanes;       /* of LaneState, by lane index */

  char             *maps_buf;
  gsize             maps_buf_size;

  /* observed programs: each thread's state from its system call */
  gboolean          classify;
  GHashTable       *gil_ranges;  /* pid → FlGilRange* */
  GHashTable       *lane_hints;  /* lane → FlState a futex wait of it is (JOIN in Thread.join) */
  char             *refused;     /* why a syscall file could not be read, the first time */
};

static inline gint64
now_ns (void)
{
  return (gint64) fl_trace_now ();
}

static void
region_free (gpointer data)
{
  FlRegion *region = data;

  g_free (region->label);
  g_free (region);
}

/* Parsing: by hand, on bytes read into a buffer; no allocation. */

static inline gboolean
parse_dec (const char **pp,
           const char  *end,
           guint64     *value)
{
  const char *p = *pp;
  guint64 v = 0;

  if (p >= end || *p < '0' || *p > '9')
    return FALSE;
  while (p < end && *p >= '0' && *p <= '9')
    v = v * 10 + (guint64) (*p++ - '0');
  *pp = p;
  *value = v;
  return TRUE;
}

static inline const char *
skip_spaces (const char *p,
             const char *end)
{
  while (p < end && *p == ' ')
    p++;
  return p;
}

/* Moves past @n single-space separators (/proc/PID/stat's fields).
 * Eight bytes at a time, counting the spaces in each word: a byte by
 * byte loop was a tenth of a tick with 64 threads. */
static inline const char *
skip_fields (const char *p,
             const char *end,
             guint       n)
{
  const guint64 ones7 = G_GUINT64_CONSTANT (0x7f7f7f7f7f7f7f7f);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);

  while (n > 0 && end - p >= 8)
    {
      guint64 word, x, spaces;
      guint count;

      memcpy (&word, p, 8);
      x = word ^ G_GUINT64_CONSTANT (0x2020202020202020);     /* spaces become 0 */
      spaces = ~(((x & ones7) + ones7) | x) & highs;          /* exact zero-byte test */
      count = (guint) (((spaces >> 7) * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56);
      if (count >= n)
        break;
      n -= count;
      p += 8;
    }
  while (n > 0 && p < end)
    if (*p++ == ' ')
      n--;
  return p;
}

static inline const char *
next_line (const char *p,
           const char *end)
{
  const char *nl = memchr (p, '\n', end - p);

  return nl ? nl + 1 : end;
}

/* /proc/PID/task/TID/stat: "pid (comm) S ppid …".  comm may hold spaces
 * and parentheses, so the fields are counted from the last ')'. */
static gboolean
parse_task_stat (const char *buf,
                 gsize       len,
                 char       *state,
                 guint64    *ticks,
                 guint      *processor)
{
  const char *end = buf + len;
  const char *p = memrchr (buf, ')', len);
  guint64 utime, stime, cpu;

  if (p == NULL || end - p < 4)
    return FALSE;
  p += 2;                              /* field 3, the state */
  *state = *p;
  p = skip_fields (p, end, 14 - 3);
  if (!parse_dec (&p, end, &utime) || p >= end || *p++ != ' ' ||
      !parse_dec (&p, end, &stime))
    return FALSE;
  p = skip_fields (p, end, 39 - 15);
  if (!parse_dec (&p, end, &cpu))
    return FALSE;
  *ticks = utime + stime;
  *processor = (guint) cpu;
  return TRUE;
}

/* /proc/PID/task/TID/schedstat: "on-cpu-ns run-queue-wait-ns timeslices". */
static gboolean
parse_schedstat (const char *buf,
                 gsize       len,
                 guint64    *on_cpu,
                 guint64    *wait)
{
  const char *p = buf, *end = buf + len;

  return parse_dec (&p, end, on_cpu) &&
         (p = skip_spaces (p, end), parse_dec (&p, end, wait));
}

/* Per core */

/* Reads the cpuN lines of /proc/stat into cur_*; returns how many cores
 * the file lists (their highest index + 1), 0 on failure. */
static guint
read_proc_stat (FlSampler *self)
{
  for (;;)
    {
      const char *p, *end;
      ssize_t n;
      guint max_index = 0;
      gboolean complete = FALSE;

      n = pread (self->stat_fd, self->stat_buf, self->stat_buf_size, 0);
      if (n <= 0)
        return 0;
      p = self->stat_buf;
      end = p + n;

      if (self->cur_seen)
        memset (self->cur_seen, 0, self->n_cores * sizeof (gboolean));

      while (p < end)
        {
          const char *line_end = memchr (p, '\n', end - p);
          guint64 index, v[8];
          guint k;

          if (line_end == NULL)
            break;                     /* cut short: the buffer is too small */
          if (end - p < 4 || memcmp (p, "cpu", 3) != 0)
            {
              complete = TRUE;         /* the cpu lines come first */
              break;
            }
          p += 3;
          if (*p == ' ')
            {
              p = line_end + 1;        /* the aggregate line */
              continue;
            }
          if (!parse_dec (&p, line_end, &index))
            return 0;
          /* user nice system idle iowait irq softirq steal; guest and
           * guest_nice are already counted in user and nice */
          for (k = 0; k < G_N_ELEMENTS (v); k++)
            {
              p = skip_spaces (p, line_end);
              if (!parse_dec (&p, line_end, &v[k]))
                v[k] = 0;
            }
          max_index = MAX (max_index, (guint) index + 1);
          if (index < self->n_cores)
            {
              self->cur_idle[index] = v[3] + v[4];
              self->cur_total[index] = v[0] + v[1] + v[2] + v[3] + v[4] + v[5] + v[6] + v[7];
              self->cur_seen[index] = TRUE;
            }
          p = line_end + 1;
        }

      if (complete || (gsize) n < self->stat_buf_size)
        return max_index;

      /* Rare: more cores than the buffer holds.  Grow it and read again. */
      self->stat_buf_size *= 2;
      self->stat_buf = g_realloc (self->stat_buf, self->stat_buf_size);
    }
}

static void
init_cores (FlSampler *self)
{
  guint n_cores;

  self->stat_buf_size = 16384;
  self->stat_buf = g_malloc (self->stat_buf_size);
  self->stat_fd = open ("/proc/stat", O_RDONLY | O_CLOEXEC);
  if (self->stat_fd < 0)
    {
      g_debug ("Cannot open /proc/stat: %s", g_strerror (errno));
      return;
    }

  n_cores = read_proc_stat (self);
  if (n_cores == 0)
    return;
  self->n_cores = n_cores;
  self->cur_idle = g_new0 (guint64, n_cores);
  self->cur_total = g_new0 (guint64, n_cores);
  self->cur_seen = g_new0 (gboolean, n_cores);
  self->busy = g_new0 (float, n_cores);
  self->have_busy = g_new0 (gboolean, n_cores);
  self->hist_idle = g_new0 (guint64, HISTORY_LEN * n_cores);
  self->hist_total = g_new0 (guint64, HISTORY_LEN * n_cores);
}

/* Reads /proc/stat and computes the busy share of each core over the
 * newest window of at least WINDOW_NS; FALSE while there is none yet. */
static gboolean
sample_cores (FlSampler *self,
              gint64     t)
{
  gboolean any = FALSE;
  guint start_slot = G_MAXUINT;
  guint c, i;

  if (self->n_cores == 0 || read_proc_stat (self) == 0)
    return FALSE;

  /* The newest past reading at least a window old starts the window. */
  for (i = 1; i <= self->hist_len; i++)
    {
      guint slot = (self->hist_head + HISTORY_LEN - i) % HISTORY_LEN;

      if (t - self->hist_t[slot] >= WINDOW_NS)
        {
          start_slot = slot;
          break;
        }
    }

  for (c = 0; c < self->n_cores; c++)
    {
      guint64 d_total, d_idle;

      self->have_busy[c] = FALSE;
      if (start_slot == G_MAXUINT || !self->cur_seen[c])
        continue;
      d_total = self->cur_total[c] - self->hist_total[start_slot * self->n_cores + c];
      d_idle = self->cur_idle[c] - self->hist_idle[start_slot * self->n_cores + c];
      /* A core that was offline, or counters that went back (hotplug). */
      if (self->cur_total[c] < self->hist_total[start_slot * self->n_cores + c] ||
          self->cur_idle[c] < self->hist_idle[start_slot * self->n_cores + c] ||
          d_total == 0)
        continue;
      self->busy[c] = (float) CLAMP (1.0 - (double) d_idle / (double) d_total, 0.0, 1.0);
      self->have_busy[c] = TRUE;
      any = TRUE;
    }

  if (self->hist_len == 0 ||
      t - self->hist_t[(self->hist_head + HISTORY_LEN - 1) % HISTORY_LEN] >= HISTORY_SPACING_NS)
    {
      guint slot = self->hist_head;

      self->hist_t[slot] = t;
      for (c = 0; c < self->n_cores; c++)
        {
          self->hist_idle[slot * self->n_cores + c] = self->cur_idle[c];
          self->hist_total[slot * self->n_cores + c] = self->cur_total[c];
        }
      self->hist_head = (self->hist_head + 1) % HISTORY_LEN;
      self->hist_len = MIN (self->hist_len + 1, HISTORY_LEN);
    }

  return any;
}

/* Per thread */

static void
lane_close (LaneState *ls)
{
  if (ls->stat_fd >= 0)
    close (ls->stat_fd);
  if (ls->sched_fd >= 0)
    close (ls->sched_fd);
  if (ls->pid_fd >= 0)
    close (ls->pid_fd);
  if (ls->syscall_fd >= 0)
    close (ls->syscall_fd);
  ls->stat_fd = ls->sched_fd = ls->pid_fd = ls->syscall_fd = -1;
}

static int
open_task_file (int         pid,
                int         tid,
                const char *name)
{
  char path[64];

  g_snprintf (path, sizeof path, "/proc/%d/task/%d/%s", pid, tid, name);
  return open (path, O_RDONLY | O_CLOEXEC);
}

/* Opens a thread's files on first sight; FALSE if they could not be
 * opened, with @gone TRUE if the thread no longer exists (else, out of
 * descriptors say, it is tried again next tick). */
static gboolean
lane_open (FlSampler *self,
           LaneState *ls,
           gboolean  *gone)
{
  ls->stat_fd = open_task_file (ls->pid, ls->tid, "stat");
  if (ls->stat_fd < 0)
    {
      *gone = errno == ENOENT || errno == ESRCH;
      if (!*gone)
        g_debug ("Cannot open the stat of thread %d: %s", ls->tid, g_strerror (errno));
      return FALSE;
    }
  if (self->schedstat != SCHEDSTAT_NO)
    {
      ls->sched_fd = open_task_file (ls->pid, ls->tid, "schedstat");
      /* A kernel built without it (CONFIG_SCHED_INFO=n). */
      if (ls->sched_fd < 0 && errno == ENOENT && self->schedstat == SCHEDSTAT_UNKNOWN)
        self->schedstat = SCHEDSTAT_NO;
    }
#ifdef SYS_pidfd_open
  /* A process's death, even one it cannot record (SIGKILL from outside),
   * is seen at the next tick; without a pidfd, at its parent's wait. */
  if (ls->is_process && ls->tid == ls->pid)
    ls->pid_fd = (int) syscall (SYS_pidfd_open, ls->pid, 0);
#endif
  return TRUE;
}

/* The wait status of a dead, unreaped process (field 52 of its stat);
 * FALSE if it is gone or the kernel does not say. */
static gboolean
read_exit_status (int  pid,
                  int *status)
{
  char path[64];
  char buf[1024];
  const char *p;
  ssize_t n;
  guint field;
  int fd;

  g_snprintf (path, sizeof path, "/proc/%d/stat", pid);
  if ((fd = open (path, O_RDONLY | O_CLOEXEC)) < 0)
    return FALSE;
  n = read (fd, buf, sizeof buf - 1);
  close (fd);
  if (n <= 0)
    return FALSE;
  buf[n] = '\0';
  if (!(p = strrchr (buf, ')')))
    return FALSE;
  /* Fields from the state on: the state is field 3, the exit code 52. */
  for (field = 2; field < 52 && p != NULL; field++)
    p = strchr (p + 1, ' ');
  if (p == NULL || !g_ascii_isdigit (p[1]))
    return FALSE;
  *status = (int) g_ascii_strtoll (p + 1, NULL, 10);
  return TRUE;
}

/* Process lanes that died since the last tick without recording it: their
 * wait status, noted in the store at the time the death was seen — the
 * latest it can have happened, never before it (the tick's own time, taken
 * before its reads, could be). */
static void
find_deaths (FlSampler *self)
{
  g_autofree struct pollfd *fds = g_new (struct pollfd, self->lanes->len + 1);
  g_autofree guint *lanes = g_new (guint, self->lanes->len + 1);
  nfds_t n = 0, j;
  gint64 seen;
  guint i;

  for (i = 0; i < self->lanes->len; i++)
    {
      LaneState *ls = &g_array_index (self->lanes, LaneState, i);

      if (ls->live && ls->pid_fd >= 0 && !ls->zombie && !ls->death_seen)
        {
          fds[n].fd = ls->pid_fd;
          fds[n].events = POLLIN;
          fds[n].revents = 0;
          lanes[n++] = i;
        }
    }
  if (n == 0 || poll (fds, n, 0) <= 0)
    return;
  seen = (gint64) fl_trace_now ();
  for (j = 0; j < n; j++)
    {
      LaneState *ls = &g_array_index (self->lanes, LaneState, lanes[j]);
      int status;

      if (!(fds[j].revents & (POLLIN | POLLHUP)))
        continue;
      ls->death_seen = TRUE;
      /* An exit records itself; a death by signal it could not catch
       * does not, and would else be seen only when its parent waits. */
      if (read_exit_status (ls->pid, &status) && WIFSIGNALED (status))
        fl_store_note_death (self->store, lanes[j], seen - self->t0, status);
    }
}

/* The first refusal of a syscall file, and why: said once per run. */
static void
note_refused (FlSampler *self,
              LaneState *ls,
              int        error)
{
  if (self->refused != NULL)
    return;
  self->refused = g_strdup_printf (_("The kernel would not show which system call thread %d is blocked in (%s): "
                                     "its waits are shown as “blocked”. Reading it needs the right to trace the "
                                     "program (ptrace access mode: Yama's /proc/sys/kernel/yama/ptrace_scope, "
                                     "or a process that made itself non-dumpable or changed its user)."),
                                   ls->tid, g_strerror (error));
}

/* An observed program's thread: its state from the kernel state letter
 * and, when blocked, the system call it is blocked in. */
static void
classify_lane (FlSampler *self,
               LaneState *ls,
               char       kstate)
{
  FlReason reason = FL_REASON_NONE;
  FlState state;

  if (kstate == 'R')
    state = FL_STATE_RUNNING;
  else if (kstate == 'Z' || kstate == 'X')
    return;                            /* its end is recorded when it is gone */
  else if (kstate == 'S' || kstate == 'D')
    {
      char buf[256];
      ssize_t n = -1;
      long nr = -1;
      guint64 arg0 = 0;

      if (!ls->syscall_tried)
        {
          ls->syscall_tried = TRUE;
          ls->syscall_fd = open_task_file (ls->pid, ls->tid, "syscall");
          if (ls->syscall_fd < 0 && (errno == EACCES || errno == EPERM))
            note_refused (self, ls, errno);
        }
      if (ls->syscall_fd >= 0)
        n = pread (ls->syscall_fd, buf, sizeof buf, 0);
      /* A file opened before the process became non-dumpable (or
       * changed its user) is refused at the read instead. */
      if (n < 0 && ls->syscall_fd >= 0 && (errno == EACCES || errno == EPERM))
        note_refused (self, ls, errno);
      if (n > 0)
        switch (fl_syscall_parse (buf, n, &nr, &arg0))
          {
          case FL_SYSCALL_RUNNING:
            state = FL_STATE_RUNNING;
            break;
          case FL_SYSCALL_BLOCKED:
            state = fl_syscall_classify (nr, arg0,
                                         g_hash_table_lookup (self->gil_ranges, GINT_TO_POINTER (ls->pid)),
                                         &reason);
            if (state == FL_STATE_LOCK && g_hash_table_size (self->lane_hints) > 0)
              {
                guint lane = (guint) (ls - &g_array_index (self->lanes, LaneState, 0));
                gpointer hint = g_hash_table_lookup (self->lane_hints, GUINT_TO_POINTER (lane));

                if (hint != NULL)
                  {
                    state = (FlState) GPOINTER_TO_UINT (hint);
                    reason = FL_REASON_JOIN;
                  }
              }
            break;
          case FL_SYSCALL_USER:
          case FL_SYSCALL_INVALID:
          default:
            state = FL_STATE_BLOCKED;
            break;
          }
      else
        state = FL_STATE_BLOCKED;
    }
  else
    state = FL_STATE_BLOCKED;            /* stopped, traced: held by someone */

  ls->new_state = (guint8) state;
  ls->new_reason = (guint8) reason;
}

/* Reads one thread; FALSE if it is gone. */
static gboolean
sample_lane (FlSampler *self,
             LaneState *ls)
{
  char buf[1024];
  char sbuf[128];
  ssize_t n;
  char state;
  guint64 ticks, on_cpu = 0, wait = 0;
  guint processor;
  gboolean sched_ok = FALSE;
  gint64 t = now_ns ();

  if (ls->sched_fd >= 0 && self->schedstat == SCHEDSTAT_NO)
    {
      close (ls->sched_fd);
      ls->sched_fd = -1;
    }
  if (ls->sched_fd >= 0)
    {
      n = pread (ls->sched_fd, sbuf, sizeof sbuf, 0);
      sched_ok = n > 0 && parse_schedstat (sbuf, n, &on_cpu, &wait);
      if (!sched_ok)
        {
          close (ls->sched_fd);
          ls->sched_fd = -1;
        }
    }

  /* A thread whose CPU time and run-queue wait have not moved since the
   * last tick has not been on a CPU since: its state and CPU are those we
   * read then (the kernel charges a run-queue wait when the wait ends, so
   * a thread still waiting keeps the R it had).  This halves the cost of
   * a tick when most workers sleep. */
  if (sched_ok && self->schedstat == SCHEDSTAT_YES && ls->primed &&
      (gint64) on_cpu == ls->sample.cpu_ns && (gint64) wait == ls->sample.wait_ns)
    {
      ls->sample.t = t - self->t0;
      ls->have_sample = TRUE;
      ls->new_state = ls->state;
      return TRUE;
    }

  n = pread (ls->stat_fd, buf, sizeof buf, 0);
  if (n <= 0 || !parse_task_stat (buf, n, &state, &ticks, &processor))
    return FALSE;

  /* Some kernels print "0 0 0" (scheduler statistics off, as on some
   * virtual machines): CPU time from stat ticks shows it. */
  if (sched_ok && self->schedstat == SCHEDSTAT_UNKNOWN)
    {
      if (on_cpu > 0)
        self->schedstat = SCHEDSTAT_YES;
      else if (ticks > 0)
        self->schedstat = SCHEDSTAT_NO;
    }
  if (self->schedstat == SCHEDSTAT_NO)
    sched_ok = FALSE;

  ls->sample.t = t - self->t0;
  ls->sample.cpu_ns = sched_ok ? (gint64) on_cpu : (gint64) ticks * self->ns_per_clock_tick;
  ls->sample.wait_ns = sched_ok ? (gint64) wait : -1;
  ls->sample.cpu = (guint16) MIN (processor, G_MAXUINT16 - 1);
  ls->sample.kstate = state;
  ls->have_sample = TRUE;
  ls->primed = TRUE;
  if (self->classify)
    classify_lane (self, ls, state);
  return TRUE;
}

/* Memory */

static gboolean
read_file_into (FlSampler  *self,
                const char *path,
                gsize      *length)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  gsize len = 0;

  if (fd < 0)
    return FALSE;
  for (;;)
    {
      ssize_t n;

      if (len + 1 >= self->maps_buf_size)
        {
          self->maps_buf_size *= 2;
          self->maps_buf = g_realloc (self->maps_buf, self->maps_buf_size);
        }
      n = read (fd, self->maps_buf + len, self->maps_buf_size - len - 1);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      len += n;
    }
  close (fd);
  self->maps_buf[len] = '\0';
  *length = len;
  return len > 0;
}

static gboolean
read_rollup (FlSampler      *self,
             int             pid,
             FlMemorySample *sample)
{
  static const struct {
    const char *key;
    gsize       offset;
  } keys[] = {
    { "Rss", G_STRUCT_OFFSET (FlMemorySample, rss_kb) },
    { "Pss", G_STRUCT_OFFSET (FlMemorySample, pss_kb) },
    { "Shared_Clean", G_STRUCT_OFFSET (FlMemorySample, shared_clean_kb) },
    { "Shared_Dirty", G_STRUCT_OFFSET (FlMemorySample, shared_dirty_kb) },
    { "Private_Clean", G_STRUCT_OFFSET (FlMemorySample, private_clean_kb) },
    { "Private_Dirty", G_STRUCT_OFFSET (FlMemorySample, private_dirty_kb) },
    { "Anonymous", G_STRUCT_OFFSET (FlMemorySample, anon_kb) },
  };
  char path[64];
  const char *p, *end;
  gsize len;
  gboolean any = FALSE;

  g_snprintf (path, sizeof path, "/proc/%d/smaps_rollup", pid);
  if (!read_file_into (self, path, &len))
    return FALSE;

  for (p = self->maps_buf, end = p + len; p < end; p = next_line (p, end))
    {
      const char *colon = memchr (p, ':', MIN (end - p, 32));
      guint k;

      if (colon == NULL)
        continue;
      for (k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          gsize key_len = strlen (keys[k].key);
          const char *q = colon + 1;
          guint64 value;

          if ((gsize) (colon - p) != key_len || memcmp (p, keys[k].key, key_len) != 0)
            continue;
          q = skip_spaces (q, end);
          if (parse_dec (&q, end, &value))
            {
              G_STRUCT_MEMBER (guint64, sample, keys[k].offset) = value;
              any = TRUE;
            }
          break;
        }
    }
  return any;
}

/* "start-end perms offset dev inode   path" */
static gboolean
parse_maps_line (char     *line,
                 char     *line_end,
                 MapEntry *entry)
{
  const char *p = line;
  guint64 offset, inode;

  if (!fl_parse_hex (&p, line_end, &entry->start) || p >= line_end || *p++ != '-' ||
      !fl_parse_hex (&p, line_end, &entry->end) || p >= line_end || *p++ != ' ' ||
      line_end - p < 5)
    return FALSE;
  memcpy (entry->perms, p, 4);
  p += 5;
  if (!fl_parse_hex (&p, line_end, &offset))
    return FALSE;
  p = skip_spaces (p, line_end);
  while (p < line_end && *p != ' ')     /* dev */
    p++;
  p = skip_spaces (p, line_end);
  if (!parse_dec (&p, line_end, &inode))
    return FALSE;
  p = skip_spaces (p, line_end);
  entry->inode = inode;
  *line_end = '\0';
  entry->path = p < line_end ? p : NULL;
  entry->kind = FL_REGION_ANON;
  entry->lane = -1;
  return TRUE;
}

static MapEntry *
find_entry (GArray  *entries,
            guint64  addr,
            guint   *index)
{
  guint lo = 0, hi = entries->len;

  /* maps lists mappings in address order */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      MapEntry *e = &g_array_index (entries, MapEntry, mid);

      if (addr < e->start)
        hi = mid;
      else if (addr >= e->end)
        lo = mid + 1;
      else
        {
          *index = mid;
          return e;
        }
    }
  return NULL;
}

static inline gboolean
is_anonymous (const MapEntry *e)
{
  return e->path == NULL || g_str_has_prefix (e->path, "[anon:");
}

static void
classify_entries (GArray *entries,
                  guint   main_lane)
{
  g_autoptr(GHashTable) executable = g_hash_table_new (g_str_hash, g_str_equal);
  guint i;

  /* The program and its libraries: the files mapped executable somewhere. */
  for (i = 0; i < entries->len; i++)
    {
      MapEntry *e = &g_array_index (entries, MapEntry, i);

      if (e->path && e->path[0] == '/' && e->perms[2] == 'x')
        g_hash_table_add (executable, (gpointer) e->path);
    }

  for (i = 0; i < entries->len; i++)
    {
      MapEntry *e = &g_array_index (entries, MapEntry, i);
      MapEntry *prev = i > 0 ? &g_array_index (entries, MapEntry, i - 1) : NULL;
      MapEntry *next = i + 1 < entries->len ? &g_array_index (entries, MapEntry, i + 1) : NULL;

      if (e->path && g_str_equal (e->path, "[heap]"))
        e->kind = FL_REGION_HEAP;
      else if (e->path && g_str_equal (e->path, "[stack]"))
        {
          e->kind = FL_REGION_STACK;
          e->lane = (int) main_lane;
        }
      else if (e->perms[3] == 's' || (e->path && g_str_has_prefix (e->path, "[anon_shmem:")))
        e->kind = FL_REGION_SHARED;
      else if (e->path && g_str_has_prefix (e->path, "[anon:"))
        e->kind = FL_REGION_ANON;
      else if (e->path && e->path[0] == '[')
        e->kind = FL_REGION_OTHER;   /* [vdso], [vvar], [vsyscall] */
      else if (e->path && g_hash_table_contains (executable, e->path))
        {
          if (e->perms[1] == 'w')
            e->kind = FL_REGION_GLOBALS;
          else if (e->perms[0] == 'r' || e->perms[2] == 'x')
            e->kind = FL_REGION_CODE;  /* code, constants, headers, relro */
          else
            e->kind = FL_REGION_OTHER; /* alignment gaps */
        }
      else if (e->path)
        e->kind = FL_REGION_OTHER;     /* a data file mapped privately */
      /* .bss: the anonymous rest of a library's writable segment */
      else if (prev && prev->inode != 0 && prev->kind == FL_REGION_GLOBALS &&
               prev->end == e->start && memcmp (e->perms, "rw-p", 4) == 0)
        {
          e->kind = FL_REGION_GLOBALS;
          e->path = prev->path;
        }
      /* A malloc arena: a reservation of ARENA_SIZE aligned to it, its
       * used part read-write and the rest inaccessible. */
      else if (e->start % ARENA_SIZE == 0 && memcmp (e->perms, "rw-p", 4) == 0 &&
               (e->end - e->start == ARENA_SIZE ||
                (next && next->path == NULL && next->start == e->end &&
                 memcmp (next->perms, "---p", 4) == 0 && next->end - e->start == ARENA_SIZE)))
        {
          e->kind = FL_REGION_HEAP;
          if (next && next->path == NULL && next->start == e->end && next->end - e->start == ARENA_SIZE)
            {
              next->kind = FL_REGION_HEAP;
              i++;
            }
        }
      else
        e->kind = FL_REGION_ANON;
    }
}

/* A thread's stack: the anonymous mapping that holds @addr, with the
 * guard page glibc puts just below it. */
static void
mark_stack (GArray  *entries,
            guint64  addr,
            guint    lane)
{
  guint i;
  MapEntry *e = find_entry (entries, addr, &i);

  if (e == NULL || e->kind != FL_REGION_ANON || !is_anonymous (e))
    return;
  /* The base may be the guard itself; then the stack is what follows. */
  if (memcmp (e->perms, "---p", 4) == 0 && i + 1 < entries->len)
    {
      MapEntry *next = &g_array_index (entries, MapEntry, i + 1);

      if (next->start != e->end || next->kind != FL_REGION_ANON || !is_anonymous (next))
        return;
      e->kind = FL_REGION_STACK;
      e->lane = (int) lane;
      e = next;
      i++;
    }
  e->kind = FL_REGION_STACK;
  e->lane = (int) lane;
  if (i > 0)
    {
      MapEntry *prev = &g_array_index (entries, MapEntry, i - 1);

      if (prev->end == e->start && prev->kind == FL_REGION_ANON && prev->path == NULL &&
          memcmp (prev->perms, "---p", 4) == 0)
        {
          prev->kind = FL_REGION_STACK;
          prev->lane = (int) lane;
        }
    }
}

static const char *
region_label (const MapEntry *e,
              int             tid,
              char           *scratch,
              gsize           scratch_size)
{
  if (e->kind == FL_REGION_STACK && e->lane >= 0 && (e->path == NULL || e->path[0] != '['))
    {
      g_snprintf (scratch, scratch_size, "[stack:%d]", tid);
      return scratch;
    }
  return e->path ? e->path : "[anon]";
}

/* Reads the stack pointer of a thread blocked in the kernel from
 * /proc/PID/task/TID/syscall ("nr args… sp pc", or "running"). */
static guint64
read_thread_sp (int pid,
                int tid)
{
  char buf[256];
  ssize_t n;
  int fd = open_task_file (pid, tid, "syscall");
  const char *p, *end, *sp_start = NULL, *pc_start = NULL;
  guint64 sp;

  if (fd < 0)
    return 0;
  n = read (fd, buf, sizeof buf);
  close (fd);
  if (n <= 0 || buf[0] == 'r')
    return 0;
  end = buf + n;
  while (end > buf && (end[-1] == '\n' || end[-1] == ' '))
    end--;
  for (p = buf; p < end; p++)
    if (*p == ' ')
      {
        sp_start = pc_start;
        pc_start = p + 1;
      }
  if (sp_start == NULL || !fl_parse_hex (&sp_start, end, &sp))
    return 0;
  return sp;
}

static FlMemorySample *
sample_memory (FlSampler *self,
               guint      lane)
{
  LaneState *ls = &g_array_index (self->lanes, LaneState, lane);
  g_autoptr(GArray) entries = NULL;
  FlMemorySample *sample;
  char path[64];
  char scratch[32];
  char probe[8];
  gsize len;
  char *p, *end;
  guint i;

  sample = g_new0 (FlMemorySample, 1);
  sample->t = now_ns () - self->t0;
  sample->pid = ls->pid;
  sample->lane = lane;

  if (!read_rollup (self, ls->pid, sample))
    {
      g_free (sample);
      return NULL;
    }

  g_snprintf (path, sizeof path, "/proc/%d/maps", ls->pid);
  if (read_file_into (self, path, &len))
    {
      entries = g_array_sized_new (FALSE, FALSE, sizeof (MapEntry), 256);
      for (p = self->maps_buf, end = p + len; p < end; )
        {
          char *line_end = memchr (p, '\n', end - p);
          MapEntry entry;

          if (line_end == NULL)
            line_end = end;
          if (parse_maps_line (p, line_end, &entry))
            g_array_append_val (entries, entry);
          p = line_end + 1;
        }
      classify_entries (entries, lane);

      /* Other threads' stacks, from the address each one told us or the
       * stack pointer of it blocked in a system call. */
      for (i = 0; i < self->lanes->len; i++)
        {
          LaneState *other = &g_array_index (self->lanes, LaneState, i);

          if (!other->live || other->pid != ls->pid || other->tid == ls->pid)
            continue;
          if (other->stack_addr == 0)
            other->stack_addr = read_thread_sp (other->pid, other->tid);
          if (other->stack_addr != 0)
            mark_stack (entries, other->stack_addr, i);
        }

      sample->regions = g_ptr_array_new_with_free_func (region_free);
      for (i = 0; i < entries->len; i++)
        {
          const MapEntry *e = &g_array_index (entries, MapEntry, i);
          const char *label = region_label (e,
                                            e->lane >= 0 ? g_array_index (self->lanes, LaneState, e->lane).tid : 0,
                                            scratch, sizeof scratch);
          FlRegion *last = sample->regions->len ?
            g_ptr_array_index (sample->regions, sample->regions->len - 1) : NULL;
          FlRegion *region;

          /* One region per library part rather than one per mapping. */
          if (last && last->kind == e->kind && last->lane == e->lane && last->end == e->start &&
              g_str_equal (last->label, label))
            {
              last->end = e->end;
              continue;
            }
          region = g_new (FlRegion, 1);
          region->kind = e->kind;
          region->start = e->start;
          region->end = e->end;
          region->rss_kb = G_MAXUINT64;   /* would need the full smaps: too costly */
          region->lane = e->lane;
          region->label = g_strdup (label);
          g_ptr_array_add (sample->regions, region);
        }
    }

  /* The files were opened by pid: if the process was reaped meanwhile,
   * the pid may name another; its thread's stat, kept open, says so. */
  if (pread (ls->stat_fd, probe, sizeof probe, 0) <= 0)
    {
      g_clear_pointer (&sample->regions, g_ptr_array_unref);
      g_free (sample);
      return NULL;
    }
  return sample;
}

/* The lanes to sample, and the stacks they reported; the caller holds
 * the store's lock. */
static void
snapshot_lanes (FlSampler *self)
{
  guint n_lanes = fl_store_get_n_lanes (self->store);
  guint i;

  while (self->lanes->len < n_lanes)
    {
      LaneState ls = { 0 };

      ls.stat_fd = ls.sched_fd = ls.pid_fd = ls.syscall_fd = -1;
      g_array_append_val (self->lanes, ls);
    }

  for (i = 0; i < n_lanes; i++)
    {
      LaneState *ls = &g_array_index (self->lanes, LaneState, i);
      const FlLaneInfo *info;

      ls->live = FALSE;
      if (ls->done)
        continue;
      info = fl_store_get_lane_info (self->store, i);
      if (info->start_t < 0 || info->pid <= 0 || info->tid <= 0)
        continue;
      /* Over: its tid may be reused.  A process that exited stays, as a
       * zombie, until it is reaped; a thread that returned is gone. */
      if (info->end_t >= 0 || info->join_t >= 0 || (!info->is_process && info->exit_t >= 0))
        {
          ls->done = TRUE;
          continue;
        }
      ls->live = TRUE;
      ls->pid = info->pid;
      ls->tid = info->tid;
      ls->is_process = info->is_process;
      ls->zombie = info->exit_t >= 0;

      /* The middle of the stack the thread reported, guard or not. */
      if (ls->stack_addr == 0 && info->stack_base != 0)
        ls->stack_addr = info->stack_base + info->stack_size / 2;
    }
}

/**
 * fl_sampler_tick:
 * @sampler: a sampler
 * @with_memory: also read each process's memory and regions
 *
 * Reads /proc once and appends the samples to the store.  Safe to call
 * while the sampling thread runs (they take turns).
 */
void
fl_sampler_tick (FlSampler *self,
                 gboolean   with_memory)
{
  g_autoptr(GPtrArray) memory = NULL;
  gboolean have_cores, gone;
  gint64 t;
  guint i;

  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->tick_mutex);

  fl_store_lock (self->store);
  snapshot_lanes (self);
  fl_store_unlock (self->store);

  /* Read everything first, without the store's lock. */
  t = now_ns ();
  have_cores = sample_cores (self, t);

  for (i = 0; i < self->lanes->len; i++)
    {
      LaneState *ls = &g_array_index (self->lanes, LaneState, i);

      ls->have_sample = FALSE;
      ls->new_state = ls->state;
      if (!ls->live)
        {
          if (ls->done && ls->stat_fd >= 0)
            lane_close (ls);
          continue;
        }
      if (ls->stat_fd < 0 && !lane_open (self, ls, &gone))
        {
          ls->live = FALSE;
          ls->done = gone;
        }
      else if (!sample_lane (self, ls))
        {
          /* Gone: reaped, or died with its process.  Never reopened. */
          lane_close (ls);
          ls->done = TRUE;
          ls->live = FALSE;
        }
    }

  if (with_memory)
    {
      memory = g_ptr_array_new ();
      for (i = 0; i < self->lanes->len; i++)
        {
          LaneState *ls = &g_array_index (self->lanes, LaneState, i);
          FlMemorySample *sample;

          /* A zombie has no address space left. */
          if (!ls->live || !ls->is_process || ls->zombie || ls->tid != ls->pid)
            continue;
          if ((sample = sample_memory (self, i)))
            g_ptr_array_add (memory, sample);
        }
    }

  find_deaths (self);

  /* Then append, holding the lock briefly. */
  fl_store_lock (self->store);
  if (self->n_cores > 0 && !self->cores_announced)
    {
      fl_store_set_n_cores (self->store, self->n_cores);
      self->cores_announced = TRUE;
    }
  if (have_cores)
    for (i = 0; i < self->n_cores; i++)
      if (self->have_busy[i])
        {
          FlCoreSample sample = { t - self->t0, self->busy[i], 0 };
          fl_store_add_core_sample (self->store, i, &sample);
        }
  for (i = 0; i < self->lanes->len; i++)
    {
      LaneState *ls = &g_array_index (self->lanes, LaneState, i);

      if (ls->have_sample)
        fl_store_add_lane_sample (self->store, i, &ls->sample);
      if (ls->have_sample && ls->new_state != ls->state && ls->new_state != FL_STATE_NONE)
        {
          FlEvent ev = { ls->sample.t, (guint32) ls->new_reason << 28, ls->sample.cpu,
                         FL_EV_STATE, ls->new_state };

          fl_store_append (self->store, i, &ev);
          ls->state = ls->new_state;
        }
    }
  for (i = 0; memory && i < memory->len; i++)
    fl_store_add_memory_sample (self->store, g_ptr_array_index (memory, i));
  fl_store_unlock (self->store);

  g_mutex_unlock (&self->tick_mutex);
}

/**
 * fl_sampler_new:
 * @store: the run's store; its t0 is the time origin
 * @rate_hz: ticks per second, 1 to 1000; 0 for FL_SAMPLER_DEFAULT_HZ
 * @memory_rate_hz: memory samples per second, at most @rate_hz; 0 for FL_SAMPLER_MEMORY_HZ
 *
 * Returns: (transfer full): a sampler, not yet started
 */
FlSampler *
fl_sampler_new (FlStore *store,
                double   rate_hz,
                double   memory_rate_hz)
{
  FlSampler *self;
  long clk_tck;

  g_return_val_if_fail (FL_IS_STORE (store), NULL);
  if (rate_hz <= 0)
    rate_hz = FL_SAMPLER_DEFAULT_HZ;
  if (memory_rate_hz <= 0)
    memory_rate_hz = FL_SAMPLER_MEMORY_HZ;
  g_return_val_if_fail (rate_hz >= 1 && rate_hz <= 1000, NULL);

  self = g_new0 (FlSampler, 1);
  self->store = g_object_ref (store);
  self->t0 = fl_store_get_t0 (store);
  self->rate_hz = rate_hz;
  self->memory_rate_hz = MIN (memory_rate_hz, rate_hz);
  clk_tck = sysconf (_SC_CLK_TCK);
  self->ns_per_clock_tick = G_GINT64_CONSTANT (1000000000) / (clk_tck > 0 ? clk_tck : 100);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  g_mutex_init (&self->tick_mutex);
  self->lanes = g_array_new (FALSE, TRUE, sizeof (LaneState));
  self->maps_buf_size = 65536;
  self->maps_buf = g_malloc (self->maps_buf_size);
  self->gil_ranges = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->lane_hints = g_hash_table_new (NULL, NULL);

  /* The first reading starts the first window. */
  init_cores (self);
  if (self->n_cores > 0)
    sample_cores (self, now_ns ());

  return self;
}

static gpointer
sampler_thread (gpointer data)
{
  FlSampler *self = data;
  gint64 start = g_get_monotonic_time ();
  double period_us = G_USEC_PER_SEC / self->rate_hz;
  double memory_period_us = G_USEC_PER_SEC / self->memory_rate_hz;
  guint64 k = 0, memory_k = 0;

  g_mutex_lock (&self->mutex);
  while (!self->stopping)
    {
      gint64 now = g_get_monotonic_time ();
      gboolean with_memory = now >= start + (gint64) (memory_k * memory_period_us);
      gint64 deadline;

      g_mutex_unlock (&self->mutex);
      fl_sampler_tick (self, with_memory);
      now = g_get_monotonic_time ();

      /* Absolute deadlines, so the rate does not drift; a tick that ran
       * late skips the slots it missed rather than bunching up. */
      if (with_memory)
        memory_k = (guint64) ((now - start) / memory_period_us) + 1;
      do
        k++;
      while ((deadline = start + (gint64) (k * period_us)) <= now);

      g_mutex_lock (&self->mutex);
      while (!self->stopping)
        if (!g_cond_wait_until (&self->cond, &self->mutex, deadline))
          break;
    }
  g_mutex_unlock (&self->mutex);

  return NULL;
}

/**
 * fl_sampler_start:
 * @sampler: a sampler
 *
 * @error: where to say why the thread could not be created
 *
 * Starts the sampling thread; the first tick, with memory, is at once.
 *
 * Returns: FALSE if the thread could not be created (the limit on
 * processes and threads may be reached)
 */
gboolean
fl_sampler_start (FlSampler  *self,
                  GError    **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->thread == NULL && !self->stopped, FALSE);

  self->thread = g_thread_try_new ("fl-sampler", sampler_thread, self, error);
  return self->thread != NULL;
}

/**
 * fl_sampler_stop:
 * @sampler: a sampler
 *
 * Stops and joins the sampling thread, then takes a last sample with
 * memory.  Calling it again does nothing.
 */
void
fl_sampler_stop (FlSampler *self)
{
  g_return_if_fail (self != NULL);

  if (self->stopped)
    return;
  self->stopped = TRUE;

  if (self->thread)
    {
      g_mutex_lock (&self->mutex);
      self->stopping = TRUE;
      g_cond_signal (&self->cond);
      g_mutex_unlock (&self->mutex);
      g_clear_pointer (&self->thread, g_thread_join);
    }
  fl_sampler_tick (self, TRUE);
}

void
fl_sampler_free (FlSampler *self)
{
  guint i;

  if (self == NULL)
    return;

  if (self->thread)
    fl_sampler_stop (self);

  for (i = 0; i < self->lanes->len; i++)
    lane_close (&g_array_index (self->lanes, LaneState, i));
  g_array_unref (self->lanes);
  if (self->stat_fd >= 0)
    close (self->stat_fd);
  g_free (self->stat_buf);
  g_free (self->cur_idle);
  g_free (self->cur_total);
  g_free (self->cur_seen);
  g_free (self->busy);
  g_free (self->have_busy);
  g_free (self->hist_idle);
  g_free (self->hist_total);
  g_free (self->maps_buf);
  g_clear_pointer (&self->gil_ranges, g_hash_table_unref);
  g_clear_pointer (&self->lane_hints, g_hash_table_unref);
  g_free (self->refused);
  g_mutex_clear (&self->tick_mutex);
  g_cond_clear (&self->cond);
  g_mutex_clear (&self->mutex);
  g_object_unref (self->store);
  g_free (self);
}

/**
 * fl_sampler_has_schedstat:
 * @sampler: a sampler
 *
 * Returns: FALSE once the sampler found that /proc/…/schedstat reads
 *   zeros (or is missing); lane samples then have wait_ns = -1.
 */
gboolean
fl_sampler_has_schedstat (FlSampler *self)
{
  gboolean ret;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->tick_mutex);
  ret = self->schedstat != SCHEDSTAT_NO;
  g_mutex_unlock (&self->tick_mutex);
  return ret;
}

/**
 * fl_sampler_ignore_schedstat:
 * @sampler: a sampler
 *
 * From now on, takes CPU time from stat's clock ticks and leaves run-queue
 * waits unknown, as on kernels whose schedstat reads zeros.
 */
void
fl_sampler_ignore_schedstat (FlSampler *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->tick_mutex);
  self->schedstat = SCHEDSTAT_NO;
  g_mutex_unlock (&self->tick_mutex);
}

/**
 * fl_sampler_describe_smoothing:
 *
 * Returns: the legend's sentence on how per-core use is measured
 */
const char *
fl_sampler_describe_smoothing (void)
{
  return _("CPU use per core, averaged over 100 ms: the kernel counts it in 10 ms ticks.");
}

/**
 * fl_sampler_estimate_wait_ns:
 * @samples: one lane's samples, in time order
 * @n_samples: how many
 *
 * Returns: the time the thread was runnable but not on a CPU, in ns
 */
gint64
fl_sampler_estimate_wait_ns (const FlLaneSample *samples,
                             gsize               n_samples)
{
  gint64 runnable = 0, cpu = 0;
  gsize i;

  if (n_samples < 2)
    return 0;
  if (samples[0].wait_ns >= 0 && samples[n_samples - 1].wait_ns >= 0)
    return MAX (0, samples[n_samples - 1].wait_ns - samples[0].wait_ns);

  /* Without schedstat, the kernel only says R (running or waiting for a
   * core) and how much CPU time the thread got, in 10 ms ticks: over the
   * intervals it stayed R, the time it did not get is the wait.  The
   * totals are summed before subtracting, as single intervals are
   * shorter than a tick. */
  for (i = 1; i < n_samples; i++)
    if (samples[i - 1].kstate == 'R' && samples[i].kstate == 'R')
      {
        runnable += samples[i].t - samples[i - 1].t;
        cpu += samples[i].cpu_ns - samples[i - 1].cpu_ns;
      }
  return MAX (0, runnable - cpu);
}

/**
 * fl_sampler_set_classify:
 * @sampler: a sampler
 * @classify: whether to record each thread's state
 *
 * For observed programs, whose threads record nothing themselves: each
 * tick then appends a STATE event to a lane whose state changed, taken
 * from the kernel (state letter, and the system call a blocked thread is
 * in; see fl-syscall-state.h).
 */
void
fl_sampler_set_classify (FlSampler *self,
                         gboolean   classify)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->tick_mutex);
  self->classify = classify;
  g_mutex_unlock (&self->tick_mutex);
}

/**
 * fl_sampler_set_gil_range:
 * @sampler: a sampler
 * @pid: a process of the run
 * @range: (nullable): where its GIL lies; NULL to forget it
 *
 * A futex wait inside @range is then a wait for the GIL.
 */
void
fl_sampler_set_gil_range (FlSampler        *self,
                          int               pid,
                          const FlGilRange *range)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->tick_mutex);
  if (range)
    g_hash_table_insert (self->gil_ranges, GINT_TO_POINTER (pid), g_memdup2 (range, sizeof *range));
  else
    g_hash_table_remove (self->gil_ranges, GINT_TO_POINTER (pid));
  g_mutex_unlock (&self->tick_mutex);
}

/**
 * fl_sampler_dup_refused:
 * @sampler: a sampler
 *
 * Returns: (transfer full) (nullable): why a thread's system call could
 *   not be read, the first time it happened; NULL if it never did
 */
char *
fl_sampler_dup_refused (FlSampler *self)
{
  char *ret;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->tick_mutex);
  ret = g_strdup (self->refused);
  g_mutex_unlock (&self->tick_mutex);
  return ret;
}

/**
 * fl_sampler_set_lane_hint:
 * @sampler: a sampler
 * @lane: a lane
 * @state: what a futex wait of the lane is from now on (FL_STATE_JOIN while
 *   the interpreter says it is in Thread.join), or FL_STATE_NONE: a lock
 */
void
fl_sampler_set_lane_hint (FlSampler *self,
                          guint      lane,
                          FlState    state)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->tick_mutex);
  if (state == FL_STATE_NONE)
    g_hash_table_remove (self->lane_hints, GUINT_TO_POINTER (lane));
  else
    g_hash_table_insert (self->lane_hints, GUINT_TO_POINTER (lane), GUINT_TO_POINTER (state));
  /* Read it afresh next tick, even if it has not run since. */
  if (lane < self->lanes->len)
    g_array_index (self->lanes, LaneState, lane).primed = FALSE;
  g_mutex_unlock (&self->tick_mutex);
}

/**
 * fl_parse_hex:
 * @pp: where to read; moved past the number
 * @end: the end of the text
 * @value: the number read
 *
 * Reads a hexadecimal number, with or without "0x", as /proc writes them
 * (maps, syscall, stat).
 *
 * Returns: %FALSE if there was no hexadecimal digit
 */
gboolean
fl_parse_hex (const char **pp,
              const char  *end,
              guint64     *value)
{
  const char *p = *pp;
  guint64 v = 0;
  gboolean any = FALSE;

  if (end - p > 2 && p[0] == '0' && p[1] == 'x')
    p += 2;
  for (; p < end; p++)
    {
      int d = g_ascii_xdigit_value (*p);

      if (d < 0)
        break;
      v = (v << 4) | (guint64) d;
      any = TRUE;
    }
  *pp = p;
  *value = v;
  return any;
}
