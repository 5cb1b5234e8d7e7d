/* fl-syscall-state.h — a blocked thread's state from its system call
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * /proc/PID/task/TID/syscall says which system call a blocked thread is
 * in and with which arguments.  The call tells sleeping from I/O from a
 * wait for a child; a futex is a wait for CPython's GIL when its address
 * lies inside the interpreter's _PyRuntime object (found in the dynamic
 * symbol table of the python executable or of libpython), and a wait for
 * a lock or a condition otherwise.
 */

#pragma once

#include <glib.h>

#include "fl-types.h"

G_BEGIN_DECLS

/* The address range of one process's _PyRuntime; empty (start == end)
 * when it is not known, and then no futex counts as the GIL. */
typedef struct
{
  guint64 start;
  guint64 end;
} FlGilRange;

/* What the syscall file said. */
typedef enum
{
  FL_SYSCALL_RUNNING,   /* "running": on a CPU or about to be */
  FL_SYSCALL_BLOCKED,   /* in a system call: nr and arg0 are valid */
  FL_SYSCALL_USER,      /* "-1 …": blocked outside a system call */
  FL_SYSCALL_INVALID,
} FlSyscallLine;

/* Parses "nr arg0 … sp pc", "-1 sp pc" or "running". */
FlSyscallLine fl_syscall_parse        (const char       *buf,
                                       gsize             len,
                                       long             *nr,
                                       guint64          *arg0);
/* The state of a thread blocked in system call @nr with first argument
 * @arg0; @reason says why (FL_REASON_SLEEP, _READ, _LOCK, _GIL, _JOIN,
 * or NONE for a call not known to block).  Calls not in the table give
 * FL_STATE_BLOCKED. */
FlState       fl_syscall_classify     (long              nr,
                                       guint64           arg0,
                                       const FlGilRange *gil,
                                       FlReason         *reason);

/* The value and size of the dynamic symbol @name in the ELF file @path,
 * and whether the file is position-independent (ET_DYN), from its
 * .dynsym section; FALSE with an error saying what was wrong. */
gboolean      fl_elf_find_dynamic_symbol (const char   *path,
                                          const char   *name,
                                          guint64      *value,
                                          guint64      *size,
                                          gboolean     *relocatable,
                                          GError      **error);

/* The range of _PyRuntime in process @pid: from /proc/PID/maps, the
 * mapped python executable or libpython that exports it, its load base
 * and its dynamic symbol table.  FALSE with a sentence saying why not. */
gboolean      fl_python_find_runtime  (int           pid,
                                       FlGilRange   *range,
                                       char        **why);

G_END_DECLS
