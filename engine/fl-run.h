/* fl-run.h — the observer's side of one run
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run starts the runner as the main process (posix_spawn, a process
 * group of its own), drains the trace into an FlStore from a thread of
 * its own, and reaps every process of the run.  Signals are emitted on
 * the main context that was the thread-default when fl_run_start() was
 * called.
 */

#pragma once

#include <gio/gio.h>

#include "fl-scenario.h"
#include "fl-store.h"

G_BEGIN_DECLS

#define FL_RUN_ERROR (fl_run_error_quark ())
typedef enum
{
  FL_RUN_ERROR_INVALID,      /* an option out of range or not allowed */
  FL_RUN_ERROR_RUNNER,       /* the runner could not be found or started */
} FlRunError;

GQuark fl_run_error_quark (void);

typedef struct _FlRunOptions
{
  FlMode      mode;
  guint       workers;           /* 0: the scenario's default */
  int         gil;               /* -1: the scenario's default, else 0/1 */
  double      switch_interval_ms;/* the emulated GIL's; 0: 5 ms */
  const char * const *params;    /* "NAME=VALUE" overrides, NULL-terminated; may be NULL */
  guint       ring_capacity;     /* records per ring; 0: default (16384) */
  double      sample_rate_hz;    /* the sampler's; 0: 100 Hz; < 0: no sampling (benchmarks) */
  gboolean    no_trace;          /* record nothing in the runner (benchmarks: the cost of observing) */
  const char *runner_path;       /* NULL: what fl_run_find_runner() finds */
  double      max_seconds;       /* the run's length cap, then a stop; 0: FL_RUN_DEFAULT_MAX_SECONDS; < 0: none */
  /* What the observer keeps of one run (FlStoreBudget); beyond, records
   * are dropped and counted.  0: the default below. */
  guint64     max_events;        /* timeline events and results */
  guint64     max_output_lines;
  guint64     max_output_bytes;  /* of output text */
  guint64     max_messages;      /* send/receive messages */
  guint64     max_samples;       /* the sampler's per thread and per core */
  guint64     max_memory_samples;/* the sampler's per process, with its regions */
} FlRunOptions;

/* A run longer than this is stopped, as by fl_run_stop(). */
#define FL_RUN_DEFAULT_MAX_SECONDS 600.0
#define FL_RUN_MAX_SECONDS_LIMIT   86400.0

/* The default budgets: every preset fits many times over; a program that
 * prints or loops as fast as it can reaches one in seconds (some 110 MB
 * for the observer); all of them full come to about 400 MB. */
#define FL_RUN_DEFAULT_MAX_EVENTS       4000000
#define FL_RUN_DEFAULT_MAX_OUTPUT_LINES 500000
#define FL_RUN_DEFAULT_MAX_OUTPUT_BYTES (32 * 1024 * 1024)
#define FL_RUN_DEFAULT_MAX_MESSAGES     500000
#define FL_RUN_DEFAULT_MAX_SAMPLES      2000000
#define FL_RUN_DEFAULT_MAX_MEMORY_SAMPLES 10000

void fl_run_options_init (FlRunOptions *options,
                          FlScenario   *scenario);

#define FL_TYPE_RUN (fl_run_get_type ())
G_DECLARE_FINAL_TYPE (FlRun, fl_run, FL, RUN, GObject)

/* Checks the options against the scenario: mode allowed, workers within
 * the scenario's and 1..256, every parameter known and in range.  The
 * error says which and why. */
FlRun       *fl_run_new              (FlScenario         *scenario,
                                      const FlRunOptions *options,
                                      GError            **error);
gboolean     fl_run_start            (FlRun              *self,
                                      GError            **error);
/* Kills every process of the run; "finished" follows once all are reaped. */
void         fl_run_stop             (FlRun              *self);
/* Starts, then iterates the thread-default main context until finished. */
gboolean     fl_run_run_sync         (FlRun              *self,
                                      GError            **error);

FlScenario  *fl_run_get_scenario     (FlRun              *self);
FlStore     *fl_run_get_store        (FlRun              *self);
FlMode       fl_run_get_mode         (FlRun              *self);
guint        fl_run_get_n_workers    (FlRun              *self);
gboolean     fl_run_get_gil          (FlRun              *self);
double       fl_run_get_switch_interval_ms (FlRun        *self);
/* 0 when the run is not sampled. */
double       fl_run_get_sample_rate  (FlRun              *self);
/* The resolved value of every parameter, in the scenario's order. */
const double*fl_run_get_param_values (FlRun              *self);
gboolean     fl_run_is_running       (FlRun              *self);
gboolean     fl_run_is_finished      (FlRun              *self);
gboolean     fl_run_was_stopped      (FlRun              *self);
/* Stopped because it reached its length cap (FlRunOptions.max_seconds). */
gboolean     fl_run_hit_time_limit   (FlRun              *self);
/* The cap in seconds; 0 when there is none. */
double       fl_run_get_max_seconds  (FlRun              *self);
int          fl_run_get_main_pid     (FlRun              *self);
/* The main process's wait status once reaped. */
int          fl_run_get_main_status  (FlRun              *self);

/* For a run read back from a file (fl-run-file.h): emits "output" for
 * every line, in time order, then "finished", as a live run emits them
 * by the time it ends, so that views take it the same way. */
void         fl_run_replay_signals   (FlRun              *self);

/* Signals:
 *   "output"   (guint index) — a line was added to the store's output list
 *   "finished" () — every process is reaped and the store is complete */

/* A run of a Python program (fl-program.h) instead of a scenario: the
 * options' sample rate, ring and length cap apply; mode, workers and
 * parameters do not. */
typedef struct _FlProgram FlProgram;
FlRun       *fl_run_new_for_program  (FlProgram          *program,
                                      const FlRunOptions *options,
                                      GError            **error);
/* The program a run observed, or NULL for a scenario run. */
FlProgram   *fl_run_get_program      (FlRun              *self);
/* What the run says once about how it was observed (limits met, what the
 * kernel would not show), once it has finished; of char*. */
GPtrArray   *fl_run_dup_notes        (FlRun              *self);
/* For a run read back from a file. */
void         fl_run_set_program      (FlRun              *self,
                                      FlProgram          *program,
                                      const char * const *notes);

/* Locates the runner executable; NULL with an error naming the places tried. */
char        *fl_run_find_runner      (GError            **error);

G_END_DECLS
