/* fl-memory-model.c — a run's address spaces at one moment, read from the store
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every figure is the sampler's: smaps_rollup for the resident, shared
 * and private sizes, the maps for the regions (their mapped sizes: the
 * sampler does not read a resident size per region).
 */

#define G_LOG_DOMAIN "fl-memory-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fl-memory-model-private.h"

static void
space_clear (gpointer data)
{
  Space *s = data;

  g_free (s->title);
  g_clear_pointer (&s->stacks, g_array_unref);
  if (s->thread_names)
    g_string_free (s->thread_names, TRUE);
}

static int
compare_stacks (gconstpointer a,
                gconstpointer b)
{
  const Stack *x = a, *y = b;

  return (x->lane > y->lane) - (x->lane < y->lane);
}

static gint64
lane_end (const FlLaneInfo *info)
{
  gint64 end = -1;

  if (info->exit_t >= 0)
    end = info->exit_t;
  if (info->end_t >= 0 && (end < 0 || info->end_t < end))
    end = info->end_t;
  if (info->join_t >= 0 && (end < 0 || info->join_t < end))
    end = info->join_t;
  return end;
}

static const FlRegion *
first_code (const FlMemorySample *sample)
{
  guint i;

  for (i = 0; sample->regions && i < sample->regions->len; i++)
    {
      const FlRegion *r = g_ptr_array_index (sample->regions, i);

      if (r->kind == FL_REGION_CODE)
        return r;
    }
  return NULL;
}

/* A forked child keeps its parent's address layout, to the byte; a
 * spawned program is laid out afresh (and, with address randomisation,
 * elsewhere). */
static FlMemoryRole
infer_role (const FlMemorySample *sample,
            const FlMemorySample *main_sample)
{
  const FlRegion *mine = first_code (sample);
  const FlRegion *theirs = main_sample ? first_code (main_sample) : NULL;

  if (mine && theirs && mine->start == theirs->start && g_strcmp0 (mine->label, theirs->label) == 0)
    return FL_MEMORY_ROLE_FORKED;
  return FL_MEMORY_ROLE_SPAWNED;
}

static void
model_read (FlMemoryModel *m,
            FlStore       *store,
            gint64         at,
            int            mode)
{
  guint n_lanes = fl_store_get_n_lanes (store);
  guint n_samples = fl_store_get_n_memory_samples (store);
  g_autofree const FlMemorySample **chosen = g_new0 (const FlMemorySample *, MAX (n_lanes, 1));
  const FlMemorySample *main_any = NULL;
  gint64 end = fl_store_get_end (store);
  int main_pid = 0;
  guint i, k;

  for (i = 0; i < n_lanes; i++)
    {
      const FlLaneInfo *info = fl_store_get_lane_info (store, i);

      g_ptr_array_add (m->lane_names, g_strdup (info->name ? info->name : ""));
      g_array_append_val (m->lane_tids, info->tid);
      if (i == 0)
        main_pid = info->pid;
    }

  /* The peak: the time at which the latest samples of the processes
   * alive then add up to the most resident memory.  Showing the last
   * sample instead would show a run whose workers had already gone. */
  if (at == FL_MEMORY_AT_PEAK)
    {
      g_autofree guint64 *rss = g_new0 (guint64, MAX (n_lanes, 1));
      guint64 best = 0;

      at = -1;
      for (i = 0; i < n_samples; i++)
        {
          const FlMemorySample *s = fl_store_get_memory_sample (store, i);
          guint64 total = 0;

          if (s->lane >= n_lanes)
            continue;
          rss[s->lane] = s->rss_kb;
          for (k = 0; k < n_lanes; k++)
            {
              gint64 ended = lane_end (fl_store_get_lane_info (store, k));

              if (rss[k] > 0 && (ended < 0 || ended > s->t))
                total += rss[k];
            }
          if (total > best)
            {
              best = total;
              at = s->t;
            }
        }
      m->at_peak = at >= 0;
    }

  /* Samples come in time order: the last one at or before @at wins. */
  for (i = 0; i < n_samples; i++)
    {
      const FlMemorySample *s = fl_store_get_memory_sample (store, i);

      if (at >= 0 && s->t > at)
        break;
      if (s->lane >= n_lanes)
        continue;
      chosen[s->lane] = s;
      m->max_rss_kb = MAX (m->max_rss_kb, s->rss_kb);
      m->sample_t = MAX (m->sample_t, s->t);
      if (s->lane == 0 && s->regions)
        main_any = s;
    }
  if (chosen[0] && chosen[0]->regions)
    main_any = chosen[0];

  /* Results carry no time: the values are the latest the observer
   * received, shown only for the latest picture. */
  m->show_globals = at < 0 || (end >= 0 && at >= end);

  for (i = 0; i < n_lanes; i++)
    {
      const FlMemorySample *s = chosen[i];
      const FlLaneInfo *info = fl_store_get_lane_info (store, i);
      Space space = { 0 };
      gint64 ended = lane_end (info);
      guint r;

      if (s == NULL)
        continue;
      space.info.lane = i;
      space.info.pid = s->pid;
      space.info.t = s->t;
      space.info.exited = ended >= 0 && (at < 0 || ended <= at);
      space.info.rss_kb = s->rss_kb;
      space.info.pss_kb = s->pss_kb;
      space.info.shared_kb = s->shared_clean_kb + s->shared_dirty_kb;
      space.info.private_kb = s->private_clean_kb + s->private_dirty_kb;
      space.shared_clean_kb = s->shared_clean_kb;
      space.shared_dirty_kb = s->shared_dirty_kb;
      space.private_clean_kb = s->private_clean_kb;
      space.private_dirty_kb = s->private_dirty_kb;
      space.anon_kb = s->anon_kb;
      space.parent_pid = main_pid;
      space.stacks = g_array_new (FALSE, TRUE, sizeof (Stack));
      space.thread_names = g_string_new (NULL);

      if (i == 0)
        space.info.role = FL_MEMORY_ROLE_MAIN;
      else if (mode >= 0 && mode != FL_MODE_THREADS)
        space.info.role = mode == FL_MODE_FORK ? FL_MEMORY_ROLE_FORKED : FL_MEMORY_ROLE_SPAWNED;
      else
        space.info.role = infer_role (s, main_any);

      if (space.info.role == FL_MEMORY_ROLE_MAIN)
        space.title = g_strdup_printf (_("main process · pid %d"), s->pid);
      else
        space.title = g_strdup_printf (_("process · pid %d"), s->pid);

      /* The threads living in it at the time. */
      for (k = 0; k < n_lanes; k++)
        {
          const FlLaneInfo *t = fl_store_get_lane_info (store, k);
          gint64 t_end = lane_end (t);

          if (t->pid != s->pid || t->start_t < 0 || t->start_t > s->t)
            continue;
          if (t_end >= 0 && t_end <= s->t)
            continue;
          space.info.n_threads++;
          if (space.thread_names->len)
            g_string_append (space.thread_names, ", ");
          g_string_append (space.thread_names, t->name ? t->name : "?");
        }
      space.info.n_threads = MAX (space.info.n_threads, 1);
      m->n_threads_total += space.info.n_threads;

      for (r = 0; s->regions && r < s->regions->len; r++)
        {
          const FlRegion *region = g_ptr_array_index (s->regions, r);
          guint64 bytes = region->rss_kb != G_MAXUINT64 ? region->rss_kb * 1024 : region->end - region->start;

          if (region->kind >= FL_N_REGION_KINDS)
            continue;
          space.info.region_bytes[region->kind] += bytes;
          space.region_count[region->kind]++;
          if (region->kind == FL_REGION_STACK && region->lane >= 0)
            {
              Stack *found = NULL;

              for (k = 0; k < space.stacks->len && found == NULL; k++)
                if (g_array_index (space.stacks, Stack, k).lane == (guint) region->lane)
                  found = &g_array_index (space.stacks, Stack, k);
              if (found == NULL)
                {
                  Stack st = { (guint) region->lane, 0, region->start, region->end };

                  g_array_append_val (space.stacks, st);
                  found = &g_array_index (space.stacks, Stack, space.stacks->len - 1);
                  space.info.n_stacks++;
                  if (region->lane < 64)
                    space.info.stack_lanes |= G_GUINT64_CONSTANT (1) << region->lane;
                }
              found->bytes += bytes;
              found->start = MIN (found->start, region->start);
              found->end = MAX (found->end, region->end);
            }
        }
      g_array_sort (space.stacks, compare_stacks);

      g_array_append_val (m->spaces, space);
    }

  /* The global as each space last reported it: a thread's report is its
   * process's, since they share the variable. */
  for (i = 0; i < fl_store_get_n_results (store); i++)
    {
      const FlResult *r = fl_store_get_result (store, i);
      const FlLaneInfo *info;

      if (r->key != FL_RESULT_GLOBAL_SET && r->key != FL_RESULT_GLOBAL_SEEN)
        continue;
      if (r->lane >= n_lanes)
        continue;
      info = fl_store_get_lane_info (store, r->lane);
      for (k = 0; k < m->spaces->len; k++)
        {
          Space *space = &g_array_index (m->spaces, Space, k);

          if (space->info.pid == info->pid)
            {
              space->info.has_global = TRUE;
              space->info.global = (gint64) r->a;
              m->any_global = TRUE;
            }
        }
    }
}

/**
 * fl_memory_model_new:
 * @store: the run's store (locked while it is read)
 * @at: the moment, ns since the run started; -1: the latest samples;
 *   FL_MEMORY_AT_PEAK: when the run's processes held the most
 * @mode: the run's FlMode, or -1
 *
 * Returns: (transfer full): the address spaces at @at
 */
FlMemoryModel *
fl_memory_model_new (FlStore *store,
                     gint64   at,
                     int      mode)
{
  FlMemoryModel *m;

  g_return_val_if_fail (FL_IS_STORE (store), NULL);

  m = g_new0 (FlMemoryModel, 1);
  m->spaces = g_array_new (FALSE, TRUE, sizeof (Space));
  g_array_set_clear_func (m->spaces, space_clear);
  m->lane_names = g_ptr_array_new_with_free_func (g_free);
  m->lane_tids = g_array_new (FALSE, TRUE, sizeof (int));
  m->sample_t = -1;

  fl_store_lock (store);
  model_read (m, store, at, mode);
  fl_store_unlock (store);
  return m;
}

void
fl_memory_model_free (FlMemoryModel *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->spaces);
  g_ptr_array_unref (self->lane_names);
  g_array_unref (self->lane_tids);
  g_free (self);
}

guint
fl_memory_model_get_n_spaces (FlMemoryModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->spaces->len;
}

const FlMemorySpace *
fl_memory_model_get_space (FlMemoryModel *self,
                           guint          i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->spaces->len, NULL);
  return &g_array_index (self->spaces, Space, i).info;
}

gint64
fl_memory_model_get_sample_time (FlMemoryModel *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->sample_t;
}

gboolean
fl_memory_model_is_at_peak (FlMemoryModel *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->at_peak;
}
