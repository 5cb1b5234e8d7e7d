/* fl-measure.c — figures derived from a run's store
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything the summary, the verdicts and the trace report beyond the
 * raw events is computed here, once, so that the three agree: state
 * segments, the time a running lane waited for a core, GIL use, message
 * latencies, memory per address space and the scenario's results.
 */

#define G_LOG_DOMAIN "fl-summary"

#include "config.h"

#include <string.h>

#include "fl-sampler.h"
#include "fl-summary-private.h"

/* Without schedstat, CPU time comes in 10 ms ticks: CPU charged to one
 * sampling interval may belong to the previous one, up to about a tick
 * and a half. */
#define MAX_CPU_CARRY_NS (15 * G_GINT64_CONSTANT (1000000))

/* ---- segments ------------------------------------------------------------ */

static int
compare_event_time (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const FlEvent *ea = a;
  const FlEvent *eb = b;

  return (ea->t > eb->t) - (ea->t < eb->t);
}

/**
 * fl_measure_sorted_events:
 * @store: a locked store
 * @lane: a lane of it
 * @n_events: (out): how many
 * @copy: (out): a sorted copy to free, or %NULL when the store's own are in order
 *
 * Returns: the lane's events in time order; the sort is stable, so that
 *   simultaneous events keep their order
 */
const FlEvent *
fl_measure_sorted_events (FlStore  *store,
                          guint     lane,
                          gsize    *n_events,
                          FlEvent **copy)
{
  const FlEvent *events = fl_store_get_events (store, lane, n_events);
  gsize i;

  *copy = NULL;
  for (i = 1; i < *n_events; i++)
    if (events[i].t < events[i - 1].t)
      break;
  if (i >= *n_events)
    return events;

  *copy = g_memdup2 (events, *n_events * sizeof (FlEvent));
  g_qsort_with_data (*copy, (gint) *n_events, sizeof (FlEvent), compare_event_time, NULL);
  return *copy;
}

static void
push_segment (GArray          *segments,
              const FlSegment *segment,
              gint64           to)
{
  FlSegment s = *segment;

  if (to <= s.from)
    return;
  s.to = to;
  g_array_append_val (segments, s);
}

/**
 * fl_measure_segments:
 * @store: a locked store
 * @lane: a lane of it
 * @events: its events, in time order (fl_measure_sorted_events())
 * @n_events: how many
 * @until: where a lane that has not ended stops
 *
 * The lane's states the way fl_store_get_state_durations() counts them,
 * split also where the reason changes.
 *
 * Returns: (transfer full): of #FlSegment
 */
GArray *
fl_measure_segments (FlStore       *store,
                     guint          lane,
                     const FlEvent *events,
                     gsize          n_events,
                     gint64         until)
{
  const FlLaneInfo *info = fl_store_get_lane_info (store, lane);
  GArray *segments = g_array_new (FALSE, FALSE, sizeof (FlSegment));
  FlSegment cur = { FL_STATE_RUNNING, 0, 0, FALSE, { 0 } };
  FlReason reason = FL_REASON_START;
  gboolean zombie_capable;
  gsize i;

  if (info == NULL || info->start_t < 0)
    return segments;

  zombie_capable = info->is_process && info->kind != FL_LANE_MAIN;
  /* A death the lane could not record (a kill, a lost record) ends it too. */
  if (info->end_t >= 0)
    until = MIN (until, info->end_t);
  if (info->join_t >= 0 && !zombie_capable)
    until = MIN (until, info->join_t);
  cur.from = info->start_t;

  for (i = 0; i < n_events; i++)
    {
      const FlEvent *ev = &events[i];
      FlState next;
      int to;

      if (ev->t < cur.from)
        continue;
      if (ev->kind == FL_EV_WORKER_START || ev->kind == FL_EV_RUN_START)
        {
          if (!cur.has_opener)
            {
              cur.has_opener = TRUE;
              cur.opener = *ev;
            }
          continue;
        }
      to = fl_event_next_state (ev, zombie_capable);
      if (to < 0)
        continue;
      next = (FlState) to;
      if (next == cur.state && !(ev->kind == FL_EV_STATE && fl_event_get_reason (ev) != reason))
        continue;
      if (ev->t > until)
        break;
      push_segment (segments, &cur, ev->t);
      cur.state = next;
      cur.from = ev->t;
      cur.has_opener = TRUE;
      cur.opener = *ev;
      reason = fl_event_get_reason (ev);
      if (next == FL_STATE_EXITED || next == FL_STATE_CRASHED)
        return segments;
      if (next == FL_STATE_ZOMBIE)
        break;
    }

  /* A process that exited is a zombie until it is reaped. */
  if (cur.state == FL_STATE_ZOMBIE && info->join_t >= 0)
    until = MIN (until, info->join_t);
  push_segment (segments, &cur, until);
  return segments;
}

/* What one interval between two samples owes: the running time it
 * holds, the part of it the thread was off a CPU at most, and the
 * run-queue wait the kernel charged in it. */
typedef struct
{
  gint64 t0, t1;
  gsize  first, last;   /* the segments it overlaps */
  gint64 running;
  gint64 room;
  gint64 want;
} Interval;

/**
 * fl_measure_runnable_spans:
 * @store: a locked store
 * @lane: a lane of it
 * @segments: its segments (fl_measure_segments())
 *
 * "Runnable" is running as the program sees it (computing, or wanting to)
 * while the kernel kept the thread on a run queue.  Between two samples
 * the kernel says how long the thread waited (schedstat's run-queue
 * wait), not when.  It charges a wait when the wait ends, so a wait
 * longer than a sampling interval shows up whole in the interval where
 * it ended: it is placed at the end of that interval's running time and,
 * for what does not fit there (the running time less the CPU time the
 * thread got), in the running time of the intervals before, back to the
 * last one where the thread was not running.  Where the kernel gives no
 * run-queue wait, it is estimated over intervals the thread spent in
 * state R as its running time minus the CPU time it got, carrying CPU
 * time charged late by the 10 ms ticks to the next interval.
 *
 * Returns: (transfer full): of #FlSpan, in time order, merged where they touch
 */
GArray *
fl_measure_runnable_spans (FlStore *store,
                           guint    lane,
                           GArray  *segments)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (FlSpan));
  g_autoptr(GArray) intervals = NULL;
  const FlSegment *seg = (const FlSegment *) (gpointer) segments->data;
  const FlLaneSample *s;
  gsize n, i, first = 0;
  gint64 carry = 0, debt = 0;

  s = fl_store_get_lane_samples (store, lane, &n);
  if (n < 2 || segments->len == 0)
    return spans;

  /* Forward: what each interval holds and owes. */
  intervals = g_array_sized_new (FALSE, TRUE, sizeof (Interval), n - 1);
  for (i = 1; i < n; i++)
    {
      Interval iv = { s[i - 1].t, s[i].t, 0, 0, 0, 0, 0 };
      gsize j;

      if (iv.t1 <= iv.t0)
        continue;
      while (first < segments->len && seg[first].to <= iv.t0)
        first++;
      iv.first = iv.last = first;
      for (j = first; j < segments->len && seg[j].from < iv.t1; j++)
        {
          iv.last = j;
          if (seg[j].state == FL_STATE_RUNNING)
            iv.running += MIN (seg[j].to, iv.t1) - MAX (seg[j].from, iv.t0);
        }
      if (iv.running <= 0)
        {
          carry = 0;
          g_array_append_val (intervals, iv);
          continue;
        }

      if (s[i - 1].wait_ns >= 0 && s[i].wait_ns >= 0)
        {
          iv.want = MAX (0, s[i].wait_ns - s[i - 1].wait_ns);
          iv.room = CLAMP (iv.running - (s[i].cpu_ns - s[i - 1].cpu_ns), 0, iv.running);
        }
      else
        {
          iv.room = iv.running;
          if (s[i - 1].kstate == 'R' && s[i].kstate == 'R')
            {
              gint64 missing = iv.running - (s[i].cpu_ns - s[i - 1].cpu_ns);

              if (missing > 0)
                {
                  iv.want = MAX (0, missing - carry);
                  carry = MAX (0, carry - missing);
                }
              else
                carry = MIN (carry - missing, MAX_CPU_CARRY_NS);
            }
          else
            carry = 0;
        }
      g_array_append_val (intervals, iv);
    }

  /* Backward: each interval takes what it owes, and what the intervals
   * after it could not hold, at the end of its running time; the spans
   * come out latest first. */
  for (i = intervals->len; i > 0; i--)
    {
      const Interval *iv = &g_array_index (intervals, Interval, i - 1);
      gint64 want, left;
      gsize j;

      if (iv->running <= 0)
        {
          debt = 0;
          continue;
        }
      want = iv->want + debt;
      left = MIN (want, iv->room);
      debt = want - left;
      for (j = iv->last + 1; j > iv->first && left > 0; j--)
        {
          const FlSegment *sj = &seg[j - 1];
          gint64 hi, lo, take;
          FlSpan span;

          if (sj->state != FL_STATE_RUNNING)
            continue;
          hi = MIN (sj->to, iv->t1);
          lo = MAX (sj->from, iv->t0);
          if (hi <= lo)
            continue;
          take = MIN (left, hi - lo);
          span.from = hi - take;
          span.to = hi;
          g_array_append_val (spans, span);
          left -= take;
        }
    }

  /* Into time order, then merge spans that touch. */
  if (spans->len > 1)
    {
      FlSpan *sp = (FlSpan *) (gpointer) spans->data;
      guint out = 0;

      for (i = 0; i < spans->len / 2; i++)
        {
          FlSpan tmp = sp[i];

          sp[i] = sp[spans->len - 1 - i];
          sp[spans->len - 1 - i] = tmp;
        }
      for (i = 1; i < spans->len; i++)
        {
          if (sp[i].from <= sp[out].to)
            sp[out].to = MAX (sp[out].to, sp[i].to);
          else
            sp[++out] = sp[i];
        }
      g_array_set_size (spans, out + 1);
    }
  return spans;
}

/**
 * fl_measure_downsample_cores:
 * @samples: one core's samples, in time order
 * @n: how many
 * @max_points: at most this many points
 *
 * Consecutive samples are averaged in groups (time and busy share alike),
 * so that a long run keeps its shape rather than every Nth value.
 *
 * Returns: (transfer full): of #FlCoreSample
 */
GArray *
fl_measure_downsample_cores (const FlCoreSample *samples,
                             gsize               n,
                             guint               max_points)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (FlCoreSample));
  gsize group, i;

  if (n == 0 || max_points == 0)
    return out;
  group = (n + max_points - 1) / max_points;
  for (i = 0; i < n; i += group)
    {
      gsize end = MIN (i + group, n), j;
      double t = 0, busy = 0;
      FlCoreSample point = { 0 };

      for (j = i; j < end; j++)
        {
          t += (double) samples[j].t;
          busy += samples[j].busy;
        }
      point.t = (gint64) (t / (double) (end - i));
      point.busy = (float) (busy / (double) (end - i));
      g_array_append_val (out, point);
    }
  return out;
}

/* ---- one lane -------------------------------------------------------------- */

static void
lane_measure_events (FlLaneFacts   *lf,
                     const FlEvent *events,
                     gsize          n_events)
{
  gboolean holding = FALSE;
  gint64 held_from = 0;
  gsize i;

  for (i = 0; i < n_events; i++)
    {
      const FlEvent *ev = &events[i];

      switch (ev->kind)
        {
        case FL_EV_GIL:
          lf->gil_used = TRUE;
          if (ev->arg8 != 0 && !holding)
            {
              holding = TRUE;
              held_from = ev->t;
            }
          else if (ev->arg8 == 0 && holding)
            {
              holding = FALSE;
              lf->gil_held += MAX (ev->t - held_from, 0);
            }
          break;

        case FL_EV_STATE:
          if (ev->arg8 == FL_STATE_IO && fl_event_get_reason (ev) == FL_REASON_READ)
            {
              /* The detail is the latency it asked for, in µs. */
              lf->io_nominal_ns += (guint64) fl_event_get_detail (ev) * 1000;
              lf->io_nominal_n++;
            }
          break;

        case FL_EV_CRASH:
          /* Records from the lane itself carry the CPU it ran on; the
           * observer's end marks (a kill, the death of the whole process) do not. */
          if (ev->cpu != G_MAXUINT16)
            lf->crash_origin = TRUE;
          break;

        default:
          break;
        }
    }

  /* A thread that dies holding the GIL held it until then. */
  if (holding && lf->end >= held_from)
    lf->gil_held += lf->end - held_from;
}

static void
lane_measure_samples (FlLaneFacts *lf,
                      FlStore     *store)
{
  const FlLaneSample *s;
  gsize n, i;
  gint64 last_t = G_MININT64;

  s = fl_store_get_lane_samples (store, lf->info->id, &n);
  lf->sampled_cpu = -1;
  lf->sampled_wait = -1;
  if (n == 0)
    return;

  for (i = 0; i < n; i++)
    {
      /* A sample repeated at the same time says nothing new. */
      if (s[i].t == last_t)
        continue;
      last_t = s[i].t;
      lf->n_samples++;
      lf->kstates[(guchar) s[i].kstate & 0x7f]++;
    }
  lf->sampled_cpu = s[n - 1].cpu_ns;
  lf->sampled_wait = fl_sampler_estimate_wait_ns (s, n);
}

/* ---- the machine's other programs ---------------------------------------- */

/* The lane's cumulative CPU time at @t, from its samples (and its exit
 * report once it has ended); 0 before its first sample. */
static gint64
lane_cpu_at (FlStore          *store,
             const FlLaneInfo *info,
             gint64            t)
{
  const FlLaneSample *s;
  gint64 cpu = 0;
  gsize n, i;

  s = fl_store_get_lane_samples (store, info->id, &n);
  for (i = 0; i < n && s[i].t <= t; i++)
    cpu = MAX (cpu, s[i].cpu_ns);
  if (info->cpu_ns >= 0)
    {
      gint64 end = info->exit_t >= 0 ? info->exit_t : info->end_t;

      if (end >= 0 && end <= t)
        cpu = MAX (cpu, info->cpu_ns);
    }
  return cpu;
}

/* Every core's busy share counts every program of the machine; the run's
 * lanes count only the run.  What is left over the sampled window is what
 * other programs, the observer included, took from the run. */
static void
facts_measure_load (FlFacts *facts)
{
  gint64 from = G_MAXINT64, to = G_MININT64;
  double busy_ns = 0, own_ns = 0;
  guint c, i;

  facts->other_cores = -1;
  for (c = 0; c < facts->n_cores; c++)
    {
      gsize n, k;
      const FlCoreSample *s = fl_store_get_core_samples (facts->store, c, &n);

      if (n < 2)
        continue;
      for (k = 1; k < n; k++)
        {
          gint64 dt = s[k].t - s[k - 1].t;

          if (dt > 0)
            busy_ns += (double) s[k].busy * (double) dt;
        }
      from = MIN (from, s[0].t);
      to = MAX (to, s[n - 1].t);
    }
  /* Three samples at 100 Hz at least: anything shorter tells nothing. */
  if (from >= to || to - from < 20000000)
    return;

  for (i = 0; i < facts->n_lanes; i++)
    own_ns += (double) MAX (lane_cpu_at (facts->store, facts->lanes[i].info, to) -
                            lane_cpu_at (facts->store, facts->lanes[i].info, from), 0);

  facts->other_cores = MAX (busy_ns - own_ns, 0) / (double) (to - from);
  facts->busy_machine = facts->other_cores >= FL_VERDICT_BUSY_CORES;
}

/* ---- the main process's globals ----------------------------------------- */

static gboolean
steps_contain (GPtrArray  *steps,
               FlStepKind  kind)
{
  guint i;

  for (i = 0; steps != NULL && i < steps->len; i++)
    {
      const FlStep *step = g_ptr_array_index (steps, i);

      if (step->kind == kind || (step->kind == FL_STEP_REPEAT && steps_contain (step->body, kind)))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  guint    gets_before;   /* `get`s before the first start */
  guint    sets_before;
  gboolean set_last;      /* of those, a `set` came last */
  guint    gets;          /* all of them */
  gboolean after;         /* the last `get` follows the last join, with no start between */
  gboolean unknown;       /* a `get` or `set` in a loop: the counts depend on it */
} MainGlobals;

/* Results carry no time, but the main process's come in its program's
 * order: its program says which `get` comes before its first start and
 * which after its last join. */
static void
analyse_main_globals (GPtrArray   *steps,
                      MainGlobals *mg)
{
  gboolean started = FALSE, joined = FALSE;
  guint i;

  memset (mg, 0, sizeof *mg);
  for (i = 0; steps != NULL && i < steps->len; i++)
    {
      const FlStep *step = g_ptr_array_index (steps, i);
      gboolean is_repeat = step->kind == FL_STEP_REPEAT;

      if (is_repeat && (steps_contain (step->body, FL_STEP_GET) || steps_contain (step->body, FL_STEP_SET)))
        mg->unknown = TRUE;

      if (step->kind == FL_STEP_GET)
        {
          mg->gets++;
          if (!started)
            {
              mg->gets_before++;
              mg->set_last = FALSE;
            }
          mg->after = joined;
        }
      else if (step->kind == FL_STEP_SET && !started)
        {
          mg->sets_before++;
          mg->set_last = TRUE;
        }
      else if (step->kind == FL_STEP_START || (is_repeat && steps_contain (step->body, FL_STEP_START)))
        {
          started = TRUE;
          joined = FALSE;
          mg->after = FALSE;
        }
      else if (step->kind == FL_STEP_JOIN || step->kind == FL_STEP_JOIN_AFTER ||
               (is_repeat && (steps_contain (step->body, FL_STEP_JOIN) ||
                              steps_contain (step->body, FL_STEP_JOIN_AFTER))))
        {
          joined = started;
          mg->after = FALSE;
        }
    }
}

static void
facts_measure_globals (FlFacts *facts)
{
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) set = g_array_new (FALSE, FALSE, sizeof (gint64));
  MainGlobals mg;
  guint i;

  for (i = 0; i < fl_store_get_n_results (facts->store); i++)
    {
      const FlResult *r = fl_store_get_result (facts->store, i);
      gint64 value = (gint64) r->a;

      if (r->key != FL_RESULT_GLOBAL_SEEN && r->key != FL_RESULT_GLOBAL_SET)
        continue;
      facts->has_globals = TRUE;
      if (r->lane != 0)
        continue;
      g_array_append_val (r->key == FL_RESULT_GLOBAL_SEEN ? seen : set, value);
    }
  if (!facts->has_globals)
    return;

  analyse_main_globals (fl_scenario_get_main_steps (facts->scenario), &mg);
  if (mg.unknown)
    return;

  /* Before: the value it held when it started its first worker, as it
   * last read or wrote it ("get; set 42; start" started them with 42). */
  if (mg.set_last && set->len >= mg.sets_before)
    {
      facts->has_parent_before = TRUE;
      facts->parent_before = g_array_index (set, gint64, mg.sets_before - 1);
    }
  else if (!mg.set_last && mg.gets_before > 0 && seen->len >= mg.gets_before)
    {
      facts->has_parent_before = TRUE;
      facts->parent_before = g_array_index (seen, gint64, mg.gets_before - 1);
    }

  /* After: only if every `get` of it was reported (it did not die on the way). */
  if (mg.after && seen->len == mg.gets)
    {
      facts->has_parent_after = TRUE;
      facts->parent_after = g_array_index (seen, gint64, seen->len - 1);
    }
}

/* ---- messages and memory --------------------------------------------------- */

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
facts_measure_messages (FlFacts *facts)
{
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint i, n = fl_store_get_n_messages (facts->store);

  facts->latency_median = -1;
  facts->latency_max = -1;
  facts->first_send = -1;
  facts->last_receive = -1;

  for (i = 0; i < n; i++)
    {
      const FlMessage *msg = fl_store_get_message (facts->store, i);

      facts->n_messages++;
      facts->message_bytes += msg->bytes;
      if (msg->send_t >= 0 && (facts->first_send < 0 || msg->send_t < facts->first_send))
        facts->first_send = msg->send_t;
      if (msg->receive_t < 0)
        continue;
      facts->n_received++;
      facts->last_receive = MAX (facts->last_receive, msg->receive_t);
      if (msg->send_t >= 0)
        {
          gint64 latency = MAX (msg->receive_t - msg->send_t, 0);
          g_array_append_val (latencies, latency);
        }
    }

  if (latencies->len == 0)
    return;
  g_array_sort (latencies, compare_gint64);
  if (latencies->len % 2 == 1)
    facts->latency_median = g_array_index (latencies, gint64, latencies->len / 2);
  else
    facts->latency_median = (g_array_index (latencies, gint64, latencies->len / 2 - 1) +
                             g_array_index (latencies, gint64, latencies->len / 2)) / 2;
  facts->latency_max = g_array_index (latencies, gint64, latencies->len - 1);
}

/**
 * fl_facts_message_rate:
 * @facts: a run's facts
 *
 * Returns: messages received per second, from the first send to the last receipt
 */
double
fl_facts_message_rate (const FlFacts *facts)
{
  if (facts->n_received == 0 || facts->first_send < 0 || facts->last_receive <= facts->first_send)
    return 0;
  return facts->n_received / ((facts->last_receive - facts->first_send) / 1e9);
}

static int
compare_space_lane (gconstpointer a,
                    gconstpointer b)
{
  const FlSpaceFacts *x = a;
  const FlSpaceFacts *y = b;

  return (x->lane > y->lane) - (x->lane < y->lane);
}

static void
facts_measure_memory (FlFacts *facts)
{
  guint i, j, n = fl_store_get_n_memory_samples (facts->store);

  facts->spaces = g_array_new (FALSE, TRUE, sizeof (FlSpaceFacts));
  for (i = 0; i < n; i++)
    {
      const FlMemorySample *sample = fl_store_get_memory_sample (facts->store, i);
      FlSpaceFacts *space = NULL;

      for (j = 0; j < facts->spaces->len && space == NULL; j++)
        if (g_array_index (facts->spaces, FlSpaceFacts, j).lane == sample->lane)
          space = &g_array_index (facts->spaces, FlSpaceFacts, j);
      if (space == NULL)
        {
          g_array_set_size (facts->spaces, facts->spaces->len + 1);
          space = &g_array_index (facts->spaces, FlSpaceFacts, facts->spaces->len - 1);
          space->lane = sample->lane;
        }
      space->pid = sample->pid;
      if (space->latest == NULL || sample->t >= space->latest->t)
        space->latest = sample;
      if (sample->regions != NULL && (space->regions == NULL || sample->t >= space->regions->t))
        space->regions = sample;
      if (space->peak == NULL || sample->rss_kb > space->peak->rss_kb)
        space->peak = sample;
    }
  g_array_sort (facts->spaces, compare_space_lane);
}

/* ---- all of it ------------------------------------------------------------ */

static void
facts_measure_lane (FlFacts     *facts,
                    FlLaneFacts *lf)
{
  const FlLaneInfo *info = lf->info;
  g_autofree FlEvent *copy = NULL;
  const FlEvent *events;
  gsize n_events, n_samples;

  fl_store_get_state_durations (facts->store, info->id, facts->wall, lf->states);

  if (info->start_t < 0)
    lf->end = -1;
  else if (info->exit_t >= 0)
    lf->end = info->exit_t;
  else if (info->end_t >= 0)
    lf->end = info->end_t;
  else if (info->join_t >= 0)
    lf->end = info->join_t;
  else
    lf->end = facts->wall;
  lf->lifetime = lf->end >= 0 ? MAX (lf->end - info->start_t, 0) : 0;
  lf->start_latency = info->create_t >= 0 && info->start_t >= info->create_t
                      ? info->start_t - info->create_t : -1;

  events = fl_measure_sorted_events (facts->store, info->id, &n_events, &copy);
  lane_measure_events (lf, events, n_events);
  lane_measure_samples (lf, facts->store);

  fl_store_get_lane_samples (facts->store, info->id, &n_samples);
  if (n_samples >= 2)
    {
      g_autoptr(GArray) segments = fl_measure_segments (facts->store, info->id, events, n_events, facts->wall);
      g_autoptr(GArray) spans = fl_measure_runnable_spans (facts->store, info->id, segments);
      gint64 runnable = 0;
      guint i;

      for (i = 0; i < spans->len; i++)
        runnable += g_array_index (spans, FlSpan, i).to - g_array_index (spans, FlSpan, i).from;
      runnable = MIN (runnable, lf->states[FL_STATE_RUNNING]);
      lf->states[FL_STATE_RUNNING] -= runnable;
      lf->states[FL_STATE_RUNNABLE] += runnable;
    }
}

/**
 * fl_facts_init:
 * @facts: what to fill
 * @run: a finished run whose store the caller has locked
 */
void
fl_facts_init (FlFacts *facts,
               FlRun   *run)
{
  g_autofree int *pids = NULL;
  gint64 end;
  guint i;

  memset (facts, 0, sizeof *facts);
  facts->run = run;
  facts->store = fl_run_get_store (run);
  facts->scenario = fl_run_get_scenario (run);
  facts->mode = fl_run_get_mode (run);
  facts->gil = fl_run_get_gil (run);
  facts->switch_interval_ms = fl_run_get_switch_interval_ms (run);
  facts->sample_rate_hz = fl_run_get_sample_rate (run);
  facts->n_cores = fl_store_get_n_cores (facts->store);
  facts->n_workers = fl_run_get_n_workers (run);
  facts->stopped = fl_run_was_stopped (run);
  facts->first_start = G_MAXINT64;
  facts->last_end = 0;
  facts->all_locked = TRUE;

  end = fl_store_get_end (facts->store);
  if (end < 0)
    end = fl_store_get_last_t (facts->store);
  facts->wall = MAX (end, 0);
  facts->dropped = fl_store_get_dropped (facts->store);

  facts->n_lanes = fl_store_get_n_lanes (facts->store);
  facts->lanes = g_new0 (FlLaneFacts, facts->n_lanes);
  pids = g_new0 (int, MAX (facts->n_lanes, facts->n_workers + 1));
  for (i = 0; i < facts->n_lanes; i++)
    {
      FlLaneFacts *lf = &facts->lanes[i];
      const FlLaneInfo *info = fl_store_get_lane_info (facts->store, i);

      lf->info = info;
      pids[i] = info->pid;
      facts_measure_lane (facts, lf);

      if (lf->n_samples > 0)
        facts->sampled = TRUE;
      facts->lock_wait += lf->states[FL_STATE_LOCK];
      if (info->cpu_ns >= 0)
        {
          facts->cpu += info->cpu_ns;
          facts->n_lane_cpu_known++;
        }
      if (info->stopped)
        facts->stopped = TRUE;

      if (info->kind != FL_LANE_WORKER || lf->end < 0)
        continue;
      facts->n_started++;
      facts->first_start = MIN (facts->first_start, info->start_t);
      facts->last_end = MAX (facts->last_end, lf->end);
      facts->sum_durations += MAX (lf->end - info->start_t, 0);
      if (info->cpu_ns >= 0)
        {
          facts->workers_cpu += info->cpu_ns;
          facts->n_cpu_known++;
        }
    }
  if (facts->n_started == 0)
    facts->first_start = 0;

  for (i = 0; i < fl_store_get_n_results (facts->store); i++)
    {
      const FlResult *r = fl_store_get_result (facts->store, i);
      FlLaneFacts *lf = r->lane < facts->n_lanes ? &facts->lanes[r->lane] : NULL;

      switch ((FlResultKey) r->key)
        {
        case FL_RESULT_PRIMES:
          facts->has_primes = TRUE;
          facts->primes += r->a;
          facts->blocks += r->b;
          break;

        case FL_RESULT_IO_REQUESTS:
          facts->has_io = TRUE;
          facts->io_requests += r->a;
          facts->io_wait_ns += r->b;
          if (lf != NULL)
            {
              lf->io_requests += r->a;
              lf->io_wait_ns += r->b;
            }
          break;

        case FL_RESULT_INCREMENTS:
          facts->has_increments = TRUE;
          facts->increments += r->a;
          if (r->b == 0)
            facts->all_locked = FALSE;
          break;

        case FL_RESULT_COUNTER:
          facts->has_counter = TRUE;
          facts->counter = (gint64) r->a;
          break;

        case FL_RESULT_ALLOC:
          facts->has_alloc = TRUE;
          facts->alloc_bytes += r->a;
          facts->touched_bytes += r->b;
          break;

        case FL_RESULT_OPENED:
          facts->n_opened++;
          break;

        case FL_RESULT_DESCRIPTORS:
          facts->has_descriptors = TRUE;
          if (lf != NULL)
            {
              lf->has_fds = TRUE;
              lf->fds = r->a;
              lf->fds_opened = r->b;
            }
          break;

        case FL_RESULT_GLOBAL_SET:
        case FL_RESULT_GLOBAL_SEEN:
        case FL_RESULT_MESSAGES:
        case FL_RESULT_NONE:
        case FL_N_RESULTS:
        default:
          break;
        }
    }
  if (!facts->has_increments)
    facts->all_locked = FALSE;

  /* A worker reports its I/O when it ends: one that was stopped or died
   * first did not, but its requests are on its lane all the same. */
  for (i = 0; i < facts->n_lanes; i++)
    {
      FlLaneFacts *lf = &facts->lanes[i];

      /* Only a lane of the scenario's program that did not reach its end;
       * the I/O server's reads are not requests. */
      if (lf->io_requests > 0 || lf->io_nominal_n == 0 || lf->info->exit_t >= 0 ||
          (lf->info->kind != FL_LANE_WORKER && lf->info->kind != FL_LANE_MAIN))
        continue;
      lf->io_requests = lf->io_nominal_n;
      lf->io_wait_ns = (guint64) MAX (lf->states[FL_STATE_IO], 0);
      facts->has_io = TRUE;
      facts->io_requests += lf->io_requests;
      facts->io_wait_ns += lf->io_wait_ns;
    }

  facts->speedup = -1;
  if (facts->n_started > 0 && facts->n_cpu_known > 0)
    facts->speedup = (double) facts->workers_cpu / (double) MAX (facts->last_end - facts->first_start, 1);

  facts_measure_globals (facts);
  facts_measure_messages (facts);
  facts_measure_memory (facts);
  facts_measure_load (facts);

  if (fl_measure_expected_primes (run, facts->n_workers, pids, &facts->expected_primes, &facts->expected_blocks))
    {
      facts->has_expected = TRUE;
      facts->has_primes = TRUE;
    }
}

void
fl_facts_clear (FlFacts *facts)
{
  g_clear_pointer (&facts->lanes, g_free);
  g_clear_pointer (&facts->spaces, g_array_unref);
}
