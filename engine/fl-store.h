/* fl-store.h — what a run did, in memory, as compact per-lane events
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The observer drains the trace rings into a store while the run goes
 * on.  Times are nanoseconds since the run started (the observer's clock
 * just before it started the main process).  A writer (the drain thread)
 * and readers (views, summary) share it: readers take fl_store_lock()
 * around what they read, or read after the run has finished.
 */

#pragma once

#include <glib-object.h>

#include "fl-trace.h"

G_BEGIN_DECLS

/* One timeline event: 16 bytes. */
typedef struct
{
  gint64  t;        /* ns since the run started */
  guint32 a;        /* STATE: reason << 28 | detail (see fl_event_get_detail);
                     * OUTPUT: index into the output list; CREATE, JOIN: worker;
                     * SEND, RECEIVE: message id; EXIT: exit code */
  guint16 cpu;      /* CPU it was recorded on, G_MAXUINT16 if unknown */
  guint8  kind;     /* FlEventKind */
  guint8  arg8;     /* STATE: FlState; CRASH: signal; GIL: 1 taken, 0 released */
} FlEvent;

G_STATIC_ASSERT (sizeof (FlEvent) == 16);

#define FL_EVENT_DETAIL_MAX ((1u << 28) - 1)

static inline FlReason
fl_event_get_reason (const FlEvent *ev)
{
  return ev->kind == FL_EV_STATE ? (FlReason) (ev->a >> 28) : FL_REASON_NONE;
}

/* STATE detail: µs for sleep and read (saturated at FL_EVENT_DETAIL_MAX),
 * blocks for compute, the worker for join. */
static inline guint32
fl_event_get_detail (const FlEvent *ev)
{
  return ev->kind == FL_EV_STATE ? ev->a & FL_EVENT_DETAIL_MAX : ev->a;
}

/* The state @ev puts its lane in, or -1 when it changes none (an event of
 * another kind, or a STATE record whose state is out of range).  A lane
 * that may become a zombie (@zombie_capable: a worker process, reaped by
 * its parent) goes from EXIT to ZOMBIE, any other to EXITED.  The store,
 * the measurements and the timeline all walk lanes with this one rule. */
static inline int
fl_event_next_state (const FlEvent *ev,
                     gboolean       zombie_capable)
{
  switch (ev->kind)
    {
    case FL_EV_STATE:
      return ev->arg8 < FL_N_STATES ? (int) ev->arg8 : -1;
    case FL_EV_EXIT:
      return zombie_capable ? FL_STATE_ZOMBIE : FL_STATE_EXITED;
    case FL_EV_CRASH:
      return FL_STATE_CRASHED;
    default:
      return -1;
    }
}

typedef enum
{
  FL_LANE_MAIN,     /* the main process's main thread */
  FL_LANE_WORKER,
  FL_LANE_SERVER,   /* the run's local I/O server, a thread of the main process */
} FlLaneKind;

typedef struct
{
  guint       id;            /* ring index */
  FlLaneKind  kind;
  gboolean    is_process;    /* a process of its own (main, fork/spawn workers) */
  char       *name;          /* "main", "numbers 1", … */
  char       *template_name; /* workers: the scenario's template; else NULL */
  int         pid;           /* 0 until known */
  int         tid;
  gint64      create_t;      /* the request to create it; -1 if none */
  gint64      start_t;       /* its first instruction; -1 until known */
  gint64      exit_t;        /* it returned or exited; -1 if not */
  gint64      end_t;         /* the crash or kill, if any; -1 if not */
  gint64      join_t;        /* joined / reaped; -1 if not */
  int         exit_code;     /* valid when exit_t >= 0 */
  int         signal;        /* crashed or killed by it; 0 if none */
  gboolean    stopped;       /* killed because the run was stopped */
  gint64      cpu_ns;        /* CPU time reported at exit; -1 if unknown */
  guint64     dropped;       /* records its ring could not hold */
  guint64     stack_base;    /* the thread's stack, as it reported it; 0 if unknown */
  guint64     stack_size;
} FlLaneInfo;

/* A message of `send`/`receive`: both ends, for the timeline's arrows. */
typedef struct
{
  guint32 id;
  guint32 bytes;
  guint   channel;
  guint   send_lane;
  guint   receive_lane;  /* G_MAXUINT until received */
  gint64  send_t;
  gint64  receive_t;     /* -1 until received */
} FlMessage;

typedef struct
{
  gint64  t;
  guint   lane;
  gboolean truncated;
  char   *text;
} FlOutputLine;

typedef struct
{
  guint   lane;
  guint   key;      /* FlResultKey */
  guint64 a;
  guint64 b;
} FlResult;

/* What the sampler read of one thread at one time (from /proc). */
typedef struct
{
  gint64  t;
  gint64  cpu_ns;      /* cumulative CPU time of the thread */
  gint64  wait_ns;     /* cumulative time runnable but not on a CPU (schedstat); -1 if the kernel does not say */
  guint16 cpu;         /* CPU it last ran on */
  char    kstate;      /* R, S, D, Z, T … */
  guint8  pad[5];
} FlLaneSample;

G_STATIC_ASSERT (sizeof (FlLaneSample) == 32);

/* Busy share of one core over the sampler's smoothing window. */
typedef struct
{
  gint64 t;
  float  busy;         /* 0..1 */
  float  pad;
} FlCoreSample;

typedef enum
{
  FL_REGION_CODE,      /* executable mappings: the program and its libraries */
  FL_REGION_GLOBALS,   /* writable data of the program and libraries (.data, .bss) */
  FL_REGION_HEAP,      /* [heap] and malloc's anonymous arenas */
  FL_REGION_STACK,     /* one per thread */
  FL_REGION_SHARED,    /* shared mappings (the trace region, shared memory) */
  FL_REGION_ANON,      /* other anonymous memory */
  FL_REGION_OTHER,
  FL_N_REGION_KINDS
} FlRegionKind;

typedef struct
{
  FlRegionKind kind;
  guint64      start;
  guint64      end;
  guint64      rss_kb;        /* -1 (G_MAXUINT64) when not measured */
  int          lane;          /* stacks: the thread's lane; else -1 */
  char        *label;         /* path or [heap] / [stack] … */
} FlRegion;

/* One address space (a process of the run) at one time. */
typedef struct
{
  gint64     t;
  int        pid;
  guint      lane;            /* the lane of its main thread: 0 main, K a worker process */
  guint64    rss_kb;
  guint64    pss_kb;
  guint64    shared_clean_kb;
  guint64    shared_dirty_kb;
  guint64    private_clean_kb;
  guint64    private_dirty_kb;
  guint64    anon_kb;
  GPtrArray *regions;         /* of FlRegion*, may be NULL when not read this time */
} FlMemorySample;

/* How much one run may keep in memory: beyond it, records are dropped
 * and counted, as a full ring's are.  0 means no limit (a loaded run). */
typedef struct
{
  guint64 events;        /* timeline events and results */
  guint64 output_lines;
  guint64 output_bytes;  /* of output text */
  guint64 messages;      /* of send/receive */
  guint64 samples;       /* the sampler's, per thread and per core */
  guint64 memory_samples;/* the sampler's, per process, with its regions */
} FlStoreBudget;

/* What a budget kept out. */
typedef struct
{
  guint64 events;        /* timeline events and results not kept */
  guint64 output_lines;  /* output lines not kept */
  guint64 messages;      /* messages not kept (nor their events) */
  guint64 samples;       /* thread, core and memory samples not kept */
  gint64  t;             /* the first of them, -1 if none */
} FlStoreOverBudget;

#define FL_TYPE_STORE (fl_store_get_type ())
G_DECLARE_FINAL_TYPE (FlStore, fl_store, FL, STORE, GObject)

FlStore            *fl_store_new              (gint64            t0_ns);
void                fl_store_lock             (FlStore          *self);
void                fl_store_unlock           (FlStore          *self);

/* Writer side (the drain thread, or a loader). */
/* Applies to what fl_store_ingest() adds from then on.  The start, exit,
 * crash and join of a lane are always kept: there are a few per lane,
 * and without them a lane would be drawn running to the end. */
void                fl_store_set_budget       (FlStore          *self,
                                               const FlStoreBudget *budget);
/* A loader's: restores what a saved run's budget kept out. */
void                fl_store_set_over_budget  (FlStore          *self,
                                               const FlStoreOverBudget *over);
void                fl_store_get_over_budget  (FlStore          *self,
                                               FlStoreOverBudget *over);
void                fl_store_get_budget       (FlStore          *self,
                                               FlStoreBudget    *budget);
/* A process of the run found dead at @t with wait @status (by the
 * sampler, or by its parent's wait), whose own records may still be on
 * their way: noted, and settled by fl_store_settle_death() once its ring
 * has been emptied.  Keeps the earliest @t. */
void                fl_store_note_death       (FlStore          *self,
                                               guint             lane,
                                               gint64            t,
                                               int               status);
/* The drain thread, with the lane's ring emptied after the death was
 * noted: a death the lane did not record itself (killed from outside)
 * ends it at the noted time with the signal.  @serial is what
 * fl_store_get_death_serial() returned before the ring was drained. */
void                fl_store_settle_death     (FlStore          *self,
                                               guint             lane,
                                               guint             serial);
/* The run is being stopped: from now on, a death by SIGKILL is the stop's. */
void                fl_store_mark_stopping    (FlStore          *self);
/* 0 if no death is pending on @lane, else a number for settling it. */
guint               fl_store_get_death_serial (FlStore          *self,
                                               guint             lane);
guint               fl_store_add_lane         (FlStore          *self,
                                               FlLaneKind        kind,
                                               gboolean          is_process,
                                               const char       *name,
                                               const char       *template_name);
/* Converts raw records of one ring (absolute timestamps) into events and
 * lane information.  Takes the lock itself. */
void                fl_store_ingest           (FlStore          *self,
                                               guint             lane,
                                               const FlRecord   *records,
                                               gsize             n_records);
/* Appends one event directly (relative time); the caller holds the lock. */
void                fl_store_append           (FlStore          *self,
                                               guint             lane,
                                               const FlEvent    *event);
FlLaneInfo         *fl_store_get_lane_info_mut(FlStore          *self,
                                               guint             lane);
void                fl_store_set_end          (FlStore          *self,
                                               gint64            end_t);
/* After the run: ends every lane that has not ended with a CRASH (or, if
 * @stopped, a kill) at @t, with @signal.  Used when the main process
 * died and took its threads with it, or when the run was stopped. */
void                fl_store_end_unfinished   (FlStore          *self,
                                               gint64            t,
                                               int               signal,
                                               gboolean          stopped);

/* Loader side (a saved run read back; fl-run-file.c): what the drain
 * thread would have derived from records, given as it was.  The output
 * line is copied and gets no event (its OUTPUT event is appended with
 * the lane's others); the caller holds the lock. */
void                fl_store_add_output       (FlStore          *self,
                                               const FlOutputLine *line);
void                fl_store_add_result       (FlStore          *self,
                                               const FlResult   *result);
void                fl_store_add_message      (FlStore          *self,
                                               const FlMessage  *message);
/* The message whose id is @id, or NULL. */
const FlMessage    *fl_store_find_message     (FlStore          *self,
                                               guint32           id);

/* Sampler side; the caller holds the lock. */
void                fl_store_set_n_cores      (FlStore          *self,
                                               guint             n_cores);
void                fl_store_add_lane_sample  (FlStore          *self,
                                               guint             lane,
                                               const FlLaneSample *sample);
void                fl_store_add_core_sample  (FlStore          *self,
                                               guint             core,
                                               const FlCoreSample *sample);
/* Takes ownership of @sample (and its regions). */
void                fl_store_add_memory_sample(FlStore          *self,
                                               FlMemorySample   *sample);

/* Reader side. */
guint               fl_store_get_n_cores      (FlStore          *self);
const FlLaneSample *fl_store_get_lane_samples (FlStore          *self,
                                               guint             lane,
                                               gsize            *n_samples);
const FlCoreSample *fl_store_get_core_samples (FlStore          *self,
                                               guint             core,
                                               gsize            *n_samples);
guint               fl_store_get_n_memory_samples (FlStore      *self);
const FlMemorySample *fl_store_get_memory_sample  (FlStore      *self,
                                                   guint         index);
/* The latest memory sample of the process whose main lane is @lane, or NULL. */
const FlMemorySample *fl_store_get_latest_memory  (FlStore      *self,
                                                   guint         lane);
gint64              fl_store_get_t0           (FlStore          *self);
gint64              fl_store_get_end          (FlStore          *self); /* -1 while running */
gint64              fl_store_get_last_t       (FlStore          *self); /* latest event time */
guint               fl_store_get_n_lanes      (FlStore          *self);
const FlLaneInfo   *fl_store_get_lane_info    (FlStore          *self,
                                               guint             lane);
const FlEvent      *fl_store_get_events       (FlStore          *self,
                                               guint             lane,
                                               gsize            *n_events);
guint               fl_store_get_n_output     (FlStore          *self);
const FlOutputLine *fl_store_get_output       (FlStore          *self,
                                               guint             index);
/* The same lines ordered by time (fl_store_get_output is arrival order,
 * which OUTPUT events index; lanes are drained one after another). */
const FlOutputLine *fl_store_get_output_sorted(FlStore          *self,
                                               guint             index);
guint               fl_store_get_n_results    (FlStore          *self);
const FlResult     *fl_store_get_result       (FlStore          *self,
                                               guint             index);
guint               fl_store_get_n_messages   (FlStore          *self);
const FlMessage    *fl_store_get_message      (FlStore          *self,
                                               guint             index);
guint64             fl_store_get_dropped      (FlStore          *self);
gsize               fl_store_get_n_events     (FlStore          *self);
/* Bytes held for timeline events (capacity included). */
gsize               fl_store_get_event_bytes  (FlStore          *self);
/* Time spent in each state by @lane from its start to its end (or @until
 * for a lane still going), in ns; @durations has FL_N_STATES entries.
 * A worker that exited and was not yet joined counts as ZOMBIE if it is
 * a process. */
void                fl_store_get_state_durations (FlStore       *self,
                                                  guint          lane,
                                                  gint64         until,
                                                  gint64        *durations);
/* The lane's state at time @t. */
FlState             fl_store_get_state_at     (FlStore          *self,
                                               guint             lane,
                                               gint64            t);

G_END_DECLS
