/* fl-memory-painter.c — address spaces, their regions, stacks and globals
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store is read once, under its lock, into an FlMemoryModel (one
 * entry per address space: fl-memory-model.c); layout and painting work
 * on that copy.
 */

#define G_LOG_DOMAIN "fl-memory-painter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "fl-memory-model-private.h"
#include "fl-memory-painter.h"

#define KB_PER_MB 1024.0

typedef struct
{
  float  x, y, w, h;
  char  *text;
} Hit;

/* The region kinds, in the order their rows are drawn (stacks apart). */
static const FlRegionKind region_rows[] = {
  FL_REGION_CODE, FL_REGION_GLOBALS, FL_REGION_HEAP, FL_REGION_ANON, FL_REGION_SHARED, FL_REGION_OTHER,
};

static const char *
region_name (FlRegionKind kind)
{
  switch (kind)
    {
    case FL_REGION_CODE: return C_("memory region", "code");
    case FL_REGION_GLOBALS: return C_("memory region", "globals");
    case FL_REGION_HEAP: return C_("memory region", "heap");
    case FL_REGION_STACK: return C_("memory region", "stacks");
    case FL_REGION_SHARED: return C_("memory region", "shared");
    case FL_REGION_ANON: return C_("memory region", "mmap");
    case FL_REGION_OTHER:
    case FL_N_REGION_KINDS:
    default: return C_("memory region", "other");
    }
}

static const char *
region_explanation (FlRegionKind kind)
{
  switch (kind)
    {
    case FL_REGION_CODE: return _("the program and its libraries, mapped executable or read-only");
    case FL_REGION_GLOBALS: return _("writable data of the program and its libraries (.data, .bss): where global variables live");
    case FL_REGION_HEAP: return _("the heap and malloc's arenas (reserved, not all of it in use)");
    case FL_REGION_STACK: return _("one stack per thread");
    case FL_REGION_SHARED: return _("mappings shared on purpose (the trace region, shared memory)");
    case FL_REGION_ANON: return _("anonymous mappings: large allocations (the scenario's blocks) and others");
    case FL_REGION_OTHER:
    case FL_N_REGION_KINDS:
    default: return _("other mappings ([vdso], data files)");
    }
}

char *
fl_memory_format_kb (guint64 kb)
{
  double mb = (double) kb / KB_PER_MB;

  if (kb < 1024)
    return g_strdup_printf (_("%llu kB"), (unsigned long long) kb);
  if (mb < 10)
    return g_strdup_printf (_("%.2f MB"), mb);
  if (mb < 1000)
    return g_strdup_printf (_("%.1f MB"), mb);
  return g_strdup_printf (_("%.0f MB"), mb);
}

static char *
format_bytes (guint64 bytes)
{
  return fl_memory_format_kb ((bytes + 1023) / 1024);
}

static char *
format_time (gint64 ns)
{
  return g_strdup_printf (_("%.2f s"), (double) ns / 1e9);
}

static const char *
role_label (FlMemoryRole role)
{
  switch (role)
    {
    case FL_MEMORY_ROLE_MAIN: return _("main");
    case FL_MEMORY_ROLE_FORKED: return _("forked child");
    case FL_MEMORY_ROLE_SPAWNED:
    default: return _("spawned");
    }
}

/* ---- layout and painting ------------------------------------------------- */

typedef struct
{
  FlMemoryModel *m;
  FlMemoryView view;
  FlTheme   *theme;    /* a reference */
  float      font;
  FlScene   *scene;    /* NULL: measure only */
  GPtrArray *hits;     /* of Hit*; NULL: none wanted */
  FlColor    fg, secondary, bg, box_fill, box_border, track, solid, hatch_bg, hatch_fg;
} Ctx;

static void
hit_free (gpointer data)
{
  Hit *hit = data;

  g_free (hit->text);
  g_free (hit);
}

static void
add_hit (Ctx   *c,
         float  x,
         float  y,
         float  w,
         float  h,
         char  *text)
{
  Hit *hit;

  if (c->hits == NULL)
    {
      g_free (text);
      return;
    }
  hit = g_new (Hit, 1);
  hit->x = x;
  hit->y = y;
  hit->w = w;
  hit->h = h;
  hit->text = text;
  g_ptr_array_add (c->hits, hit);
}

static inline float
snap (Ctx   *c,
      float  v)
{
  return roundf (v * c->view.scale) / c->view.scale;
}

static float
text_h (float size)
{
  return fl_scene_text_height (size, NULL);
}

static void
text (Ctx           *c,
      float          x,
      float          y,
      float          max_w,
      const char    *str,
      float          size,
      gboolean       bold,
      FlTextAlign    align,
      const FlColor *color)
{
  g_autofree char *fitted = NULL;

  if (c->scene == NULL || max_w <= 0)
    return;
  fitted = fl_scene_fit_text (str, size, bold, max_w);
  if (fitted)
    fl_scene_text (c->scene, x, y, max_w, fitted, size, bold, align, color);
}

/* Words of @str in lines of at most @width; returns the height used. */
static float
wrapped (Ctx           *c,
         float          x,
         float          y,
         float          width,
         const char    *str,
         float          size,
         const FlColor *color)
{
  g_auto(GStrv) words = g_strsplit (str, " ", -1);
  g_autoptr(GString) line = g_string_new (NULL);
  float line_h = text_h (size), used = 0;
  guint i;

  for (i = 0; words[i]; i++)
    {
      g_autofree char *attempt = line->len ? g_strdup_printf ("%s %s", line->str, words[i]) : g_strdup (words[i]);

      if (line->len && fl_scene_measure_text (attempt, size, FALSE) > width)
        {
          text (c, x, y + used, width, line->str, size, FALSE, FL_TEXT_LEFT, color);
          used += line_h;
          g_string_assign (line, words[i]);
        }
      else
        g_string_assign (line, attempt);
    }
  if (line->len)
    {
      text (c, x, y + used, width, line->str, size, FALSE, FL_TEXT_LEFT, color);
      used += line_h;
    }
  return used;
}

static void
swatch (Ctx      *c,
        float     x,
        float     y,
        float     w,
        float     h,
        gboolean  shared)
{
  if (c->scene == NULL)
    return;
  if (shared)
    {
      fl_scene_hatched_rect (c->scene, x, y, w, h, &c->hatch_bg, &c->hatch_fg, FL_HATCH_DIAGONAL);
      fl_scene_frame (c->scene, x, y, w, h, 1, 0, &c->hatch_fg);
    }
  else
    fl_scene_rect (c->scene, x, y, w, h, &c->solid);
}

/* Black or white text, whichever reads on @fill. */
static FlColor
text_on (const FlColor *fill)
{
  float l = 0.2126f * fill->red + 0.7152f * fill->green + 0.0722f * fill->blue;
  FlColor black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 };

  return l > 0.5f ? black : white;
}

static char *
lane_short_name (Ctx   *c,
                 guint  lane)
{
  const char *name = lane < c->m->lane_names->len ? g_ptr_array_index (c->m->lane_names, lane) : "";
  const char *space = strrchr (name, ' ');

  if (lane == 0)
    return g_strdup (C_("stack of", "main"));
  /* "numbers 3" → "3"; a name without a number stays whole */
  if (space && g_ascii_isdigit (space[1]))
    return g_strdup (space + 1);
  return g_strdup (name);
}

static char *
describe_space (Ctx         *c,
                const Space *s)
{
  g_autofree char *rss = fl_memory_format_kb (s->info.rss_kb);
  g_autofree char *t = format_time (s->info.t);
  GString *str = g_string_new (NULL);

  g_string_append_printf (str, "%s (%s)\n", s->title, role_label (s->info.role));
  if (s->info.role == FL_MEMORY_ROLE_FORKED)
    g_string_append_printf (str, _("A fork() of pid %d: it started as a copy-on-write copy of its parent's memory.\n"),
                            s->parent_pid);
  else if (s->info.role == FL_MEMORY_ROLE_SPAWNED)
    g_string_append (str, _("A fresh program: nothing inherited from its parent but what it was given.\n"));
  g_string_append_printf (str, g_dngettext (GETTEXT_PACKAGE, "%u thread: %s\n", "%u threads: %s\n", s->info.n_threads),
                          s->info.n_threads, s->thread_names->str);
  g_string_append_printf (str, _("Sampled at %s%s\n"), t, s->info.exited ? _(", before it exited") : "");
  g_string_append_printf (str, _("Resident (RSS): %s (%llu kB)\n"), rss, (unsigned long long) s->info.rss_kb);
  g_string_append_printf (str, _("Proportional (PSS): %llu kB\n"), (unsigned long long) s->info.pss_kb);
  g_string_append_printf (str, _("Shared: %llu kB clean, %llu kB dirty\n"),
                          (unsigned long long) s->shared_clean_kb, (unsigned long long) s->shared_dirty_kb);
  g_string_append_printf (str, _("Private: %llu kB clean, %llu kB dirty\n"),
                          (unsigned long long) s->private_clean_kb, (unsigned long long) s->private_dirty_kb);
  g_string_append_printf (str, _("Anonymous: %llu kB"), (unsigned long long) s->anon_kb);
  return g_string_free (str, FALSE);
}

/* The regions as one bar, a segment per kind, each as long as the square
 * root of its mapped size: a 100 kB region stays visible beside 200 MB. */
static float
paint_region_map (Ctx         *c,
                  const Space *s,
                  float        x,
                  float        y,
                  float        w,
                  float        label_w,
                  float        value_w)
{
  float small = c->font * 0.9f, tiny = c->font * 0.78f;
  float row_h = roundf (c->font * 1.7f);
  float bar_h = roundf (row_h * 0.82f), bar_y = snap (c, y + (row_h - bar_h) / 2);
  float bar_x = x + label_w, bar_w = w - label_w - value_w - c->font * 0.5f;
  float sum = 0, sx = bar_x, gap = 1;
  guint64 total = 0;
  g_autofree char *value = NULL;
  guint i, n = 0, drawn = 0;

  for (i = 0; i < G_N_ELEMENTS (region_rows); i++)
    if (s->region_count[region_rows[i]] > 0)
      {
        sum += sqrtf ((float) s->info.region_bytes[region_rows[i]]);
        total += s->info.region_bytes[region_rows[i]];
        n++;
      }
  if (n == 0 || sum <= 0)
    return 0;
  value = format_bytes (total);

  text (c, x, y + (row_h - text_h (small)) / 2, label_w, C_("memory region", "regions"), small, FALSE,
        FL_TEXT_LEFT, &c->fg);
  text (c, x + w - value_w, y + (row_h - text_h (small)) / 2, value_w, value, small, FALSE, FL_TEXT_RIGHT,
        &c->secondary);

  for (i = 0; i < G_N_ELEMENTS (region_rows); i++)
    {
      FlRegionKind kind = region_rows[i];
      guint64 bytes = s->info.region_bytes[kind];
      float seg_w, avail;
      g_autofree char *size = NULL, *full = NULL;
      FlColor fill, ink;

      if (s->region_count[kind] == 0)
        continue;
      avail = bar_w - (n - 1) * gap;
      seg_w = ++drawn == n ? bar_x + bar_w - sx : MAX (3, snap (c, avail * sqrtf ((float) bytes) / sum));
      seg_w = MIN (seg_w, bar_x + bar_w - sx);
      if (seg_w <= 0)
        break;
      fill = fl_color_mix (&c->bg, &c->fg, drawn % 2 ? 0.34f : 0.22f);
      ink = text_on (&fill);
      size = format_bytes (bytes);
      full = g_strdup_printf ("%s %s", region_name (kind), size);
      if (c->scene)
        {
          fl_scene_rect (c->scene, sx, bar_y, seg_w, bar_h, &fill);
          if (fl_scene_measure_text (full, tiny, FALSE) <= seg_w - 6)
            fl_scene_text (c->scene, sx, bar_y + (bar_h - text_h (tiny)) / 2, seg_w, full, tiny, FALSE,
                           FL_TEXT_CENTER, &ink);
          else if (fl_scene_measure_text (region_name (kind), tiny, FALSE) <= seg_w - 4)
            fl_scene_text (c->scene, sx, bar_y + (bar_h - text_h (tiny)) / 2, seg_w, region_name (kind), tiny,
                           FALSE, FL_TEXT_CENTER, &ink);
        }
      add_hit (c, sx, bar_y, seg_w, bar_h,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s: %s\n%llu kB mapped in %u mapping\n"
                                             "(the sampler measures the mapped size of a region, not its resident part)",
                                             "%s: %s\n%llu kB mapped in %u mappings\n"
                                             "(the sampler measures the mapped size of a region, not its resident part)",
                                             s->region_count[kind]),
                                region_name (kind), region_explanation (kind), (unsigned long long) (bytes / 1024),
                                s->region_count[kind]));
      sx += seg_w + gap;
    }
  return row_h;
}

static float
paint_stacks (Ctx         *c,
              const Space *s,
              float        x,
              float        y,
              float        w,
              float        label_w,
              float        value_w)
{
  FlMemoryModel *m = c->m;
  float small = c->font * 0.9f, tiny = c->font * 0.8f;
  float row_h = roundf (c->font * 1.4f);
  float tile_h = roundf (row_h * 0.82f);
  float gap = MAX (2, roundf (c->font * 0.2f));
  float avail = w - label_w - value_w - c->font * 0.5f;
  float tile_w = roundf (c->font * 2.6f);
  guint per_line, n = s->stacks->len, i;
  guint64 total = 0;
  g_autofree char *value = NULL;
  float used;

  if (n == 0)
    return 0;
  for (i = 0; i < n; i++)
    total += g_array_index (s->stacks, Stack, i).bytes;
  value = format_bytes (total);

  per_line = MAX (1, (guint) ((avail + gap) / (tile_w + gap)));
  if (per_line >= n)
    tile_w = MIN (tile_w, floorf ((avail + gap) / n - gap));
  else
    tile_w = floorf ((avail + gap) / per_line - gap);
  tile_w = MAX (tile_w, 3);
  used = ((n + per_line - 1) / per_line) * (tile_h + gap) - gap + (row_h - tile_h);

  text (c, x, y + (row_h - text_h (small)) / 2, label_w, region_name (FL_REGION_STACK), small, FALSE,
        FL_TEXT_LEFT, &c->fg);
  text (c, x + w - value_w, y + (row_h - text_h (small)) / 2, value_w, value, small, FALSE, FL_TEXT_RIGHT,
        &c->secondary);

  for (i = 0; i < n; i++)
    {
      const Stack *st = &g_array_index (s->stacks, Stack, i);
      float tx = x + label_w + (i % per_line) * (tile_w + gap);
      float ty = y + (row_h - tile_h) / 2 + (i / per_line) * (tile_h + gap);
      const FlColor *fill = fl_theme_get_worker_color (c->theme, st->lane);
      g_autofree char *name = lane_short_name (c, st->lane);
      const char *full = st->lane < m->lane_names->len ? g_ptr_array_index (m->lane_names, st->lane) : "";
      int tid = st->lane < m->lane_tids->len ? g_array_index (m->lane_tids, int, st->lane) : 0;

      if (c->scene)
        {
          FlColor ink = text_on (fill);

          fl_scene_rounded_rect (c->scene, snap (c, tx), snap (c, ty), tile_w, tile_h, MIN (3, tile_w / 3), fill);
          if (fl_scene_measure_text (name, tiny, TRUE) <= tile_w - 2)
            fl_scene_text (c->scene, tx, ty + (tile_h - text_h (tiny)) / 2, tile_w, name, tiny, TRUE,
                           FL_TEXT_CENTER, &ink);
        }
      add_hit (c, tx, ty, tile_w, tile_h,
               g_strdup_printf (_("Stack of %s (thread %d)\n0x%llx–0x%llx, "
                                  "%llu kB mapped, guard page included\n"
                                  "Every thread has a stack of its own, inside its process's address space."),
                                full, tid, (unsigned long long) st->start, (unsigned long long) st->end,
                                (unsigned long long) (st->bytes / 1024)));
    }
  return used;
}

/* One box; returns the height of its content. */
static float
paint_space (Ctx         *c,
             const Space *s,
             float        x,
             float        y,
             float        w,
             float        h)
{
  FlMemoryModel *m = c->m;
  float f = c->font, small = f * 0.9f, title = f * 1.08f;
  float ip = roundf (f * 0.85f), radius = roundf (f * 0.9f);
  float ix = x + ip, iw = w - 2 * ip, cy = y + ip;
  const FlColor *lane_color = fl_theme_get_worker_color (c->theme, s->info.lane);
  g_autofree char *chip = g_strdup (role_label (s->info.role));
  float chip_w = fl_scene_measure_text (chip, small, TRUE) + f * 1.1f;
  float chip_h = roundf (text_h (small) + f * 0.3f);
  float dot = roundf (f * 0.7f);
  g_autofree char *sub = NULL;
  g_autofree char *rss = fl_memory_format_kb (s->info.rss_kb);
  g_autofree char *pss = fl_memory_format_kb (s->info.pss_kb);
  g_autofree char *shared = fl_memory_format_kb (s->info.shared_kb);
  g_autofree char *private = fl_memory_format_kb (s->info.private_kb);
  g_autofree char *figures = NULL, *shared_label = NULL, *private_label = NULL;
  float bar_h = roundf (f * 1.6f), total_w, priv_w, label_w = 0, value_w;
  float split_y, split_h;

  if (c->scene && h > 0)
    {
      FlColor fill = s->info.exited ? fl_color_with_alpha (&c->box_fill, 0.5f) : c->box_fill;

      fl_scene_rounded_rect (c->scene, x, y, w, h, radius, &fill);
      fl_scene_frame (c->scene, x, y, w, h, s->info.role == FL_MEMORY_ROLE_MAIN ? 2 : 1.5f, radius,
                      &c->box_border);
    }

  /* Title: the lane's colour, as in the timeline; the role on the right. */
  if (c->scene)
    {
      fl_scene_rounded_rect (c->scene, ix, snap (c, cy + (text_h (title) - dot) / 2), dot, dot, dot / 2, lane_color);
      fl_scene_frame (c->scene, ix + iw - chip_w, cy + (text_h (title) - chip_h) / 2, chip_w, chip_h, 1,
                      chip_h / 2, &c->secondary);
    }
  text (c, ix + iw - chip_w, cy + (text_h (title) - text_h (small)) / 2, chip_w, chip, small, TRUE,
        FL_TEXT_CENTER, &c->fg);
  text (c, ix + dot + f * 0.45f, cy, iw - chip_w - dot - f, s->title, title, TRUE, FL_TEXT_LEFT, &c->fg);
  cy += text_h (title) + f * 0.15f;

  switch (s->info.role)
    {
    case FL_MEMORY_ROLE_MAIN:
      sub = s->info.n_threads > 1
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u thread share this address space",
                                        "%u threads share this address space", s->info.n_threads),
                           s->info.n_threads)
        : g_strdup (_("1 thread in this address space"));
      break;
    case FL_MEMORY_ROLE_FORKED:
      sub = g_strdup_printf (_("forked from pid %d: a copy-on-write copy"), s->parent_pid);
      break;
    case FL_MEMORY_ROLE_SPAWNED:
    default:
      sub = g_strdup (_("a fresh program: nothing inherited"));
      break;
    }
  if (s->info.exited)
    {
      g_autofree char *t = format_time (s->info.t);

      g_free (sub);
      sub = g_strdup_printf (_("exited · last sampled at %s"), t);
    }
  text (c, ix, cy, iw, sub, small, FALSE, FL_TEXT_LEFT, &c->secondary);
  cy += text_h (small) + f * 0.55f;

  /* Resident memory, to the common linear scale: private solid, shared hatched. */
  total_w = m->max_rss_kb > 0 ? iw * (float) s->info.rss_kb / (float) m->max_rss_kb : 0;
  total_w = MAX (total_w, 2);
  priv_w = s->info.rss_kb > 0 ? total_w * (float) MIN (s->info.private_kb, s->info.rss_kb) / (float) s->info.rss_kb : 0;
  if (c->scene)
    {
      fl_scene_rect (c->scene, ix, cy, iw, bar_h, &c->track);
      if (priv_w > 0)
        swatch (c, ix, cy, snap (c, priv_w), bar_h, FALSE);
      if (total_w - priv_w >= 1)
        swatch (c, ix + snap (c, priv_w), cy, total_w - snap (c, priv_w), bar_h, TRUE);
    }
  add_hit (c, ix, cy, MAX (priv_w, 1), bar_h,
           g_strdup_printf (_("Private to this process: %llu kB\n"
                              "(%llu kB dirty, %llu kB clean)\n%s"),
                            (unsigned long long) s->info.private_kb, (unsigned long long) s->private_dirty_kb,
                            (unsigned long long) s->private_clean_kb,
                            s->info.role == FL_MEMORY_ROLE_FORKED
                              ? _("Pages this child wrote, so the kernel copied them for it, and memory of its own.")
                              : _("Memory no other process maps.")));
  add_hit (c, ix + priv_w, cy, MAX (total_w - priv_w, 1), bar_h,
           g_strdup_printf (_("Shared with other processes: %llu kB\n"
                              "(%llu kB dirty, %llu kB clean)\n%s"),
                            (unsigned long long) s->info.shared_kb, (unsigned long long) s->shared_dirty_kb,
                            (unsigned long long) s->shared_clean_kb,
                            s->info.role == FL_MEMORY_ROLE_SPAWNED
                              ? _("Library code, mapped by many programs at once.")
                              : _("After a fork, parent and child share every page until one of them writes it "
                                  "(copy-on-write); libraries are shared too.")));
  cy += bar_h + f * 0.3f;

  figures = g_strdup_printf (_("RSS %s · PSS %s"), rss, pss);
  text (c, ix, cy, iw, figures, small, TRUE, FL_TEXT_LEFT, &c->fg);
  cy += text_h (small) + f * 0.2f;

  /* The split, and the global beside it. */
  if (s->info.role == FL_MEMORY_ROLE_FORKED)
    {
      private_label = g_strdup_printf (_("private, copied or new: %s"), private);
      shared_label = g_strdup_printf (_("still shared with parent: %s"), shared);
    }
  else
    {
      private_label = g_strdup_printf (_("private: %s"), private);
      shared_label = g_strdup_printf (_("shared: %s"), shared);
    }
  split_y = cy;
  split_h = text_h (small);
  {
    float sw = roundf (f * 0.9f), tx = ix + sw + f * 0.4f;
    float global_w = 0;
    g_autofree char *global = NULL;

    if (m->show_globals && s->info.has_global)
      {
        global = g_strdup_printf (_("global = %lld"), (long long) s->info.global);
        global_w = fl_scene_measure_text (global, f, TRUE) + f * 1.2f;
      }
    swatch (c, ix, snap (c, cy + (split_h - sw) / 2), sw, sw, FALSE);
    text (c, tx, cy, iw - (tx - ix) - global_w - f * 0.4f, private_label, small, FALSE, FL_TEXT_LEFT, &c->fg);
    cy += split_h + f * 0.15f;
    swatch (c, ix, snap (c, cy + (split_h - sw) / 2), sw, sw, TRUE);
    text (c, tx, cy, iw - (tx - ix) - global_w - f * 0.4f, shared_label, small, FALSE, FL_TEXT_LEFT, &c->fg);
    cy += split_h;

    if (global)
      {
        float gh = roundf (text_h (f) + f * 0.6f);
        float gx = ix + iw - global_w, gy = snap (c, split_y + (cy - split_y - gh) / 2);
        FlColor fill = fl_color_mix (&c->bg, &c->theme->states[FL_STATE_RUNNABLE].fill, 0.55f);
        FlColor ink = text_on (&fill);

        if (c->scene)
          {
            fl_scene_rounded_rect (c->scene, gx, gy, global_w, gh, gh / 2, &fill);
            fl_scene_text (c->scene, gx, gy + (gh - text_h (f)) / 2, global_w, global, f, TRUE, FL_TEXT_CENTER, &ink);
          }
        add_hit (c, gx, gy, global_w, gh,
                 g_strdup_printf (_("The scenario's global variable, as this address space last reported it: %lld\n%s"),
                                  (long long) s->info.global,
                                  s->info.role == FL_MEMORY_ROLE_MAIN && s->info.n_threads > 1
                                    ? _("Its threads share this one variable: a write by one is what the others read.")
                                    : _("Every process has its own copy: a write here changes no other process's.")));
      }
  }
  cy += f * 0.7f;

  /* Regions */
  label_w = MAX (label_w, fl_scene_measure_text (C_("memory region", "regions"), small, FALSE));
  label_w = MAX (label_w, fl_scene_measure_text (region_name (FL_REGION_STACK), small, FALSE));
  label_w += f * 0.6f;
  value_w = fl_scene_measure_text ("888.8 MB", small, FALSE);
  cy += paint_region_map (c, s, ix, cy, iw, label_w, value_w);
  cy += paint_stacks (c, s, ix, cy, iw, label_w, value_w);
  cy += ip;

  add_hit (c, x, y, w, h > 0 ? h : cy - y, describe_space (c, s));
  return cy - y;
}

/* Lays out (and, with a scene, paints) the whole picture; returns its height. */
static float
layout (Ctx *c)
{
  FlMemoryModel *m = c->m;
  const FlMemoryView *v = &c->view;
  FlTheme *theme = c->theme;
  float f = c->font, pad = roundf (f * 0.75f), gap = roundf (f * 0.8f);
  float x = v->x + pad, w = v->width - 2 * pad, y = v->y + pad;
  guint n = m->spaces->len, cols, i;
  float box_w, min_box_w = f * 24;
  g_autofree char *story = NULL, *when = NULL, *max_rss = NULL, *scale_note = NULL;

  c->fg = theme->foreground;
  c->secondary = theme->secondary;
  c->bg = theme->background;
  c->box_fill = theme->group_fill;
  c->box_border = theme->group_border;
  c->track = fl_color_mix (&theme->background, &theme->foreground, 0.06f);
  c->solid = fl_color_mix (&theme->background, &theme->foreground, 0.62f);
  c->hatch_bg = fl_color_mix (&theme->background, &theme->foreground, 0.1f);
  c->hatch_fg = fl_color_mix (&theme->background, &theme->foreground, 0.55f);

  if (c->scene && v->background)
    fl_scene_rect (c->scene, v->x, v->y, v->width, v->height, &theme->background);

  /* The story, in words, over the boxes. */
  text (c, x, y, w, _("Memory: address spaces"), f * 1.15f, TRUE, FL_TEXT_LEFT, &c->fg);
  y += text_h (f * 1.15f) + f * 0.2f;
  if (n == 0)
    story = g_strdup (_("No memory sample yet: the sampler reads every process twice a second."));
  else if (n == 1)
    story = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "1 address space, %u thread in it",
                                          "1 address space, shared by its %u threads", m->n_threads_total),
                             m->n_threads_total);
  else
    story = g_strdup_printf (_("%u address spaces: every process has its own"), n);
  y += wrapped (c, x, y, w, story, f, &c->fg);
  if (m->sample_t >= 0)
    {
      g_autofree char *t = format_time (m->sample_t);

      if (m->at_peak)
        /* TRANSLATORS: when the memory diagram's samples were taken: the run's peak */
        when = g_strdup_printf (_("at the run's peak, sampled at %s"), t);
      else
        when = g_strdup_printf (_("as sampled at %s"), t);
      text (c, x, y, w, when, f * 0.85f, FALSE, FL_TEXT_LEFT, &c->secondary);
      y += text_h (f * 0.85f);
    }
  y += gap;

  if (n == 0)
    return y - v->y + pad;

  cols = CLAMP ((guint) ((w + gap) / (min_box_w + gap)), 1, n);
  box_w = floorf ((w - gap * (cols - 1)) / cols);

  /* Measure every box, then paint each row of boxes at its tallest. */
  {
    Ctx measure = *c;

    measure.scene = NULL;
    measure.hits = NULL;
    for (i = 0; i < n; i++)
      {
        Space *s = &g_array_index (m->spaces, Space, i);

        s->content_h = paint_space (&measure, s, 0, 0, box_w, 0);
      }
  }
  for (i = 0; i < n; i += cols)
    {
      float row_h = 0;
      guint k;

      for (k = i; k < MIN (n, i + cols); k++)
        row_h = MAX (row_h, g_array_index (m->spaces, Space, k).content_h);
      for (k = i; k < MIN (n, i + cols); k++)
        {
          Space *s = &g_array_index (m->spaces, Space, k);

          s->info.x = x + (k - i) * (box_w + gap);
          s->info.y = y;
          s->info.width = box_w;
          s->info.height = row_h;
          s->info.resident_width = m->max_rss_kb > 0 ? (box_w - 2 * roundf (f * 0.85f)) * (float) s->info.rss_kb / (float) m->max_rss_kb : 0;
          if (c->scene || c->hits)
            paint_space (c, s, s->info.x, y, box_w, row_h);
        }
      y += row_h + gap;
    }

  /* The key to the picture. */
  {
    float sw = roundf (f * 0.9f), small = f * 0.85f, tx = x + sw + f * 0.5f;

    max_rss = fl_memory_format_kb (m->max_rss_kb);
    swatch (c, x, snap (c, y + (text_h (small) - sw) / 2), sw, sw, TRUE);
    y += wrapped (c, tx, y, w - (tx - x),
                  _("shared with other processes: after a fork, the parent's pages until one of them writes (copy-on-write); libraries"),
                  small, &c->secondary) + f * 0.2f;
    swatch (c, x, snap (c, y + (text_h (small) - sw) / 2), sw, sw, FALSE);
    y += wrapped (c, tx, y, w - (tx - x), _("private: pages written, hence copied, or the process's own"),
                  small, &c->secondary) + f * 0.2f;
    scale_note = g_strdup_printf (_("Resident bars: one linear scale, full width = %s. Regions: each as long as the square root of its mapped size. Stacks: one per thread, in its timeline colour."),
                                  max_rss);
    y += wrapped (c, x, y, w, scale_note, small, &c->secondary);
  }
  return y - v->y + pad;
}

/* The painter's context: @view over @m. */
static void
ctx_init (Ctx                *c,
          FlMemoryModel      *m,
          const FlMemoryView *view)
{
  memset (c, 0, sizeof *c);
  c->m = m;
  c->view = *view;
  c->theme = view->theme ? fl_theme_ref (view->theme) : fl_theme_new_light ();
  c->view.theme = c->theme;
  if (c->view.scale <= 0)
    c->view.scale = 1;
  c->font = view->font_size > 0 ? view->font_size : 12;
}

static void
ctx_clear (Ctx *c)
{
  g_clear_pointer (&c->theme, fl_theme_unref);
}

static FlMemoryModel *
model_for_view (FlStore            *store,
                const FlMemoryView *view)
{
  return fl_memory_model_new (store, view->at, view->mode_known ? (int) view->mode : -1);
}

/* ---- public -------------------------------------------------------------- */

struct _FlMemoryPainter
{
  FlMemoryModel *model;
  Ctx            ctx;
  GPtrArray     *hits;       /* of Hit*: what describe_at finds */
  float          height;
};

/**
 * fl_memory_painter_new:
 * @store: the run's store (locked while it is read)
 * @view: where, how, and the moment to show
 *
 * Reads the store once into an FlMemoryModel and lays it out.
 *
 * Returns: (transfer full): the painter of the address spaces at @view's time
 */
FlMemoryPainter *
fl_memory_painter_new (FlStore            *store,
                       const FlMemoryView *view)
{
  FlMemoryPainter *self;

  g_return_val_if_fail (FL_IS_STORE (store), NULL);
  g_return_val_if_fail (view != NULL, NULL);

  self = g_new0 (FlMemoryPainter, 1);
  self->model = model_for_view (store, view);
  self->hits = g_ptr_array_new_with_free_func (hit_free);
  ctx_init (&self->ctx, self->model, view);
  self->ctx.hits = self->hits;
  self->height = layout (&self->ctx);
  self->ctx.hits = NULL;
  return self;
}

void
fl_memory_painter_free (FlMemoryPainter *self)
{
  if (self == NULL)
    return;
  ctx_clear (&self->ctx);
  g_ptr_array_unref (self->hits);
  fl_memory_model_free (self->model);
  g_free (self);
}

/**
 * fl_memory_painter_paint:
 * @self: a memory painter
 * @scene: what to paint into
 */
void
fl_memory_painter_paint (FlMemoryPainter *self,
                         FlScene         *scene)
{
  const FlMemoryView *view;

  g_return_if_fail (self != NULL);
  g_return_if_fail (scene != NULL);

  view = &self->ctx.view;
  self->ctx.scene = scene;
  fl_scene_push_clip (scene, view->x, view->y, view->width, view->height);
  layout (&self->ctx);
  fl_scene_pop_clip (scene);
  self->ctx.scene = NULL;
}

/**
 * fl_memory_painter_describe_at:
 * @self: a memory painter
 * @x: where, in scene coordinates
 * @y: where
 *
 * Returns: (nullable) (transfer full): the exact figures of the innermost
 *   thing painted at (@x, @y)
 */
char *
fl_memory_painter_describe_at (FlMemoryPainter *self,
                               double           x,
                               double           y)
{
  guint i;

  g_return_val_if_fail (self != NULL, NULL);

  /* A box's own hit comes after its contents': the first match is the innermost. */
  for (i = 0; i < self->hits->len; i++)
    {
      Hit *hit = g_ptr_array_index (self->hits, i);

      if (x >= hit->x && x < hit->x + hit->w && y >= hit->y && y < hit->y + hit->h)
        return g_strdup (hit->text);
    }
  return NULL;
}

/**
 * fl_memory_painter_measure_height:
 * @store: the run's store
 * @view: the width, font and time to lay out for
 *
 * Returns: the height that shows every box and the key
 */
float
fl_memory_painter_measure_height (FlStore            *store,
                                  const FlMemoryView *view)
{
  g_autoptr(FlMemoryModel) m = NULL;
  Ctx c;
  float height;

  g_return_val_if_fail (FL_IS_STORE (store), 0);
  g_return_val_if_fail (view != NULL, 0);

  m = model_for_view (store, view);
  ctx_init (&c, m, view);
  c.view.y = 0;
  height = layout (&c);
  ctx_clear (&c);
  return height;
}

/**
 * fl_memory_painter_get_spaces:
 * @store: the run's store
 * @view: as for painting
 *
 * Returns: (transfer full): the boxes, an array of FlMemorySpace
 */
GArray *
fl_memory_painter_get_spaces (FlStore            *store,
                              const FlMemoryView *view)
{
  g_autoptr(FlMemoryModel) m = NULL;
  GArray *spaces = g_array_new (FALSE, TRUE, sizeof (FlMemorySpace));
  Ctx c;
  guint i;

  g_return_val_if_fail (FL_IS_STORE (store), spaces);
  g_return_val_if_fail (view != NULL, spaces);

  m = model_for_view (store, view);
  ctx_init (&c, m, view);
  layout (&c);
  ctx_clear (&c);
  for (i = 0; i < m->spaces->len; i++)
    g_array_append_val (spaces, g_array_index (m->spaces, Space, i).info);
  return spaces;
}

/**
 * fl_memory_painter_describe:
 * @store: the run's store
 * @view: as painted
 *
 * Returns: (transfer full): the address spaces @view shows, in words
 */
char *
fl_memory_painter_describe (FlStore            *store,
                            const FlMemoryView *view)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(FlMemoryModel) m = NULL;
  Ctx c;
  guint i;

  g_return_val_if_fail (FL_IS_STORE (store), NULL);

  m = model_for_view (store, view);
  ctx_init (&c, m, view);
  layout (&c);
  ctx_clear (&c);
  if (m->spaces->len == 0)
    return g_strdup (_("No memory sample yet."));
  if (m->sample_t >= 0)
    {
      g_autofree char *t = format_time (m->sample_t);

      if (m->at_peak)
        g_string_append_printf (text, _("At the run's peak, sampled at %s: "), t);
      else
        g_string_append_printf (text, _("As sampled at %s: "), t);
    }
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u address space.", "%u address spaces.",
                                             m->spaces->len), m->spaces->len);
  for (i = 0; i < m->spaces->len; i++)
    {
      const FlMemorySpace *s = &g_array_index (m->spaces, Space, i).info;
      g_autofree char *rss = g_format_size_full (s->rss_kb * 1024, G_FORMAT_SIZE_DEFAULT);
      g_autofree char *priv = g_format_size_full (s->private_kb * 1024, G_FORMAT_SIZE_DEFAULT);
      g_autofree char *shared = g_format_size_full (s->shared_kb * 1024, G_FORMAT_SIZE_DEFAULT);

      /* TRANSLATORS: one address space for a screen reader:
       * "pid 12 (main process): 3 threads, 3.6 MB resident, 336 kB private, 3.3 MB shared." */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 " pid %d (%s): %u thread, %s resident, %s private, %s shared%s.",
                                                 " pid %d (%s): %u threads, %s resident, %s private, %s shared%s.",
                                                 s->n_threads),
                              s->pid, s->role == FL_MEMORY_ROLE_MAIN ? _("main process")
                                      : s->role == FL_MEMORY_ROLE_FORKED ? _("forked process") : _("spawned process"),
                              s->n_threads, rss, priv, shared, s->exited ? _(", exited") : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

const FlPainterFuncs fl_memory_painter_funcs = {
  .paint = (FlPainterPaintFunc) fl_memory_painter_paint,
  .paint_hover = NULL,
  .describe_at = (FlPainterDescribeAtFunc) fl_memory_painter_describe_at,
  .free = (GDestroyNotify) fl_memory_painter_free,
};
