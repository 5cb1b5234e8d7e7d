/* fl-store.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-store"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "fl-store.h"

typedef struct
{
  FlLaneInfo  info;
  FlEvent    *events;        /* grown by a quarter at a time: memory is the limit for long runs */
  gsize       n_events;
  gsize       n_alloc;
  /* an output line whose text records have not all arrived yet */
  GString    *pending_text;
  guint       pending_records;
  gsize       pending_length;
  gint64      pending_t;
  guint8      pending_flags;
  gboolean    pending_discard; /* over budget: its text records are skipped */
  GArray     *samples;       /* of FlLaneSample */
  /* a death seen from outside, waiting for the lane's ring to be emptied */
  guint       death_serial;  /* 0: none */
  gint64      death_t;
  int         death_status;
} Lane;

struct _FlStore
{
  GObject    parent_instance;

  GMutex     mutex;
  gint64     t0;
  gint64     end_t;
  gint64     last_t;
  GPtrArray *lanes;          /* of Lane* */
  GPtrArray *output;         /* of FlOutputLine*, in arrival order: events refer to these indexes */
  GPtrArray *output_sorted;  /* the same lines by time (lanes drain one after another) */
  GArray    *results;        /* of FlResult */
  gsize      n_events;
  GArray    *messages;       /* of FlMessage */
  GHashTable *message_index; /* id → index + 1 */
  GPtrArray *cores;          /* of GArray of FlCoreSample, one per core */
  GPtrArray *memory;         /* of FlMemorySample* */
  FlStoreBudget     budget;
  FlStoreOverBudget over;
  guint64    output_bytes;
  guint      next_death_serial;
  gboolean   stopping;
  guint64    n_samples;      /* thread and core samples */
};

G_DEFINE_FINAL_TYPE (FlStore, fl_store, G_TYPE_OBJECT)

static void
lane_free (gpointer data)
{
  Lane *lane = data;

  g_free (lane->info.name);
  g_free (lane->info.template_name);
  g_free (lane->events);
  g_array_unref (lane->samples);
  if (lane->pending_text)
    g_string_free (lane->pending_text, TRUE);
  g_free (lane);
}

static void
output_line_free (gpointer data)
{
  FlOutputLine *line = data;

  g_free (line->text);
  g_free (line);
}

static void
memory_sample_free (gpointer data)
{
  FlMemorySample *sample = data;

  g_clear_pointer (&sample->regions, g_ptr_array_unref);
  g_free (sample);
}

static void
fl_store_finalize (GObject *object)
{
  FlStore *self = (FlStore *) object;

  g_clear_pointer (&self->cores, g_ptr_array_unref);
  g_clear_pointer (&self->messages, g_array_unref);
  g_clear_pointer (&self->message_index, g_hash_table_unref);
  g_clear_pointer (&self->memory, g_ptr_array_unref);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->output_sorted, g_ptr_array_unref);
  g_clear_pointer (&self->output, g_ptr_array_unref);
  g_clear_pointer (&self->results, g_array_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (fl_store_parent_class)->finalize (object);
}

static void
fl_store_class_init (FlStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fl_store_finalize;
}

static void
fl_store_init (FlStore *self)
{
  g_mutex_init (&self->mutex);
  self->lanes = g_ptr_array_new_with_free_func (lane_free);
  self->output = g_ptr_array_new_with_free_func (output_line_free);
  self->output_sorted = g_ptr_array_new ();
  self->results = g_array_new (FALSE, TRUE, sizeof (FlResult));
  self->cores = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->messages = g_array_new (FALSE, FALSE, sizeof (FlMessage));
  self->message_index = g_hash_table_new (NULL, NULL);
  self->memory = g_ptr_array_new_with_free_func (memory_sample_free);
  self->end_t = -1;
  self->over.t = -1;
}

/**
 * fl_store_new:
 * @t0_ns: the CLOCK_MONOTONIC time the run started at; event times are relative to it
 */
FlStore *
fl_store_new (gint64 t0_ns)
{
  FlStore *self = g_object_new (FL_TYPE_STORE, NULL);

  self->t0 = t0_ns;
  return self;
}

void
fl_store_lock (FlStore *self)
{
  g_mutex_lock (&self->mutex);
}

void
fl_store_unlock (FlStore *self)
{
  g_mutex_unlock (&self->mutex);
}

guint
fl_store_add_lane (FlStore    *self,
                   FlLaneKind  kind,
                   gboolean    is_process,
                   const char *name,
                   const char *template_name)
{
  Lane *lane = g_new0 (Lane, 1);

  lane->info.kind = kind;
  lane->info.is_process = is_process;
  lane->info.name = g_strdup (name);
  lane->info.template_name = g_strdup (template_name);
  lane->info.create_t = -1;
  lane->info.start_t = -1;
  lane->info.exit_t = -1;
  lane->info.end_t = -1;
  lane->info.join_t = -1;
  lane->info.cpu_ns = -1;
  lane->samples = g_array_new (FALSE, FALSE, sizeof (FlLaneSample));

  g_mutex_lock (&self->mutex);
  lane->info.id = self->lanes->len;
  g_ptr_array_add (self->lanes, lane);
  g_mutex_unlock (&self->mutex);

  return lane->info.id;
}

static inline Lane *
get_lane (FlStore *self,
          guint    index)
{
  return index < self->lanes->len ? g_ptr_array_index (self->lanes, index) : NULL;
}

void
fl_store_append (FlStore       *self,
                 guint          lane_index,
                 const FlEvent *event)
{
  Lane *lane = get_lane (self, lane_index);

  if (lane == NULL)
    return;
  if (lane->n_events == lane->n_alloc)
    {
      lane->n_alloc = MAX (256, lane->n_alloc + lane->n_alloc / 4);
      lane->events = g_renew (FlEvent, lane->events, lane->n_alloc);
    }
  lane->events[lane->n_events++] = *event;
  self->n_events++;
  if (event->t > self->last_t)
    self->last_t = event->t;
}

void
fl_store_set_budget (FlStore             *self,
                     const FlStoreBudget *budget)
{
  g_mutex_lock (&self->mutex);
  self->budget = *budget;
  g_mutex_unlock (&self->mutex);
}

/* A loader's: what the budget of the run it reads kept out. */
void
fl_store_set_over_budget (FlStore                 *self,
                          const FlStoreOverBudget *over)
{
  g_mutex_lock (&self->mutex);
  self->over = *over;
  g_mutex_unlock (&self->mutex);
}

void
fl_store_get_over_budget (FlStore           *self,
                          FlStoreOverBudget *over)
{
  *over = self->over;
}

void
fl_store_get_budget (FlStore       *self,
                     FlStoreBudget *budget)
{
  *budget = self->budget;
}

static void
note_over_budget (FlStore *self,
                  gint64   t)
{
  if (self->over.t < 0 || t < self->over.t)
    self->over.t = t;
}

static gboolean
events_full (FlStore *self)
{
  return self->budget.events > 0 && self->n_events + self->results->len >= self->budget.events;
}

/* An event the budget may keep out. */
static void
append_budgeted (FlStore       *self,
                 guint          lane_index,
                 const FlEvent *event)
{
  if (events_full (self))
    {
      self->over.events++;
      note_over_budget (self, event->t);
      return;
    }
  fl_store_append (self, lane_index, event);
}

/* Lines come in nearly in order: insert from the end. */
static void
insert_sorted (GPtrArray    *sorted,
               FlOutputLine *line)
{
  guint pos = sorted->len;

  while (pos > 0 && ((FlOutputLine *) g_ptr_array_index (sorted, pos - 1))->t > line->t)
    pos--;
  g_ptr_array_insert (sorted, (gint) pos, line);
}

static void
finish_output_line (FlStore *self,
                    Lane    *lane,
                    guint    lane_index)
{
  FlOutputLine *line = g_new0 (FlOutputLine, 1);
  FlEvent ev = { 0 };

  g_string_truncate (lane->pending_text, lane->pending_length);
  line->t = lane->pending_t;
  line->lane = lane_index;
  line->truncated = (lane->pending_flags & FL_OUTPUT_TRUNCATED) != 0;
  line->text = g_string_free (g_steal_pointer (&lane->pending_text), FALSE);
  if (!g_utf8_validate (line->text, -1, NULL))
    {
      char *valid = g_utf8_make_valid (line->text, -1);
      g_free (line->text);
      line->text = valid;
    }

  ev.t = line->t;
  ev.kind = FL_EV_OUTPUT;
  ev.arg8 = lane->pending_flags;
  ev.a = self->output->len;
  ev.cpu = G_MAXUINT16;
  g_ptr_array_add (self->output, line);
  insert_sorted (self->output_sorted, line);
  fl_store_append (self, lane_index, &ev);
}

static void
note_death (FlStore *self,
            Lane    *lane,
            gint64   t,
            int      status)
{
  if (lane->death_serial == 0)
    {
      lane->death_serial = ++self->next_death_serial;
      if (lane->death_serial == 0)
        lane->death_serial = ++self->next_death_serial;
      lane->death_t = t;
      lane->death_status = status;
    }
  else if (t < lane->death_t)
    lane->death_t = t;
}

static void
apply_wait_status (FlStore *self,
                   Lane    *lane,
                   gint64   t,
                   int      status)
{
  if (WIFSIGNALED (status))
    {
      /* Settled once the lane's own records are in: it may have
       * recorded its crash; if not, the sampler may have seen it die
       * earlier than this reap. */
      if (lane->info.end_t < 0)
        note_death (self, lane, t, status);
    }
  else if (WIFEXITED (status) && lane->info.exit_t < 0)
    {
      lane->info.exit_t = t;
      lane->info.exit_code = WEXITSTATUS (status);
    }
}

void
fl_store_ingest (FlStore        *self,
                 guint           lane_index,
                 const FlRecord *records,
                 gsize           n_records)
{
  Lane *lane;
  gsize i;

  g_mutex_lock (&self->mutex);

  if (!(lane = get_lane (self, lane_index)))
    {
      g_mutex_unlock (&self->mutex);
      return;
    }

  for (i = 0; i < n_records; i++)
    {
      const FlRecord *r = &records[i];
      FlEvent ev;
      Lane *other;

      if (lane->pending_records > 0 && lane->pending_discard)
        {
          if (--lane->pending_records == 0)
            lane->pending_discard = FALSE;
          continue;
        }
      if (lane->pending_records > 0)
        {
          g_string_append_len (lane->pending_text, (const char *) r, sizeof *r);
          if (--lane->pending_records == 0)
            finish_output_line (self, lane, lane_index);
          continue;
        }

      ev.t = (gint64) r->ts - self->t0;
      ev.a = (guint32) MIN (r->a, G_MAXUINT32);
      ev.cpu = r->cpu;
      ev.kind = r->kind;
      ev.arg8 = r->arg8;

      switch ((FlEventKind) r->kind)
        {
        case FL_EV_RUN_START:
        case FL_EV_WORKER_START:
          lane->info.pid = (int) r->a;
          lane->info.tid = (int) r->b;
          lane->info.start_t = ev.t;
          if (r->kind == FL_EV_WORKER_START)
            lane->info.is_process = r->arg8 != 0;
          fl_store_append (self, lane_index, &ev);
          break;

        case FL_EV_CREATE:
          if ((other = get_lane (self, r->arg16)))
            other->info.create_t = ev.t;
          ev.a = r->arg16;
          fl_store_append (self, lane_index, &ev);
          break;

        case FL_EV_STATE:
          {
            guint64 detail = r->a;

            if (r->arg16 == FL_REASON_SLEEP || r->arg16 == FL_REASON_READ)
              detail /= 1000;
            ev.a = ((guint32) (r->arg16 & 0xf) << 28) | (guint32) MIN (detail, FL_EVENT_DETAIL_MAX);
            append_budgeted (self, lane_index, &ev);
          }
          break;

        case FL_EV_OUTPUT:
          if (events_full (self) ||
              (self->budget.output_lines > 0 && self->output->len >= self->budget.output_lines) ||
              (self->budget.output_bytes > 0 &&
               self->output_bytes + r->arg16 > self->budget.output_bytes))
            {
              self->over.output_lines++;
              note_over_budget (self, ev.t);
              lane->pending_records = fl_trace_text_records (r->arg16) - 1;
              lane->pending_discard = lane->pending_records > 0;
              break;
            }
          self->output_bytes += r->arg16;
          lane->pending_text = g_string_sized_new (r->arg16 + sizeof *r);
          lane->pending_length = r->arg16;
          lane->pending_records = fl_trace_text_records (r->arg16) - 1;
          lane->pending_t = ev.t;
          lane->pending_flags = r->arg8;
          if (lane->pending_records == 0)
            finish_output_line (self, lane, lane_index);
          break;

        case FL_EV_EXIT:
          lane->info.exit_t = ev.t;
          lane->info.exit_code = (int) r->a;
          lane->info.cpu_ns = (gint64) r->b;
          fl_store_append (self, lane_index, &ev);
          break;

        case FL_EV_CRASH:
          lane->info.end_t = ev.t;
          lane->info.signal = r->arg8;
          fl_store_append (self, lane_index, &ev);
          break;

        case FL_EV_JOIN:
          /* Kept on the joining lane only: the joined lane's own records
           * may still be on their way, and its join time is in its info. */
          ev.a = r->arg16;
          fl_store_append (self, lane_index, &ev);
          if ((other = get_lane (self, r->arg16)) && other != lane)
            {
              other->info.join_t = ev.t;
              if (other->info.is_process)
                apply_wait_status (self, other, ev.t, (int) r->a);
            }
          break;

        case FL_EV_RESULT:
          {
            FlResult res = { lane_index, r->arg16, r->a, r->b };

            if (events_full (self))
              {
                self->over.events++;
                note_over_budget (self, ev.t);
              }
            else
              g_array_append_val (self->results, res);
          }
          break;

        case FL_EV_GIL:
          append_budgeted (self, lane_index, &ev);
          break;

        case FL_EV_SEND:
        case FL_EV_RECEIVE:
          {
            guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->message_index,
                                                                 GUINT_TO_POINTER ((guint) r->a)));
            FlMessage *msg;

            if (index == 0 && self->budget.messages > 0 &&
                self->messages->len >= self->budget.messages)
              {
                /* Counted once, at its send; its receive finds it unknown too. */
                if (r->kind == FL_EV_SEND)
                  self->over.messages++;
                note_over_budget (self, ev.t);
                break;
              }
            if (index == 0)
              {
                FlMessage fresh = { (guint32) r->a, (guint32) r->b, r->arg16, G_MAXUINT, G_MAXUINT, -1, -1 };

                g_array_append_val (self->messages, fresh);
                index = self->messages->len;
                g_hash_table_insert (self->message_index, GUINT_TO_POINTER ((guint) r->a),
                                     GUINT_TO_POINTER (index));
              }
            msg = &g_array_index (self->messages, FlMessage, index - 1);
            if (r->kind == FL_EV_SEND)
              {
                msg->send_lane = lane_index;
                msg->send_t = ev.t;
              }
            else
              {
                msg->receive_lane = lane_index;
                msg->receive_t = ev.t;
              }
            append_budgeted (self, lane_index, &ev);
          }
          break;

        case FL_EV_STACK:
          lane->info.stack_base = r->a;
          lane->info.stack_size = r->b;
          break;

        case FL_EV_TEXT:
        case FL_EV_NONE:
        case FL_N_EVENT_KINDS:
        default:
          break;
        }
    }

  g_mutex_unlock (&self->mutex);
}

void
fl_store_add_output (FlStore            *self,
                     const FlOutputLine *line)
{
  FlOutputLine *copy = g_new0 (FlOutputLine, 1);

  copy->t = line->t;
  copy->lane = line->lane;
  copy->truncated = line->truncated;
  copy->text = g_strdup (line->text ? line->text : "");
  g_ptr_array_add (self->output, copy);
  insert_sorted (self->output_sorted, copy);
}

void
fl_store_add_result (FlStore        *self,
                     const FlResult *result)
{
  g_array_append_vals (self->results, result, 1);
}

void
fl_store_add_message (FlStore         *self,
                      const FlMessage *message)
{
  g_array_append_vals (self->messages, message, 1);
  g_hash_table_insert (self->message_index, GUINT_TO_POINTER ((guint) message->id),
                       GUINT_TO_POINTER (self->messages->len));
}

const FlMessage *
fl_store_find_message (FlStore *self,
                       guint32  id)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->message_index, GUINT_TO_POINTER ((guint) id)));

  return index > 0 ? &g_array_index (self->messages, FlMessage, index - 1) : NULL;
}

void
fl_store_note_death (FlStore *self,
                     guint    lane_index,
                     gint64   t,
                     int      status)
{
  Lane *lane;

  g_mutex_lock (&self->mutex);
  if ((lane = get_lane (self, lane_index)) && lane->info.end_t < 0 && lane->info.exit_t < 0)
    note_death (self, lane, t, status);
  g_mutex_unlock (&self->mutex);
}

void
fl_store_mark_stopping (FlStore *self)
{
  g_mutex_lock (&self->mutex);
  self->stopping = TRUE;
  g_mutex_unlock (&self->mutex);
}

guint
fl_store_get_death_serial (FlStore *self,
                           guint    lane_index)
{
  Lane *lane;
  guint serial;

  g_mutex_lock (&self->mutex);
  lane = get_lane (self, lane_index);
  serial = lane ? lane->death_serial : 0;
  g_mutex_unlock (&self->mutex);
  return serial;
}

void
fl_store_settle_death (FlStore *self,
                       guint    lane_index,
                       guint    serial)
{
  Lane *lane;

  if (serial == 0)
    return;
  g_mutex_lock (&self->mutex);
  lane = get_lane (self, lane_index);
  if (lane != NULL && lane->death_serial == serial)
    {
      int status = lane->death_status;
      gint64 t = lane->death_t;

      lane->death_serial = 0;
      /* It did not record its end: killed by a signal it could not
       * catch (SIGKILL), from outside.  Ended where it was found dead. */
      if (WIFSIGNALED (status) && lane->info.end_t < 0 && lane->info.exit_t < 0)
        {
          FlEvent ev = { 0 };

          if (lane->n_events > 0 && t < lane->events[lane->n_events - 1].t)
            t = lane->events[lane->n_events - 1].t;
          lane->info.end_t = t;
          lane->info.signal = WTERMSIG (status);
          lane->info.stopped = self->stopping && WTERMSIG (status) == SIGKILL;
          ev.t = t;
          ev.kind = FL_EV_CRASH;
          ev.arg8 = (guint8) WTERMSIG (status);
          ev.cpu = G_MAXUINT16;
          fl_store_append (self, lane_index, &ev);
        }
    }
  g_mutex_unlock (&self->mutex);
}

FlLaneInfo *
fl_store_get_lane_info_mut (FlStore *self,
                            guint    lane_index)
{
  Lane *lane = get_lane (self, lane_index);

  return lane ? &lane->info : NULL;
}

void
fl_store_set_end (FlStore *self,
                  gint64   end_t)
{
  g_mutex_lock (&self->mutex);
  self->end_t = end_t;
  if (end_t > self->last_t)
    self->last_t = end_t;
  g_mutex_unlock (&self->mutex);
}

static gboolean
lane_has_ended (const Lane *lane)
{
  return lane->info.end_t >= 0 || lane->info.join_t >= 0 ||
         (lane->info.exit_t >= 0 && !lane->info.is_process);
}

void
fl_store_end_unfinished (FlStore  *self,
                         gint64    t,
                         int       signal,
                         gboolean  stopped)
{
  guint i;

  g_mutex_lock (&self->mutex);
  for (i = 0; i < self->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (self->lanes, i);
      FlEvent ev = { 0 };

      if (lane->info.start_t < 0 || lane_has_ended (lane))
        continue;
      if (lane->info.exit_t >= 0)
        {
          /* A process that exited and that nobody reaped before the end:
           * the observer reaped it. */
          lane->info.join_t = t;
          continue;
        }
      lane->info.end_t = t;
      lane->info.signal = signal;
      lane->info.stopped = stopped;
      ev.kind = FL_EV_CRASH;
      ev.arg8 = (guint8) signal;
      ev.t = t;
      ev.cpu = G_MAXUINT16;
      fl_store_append (self, i, &ev);
    }
  g_mutex_unlock (&self->mutex);
}

gint64
fl_store_get_t0 (FlStore *self)
{
  return self->t0;
}

gint64
fl_store_get_end (FlStore *self)
{
  return self->end_t;
}

gint64
fl_store_get_last_t (FlStore *self)
{
  return self->last_t;
}

guint
fl_store_get_n_lanes (FlStore *self)
{
  return self->lanes->len;
}

const FlLaneInfo *
fl_store_get_lane_info (FlStore *self,
                        guint    lane_index)
{
  Lane *lane = get_lane (self, lane_index);

  return lane ? &lane->info : NULL;
}

const FlEvent *
fl_store_get_events (FlStore *self,
                     guint    lane_index,
                     gsize   *n_events)
{
  Lane *lane = get_lane (self, lane_index);

  if (lane == NULL)
    {
      *n_events = 0;
      return NULL;
    }
  *n_events = lane->n_events;
  return lane->events;
}

guint
fl_store_get_n_output (FlStore *self)
{
  return self->output->len;
}

const FlOutputLine *
fl_store_get_output (FlStore *self,
                     guint    index)
{
  g_return_val_if_fail (index < self->output->len, NULL);
  return g_ptr_array_index (self->output, index);
}

const FlOutputLine *
fl_store_get_output_sorted (FlStore *self,
                            guint    index)
{
  g_return_val_if_fail (index < self->output_sorted->len, NULL);
  return g_ptr_array_index (self->output_sorted, index);
}

guint
fl_store_get_n_results (FlStore *self)
{
  return self->results->len;
}

const FlResult *
fl_store_get_result (FlStore *self,
                     guint    index)
{
  g_return_val_if_fail (index < self->results->len, NULL);
  return &g_array_index (self->results, FlResult, index);
}

guint
fl_store_get_n_messages (FlStore *self)
{
  return self->messages->len;
}

const FlMessage *
fl_store_get_message (FlStore *self,
                      guint    index)
{
  g_return_val_if_fail (index < self->messages->len, NULL);
  return &g_array_index (self->messages, FlMessage, index);
}

guint64
fl_store_get_dropped (FlStore *self)
{
  guint64 total = 0;
  guint i;

  for (i = 0; i < self->lanes->len; i++)
    total += ((Lane *) g_ptr_array_index (self->lanes, i))->info.dropped;
  return total;
}

gsize
fl_store_get_n_events (FlStore *self)
{
  return self->n_events;
}

gsize
fl_store_get_event_bytes (FlStore *self)
{
  gsize bytes = 0;
  guint i;

  for (i = 0; i < self->lanes->len; i++)
    bytes += ((Lane *) g_ptr_array_index (self->lanes, i))->n_alloc * sizeof (FlEvent);
  return bytes;
}

/* Walks a lane's events and calls @func for each interval of one state. */
typedef void (*SegmentFunc) (FlState state, gint64 from, gint64 to, gpointer data);

static void
walk_segments (Lane        *lane,
               gint64       until,
               SegmentFunc  func,
               gpointer     data)
{
  const FlEvent *ev = lane->events;
  gboolean zombie_capable = lane->info.is_process && lane->info.kind != FL_LANE_MAIN;
  FlState state = FL_STATE_RUNNING;
  gint64 from = lane->info.start_t;
  guint i;

  if (from < 0)
    return;

  for (i = 0; i < lane->n_events; i++)
    {
      int next;

      if (ev[i].t < from)
        continue;
      next = fl_event_next_state (&ev[i], zombie_capable);
      if (next < 0 || (FlState) next == state)
        continue;
      if (ev[i].t > until)
        break;
      func (state, from, ev[i].t, data);
      state = next;
      from = ev[i].t;
      if (state == FL_STATE_EXITED || state == FL_STATE_CRASHED || state == FL_STATE_ZOMBIE)
        break;
    }

  /* A process that exited is a zombie until it is reaped. */
  if (state == FL_STATE_ZOMBIE && lane->info.join_t >= 0 && lane->info.join_t <= until)
    {
      func (FL_STATE_ZOMBIE, from, MAX (from, lane->info.join_t), data);
      return;
    }
  if (state != FL_STATE_EXITED && state != FL_STATE_CRASHED && until > from)
    func (state, from, until, data);
}

static void
add_duration (FlState  state,
              gint64   from,
              gint64   to,
              gpointer data)
{
  gint64 *durations = data;

  durations[state] += to - from;
}

void
fl_store_get_state_durations (FlStore *self,
                              guint    lane_index,
                              gint64   until,
                              gint64  *durations)
{
  Lane *lane = get_lane (self, lane_index);

  memset (durations, 0, sizeof (gint64) * FL_N_STATES);
  if (lane == NULL)
    return;
  walk_segments (lane, until, add_duration, durations);
}

typedef struct
{
  gint64  t;
  FlState state;
} StateAt;

static void
find_state (FlState  state,
            gint64   from,
            gint64   to,
            gpointer data)
{
  StateAt *at = data;

  if (at->t >= from && at->t < to)
    at->state = state;
}

FlState
fl_store_get_state_at (FlStore *self,
                       guint    lane_index,
                       gint64   t)
{
  Lane *lane = get_lane (self, lane_index);
  StateAt at = { t, FL_STATE_NONE };

  if (lane == NULL || lane->info.start_t < 0 || t < lane->info.start_t)
    return FL_STATE_NONE;
  walk_segments (lane, t + 1, find_state, &at);
  if (at.state == FL_STATE_NONE)
    at.state = lane->info.signal ? FL_STATE_CRASHED : FL_STATE_EXITED;
  return at.state;
}

void
fl_store_set_n_cores (FlStore *self,
                      guint    n_cores)
{
  while (self->cores->len < n_cores)
    g_ptr_array_add (self->cores, g_array_new (FALSE, FALSE, sizeof (FlCoreSample)));
}

guint
fl_store_get_n_cores (FlStore *self)
{
  return self->cores->len;
}

/* TRUE if a sample at @t is over its budget (and counts it). */
static gboolean
sample_over_budget (FlStore *self,
                    guint64  budget,
                    guint64  n,
                    gint64   t)
{
  if (budget == 0 || n < budget)
    return FALSE;
  self->over.samples++;
  note_over_budget (self, t);
  return TRUE;
}

void
fl_store_add_lane_sample (FlStore            *self,
                          guint               lane_index,
                          const FlLaneSample *sample)
{
  Lane *lane = get_lane (self, lane_index);

  if (lane && !sample_over_budget (self, self->budget.samples, self->n_samples, sample->t))
    {
      g_array_append_vals (lane->samples, sample, 1);
      self->n_samples++;
    }
}

void
fl_store_add_core_sample (FlStore            *self,
                          guint               core,
                          const FlCoreSample *sample)
{
  if (core < self->cores->len && !sample_over_budget (self, self->budget.samples, self->n_samples, sample->t))
    {
      g_array_append_vals (g_ptr_array_index (self->cores, core), sample, 1);
      self->n_samples++;
    }
}

void
fl_store_add_memory_sample (FlStore        *self,
                            FlMemorySample *sample)
{
  if (sample_over_budget (self, self->budget.memory_samples, self->memory->len, sample->t))
    memory_sample_free (sample);
  else
    g_ptr_array_add (self->memory, sample);
}

const FlLaneSample *
fl_store_get_lane_samples (FlStore *self,
                           guint    lane_index,
                           gsize   *n_samples)
{
  Lane *lane = get_lane (self, lane_index);

  *n_samples = lane ? lane->samples->len : 0;
  return lane ? (const FlLaneSample *) (gpointer) lane->samples->data : NULL;
}

const FlCoreSample *
fl_store_get_core_samples (FlStore *self,
                           guint    core,
                           gsize   *n_samples)
{
  GArray *samples;

  if (core >= self->cores->len)
    {
      *n_samples = 0;
      return NULL;
    }
  samples = g_ptr_array_index (self->cores, core);
  *n_samples = samples->len;
  return (const FlCoreSample *) (gpointer) samples->data;
}

guint
fl_store_get_n_memory_samples (FlStore *self)
{
  return self->memory->len;
}

const FlMemorySample *
fl_store_get_memory_sample (FlStore *self,
                            guint    index)
{
  g_return_val_if_fail (index < self->memory->len, NULL);
  return g_ptr_array_index (self->memory, index);
}

const FlMemorySample *
fl_store_get_latest_memory (FlStore *self,
                            guint    lane)
{
  guint i;

  for (i = self->memory->len; i > 0; i--)
    {
      const FlMemorySample *sample = g_ptr_array_index (self->memory, i - 1);
      if (sample->lane == lane)
        return sample;
    }
  return NULL;
}
