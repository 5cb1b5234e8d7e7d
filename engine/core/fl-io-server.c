/* fl-io-server.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-io-server"

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>


#include "fl-io-server.h"

typedef struct
{
  guint64 due;
  int     fd;
  guint64 reply[2];
} Pending;

struct _FlIoServer
{
  FlTrace  *trace;
  guint     lane;
  int       listen_fd;
  int       wake_fd;
  GThread  *thread;
  GArray   *clients;   /* of int */
  GArray   *pending;   /* of Pending, unsorted: a handful at a time */
};

static socklen_t
make_address (const char         *name,
              struct sockaddr_un *addr)
{
  gsize len = strlen (name);

  memset (addr, 0, sizeof *addr);
  addr->sun_family = AF_UNIX;
  /* abstract namespace: a leading NUL, nothing on disk to clean up */
  memcpy (addr->sun_path + 1, name, MIN (len, sizeof addr->sun_path - 2));
  return (socklen_t) (offsetof (struct sockaddr_un, sun_path) + 1 + len);
}

static void
drop_client (FlIoServer *self,
             guint       index)
{
  int fd = g_array_index (self->clients, int, index);
  guint i;

  for (i = self->pending->len; i > 0; i--)
    if (g_array_index (self->pending, Pending, i - 1).fd == fd)
      g_array_remove_index_fast (self->pending, i - 1);
  close (fd);
  g_array_remove_index_fast (self->clients, index);
}

static gpointer
server_thread (gpointer data)
{
  FlIoServer *self = data;
  g_autofree struct pollfd *fds = NULL;
  gsize n_fds_alloc = 0;

  fl_trace_bind (self->trace, self->lane);
  fl_trace_emit (FL_EV_WORKER_START, 0, 0, (guint64) getpid (), (guint64) gettid ());

  for (;;)
    {
      guint64 now = fl_trace_now ();
      guint64 next_due = G_MAXUINT64;
      int timeout;
      guint n, i;

      /* Answer what is due. */
      for (i = self->pending->len; i > 0; i--)
        {
          Pending *p = &g_array_index (self->pending, Pending, i - 1);

          if (p->due <= now)
            {
              fl_trace_state (FL_STATE_RUNNING, FL_REASON_STEP, p->reply[1]);
              if (write (p->fd, p->reply, sizeof p->reply) < 0)
                {
                  /* the client is gone; poll will tell us */
                }
              g_array_remove_index_fast (self->pending, i - 1);
            }
          else
            next_due = MIN (next_due, p->due);
        }

      n = 2 + self->clients->len;
      if (n > n_fds_alloc)
        {
          n_fds_alloc = n * 2;
          fds = g_renew (struct pollfd, fds, n_fds_alloc);
        }
      fds[0].fd = self->wake_fd;
      fds[0].events = POLLIN;
      fds[1].fd = self->listen_fd;
      fds[1].events = POLLIN;
      for (i = 0; i < self->clients->len; i++)
        {
          fds[2 + i].fd = g_array_index (self->clients, int, i);
          fds[2 + i].events = POLLIN;
        }

      if (next_due == G_MAXUINT64)
        timeout = -1;
      else
        timeout = (int) MIN ((next_due - now + 999999) / 1000000, (guint64) G_MAXINT);

      fl_trace_state (FL_STATE_IO, FL_REASON_READ, 0);
      if (poll (fds, n, timeout) < 0 && errno != EINTR)
        break;

      if (fds[0].revents)
        break;
      if (fds[1].revents & POLLIN)
        {
          int fd = accept4 (self->listen_fd, NULL, NULL, SOCK_CLOEXEC);
          if (fd >= 0)
            g_array_append_val (self->clients, fd);
        }
      for (i = n - 2; i > 0; i--)
        {
          struct pollfd *pfd = &fds[2 + i - 1];
          guint64 request[2];
          ssize_t r;

          if (!pfd->revents)
            continue;
          r = read (pfd->fd, request, sizeof request);
          if (r == (ssize_t) sizeof request)
            {
              Pending p = { fl_trace_now () + request[0], pfd->fd, { request[0], request[1] } };
              g_array_append_val (self->pending, p);
            }
          else if (r <= 0 && !(r < 0 && errno == EINTR))
            drop_client (self, i - 1);
        }
    }

  fl_trace_emit (FL_EV_EXIT, 0, 0, 0, 0);
  return NULL;
}

FlIoServer *
fl_io_server_start (FlTrace  *trace,
                    guint     lane,
                    GError  **error)
{
  FlShared *shared = fl_trace_get_shared (trace);
  g_autoptr(GError) thread_error = NULL;
  FlIoServer *self;
  struct sockaddr_un addr;
  socklen_t len;

  self = g_new0 (FlIoServer, 1);
  self->trace = trace;
  self->lane = lane;
  self->clients = g_array_new (FALSE, FALSE, sizeof (int));
  self->pending = g_array_new (FALSE, FALSE, sizeof (Pending));

  g_snprintf (shared->io_address, sizeof shared->io_address,
              "forkline-io-%d-%" G_GINT64_FORMAT, (int) getpid (), (gint64) fl_trace_now ());
  len = make_address (shared->io_address, &addr);

  self->listen_fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  self->wake_fd = eventfd (0, EFD_CLOEXEC);
  if (self->listen_fd < 0 || self->wake_fd < 0 ||
      bind (self->listen_fd, (struct sockaddr *) &addr, len) != 0 ||
      listen (self->listen_fd, 512) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   "Could not start the local I/O server: %s", g_strerror (errsv));
      if (self->listen_fd >= 0)
        close (self->listen_fd);
      if (self->wake_fd >= 0)
        close (self->wake_fd);
      g_array_unref (self->clients);
      g_array_unref (self->pending);
      g_free (self);
      return NULL;
    }

  if (!(self->thread = g_thread_try_new ("io-server", server_thread, self, &thread_error)))
    {
      g_set_error (error, G_THREAD_ERROR, thread_error->code,
                   "Could not start the local I/O server: creating its thread failed (%s)%s",
                   thread_error->message,
                   thread_error->code == G_THREAD_ERROR_AGAIN
                   ? "; the limit on processes and threads per user (ulimit -u) may have been reached" : "");
      close (self->listen_fd);
      close (self->wake_fd);
      g_array_unref (self->clients);
      g_array_unref (self->pending);
      g_free (self);
      return NULL;
    }
  __atomic_store_n (&shared->io_ready, 1, __ATOMIC_RELEASE);
  return self;
}

void
fl_io_server_stop (FlIoServer *self)
{
  guint64 one = 1;
  guint i;

  if (write (self->wake_fd, &one, sizeof one) < 0)
    g_warning ("Could not wake the I/O server: %s", g_strerror (errno));
  g_thread_join (self->thread);
  for (i = 0; i < self->clients->len; i++)
    close (g_array_index (self->clients, int, i));
  close (self->listen_fd);
  close (self->wake_fd);
  g_array_unref (self->clients);
  g_array_unref (self->pending);
  g_free (self);
}

int
fl_io_server_connect (FlShared *shared)
{
  struct sockaddr_un addr;
  socklen_t len;
  int fd;

  if (!__atomic_load_n (&shared->io_ready, __ATOMIC_ACQUIRE))
    return -1;
  len = make_address (shared->io_address, &addr);
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return -1;
  if (connect (fd, (struct sockaddr *) &addr, len) != 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}
