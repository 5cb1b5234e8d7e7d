/* fl-output-view.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lines reach the store in the order their lanes are drained, not in the
 * order they were printed: the console gathers the indices the run
 * announces and, once per main-loop turn, inserts them by time.  While
 * the view is scrolled to the end it stays there.
 */

#define G_LOG_DOMAIN "fl-output-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "fl-format.h"
#include "fl-output-item.h"
#include "fl-output-view.h"
#include "fl-store.h"
#include "fl-theme.h"

#define N_WORKER_COLORS FL_THEME_MAX_WORKER_COLORS

struct _FlOutputView
{
  AdwBin       parent_instance;

  GtkLabel    *count_label;
  GtkStack    *stack;
  GtkScrolledWindow *scroller;
  GtkListView *list_view;

  GListStore  *lines;
  FlRun       *run;
  GSignalGroup *run_signals;   /* "output" and "finished" of run */
  GArray      *pending;        /* of guint: output indices not yet shown */
  guint        flush_id;
  gboolean     stick_to_end;
};

G_DEFINE_FINAL_TYPE (FlOutputView, fl_output_view, ADW_TYPE_BIN)

static void
update_count (FlOutputView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  g_autofree char *text = NULL;

  if (n > 0)
    text = g_strdup_printf (ngettext ("%u line", "%u lines", n), n);
  gtk_label_set_label (self->count_label, text ? text : "");
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "lines" : "empty");
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  FlOutputItem *ia = *(FlOutputItem **) a;
  FlOutputItem *ib = *(FlOutputItem **) b;
  gint64 ta = fl_output_item_get_t (ia), tb = fl_output_item_get_t (ib);

  if (ta != tb)
    return ta < tb ? -1 : 1;
  return (int) fl_output_item_get_lane (ia) - (int) fl_output_item_get_lane (ib);
}

/* The lane's colour, as the timeline and the CPU chart give it. */
static int
worker_color (const FlLaneInfo *info)
{
  if (info == NULL)
    return -1;
  return (int) (info->id % N_WORKER_COLORS);
}

/* .worker-chip.worker-N from the pictures' theme, so that a worker has
 * one colour everywhere: the dark theme's shades under a dark style, as
 * the pictures beside the list use then. */
static void
load_worker_colors (GtkCssProvider *provider,
                    gboolean        dark)
{
  g_autoptr(FlTheme) theme = dark ? fl_theme_new_dark () : fl_theme_new_light ();
  g_autoptr(GString) css = g_string_new (NULL);
  guint i;

  for (i = 0; i < N_WORKER_COLORS; i++)
    {
      const FlColor *c = fl_theme_get_worker_color (theme, i);

      g_string_append_printf (css, ".worker-chip.worker-%u { background-color: rgb(%d,%d,%d); }\n",
                              i, (int) (c->red * 255 + 0.5), (int) (c->green * 255 + 0.5),
                              (int) (c->blue * 255 + 0.5));
    }
  gtk_css_provider_load_from_data (provider, css->str, (gssize) css->len);
}

static void
on_dark_changed (AdwStyleManager *manager,
                 GParamSpec      *pspec,
                 GtkCssProvider  *provider)
{
  load_worker_colors (provider, adw_style_manager_get_dark (manager));
}

static void
install_worker_colors (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  AdwStyleManager *manager;
  GtkCssProvider *provider;

  if (display == NULL)
    return;
  provider = gtk_css_provider_new ();
  if (adw_is_initialized ())
    {
      manager = adw_style_manager_get_for_display (display);
      load_worker_colors (provider, adw_style_manager_get_dark (manager));
      /* The provider lives as long as the display's style manager. */
      g_signal_connect_data (manager, "notify::dark", G_CALLBACK (on_dark_changed), g_object_ref (provider),
                             (GClosureNotify) (void (*) (void)) g_object_unref, 0);
    }
  else
    load_worker_colors (provider, FALSE);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref (provider);
}

static gboolean
flush_pending (gpointer user_data)
{
  FlOutputView *self = user_data;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  FlStore *store;
  guint n_lines;
  guint i;

  self->flush_id = 0;
  if (self->run == NULL || self->pending->len == 0)
    return G_SOURCE_REMOVE;

  store = fl_run_get_store (self->run);
  fl_store_lock (store);
  for (i = 0; i < self->pending->len; i++)
    {
      guint index = g_array_index (self->pending, guint, i);
      const FlOutputLine *line = fl_store_get_output (store, index);
      const FlLaneInfo *info;

      if (line == NULL)
        continue;
      info = fl_store_get_lane_info (store, line->lane);
      g_ptr_array_add (items, fl_output_item_new (line->t, line->lane, worker_color (info),
                                                  info && info->name ? info->name : "?",
                                                  line->text, line->truncated));
    }
  fl_store_unlock (store);
  g_array_set_size (self->pending, 0);

  g_ptr_array_sort (items, compare_items);

  /* Usually every new line is later than the last one shown: one splice. */
  n_lines = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  if (n_lines > 0 && items->len > 0)
    {
      g_autoptr(FlOutputItem) last = g_list_model_get_item (G_LIST_MODEL (self->lines), n_lines - 1);

      if (compare_items (&last, &items->pdata[0]) > 0)
        {
          /* Some line belongs before ones already shown: insert one by one. */
          for (i = 0; i < items->len; i++)
            {
              guint pos = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

              while (pos > 0)
                {
                  g_autoptr(FlOutputItem) prev = g_list_model_get_item (G_LIST_MODEL (self->lines), pos - 1);

                  if (compare_items (&prev, &items->pdata[i]) <= 0)
                    break;
                  pos--;
                }
              g_list_store_insert (self->lines, pos, items->pdata[i]);
            }
          update_count (self);
          return G_SOURCE_REMOVE;
        }
    }
  g_list_store_splice (self->lines, n_lines, 0, items->pdata, items->len);
  update_count (self);
  return G_SOURCE_REMOVE;
}

static void
on_output (FlRun        *run,
           guint         index,
           FlOutputView *self)
{
  g_array_append_val (self->pending, index);
  if (self->flush_id == 0)
    self->flush_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, flush_pending, self, NULL);
}

static void
on_finished (FlRun        *run,
             FlOutputView *self)
{
  /* The last lines may have come with "finished": show them now. */
  g_clear_handle_id (&self->flush_id, g_source_remove);
  flush_pending (self);
}

/* ---- scrolling ----------------------------------------------------------- */

static void
on_value_changed (GtkAdjustment *adj,
                  FlOutputView  *self)
{
  double end = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

  self->stick_to_end = gtk_adjustment_get_value (adj) >= end - 4;
}

static void
on_upper_changed (GtkAdjustment *adj,
                  GParamSpec    *pspec,
                  FlOutputView  *self)
{
  if (self->stick_to_end)
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
}

/* ---- rows ---------------------------------------------------------------- */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *time = gtk_label_new (NULL);
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *worker = gtk_label_new (NULL);
  GtkWidget *text = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "output-line");

  gtk_label_set_xalign (GTK_LABEL (time), 1);
  gtk_label_set_width_chars (GTK_LABEL (time), 9);
  gtk_widget_add_css_class (time, "output-time");
  gtk_widget_add_css_class (time, "numeric");

  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (chip, "worker-chip");

  gtk_label_set_xalign (GTK_LABEL (worker), 0);
  gtk_label_set_width_chars (GTK_LABEL (worker), 10);
  gtk_label_set_max_width_chars (GTK_LABEL (worker), 10);
  gtk_label_set_ellipsize (GTK_LABEL (worker), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (worker, "output-worker");

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_add_css_class (text, "output-text");

  gtk_box_append (GTK_BOX (box), time);
  gtk_box_append (GTK_BOX (box), chip);
  gtk_box_append (GTK_BOX (box), worker);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  FlOutputItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *time = gtk_widget_get_first_child (box);
  GtkWidget *chip = gtk_widget_get_next_sibling (time);
  GtkWidget *worker = gtk_widget_get_next_sibling (chip);
  GtkWidget *text = gtk_widget_get_next_sibling (worker);
  g_autofree char *stamp = fl_format_timestamp_ns (fl_output_item_get_t (item));
  g_autofree char *color_class = NULL;
  int color = fl_output_item_get_color (item);
  const char *old_class;

  gtk_label_set_label (GTK_LABEL (time), stamp);
  gtk_label_set_label (GTK_LABEL (worker), fl_output_item_get_worker (item));
  gtk_widget_set_tooltip_text (worker, fl_output_item_get_worker (item));
  if (fl_output_item_get_truncated (item))
    {
      g_autofree char *shown = g_strconcat (fl_output_item_get_text (item), " …", NULL);
      gtk_label_set_label (GTK_LABEL (text), shown);
    }
  else
    gtk_label_set_label (GTK_LABEL (text), fl_output_item_get_text (item));
  /* A traceback's lines: its File "…", line N rows lead to the source. */
  {
    guint line = 0;
    gboolean source = fl_output_item_get_source_line (item, NULL, &line);
    const char *t = fl_output_item_get_text (item);

    gtk_list_item_set_activatable (list_item, source);
    if (source)
      {
        /* TRANSLATORS: a tooltip on a traceback's line; %u is a line number */
        g_autofree char *tip = g_strdup_printf (_("Double-click or press Enter to show line %u in the editor"), line);

        gtk_widget_add_css_class (text, "traceback-source");
        gtk_widget_set_tooltip_text (text, tip);
      }
    else
      {
        gtk_widget_remove_css_class (text, "traceback-source");
        gtk_widget_set_tooltip_text (text, NULL);
      }
    if (source || g_str_has_prefix (t, "Traceback (most recent call last)"))
      gtk_widget_add_css_class (text, "traceback");
    else
      gtk_widget_remove_css_class (text, "traceback");
  }
  /* A screen reader reads the row as one sentence. */
  {
    /* TRANSLATORS: an output line read aloud: worker, time, the line */
    g_autofree char *name = g_strdup_printf (_("%s at %s: %s"), fl_output_item_get_worker (item), stamp,
                                             gtk_label_get_label (GTK_LABEL (text)));

    gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    /* The list item a screen reader lands on is the row around the box;
     * GTK 4.8's GtkListItem has no accessible label of its own. */
    if (gtk_widget_get_parent (box) != NULL)
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }

  /* Recycled rows keep the class of their last worker: swap it. */
  old_class = g_object_get_data (G_OBJECT (chip), "fl-color-class");
  if (old_class != NULL)
    gtk_widget_remove_css_class (chip, old_class);
  color_class = color < 0 ? g_strdup ("worker-main") : g_strdup_printf ("worker-%d", color);
  gtk_widget_add_css_class (chip, color_class);
  g_object_set_data_full (G_OBJECT (chip), "fl-color-class", g_steal_pointer (&color_class), g_free);
}

static guint source_activated_signal;

static void
on_activate (GtkListView  *list_view,
             guint         position,
             FlOutputView *self)
{
  g_autoptr(FlOutputItem) item = g_list_model_get_item (G_LIST_MODEL (self->lines), position);
  g_autofree char *file = NULL;
  guint line = 0;

  if (item != NULL && fl_output_item_get_source_line (item, &file, &line))
    g_signal_emit (self, source_activated_signal, 0, file, line);
}

/* ---- object -------------------------------------------------------------- */

static void
fl_output_view_dispose (GObject *object)
{
  FlOutputView *self = (FlOutputView *) object;

  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_clear_object (&self->run_signals);
  g_clear_object (&self->run);
  gtk_widget_dispose_template (GTK_WIDGET (self), FL_TYPE_OUTPUT_VIEW);

  G_OBJECT_CLASS (fl_output_view_parent_class)->dispose (object);
}

static void
fl_output_view_finalize (GObject *object)
{
  FlOutputView *self = (FlOutputView *) object;

  g_clear_object (&self->lines);
  g_clear_pointer (&self->pending, g_array_unref);

  G_OBJECT_CLASS (fl_output_view_parent_class)->finalize (object);
}

static void
fl_output_view_class_init (FlOutputViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fl_output_view_dispose;
  object_class->finalize = fl_output_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/forkline/Forkline/ui/fl-output-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FlOutputView, count_label);
  gtk_widget_class_bind_template_child (widget_class, FlOutputView, stack);
  gtk_widget_class_bind_template_child (widget_class, FlOutputView, scroller);
  gtk_widget_class_bind_template_child (widget_class, FlOutputView, list_view);
  gtk_widget_class_set_css_name (widget_class, "outputview");

  source_activated_signal = g_signal_new ("source-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  install_worker_colors ();
}

static void
fl_output_view_init (FlOutputView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;
  GtkAdjustment *adj;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->lines = g_list_store_new (FL_TYPE_OUTPUT_ITEM);
  self->pending = g_array_new (FALSE, FALSE, sizeof (guint));
  self->stick_to_end = TRUE;

  /* The run's signals reach this view while it shows that run, and
   * stop when it shows another or is disposed. */
  self->run_signals = g_signal_group_new (FL_TYPE_RUN);
  g_signal_group_connect_object (self->run_signals, "output", G_CALLBACK (on_output), self, 0);
  g_signal_group_connect_object (self->run_signals, "finished", G_CALLBACK (on_finished), self, 0);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->lines)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate), self);

  adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adj, "value-changed", G_CALLBACK (on_value_changed), self, 0);
  g_signal_connect_object (adj, "notify::upper", G_CALLBACK (on_upper_changed), self, 0);

  update_count (self);
}

GtkWidget *
fl_output_view_new (void)
{
  return g_object_new (FL_TYPE_OUTPUT_VIEW, NULL);
}

void
fl_output_view_set_run (FlOutputView *self,
                        FlRun        *run)
{
  g_return_if_fail (FL_IS_OUTPUT_VIEW (self));
  g_return_if_fail (run == NULL || FL_IS_RUN (run));

  if (self->run_signals != NULL)   /* NULL once disposed */
    g_signal_group_set_target (self->run_signals, run);
  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_array_set_size (self->pending, 0);
  g_list_store_remove_all (self->lines);
  g_set_object (&self->run, run);
  self->stick_to_end = TRUE;
  update_count (self);
}

GListModel *
fl_output_view_get_model (FlOutputView *self)
{
  g_return_val_if_fail (FL_IS_OUTPUT_VIEW (self), NULL);
  return G_LIST_MODEL (self->lines);
}
