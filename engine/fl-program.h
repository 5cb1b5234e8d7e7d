/* fl-program.h — a Python program to observe, and how it is observed
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An FlProgram is a Python file (a path, or the id of one of Forkline's
 * examples), its arguments and the interpreter that runs it.  A run of
 * it (fl_run_new_for_program()) starts the interpreter as the run's main
 * process with Forkline's probe on PYTHONPATH, and an FlProgramWatch
 * follows the program's process tree: every thread of every process
 * becomes a lane; the probe's reports name them and tie output lines to
 * the thread that wrote them.  Thread states come from the sampler
 * (fl_sampler_set_classify()).
 */

#pragma once

#include <gio/gio.h>

#include "fl-scenario.h"
#include "fl-store.h"

G_BEGIN_DECLS

#define FL_PROGRAM_ERROR (fl_program_error_quark ())
typedef enum
{
  FL_PROGRAM_ERROR_FILE,         /* the program cannot be read */
  FL_PROGRAM_ERROR_INTERPRETER,  /* no interpreter, or not a Python one */
  FL_PROGRAM_ERROR_PROBE,        /* Forkline's probe module is missing */
} FlProgramError;

GQuark fl_program_error_quark (void);

/* Lanes an observed program may have; threads and processes past it are
 * counted, not drawn. */
#define FL_PROGRAM_MAX_LANES FL_MAX_WORKERS

typedef struct
{
  char *id;           /* "py-numbers-letters" */
  char *title;
  char *description;
  char *path;
} FlProgramExample;

void              fl_program_example_free   (FlProgramExample *example);

#define FL_TYPE_PROGRAM (fl_program_get_type ())
G_DECLARE_FINAL_TYPE (FlProgram, fl_program, FL, PROGRAM, GObject)

/* @file: a path, or an example's id.  @interpreter: NULL to look for
 * one (FORKLINE_PYTHON, then python3 and python on PATH).  The file is
 * read and the interpreter asked for its version: errors say which. */
FlProgram        *fl_program_new            (const char          *file,
                                             const char * const  *args,
                                             const char          *interpreter,
                                             GError             **error);
/* The program @text, as an editor holds it, under the name @display_path
 * (which need not exist, nor hold @text): a run copies the text to a
 * private file (0600, in the run's own temporary folder, removed when the
 * run ends) that runs with @display_path's folder first on sys.path, and
 * @display_path as __file__, sys.argv[0] and in tracebacks. */
FlProgram        *fl_program_new_for_text   (const char          *display_path,
                                             const char          *text,
                                             const char * const  *args,
                                             const char          *interpreter,
                                             GError             **error);
/* A program as a saved run remembers it; nothing is checked or run. */
FlProgram        *fl_program_new_replayed   (const char          *path,
                                             const char          *text,
                                             const char * const  *args,
                                             const char          *interpreter,
                                             const char          *python_version);

const char       *fl_program_get_path       (FlProgram *self);
const char       *fl_program_get_text       (FlProgram *self);
const char * const *fl_program_get_args     (FlProgram *self);
const char       *fl_program_get_interpreter(FlProgram *self);
const char       *fl_program_get_python_version (FlProgram *self);
/* The example's id, or NULL for a file of the user's. */
const char       *fl_program_get_example_id (FlProgram *self);
/* The scenario the run reports under: Verdict=program, one mode. */
FlScenario       *fl_program_get_scenario   (FlProgram *self);

/* Forkline's python folder (probe/ and examples/); NULL with an error
 * naming the places tried. */
char             *fl_program_find_data_dir  (GError   **error);
/* Forkline's examples, sorted by id (of FlProgramExample*). */
GPtrArray        *fl_program_list_examples  (void);
/* The interpreter to use: @requested, or one found; NULL with an error
 * saying what was looked for. */
char             *fl_program_find_interpreter (const char *requested,
                                               GError    **error);

/* ---- interpreters and the user's programs ---------------------------- */

/* A Python 3 interpreter found or checked: @path as given or found (not
 * resolved), @version as it says ("3.11.2"). */
typedef struct
{
  char *path;
  char *version;
} FlInterpreter;

#define FL_TYPE_INTERPRETER (fl_interpreter_get_type ())
GType             fl_interpreter_get_type   (void) G_GNUC_CONST;
void              fl_interpreter_free       (FlInterpreter *interpreter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlInterpreter, fl_interpreter_free)

/* python3, python3.N and python in PATH's folders, /usr/bin and
 * /usr/local/bin, one per file they resolve to, each asked for its
 * version (a few seconds at most each): blocks, call it in a thread.
 * Of FlInterpreter*, in the order found. */
GPtrArray        *fl_program_list_interpreters (void);
/* @path (or a name on PATH) exists, is executable and is a Python 3;
 * NULL with an error saying which of these fails.  Blocks up to a few
 * seconds. */
FlInterpreter    *fl_program_check_interpreter (const char  *path,
                                                GError     **error);

/* $XDG_DATA_HOME/forkline/python: the user's own programs. */
char             *fl_program_user_dir       (void);
/* The .py files in fl_program_user_dir(), sorted by title: id NULL,
 * title from a "# forkline-title:" line or the file's name, description
 * from "# forkline-description:" or NULL. */
GPtrArray        *fl_program_list_user_programs (void);

/* ---- observing a run of it (used by FlRun) ---------------------------- */

typedef struct _FlProgramWatch FlProgramWatch;
typedef struct _FlSampler FlSampler;

FlProgramWatch   *fl_program_watch_new      (FlProgram      *program,
                                             GError        **error);
void              fl_program_watch_free     (FlProgramWatch *watch);
/* Starts the main process (own process group, parent-death signal);
 * @t0 is the store's time origin, taken just before. */
gboolean          fl_program_watch_spawn    (FlProgramWatch *watch,
                                             gint64         *t0,
                                             int            *pid,
                                             GError        **error);
void              fl_program_watch_set_store (FlProgramWatch *watch,
                                              FlStore        *store);
void              fl_program_watch_set_sampler (FlProgramWatch *watch,
                                                FlSampler      *sampler);
/* Reads the probe and the program's output, follows its processes and
 * threads; TRUE if output lines were added. */
gboolean          fl_program_watch_poll     (FlProgramWatch *watch);
/* Reaps the program's processes that are the observer's children
 * (orphans handed to the subreaper) besides the main process. */
void              fl_program_watch_reap     (FlProgramWatch *watch);
/* The observer reaped @pid with @status at @t. */
void              fl_program_watch_reaped   (FlProgramWatch *watch,
                                             int             pid,
                                             int             status,
                                             gint64          t);
/* SIGKILL to every process of the program still there. */
void              fl_program_watch_kill_all (FlProgramWatch *watch,
                                             gboolean        leftovers);
/* Every process of the program seen is gone. */
gboolean          fl_program_watch_all_gone (FlProgramWatch *watch);
/* Ends every lane still open at @t; the run was @stopped. */
void              fl_program_watch_finish   (FlProgramWatch *watch,
                                             gint64          t,
                                             gboolean        stopped);
/* What the run says once (limits met, what could not be observed). */
GPtrArray        *fl_program_watch_dup_notes(FlProgramWatch *watch);

G_END_DECLS
