/* fl-summary-private.h — what the summary, the verdicts and the trace share
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fl-measure.c derives figures from a store (state segments, runnable
 * time, GIL use, messages, memory per address space, the scenario's
 * results); fl-verdict.c turns them into sentences; fl-summary.c into
 * JSON and a table; fl-chrome-trace.c into a trace.  Everything here is
 * read with the store's lock held.
 */

#pragma once

#include "fl-summary.h"
#include "fl-util.h"

G_BEGIN_DECLS

/* Every state a lane can spend time in; exited and crashed are ends, not spans. */
static inline gboolean
fl_state_is_timed (FlState state)
{
  return state != FL_STATE_NONE && state != FL_STATE_EXITED && state != FL_STATE_CRASHED;
}

/* ---- segments ------------------------------------------------------------ */

typedef struct
{
  gint64 from;
  gint64 to;
} FlSpan;

/* One stretch of one state on a lane; a change of reason starts a new one. */
typedef struct
{
  FlState  state;
  gint64   from;
  gint64   to;
  gboolean has_opener;
  FlEvent  opener;      /* the event that began it: reason, CPU, detail */
} FlSegment;

/* A lane's events in time order.  Events of a lane may arrive out of
 * order (the observer appends some); when they do, *@copy holds a sorted
 * copy for the caller to free. */
const FlEvent *fl_measure_sorted_events   (FlStore        *store,
                                           guint           lane,
                                           gsize          *n_events,
                                           FlEvent       **copy);
/* Of FlSegment, in time order, from the lane's start to its end or @until. */
GArray        *fl_measure_segments        (FlStore        *store,
                                           guint           lane,
                                           const FlEvent  *events,
                                           gsize           n_events,
                                           gint64          until);
/* Of FlSpan: the parts of the lane's running segments it spent waiting
 * for a core, from its samples; empty when it was not sampled. */
GArray        *fl_measure_runnable_spans  (FlStore        *store,
                                           guint           lane,
                                           GArray         *segments);
/* Averages @n samples into at most @max_points, in time order. */
GArray        *fl_measure_downsample_cores(const FlCoreSample *samples,
                                           gsize           n,
                                           guint           max_points);

/* The expected prime count of a run, from the scenario's programs and a
 * sieve of the observer's own; FALSE when it cannot be told. */
gboolean       fl_measure_expected_primes (FlRun          *run,
                                           guint           n_workers,
                                           const int      *pids,
                                           guint64        *primes,
                                           guint64        *blocks);

/* What `get` reads in a process that never ran `set`: the program's own
 * initial value, as in a freshly started runner. */
#define FL_GLOBAL_INITIAL 0

/* ---- facts --------------------------------------------------------------- */

typedef struct
{
  const FlLaneInfo *info;
  gint64   states[FL_N_STATES];   /* runnable split out of running */
  gint64   end;                   /* exit, crash, reap or the run's end; -1 if it never started */
  gint64   lifetime;              /* end - start; 0 if it never started */
  gint64   start_latency;         /* create → first instruction; -1 if unknown */

  gboolean gil_used;              /* took the emulated GIL at least once */
  gint64   gil_held;

  gsize    n_samples;
  gint64   sampled_cpu;           /* from the latest sample; -1 without samples */
  gint64   sampled_wait;          /* run-queue wait over the samples; -1 without */
  guint    kstates[128];          /* samples per kernel state letter */

  guint64  io_requests;
  guint64  io_wait_ns;
  guint64  io_nominal_ns;         /* the latencies it asked the server for, summed */
  guint    io_nominal_n;

  gboolean crash_origin;          /* recorded its own fatal signal */

  gboolean has_fds;               /* ran `fds`; what follows is its last report */
  guint64  fds;                   /* descriptors it had open */
  guint64  fds_opened;            /* of them, files the main process opened with `open` */
} FlLaneFacts;

/* One address space (a process of the run), from its memory samples. */
typedef struct
{
  guint                 lane;
  int                   pid;
  const FlMemorySample *latest;
  const FlMemorySample *peak;     /* the one with the highest RSS */
  const FlMemorySample *regions;  /* the latest sample that read the regions; may be NULL */
} FlSpaceFacts;

typedef struct
{
  FlRun      *run;
  FlStore    *store;
  FlScenario *scenario;
  FlMode      mode;
  gboolean    gil;
  double      switch_interval_ms;
  double      sample_rate_hz;
  guint       n_cores;             /* as the sampler saw them; 0 if not sampled */

  guint        n_lanes;
  FlLaneFacts *lanes;
  gint64      wall;
  gint64      cpu;
  guint       n_lane_cpu_known;
  guint64     dropped;
  gboolean    stopped;
  gboolean    sampled;             /* some lane has samples */

  /* the workers only */
  guint       n_workers;
  guint       n_started;
  gint64      first_start;
  gint64      last_end;
  gint64      sum_durations;
  gint64      workers_cpu;
  guint       n_cpu_known;

  /* results */
  gboolean    has_primes;
  guint64     primes;
  guint64     blocks;
  gboolean    has_expected;
  guint64     expected_primes;
  guint64     expected_blocks;
  gboolean    has_io;
  guint64     io_requests;
  guint64     io_wait_ns;

  gboolean    has_increments;
  guint64     increments;
  gboolean    all_locked;
  gboolean    has_counter;
  gint64      counter;

  gboolean    has_globals;
  gboolean    has_parent_before;
  gint64      parent_before;
  gboolean    has_parent_after;
  gint64      parent_after;

  gboolean    has_alloc;
  guint64     alloc_bytes;
  guint64     touched_bytes;

  gboolean    has_descriptors;     /* some process ran `fds` */
  guint       n_opened;            /* files the main process opened with `open` */

  /* messages */
  guint       n_messages;
  guint       n_received;
  guint64     message_bytes;
  gint64      latency_median;      /* -1 when none was received */
  gint64      latency_max;
  gint64      first_send;
  gint64      last_receive;

  gint64      lock_wait;           /* every lane's time in "lock" */

  GArray     *spaces;              /* of FlSpaceFacts, by lane */

  /* The one speed-up Forkline states: the workers' CPU time over the wall
   * time from the first start to the last end; -1 when unknown. */
  double      speedup;
  /* Cores' worth of CPU that other programs used while the run ran: the
   * cores' busy time (/proc/stat, every program) less the run's own CPU
   * time over the same window; -1 when the cores were not sampled. */
  double      other_cores;
  gboolean    busy_machine;        /* other_cores reached FL_VERDICT_BUSY_CORES */
} FlFacts;

/* Other programs using at least this many cores' worth on average make
 * every verdict say that its figures may be off.  The observer's own work
 * counts as another program's (its window drawing a live run, with its
 * display server, takes a third of a core or so under a software
 * renderer): below three quarters of a core the note would mostly speak
 * of Forkline itself. */
#define FL_VERDICT_BUSY_CORES 0.75

/* The caller holds the store's lock until fl_facts_clear(). */
void     fl_facts_init              (FlFacts        *facts,
                                     FlRun          *run);
void     fl_facts_clear             (FlFacts        *facts);
/* Messages per second between the first send and the last receipt; 0 if unknown. */
double   fl_facts_message_rate      (const FlFacts  *facts);

/* ---- words (fl-verdict.c) ------------------------------------------------ */

gint64   fl_summary_ns_to_ms        (gint64          ns);
/* "5.0 s", "250 ms", "1.5 ms", "40 µs" */
char    *fl_summary_format_duration (gint64          ns);
char    *fl_summary_format_count    (guint64         n);
/* "512 kB", "12.3 MB", "1.50 GB" */
char    *fl_summary_format_kb       (guint64         kb);
gulong   fl_summary_plural_n        (guint64         n);

char    *fl_facts_verdict           (const FlFacts  *facts);

/* ---- verdicts (fl-verdict-time.c, fl-verdict-state.c) ------------------- */

/* Lists longer than this are summed up rather than spelled out. */
#define FL_VERDICT_MAX_LISTED 4

/* Shares that differ by less than this many points are told as one. */
#define FL_VERDICT_SAME_SHARE_POINTS 10.0

typedef char *(*FlVerdictFunc) (const FlFacts *facts);

char    *fl_verdict_overlap           (const FlFacts *facts);
char    *fl_verdict_speedup           (const FlFacts *facts);
char    *fl_verdict_io                (const FlFacts *facts);
char    *fl_verdict_convoy            (const FlFacts *facts);
char    *fl_verdict_oversubscription  (const FlFacts *facts);
char    *fl_verdict_startup           (const FlFacts *facts);
char    *fl_verdict_fork_vs_spawn     (const FlFacts *facts);
char    *fl_verdict_race              (const FlFacts *facts);
char    *fl_verdict_globals           (const FlFacts *facts);
char    *fl_verdict_crash             (const FlFacts *facts);
char    *fl_verdict_zombie            (const FlFacts *facts);
char    *fl_verdict_memory            (const FlFacts *facts);
char    *fl_verdict_messages          (const FlFacts *facts);
/* An observed Python program (fl-verdict-program.c). */
char    *fl_verdict_program           (const FlFacts *facts);
/* The most cores' worth of CPU the run's threads used together over a
 * 100 ms window; -1 when not sampled. */
double   fl_verdict_program_peak_cores (const FlFacts *facts);

/* What the verdicts share (fl-verdict.c). */
char    *fl_verdict_no_worker         (const FlFacts *facts);
char    *fl_verdict_format_value      (gint64         value);
/* "a", "a and b", "a, b and c" */
char    *fl_verdict_join_list         (GPtrArray     *items);
/* "worker 2", or "the main thread" */
char    *fl_verdict_worker_label      (const FlLaneInfo *info);
double   fl_verdict_share_percent     (gint64         part,
                                       gint64         whole);
/* Sorts @values (of gint64) and returns their median. */
gint64   fl_verdict_median            (GArray        *values);
gboolean fl_verdict_is_started_worker (const FlLaneFacts *lf);
/* The share of each started worker's time spent in @state: mean, least,
 * most, in percent; returns how many workers. */
guint    fl_verdict_state_shares      (const FlFacts *facts,
                                       FlState        state,
                                       double        *mean,
                                       double        *least,
                                       double        *most);
/* What each worker read of the global variable first, as a list; when
 * they all agree, @all_same and the value in @common. */
char    *fl_verdict_workers_seen      (const FlFacts *facts,
                                       guint         *n_seen,
                                       gboolean      *all_same,
                                       gint64        *common);

G_END_DECLS
