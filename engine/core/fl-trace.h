/* fl-trace.h — the shared trace: one region, one ring per writer
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The observer creates a memfd region that the main process and every
 * worker map.  It holds a header, the run's plan (a key file), and one
 * single-producer ring of 32-byte records per writer: ring 0 is the main
 * process, ring K worker K, the last one the run's local I/O server.
 *
 * Recording is wait-free and async-signal-safe: a vDSO clock read, a
 * cached CPU number (rseq, through sched_getcpu), a store into the ring
 * and one release store of the head.  No lock, no system call, no
 * allocation.  A full ring drops the record and counts it.
 */

#pragma once

#include <sched.h>
#include <time.h>

#include "fl-types.h"

G_BEGIN_DECLS

typedef struct
{
  guint64 ts;        /* CLOCK_MONOTONIC, ns */
  guint16 lane;      /* ring index: 0 main, K worker K */
  guint16 cpu;       /* sched_getcpu() when recorded */
  guint8  kind;      /* FlEventKind */
  guint8  arg8;
  guint16 arg16;
  guint64 a;
  guint64 b;
} FlRecord;

G_STATIC_ASSERT (sizeof (FlRecord) == 32);

#define FL_TEXT_MAX 480  /* bytes of an output line kept; longer lines are cut and flagged */

typedef struct
{
  /* producer's cache line */
  guint64 head;          /* next record to write; published with release */
  guint64 dropped;       /* records lost to a full ring */
  guint64 cached_tail;   /* producer's last view of tail */
  guint64 pad0[5];
  /* consumer's cache line */
  guint64 tail;          /* next record to read; published with release */
  guint64 pad1[7];
  FlRecord records[];
} FlRing;

#define FL_TRACE_MAGIC   0x52544c46u /* "FLTR" */
#define FL_TRACE_VERSION 1u

typedef struct
{
  guint32 magic;
  guint32 version;
  guint32 n_rings;
  guint32 capacity;       /* records per ring, a power of two */
  guint64 size;           /* bytes mapped */
  guint64 rings_offset;
  guint64 ring_stride;
  guint64 plan_offset;
  guint64 plan_length;
  guint64 shared_offset;  /* FlShared, for cross-process steps */
  gint64  created_ns;     /* observer's clock at creation */
  gint32  observer_pid;
  gint32  main_pid;       /* written by the main process */
} FlTraceHeader;

typedef struct _FlTrace FlTrace;

/* Observer side: a new region for @n_rings rings of @capacity records
 * (rounded up to a power of two) and the plan text. */
FlTrace       *fl_trace_new           (guint          n_rings,
                                       guint          capacity,
                                       const char    *plan,
                                       GError       **error);
/* Child side: maps the region behind @fd (which stays open). */
FlTrace       *fl_trace_new_from_fd   (int            fd,
                                       GError       **error);
void           fl_trace_free          (FlTrace       *trace);
int            fl_trace_get_fd        (FlTrace       *trace);
FlTraceHeader *fl_trace_get_header    (FlTrace       *trace);
FlRing        *fl_trace_get_ring      (FlTrace       *trace,
                                       guint          index);
guint          fl_trace_get_n_rings   (FlTrace       *trace);
guint          fl_trace_get_capacity  (FlTrace       *trace);
const char    *fl_trace_get_plan      (FlTrace       *trace,
                                       gsize         *length);
gpointer       fl_trace_get_shared    (FlTrace       *trace);
gsize          fl_trace_get_shared_size (void);

/* Consumer: copies up to @max records into @out and frees their slots. */
gsize          fl_ring_drain          (FlRing        *ring,
                                       guint          capacity,
                                       FlRecord      *out,
                                       gsize          max);
guint64        fl_ring_get_dropped    (FlRing        *ring);

/* ---- producer side ---------------------------------------------------- */

typedef struct
{
  FlRing  *ring;
  guint64  mask;
  guint16  lane;
} FlProducer;

/* Each recording thread binds itself to its ring once. */
extern __thread FlProducer fl_producer;

void fl_trace_bind (FlTrace *trace,
                    guint    lane);
/* Process-wide: later binds record nothing. */
void fl_trace_set_disabled (gboolean disabled);

static inline guint64
fl_trace_now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (guint64) ts.tv_sec * G_GUINT64_CONSTANT (1000000000) + (guint64) ts.tv_nsec;
}

/* Reserves @n consecutive slots, or returns NULL and counts @n drops. */
static inline FlRecord *
fl_trace_reserve (FlRing  *ring,
                  guint64  mask,
                  guint    n,
                  guint64 *head_out)
{
  guint64 head = ring->head;  /* only this thread writes it */

  if (G_UNLIKELY (head + n - ring->cached_tail > mask + 1))
    {
      ring->cached_tail = __atomic_load_n (&ring->tail, __ATOMIC_ACQUIRE);
      if (head + n - ring->cached_tail > mask + 1)
        {
          __atomic_store_n (&ring->dropped, ring->dropped + n, __ATOMIC_RELAXED);
          return NULL;
        }
    }
  *head_out = head;
  return &ring->records[head & mask];
}

static inline void
fl_trace_publish (FlRing  *ring,
                  guint64  new_head)
{
  __atomic_store_n (&ring->head, new_head, __ATOMIC_RELEASE);
}

/* Records one event at @ts on the calling thread's ring. */
static inline void
fl_trace_emit_at (guint64 ts,
                  guint8  kind,
                  guint8  arg8,
                  guint16 arg16,
                  guint64 a,
                  guint64 b)
{
  FlProducer *p = &fl_producer;
  guint64 head;
  FlRecord *r;
  int cpu;

  if (G_UNLIKELY (p->ring == NULL))
    return;
  if (!(r = fl_trace_reserve (p->ring, p->mask, 1, &head)))
    return;
  cpu = sched_getcpu ();
  r->ts = ts;
  r->lane = p->lane;
  r->cpu = cpu < 0 ? G_MAXUINT16 : (guint16) cpu;
  r->kind = kind;
  r->arg8 = arg8;
  r->arg16 = arg16;
  r->a = a;
  r->b = b;
  fl_trace_publish (p->ring, head + 1);
}

static inline void
fl_trace_emit (guint8  kind,
               guint8  arg8,
               guint16 arg16,
               guint64 a,
               guint64 b)
{
  fl_trace_emit_at (fl_trace_now (), kind, arg8, arg16, a, b);
}

static inline void
fl_trace_state (FlState  state,
                FlReason reason,
                guint64  detail)
{
  fl_trace_emit (FL_EV_STATE, (guint8) state, (guint16) reason, detail, 0);
}

/* An output line: one FL_EV_OUTPUT record and its text in FL_EV_TEXT
 * records, published together.  Lines over FL_TEXT_MAX are cut and flagged. */
void fl_trace_output (const char *text,
                      gssize      length);

/* Number of records an output line of @length bytes takes. */
static inline guint
fl_trace_text_records (gsize length)
{
  return 1 + (guint) ((length + sizeof (FlRecord) - 1) / sizeof (FlRecord));
}

G_END_DECLS
