/* fl-files.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-files"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "fl-files.h"

/* What a file that is not a regular file is, for messages. */
static const char *
describe_type (mode_t mode)
{
  if (S_ISDIR (mode))
    return _("a folder");
  if (S_ISCHR (mode))
    return _("a character device");
  if (S_ISBLK (mode))
    return _("a block device");
  if (S_ISFIFO (mode))
    return _("a FIFO (named pipe)");
  if (S_ISSOCK (mode))
    return _("a socket");
  if (S_ISLNK (mode))
    return _("a symbolic link");
  return _("not a regular file");
}

/* @format is one of this file's messages: "…“%s”…%s", the path then the reason. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static gboolean
set_errno_error (GError    **error,
                 int         errsv,
                 const char *format,
                 const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv), format, display, g_strerror (errsv));
  return FALSE;
}
#pragma GCC diagnostic pop

gboolean
fl_file_read (const char  *path,
              gsize        max_size,
              char       **contents,
              gsize       *length,
              GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *buf = NULL;
  gsize cap, len = 0;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  display = g_filename_display_name (path);

  /* O_NONBLOCK: opening a FIFO must not wait for a writer.  O_NOCTTY: a
   * terminal named here must not become ours. */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return set_errno_error (error, errno, _("Cannot read “%s”: %s"), path);

  if (fstat (fd, &st) != 0)
    {
      int errsv = errno;
      close (fd);
      return set_errno_error (error, errsv, _("Cannot read “%s”: %s"), path);
    }
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("Cannot read “%s”: it is a folder"), display);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("Cannot read “%s”: it is %s, not a regular file"),
                   display, describe_type (st.st_mode));
      return FALSE;
    }
  if (st.st_size < 0 || (guint64) st.st_size > max_size)
    {
      g_autofree char *size = g_format_size_full ((guint64) st.st_size, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("Cannot read “%s”: it is %s, and a file of this kind may be at most %s"),
                   display, size, limit);
      return FALSE;
    }

  /* st_size is a hint: /proc files say 0 and have content. */
  cap = MAX ((gsize) st.st_size + 1, 4096);
  cap = MIN (cap, max_size + 1);
  buf = g_malloc (cap + 1);
  for (;;)
    {
      ssize_t n;

      if (len == cap)
        {
          if (len > max_size)
            {
              g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

              close (fd);
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                           _("Cannot read “%s”: it is larger than %s, the most a file of this kind may be"),
                           display, limit);
              return FALSE;
            }
          cap = MIN (cap * 2, max_size + 1);
          buf = g_realloc (buf, cap + 1);
        }
      n = read (fd, buf + len, cap - len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int errsv = errno;
          close (fd);
          return set_errno_error (error, errsv, _("Cannot read “%s”: %s"), path);
        }
      if (n == 0)
        break;
      len += (gsize) n;
    }
  close (fd);

  if (len > max_size)
    {
      g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("Cannot read “%s”: it is larger than %s, the most a file of this kind may be"),
                   display, limit);
      return FALSE;
    }
  buf[len] = '\0';
  *contents = g_steal_pointer (&buf);
  if (length != NULL)
    *length = len;
  return TRUE;
}

/* ---- writing ------------------------------------------------------------- */

#define TMP_TEMPLATE ".flXXXXXX"

/* The file that writing @path replaces or creates: @path, or the target
 * of the link @path is.  *@exists says whether it exists; @st is then
 * its stat. */
static char *
resolve_output (const char  *path,
                struct stat *st,
                gboolean    *exists,
                GError     **error)
{
  g_autofree char *display = NULL;
  char *target;

  if (path == NULL || *path == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           _("The file name is empty"));
      return NULL;
    }
  display = g_filename_display_name (path);

  if (lstat (path, st) != 0)
    {
      int errsv = errno;

      if (errsv == ENOENT)
        {
          *exists = FALSE;
          return g_strdup (path);
        }
      if (errsv == ENAMETOOLONG)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG,
                     _("Cannot write to “%s”: the name is too long"), display);
      else if (errsv == ENOTDIR)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                     _("Cannot write to “%s”: a part of the path is not a folder"), display);
      else
        set_errno_error (error, errsv, _("Cannot write to “%s”: %s"), path);
      return NULL;
    }

  if (!S_ISLNK (st->st_mode))
    target = g_strdup (path);
  else
    {
      /* Written through: the link stays, its target is replaced. */
      if (stat (path, st) != 0)
        {
          g_autofree char *link = g_file_read_link (path, NULL);
          g_autofree char *link_display = link ? g_filename_display_name (link) : g_strdup ("?");

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("Cannot write to “%s”: it is a symbolic link to “%s”, which does not exist"),
                       display, link_display);
          return NULL;
        }
      if (S_ISREG (st->st_mode) || S_ISDIR (st->st_mode))
        {
          char *real = realpath (path, NULL);

          if (real == NULL)
            {
              set_errno_error (error, errno,
                               _("Cannot write to “%s”: its symbolic link cannot be followed (%s)"), path);
              return NULL;
            }
          target = g_strdup (real);
          free (real);
        }
      else
        target = g_strdup (path);
    }

  if (S_ISDIR (st->st_mode))
    {
      g_free (target);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("Cannot write to “%s”: it is a folder"), display);
      return NULL;
    }
  if (!S_ISREG (st->st_mode))
    {
      g_free (target);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("Cannot write to “%s”: it is %s; only regular files are written or replaced"),
                   display, describe_type (st->st_mode));
      return NULL;
    }
  *exists = TRUE;
  return target;
}

static int create_temp (const char  *dir,
                        char       **tmp_path);

static gboolean
check_target (const char        *path,
              const char        *target,
              gboolean           exists,
              const struct stat *st,
              GError           **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *dir_display = g_filename_display_name (dir);
  struct stat dir_st;
  long name_max;
  int fd;

  if (stat (dir, &dir_st) != 0)
    {
      int errsv = errno;

      if (errsv == ENOENT)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("Cannot write to “%s”: the folder “%s” does not exist"), display, dir_display);
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                     _("Cannot write to “%s”: %s"), display, g_strerror (errsv));
      return FALSE;
    }
  if (!S_ISDIR (dir_st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("Cannot write to “%s”: “%s” is not a folder"), display, dir_display);
      return FALSE;
    }

  errno = 0;
  name_max = pathconf (dir, _PC_NAME_MAX);
  if (name_max <= 0)
    name_max = NAME_MAX;
  if (strlen (base) > (gsize) name_max)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG,
                   _("Cannot write to “%s”: the name is %zu bytes long, and names in “%s” may be at most %ld"),
                   display, strlen (base), dir_display, name_max);
      return FALSE;
    }
  if (strlen (target) >= PATH_MAX || strlen (dir) + 1 + strlen (TMP_TEMPLATE) >= PATH_MAX)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG,
                   _("Cannot write to “%s”: the path is too long"), display);
      return FALSE;
    }

  /* The file is written beside its final name and renamed into place,
   * so it is the folder that must be writable. */
  if (access (dir, W_OK | X_OK) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Cannot write to “%s”: the folder “%s” is not writable (%s)"),
                   display, dir_display, g_strerror (errsv));
      return FALSE;
    }
  /* access() says yes to root everywhere: a file made there and gone at
   * once finds a read-only file system, or a folder such as /proc where
   * nothing can be created.  An unnamed one (O_TMPFILE) leaves no trace;
   * where the file system has none, a short-lived one of the temporary
   * name that writing would use. */
  fd = open (dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL || errno == ENOENT))
    {
      g_autofree char *probe = NULL;

      if ((fd = create_temp (dir, &probe)) >= 0)
        g_unlink (probe);
    }
  if (fd >= 0)
    close (fd);
  else
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Cannot write to “%s”: no file can be created in “%s” (%s)"),
                   display, dir_display, g_strerror (errsv));
      return FALSE;
    }

  if (exists)
    {
      /* Replacing a read-only file would work, but it is not what its owner meant. */
      if (access (target, W_OK) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                       _("Cannot write to “%s”: the file is read-only"), display);
          return FALSE;
        }
      /* In a sticky folder (/tmp), only a file's owner, the folder's
       * owner or root may replace it: the rename would fail. */
      if ((dir_st.st_mode & S_ISVTX) && geteuid () != 0 &&
          st->st_uid != geteuid () && dir_st.st_uid != geteuid ())
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                       _("Cannot write to “%s”: the file belongs to another user, and in the folder “%s” "
                         "only its owner may replace it"),
                       display, dir_display);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * fl_file_check_writable:
 * @path: where a file is to be written
 * @error: where to put an error saying what is wrong
 *
 * Returns: %TRUE if fl_file_write() could write @path; nothing is created
 */
gboolean
fl_file_check_writable (const char  *path,
                        GError     **error)
{
  g_autofree char *target = NULL;
  gboolean exists = FALSE;
  struct stat st;

  if (!(target = resolve_output (path, &st, &exists, error)))
    return FALSE;
  return check_target (path, target, exists, &st, error);
}

/**
 * fl_file_check_distinct:
 * @a: a path to be written
 * @b: another
 * @error: where to say that they are one file
 *
 * Returns: %TRUE if writing @a and @b writes two files
 */
gboolean
fl_file_check_distinct (const char  *a,
                        const char  *b,
                        GError     **error)
{
  g_autofree char *ta = NULL, *tb = NULL, *ca = NULL, *cb = NULL;
  struct stat sa, sb;
  gboolean ea = FALSE, eb = FALSE;
  gboolean same;

  if (!(ta = resolve_output (a, &sa, &ea, NULL)) || !(tb = resolve_output (b, &sb, &eb, NULL)))
    return TRUE;  /* fl_file_check_writable() says what is wrong */

  if (ea && eb)
    same = sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  else
    {
      g_autofree char *da = g_path_get_dirname (ta), *db = g_path_get_dirname (tb);
      g_autofree char *na = g_path_get_basename (ta), *nb = g_path_get_basename (tb);
      char *ra = realpath (da, NULL), *rb = realpath (db, NULL);

      ca = g_build_filename (ra ? ra : da, na, NULL);
      cb = g_build_filename (rb ? rb : db, nb, NULL);
      free (ra);
      free (rb);
      same = g_str_equal (ca, cb);
    }
  if (same)
    {
      g_autofree char *da = g_filename_display_name (a);
      g_autofree char *db = g_filename_display_name (b);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” and “%s” are the same file: one would overwrite the other"), da, db);
      return FALSE;
    }
  return TRUE;
}

/* A new file in @dir with a short random name, created with mode 0666
 * less the umask, as any new file. */
static int
create_temp (const char *dir,
             char      **tmp_path)
{
  static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      char name[sizeof TMP_TEMPLATE];
      g_autofree char *candidate = NULL;
      int fd;

      memcpy (name, TMP_TEMPLATE, sizeof name);
      for (char *x = strchr (name, 'X'); *x != '\0'; x++)
        *x = letters[g_random_int_range (0, sizeof letters - 1)];
      candidate = g_build_filename (dir, name, NULL);
      fd = open (candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
      if (fd >= 0)
        {
          *tmp_path = g_steal_pointer (&candidate);
          return fd;
        }
      if (errno != EEXIST)
        return -1;
    }
  errno = EEXIST;
  return -1;
}

struct _FlFileStream
{
  int      fd;
  int      error;   /* the first write's errno, 0 if none failed */
  GString *buffer;
};

static void
stream_write (FlFileStream *stream,
              const char   *data,
              gsize         length)
{
  gsize done = 0;

  while (stream->error == 0 && done < length)
    {
      ssize_t n = write (stream->fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        stream->error = n < 0 ? errno : ENOSPC;
      else
        done += (gsize) n;
    }
}

/**
 * fl_file_stream_get_buffer:
 * @stream: what fl_file_write_stream() gave its function
 *
 * Returns: (transfer none): the text still to be written: append to it,
 *   and call fl_file_stream_drain() now and then
 */
GString *
fl_file_stream_get_buffer (FlFileStream *stream)
{
  return stream->buffer;
}

/**
 * fl_file_stream_drain:
 * @stream: what fl_file_write_stream() gave its function
 *
 * Writes the buffer out once it holds FL_FILE_STREAM_BUFFER bytes or
 * more.  After a failed write, nothing more is written (the buffer is
 * emptied all the same) and fl_file_write_stream() reports the failure.
 */
void
fl_file_stream_drain (FlFileStream *stream)
{
  if (stream->buffer->len < FL_FILE_STREAM_BUFFER)
    return;
  stream_write (stream, stream->buffer->str, stream->buffer->len);
  g_string_truncate (stream->buffer, 0);
}

/**
 * fl_file_write_stream:
 * @path: the file to write
 * @func: writes the file's contents through the stream it is given
 * @user_data: for @func
 * @error: where to say what failed, naming @path
 *
 * Writes @path as fl_file_write() does, from a text produced piece by
 * piece, so that what it costs in memory is the buffer, not the file.
 *
 * Returns: %TRUE if @path now holds what @func wrote; otherwise nothing
 *   changed
 */
gboolean
fl_file_write_stream (const char        *path,
                      FlFileStreamFunc   func,
                      gpointer           user_data,
                      GError           **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GString) buffer = NULL;
  FlFileStream stream = { -1, 0, NULL };
  gboolean exists = FALSE;
  struct stat st;
  int fd, saved;

  if (!(target = resolve_output (path, &st, &exists, error)) ||
      !check_target (path, target, exists, &st, error))
    return FALSE;

  dir = g_path_get_dirname (target);
  if ((fd = create_temp (dir, &tmp)) < 0)
    return set_errno_error (error, errno, _("Cannot write to “%s”: %s"), path);

  buffer = g_string_sized_new (FL_FILE_STREAM_BUFFER + FL_FILE_STREAM_BUFFER / 4);
  stream.fd = fd;
  stream.buffer = buffer;
  func (&stream, user_data);
  stream_write (&stream, buffer->str, buffer->len);
  if (stream.error != 0)
    {
      saved = stream.error;
      goto fail;
    }
  if (fsync (fd) < 0 && errno != EINVAL)
    {
      saved = errno;
      goto fail;
    }
  if (close (fd) < 0)
    {
      saved = errno;
      fd = -1;
      goto fail;
    }
  fd = -1;

  /* What was checked may have changed meanwhile: never replace anything
   * but a regular file. */
  if (lstat (target, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("Cannot write to “%s”: it is %s; only regular files are written or replaced"),
                   display, describe_type (st.st_mode));
      return FALSE;
    }
  if (g_rename (tmp, target) < 0)
    {
      saved = errno;
      goto fail;
    }
  return TRUE;

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return set_errno_error (error, saved, _("Cannot write to “%s”: %s"), path);
}

typedef struct
{
  const void *data;
  gsize       length;
} Bytes;

static void
write_bytes (FlFileStream *stream,
             gpointer      user_data)
{
  const Bytes *bytes = user_data;

  stream_write (stream, bytes->data, bytes->length);
}

/**
 * fl_file_write:
 * @path: the file to write
 * @data: its contents
 * @length: their size
 * @error: where to say what failed, naming @path
 *
 * Returns: %TRUE if @path now holds @data; otherwise nothing changed
 */
gboolean
fl_file_write (const char  *path,
               const void  *data,
               gsize        length,
               GError     **error)
{
  Bytes bytes = { data, length };

  return fl_file_write_stream (path, write_bytes, &bytes, error);
}
