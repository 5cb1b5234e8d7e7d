/* fl-program-editor.h — a Python program's source, to read, edit and save
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Files larger than this are refused when opened: the editor stays
 * responsive up to it. */
#define FL_PROGRAM_EDITOR_MAX_BYTES ((gsize) 2 * 1024 * 1024)

#define FL_PROGRAM_EDITOR_ERROR (fl_program_editor_error_quark ())
typedef enum
{
  FL_PROGRAM_EDITOR_ERROR_NOT_FILE,   /* a folder, device, … */
  FL_PROGRAM_EDITOR_ERROR_TOO_BIG,
  FL_PROGRAM_EDITOR_ERROR_NOT_TEXT,   /* not UTF-8, or a NUL byte */
} FlProgramEditorError;

GQuark fl_program_editor_error_quark (void);

#define FL_TYPE_PROGRAM_EDITOR (fl_program_editor_get_type ())
G_DECLARE_FINAL_TYPE (FlProgramEditor, fl_program_editor, FL, PROGRAM_EDITOR, AdwBin)

GtkWidget  *fl_program_editor_new            (void);
/* Reads @path (at most FL_PROGRAM_EDITOR_MAX_BYTES of UTF-8 text) and
 * shows it; an example is read-only until saved elsewhere.  On error
 * nothing changes. */
gboolean    fl_program_editor_load           (FlProgramEditor *self,
                                              const char      *path,
                                              gboolean         is_example,
                                              GError         **error);
/* Forgets the file: the editor is empty. */
void        fl_program_editor_clear          (FlProgramEditor *self);
const char *fl_program_editor_get_path       (FlProgramEditor *self);
gboolean    fl_program_editor_get_is_example (FlProgramEditor *self);
/* The text not yet saved. */
gboolean    fl_program_editor_get_modified   (FlProgramEditor *self);
/* The text as it is in the editor (valid until it changes); NULL
 * without a file. */
const char *fl_program_editor_get_text       (FlProgramEditor *self);
/* Writes the text to the file (not for an example), safely: a temporary
 * file renamed over it. */
gboolean    fl_program_editor_save           (FlProgramEditor *self,
                                              GError         **error);
/* Writes the text to @path, which becomes the editor's file (editable). */
gboolean    fl_program_editor_save_as        (FlProgramEditor *self,
                                              const char      *path,
                                              GError         **error);
/* Selects lines @first..@last (1-based) and scrolls to them. */
void        fl_program_editor_select_lines   (FlProgramEditor *self,
                                              guint            first,
                                              guint            last);
/* The selected lines (1-based); FALSE when nothing is selected. */
gboolean    fl_program_editor_get_selection  (FlProgramEditor *self,
                                              guint           *first,
                                              guint           *last);
/* The file changed or went away on disk since it was read or saved. */
gboolean    fl_program_editor_get_changed_on_disk (FlProgramEditor *self);
/* Reads the file again, dropping the editor's changes. */
gboolean    fl_program_editor_reload         (FlProgramEditor *self,
                                              GError         **error);
GtkWidget  *fl_program_editor_get_view       (FlProgramEditor *self);

G_END_DECLS
