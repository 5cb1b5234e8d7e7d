/* fl-output-item.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A copy of the store's line: the console's rows are bound long after the
 * store's lock was released.
 */

#define G_LOG_DOMAIN "fl-output-item"

#include "config.h"

#include <string.h>

#include "fl-output-item.h"

struct _FlOutputItem
{
  GObject   parent_instance;

  gint64    t;
  guint     lane;
  int       color;
  gboolean  truncated;
  char     *worker;
  char     *text;
};

G_DEFINE_FINAL_TYPE (FlOutputItem, fl_output_item, G_TYPE_OBJECT)

static void
fl_output_item_finalize (GObject *object)
{
  FlOutputItem *self = (FlOutputItem *) object;

  g_clear_pointer (&self->worker, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (fl_output_item_parent_class)->finalize (object);
}

static void
fl_output_item_class_init (FlOutputItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fl_output_item_finalize;
}

static void
fl_output_item_init (FlOutputItem *self)
{
}

FlOutputItem *
fl_output_item_new (gint64      t,
                    guint       lane,
                    int         color,
                    const char *worker,
                    const char *text,
                    gboolean    truncated)
{
  FlOutputItem *self = g_object_new (FL_TYPE_OUTPUT_ITEM, NULL);

  self->t = t;
  self->lane = lane;
  self->color = color;
  self->worker = g_strdup (worker);
  self->text = g_strdup (text);
  self->truncated = truncated;
  return self;
}

gint64
fl_output_item_get_t (FlOutputItem *self)
{
  g_return_val_if_fail (FL_IS_OUTPUT_ITEM (self), 0);
  return self->t;
}

guint
fl_output_item_get_lane (FlOutputItem *self)
{
  g_return_val_if_fail (FL_IS_OUTPUT_ITEM (self), 0);
  return self->lane;
}

int
fl_output_item_get_color (FlOutputItem *self)
{
  g_return_val_if_fail (FL_IS_OUTPUT_ITEM (self), -1);
  return self->color;
}

const char *
fl_output_item_get_worker (FlOutputItem *self)
{
  g_return_val_if_fail (FL_IS_OUTPUT_ITEM (self), NULL);
  return self->worker;
}

const char *
fl_output_item_get_text (FlOutputItem *self)
{
  g_return_val_if_fail (FL_IS_OUTPUT_ITEM (self), NULL);
  return self->text;
}

gboolean
fl_output_item_get_truncated (FlOutputItem *self)
{
  g_return_val_if_fail (FL_IS_OUTPUT_ITEM (self), FALSE);
  return self->truncated;
}

gboolean
fl_output_item_parse_source_line (const char  *text,
                                  char       **file,
                                  guint       *line)
{
  const char *p = text, *start, *end;
  guint64 n;
  char *after = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  while (*p == ' ' || *p == '\t')
    p++;
  if (!g_str_has_prefix (p, "File \""))
    return FALSE;
  start = p + strlen ("File \"");
  /* The path ends at the last '", line ' (a path may hold quotes). */
  end = g_strrstr (start, "\", line ");
  /* "<string>", "<frozen runpy>": no file to show. */
  if (end == NULL || end == start || *start == '<')
    return FALSE;
  p = end + strlen ("\", line ");
  if (!g_ascii_isdigit (*p))
    return FALSE;
  n = g_ascii_strtoull (p, &after, 10);
  if (n == 0 || n > G_MAXINT || (*after != '\0' && *after != ','))
    return FALSE;
  if (file)
    *file = g_strndup (start, (gsize) (end - start));
  if (line)
    *line = (guint) n;
  return TRUE;
}

gboolean
fl_output_item_get_source_line (FlOutputItem  *self,
                                char         **file,
                                guint         *line)
{
  g_return_val_if_fail (FL_IS_OUTPUT_ITEM (self), FALSE);
  return self->text != NULL && fl_output_item_parse_source_line (self->text, file, line);
}
