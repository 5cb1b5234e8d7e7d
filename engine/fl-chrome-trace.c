/* fl-chrome-trace.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The event list can hold millions of events, so the file is written as
 * text, a buffer at a time (fl_file_write_stream()), rather than built
 * as a JSON tree or as one string first.  States come from fl-measure.c,
 * as the summary's do, so that the two agree.
 */

#define G_LOG_DOMAIN "fl-chrome-trace"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "fl-chrome-trace.h"
#include "fl-files.h"
#include "fl-run-file.h"
#include "fl-summary-private.h"
#include "fl-util.h"

/* Output lines longer than this are cut in the event's name; the whole
 * line is in its args. */
#define NAME_MAX_CHARS 80

/* The pseudo-process that holds the per-core CPU counters. */
#define CPU_PID 0

/* Per-core counters are averaged down to this many points each. */
#define MAX_CORE_POINTS 20000

/* Nanoseconds as microseconds with three decimals: exact, and the same in every locale. */
static void
append_us (GString *out,
           gint64   ns)
{
  if (ns < 0)
    {
      g_string_append_c (out, '-');
      ns = -ns;
    }
  g_string_append_printf (out, "%" G_GINT64_FORMAT ".%03d", ns / 1000, (int) (ns % 1000));
}

/* With a dot whatever the locale. */
static void
append_double (GString    *out,
               const char *format,
               double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buf, sizeof buf, format, value));
}

/* ---- events --------------------------------------------------------------- */

typedef struct
{
  FlFileStream     *stream;
  GString          *out;
  FlStore          *store;
  const FlLaneInfo *info;
  int               pid;
  int               tid;
  gint64            until;
  gsize             n_events;
} Writer;

static void
begin_event (Writer     *w,
             const char *ph,
             const char *name,
             const char *cat,
             gint64      t)
{
  fl_file_stream_drain (w->stream);
  if (w->n_events++ > 0)
    g_string_append (w->out, ",\n");
  g_string_append_printf (w->out, "{\"ph\":\"%s\",\"pid\":%d,\"tid\":%d,\"name\":", ph, w->pid, w->tid);
  fl_json_append_string (w->out, name);
  if (cat != NULL)
    g_string_append_printf (w->out, ",\"cat\":\"%s\"", cat);
  if (t != G_MININT64)
    {
      g_string_append (w->out, ",\"ts\":");
      append_us (w->out, t);
    }
}

static void
write_metadata (Writer     *w,
                const char *name,
                const char *key,
                const char *value,
                gint64      number)
{
  begin_event (w, "M", name, NULL, G_MININT64);
  g_string_append_printf (w->out, ",\"args\":{\"%s\":", key);
  if (value != NULL)
    fl_json_append_string (w->out, value);
  else
    g_string_append_printf (w->out, "%" G_GINT64_FORMAT, number);
  g_string_append (w->out, "}}");
}

static void
write_state (Writer        *w,
             FlState        state,
             gint64         from,
             gint64         to,
             const FlEvent *opened_by)
{
  FlReason reason = FL_REASON_START;
  guint cpu = G_MAXUINT16;

  if (to <= from)
    return;
  if (opened_by != NULL)
    {
      cpu = opened_by->cpu;
      if (opened_by->kind == FL_EV_STATE)
        reason = fl_event_get_reason (opened_by);
      else if (opened_by->kind != FL_EV_WORKER_START && opened_by->kind != FL_EV_RUN_START)
        reason = FL_REASON_NONE;
    }

  begin_event (w, "X", fl_state_to_string (state), "state", from);
  g_string_append (w->out, ",\"dur\":");
  append_us (w->out, to - from);
  g_string_append (w->out, ",\"args\":{\"reason\":");
  fl_json_append_string (w->out, fl_reason_to_string (reason));
  if (cpu != G_MAXUINT16)
    g_string_append_printf (w->out, ",\"cpu\":%u", cpu);
  else
    g_string_append (w->out, ",\"cpu\":null");
  if (opened_by != NULL && opened_by->kind == FL_EV_STATE && fl_event_get_detail (opened_by) != 0)
    g_string_append_printf (w->out, ",\"detail\":%u", fl_event_get_detail (opened_by));
  g_string_append (w->out, "}}");
}

static const char *
lane_name (FlStore *store,
           guint64  lane)
{
  const FlLaneInfo *info = lane < fl_store_get_n_lanes (store) ? fl_store_get_lane_info (store, (guint) lane) : NULL;

  return info != NULL && info->name != NULL ? info->name : "?";
}

static void
write_instant (Writer        *w,
               const FlEvent *ev)
{
  const FlLaneInfo *info = w->info;
  g_autofree char *name = NULL;

  switch ((FlEventKind) ev->kind)
    {
    case FL_EV_RUN_START:
      begin_event (w, "i", "run start", "lifecycle", ev->t);
      g_string_append_printf (w->out, ",\"s\":\"t\",\"args\":{\"pid\":%d,\"tid\":%d}}", info->pid, info->tid);
      break;

    case FL_EV_WORKER_START:
      begin_event (w, "i", "start", "lifecycle", ev->t);
      g_string_append (w->out, ",\"s\":\"t\",\"args\":{\"latency_us\":");
      if (info->create_t >= 0 && ev->t >= info->create_t)
        append_us (w->out, ev->t - info->create_t);
      else
        g_string_append (w->out, "null");
      g_string_append (w->out, "}}");
      break;

    case FL_EV_CREATE:
      name = g_strdup_printf ("create %s", lane_name (w->store, ev->a));
      begin_event (w, "i", name, "lifecycle", ev->t);
      g_string_append_printf (w->out, ",\"s\":\"t\",\"args\":{\"worker\":%" "u}}", ev->a);
      break;

    case FL_EV_JOIN:
      if (ev->a != info->id)
        name = g_strdup_printf ("join %s", lane_name (w->store, ev->a));
      else
        name = g_strdup (info->is_process ? "reaped" : "joined");
      begin_event (w, "i", name, "lifecycle", ev->t);
      g_string_append_printf (w->out, ",\"s\":\"t\",\"args\":{\"worker\":%" "u}}", ev->a);
      break;

    case FL_EV_OUTPUT:
      {
        const FlOutputLine *line = NULL;

        if (ev->a < fl_store_get_n_output (w->store))
          line = fl_store_get_output (w->store, (guint) ev->a);
        if (line == NULL)
          break;
        if (g_utf8_validate (line->text, -1, NULL) && g_utf8_strlen (line->text, -1) > NAME_MAX_CHARS)
          {
            g_autofree char *cut = g_utf8_substring (line->text, 0, NAME_MAX_CHARS - 1);
            name = g_strconcat (cut, "…", NULL);
          }
        begin_event (w, "i", name != NULL ? name : line->text, "output", ev->t);
        g_string_append (w->out, ",\"s\":\"t\",\"args\":{\"text\":");
        fl_json_append_string (w->out, line->text);
        if (line->truncated)
          g_string_append (w->out, ",\"truncated\":true");
        g_string_append (w->out, "}}");
      }
      break;

    case FL_EV_EXIT:
      begin_event (w, "i", "exit", "lifecycle", ev->t);
      g_string_append_printf (w->out, ",\"s\":\"t\",\"args\":{\"code\":%d", info->exit_code);
      if (info->cpu_ns >= 0)
        {
          g_string_append (w->out, ",\"cpu_us\":");
          append_us (w->out, info->cpu_ns);
        }
      g_string_append (w->out, "}}");
      break;

    case FL_EV_CRASH:
      {
        int signum = ev->arg8 != 0 ? ev->arg8 : info->signal;
        g_autofree char *signame = fl_signal_name (signum);

        begin_event (w, "i", info->stopped ? "stopped" : "crash", "lifecycle", ev->t);
        g_string_append (w->out, ",\"s\":\"t\",\"args\":{\"signal\":");
        fl_json_append_string (w->out, signame);
        g_string_append (w->out, "}}");
      }
      break;

    case FL_EV_STATE:
    case FL_EV_TEXT:
    case FL_EV_RESULT:
    case FL_EV_NONE:
    case FL_N_EVENT_KINDS:
    default:
      break;
    }
}

/* States as complete events, split also where the reason changes; the
 * running time the sampler saw waiting for a core is "runnable". */
static void
write_lane_states (Writer        *w,
                   guint          lane,
                   const FlEvent *events,
                   gsize          n_events)
{
  g_autoptr(GArray) segments = fl_measure_segments (w->store, lane, events, n_events, w->until);
  g_autoptr(GArray) spans = fl_measure_runnable_spans (w->store, lane, segments);
  guint i, k = 0;

  for (i = 0; i < segments->len; i++)
    {
      const FlSegment *seg = &g_array_index (segments, FlSegment, i);
      const FlEvent *opener = seg->has_opener ? &seg->opener : NULL;
      gint64 cursor = seg->from;

      if (seg->state == FL_STATE_RUNNING)
        {
          while (k < spans->len && g_array_index (spans, FlSpan, k).to <= seg->from)
            k++;
          for (; k < spans->len && g_array_index (spans, FlSpan, k).from < seg->to; k++)
            {
              const FlSpan *span = &g_array_index (spans, FlSpan, k);
              gint64 from = MAX (span->from, seg->from);
              gint64 to = MIN (span->to, seg->to);

              write_state (w, FL_STATE_RUNNING, cursor, from, opener);
              write_state (w, FL_STATE_RUNNABLE, from, to, opener);
              cursor = to;
              if (span->to > seg->to)
                break;
            }
        }
      write_state (w, seg->state, cursor, seg->to, opener);
    }
}

static void
write_lane_instants (Writer        *w,
                     const FlEvent *events,
                     gsize          n_events)
{
  gsize i;

  for (i = 0; i < n_events; i++)
    write_instant (w, &events[i]);
}

/* Per-core busy share as counter tracks of a "CPU" pseudo-process. */
static void
write_core_counters (Writer *w)
{
  guint n_cores = fl_store_get_n_cores (w->store);
  guint c, i;

  w->pid = CPU_PID;
  w->tid = CPU_PID;
  for (c = 0; c < n_cores; c++)
    {
      g_autofree char *name = g_strdup_printf ("CPU %u", c);
      g_autoptr(GArray) points = NULL;
      const FlCoreSample *samples;
      gsize n;

      samples = fl_store_get_core_samples (w->store, c, &n);
      points = fl_measure_downsample_cores (samples, n, MAX_CORE_POINTS);
      for (i = 0; i < points->len; i++)
        {
          const FlCoreSample *p = &g_array_index (points, FlCoreSample, i);

          begin_event (w, "C", name, "cpu", p->t);
          g_string_append (w->out, ",\"args\":{\"busy %\":");
          append_double (w->out, "%.1f", CLAMP (p->busy, 0.f, 1.f) * 100.0);
          g_string_append (w->out, "}}");
        }
    }
}

/* Each process's resident memory as a counter track of its own. */
static void
write_memory_counters (Writer *w)
{
  guint i, n = fl_store_get_n_memory_samples (w->store);

  for (i = 0; i < n; i++)
    {
      const FlMemorySample *m = fl_store_get_memory_sample (w->store, i);

      if (m->pid == 0)
        continue;
      w->pid = m->pid;
      w->tid = m->pid;
      begin_event (w, "C", "RSS", "memory", m->t);
      g_string_append_printf (w->out, ",\"args\":{\"kB\":%" G_GUINT64_FORMAT "}}", m->rss_kb);
    }
}

static gboolean
lane_track (FlStore *store,
            guint    lane,
            int     *pid,
            int     *tid)
{
  const FlLaneInfo *info = lane < fl_store_get_n_lanes (store) ? fl_store_get_lane_info (store, lane) : NULL;

  if (info == NULL || info->pid == 0)
    return FALSE;
  *pid = info->pid;
  *tid = info->tid != 0 ? info->tid : info->pid;
  return TRUE;
}

/* An arrow from the sender's lane to the receiver's per message, bound
 * to the slices it leaves and enters. */
static void
write_message_flows (Writer *w)
{
  guint i, n = fl_store_get_n_messages (w->store);

  for (i = 0; i < n; i++)
    {
      const FlMessage *msg = fl_store_get_message (w->store, i);
      int send_pid, send_tid, receive_pid, receive_tid;

      if (msg->send_t < 0 || msg->receive_t < 0 ||
          !lane_track (w->store, msg->send_lane, &send_pid, &send_tid) ||
          !lane_track (w->store, msg->receive_lane, &receive_pid, &receive_tid))
        continue;

      w->pid = send_pid;
      w->tid = send_tid;
      begin_event (w, "s", "message", "message", msg->send_t);
      g_string_append_printf (w->out, ",\"id\":%u,\"args\":{\"bytes\":%u,\"channel\":%u}}",
                              msg->id, msg->bytes, msg->channel);

      w->pid = receive_pid;
      w->tid = receive_tid;
      begin_event (w, "f", "message", "message", msg->receive_t);
      g_string_append_printf (w->out, ",\"bp\":\"e\",\"id\":%u,\"args\":{\"latency_us\":", msg->id);
      append_us (w->out, MAX (msg->receive_t - msg->send_t, 0));
      g_string_append (w->out, "}}");
    }
}

static void
write_other_data (GString *out,
                  FlRun   *run,
                  gint64   end)
{
  FlScenario *scenario = fl_run_get_scenario (run);
  FlStore *store = fl_run_get_store (run);

  g_string_append (out, "\"otherData\":{\"forkline_version\":");
  fl_json_append_string (out, PACKAGE_VERSION);
  g_string_append (out, ",\"scenario\":");
  fl_json_append_string (out, fl_scenario_get_id (scenario));
  g_string_append (out, ",\"scenario_title\":");
  fl_json_append_string (out, fl_scenario_get_title (scenario));
  g_string_append (out, ",\"mode\":");
  fl_json_append_string (out, fl_mode_to_string (fl_run_get_mode (run)));
  g_string_append_printf (out, ",\"workers\":%u", fl_run_get_n_workers (run));
  g_string_append (out, ",\"wall_ms\":");
  append_us (out, end / 1000);  /* µs written as thousandths: ms */
  g_string_append_printf (out, ",\"dropped_events\":%" G_GUINT64_FORMAT, fl_store_get_dropped (store));
  g_string_append_printf (out, ",\"stopped\":%s", fl_run_was_stopped (run) ? "true" : "false");
  g_string_append (out, ",\"clock\":\"CLOCK_MONOTONIC\"");
  g_string_append_printf (out, ",\"t0_ns\":%" G_GINT64_FORMAT "}", fl_store_get_t0 (store));
}

static void
write_trace (FlFileStream *stream,
             gpointer      user_data)
{
  FlRun *run = user_data;
  FlStore *store = fl_run_get_store (run);
  g_autoptr(GHashTable) named = g_hash_table_new (NULL, NULL);
  GString *out = fl_file_stream_get_buffer (stream);
  Writer w = { 0 };
  gint64 end;
  guint n_lanes, i;

  fl_store_lock (store);

  end = fl_store_get_end (store);
  if (end < 0)
    end = fl_store_get_last_t (store);
  n_lanes = fl_store_get_n_lanes (store);

  w.stream = stream;
  w.out = out;
  w.store = store;
  w.until = end;

  g_string_append (out, "{\"traceEvents\":[\n");

  if (fl_store_get_n_cores (store) > 0)
    {
      w.pid = CPU_PID;
      w.tid = CPU_PID;
      write_metadata (&w, "process_name", "name", "CPU", 0);
      write_metadata (&w, "process_sort_index", "sort_index", NULL, -1);
    }

  /* Names first, so that viewers label the tracks before any event. */
  for (i = 0; i < n_lanes; i++)
    {
      const FlLaneInfo *info = fl_store_get_lane_info (store, i);
      g_autofree char *process = NULL;

      if (info->pid == 0)
        continue;
      w.info = info;
      w.pid = info->pid;
      w.tid = info->tid != 0 ? info->tid : info->pid;

      if (info->is_process && !g_hash_table_contains (named, GINT_TO_POINTER (info->pid)))
        {
          if (info->kind == FL_LANE_MAIN)
            process = g_strdup_printf ("main process (pid %d)", info->pid);
          else
            process = g_strdup_printf ("worker %u (pid %d)", info->id, info->pid);
          g_hash_table_add (named, GINT_TO_POINTER (info->pid));
          write_metadata (&w, "process_name", "name", process, 0);
          write_metadata (&w, "process_sort_index", "sort_index", NULL, info->id);
        }
      write_metadata (&w, "thread_name", "name", info->name ? info->name : "", 0);
      write_metadata (&w, "thread_sort_index", "sort_index", NULL, info->id);
    }

  /* Threads whose process lane is unknown still get their process named. */
  for (i = 0; i < n_lanes; i++)
    {
      const FlLaneInfo *info = fl_store_get_lane_info (store, i);
      g_autofree char *process = NULL;

      if (info->pid == 0 || g_hash_table_contains (named, GINT_TO_POINTER (info->pid)))
        continue;
      w.info = info;
      w.pid = info->pid;
      w.tid = info->tid != 0 ? info->tid : info->pid;
      process = g_strdup_printf ("process (pid %d)", info->pid);
      g_hash_table_add (named, GINT_TO_POINTER (info->pid));
      write_metadata (&w, "process_name", "name", process, 0);
    }

  for (i = 0; i < n_lanes; i++)
    {
      const FlLaneInfo *info = fl_store_get_lane_info (store, i);
      g_autofree FlEvent *copy = NULL;
      const FlEvent *events;
      gsize n_events;

      if (info->pid == 0)
        continue;
      w.info = info;
      w.pid = info->pid;
      w.tid = info->tid != 0 ? info->tid : info->pid;

      events = fl_measure_sorted_events (store, i, &n_events, &copy);
      write_lane_states (&w, i, events, n_events);
      write_lane_instants (&w, events, n_events);
    }

  w.info = NULL;
  write_core_counters (&w);
  write_memory_counters (&w);
  write_message_flows (&w);

  g_string_append (out, "\n],\n\"displayTimeUnit\":\"ms\",\n");
  write_other_data (out, run, end);
  /* Last: Perfetto stops reading at a key it does not know. */
  fl_run_file_append_section (stream, run);
  g_string_append (out, "}\n");

  fl_store_unlock (store);
}

/**
 * fl_chrome_trace_write:
 * @run: a run that has finished
 * @path: the file to write
 * @error: where to put an error naming @path and the reason
 *
 * Returns: %TRUE if the whole file was written
 */
gboolean
fl_chrome_trace_write (FlRun       *run,
                       const char  *path,
                       GError     **error)
{
  g_return_val_if_fail (FL_IS_RUN (run), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!fl_check_writable_path (path, error))
    return FALSE;

  /* Its errors name the path and say what is wrong. */
  return fl_file_write_stream (path, write_trace, run, error);
}

/**
 * fl_check_writable_path:
 * @path: where a file is to be written
 * @error: where to put an error saying what is wrong
 *
 * Returns: %TRUE if a file could be written at @path; nothing is created
 */
gboolean
fl_check_writable_path (const char  *path,
                        GError     **error)
{
  return fl_file_check_writable (path, error);
}
