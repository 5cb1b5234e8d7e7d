/* fl-run-file.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trace part of a saved run can hold a million events, so reading
 * does not parse it: a scan over the top-level object finds the
 * "forkline" member (written last, so that Perfetto, which stops at a key
 * it does not know, reads every event first), and only that member goes
 * to json-glib.  Bulk data in it is base64 of fixed records, so that a
 * long run is a few strings, not millions of JSON nodes.
 *
 * Everything read is checked before the store sees it: counts come from
 * the data itself, every index is checked against what it indexes, and
 * a message says what is wrong and where.
 */

#define G_LOG_DOMAIN "fl-run-file"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "fl-chrome-trace.h"
#include "fl-plan.h"
#include "fl-files.h"
#include "fl-run-file.h"
#include "fl-program.h"
#include "fl-run-private.h"
#include "fl-util.h"

G_DEFINE_QUARK (fl-run-file-error-quark, fl_run_file_error)

#define EVENT_BYTES        16
#define LANE_SAMPLE_BYTES  32
#define CORE_SAMPLE_BYTES  16

/* Limits of what a run can hold, to refuse nonsense before allocating. */
#define MAX_T              ((gint64) 1000000000 * 60 * 60 * 24 * 30)  /* 30 days in ns */
#define MAX_CORES          4096
#define MAX_LANES          (FL_MAX_WORKERS + 2)
#define MAX_SECTION_BYTES  ((gsize) 1 << 31)
#define MAX_DEPTH          32

static const char * const lane_kinds[] = { "main", "worker", "server" };

/* ---- writing -------------------------------------------------------------- */

static void
put_le (guint8  *p,
        guint64  value,
        guint    bytes)
{
  guint i;

  for (i = 0; i < bytes; i++)
    p[i] = (guint8) (value >> (8 * i));
}

static guint64
get_le (const guint8 *p,
        guint         bytes)
{
  guint64 value = 0;
  guint i;

  for (i = 0; i < bytes; i++)
    value |= (guint64) p[i] << (8 * i);
  return value;
}

static guint32
float_bits (float value)
{
  guint32 bits;

  memcpy (&bits, &value, sizeof bits);
  return bits;
}

static float
bits_float (guint32 bits)
{
  float value;

  memcpy (&value, &bits, sizeof value);
  return value;
}

/* Fixed records are encoded this many at a time: a multiple of 3 bytes,
 * so that the pieces' base64 put end to end is the whole's. */
#define CHUNK_RECORDS 3072

typedef void (*PutRecord) (guint8        *p,
                           gconstpointer  records,
                           gsize          i);

/* @n records of @record_bytes each as one base64 string, written out a
 * chunk at a time. */
static void
append_records (FlFileStream  *stream,
                gconstpointer  records,
                gsize          n,
                gsize          record_bytes,
                PutRecord      put)
{
  GString *out = fl_file_stream_get_buffer (stream);
  g_autofree guint8 *bytes = g_malloc (CHUNK_RECORDS * record_bytes);
  gsize from, i;

  G_STATIC_ASSERT (CHUNK_RECORDS % 3 == 0);

  g_string_append_c (out, '"');
  for (from = 0; from < n; from += CHUNK_RECORDS)
    {
      gsize k = MIN (CHUNK_RECORDS, n - from);
      g_autofree char *text = NULL;

      memset (bytes, 0, k * record_bytes);
      for (i = 0; i < k; i++)
        put (bytes + i * record_bytes, records, from + i);
      text = g_base64_encode (bytes, k * record_bytes);
      g_string_append (out, text);
      fl_file_stream_drain (stream);
    }
  g_string_append_c (out, '"');
}

/* Exact: 17 significant digits read back to the same double. */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.17g", value));
}

static void
append_lane_index (GString *out,
                   guint    lane)
{
  if (lane == G_MAXUINT)
    g_string_append (out, "-1");
  else
    g_string_append_printf (out, "%u", lane);
}

static void
put_event (guint8        *p,
           gconstpointer  records,
           gsize          i)
{
  const FlEvent *event = (const FlEvent *) records + i;

  put_le (p, (guint64) event->t, 8);
  put_le (p + 8, event->a, 4);
  put_le (p + 12, event->cpu, 2);
  p[14] = event->kind;
  p[15] = event->arg8;
}

static void
put_lane_sample (guint8        *p,
                 gconstpointer  records,
                 gsize          i)
{
  const FlLaneSample *sample = (const FlLaneSample *) records + i;

  put_le (p, (guint64) sample->t, 8);
  put_le (p + 8, (guint64) sample->cpu_ns, 8);
  put_le (p + 16, (guint64) sample->wait_ns, 8);
  put_le (p + 24, sample->cpu, 2);
  p[26] = (guint8) sample->kstate;
}

static void
put_core_sample (guint8        *p,
                 gconstpointer  records,
                 gsize          i)
{
  const FlCoreSample *sample = (const FlCoreSample *) records + i;

  put_le (p, (guint64) sample->t, 8);
  put_le (p + 8, float_bits (sample->busy), 4);
  put_le (p + 12, float_bits (sample->pad), 4);
}

static void
append_lane (FlFileStream     *stream,
             FlStore          *store,
             const FlLaneInfo *info)
{
  GString *out = fl_file_stream_get_buffer (stream);
  const FlEvent *events;
  const FlLaneSample *samples;
  gsize n;

  g_string_append (out, "{\"kind\":");
  fl_json_append_string (out, (guint) info->kind < G_N_ELEMENTS (lane_kinds) ? lane_kinds[info->kind] : "?");
  g_string_append_printf (out, ",\"process\":%s,\"name\":", info->is_process ? "true" : "false");
  fl_json_append_string (out, info->name);
  g_string_append (out, ",\"template\":");
  if (info->template_name != NULL)
    fl_json_append_string (out, info->template_name);
  else
    g_string_append (out, "null");
  g_string_append_printf (out,
                          ",\"pid\":%d,\"tid\":%d"
                          ",\"create_t\":%" G_GINT64_FORMAT ",\"start_t\":%" G_GINT64_FORMAT
                          ",\"exit_t\":%" G_GINT64_FORMAT ",\"end_t\":%" G_GINT64_FORMAT
                          ",\"join_t\":%" G_GINT64_FORMAT
                          ",\"exit_code\":%d,\"signal\":%d,\"stopped\":%s"
                          ",\"cpu_ns\":%" G_GINT64_FORMAT ",\"dropped\":%" G_GINT64_FORMAT
                          ",\"stack_base\":%" G_GINT64_FORMAT ",\"stack_size\":%" G_GINT64_FORMAT,
                          info->pid, info->tid,
                          info->create_t, info->start_t, info->exit_t, info->end_t, info->join_t,
                          info->exit_code, info->signal, info->stopped ? "true" : "false",
                          info->cpu_ns, (gint64) info->dropped,
                          (gint64) info->stack_base, (gint64) info->stack_size);
  g_string_append (out, ",\"events\":");
  events = fl_store_get_events (store, info->id, &n);
  append_records (stream, events, n, EVENT_BYTES, put_event);
  g_string_append (out, ",\"samples\":");
  samples = fl_store_get_lane_samples (store, info->id, &n);
  append_records (stream, samples, n, LANE_SAMPLE_BYTES, put_lane_sample);
  g_string_append_c (out, '}');
}

static void
append_memory_sample (GString              *out,
                      const FlMemorySample *sample)
{
  guint i;

  g_string_append_printf (out,
                          "{\"t\":%" G_GINT64_FORMAT ",\"pid\":%d,\"lane\":%u"
                          ",\"rss_kb\":%" G_GINT64_FORMAT ",\"pss_kb\":%" G_GINT64_FORMAT
                          ",\"shared_clean_kb\":%" G_GINT64_FORMAT ",\"shared_dirty_kb\":%" G_GINT64_FORMAT
                          ",\"private_clean_kb\":%" G_GINT64_FORMAT ",\"private_dirty_kb\":%" G_GINT64_FORMAT
                          ",\"anon_kb\":%" G_GINT64_FORMAT ",\"regions\":",
                          sample->t, sample->pid, sample->lane,
                          (gint64) sample->rss_kb, (gint64) sample->pss_kb,
                          (gint64) sample->shared_clean_kb, (gint64) sample->shared_dirty_kb,
                          (gint64) sample->private_clean_kb, (gint64) sample->private_dirty_kb,
                          (gint64) sample->anon_kb);
  if (sample->regions == NULL)
    {
      g_string_append (out, "null}");
      return;
    }
  g_string_append_c (out, '[');
  for (i = 0; i < sample->regions->len; i++)
    {
      const FlRegion *region = g_ptr_array_index (sample->regions, i);

      g_string_append_printf (out, "%s[%d,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%d,",
                              i > 0 ? "," : "", (int) region->kind, (gint64) region->start,
                              (gint64) region->end, (gint64) region->rss_kb, region->lane);
      if (region->label != NULL)
        fl_json_append_string (out, region->label);
      else
        g_string_append (out, "null");
      g_string_append_c (out, ']');
    }
  g_string_append (out, "]}");
}

/* Only when it was reached, so that a run within its budget is saved as
 * before: the limits, and what they kept out from when. */
static void
append_budget (GString *out,
               FlStore *store)
{
  FlStoreBudget budget;
  FlStoreOverBudget over;

  fl_store_get_over_budget (store, &over);
  if (over.t < 0)
    return;
  fl_store_get_budget (store, &budget);
  g_string_append_printf (out,
                          "\"budget\":{\"events\":%" G_GUINT64_FORMAT ",\"output_lines\":%" G_GUINT64_FORMAT
                          ",\"output_bytes\":%" G_GUINT64_FORMAT ",\"messages\":%" G_GUINT64_FORMAT
                          ",\"samples\":%" G_GUINT64_FORMAT ",\"memory_samples\":%" G_GUINT64_FORMAT
                          ",\"reached_t\":%" G_GINT64_FORMAT
                          ",\"events_not_kept\":%" G_GUINT64_FORMAT ",\"output_lines_not_kept\":%" G_GUINT64_FORMAT
                          ",\"messages_not_kept\":%" G_GUINT64_FORMAT ",\"samples_not_kept\":%" G_GUINT64_FORMAT "},",
                          budget.events, budget.output_lines, budget.output_bytes, budget.messages,
                          budget.samples, budget.memory_samples, over.t,
                          over.events, over.output_lines, over.messages, over.samples);
}

/* An observed Python program: its file's text, how it was run, and what
 * the run said once. */
static void
append_program (GString *out,
                FlRun   *run)
{
  FlProgram *program = fl_run_get_program (run);
  const char * const *args = fl_program_get_args (program);
  g_autoptr(GPtrArray) notes = fl_run_dup_notes (run);
  guint i;

  g_string_append (out, "\"program\":{\"path\":");
  fl_json_append_string (out, fl_program_get_path (program));
  g_string_append (out, ",\"text\":");
  fl_json_append_string (out, fl_program_get_text (program));
  g_string_append (out, ",\"interpreter\":");
  fl_json_append_string (out, fl_program_get_interpreter (program));
  g_string_append (out, ",\"python_version\":");
  fl_json_append_string (out, fl_program_get_python_version (program));
  g_string_append (out, ",\"args\":[");
  for (i = 0; args && args[i]; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      fl_json_append_string (out, args[i]);
    }
  g_string_append (out, "],\"notes\":[");
  for (i = 0; i < notes->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      fl_json_append_string (out, g_ptr_array_index (notes, i));
    }
  g_string_append (out, "]},\n");
}

/**
 * fl_run_file_append_section:
 * @stream: the text of a JSON object being written, before its closing brace
 * @run: a finished run whose store the caller has locked
 *
 * Appends the "forkline" member that makes a Chrome trace a saved run,
 * writing it out as it goes.
 */
void
fl_run_file_append_section (FlFileStream *stream,
                            FlRun        *run)
{
  GString *out = fl_file_stream_get_buffer (stream);
  FlScenario *scenario = fl_run_get_scenario (run);
  FlStore *store = fl_run_get_store (run);
  const double *params = fl_run_get_param_values (run);
  guint n_params = fl_scenario_get_n_params (scenario);
  guint n_lanes = fl_store_get_n_lanes (store);
  guint n_cores = fl_store_get_n_cores (store);
  guint i;

  g_string_append_printf (out, ",\n\"forkline\":{\"format\":%d,\"generator\":", FL_RUN_FILE_FORMAT);
  fl_json_append_string (out, "forkline " PACKAGE_VERSION);

  g_string_append (out, ",\n\"scenario\":{\"origin\":");
  fl_json_append_string (out, fl_scenario_get_origin (scenario));
  g_string_append (out, ",\"data\":");
  fl_json_append_string (out, fl_scenario_get_data (scenario));
  g_string_append (out, "},\n");
  if (fl_run_get_program (run) != NULL)
    append_program (out, run);
  g_string_append (out, "\"run\":{\"mode\":");
  fl_json_append_string (out, fl_mode_to_string (fl_run_get_mode (run)));
  g_string_append_printf (out, ",\"workers\":%u,\"gil\":%s,\"switch_interval_ms\":",
                          fl_run_get_n_workers (run), fl_run_get_gil (run) ? "true" : "false");
  append_double (out, fl_run_get_switch_interval_ms (run));
  g_string_append (out, ",\"sample_rate_hz\":");
  append_double (out, fl_run_get_sample_rate (run));
  g_string_append (out, ",\"params\":[");
  for (i = 0; i < n_params; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_double (out, params[i]);
    }
  g_string_append_printf (out, "],\"stopped\":%s,\"hit_time_limit\":%s,\"max_seconds\":",
                          fl_run_was_stopped (run) ? "true" : "false",
                          fl_run_hit_time_limit (run) ? "true" : "false");
  append_double (out, fl_run_get_max_seconds (run));
  g_string_append_printf (out, ",\"main_pid\":%d,\"main_status\":%d},\n",
                          fl_run_get_main_pid (run), fl_run_get_main_status (run));

  g_string_append_printf (out, "\"store\":{\"t0\":%" G_GINT64_FORMAT ",\"end\":%" G_GINT64_FORMAT
                          ",\"n_cores\":%u,",
                          fl_store_get_t0 (store), fl_store_get_end (store), n_cores);
  append_budget (out, store);
  g_string_append (out, "\n\"lanes\":[");
  for (i = 0; i < n_lanes; i++)
    {
      g_string_append (out, i > 0 ? ",\n" : "\n");
      append_lane (stream, store, fl_store_get_lane_info (store, i));
    }

  g_string_append (out, "],\n\"output\":[");
  for (i = 0; i < fl_store_get_n_output (store); i++)
    {
      const FlOutputLine *line = fl_store_get_output (store, i);

      g_string_append_printf (out, "%s[%" G_GINT64_FORMAT ",%u,%s,", i > 0 ? ",\n" : "\n",
                              line->t, line->lane, line->truncated ? "true" : "false");
      fl_json_append_string (out, line->text);
      g_string_append_c (out, ']');
      fl_file_stream_drain (stream);
    }

  g_string_append (out, "],\n\"messages\":[");
  for (i = 0; i < fl_store_get_n_messages (store); i++)
    {
      const FlMessage *msg = fl_store_get_message (store, i);

      g_string_append_printf (out, "%s[%u,%u,%u,", i > 0 ? "," : "", msg->id, msg->bytes, msg->channel);
      append_lane_index (out, msg->send_lane);
      g_string_append_c (out, ',');
      append_lane_index (out, msg->receive_lane);
      g_string_append_printf (out, ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]", msg->send_t, msg->receive_t);
      fl_file_stream_drain (stream);
    }

  g_string_append (out, "],\n\"results\":[");
  for (i = 0; i < fl_store_get_n_results (store); i++)
    {
      const FlResult *res = fl_store_get_result (store, i);

      g_string_append_printf (out, "%s[%u,%u,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]", i > 0 ? "," : "",
                              res->lane, res->key, (gint64) res->a, (gint64) res->b);
      fl_file_stream_drain (stream);
    }

  g_string_append (out, "],\n\"cores\":[");
  for (i = 0; i < n_cores; i++)
    {
      const FlCoreSample *samples;
      gsize n;

      if (i > 0)
        g_string_append_c (out, ',');
      samples = fl_store_get_core_samples (store, i, &n);
      append_records (stream, samples, n, CORE_SAMPLE_BYTES, put_core_sample);
    }

  g_string_append (out, "],\n\"memory\":[");
  for (i = 0; i < fl_store_get_n_memory_samples (store); i++)
    {
      g_string_append (out, i > 0 ? ",\n" : "\n");
      append_memory_sample (out, fl_store_get_memory_sample (store, i));
      fl_file_stream_drain (stream);
    }
  g_string_append (out, "]}}");
}

/**
 * fl_run_save:
 * @run: a finished run
 * @path: where
 * @error: names @path and the reason
 *
 * Returns: %TRUE if the whole file was written (temporary name, then rename)
 */
gboolean
fl_run_save (FlRun       *run,
             const char  *path,
             GError     **error)
{
  return fl_chrome_trace_write (run, path, error);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (fl_run_save (source_object, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * fl_run_save_async:
 * @run: a finished run
 * @path: where
 * @cancellable: (nullable): unused but for the task
 * @callback: called on the thread-default main context when written
 * @user_data: for @callback
 *
 * fl_run_save() in a worker thread.
 */
void
fl_run_save_async (FlRun               *run,
                   const char          *path,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (run, cancellable, callback, user_data);

  g_task_set_source_tag (task, fl_run_save_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
fl_run_save_finish (GAsyncResult  *result,
                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- finding the section ------------------------------------------------- */

typedef struct
{
  const char *start;
  const char *p;
  const char *end;
  guint       max_depth;
} Scan;

static void
skip_space (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

/* At a quote: past the closing quote. */
static gboolean
skip_string (Scan *s)
{
  s->p++;
  while (s->p < s->end)
    {
      if (*s->p == '\\')
        s->p += 2;
      else if (*s->p == '"')
        {
          s->p++;
          return TRUE;
        }
      else
        s->p++;
    }
  s->p = s->end;
  return FALSE;
}

/* Past one JSON value, without recursion: strings are skipped whole,
 * brackets counted.  The value is not checked; the one that matters is
 * parsed afterwards. */
static gboolean
skip_value (Scan *s)
{
  guint depth = 0;

  s->max_depth = 0;
  while (s->p < s->end)
    {
      char c = *s->p;

      if (c == '"')
        {
          if (!skip_string (s))
            return FALSE;
          if (depth == 0)
            return TRUE;
        }
      else if (c == '{' || c == '[')
        {
          depth++;
          s->max_depth = MAX (s->max_depth, depth);
          s->p++;
        }
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return FALSE;
          s->p++;
          if (--depth == 0)
            return TRUE;
        }
      else if (depth == 0)
        {
          const char *from = s->p;

          while (s->p < s->end && strchr (",}] \t\r\n", *s->p) == NULL)
            s->p++;
          return s->p > from;
        }
      else
        s->p++;
    }
  return FALSE;
}

static gboolean
not_forkline (GError    **error,
              const char *display,
              const char *why)
{
  g_set_error (error, FL_RUN_FILE_ERROR, FL_RUN_FILE_ERROR_NOT_FORKLINE,
               /* TRANSLATORS: file name, then why, e.g. "it is not JSON" */
               _("“%s” is not a saved Forkline run: %s"), display, why);
  return FALSE;
}

static gboolean
bad_json (GError    **error,
          const char *display,
          Scan       *s)
{
  if (s->p >= s->end)
    g_set_error (error, FL_RUN_FILE_ERROR, FL_RUN_FILE_ERROR_DAMAGED,
                 _("“%s” is damaged: it ends in the middle of its JSON (was it cut short?)"), display);
  else
    g_set_error (error, FL_RUN_FILE_ERROR, FL_RUN_FILE_ERROR_DAMAGED,
                 _("“%s” is damaged: it is not valid JSON at byte %zu"),
                 display, (size_t) (s->p - s->start));
  return FALSE;
}

/* Finds the value of the top-level "forkline" member. */
static gboolean
find_section (const char  *data,
              gsize        length,
              const char  *display,
              const char **section,
              gsize       *section_length,
              GError     **error)
{
  Scan s = { data, data, data + length, 0 };

  *section = NULL;
  skip_space (&s);
  if (s.p >= s.end)
    return not_forkline (error, display, _("the file is empty"));
  if (*s.p != '{')
    return not_forkline (error, display, _("it is not a JSON object"));
  s.p++;

  for (;;)
    {
      const char *key;
      gsize key_length;

      skip_space (&s);
      if (s.p < s.end && *s.p == '}')
        break;
      if (s.p >= s.end || *s.p != '"')
        return bad_json (error, display, &s);
      key = s.p + 1;
      if (!skip_string (&s))
        return bad_json (error, display, &s);
      key_length = (gsize) (s.p - 1 - key);
      skip_space (&s);
      if (s.p >= s.end || *s.p != ':')
        return bad_json (error, display, &s);
      s.p++;
      skip_space (&s);
      if (key_length == strlen ("forkline") && memcmp (key, "forkline", key_length) == 0)
        {
          const char *from = s.p;

          if (!skip_value (&s))
            return bad_json (error, display, &s);
          if (s.max_depth > MAX_DEPTH)
            {
              g_set_error (error, FL_RUN_FILE_ERROR, FL_RUN_FILE_ERROR_DAMAGED,
                           _("“%s” is damaged: its “forkline” section is nested %u levels deep"),
                           display, s.max_depth);
              return FALSE;
            }
          *section = from;
          *section_length = (gsize) (s.p - from);
        }
      else if (!skip_value (&s))
        return bad_json (error, display, &s);
      skip_space (&s);
      if (s.p < s.end && *s.p == ',')
        {
          s.p++;
          continue;
        }
      if (s.p < s.end && *s.p == '}')
        break;
      return bad_json (error, display, &s);
    }

  if (*section == NULL)
    return not_forkline (error, display, _("it has no “forkline” section"));
  if (*section_length > MAX_SECTION_BYTES)
    {
      g_set_error (error, FL_RUN_FILE_ERROR, FL_RUN_FILE_ERROR_DAMAGED,
                   _("“%s” is too large to open: its run takes %zu MB"),
                   display, (size_t) (*section_length >> 20));
      return FALSE;
    }
  return TRUE;
}

/* ---- reading the section -------------------------------------------------- */

typedef struct
{
  const char *display;
  GError    **error;
} Loader;

static gboolean damaged (Loader *l, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* "“run.trace” is damaged: lane 3: “pid” is not a whole number" */
static gboolean
damaged (Loader     *l,
         const char *format,
         ...)
{
  g_autofree char *what = NULL;
  g_autofree char *valid = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* What is quoted from the file (json-glib's messages, the scenario's
   * errors) may hold bytes that are not UTF-8: the message must be. */
  valid = g_utf8_make_valid (what, -1);
  g_set_error (l->error, FL_RUN_FILE_ERROR, FL_RUN_FILE_ERROR_DAMAGED,
               /* TRANSLATORS: file name, then what is wrong in it */
               _("“%s” is damaged: %s"), l->display, valid);
  return FALSE;
}

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  return object != NULL && json_object_has_member (object, name) ? json_object_get_member (object, name) : NULL;
}

static gboolean
node_is (JsonNode *node,
         GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static JsonObject *
need_object (Loader     *l,
             JsonObject *parent,
             const char *name,
             const char *where)
{
  JsonNode *node = member (parent, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      damaged (l, _("%s: “%s” is missing or not an object"), where, name);
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
need_array (Loader     *l,
            JsonObject *parent,
            const char *name,
            const char *where)
{
  JsonNode *node = member (parent, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      damaged (l, _("%s: “%s” is missing or not a list"), where, name);
      return NULL;
    }
  return json_node_get_array (node);
}

static gboolean
check_int (Loader     *l,
           JsonNode   *node,
           const char *where,
           const char *name,
           gint64      min,
           gint64      max,
           gint64     *value)
{
  if (!node_is (node, G_TYPE_INT64))
    return damaged (l, _("%s: “%s” is missing or not a whole number"), where, name);
  *value = json_node_get_int (node);
  if (*value < min || *value > max)
    return damaged (l, _("%s: “%s” is %lld, out of range"), where, name, (long long) *value);
  return TRUE;
}

static gboolean
get_int (Loader     *l,
         JsonObject *object,
         const char *name,
         const char *where,
         gint64      min,
         gint64      max,
         gint64     *value)
{
  return check_int (l, member (object, name), where, name, min, max, value);
}

/* A time: -1 (none) if @none_ok, else from 0 to MAX_T. */
static gboolean
get_time (Loader     *l,
          JsonObject *object,
          const char *name,
          const char *where,
          gboolean    none_ok,
          gint64     *value)
{
  return get_int (l, object, name, where, none_ok ? -1 : 0, MAX_T, value);
}

static gboolean
get_bool (Loader     *l,
          JsonObject *object,
          const char *name,
          const char *where,
          gboolean   *value)
{
  JsonNode *node = member (object, name);

  if (!node_is (node, G_TYPE_BOOLEAN))
    return damaged (l, _("%s: “%s” is missing or not true or false"), where, name);
  *value = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
check_double (Loader     *l,
              JsonNode   *node,
              const char *where,
              const char *name,
              double      min,
              double      max,
              double     *value)
{
  if (!node_is (node, G_TYPE_INT64) && !node_is (node, G_TYPE_DOUBLE))
    return damaged (l, _("%s: “%s” is missing or not a number"), where, name);
  *value = json_node_get_double (node);
  if (!isfinite (*value) || *value < min || *value > max)
    return damaged (l, _("%s: “%s” is out of range"), where, name);
  return TRUE;
}

/* A string member; NULL is allowed (and given) only with @null_ok. */
static gboolean
get_string (Loader      *l,
            JsonObject  *object,
            const char  *name,
            const char  *where,
            gboolean     null_ok,
            const char **value)
{
  JsonNode *node = member (object, name);

  *value = NULL;
  if (null_ok && node != NULL && JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!node_is (node, G_TYPE_STRING))
    return damaged (l, _("%s: “%s” is missing or not text"), where, name);
  *value = json_node_get_string (node);
  return TRUE;
}

/* Base64 of records of @size bytes each. */
static guint8 *
get_records (Loader     *l,
             JsonNode   *node,
             const char *where,
             const char *name,
             gsize       size,
             gsize      *n_records)
{
  g_autofree guint8 *bytes = NULL;
  const char *text;
  gsize length = 0;

  *n_records = 0;
  if (!node_is (node, G_TYPE_STRING))
    {
      damaged (l, _("%s: “%s” is missing or not text"), where, name);
      return NULL;
    }
  text = json_node_get_string (node);
  if (*text == '\0')
    return g_malloc (1);
  bytes = g_base64_decode (text, &length);
  if (length % size != 0)
    {
      damaged (l, _("%s: “%s” is cut short (%zu bytes, not a whole number of records)"),
               where, name, length);
      return NULL;
    }
  *n_records = length / size;
  return g_steal_pointer (&bytes);
}

typedef struct
{
  Loader       l;
  FlScenario  *scenario;
  FlStore     *store;
  guint        n_lanes;
  gint64       end;
  FlRunFacts   facts;
  double      *params;
  gboolean     program;    /* an observed program: its lanes are all workers */
} Load;

static void
load_clear (Load *load)
{
  g_clear_object (&load->scenario);
  g_clear_object (&load->store);
  g_clear_pointer (&load->params, g_free);
}

static gboolean
read_scenario (Load       *load,
               JsonObject *section)
{
  Loader *l = &load->l;
  JsonObject *object;
  const char *origin, *data;
  g_autoptr(GError) local_error = NULL;

  if (!(object = need_object (l, section, "scenario", "forkline")) ||
      !get_string (l, object, "origin", "scenario", TRUE, &origin) ||
      !get_string (l, object, "data", "scenario", FALSE, &data))
    return FALSE;
  load->scenario = fl_scenario_new_from_data (data, strlen (data), origin ? origin : l->display, &local_error);
  if (load->scenario == NULL)
    return damaged (l, _("the scenario it ran does not load: %s"), local_error->message);
  return TRUE;
}

/* A run of a Python program (optional: scenario runs have none). */
static gboolean
read_strings (Loader     *l,
              JsonObject *object,
              const char *name,
              GPtrArray  *into)
{
  JsonArray *array;
  guint i;

  if (!(array = need_array (l, object, name, "program")))
    return FALSE;
  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!node_is (node, G_TYPE_STRING))
        return damaged (l, _("program: “%s” holds something that is not text"), name);
      g_ptr_array_add (into, g_strdup (json_node_get_string (node)));
    }
  g_ptr_array_add (into, NULL);
  return TRUE;
}

static gboolean
read_program (Load       *load,
              JsonObject *section,
              FlRun      *run)
{
  Loader *l = &load->l;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(FlProgram) program = NULL;
  const char *path, *text, *interpreter, *version;
  JsonObject *object;

  if (!(object = need_object (l, section, "program", "forkline")) ||
      !get_string (l, object, "path", "program", FALSE, &path) ||
      !get_string (l, object, "text", "program", FALSE, &text) ||
      !get_string (l, object, "interpreter", "program", FALSE, &interpreter) ||
      !get_string (l, object, "python_version", "program", FALSE, &version) ||
      !read_strings (l, object, "args", args) ||
      !read_strings (l, object, "notes", notes))
    return FALSE;
  program = fl_program_new_replayed (path, text, (const char * const *) args->pdata, interpreter, version);
  fl_run_set_program (run, program, (const char * const *) notes->pdata);
  return TRUE;
}

static gboolean
read_run (Load       *load,
          JsonObject *section)
{
  Loader *l = &load->l;
  FlScenario *scenario = load->scenario;
  guint n_params = fl_scenario_get_n_params (scenario);
  JsonObject *object;
  JsonArray *params;
  const char *mode;
  gint64 value;
  guint i;

  if (!(object = need_object (l, section, "run", "forkline")) ||
      !get_string (l, object, "mode", "run", FALSE, &mode))
    return FALSE;
  if (!fl_mode_from_string (mode, &load->facts.mode) ||
      !fl_scenario_allows_mode (scenario, load->facts.mode))
    return damaged (l, _("run: mode “%s” is not one the scenario runs in"), mode);

  /* An observed program's workers are the threads and processes seen. */
  if (member (section, "program") != NULL
      ? !get_int (l, object, "workers", "run", 0, FL_PROGRAM_MAX_LANES - 1, &value)
      : !get_int (l, object, "workers", "run",
                  MAX (1, fl_scenario_get_min_workers (scenario)),
                  MIN (FL_MAX_WORKERS, fl_scenario_get_max_workers (scenario)), &value))
    return FALSE;
  load->facts.n_workers = (guint) value;
  if (!get_bool (l, object, "gil", "run", &load->facts.gil) ||
      !check_double (l, member (object, "switch_interval_ms"), "run", "switch_interval_ms",
                     0.1, 1000, &load->facts.switch_interval_ms) ||
      !check_double (l, member (object, "sample_rate_hz"), "run", "sample_rate_hz",
                     0, 1000, &load->facts.sample_rate_hz) ||
      !get_bool (l, object, "stopped", "run", &load->facts.stopped) ||
      !get_bool (l, object, "hit_time_limit", "run", &load->facts.hit_time_limit) ||
      !check_double (l, member (object, "max_seconds"), "run", "max_seconds",
                     0, FL_RUN_MAX_SECONDS_LIMIT, &load->facts.max_seconds) ||
      !get_int (l, object, "main_pid", "run", 0, G_MAXINT, &value))
    return FALSE;
  load->facts.main_pid = (int) value;
  if (!get_int (l, object, "main_status", "run", G_MININT, G_MAXINT, &value))
    return FALSE;
  load->facts.main_status = (int) value;

  if (!(params = need_array (l, object, "params", "run")))
    return FALSE;
  if (json_array_get_length (params) != n_params)
    return damaged (l, _("run: %u parameters for a scenario that has %u"),
                    json_array_get_length (params), n_params);
  load->params = g_new0 (double, MAX (n_params, 1));
  for (i = 0; i < n_params; i++)
    {
      const FlParam *param = fl_scenario_get_param (scenario, i);

      if (!check_double (l, json_array_get_element (params, i), "run", param->name,
                         param->min, param->max, &load->params[i]))
        return FALSE;
    }
  load->facts.param_values = load->params;
  return TRUE;
}

static gboolean
read_lane (Load       *load,
           JsonObject *object,
           guint       index)
{
  Loader *l = &load->l;
  g_autofree char *where = g_strdup_printf (_("lane %u"), index);
  FlLaneKind expected = index == 0 ? FL_LANE_MAIN
                      : index <= load->facts.n_workers || load->program ? FL_LANE_WORKER : FL_LANE_SERVER;
  const char *kind, *name, *template_name;
  gboolean is_process, stopped;
  FlLaneInfo *info;
  gint64 v[16];
  guint lane;

  if (!get_string (l, object, "kind", where, FALSE, &kind))
    return FALSE;
  if (!g_str_equal (kind, lane_kinds[expected]))
    return damaged (l, _("%s: a “%s” lane where the run has its %s lane"), where, kind, lane_kinds[expected]);
  if (!get_bool (l, object, "process", where, &is_process) ||
      !get_string (l, object, "name", where, FALSE, &name) ||
      !get_string (l, object, "template", where, TRUE, &template_name) ||
      !get_int (l, object, "pid", where, 0, G_MAXINT, &v[0]) ||
      !get_int (l, object, "tid", where, 0, G_MAXINT, &v[1]) ||
      !get_time (l, object, "create_t", where, TRUE, &v[2]) ||
      !get_time (l, object, "start_t", where, TRUE, &v[3]) ||
      !get_time (l, object, "exit_t", where, TRUE, &v[4]) ||
      !get_time (l, object, "end_t", where, TRUE, &v[5]) ||
      !get_time (l, object, "join_t", where, TRUE, &v[6]) ||
      !get_int (l, object, "exit_code", where, G_MININT, G_MAXINT, &v[7]) ||
      !get_int (l, object, "signal", where, 0, 255, &v[8]) ||
      !get_bool (l, object, "stopped", where, &stopped) ||
      !get_int (l, object, "cpu_ns", where, -1, G_MAXINT64, &v[9]) ||
      !get_int (l, object, "dropped", where, 0, G_MAXINT64, &v[10]) ||
      !get_int (l, object, "stack_base", where, G_MININT64, G_MAXINT64, &v[11]) ||
      !get_int (l, object, "stack_size", where, G_MININT64, G_MAXINT64, &v[12]))
    return FALSE;

  /* The store sets cpu_ns from the lane's exit record, and only then;
   * a lane that ended without saying (killed, crashed, or an observed
   * program's thread that ended between two samples) keeps -1. */
  if (v[4] < 0 && v[9] >= 0)
    return damaged (l, _("%s: it never exited, so it cannot have a “%s”"), where, "cpu_ns");
  /* Nothing happens to a worker before it was asked for, or after the run. */
  for (guint k = 3; k <= 6; k++)
    {
      static const char * const names[] = { "create_t", "start_t", "exit_t", "end_t", "join_t" };

      if (v[k] >= 0 && v[2] >= 0 && v[k] < v[2])
        return damaged (l, _("%s: “%s” is before “%s”"), where, names[k - 2], "create_t");
      if (v[k] >= 0 && load->end >= 0 && v[k] > load->end)
        return damaged (l, _("%s: “%s” is after the run’s “%s”"), where, names[k - 2], "end");
    }
  if (v[2] >= 0 && load->end >= 0 && v[2] > load->end)
    return damaged (l, _("%s: “%s” is after the run’s “%s”"), where, "create_t", "end");

  lane = fl_store_add_lane (load->store, expected, is_process, name, template_name);
  info = fl_store_get_lane_info_mut (load->store, lane);
  info->pid = (int) v[0];
  info->tid = (int) v[1];
  info->create_t = v[2];
  info->start_t = v[3];
  info->exit_t = v[4];
  info->end_t = v[5];
  info->join_t = v[6];
  info->exit_code = (int) v[7];
  info->signal = (int) v[8];
  info->stopped = stopped;
  info->cpu_ns = v[9];
  info->dropped = (guint64) v[10];
  info->stack_base = (guint64) v[11];
  info->stack_size = (guint64) v[12];
  return TRUE;
}

/* An element of a row of numbers. */
static gboolean
row_int (Loader     *l,
         JsonArray  *row,
         guint       index,
         const char *where,
         const char *name,
         gint64      min,
         gint64      max,
         gint64     *value)
{
  JsonNode *node = index < json_array_get_length (row) ? json_array_get_element (row, index) : NULL;

  return check_int (l, node, where, name, min, max, value);
}

static JsonArray *
row_at (Loader     *l,
        JsonArray  *rows,
        guint       index,
        guint       length,
        const char *where)
{
  JsonNode *node = json_array_get_element (rows, index);
  JsonArray *row;

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (row = json_node_get_array (node)) != length)
    {
      damaged (l, _("%s: not a list of %u values"), where, length);
      return NULL;
    }
  return row;
}

/* A column of numbers in a table of rows: its name, for errors, and the
 * range its values must be in. */
typedef struct
{
  const char *name;
  gint64      min;
  gint64      max;
} Column;

#define MAX_COLUMNS 8

/* Row @index of @rows: a list of @length values, the first @n_columns of
 * them whole numbers in their columns' ranges, read into @v. */
static JsonArray *
read_row (Loader       *l,
          JsonArray    *rows,
          guint         index,
          guint         length,
          const char   *where,
          const Column *columns,
          guint         n_columns,
          gint64       *v)
{
  JsonArray *row = row_at (l, rows, index, length, where);
  guint k;

  g_assert (n_columns <= MAX_COLUMNS && n_columns <= length);
  if (row == NULL)
    return NULL;
  for (k = 0; k < n_columns; k++)
    if (!row_int (l, row, k, where, columns[k].name, columns[k].min, columns[k].max, &v[k]))
      return NULL;
  return row;
}

/* One of the store's tables of rows: its member, the length of a row, its
 * columns of numbers, what a row is called in errors, and what is done
 * with a row once its numbers are read. */
typedef struct
{
  const char   *member;
  guint         length;
  const Column *columns;
  guint         n_columns;
  char       *(*where) (guint index);
  gboolean    (*add) (Load *load, const char *where, JsonArray *row, const gint64 *v);
} Table;

static gboolean
read_table (Load        *load,
            JsonObject  *store,
            const Table *table)
{
  Loader *l = &load->l;
  JsonArray *rows = need_array (l, store, table->member, "store");
  guint i, n;

  if (rows == NULL)
    return FALSE;
  n = json_array_get_length (rows);
  for (i = 0; i < n; i++)
    {
      g_autofree char *where = table->where (i);
      gint64 v[MAX_COLUMNS];
      JsonArray *row = read_row (l, rows, i, table->length, where, table->columns, table->n_columns, v);

      if (row == NULL || !table->add (load, where, row, v))
        return FALSE;
    }
  return TRUE;
}

static char *
output_where (guint index)
{
  return g_strdup_printf (_("output line %u"), index);
}

/* [t, lane, truncated, text] */
static gboolean
add_output (Load         *load,
            const char   *where,
            JsonArray    *row,
            const gint64 *v)
{
  Loader *l = &load->l;
  FlOutputLine line = { 0 };
  JsonNode *node;

  node = json_array_get_element (row, 2);
  if (!node_is (node, G_TYPE_BOOLEAN))
    return damaged (l, _("%s: “%s” is missing or not true or false"), where, "truncated");
  line.truncated = json_node_get_boolean (node);
  node = json_array_get_element (row, 3);
  if (!node_is (node, G_TYPE_STRING))
    return damaged (l, _("%s: “%s” is missing or not text"), where, "text");
  line.t = v[0];
  line.lane = (guint) v[1];
  line.text = (char *) json_node_get_string (node);
  fl_store_add_output (load->store, &line);
  return TRUE;
}

static char *
message_where (guint index)
{
  return g_strdup_printf (_("message %u"), index);
}

/* [id, bytes, channel, send_lane, receive_lane, send_t, receive_t] */
static gboolean
add_message (Load         *load,
             const char   *where,
             JsonArray    *row,
             const gint64 *v)
{
  FlMessage msg;

  if (fl_store_find_message (load->store, (guint32) v[0]) != NULL)
    return damaged (&load->l, _("%s: id %u is there twice"), where, (guint) v[0]);
  msg.id = (guint32) v[0];
  msg.bytes = (guint32) v[1];
  msg.channel = (guint) v[2];
  msg.send_lane = v[3] < 0 ? G_MAXUINT : (guint) v[3];
  msg.receive_lane = v[4] < 0 ? G_MAXUINT : (guint) v[4];
  msg.send_t = v[5];
  msg.receive_t = v[6];
  fl_store_add_message (load->store, &msg);
  return TRUE;
}

static char *
result_where (guint index)
{
  return g_strdup_printf (_("result %u"), index);
}

/* [lane, key, a, b] */
static gboolean
add_result (Load         *load,
            const char   *where,
            JsonArray    *row,
            const gint64 *v)
{
  FlResult res;

  res.lane = (guint) v[0];
  res.key = (guint) v[1];
  res.a = (guint64) v[2];
  res.b = (guint64) v[3];
  fl_store_add_result (load->store, &res);
  return TRUE;
}

/* The output lines, messages and results, in that order: events refer to
 * lines and messages by number. */
static gboolean
read_tables (Load       *load,
             JsonObject *store)
{
  gint64 last_lane = (gint64) load->n_lanes - 1;
  const Column output_columns[] = {
    { "t", 0, MAX_T },
    { "lane", 0, last_lane },
  };
  const Column message_columns[] = {
    { "id", 0, G_MAXUINT32 },
    { "bytes", 0, G_MAXUINT32 },
    { "channel", 0, G_MAXUINT32 },
    { "send_lane", -1, last_lane },
    { "receive_lane", -1, last_lane },
    { "send_t", -1, MAX_T },
    { "receive_t", -1, MAX_T },
  };
  const Column result_columns[] = {
    { "lane", 0, last_lane },
    { "key", 0, FL_N_RESULTS - 1 },
    { "a", G_MININT64, G_MAXINT64 },
    { "b", G_MININT64, G_MAXINT64 },
  };
  const Table tables[] = {
    { "output", 4, output_columns, G_N_ELEMENTS (output_columns), output_where, add_output },
    { "messages", 7, message_columns, G_N_ELEMENTS (message_columns), message_where, add_message },
    { "results", 4, result_columns, G_N_ELEMENTS (result_columns), result_where, add_result },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (tables); i++)
    if (!read_table (load, store, &tables[i]))
      return FALSE;
  return TRUE;
}

/* Events come in the order they were stored, which need not be time
 * order (a crash that ends a lane is added at the end); views sort. */
static gboolean
read_events (Load       *load,
             JsonObject *object,
             guint       lane)
{
  Loader *l = &load->l;
  g_autofree char *where = g_strdup_printf (_("lane %u"), lane);
  g_autofree guint8 *bytes = NULL;
  guint n_output = fl_store_get_n_output (load->store);
  gsize n, i;

  if (!(bytes = get_records (l, member (object, "events"), where, "events", EVENT_BYTES, &n)))
    return FALSE;
  for (i = 0; i < n; i++)
    {
      const guint8 *p = bytes + i * EVENT_BYTES;
      FlEvent ev;

      ev.t = (gint64) get_le (p, 8);
      ev.a = (guint32) get_le (p + 8, 4);
      ev.cpu = (guint16) get_le (p + 12, 2);
      ev.kind = p[14];
      ev.arg8 = p[15];

      if (ev.t < 0 || ev.t > MAX_T)
        return damaged (l, _("%s: event %zu is at an impossible time"), where, i);
      if (load->end >= 0 && ev.t > load->end)
        return damaged (l, _("%s: event %zu is after the run’s “%s”"), where, i, "end");
      switch (ev.kind)
        {
        case FL_EV_RUN_START:
        case FL_EV_WORKER_START:
        case FL_EV_EXIT:
        case FL_EV_CRASH:
        case FL_EV_GIL:
          break;
        case FL_EV_STATE:
          if (ev.arg8 >= FL_N_STATES || fl_event_get_reason (&ev) >= FL_N_REASONS)
            return damaged (l, _("%s: event %zu has an unknown state"), where, i);
          break;
        case FL_EV_OUTPUT:
          if (ev.a >= n_output || fl_store_get_output (load->store, ev.a)->lane != lane)
            return damaged (l, _("%s: event %zu refers to output line %u, which is not this lane’s"),
                            where, i, ev.a);
          break;
        case FL_EV_CREATE:
        case FL_EV_JOIN:
          if (ev.a >= load->n_lanes)
            return damaged (l, _("%s: event %zu refers to lane %u, which is not there"),
                            where, i, ev.a);
          break;
        case FL_EV_SEND:
        case FL_EV_RECEIVE:
          if (fl_store_find_message (load->store, ev.a) == NULL)
            return damaged (l, _("%s: event %zu refers to message %u, which is not there"),
                            where, i, ev.a);
          break;
        default:
          return damaged (l, _("%s: event %zu is of an unknown kind (%u)"),
                          where, i, ev.kind);
        }
      fl_store_append (load->store, lane, &ev);
    }
  return TRUE;
}

static gboolean
read_lane_samples (Load       *load,
                   JsonObject *object,
                   guint       lane)
{
  Loader *l = &load->l;
  g_autofree char *where = g_strdup_printf (_("lane %u"), lane);
  g_autofree guint8 *bytes = NULL;
  gint64 last = 0;
  gsize n, i;

  if (!(bytes = get_records (l, member (object, "samples"), where, "samples", LANE_SAMPLE_BYTES, &n)))
    return FALSE;
  for (i = 0; i < n; i++)
    {
      const guint8 *p = bytes + i * LANE_SAMPLE_BYTES;
      FlLaneSample sample = { 0 };

      sample.t = (gint64) get_le (p, 8);
      sample.cpu_ns = (gint64) get_le (p + 8, 8);
      sample.wait_ns = (gint64) get_le (p + 16, 8);
      sample.cpu = (guint16) get_le (p + 24, 2);
      sample.kstate = (char) p[26];
      if (sample.t < last || sample.t > MAX_T)
        return damaged (l, _("%s: its CPU samples go back in time at sample %zu"), where, i);
      if (sample.cpu_ns < 0 || sample.wait_ns < -1)
        return damaged (l, _("%s: CPU sample %zu has a negative time"), where, i);
      last = sample.t;
      fl_store_add_lane_sample (load->store, lane, &sample);
    }
  return TRUE;
}

static gboolean
read_cores (Load       *load,
            JsonObject *store)
{
  Loader *l = &load->l;
  JsonArray *cores;
  gint64 n_cores;
  guint c;

  if (!get_int (l, store, "n_cores", "store", 0, MAX_CORES, &n_cores) ||
      !(cores = need_array (l, store, "cores", "store")))
    return FALSE;
  if (json_array_get_length (cores) != (guint) n_cores)
    return damaged (l, _("store: %u lists of core samples for %u cores"),
                    json_array_get_length (cores), (guint) n_cores);
  fl_store_set_n_cores (load->store, (guint) n_cores);
  /* No lane can have used more CPU time than every core for the whole
   * run (a second of slack for when the kernel accounts it). */
  if (load->end >= 0)
    for (guint lane = 0; lane < load->n_lanes; lane++)
      {
        const FlLaneInfo *info = fl_store_get_lane_info (load->store, lane);

        if (info->cpu_ns > load->end * MAX (n_cores, 1) + G_GINT64_CONSTANT (1000000000))
          return damaged (l, _("lane %u: “%s” is more CPU time than %u cores have in the whole run"),
                          lane, "cpu_ns", (guint) MAX (n_cores, 1));
      }
  for (c = 0; c < (guint) n_cores; c++)
    {
      g_autofree char *where = g_strdup_printf (_("core %u"), c);
      g_autofree guint8 *bytes = NULL;
      gint64 last = 0;
      gsize n, i;

      if (!(bytes = get_records (l, json_array_get_element (cores, c), where, "samples", CORE_SAMPLE_BYTES, &n)))
        return FALSE;
      for (i = 0; i < n; i++)
        {
          const guint8 *p = bytes + i * CORE_SAMPLE_BYTES;
          FlCoreSample sample;

          sample.t = (gint64) get_le (p, 8);
          sample.busy = bits_float ((guint32) get_le (p + 8, 4));
          sample.pad = bits_float ((guint32) get_le (p + 12, 4));
          if (sample.t < last || sample.t > MAX_T)
            return damaged (l, _("%s: its samples go back in time at sample %zu"), where, i);
          if (!(sample.busy >= 0 && sample.busy <= 1))
            return damaged (l, _("%s: sample %zu is not a share from 0 to 1"), where, i);
          last = sample.t;
          fl_store_add_core_sample (load->store, c, &sample);
        }
    }
  return TRUE;
}

static void
region_free (gpointer data)
{
  FlRegion *region = data;

  g_free (region->label);
  g_free (region);
}

static gboolean
read_regions (Load            *load,
              JsonNode        *node,
              const char      *where,
              FlMemorySample  *sample)
{
  Loader *l = &load->l;
  /* [kind, start, end, rss_kb, lane, label] */
  const Column columns[] = {
    { "kind", 0, FL_N_REGION_KINDS - 1 },
    { "start", G_MININT64, G_MAXINT64 },
    { "end", G_MININT64, G_MAXINT64 },
    { "rss_kb", G_MININT64, G_MAXINT64 },
    { "lane", -1, (gint64) load->n_lanes - 1 },
  };
  JsonArray *rows;
  guint i, n;

  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return damaged (l, _("%s: “%s” is missing or not a list"), where, "regions");
  rows = json_node_get_array (node);
  n = json_array_get_length (rows);
  sample->regions = g_ptr_array_new_full (n, region_free);
  for (i = 0; i < n; i++)
    {
      g_autofree char *row_where = g_strdup_printf (_("%s, region %u"), where, i);
      JsonArray *row;
      FlRegion *region;
      JsonNode *label;
      gint64 v[G_N_ELEMENTS (columns)];

      if (!(row = read_row (l, rows, i, 6, row_where, columns, G_N_ELEMENTS (columns), v)))
        return FALSE;
      if ((guint64) v[2] < (guint64) v[1])
        return damaged (l, _("%s: it ends before it starts"), row_where);
      label = json_array_get_element (row, 5);
      if (!JSON_NODE_HOLDS_NULL (label) && !node_is (label, G_TYPE_STRING))
        return damaged (l, _("%s: “%s” is not text"), row_where, "label");
      region = g_new0 (FlRegion, 1);
      region->kind = (FlRegionKind) v[0];
      region->start = (guint64) v[1];
      region->end = (guint64) v[2];
      region->rss_kb = (guint64) v[3];
      region->lane = (int) v[4];
      region->label = JSON_NODE_HOLDS_NULL (label) ? NULL : g_strdup (json_node_get_string (label));
      g_ptr_array_add (sample->regions, region);
    }
  return TRUE;
}

static void
memory_sample_free (FlMemorySample *sample)
{
  g_clear_pointer (&sample->regions, g_ptr_array_unref);
  g_free (sample);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlMemorySample, memory_sample_free)

static gboolean
read_memory (Load       *load,
             JsonObject *store)
{
  static const char * const kb_names[] = {
    "rss_kb", "pss_kb", "shared_clean_kb", "shared_dirty_kb",
    "private_clean_kb", "private_dirty_kb", "anon_kb",
  };
  Loader *l = &load->l;
  JsonArray *samples = need_array (l, store, "memory", "store");
  guint i, n;

  if (samples == NULL)
    return FALSE;
  n = json_array_get_length (samples);
  for (i = 0; i < n; i++)
    {
      g_autofree char *where = g_strdup_printf (_("memory sample %u"), i);
      g_autoptr(FlMemorySample) sample = g_new0 (FlMemorySample, 1);
      JsonNode *node = json_array_get_element (samples, i);
      JsonObject *object;
      gint64 v[G_N_ELEMENTS (kb_names)];
      gint64 t, pid, lane;
      guint k;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return damaged (l, _("%s: not an object"), where);
      object = json_node_get_object (node);
      if (!get_time (l, object, "t", where, FALSE, &t) ||
          !get_int (l, object, "pid", where, 0, G_MAXINT, &pid) ||
          !get_int (l, object, "lane", where, 0, load->n_lanes - 1, &lane))
        return FALSE;
      for (k = 0; k < G_N_ELEMENTS (kb_names); k++)
        if (!get_int (l, object, kb_names[k], where, G_MININT64, G_MAXINT64, &v[k]))
          return FALSE;
      sample->t = t;
      sample->pid = (int) pid;
      sample->lane = (guint) lane;
      sample->rss_kb = (guint64) v[0];
      sample->pss_kb = (guint64) v[1];
      sample->shared_clean_kb = (guint64) v[2];
      sample->shared_dirty_kb = (guint64) v[3];
      sample->private_clean_kb = (guint64) v[4];
      sample->private_dirty_kb = (guint64) v[5];
      sample->anon_kb = (guint64) v[6];
      if (!read_regions (load, member (object, "regions"), where, sample))
        return FALSE;
      fl_store_add_memory_sample (load->store, g_steal_pointer (&sample));
    }
  return TRUE;
}

/* Present only when the run reached its budget. */
static gboolean
read_budget (Load       *load,
             JsonObject *store)
{
  static const char * const limits[] = {
    "events", "output_lines", "output_bytes", "messages", "samples", "memory_samples",
  };
  static const char * const not_kept[] = {
    "events_not_kept", "output_lines_not_kept", "messages_not_kept", "samples_not_kept",
  };
  Loader *l = &load->l;
  FlStoreBudget budget;
  FlStoreOverBudget over;
  JsonObject *object;
  gint64 limit[G_N_ELEMENTS (limits)];
  gint64 count[G_N_ELEMENTS (not_kept)];
  guint i;

  if (member (store, "budget") == NULL)
    return TRUE;
  if (!(object = need_object (l, store, "budget", "store")))
    return FALSE;
  for (i = 0; i < G_N_ELEMENTS (limits); i++)
    if (!get_int (l, object, limits[i], "budget", 0, G_MAXINT64, &limit[i]))
      return FALSE;
  for (i = 0; i < G_N_ELEMENTS (not_kept); i++)
    if (!get_int (l, object, not_kept[i], "budget", 0, G_MAXINT64, &count[i]))
      return FALSE;
  if (!get_time (l, object, "reached_t", "budget", FALSE, &over.t))
    return FALSE;

  budget.events = (guint64) limit[0];
  budget.output_lines = (guint64) limit[1];
  budget.output_bytes = (guint64) limit[2];
  budget.messages = (guint64) limit[3];
  budget.samples = (guint64) limit[4];
  budget.memory_samples = (guint64) limit[5];
  over.events = (guint64) count[0];
  over.output_lines = (guint64) count[1];
  over.messages = (guint64) count[2];
  over.samples = (guint64) count[3];
  fl_store_set_budget (load->store, &budget);
  fl_store_set_over_budget (load->store, &over);
  return TRUE;
}

static gboolean
read_store (Load       *load,
            JsonObject *section)
{
  Loader *l = &load->l;
  gboolean has_server = fl_scenario_uses_step (load->scenario, FL_STEP_IO);
  JsonObject *store;
  JsonArray *lanes;
  gint64 t0, end;
  guint expected, i;

  if (!(store = need_object (l, section, "store", "forkline")) ||
      !get_int (l, store, "t0", "store", G_MININT64, G_MAXINT64, &t0) ||
      !get_time (l, store, "end", "store", TRUE, &end) ||
      !(lanes = need_array (l, store, "lanes", "store")))
    return FALSE;

  /* As fl_run_new() lays them out: main, each worker, the I/O server. */
  expected = 1 + load->facts.n_workers + (has_server ? 1 : 0);
  /* An observed program: a lane per thread seen, up to the limit. */
  if (member (section, "program") != NULL)
    {
      if (json_array_get_length (lanes) < 1 || json_array_get_length (lanes) > FL_PROGRAM_MAX_LANES)
        return damaged (l, _("store: %u lanes for a program, which has 1 to %u"),
                        json_array_get_length (lanes), (guint) FL_PROGRAM_MAX_LANES);
      expected = json_array_get_length (lanes);
      load->program = TRUE;
    }
  if (json_array_get_length (lanes) != expected)
    return damaged (l, _("store: %u lanes for a run of %u workers, which has %u"),
                    json_array_get_length (lanes), load->facts.n_workers, expected);
  g_assert (expected <= MAX_LANES);
  load->n_lanes = expected;
  load->end = end;
  load->store = fl_store_new (t0);

  /* fl_store_add_lane() takes the lock itself. */
  for (i = 0; i < expected; i++)
    {
      JsonNode *node = json_array_get_element (lanes, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return damaged (l, _("lane %u: not an object"), i);
      if (!read_lane (load, json_node_get_object (node), i))
        return FALSE;
    }

  /* What events refer to comes before them. */
  fl_store_lock (load->store);
  if (!read_tables (load, store))
    goto fail;
  for (i = 0; i < expected; i++)
    {
      JsonObject *object = json_node_get_object (json_array_get_element (lanes, i));

      if (!read_events (load, object, i) ||
          !read_lane_samples (load, object, i))
        goto fail;
    }
  if (!read_cores (load, store) ||
      !read_memory (load, store))
    goto fail;
  fl_store_unlock (load->store);

  if (end >= 0)
    fl_store_set_end (load->store, end);
  /* Last: the budget would apply to what is added. */
  return read_budget (load, store);

fail:
  fl_store_unlock (load->store);
  return FALSE;
}

/* json-glib reads a whole number too large for 64 bits as another
 * number (1e30 written out becomes -1): such numbers are found in the
 * text, and named by the key they are the value of. */
static gboolean
check_number_sizes (Loader     *l,
                    const char *text,
                    gsize       length)
{
  const char *key = NULL;
  gsize key_len = 0;
  gsize i = 0;

  while (i < length)
    {
      char c = text[i];

      if (c == '"')
        {
          gsize start = ++i;

          while (i < length && text[i] != '"')
            i += text[i] == '\\' ? 2 : 1;
          /* A string followed by ":" is a key. */
          {
            gsize j = i + 1;

            while (j < length && g_ascii_isspace (text[j]))
              j++;
            if (j < length && text[j] == ':')
              {
                key = text + start;
                key_len = MIN (i, length) - start;
              }
          }
          i++;
        }
      else if (g_ascii_isdigit (c))
        {
          gsize start = i;
          gboolean fraction = FALSE;

          while (i < length && g_ascii_isdigit (text[i]))
            i++;
          if (i < length && (text[i] == '.' || text[i] == 'e' || text[i] == 'E'))
            fraction = TRUE;
          /* 9223372036854775807 has 19 digits. */
          if (!fraction &&
              (i - start > 19 || (i - start == 19 && strncmp (text + start, "9223372036854775807", 19) > 0)))
            return damaged (l, _("“%.*s” is %.*s…, too large a number"),
                            (int) MIN (key_len, 64), key ? key : "?", 20, text + start);
          while (i < length && (g_ascii_isalnum (text[i]) || text[i] == '.' || text[i] == '+' || text[i] == '-'))
            i++;
        }
      else
        i++;
    }
  return TRUE;
}

/**
 * fl_run_load_from_data:
 * @data: the file's bytes
 * @length: how many
 * @origin: names them in messages (a path)
 * @error: where to say what is wrong
 *
 * Returns: (transfer full): the saved run, finished, or %NULL
 */
FlRun *
fl_run_load_from_data (const char  *data,
                       gsize        length,
                       const char  *origin,
                       GError     **error)
{
  /* The name alone: it fits in a toast, and the user knows where it is. */
  g_autofree char *display = g_filename_display_basename (origin ? origin : "");
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  Load load = { { display, error }, NULL };
  const char *section;
  gsize section_length = 0;
  JsonNode *root;
  JsonObject *object;
  gint64 format;
  FlRun *run;

  if (!find_section (data, length, display, &section, &section_length, error))
    return NULL;

  if (!json_parser_load_from_data (parser, section, (gssize) section_length, &local_error))
    {
      damaged (&load.l, _("its “forkline” section is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  if (!check_number_sizes (&load.l, section, section_length))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      damaged (&load.l, _("its “forkline” section is not an object"));
      return NULL;
    }
  object = json_node_get_object (root);

  if (!node_is (member (object, "format"), G_TYPE_INT64))
    {
      damaged (&load.l, _("its “forkline” section has no format number"));
      return NULL;
    }
  format = json_node_get_int (member (object, "format"));
  if (format > FL_RUN_FILE_FORMAT)
    {
      g_set_error (error, FL_RUN_FILE_ERROR, FL_RUN_FILE_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer Forkline: its format is %lld"
                     ", and this one reads format %d"), display, (long long) format, FL_RUN_FILE_FORMAT);
      return NULL;
    }
  if (format < 1)
    {
      damaged (&load.l, _("its format number %lld is not one there ever was"), (long long) format);
      return NULL;
    }

  if (!read_scenario (&load, object) ||
      !read_run (&load, object) ||
      !read_store (&load, object))
    {
      load_clear (&load);
      return NULL;
    }

  run = fl_run_new_replayed (load.scenario, load.store, &load.facts);
  load_clear (&load);
  if (member (object, "program") != NULL && !read_program (&load, object, run))
    {
      g_object_unref (run);
      return NULL;
    }
  return run;
}

/**
 * fl_run_load:
 * @path: a file written by fl_run_save() or `forkline --trace`
 * @error: where to say what is wrong, naming the file
 *
 * Returns: (transfer full): the saved run, finished, or %NULL
 */
FlRun *
fl_run_load (const char  *path,
             GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  /* A regular file only, and not a larger one than a run can save: its
   * message names the file and says what it is. */
  if (!fl_file_read (path, FL_RUN_FILE_MAX_BYTES, &data, &length, error))
    return NULL;
  return fl_run_load_from_data (data, length, path, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  FlRun *run = fl_run_load (task_data, &error);

  if (run != NULL)
    g_task_return_pointer (task, run, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * fl_run_load_async:
 * @path: the file
 * @cancellable: (nullable): for the task
 * @callback: called on the thread-default main context when read
 * @user_data: for @callback
 *
 * fl_run_load() in a worker thread.
 */
void
fl_run_load_async (const char          *path,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, fl_run_load_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, load_thread);
}

FlRun *
fl_run_load_finish (GAsyncResult  *result,
                    GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
