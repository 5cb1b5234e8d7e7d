/* fl-trace.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-trace"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>


#include "fl-trace.h"
#include "fl-shared.h"

struct _FlTrace
{
  int            fd;
  gsize          size;
  FlTraceHeader *header;
};

__thread FlProducer fl_producer;

#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((guint64) (a) - 1))

gsize
fl_trace_get_shared_size (void)
{
  return ALIGN_UP (sizeof (FlShared), 4096);
}

static guint
next_power_of_two (guint v)
{
  guint p = 16;

  while (p < v && p < (1u << 30))
    p <<= 1;
  return p;
}

FlTrace *
fl_trace_new (guint        n_rings,
              guint        capacity,
              const char  *plan,
              GError     **error)
{
  g_autofree FlTrace *self = g_new0 (FlTrace, 1);
  gsize plan_length = plan ? strlen (plan) : 0;
  guint64 stride;
  guint64 offset;
  void *map;

  g_return_val_if_fail (n_rings > 0, NULL);

  capacity = next_power_of_two (capacity);
  stride = ALIGN_UP (sizeof (FlRing) + (guint64) capacity * sizeof (FlRecord), 4096);

  offset = 4096;                                   /* header page */
  offset += fl_trace_get_shared_size ();
  offset = ALIGN_UP (offset + plan_length + 1, 4096);
  self->size = offset + stride * n_rings;

  self->fd = memfd_create ("forkline-trace", MFD_CLOEXEC);
  if (self->fd < 0)
    {
      int errsv = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   "Could not create the trace region: %s", g_strerror (errsv));
      return NULL;
    }
  if (ftruncate (self->fd, (off_t) self->size) != 0)
    {
      int errsv = errno;
      close (self->fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   "Could not size the trace region (%" G_GSIZE_FORMAT " bytes): %s",
                   self->size, g_strerror (errsv));
      return NULL;
    }
  map = mmap (NULL, self->size, PROT_READ | PROT_WRITE, MAP_SHARED, self->fd, 0);
  if (map == MAP_FAILED)
    {
      int errsv = errno;
      close (self->fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   "Could not map the trace region: %s", g_strerror (errsv));
      return NULL;
    }

  self->header = map;
  self->header->magic = FL_TRACE_MAGIC;
  self->header->version = FL_TRACE_VERSION;
  self->header->n_rings = n_rings;
  self->header->capacity = capacity;
  self->header->size = self->size;
  self->header->shared_offset = 4096;
  self->header->plan_offset = 4096 + fl_trace_get_shared_size ();
  self->header->plan_length = plan_length;
  self->header->rings_offset = offset;
  self->header->ring_stride = stride;
  self->header->created_ns = (gint64) fl_trace_now ();
  self->header->observer_pid = getpid ();
  if (plan_length)
    memcpy ((char *) map + self->header->plan_offset, plan, plan_length);

  fl_shared_init (fl_trace_get_shared (self));

  return g_steal_pointer (&self);
}

FlTrace *
fl_trace_new_from_fd (int      fd,
                      GError **error)
{
  g_autofree FlTrace *self = g_new0 (FlTrace, 1);
  FlTraceHeader header;
  struct stat st;
  void *map;

  if (fstat (fd, &st) != 0 || (gsize) st.st_size < sizeof header ||
      pread (fd, &header, sizeof header, 0) != (ssize_t) sizeof header ||
      header.magic != FL_TRACE_MAGIC || header.version != FL_TRACE_VERSION ||
      header.size != (guint64) st.st_size)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "Descriptor %d is not a Forkline trace region", fd);
      return NULL;
    }
  map = mmap (NULL, header.size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED)
    {
      int errsv = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   "Could not map the trace region: %s", g_strerror (errsv));
      return NULL;
    }
  self->fd = fd;
  self->size = header.size;
  self->header = map;
  return g_steal_pointer (&self);
}

void
fl_trace_free (FlTrace *self)
{
  if (self == NULL)
    return;
  if (fl_producer.ring != NULL &&
      (char *) fl_producer.ring >= (char *) self->header &&
      (char *) fl_producer.ring < (char *) self->header + self->size)
    fl_producer.ring = NULL;
  munmap (self->header, self->size);
  if (self->fd >= 0)
    close (self->fd);
  g_free (self);
}

int
fl_trace_get_fd (FlTrace *self)
{
  return self->fd;
}

FlTraceHeader *
fl_trace_get_header (FlTrace *self)
{
  return self->header;
}

guint
fl_trace_get_n_rings (FlTrace *self)
{
  return self->header->n_rings;
}

guint
fl_trace_get_capacity (FlTrace *self)
{
  return self->header->capacity;
}

FlRing *
fl_trace_get_ring (FlTrace *self,
                   guint    index)
{
  g_return_val_if_fail (index < self->header->n_rings, NULL);
  return (FlRing *) ((char *) self->header + self->header->rings_offset +
                     self->header->ring_stride * index);
}

const char *
fl_trace_get_plan (FlTrace *self,
                   gsize   *length)
{
  if (length)
    *length = self->header->plan_length;
  return (const char *) self->header + self->header->plan_offset;
}

gpointer
fl_trace_get_shared (FlTrace *self)
{
  return (char *) self->header + self->header->shared_offset;
}

static gboolean trace_disabled;

/* Benchmarks measure what observing costs: with recording off, binding
 * leaves every emit a no-op. */
void
fl_trace_set_disabled (gboolean disabled)
{
  trace_disabled = disabled;
}

void
fl_trace_bind (FlTrace *self,
               guint    lane)
{
  if (trace_disabled)
    {
      fl_producer.ring = NULL;
      return;
    }
  fl_producer.ring = fl_trace_get_ring (self, lane);
  fl_producer.mask = self->header->capacity - 1;
  fl_producer.lane = (guint16) lane;
}

gsize
fl_ring_drain (FlRing   *ring,
               guint     capacity,
               FlRecord *out,
               gsize     max)
{
  guint64 tail = ring->tail;  /* only the consumer writes it */
  guint64 head = __atomic_load_n (&ring->head, __ATOMIC_ACQUIRE);
  guint64 mask = capacity - 1;
  gsize n = MIN ((gsize) (head - tail), max);
  gsize first;

  if (n == 0)
    return 0;
  /* Never split a line's text from its FL_EV_OUTPUT record: they were
   * published together, so either all of them are below head or none. */
  first = MIN (n, (gsize) (capacity - (tail & mask)));
  memcpy (out, &ring->records[tail & mask], first * sizeof (FlRecord));
  if (n > first)
    memcpy (out + first, &ring->records[0], (n - first) * sizeof (FlRecord));
  __atomic_store_n (&ring->tail, tail + n, __ATOMIC_RELEASE);
  return n;
}

guint64
fl_ring_get_dropped (FlRing *ring)
{
  return __atomic_load_n (&ring->dropped, __ATOMIC_RELAXED);
}

void
fl_trace_output (const char *text,
                 gssize      length)
{
  FlProducer *p = &fl_producer;
  guint8 flags = 0;
  guint64 head;
  FlRecord *r;
  guint n;
  guint i;

  if (p->ring == NULL)
    return;
  if (length < 0)
    length = (gssize) strlen (text);
  if (length > FL_TEXT_MAX)
    {
      /* Cut at a character boundary so the text stays valid UTF-8. */
      const char *end = g_utf8_find_prev_char (text, text + FL_TEXT_MAX + 1);
      length = end ? end - text : FL_TEXT_MAX;
      flags |= FL_OUTPUT_TRUNCATED;
    }
  n = fl_trace_text_records ((gsize) length);
  if (!(r = fl_trace_reserve (p->ring, p->mask, n, &head)))
    return;

  r->ts = fl_trace_now ();
  r->lane = p->lane;
  r->cpu = (guint16) MAX (sched_getcpu (), 0);
  r->kind = FL_EV_OUTPUT;
  r->arg8 = flags;
  r->arg16 = (guint16) length;
  r->a = 0;
  r->b = 0;

  for (i = 1; i < n; i++)
    {
      FlRecord *t = &p->ring->records[(head + i) & p->mask];
      gsize off = (gsize) (i - 1) * sizeof (FlRecord);
      gsize chunk = MIN (sizeof (FlRecord), (gsize) length - off);

      memset (t, 0, sizeof *t);
      memcpy (t, text + off, chunk);
    }
  fl_trace_publish (p->ring, head + n);
}
