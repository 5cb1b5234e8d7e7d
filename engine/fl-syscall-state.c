/* fl-syscall-state.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-syscall"

#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "fl-sampler.h"
#include "fl-syscall-state.h"

/**
 * fl_syscall_parse:
 * @buf: the contents of /proc/PID/task/TID/syscall
 * @len: its length
 * @nr: (out): the system call number
 * @arg0: (out): its first argument
 *
 * Returns: what the line says
 */
FlSyscallLine
fl_syscall_parse (const char *buf,
                  gsize       len,
                  long       *nr,
                  guint64    *arg0)
{
  const char *p = buf, *end = buf + len;
  gboolean negative = FALSE;
  long v = 0;

  if (len >= 7 && memcmp (buf, "running", 7) == 0)
    return FL_SYSCALL_RUNNING;
  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (p >= end || *p < '0' || *p > '9')
    return FL_SYSCALL_INVALID;
  while (p < end && *p >= '0' && *p <= '9')
    v = v * 10 + (*p++ - '0');
  if (negative)
    return FL_SYSCALL_USER;
  if (p >= end || *p++ != ' ' || !fl_parse_hex (&p, end, arg0))
    return FL_SYSCALL_INVALID;
  *nr = v;
  return FL_SYSCALL_BLOCKED;
}

/**
 * fl_syscall_classify:
 *
 * Returns: the state of a thread blocked in system call @nr
 */
FlState
fl_syscall_classify (long              nr,
                     guint64           arg0,
                     const FlGilRange *gil,
                     FlReason         *reason)
{
  FlReason why = FL_REASON_NONE;
  FlState state = FL_STATE_BLOCKED;

  switch (nr)
    {
    case SYS_nanosleep:
    case SYS_clock_nanosleep:
#ifdef SYS_pause
    case SYS_pause:
#endif
    case SYS_rt_sigsuspend:
    case SYS_rt_sigtimedwait:
      state = FL_STATE_SLEEPING;
      why = FL_REASON_SLEEP;
      break;

    case SYS_futex:
      if (gil && gil->end > gil->start && arg0 >= gil->start && arg0 < gil->end)
        {
          state = FL_STATE_GIL;
          why = FL_REASON_GIL;
        }
      else
        {
          state = FL_STATE_LOCK;
          why = FL_REASON_LOCK;
        }
      break;
#ifdef SYS_futex_waitv
    case SYS_futex_waitv:
      state = FL_STATE_LOCK;
      why = FL_REASON_LOCK;
      break;
#endif

    case SYS_wait4:
    case SYS_waitid:
      state = FL_STATE_JOIN;
      why = FL_REASON_JOIN;
      break;

    case SYS_read:
    case SYS_readv:
    case SYS_pread64:
    case SYS_preadv:
    case SYS_preadv2:
    case SYS_write:
    case SYS_writev:
    case SYS_pwrite64:
    case SYS_pwritev:
    case SYS_pwritev2:
    case SYS_recvfrom:
    case SYS_recvmsg:
    case SYS_recvmmsg:
    case SYS_sendto:
    case SYS_sendmsg:
    case SYS_sendmmsg:
    case SYS_accept:
    case SYS_accept4:
    case SYS_connect:
#ifdef SYS_poll
    case SYS_poll:
#endif
    case SYS_ppoll:
#ifdef SYS_select
    case SYS_select:
#endif
    case SYS_pselect6:
#ifdef SYS_epoll_wait
    case SYS_epoll_wait:
#endif
    case SYS_epoll_pwait:
#ifdef SYS_epoll_pwait2
    case SYS_epoll_pwait2:
#endif
    case SYS_sendfile:
    case SYS_splice:
    case SYS_fsync:
    case SYS_fdatasync:
#ifdef SYS_open
    case SYS_open:
#endif
    case SYS_openat:
    case SYS_io_getevents:
#ifdef SYS_io_uring_enter
    case SYS_io_uring_enter:
#endif
    case SYS_msgrcv:
    case SYS_msgsnd:
    case SYS_mq_timedreceive:
    case SYS_mq_timedsend:
      state = FL_STATE_IO;
      why = FL_REASON_READ;
      break;

    default:
      break;
    }

  if (reason)
    *reason = why;
  return state;
}

/* ---- ELF ----------------------------------------------------------------- */

static gboolean
elf_fail (GError    **error,
          const char *path,
          const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", path, what);
  return FALSE;
}

/**
 * fl_elf_find_dynamic_symbol:
 *
 * Reads the section headers of a 64-bit ELF file of this machine's byte
 * order, finds SHT_DYNSYM and its string table, and looks @name up.
 */
gboolean
fl_elf_find_dynamic_symbol (const char  *path,
                            const char  *name,
                            guint64     *value,
                            guint64     *size,
                            gboolean    *relocatable,
                            GError     **error)
{
  struct stat st;
  const guint8 *map;
  const Elf64_Ehdr *eh;
  const Elf64_Shdr *sh;
  gboolean found = FALSE;
  gsize len;
  guint i;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) < 0 || st.st_size < (off_t) sizeof (Elf64_Ehdr))
    {
      close (fd);
      return elf_fail (error, path, _("not an ELF file"));
    }
  len = (gsize) st.st_size;
  map = mmap (NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
  close (fd);
  if (map == MAP_FAILED)
    return elf_fail (error, path, g_strerror (errno));

  eh = (const Elf64_Ehdr *) map;
  if (memcmp (eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
      eh->e_ident[EI_DATA] != ELFDATA2LSB ||
#else
      eh->e_ident[EI_DATA] != ELFDATA2MSB ||
#endif
      eh->e_shentsize != sizeof (Elf64_Shdr) ||
      eh->e_shoff == 0 || eh->e_shoff > len ||
      (guint64) eh->e_shnum * sizeof (Elf64_Shdr) > len - eh->e_shoff)
    {
      munmap ((void *) map, len);
      return elf_fail (error, path, _("not a 64-bit ELF file of this machine with section headers"));
    }

  sh = (const Elf64_Shdr *) (map + eh->e_shoff);
  for (i = 0; i < eh->e_shnum && !found; i++)
    {
      const Elf64_Shdr *strtab;
      const Elf64_Sym *syms;
      guint64 n, k;
      gsize name_len = strlen (name);

      if (sh[i].sh_type != SHT_DYNSYM || sh[i].sh_link >= eh->e_shnum ||
          sh[i].sh_entsize != sizeof (Elf64_Sym) ||
          sh[i].sh_offset > len || sh[i].sh_size > len - sh[i].sh_offset)
        continue;
      strtab = &sh[sh[i].sh_link];
      if (strtab->sh_offset > len || strtab->sh_size > len - strtab->sh_offset)
        continue;
      syms = (const Elf64_Sym *) (map + sh[i].sh_offset);
      n = sh[i].sh_size / sizeof (Elf64_Sym);
      for (k = 0; k < n; k++)
        {
          const char *sym_name;

          if (syms[k].st_name >= strtab->sh_size ||
              strtab->sh_size - syms[k].st_name <= name_len ||
              syms[k].st_shndx == SHN_UNDEF)
            continue;
          sym_name = (const char *) map + strtab->sh_offset + syms[k].st_name;
          if (memcmp (sym_name, name, name_len + 1) == 0)
            {
              *value = syms[k].st_value;
              *size = syms[k].st_size;
              *relocatable = eh->e_type == ET_DYN;
              found = TRUE;
              break;
            }
        }
    }
  munmap ((void *) map, len);
  if (!found)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s: no dynamic symbol %s"), path, name);
      return FALSE;
    }
  return TRUE;
}

/**
 * fl_python_find_runtime:
 * @pid: a process running CPython
 * @range: (out): where its _PyRuntime lies
 * @why: (out): when FALSE, a sentence saying why it was not found
 */
gboolean
fl_python_find_runtime (int          pid,
                        FlGilRange  *range,
                        char       **why)
{
  g_autofree char *maps_path = g_strdup_printf ("/proc/%d/maps", pid);
  g_autofree char *maps = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) tried = g_string_new (NULL);
  char **lines;
  guint i;

  range->start = range->end = 0;
  if (!g_file_get_contents (maps_path, &maps, NULL, &error))
    {
      *why = g_strdup_printf (_("its memory map could not be read (%s)"), error->message);
      return FALSE;
    }

  lines = g_strsplit (maps, "\n", -1);
  for (i = 0; lines[i]; i++)
    {
      guint64 start, end, offset, value, size;
      char perms[5];
      const char *path;
      g_autofree char *base = NULL;
      gboolean relocatable;
      g_autoptr(GError) sym_error = NULL;
      int consumed = 0;

      if (sscanf (lines[i], "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x %4s %" G_GINT64_MODIFIER "x %*s %*s %n",
                  &start, &end, perms, &offset, &consumed) < 4 || consumed == 0)
        continue;
      path = lines[i] + consumed;
      while (*path == ' ')
        path++;
      /* The first mapping of a file (offset 0) is its load base. */
      if (path[0] != '/' || offset != 0)
        continue;
      base = g_path_get_basename (path);
      if (!g_str_has_prefix (base, "python") && !g_str_has_prefix (base, "libpython"))
        continue;
      if (strstr (tried->str, path))
        continue;
      g_string_append_printf (tried, "%s%s", tried->len ? ", " : "", path);
      if (!fl_elf_find_dynamic_symbol (path, "_PyRuntime", &value, &size, &relocatable, &sym_error))
        continue;
      range->start = (relocatable ? start : 0) + value;
      range->end = range->start + MAX (size, 1);
      g_strfreev (lines);
      return TRUE;
    }
  g_strfreev (lines);
  if (tried->len == 0)
    *why = g_strdup (_("no python executable or libpython is mapped into it"));
  else
    *why = g_strdup_printf (_("%s exports no _PyRuntime symbol"), tried->str);
  return FALSE;
}
