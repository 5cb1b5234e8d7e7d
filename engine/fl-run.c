/* fl-run.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-run"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "fl-plan.h"
#include "fl-program.h"
#include "fl-run.h"
#include "fl-run-private.h"
#include "fl-sampler.h"
#include "fl-trace.h"
#include "fl-util.h"

extern char **environ;

#define DEFAULT_RING_CAPACITY 16384
#define DRAIN_INTERVAL_US     5000
#define DRAIN_BATCH           65536
#define DISPATCH_MAX_LINES    2000   /* "output" signals per main-loop turn: signals and Stop get theirs */
/* An observed program's processes left when its main process ended get
 * this long to end by themselves, then are killed. */
#define LEFTOVER_GRACE_US     (G_USEC_PER_SEC / 2)

struct _FlRun
{
  GObject       parent_instance;

  FlScenario   *scenario;
  FlStore      *store;
  FlPlan        plan;
  char         *runner_path;
  guint         ring_capacity;
  FlStoreBudget budget;

  double        sample_rate_hz;
  FlSampler    *sampler;
  FlTrace      *trace;
  GMainContext *context;
  GThread      *drain_thread;
  FlRecord     *buffer;

  GMutex        mutex;
  GCond         cond;
  gboolean      started;
  gboolean      stopping;    /* stop asked: the drain thread kills the group */
  gboolean      stopped;
  gboolean      hit_time_limit;
  double        max_seconds; /* 0: no cap */
  gint64        deadline;    /* monotonic µs at which the drain thread stops the run; 0: none */
  gboolean      done;        /* every process reaped (drain thread side) */
  gboolean      finished;    /* "finished" emitted (main context side) */
  gboolean      dispatch_pending;
  guint         emitted_output;

  pid_t         main_pid;
  int           main_status;

  /* an observed Python program instead of a scenario (fl-program.h) */
  FlProgram      *program;
  FlProgramWatch *watch;
  GPtrArray      *notes;      /* what the run says once; of char* */
};

G_DEFINE_FINAL_TYPE (FlRun, fl_run, G_TYPE_OBJECT)

enum {
  SIGNAL_OUTPUT,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (fl-run-error-quark, fl_run_error)

static void
fl_run_dispose (GObject *object)
{
  FlRun *self = (FlRun *) object;

  /* The drain thread holds a reference while it runs, so by now it is done. */
  if (self->drain_thread)
    g_clear_pointer (&self->drain_thread, g_thread_join);
  g_clear_object (&self->scenario);
  g_clear_object (&self->store);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->watch, fl_program_watch_free);
  g_clear_object (&self->program);

  G_OBJECT_CLASS (fl_run_parent_class)->dispose (object);
}

static void
fl_run_finalize (GObject *object)
{
  FlRun *self = (FlRun *) object;

  g_clear_pointer (&self->sampler, fl_sampler_free);
  g_clear_pointer (&self->trace, fl_trace_free);
  g_clear_pointer (&self->plan.param_values, g_free);
  g_clear_pointer (&self->runner_path, g_free);
  g_clear_pointer (&self->buffer, g_free);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (fl_run_parent_class)->finalize (object);
}

static void
fl_run_class_init (FlRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fl_run_dispose;
  object_class->finalize = fl_run_finalize;

  /**
   * FlRun::output:
   * @index: the line's index in the store's output list
   */
  signals[SIGNAL_OUTPUT] =
    g_signal_new ("output", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * FlRun::finished:
   *
   * Every process of the run is reaped and the store holds all it recorded.
   */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
fl_run_init (FlRun *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
}

void
fl_run_options_init (FlRunOptions *options,
                     FlScenario   *scenario)
{
  memset (options, 0, sizeof *options);
  options->mode = scenario ? fl_scenario_get_default_mode (scenario) : FL_MODE_THREADS;
  options->gil = -1;
}

static char *
describe_modes (FlScenario *scenario)
{
  GString *str = g_string_new (NULL);
  guint m;

  for (m = 0; m < FL_N_MODES; m++)
    if (fl_scenario_allows_mode (scenario, (FlMode) m))
      {
        if (str->len)
          g_string_append (str, ", ");
        g_string_append (str, fl_mode_to_string ((FlMode) m));
      }
  return g_string_free (str, FALSE);
}

static gboolean
resolve_params (FlScenario          *scenario,
                const char * const  *overrides,
                double              *values,
                GError             **error)
{
  guint n = fl_scenario_get_n_params (scenario);
  guint i;

  for (i = 0; i < n; i++)
    values[i] = fl_scenario_get_param (scenario, i)->default_value;

  for (i = 0; overrides && overrides[i]; i++)
    {
      const char *eq = strchr (overrides[i], '=');
      g_autofree char *name = NULL;
      const FlParam *param;
      guint j;

      if (eq == NULL || eq == overrides[i])
        {
          g_set_error (error, FL_RUN_ERROR, FL_RUN_ERROR_INVALID,
                       _("Malformed parameter “%s”: expected NAME=VALUE"), overrides[i]);
          return FALSE;
        }
      name = g_strndup (overrides[i], (gsize) (eq - overrides[i]));
      if (!(param = fl_scenario_find_param (scenario, name)))
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (j = 0; j < n; j++)
            g_string_append_printf (known, "%s%s", j ? ", " : "",
                                    fl_scenario_get_param (scenario, j)->name);
          if (n == 0)
            g_set_error (error, FL_RUN_ERROR, FL_RUN_ERROR_INVALID,
                         _("Unknown parameter “%s”: scenario “%s” has no parameters"),
                         name, fl_scenario_get_id (scenario));
          else
            g_set_error (error, FL_RUN_ERROR, FL_RUN_ERROR_INVALID,
                         _("Unknown parameter “%s” for scenario “%s” (it has: %s)"),
                         name, fl_scenario_get_id (scenario), known->str);
          return FALSE;
        }
      for (j = 0; j < n; j++)
        if (fl_scenario_get_param (scenario, j) == param &&
            !fl_param_parse_value (param, eq + 1, &values[j], error))
          return FALSE;
    }
  return TRUE;
}

/* Lanes are known before the run: the main process, each worker, the server. */
static void
setup_store (FlRun  *self,
             gint64  t0)
{
  guint k;

  g_clear_object (&self->store);
  self->store = fl_store_new (t0);
  fl_store_set_budget (self->store, &self->budget);
  fl_store_add_lane (self->store, FL_LANE_MAIN, TRUE, _("main"), NULL);
  if (self->program)
    return;               /* lanes come as the program's threads appear */
  for (k = 1; k <= self->plan.n_workers; k++)
    {
      const FlWorkerTemplate *tmpl = fl_scenario_get_template_for_worker (self->scenario, k);
      g_autofree char *name = g_strdup_printf ("%s %u", tmpl->name, k);

      fl_store_add_lane (self->store, FL_LANE_WORKER, self->plan.mode != FL_MODE_THREADS,
                         name, tmpl->name);
    }
  if (self->plan.has_server)
    fl_store_add_lane (self->store, FL_LANE_SERVER, FALSE, _("I/O server"), NULL);
}

/**
 * fl_run_new:
 * @scenario: what to run
 * @options: how; see #FlRunOptions
 * @error: where to say what is wrong with @options
 *
 * Returns: (transfer full): a run ready to start, or %NULL
 */
FlRun *
fl_run_new (FlScenario          *scenario,
            const FlRunOptions  *options,
            GError             **error)
{
  g_autoptr(FlRun) self = NULL;
  guint n_params = fl_scenario_get_n_params (scenario);
  guint workers;

  g_return_val_if_fail (FL_IS_SCENARIO (scenario), NULL);

  if ((guint) options->mode >= FL_N_MODES || !fl_scenario_allows_mode (scenario, options->mode))
    {
      g_autofree char *allowed = describe_modes (scenario);
      g_set_error (error, FL_RUN_ERROR, FL_RUN_ERROR_INVALID,
                   _("Scenario “%s” does not run in mode “%s” (it allows: %s)"),
                   fl_scenario_get_id (scenario),
                   (guint) options->mode < FL_N_MODES ? fl_mode_to_string (options->mode) : "?",
                   allowed);
      return NULL;
    }

  workers = options->workers ? options->workers : fl_scenario_get_default_workers (scenario);
  if (workers < 1 || workers > FL_MAX_WORKERS ||
      workers < fl_scenario_get_min_workers (scenario) ||
      workers > fl_scenario_get_max_workers (scenario))
    {
      g_set_error (error, FL_RUN_ERROR, FL_RUN_ERROR_INVALID,
                   _("Worker count %u is out of range: scenario “%s” takes %u to %u workers"),
                   workers, fl_scenario_get_id (scenario),
                   MAX (1, fl_scenario_get_min_workers (scenario)),
                   MIN (FL_MAX_WORKERS, fl_scenario_get_max_workers (scenario)));
      return NULL;
    }

  if (options->switch_interval_ms < 0 || options->switch_interval_ms > 1000)
    {
      g_set_error (error, FL_RUN_ERROR, FL_RUN_ERROR_INVALID,
                   _("Switch interval %g ms is out of range: it must be from 0.1 to 1000 ms"),
                   options->switch_interval_ms);
      return NULL;
    }

  self = g_object_new (FL_TYPE_RUN, NULL);
  self->scenario = g_object_ref (scenario);
  self->plan.scenario = scenario;
  self->plan.mode = options->mode;
  self->plan.n_workers = workers;
  self->plan.gil = options->gil < 0 ? fl_scenario_get_default_gil (scenario) : options->gil != 0;
  self->plan.switch_interval_ms = options->switch_interval_ms > 0 ? options->switch_interval_ms : 5.0;
  self->plan.param_values = g_new0 (double, MAX (n_params, 1));
  self->plan.has_server = fl_scenario_uses_step (scenario, FL_STEP_IO);
  if (!resolve_params (scenario, options->params, self->plan.param_values, error))
    return NULL;

  if (options->sample_rate_hz > 1000 || (options->sample_rate_hz > 0 && options->sample_rate_hz < 1))
    {
      g_set_error (error, FL_RUN_ERROR, FL_RUN_ERROR_INVALID,
                   _("Sample rate %g Hz is out of range: it must be from 1 to 1000 Hz"),
                   options->sample_rate_hz);
      return NULL;
    }
  self->sample_rate_hz = options->sample_rate_hz == 0 ? FL_SAMPLER_DEFAULT_HZ
                       : options->sample_rate_hz < 0 ? 0 : options->sample_rate_hz;
  self->plan.no_trace = options->no_trace;
  if (options->max_seconds > FL_RUN_MAX_SECONDS_LIMIT)
    {
      g_set_error (error, FL_RUN_ERROR, FL_RUN_ERROR_INVALID,
                   _("Run length cap %g s is out of range: it must be at most %g s"),
                   options->max_seconds, FL_RUN_MAX_SECONDS_LIMIT);
      return NULL;
    }
  self->max_seconds = options->max_seconds == 0 ? FL_RUN_DEFAULT_MAX_SECONDS
                    : options->max_seconds < 0 ? 0 : options->max_seconds;
  self->ring_capacity = options->ring_capacity ? options->ring_capacity : DEFAULT_RING_CAPACITY;
  self->budget.events = options->max_events ? options->max_events : FL_RUN_DEFAULT_MAX_EVENTS;
  self->budget.output_lines = options->max_output_lines ? options->max_output_lines
                                                        : FL_RUN_DEFAULT_MAX_OUTPUT_LINES;
  self->budget.output_bytes = options->max_output_bytes ? options->max_output_bytes
                                                        : FL_RUN_DEFAULT_MAX_OUTPUT_BYTES;
  self->budget.messages = options->max_messages ? options->max_messages : FL_RUN_DEFAULT_MAX_MESSAGES;
  self->budget.samples = options->max_samples ? options->max_samples : FL_RUN_DEFAULT_MAX_SAMPLES;
  self->budget.memory_samples = options->max_memory_samples ? options->max_memory_samples
                                                            : FL_RUN_DEFAULT_MAX_MEMORY_SAMPLES;
  self->runner_path = g_strdup (options->runner_path);

  setup_store (self, 0);

  return g_steal_pointer (&self);
}

char *
fl_run_find_runner (GError **error)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = exe ? g_path_get_dirname (exe) : g_get_current_dir ();
  g_autoptr(GPtrArray) tried = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  g_autofree char *relocated = NULL;
  const char *env = g_getenv ("FORKLINE_RUNNER");
  guint i;

  if (env && *env)
    g_ptr_array_add (tried, g_strdup (env));
  g_ptr_array_add (tried, g_build_filename (dir, "forkline-runner", NULL));
  /* An installed forkline, even one copied elsewhere with its prefix. */
  if ((relocated = fl_installed_path (LIBEXECDIR "/forkline-runner")) != NULL)
    g_ptr_array_add (tried, g_steal_pointer (&relocated));
  /* The build tree: app/forkline and engine/core/forkline-runner. */
  g_ptr_array_add (tried, g_build_filename (dir, "..", "engine", "core", "forkline-runner", NULL));
  g_ptr_array_add (tried, g_build_filename (LIBEXECDIR, "forkline-runner", NULL));

  for (i = 0; i < tried->len; i++)
    if (g_file_test (g_ptr_array_index (tried, i), G_FILE_TEST_IS_EXECUTABLE) &&
        !g_file_test (g_ptr_array_index (tried, i), G_FILE_TEST_IS_DIR))
      return g_canonicalize_filename (g_ptr_array_index (tried, i), NULL);

  g_ptr_array_add (tried, NULL);
  joined = g_strjoinv (", ", (char **) tried->pdata);
  g_set_error (error, FL_RUN_ERROR, FL_RUN_ERROR_RUNNER,
               _("Cannot find forkline-runner (tried %s)"), joined);
  return NULL;
}

/* ---- the drain thread ---------------------------------------------------- */

static int
compare_output_time (gconstpointer a,
                     gconstpointer b,
                     gpointer      data)
{
  FlStore *store = data;
  gint64 ta = fl_store_get_output (store, *(const guint *) a)->t;
  gint64 tb = fl_store_get_output (store, *(const guint *) b)->t;

  return (ta > tb) - (ta < tb);
}

static void schedule_dispatch (FlRun *self);

static gboolean
dispatch_cb (gpointer data)
{
  FlRun *self = data;
  g_autoptr(GArray) order = NULL;
  guint n_output, until;
  gboolean done;
  guint i;

  g_mutex_lock (&self->mutex);
  self->dispatch_pending = FALSE;
  done = self->done;
  g_mutex_unlock (&self->mutex);

  fl_store_lock (self->store);
  n_output = fl_store_get_n_output (self->store);
  /* A bounded share per turn of the main loop, so that a run that prints
   * as fast as it can leaves room for signals, Stop and drawing. */
  until = MIN (n_output, self->emitted_output + DISPATCH_MAX_LINES);
  /* Emit the new lines in time order: lanes are drained one by one. */
  order = g_array_sized_new (FALSE, FALSE, sizeof (guint), until - self->emitted_output);
  for (i = self->emitted_output; i < until; i++)
    g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_output_time, self->store);
  fl_store_unlock (self->store);

  if (until > self->emitted_output)
    {
      g_object_ref (self);
      for (i = 0; i < order->len; i++)
        g_signal_emit (self, signals[SIGNAL_OUTPUT], 0, g_array_index (order, guint, i));
      self->emitted_output = until;
      g_object_unref (self);
    }
  if (until < n_output)
    {
      schedule_dispatch (self);
      return G_SOURCE_REMOVE;
    }

  if (done && !self->finished)
    {
      self->finished = TRUE;
      if (self->drain_thread)
        g_clear_pointer (&self->drain_thread, g_thread_join);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
    }
  return G_SOURCE_REMOVE;
}

static void
schedule_dispatch (FlRun *self)
{
  gboolean schedule;

  g_mutex_lock (&self->mutex);
  schedule = !self->dispatch_pending;
  self->dispatch_pending = TRUE;
  g_mutex_unlock (&self->mutex);

  /* Always through a source, never a direct call: dispatch_cb() calls
   * this for its next share. */
  if (schedule)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, dispatch_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[forkline] run dispatch");
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

/**
 * fl_run_drain_trace:
 * @trace: the run's rings
 * @store: where their records go
 * @buffer: room for @batch records
 * @batch: records taken from a ring at a time
 *
 * One pass of the drain thread: empties every ring into @store, lane
 * after lane, taking at most a ring's capacity from each (so that a
 * pass ends even while a worker writes as fast as it is drained), and
 * notes what each ring dropped.  Deaths noted on a lane are settled
 * once its ring is empty.  Also what the ingest benchmark times.
 *
 * Returns: TRUE if any record was read
 */
gboolean
fl_run_drain_trace (FlTrace  *trace,
                    FlStore  *store,
                    FlRecord *buffer,
                    gsize     batch)
{
  guint n_rings = fl_trace_get_n_rings (trace);
  guint capacity = fl_trace_get_capacity (trace);
  guint n_lanes = fl_store_get_n_lanes (store);
  gboolean any = FALSE;
  guint i;

  for (i = 0; i < n_rings && i < n_lanes; i++)
    {
      FlRing *ring = fl_trace_get_ring (trace, i);
      guint serial = fl_store_get_death_serial (store, i);
      gboolean emptied = FALSE;
      gsize taken = 0;
      gsize n;

      for (;;)
        {
          if ((n = fl_ring_drain (ring, capacity, buffer, batch)) == 0)
            {
              emptied = TRUE;
              break;
            }
          fl_store_ingest (store, i, buffer, n);
          any = TRUE;
          if ((taken += n) >= capacity)
            break;
        }
      fl_store_lock (store);
      fl_store_get_lane_info_mut (store, i)->dropped = fl_ring_get_dropped (ring);
      fl_store_unlock (store);
      /* The lane's process was dead when the death was noted: everything
       * it recorded has just been read. */
      if (emptied)
        fl_store_settle_death (store, i, serial);
    }
  return any;
}

static gboolean
drain_once (FlRun *self)
{
  guint before = fl_store_get_n_output (self->store);
  gboolean any = fl_run_drain_trace (self->trace, self->store, self->buffer, DRAIN_BATCH);

  return any && fl_store_get_n_output (self->store) != before;
}

static gint64
store_now (FlRun *self)
{
  return (gint64) fl_trace_now () - fl_store_get_t0 (self->store);
}

static void
finish_store (FlRun  *self,
              gint64  main_reap_t)
{
  FlStore *store = self->store;
  int status = self->main_status;
  FlLaneInfo *main_lane;
  gint64 end = store_now (self);
  guint n, i;

  /* The main process's end, from its wait status: the observer reaped it. */
  fl_store_lock (store);
  main_lane = fl_store_get_lane_info_mut (store, 0);
  if (WIFEXITED (status))
    {
      if (main_lane->exit_t < 0)
        main_lane->exit_t = main_reap_t;
      main_lane->exit_code = WEXITSTATUS (status);
    }
  fl_store_unlock (store);

  if (self->stopped)
    fl_store_end_unfinished (store, main_reap_t, SIGKILL, TRUE);
  else if (WIFSIGNALED (status))
    {
      /* The main process died, and every thread of it with it: at the
       * moment its crashing thread recorded, if one did. */
      gint64 t = main_reap_t;

      fl_store_lock (store);
      n = fl_store_get_n_lanes (store);
      for (i = 0; i < n; i++)
        {
          const FlLaneInfo *info = fl_store_get_lane_info (store, i);
          if (info->signal == WTERMSIG (status) && info->end_t >= 0 && info->end_t < t &&
              !info->is_process)
            t = info->end_t;
        }
      fl_store_unlock (store);
      fl_store_end_unfinished (store, t, WTERMSIG (status), FALSE);
    }
  else
    /* Workers the main process never reaped (it exited, or they outlived it). */
    fl_store_end_unfinished (store, main_reap_t, SIGKILL, FALSE);

  fl_store_lock (store);
  main_lane->join_t = main_reap_t;
  fl_store_unlock (store);

  fl_store_set_end (store, end);
}

static gpointer
drain_thread (gpointer data)
{
  g_autoptr(FlRun) self = data;
  gboolean main_reaped = FALSE;
  gboolean killed_leftovers = FALSE;
  gint64 leftover_deadline = 0;
  gint64 main_reap_t = -1;
  gboolean killed = FALSE;

  for (;;)
    {
      gboolean all_reaped = FALSE;
      gint64 deadline;

      if (self->trace && drain_once (self))
        schedule_dispatch (self);
      if (self->watch && fl_program_watch_poll (self->watch))
        schedule_dispatch (self);

      g_mutex_lock (&self->mutex);
      if (self->deadline && !self->stopping && g_get_monotonic_time () >= self->deadline)
        {
          self->stopping = TRUE;
          self->hit_time_limit = TRUE;
        }
      if (self->stopping && !killed)
        {
          fl_store_mark_stopping (self->store);
          kill (-self->main_pid, SIGKILL);
          if (self->watch)
            fl_program_watch_kill_all (self->watch, FALSE);
          killed = TRUE;
          self->stopped = TRUE;
        }
      for (;;)
        {
          int status;
          pid_t pid = waitpid (-self->main_pid, &status, WNOHANG);

          if (pid == self->main_pid)
            {
              main_reaped = TRUE;
              main_reap_t = store_now (self);
              self->main_status = status;
              if (self->watch)
                {
                  /* Nothing the program started outlives it; but helpers
                   * that end when it does (multiprocessing's resource
                   * tracker, a forkserver) get a moment to do so. */
                  fl_program_watch_reaped (self->watch, pid, status, main_reap_t);
                  leftover_deadline = g_get_monotonic_time () + LEFTOVER_GRACE_US;
                }
            }
          else if (pid > 0)
            {
              /* an orphaned worker, handed to us as the subreaper */
              if (self->watch)
                fl_program_watch_reaped (self->watch, pid, status, store_now (self));
              continue;
            }
          else if (pid < 0 && errno == EINTR)
            continue;
          else
            {
              all_reaped = main_reaped && pid < 0 && errno == ECHILD;
              if (self->watch && main_reaped)
                {
                  fl_program_watch_reap (self->watch);
                  if (!all_reaped || !fl_program_watch_all_gone (self->watch))
                    {
                      all_reaped = FALSE;
                      if (killed_leftovers)
                        fl_program_watch_kill_all (self->watch, FALSE);
                      else if (self->stopping || g_get_monotonic_time () >= leftover_deadline)
                        {
                          fl_program_watch_kill_all (self->watch, !self->stopping);
                          killed_leftovers = TRUE;
                        }
                    }
                }
              break;
            }
        }
      if (all_reaped)
        {
          g_mutex_unlock (&self->mutex);
          break;
        }
      deadline = g_get_monotonic_time () + DRAIN_INTERVAL_US;
      if (!self->stopping || killed)
        g_cond_wait_until (&self->cond, &self->mutex, deadline);
      g_mutex_unlock (&self->mutex);
    }

  if (self->sampler)
    fl_sampler_stop (self->sampler);
  /* Every process is gone: what is left in the rings is all there is. */
  if (self->trace)
    while (fl_run_drain_trace (self->trace, self->store, self->buffer, DRAIN_BATCH))
      ;
  if (self->watch)
    {
      GPtrArray *notes;

      fl_program_watch_finish (self->watch, main_reap_t, self->stopped);
      notes = fl_program_watch_dup_notes (self->watch);
      g_mutex_lock (&self->mutex);
      self->notes = notes;
      g_mutex_unlock (&self->mutex);
    }
  finish_store (self, main_reap_t);

  g_mutex_lock (&self->mutex);
  self->done = TRUE;
  g_mutex_unlock (&self->mutex);
  schedule_dispatch (self);

  return NULL;
}

/* ---- starting and stopping ------------------------------------------------ */

/* The observer could not make a thread it needs (the limit on processes
 * and threads, ulimit -u): the run's processes, already started, are
 * killed and reaped, and the error says what failed. */
static void
abandon_run (FlRun       *self,
             const char  *thread,
             GError      *thread_error,
             GError     **error)
{
  g_autoptr(GError) cause = thread_error;

  if (self->sampler)
    fl_sampler_stop (self->sampler);
  kill (-self->main_pid, SIGKILL);
  if (self->watch)
    fl_program_watch_kill_all (self->watch, FALSE);
  for (;;)
    {
      pid_t pid = waitpid (-self->main_pid, NULL, 0);

      if (pid < 0 && errno == EINTR)
        continue;
      if (pid < 0)
        break;
    }
  self->started = FALSE;
  if (g_error_matches (cause, G_THREAD_ERROR, G_THREAD_ERROR_AGAIN))
    /* TRANSLATORS: %s is the thread, e.g. "drain"; then the system's reason */
    g_set_error (error, FL_RUN_ERROR, FL_RUN_ERROR_RUNNER,
                 _("Could not start the run: the observer could not create its %s thread (%s); "
                   "the limit on processes and threads per user (ulimit -u) may have been reached"),
                 thread, cause->message);
  else
    g_set_error (error, FL_RUN_ERROR, FL_RUN_ERROR_RUNNER,
                 _("Could not start the run: the observer could not create its %s thread (%s)"),
                 thread, cause->message);
}

static gboolean
start_program (FlRun   *self,
               GError **error)
{
  GError *thread_error = NULL;
  gint64 t0;
  int pid;

  if (!(self->watch = fl_program_watch_new (self->program, error)))
    return FALSE;
  if (!fl_program_watch_spawn (self->watch, &t0, &pid, error))
    {
      g_clear_pointer (&self->watch, fl_program_watch_free);
      return FALSE;
    }

  /* Event times count from just before the main process was started. */
  setup_store (self, t0);
  fl_program_watch_set_store (self->watch, self->store);
  self->main_pid = pid;
  self->started = TRUE;
  if (self->max_seconds > 0)
    self->deadline = g_get_monotonic_time () + (gint64) (self->max_seconds * G_USEC_PER_SEC);
  self->context = g_main_context_ref_thread_default ();
  fl_store_get_lane_info_mut (self->store, 0)->create_t = 0;

  if (self->sample_rate_hz > 0)
    {
      self->sampler = fl_sampler_new (self->store, self->sample_rate_hz, FL_SAMPLER_MEMORY_HZ);
      fl_sampler_set_classify (self->sampler, TRUE);
      fl_program_watch_set_sampler (self->watch, self->sampler);
    }
  /* The first poll makes the main process's lane before sampling starts. */
  fl_program_watch_poll (self->watch);
  if (self->sampler && !fl_sampler_start (self->sampler, &thread_error))
    {
      abandon_run (self, _("sampler"), thread_error, error);
      return FALSE;
    }
  self->drain_thread = g_thread_try_new ("forkline-drain", drain_thread, g_object_ref (self), &thread_error);
  if (self->drain_thread == NULL)
    {
      g_object_unref (self);  /* the drain thread's reference */
      abandon_run (self, _("drain"), thread_error, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * fl_run_start:
 *
 * Starts the main process.  Call it from a thread that outlives the run
 * (the main thread): the kernel ties the children's lifetime to it.
 */
gboolean
fl_run_start (FlRun   *self,
              GError **error)
{
  g_autofree char *plan_text = NULL;
  g_autofree char *runner = NULL;
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  sigset_t empty, defaults;
  char fd_arg[16], parent_arg[16];
  char *argv[8];
  GError *thread_error = NULL;
  gint64 t0;
  pid_t pid;
  int rc;

  g_return_val_if_fail (FL_IS_RUN (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  if (self->program)
    return start_program (self, error);

  if (self->runner_path)
    runner = g_strdup (self->runner_path);
  else if (!(runner = fl_run_find_runner (error)))
    return FALSE;

  plan_text = fl_plan_serialize (&self->plan);
  if (!(self->trace = fl_trace_new (self->plan.n_workers + 2, self->ring_capacity, plan_text, error)))
    return FALSE;
  self->buffer = g_new (FlRecord, DRAIN_BATCH);

  /* Processes of the run whose parent dies come to us, so that we reap them. */
  prctl (PR_SET_CHILD_SUBREAPER, 1);

  g_snprintf (fd_arg, sizeof fd_arg, "%d", 3);
  g_snprintf (parent_arg, sizeof parent_arg, "%d", (int) getpid ());
  argv[0] = runner;
  argv[1] = (char *) "--main";
  argv[2] = (char *) "--fd";
  argv[3] = fd_arg;
  argv[4] = (char *) "--parent";
  argv[5] = parent_arg;
  argv[6] = NULL;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2 (&actions, fl_trace_get_fd (self->trace), 3);
  posix_spawn_file_actions_addclosefrom_np (&actions, 4);
  posix_spawnattr_init (&attr);
  sigemptyset (&empty);
  sigemptyset (&defaults);
  sigaddset (&defaults, SIGINT);
  sigaddset (&defaults, SIGTERM);
  sigaddset (&defaults, SIGPIPE);
  sigaddset (&defaults, SIGCHLD);
  posix_spawnattr_setsigmask (&attr, &empty);
  posix_spawnattr_setsigdefault (&attr, &defaults);
  posix_spawnattr_setpgroup (&attr, 0);
  posix_spawnattr_setflags (&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
                                   POSIX_SPAWN_SETPGROUP);

  t0 = (gint64) fl_trace_now ();
  rc = posix_spawn (&pid, runner, &actions, &attr, argv, environ);
  posix_spawn_file_actions_destroy (&actions);
  posix_spawnattr_destroy (&attr);
  if (rc != 0)
    {
      if (rc == EAGAIN)
        g_set_error (error, FL_RUN_ERROR, FL_RUN_ERROR_RUNNER,
                     _("Could not start %s: %s; the limit on processes and threads per user "
                       "(ulimit -u) may have been reached"), runner, g_strerror (rc));
      else
        g_set_error (error, FL_RUN_ERROR, FL_RUN_ERROR_RUNNER,
                     _("Could not start %s: %s"), runner, g_strerror (rc));
      return FALSE;
    }

  /* Event times count from just before the main process was requested. */
  setup_store (self, t0);
  self->main_pid = pid;
  self->started = TRUE;
  if (self->max_seconds > 0)
    self->deadline = g_get_monotonic_time () + (gint64) (self->max_seconds * G_USEC_PER_SEC);
  self->context = g_main_context_ref_thread_default ();
  fl_store_get_lane_info_mut (self->store, 0)->create_t = 0;

  if (self->sample_rate_hz > 0)
    {
      self->sampler = fl_sampler_new (self->store, self->sample_rate_hz, FL_SAMPLER_MEMORY_HZ);
      if (!fl_sampler_start (self->sampler, &thread_error))
        {
          abandon_run (self, _("sampler"), thread_error, error);
          return FALSE;
        }
    }
  self->drain_thread = g_thread_try_new ("forkline-drain", drain_thread, g_object_ref (self), &thread_error);
  if (self->drain_thread == NULL)
    {
      g_object_unref (self);  /* the drain thread's reference */
      abandon_run (self, _("drain"), thread_error, error);
      return FALSE;
    }
  return TRUE;
}

void
fl_run_stop (FlRun *self)
{
  g_return_if_fail (FL_IS_RUN (self));

  g_mutex_lock (&self->mutex);
  if (self->started && !self->done)
    {
      self->stopping = TRUE;
      g_cond_signal (&self->cond);
    }
  g_mutex_unlock (&self->mutex);
}

gboolean
fl_run_run_sync (FlRun   *self,
                 GError **error)
{
  GMainContext *context = g_main_context_ref_thread_default ();

  if (!fl_run_start (self, error))
    {
      g_main_context_unref (context);
      return FALSE;
    }
  while (!self->finished)
    g_main_context_iteration (context, TRUE);
  g_main_context_unref (context);
  return TRUE;
}

/* ---- accessors ------------------------------------------------------------ */

FlScenario *
fl_run_get_scenario (FlRun *self)
{
  return self->scenario;
}

FlStore *
fl_run_get_store (FlRun *self)
{
  return self->store;
}

FlMode
fl_run_get_mode (FlRun *self)
{
  return self->plan.mode;
}

guint
fl_run_get_n_workers (FlRun *self)
{
  /* An observed program: every thread and process seen besides the main one. */
  if (self->program && self->store)
    return MAX (fl_store_get_n_lanes (self->store), 1) - 1;
  return self->plan.n_workers;
}

gboolean
fl_run_get_gil (FlRun *self)
{
  return self->plan.gil;
}

double
fl_run_get_switch_interval_ms (FlRun *self)
{
  return self->plan.switch_interval_ms;
}

double
fl_run_get_sample_rate (FlRun *self)
{
  return self->sample_rate_hz;
}

const double *
fl_run_get_param_values (FlRun *self)
{
  return self->plan.param_values;
}

gboolean
fl_run_is_running (FlRun *self)
{
  return self->started && !self->finished;
}

gboolean
fl_run_is_finished (FlRun *self)
{
  return self->finished;
}

gboolean
fl_run_was_stopped (FlRun *self)
{
  return self->stopped;
}

gboolean
fl_run_hit_time_limit (FlRun *self)
{
  gboolean hit;

  g_mutex_lock (&self->mutex);
  hit = self->hit_time_limit;
  g_mutex_unlock (&self->mutex);
  return hit;
}

double
fl_run_get_max_seconds (FlRun *self)
{
  return self->max_seconds;
}

int
fl_run_get_main_pid (FlRun *self)
{
  return self->main_pid;
}

int
fl_run_get_main_status (FlRun *self)
{
  return self->main_status;
}

/* For loaders and tests: a finished run around a store built elsewhere. */
FlRun *
fl_run_new_for_store (FlScenario *scenario,
                      FlStore    *store,
                      FlMode      mode,
                      guint       n_workers)
{
  FlRun *self = g_object_new (FL_TYPE_RUN, NULL);
  guint n_params = fl_scenario_get_n_params (scenario);
  guint i;

  self->scenario = g_object_ref (scenario);
  self->store = g_object_ref (store);
  self->plan.scenario = scenario;
  self->plan.mode = mode;
  self->plan.n_workers = n_workers;
  self->plan.gil = fl_scenario_get_default_gil (scenario);
  self->plan.switch_interval_ms = 5.0;
  self->plan.param_values = g_new0 (double, MAX (n_params, 1));
  for (i = 0; i < n_params; i++)
    self->plan.param_values[i] = fl_scenario_get_param (scenario, i)->default_value;
  self->started = TRUE;
  self->done = TRUE;
  self->finished = TRUE;
  return self;
}

/**
 * fl_run_new_replayed:
 * @scenario: what ran
 * @store: everything it recorded, complete
 * @facts: how it ran and ended
 *
 * A finished run read back from a file: summaries, views and exports take
 * it as they take a live run that has finished.  @facts must be valid for
 * @scenario (the loader checks them).
 *
 * Returns: (transfer full): the run
 */
FlRun *
fl_run_new_replayed (FlScenario       *scenario,
                     FlStore          *store,
                     const FlRunFacts *facts)
{
  FlRun *self = fl_run_new_for_store (scenario, store, facts->mode, facts->n_workers);
  guint n_params = fl_scenario_get_n_params (scenario);

  self->plan.gil = facts->gil;
  self->plan.switch_interval_ms = facts->switch_interval_ms;
  self->plan.has_server = fl_scenario_uses_step (scenario, FL_STEP_IO);
  if (n_params > 0)
    memcpy (self->plan.param_values, facts->param_values, n_params * sizeof (double));
  self->sample_rate_hz = facts->sample_rate_hz;
  self->stopped = facts->stopped;
  self->hit_time_limit = facts->hit_time_limit;
  self->max_seconds = facts->max_seconds;
  self->main_pid = facts->main_pid;
  self->main_status = facts->main_status;
  return self;
}

void
fl_run_replay_signals (FlRun *self)
{
  g_autoptr(GArray) order = NULL;
  guint n_output, i;

  g_return_if_fail (FL_IS_RUN (self));
  g_return_if_fail (self->finished && self->trace == NULL);

  g_object_ref (self);
  fl_store_lock (self->store);
  n_output = fl_store_get_n_output (self->store);
  order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_output);
  for (i = 0; i < n_output; i++)
    g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_output_time, self->store);
  fl_store_unlock (self->store);

  for (i = 0; i < order->len; i++)
    g_signal_emit (self, signals[SIGNAL_OUTPUT], 0, g_array_index (order, guint, i));
  self->emitted_output = n_output;
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
  g_object_unref (self);
}

/**
 * fl_run_new_for_program:
 * @program: the Python program to run
 * @options: sample rate, length cap, ring size; mode, workers and
 *   parameters are ignored
 * @error: where to say what is wrong
 *
 * Returns: (transfer full): a run ready to start, or %NULL
 */
FlRun *
fl_run_new_for_program (FlProgram          *program,
                        const FlRunOptions *options,
                        GError            **error)
{
  FlRunOptions opts = *options;
  FlRun *self;

  g_return_val_if_fail (FL_IS_PROGRAM (program), NULL);

  opts.mode = FL_MODE_THREADS;
  opts.workers = 0;
  opts.gil = -1;
  opts.params = NULL;
  if (!(self = fl_run_new (fl_program_get_scenario (program), &opts, error)))
    return NULL;
  self->program = g_object_ref (program);
  setup_store (self, 0);
  return self;
}

FlProgram *
fl_run_get_program (FlRun *self)
{
  g_return_val_if_fail (FL_IS_RUN (self), NULL);

  return self->program;
}

GPtrArray *
fl_run_dup_notes (FlRun *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);
  guint i;

  g_return_val_if_fail (FL_IS_RUN (self), copy);

  g_mutex_lock (&self->mutex);
  for (i = 0; self->notes && i < self->notes->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (self->notes, i)));
  g_mutex_unlock (&self->mutex);
  return copy;
}

void
fl_run_set_program (FlRun              *self,
                    FlProgram          *program,
                    const char * const *notes)
{
  guint i;

  g_return_if_fail (FL_IS_RUN (self));

  g_set_object (&self->program, program);
  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  self->notes = g_ptr_array_new_with_free_func (g_free);
  for (i = 0; notes && notes[i]; i++)
    g_ptr_array_add (self->notes, g_strdup (notes[i]));
  g_mutex_unlock (&self->mutex);
}
