/* fl-window-actions.c — the window's actions and their shortcuts
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * app.quit lives in FlApplication; app.about, app.preferences and
 * win.show-help-overlay are left to the desktop-integration work.
 */

#define G_LOG_DOMAIN "fl-window"

#include "config.h"

#include "fl-window-private.h"

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  FlWindow *self = FL_WINDOW (widget);

  /* On the comparison page, Run runs the comparison again. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "compare") == 0)
    fl_window_compare (self);
  else
    fl_window_run (self);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  fl_window_stop (FL_WINDOW (widget));
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  fl_window_compare (FL_WINDOW (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FlWindow *self = FL_WINDOW (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  fl_gallery_focus_search (self->gallery);
}

static void
reset_settings_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  fl_run_controls_reset (FL_WINDOW (widget)->controls);
}

static void
toggle_settings_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  FlWindow *self = FL_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

void
fl_window_go_back (FlWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "compare") == 0)
    {
      fl_compare_view_stop (self->compare_view);
      gtk_stack_set_visible_child_name (self->main_stack, self->scenario ? "scenario" : "empty");
    }
  else if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  fl_window_go_back (FL_WINDOW (widget));
}

void
fl_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.reset-settings", NULL, reset_settings_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-settings", NULL, toggle_settings_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.stop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.compare", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.compare", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-settings", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
}

void
fl_window_update_actions (FlWindow *self)
{
  gboolean running = fl_window_is_running (self);
  gboolean has_scenario = self->scenario != NULL;
  gboolean comparing = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "compare") == 0;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run", has_scenario && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare", has_scenario && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset-settings", has_scenario && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-settings", has_scenario && !comparing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", comparing || folded);
  gtk_widget_set_visible (self->back_button, comparing || folded);
  gtk_widget_set_visible (self->settings_button, !comparing);
  gtk_widget_set_visible (self->compare_button, !comparing);
}
