/* fl-types.h
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FlScenario FlScenario;
typedef struct _FlCatalog  FlCatalog;
typedef struct _FlRun      FlRun;
typedef struct _FlStore    FlStore;

/* How the workers of a run are made. */
typedef enum
{
  FL_MODE_THREADS = 0,   /* GThreads inside the main process */
  FL_MODE_FORK    = 1,   /* fork(): copy-on-write copies of the main process */
  FL_MODE_SPAWN   = 2,   /* posix_spawn() of the runner in its worker role */
  FL_N_MODES /*< skip >*/
} FlMode;

#define FL_MODE_MASK_ALL ((1u << FL_MODE_THREADS) | (1u << FL_MODE_FORK) | (1u << FL_MODE_SPAWN))

/* What a worker is doing.  The order is the legend's order. */
typedef enum
{
  FL_STATE_NONE = 0,     /* not started yet */
  FL_STATE_RUNNING,      /* on a CPU, or wanting to be (split by the sampler) */
  FL_STATE_RUNNABLE,     /* wants a core and has none (sampled) */
  FL_STATE_SLEEPING,     /* sleep step */
  FL_STATE_IO,           /* blocked in a real read */
  FL_STATE_LOCK,         /* waiting for a mutex */
  FL_STATE_GIL,          /* waiting for the emulated GIL */
  FL_STATE_JOIN,         /* the main process waiting for a worker */
  FL_STATE_ZOMBIE,       /* a process that exited and was not reaped yet */
  FL_STATE_EXITED,
  FL_STATE_CRASHED,
  FL_STATE_BLOCKED,      /* blocked in the kernel, and the kernel would not say in what (observed programs) */
  FL_N_STATES /*< skip >*/
} FlState;

/* Record kinds in the shared trace. */
typedef enum
{
  FL_EV_NONE = 0,
  FL_EV_RUN_START,       /* main: a = pid, b = tid */
  FL_EV_CREATE,          /* main: arg16 = worker about to be created */
  FL_EV_WORKER_START,    /* worker: a = pid, b = tid, arg8 = 1 for a process */
  FL_EV_STATE,           /* arg8 = FlState, arg16 = reason (FlReason), a = detail */
  FL_EV_OUTPUT,          /* arg16 = text length, arg8 = flags; text in following FL_EV_TEXT records */
  FL_EV_TEXT,            /* continuation: the whole record after the kind byte is text */
  FL_EV_EXIT,            /* a = exit code, b = thread CPU ns */
  FL_EV_CRASH,           /* arg8 = signal number */
  FL_EV_JOIN,            /* main: arg16 = worker, a = wait status (processes) */
  FL_EV_RESULT,          /* arg16 = FlResultKey, a = value, b = second value */
  FL_EV_GIL,             /* arg8 = 1 taken, 0 released */
  FL_EV_SEND,            /* arg16 = channel, a = message id, b = bytes */
  FL_EV_RECEIVE,         /* arg16 = channel, a = message id, b = bytes */
  FL_EV_STACK,           /* a = the thread's stack base (lowest address), b = its size */
  FL_N_EVENT_KINDS /*< skip >*/
} FlEventKind;

#define FL_OUTPUT_TRUNCATED 0x1

/* Why a state was entered: what the timeline's tooltip says. */
typedef enum
{
  FL_REASON_NONE = 0,
  FL_REASON_COMPUTE,
  FL_REASON_PRINT,
  FL_REASON_SLEEP,
  FL_REASON_READ,
  FL_REASON_START,
  FL_REASON_JOIN,
  FL_REASON_STEP,
  FL_REASON_LOCK,
  FL_REASON_RECEIVE,
  FL_REASON_SEND,
  FL_REASON_GIL,
  FL_N_REASONS /*< skip >*/
} FlReason;

/* Values a worker reports for the summary's "results". */
typedef enum
{
  FL_RESULT_NONE = 0,
  FL_RESULT_PRIMES,      /* a = primes counted, b = units computed */
  FL_RESULT_IO_REQUESTS, /* a = requests answered, b = total wait ns */
  FL_RESULT_INCREMENTS,  /* a = increments done, b = 1 if under the lock */
  FL_RESULT_COUNTER,     /* main, at its end: a = the counter's final value */
  FL_RESULT_GLOBAL_SET,  /* a = (gint64) value written */
  FL_RESULT_GLOBAL_SEEN, /* a = (gint64) value read, b = pid */
  FL_RESULT_MESSAGES,    /* a = messages sent, b = messages received */
  FL_RESULT_ALLOC,       /* a = bytes allocated, b = bytes touched */
  FL_RESULT_OPENED,      /* main, `open`: a = the descriptor, b = the file's inode */
  FL_RESULT_DESCRIPTORS, /* `fds`: a = descriptors open, b = how many of the main process's `open` files among them */
  FL_N_RESULTS /*< skip >*/
} FlResultKey;

/* The names files and the command line use ("threads", "running",
 * "compute") are the enums' nicks in their generated GTypes
 * (fl-enum-types.h: FL_TYPE_MODE, FL_TYPE_STATE, ...); the names people
 * read are the labels below, translated.  Both in fl-types.c. */
const char *fl_mode_to_string   (FlMode       mode);
/* "Threads", "Processes (fork)", "Processes (spawn)": translated. */
const char *fl_mode_get_label   (FlMode       mode);
gboolean    fl_mode_from_string (const char  *str,
                                 FlMode      *mode);
const char *fl_state_to_string  (FlState      state);
/* "waiting for the GIL" for people, translated; a short one for legends ("GIL"). */
const char *fl_state_get_label  (FlState      state);
const char *fl_state_get_short_label (FlState state);
const char *fl_reason_to_string (FlReason     reason);
/* "computing", "a sleep step": translated. */
const char *fl_reason_get_label (FlReason     reason);

#define FL_MAX_WORKERS 256

G_END_DECLS
