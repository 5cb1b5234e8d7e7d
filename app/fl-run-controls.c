/* fl-run-controls.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mode list holds only the modes the scenario allows, so a choice the
 * engine would refuse cannot be made; the parameter rows are built from
 * the scenario file, one per [Param …] group.
 */

#define G_LOG_DOMAIN "fl-run-controls"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "fl-enum-types.h"
#include "fl-format.h"
#include "fl-run-controls.h"

#define DEFAULT_SWITCH_INTERVAL_MS 5.0

struct _FlRunControls
{
  AdwBin               parent_instance;

  AdwComboRow         *mode_row;
  AdwActionRow        *workers_row;
  GtkSpinButton       *workers_spin;
  GtkAdjustment       *workers_adjustment;
  GtkSwitch           *gil_switch;
  AdwActionRow        *gil_row;
  AdwActionRow        *interval_row;
  GtkSpinButton       *interval_spin;
  AdwPreferencesGroup *params_group;

  FlScenario          *scenario;
  FlMode               modes[FL_N_MODES];   /* the mode row's items */
  guint                n_modes;
  FlMode               mode;                /* as last notified */
  GPtrArray           *param_rows;          /* of AdwActionRow, in the scenario's order */
  GPtrArray           *param_widgets;       /* of GtkSpinButton or GtkSwitch */
  guint                freeze;              /* while set programmatically: no "changed" */
};

G_DEFINE_FINAL_TYPE (FlRunControls, fl_run_controls, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
emit_changed (FlRunControls *self)
{
  if (self->freeze == 0)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* "mode" says a change of the mode chosen, once it is settled. */
static void
sync_mode (FlRunControls *self)
{
  FlMode mode = fl_run_controls_get_mode (self);

  if (self->freeze > 0 || mode == self->mode)
    return;
  self->mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

static void
on_changed (FlRunControls *self)
{
  emit_changed (self);
}

/* The GIL only ever holds back threads of one process: in the process
 * modes every worker is a process of its own with one thread, so the
 * switch is shown as what it is there, inert. */
static void
update_gil_rows (FlRunControls *self)
{
  gboolean threads = fl_run_controls_get_mode (self) == FL_MODE_THREADS;

  gtk_widget_set_sensitive (GTK_WIDGET (self->gil_row), threads);
  gtk_widget_set_sensitive (GTK_WIDGET (self->interval_row), threads && gtk_switch_get_active (self->gil_switch));
  adw_action_row_set_subtitle (self->gil_row,
                               threads ? ""
                                       : _("No effect in this mode: each process has a GIL of its own, "
                                           "and one thread to take it"));
}

static void
on_mode_changed (FlRunControls *self)
{
  update_gil_rows (self);
  sync_mode (self);
  emit_changed (self);
}

/* After rows set by a call: the GIL rows, then "mode" and "changed"
 * once, when no outer call is still setting them. */
static void
thaw (FlRunControls *self)
{
  self->freeze--;
  update_gil_rows (self);
  sync_mode (self);
  emit_changed (self);
}

static void
on_reset_clicked (FlRunControls *self)
{
  fl_run_controls_reset (self);
}

/* ---- parameter rows ------------------------------------------------------ */

static void
clear_param_rows (FlRunControls *self)
{
  guint i;

  for (i = 0; i < self->param_rows->len; i++)
    adw_preferences_group_remove (self->params_group, g_ptr_array_index (self->param_rows, i));
  g_ptr_array_set_size (self->param_rows, 0);
  g_ptr_array_set_size (self->param_widgets, 0);
}

static void
add_param_row (FlRunControls *self,
               const FlParam *param)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *widget;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), param->label ? param->label : param->name);
  if (param->description != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), param->description);

  if (param->type == FL_PARAM_BOOL)
    {
      widget = gtk_switch_new ();
      g_signal_connect_swapped (widget, "notify::active", G_CALLBACK (on_changed), self);
    }
  else
    {
      gboolean is_int = param->type == FL_PARAM_INT;
      double step = is_int ? 1 : MAX ((param->max - param->min) / 100, 0.01);

      widget = gtk_spin_button_new_with_range (param->min, param->max, step);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (widget), is_int ? 0 : 2);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (widget), TRUE);
      g_signal_connect_swapped (widget, "value-changed", G_CALLBACK (on_changed), self);
    }
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), widget);
  adw_preferences_group_add (self->params_group, row);

  g_ptr_array_add (self->param_rows, row);
  g_ptr_array_add (self->param_widgets, widget);
}

static void
set_param_value (FlRunControls *self,
                 guint          index,
                 double         value)
{
  GtkWidget *widget = g_ptr_array_index (self->param_widgets, index);

  if (GTK_IS_SWITCH (widget))
    gtk_switch_set_active (GTK_SWITCH (widget), value != 0);
  else
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), value);
}

static char *
format_param (const FlParam *param,
              GtkWidget     *widget)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (GTK_IS_SWITCH (widget))
    return g_strdup_printf ("%s=%s", param->name, gtk_switch_get_active (GTK_SWITCH (widget)) ? "true" : "false");
  if (param->type == FL_PARAM_INT)
    return g_strdup_printf ("%s=%d", param->name, gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (widget)));
  return g_strdup_printf ("%s=%s", param->name,
                          g_ascii_formatd (buf, sizeof buf, "%.6g", gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget))));
}

/* ---- object -------------------------------------------------------------- */

static void
fl_run_controls_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FlRunControls *self = FL_RUN_CONTROLS (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, fl_run_controls_get_mode (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_run_controls_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FlRunControls *self = FL_RUN_CONTROLS (object);

  switch (prop_id)
    {
    case PROP_MODE:
      fl_run_controls_set_mode (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fl_run_controls_dispose (GObject *object)
{
  FlRunControls *self = (FlRunControls *) object;

  g_clear_object (&self->scenario);
  gtk_widget_dispose_template (GTK_WIDGET (self), FL_TYPE_RUN_CONTROLS);

  G_OBJECT_CLASS (fl_run_controls_parent_class)->dispose (object);
}

static void
fl_run_controls_finalize (GObject *object)
{
  FlRunControls *self = (FlRunControls *) object;

  g_clear_pointer (&self->param_rows, g_ptr_array_unref);
  g_clear_pointer (&self->param_widgets, g_ptr_array_unref);

  G_OBJECT_CLASS (fl_run_controls_parent_class)->finalize (object);
}

static void
fl_run_controls_class_init (FlRunControlsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fl_run_controls_get_property;
  object_class->set_property = fl_run_controls_set_property;
  object_class->dispose = fl_run_controls_dispose;
  object_class->finalize = fl_run_controls_finalize;

  /**
   * FlRunControls:mode:
   *
   * How the workers run: only a mode the scenario allows can be set (any
   * other is ignored); with no scenario, threads.
   */
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, FL_TYPE_MODE, FL_MODE_THREADS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FlRunControls::changed:
   *
   * A setting changed, by the user or by a call.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/forkline/Forkline/ui/fl-run-controls.ui");
  gtk_widget_class_bind_template_child (widget_class, FlRunControls, mode_row);
  gtk_widget_class_bind_template_child (widget_class, FlRunControls, workers_row);
  gtk_widget_class_bind_template_child (widget_class, FlRunControls, workers_spin);
  gtk_widget_class_bind_template_child (widget_class, FlRunControls, workers_adjustment);
  gtk_widget_class_bind_template_child (widget_class, FlRunControls, gil_switch);
  gtk_widget_class_bind_template_child (widget_class, FlRunControls, gil_row);
  gtk_widget_class_bind_template_child (widget_class, FlRunControls, interval_row);
  gtk_widget_class_bind_template_child (widget_class, FlRunControls, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, FlRunControls, params_group);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
}

static void
fl_run_controls_init (FlRunControls *self)
{
  self->mode = FL_MODE_THREADS;
  self->param_rows = g_ptr_array_new ();
  self->param_widgets = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->params_group), FALSE);
}

GtkWidget *
fl_run_controls_new (void)
{
  return g_object_new (FL_TYPE_RUN_CONTROLS, NULL);
}

void
fl_run_controls_set_scenario (FlRunControls *self,
                              FlScenario    *scenario)
{
  g_autoptr(GtkStringList) modes = NULL;
  g_autofree char *range = NULL;
  guint min, max, n, i;

  g_return_if_fail (FL_IS_RUN_CONTROLS (self));
  g_return_if_fail (scenario == NULL || FL_IS_SCENARIO (scenario));

  self->freeze++;
  g_set_object (&self->scenario, scenario);
  clear_param_rows (self);

  modes = gtk_string_list_new (NULL);
  self->n_modes = 0;
  for (i = 0; scenario != NULL && i < FL_N_MODES; i++)
    if (fl_scenario_allows_mode (scenario, (FlMode) i))
      {
        self->modes[self->n_modes++] = (FlMode) i;
        gtk_string_list_append (modes, fl_mode_get_label ((FlMode) i));
      }
  adw_combo_row_set_model (self->mode_row, G_LIST_MODEL (modes));
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_row), self->n_modes > 1);

  if (scenario != NULL)
    {
      min = MAX (1, fl_scenario_get_min_workers (scenario));
      max = MAX (min, MIN (FL_MAX_WORKERS, fl_scenario_get_max_workers (scenario)));
      gtk_adjustment_set_lower (self->workers_adjustment, min);
      gtk_adjustment_set_upper (self->workers_adjustment, max);
      gtk_widget_set_sensitive (GTK_WIDGET (self->workers_row), min < max);
      range = g_strdup_printf (_("From %u to %u"), min, max);
      adw_action_row_set_subtitle (self->workers_row, range);

      n = fl_scenario_get_n_params (scenario);
      for (i = 0; i < n; i++)
        add_param_row (self, fl_scenario_get_param (scenario, i));
      gtk_widget_set_visible (GTK_WIDGET (self->params_group), n > 0);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->params_group), FALSE);

  fl_run_controls_reset (self);
  thaw (self);
}

FlScenario *
fl_run_controls_get_scenario (FlRunControls *self)
{
  g_return_val_if_fail (FL_IS_RUN_CONTROLS (self), NULL);
  return self->scenario;
}

void
fl_run_controls_reset (FlRunControls *self)
{
  guint i;

  g_return_if_fail (FL_IS_RUN_CONTROLS (self));

  if (self->scenario == NULL)
    return;

  self->freeze++;
  adw_combo_row_set_selected (self->mode_row, 0);
  fl_run_controls_set_mode (self, fl_scenario_get_default_mode (self->scenario));
  gtk_spin_button_set_value (self->workers_spin, fl_scenario_get_default_workers (self->scenario));
  gtk_switch_set_active (self->gil_switch, fl_scenario_get_default_gil (self->scenario));
  gtk_spin_button_set_value (self->interval_spin, DEFAULT_SWITCH_INTERVAL_MS);
  for (i = 0; i < self->param_widgets->len; i++)
    set_param_value (self, i, fl_scenario_get_param (self->scenario, i)->default_value);
  thaw (self);
}

void
fl_run_controls_apply_options (FlRunControls      *self,
                               const FlRunOptions *options)
{
  guint i;

  g_return_if_fail (FL_IS_RUN_CONTROLS (self));
  g_return_if_fail (options != NULL);

  if (self->scenario == NULL)
    return;

  self->freeze++;
  fl_run_controls_set_mode (self, options->mode);
  if (options->workers > 0)
    gtk_spin_button_set_value (self->workers_spin, options->workers);
  if (options->gil >= 0)
    gtk_switch_set_active (self->gil_switch, options->gil != 0);
  if (options->switch_interval_ms > 0)
    gtk_spin_button_set_value (self->interval_spin, options->switch_interval_ms);

  for (i = 0; options->params != NULL && options->params[i] != NULL; i++)
    {
      const char *eq = strchr (options->params[i], '=');
      g_autofree char *name = NULL;
      guint j;

      if (eq == NULL)
        continue;
      name = g_strndup (options->params[i], (gsize) (eq - options->params[i]));
      for (j = 0; j < self->param_widgets->len; j++)
        {
          const FlParam *param = fl_scenario_get_param (self->scenario, j);
          double value;

          if (g_str_equal (param->name, name) &&
              fl_param_parse_value (param, eq + 1, &value, NULL))
            set_param_value (self, j, value);
        }
    }
  thaw (self);
}

void
fl_run_controls_get_options (FlRunControls *self,
                             FlRunOptions  *options,
                             GStrv         *params)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint i;

  g_return_if_fail (FL_IS_RUN_CONTROLS (self));
  g_return_if_fail (self->scenario != NULL);
  g_return_if_fail (options != NULL && params != NULL);

  fl_run_options_init (options, self->scenario);
  options->mode = fl_run_controls_get_mode (self);
  options->workers = fl_run_controls_get_workers (self);
  options->gil = fl_run_controls_get_gil (self) ? 1 : 0;
  options->switch_interval_ms = gtk_spin_button_get_value (self->interval_spin);

  for (i = 0; i < self->param_widgets->len; i++)
    {
      g_autofree char *param = format_param (fl_scenario_get_param (self->scenario, i),
                                             g_ptr_array_index (self->param_widgets, i));
      g_strv_builder_add (builder, param);
    }
  *params = g_strv_builder_end (builder);
  options->params = (const char * const *) *params;
}

/* Selects @mode when the scenario allows it; FALSE (nothing changed)
 * when it does not. */
gboolean
fl_run_controls_set_mode (FlRunControls *self,
                          FlMode         mode)
{
  guint i;

  g_return_val_if_fail (FL_IS_RUN_CONTROLS (self), FALSE);

  for (i = 0; i < self->n_modes; i++)
    if (self->modes[i] == mode)
      {
        adw_combo_row_set_selected (self->mode_row, i);
        return TRUE;
      }
  return FALSE;
}

FlMode
fl_run_controls_get_mode (FlRunControls *self)
{
  guint selected;

  g_return_val_if_fail (FL_IS_RUN_CONTROLS (self), FL_MODE_THREADS);

  selected = adw_combo_row_get_selected (self->mode_row);
  if (selected >= self->n_modes)
    return self->scenario ? fl_scenario_get_default_mode (self->scenario) : FL_MODE_THREADS;
  return self->modes[selected];
}

guint
fl_run_controls_get_workers (FlRunControls *self)
{
  g_return_val_if_fail (FL_IS_RUN_CONTROLS (self), 1);
  return (guint) gtk_spin_button_get_value_as_int (self->workers_spin);
}

gboolean
fl_run_controls_get_gil (FlRunControls *self)
{
  g_return_val_if_fail (FL_IS_RUN_CONTROLS (self), FALSE);
  return gtk_switch_get_active (self->gil_switch);
}
