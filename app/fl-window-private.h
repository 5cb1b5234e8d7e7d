/* fl-window-private.h — what fl-window.c and fl-window-actions.c share
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fl-application.h"
#include "fl-compare-view.h"
#include "fl-gallery.h"
#include "fl-output-view.h"
#include "fl-program-controls.h"
#include "fl-program-editor.h"
#include "fl-run-controls.h"
#include "fl-time-axis.h"
#include "fl-window.h"

G_BEGIN_DECLS

struct _FlWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  FlGallery            *gallery;
  GtkWidget            *back_button;
  GtkWidget            *run_button;
  GtkWidget            *stop_button;
  GtkWidget            *settings_button;
  GtkWidget            *gallery_button;
  GtkWidget            *sidebar_separator;
  GtkWidget            *description_box;
  GtkWidget            *look_for_card;
  GtkWidget            *info_box;
  GtkWidget            *compare_button;
  GtkMenuButton        *menu_button;
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwFlap              *flap;
  FlRunControls        *controls;
  GtkLabel             *description_label;
  GtkToggleButton      *more_button;
  GtkLabel             *look_for_label;
  GtkWidget            *verdict_box;
  GtkStack             *verdict_icon_stack;
  GtkImage             *verdict_icon;
  GtkSpinner           *verdict_spinner;
  GtkLabel             *verdict_title;
  GtkLabel             *verdict_label;
  GtkPaned             *paned;
  GtkStack             *timeline_stack;
  GtkBox               *timeline_slot;
  GtkBox               *cpu_slot;      /* for the CPU chart: hidden while empty */
  GtkBox               *memory_slot;   /* for the memory diagram: hidden while empty */
  FlOutputView         *output_view;
  FlCompareView        *compare_view;
  FlProgramEditor      *editor;        /* beside the timeline, for a Python program */
  GtkPaned             *source_paned;  /* the editor | the run's views */

  /* state */
  FlTimeAxis           *axis;          /* the run's time, shared by the views that draw it */
  GtkWidget            *timeline;      /* NULL without ui/ */
  GtkWidget            *cpu_chart;     /* FlCpuChart, in cpu_slot, on the window's axis */
  GtkWidget            *memory_view;   /* FlMemoryDiagram, in memory_slot */
  GtkWidget            *memory_more;   /* "↓ N more address spaces" over it */
  FlScenario           *scenario;
  GSettings            *settings;      /* the application's */
  FlRun                *run;           /* the current or last run */
  GSignalGroup         *run_signals;   /* "finished" of run */
  char                 *verdict;
  guint                 elapsed_id;
  gint64                started_us;
  gboolean              narrow;        /* run settings fold over the content */
  gboolean              paned_placed;
  gboolean              presentation;      /* fullscreen, only the run and its verdict */
  gboolean              explanation_visible;
  gboolean              gallery_visible;
  gboolean              gallery_before;    /* gallery_visible before presentation mode */
  gboolean              explanation_before;
  double                zoom;              /* GSettings "zoom" */
  GtkCssProvider       *zoom_css;
  gboolean              program_mode;  /* a Python program is open in the editor */
  gboolean              close_confirmed; /* unsaved edits were saved or given up */
  gboolean              editor_placed;   /* the user moved the editor's divider */
  gboolean              placing_editor;
  int                   editor_position; /* the divider's place we set last */
  FlProgramControls    *program_controls; /* in the settings panel, for a program */
  guint                 program_text_id;  /* the editor's text, to the controls: debounced */
  char                 *controls_path;    /* the program the controls were set for */
  char                 *preset_id;        /* the program's matching preset, or NULL */
  char                 *no_interpreter;   /* why no program can run (no Python), or NULL */
  gboolean              syncing_gallery;  /* the window selects the gallery's row itself */
  gboolean              compare_emulation; /* the comparison shown is CPython vs its preset */
  GCancellable         *cancellable;   /* cancelled when the window closes: what it loads,
                                        * saves or exports then reports to nobody */
};

/* fl-window.c: the window's layout */
void fl_window_set_presentation        (FlWindow       *self,
                                        gboolean        presentation);
void fl_window_set_explanation_visible (FlWindow       *self,
                                        gboolean        visible);
void fl_window_set_gallery_visible     (FlWindow       *self,
                                        gboolean        visible);
void fl_window_set_zoom                (FlWindow       *self,
                                        double          zoom);

/* fl-window.c: the Python program beside its emulated preset, on the
 * Compare page; FALSE when no program with a preset is open. */
gboolean fl_window_compare_emulation (FlWindow *self);

/* fl-window-actions.c */
/* The one way the window's parts say something in passing: a toast of
 * 6 s; nothing once the window has closed. */
void fl_window_toast             (FlWindow       *self,
                                  const char     *message);

void fl_window_class_add_actions (GtkWidgetClass *widget_class);
void fl_window_update_actions    (FlWindow       *self);
void fl_window_go_back           (FlWindow       *self);

/* fl-window.c: the preferred defaults (mode, workers, switch interval) put
 * into the run settings; @key, one of those keys, or NULL for all. */
void fl_window_apply_defaults    (FlWindow       *self,
                                  const char     *key);

/* fl-window.c: the Python program in the editor (for the export) */
/* The lines selected in the program's source (1-based); FALSE when no
 * program is open or nothing is selected. */
gboolean    fl_window_get_source_selection (FlWindow   *self,
                                            guint      *first_line,
                                            guint      *last_line);
/* The program's text as it is in the editor (what Run runs); NULL when
 * no program is open. */
const char *fl_window_get_program_text     (FlWindow   *self);
FlProgramEditor *fl_window_get_program_editor (FlWindow *self);
/* Opens @path in the editor as the window's program (after asking about
 * unsaved changes); an example is read-only.  FALSE with @error when the
 * file cannot be opened (nothing changes then). */
gboolean    fl_window_open_program_now     (FlWindow   *self,
                                            const char *path,
                                            gboolean    is_example,
                                            GError    **error);
/* Runs @cont once the editor's unsaved changes are saved or discarded;
 * never when the user cancels. */
typedef void (*FlWindowThen) (FlWindow *self,
                              gpointer  data);
void        fl_window_confirm_unsaved      (FlWindow      *self,
                                            FlWindowThen   then,
                                            gpointer       data,
                                            GDestroyNotify destroy);
/* Save As for the program (a file chooser); @then after a save. */
void        fl_window_save_program_as      (FlWindow      *self,
                                            FlWindowThen   then,
                                            gpointer       data,
                                            GDestroyNotify destroy);

G_END_DECLS
