/* fl-catalog.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-catalog"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fl-catalog.h"
#include "fl-files.h"

FlScenario *
fl_scenario_new_from_file (GFile   *file,
                           GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *origin = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* Resources have no path: their file name is enough to find them. */
  if ((origin = g_file_get_path (file)) == NULL)
    origin = g_file_get_basename (file);

  if (g_file_is_native (file))
    {
      /* The user's file: a regular one, of a scenario's size at most.
       * Its message names it. */
      if (!fl_file_read (origin, FL_SCENARIO_MAX_BYTES, &contents, &length, error))
        return NULL;
    }
  else if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    {
      g_prefix_error (error, "%s: ", origin);
      return NULL;
    }

  return fl_scenario_new_from_data (contents, length, origin, error);
}

#define PRESETS_PATH "/io/github/forkline/Forkline/scenarios/"
#define SCENARIO_SUFFIX ".scenario"

struct _FlCatalog
{
  GObject     parent_instance;

  GPtrArray  *presets;    /* of FlScenario*, in catalogue order */
  GPtrArray  *user;       /* of FlScenario*, sorted by title */
  GPtrArray  *scenarios;  /* presets then user: what get_scenarios() returns */
  GHashTable *by_id;      /* id → FlScenario*, borrowed */
  GPtrArray  *errors;     /* of GError* */
  gboolean    user_loaded;
  guint       generation; /* each load starts one: late results of an older one are dropped */
};

G_DEFINE_FINAL_TYPE (FlCatalog, fl_catalog, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fl_catalog_finalize (GObject *object)
{
  FlCatalog *self = (FlCatalog *) object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->scenarios, g_ptr_array_unref);
  g_clear_pointer (&self->presets, g_ptr_array_unref);
  g_clear_pointer (&self->user, g_ptr_array_unref);
  g_clear_pointer (&self->errors, g_ptr_array_unref);

  G_OBJECT_CLASS (fl_catalog_parent_class)->finalize (object);
}

static void
fl_catalog_class_init (FlCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fl_catalog_finalize;

  /**
   * FlCatalog::changed:
   *
   * The scenarios changed: the user's arrived (see
   * fl_catalog_load_user_async()) or were loaded again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
fl_catalog_init (FlCatalog *self)
{
  self->presets = g_ptr_array_new_with_free_func (g_object_unref);
  self->user = g_ptr_array_new_with_free_func (g_object_unref);
  self->scenarios = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
}

/**
 * fl_catalog_new:
 *
 * Returns: (transfer full): an empty catalogue; see fl_catalog_load().
 */
FlCatalog *
fl_catalog_new (void)
{
  return g_object_new (FL_TYPE_CATALOG, NULL);
}

static int
compare_by_title (gconstpointer a,
                  gconstpointer b)
{
  FlScenario *sa = *(FlScenario * const *) a;
  FlScenario *sb = *(FlScenario * const *) b;
  int cmp = g_utf8_collate (fl_scenario_get_title (sa), fl_scenario_get_title (sb));

  return cmp != 0 ? cmp : strcmp (fl_scenario_get_id (sa), fl_scenario_get_id (sb));
}

static void
rebuild_scenarios (FlCatalog *self)
{
  g_ptr_array_sort (self->user, compare_by_title);

  g_ptr_array_set_size (self->scenarios, 0);
  for (guint i = 0; i < self->presets->len; i++)
    g_ptr_array_add (self->scenarios, g_object_ref (g_ptr_array_index (self->presets, i)));
  for (guint i = 0; i < self->user->len; i++)
    g_ptr_array_add (self->scenarios, g_object_ref (g_ptr_array_index (self->user, i)));
}

static void
add_scenario (FlCatalog  *self,
              FlScenario *scenario,
              gboolean    preset)
{
  FlScenario *other;

  /* The first one loaded wins: presets come first, so a user file can
   * never shadow a preset that the rest of the app relies on. */
  other = g_hash_table_lookup (self->by_id, fl_scenario_get_id (scenario));
  if (other != NULL)
    {
      g_ptr_array_add (self->errors,
                       g_error_new (FL_SCENARIO_ERROR, FL_SCENARIO_ERROR_INVALID,
                                    _("%s: the id \"%s\" is already used by %s; this file is skipped"),
                                    fl_scenario_get_origin (scenario),
                                    fl_scenario_get_id (scenario),
                                    fl_scenario_get_origin (other)));
      return;
    }

  g_hash_table_insert (self->by_id, (gpointer) fl_scenario_get_id (scenario), scenario);
  g_ptr_array_add (preset ? self->presets : self->user, g_object_ref (scenario));
}

static void
add_file (FlCatalog *self,
          GFile     *file,
          gboolean   preset)
{
  g_autoptr(FlScenario) scenario = NULL;
  GError *error = NULL;

  if (!(scenario = fl_scenario_new_from_file (file, &error)))
    {
      g_ptr_array_add (self->errors, error);
      return;
    }
  add_scenario (self, scenario, preset);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
load_presets (FlCatalog *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  names = g_resources_enumerate_children (PRESETS_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (names == NULL)
    {
      /* The resource is built into the engine: without it, say so. */
      g_ptr_array_add (self->errors,
                       g_error_new (FL_SCENARIO_ERROR, FL_SCENARIO_ERROR_MISSING,
                                    _("the preset scenarios are missing: %s"), error->message));
      return;
    }

  /* Files are named NN-id.scenario: name order is catalogue order. */
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *uri = NULL;
      g_autoptr(GFile) file = NULL;

      if (!g_str_has_suffix (names[i], SCENARIO_SUFFIX))
        continue;
      uri = g_strconcat ("resource://" PRESETS_PATH, names[i], NULL);
      file = g_file_new_for_uri (uri);
      add_file (self, file, TRUE);
    }
}

/* Reads the *.scenario files of @directory into @scenarios and @errors,
 * in name order, touching no catalogue: it runs in a worker thread. */
static void
read_directory (GFile     *directory,
                gboolean   missing_ok,
                GPtrArray *scenarios,
                GPtrArray *errors)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (directory,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (enumerator == NULL)
    {
      if (!(missing_ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)))
        {
          g_autofree char *name = g_file_get_parse_name (directory);

          g_ptr_array_add (errors, g_error_new (G_IO_ERROR, error->code, "%s: %s", name, error->message));
        }
      return;
    }

  while ((info = g_file_enumerator_next_file (enumerator, NULL, &error)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      /* Not only regular files: a FIFO or a device named *.scenario gets
       * a message saying what it is (fl_file_read() refuses it at once). */
      if (g_str_has_suffix (name, SCENARIO_SUFFIX) &&
          g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
        g_ptr_array_add (names, g_strdup (name));
      g_object_unref (info);
    }
  if (error != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (directory);

      g_ptr_array_add (errors, g_error_new (G_IO_ERROR, error->code, "%s: %s", name, error->message));
    }

  /* Sorted, so that which of two files with one id wins does not depend
   * on the order the file system lists them in. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (directory, g_ptr_array_index (names, i));
      GError *file_error = NULL;
      FlScenario *scenario = fl_scenario_new_from_file (file, &file_error);

      if (scenario != NULL)
        g_ptr_array_add (scenarios, scenario);
      else
        g_ptr_array_add (errors, file_error);
    }
}

static void
load_directory (FlCatalog *self,
                GFile     *directory,
                gboolean   missing_ok)
{
  g_autoptr(GPtrArray) scenarios = g_ptr_array_new_with_free_func (g_object_unref);

  read_directory (directory, missing_ok, scenarios, self->errors);
  for (guint i = 0; i < scenarios->len; i++)
    add_scenario (self, g_ptr_array_index (scenarios, i), FALSE);
}

static GFile *
user_directory (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "forkline", "scenarios", NULL);

  return g_file_new_for_path (path);
}

static void
clear (FlCatalog *self)
{
  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->scenarios, 0);
  g_ptr_array_set_size (self->presets, 0);
  g_ptr_array_set_size (self->user, 0);
  g_ptr_array_set_size (self->errors, 0);
  self->user_loaded = FALSE;
  self->generation++;
}

void
fl_catalog_load (FlCatalog *self)
{
  g_autoptr(GFile) user_dir = user_directory ();

  g_return_if_fail (FL_IS_CATALOG (self));

  /* Loading again starts afresh (files may have changed). */
  clear (self);
  load_presets (self);
  load_directory (self, user_dir, TRUE);
  self->user_loaded = TRUE;
  rebuild_scenarios (self);
}

/**
 * fl_catalog_load_presets:
 * @self: a catalogue
 *
 * Starts afresh with the presets only: they are built in, so this reads
 * no file of the user's and is quick.
 */
void
fl_catalog_load_presets (FlCatalog *self)
{
  g_return_if_fail (FL_IS_CATALOG (self));

  clear (self);
  load_presets (self);
  rebuild_scenarios (self);
}

/**
 * fl_catalog_load_user:
 * @self: a catalogue with its presets
 *
 * Adds the user's scenarios now, unless they are there already (emits
 * ::changed if it added them).
 */
void
fl_catalog_load_user (FlCatalog *self)
{
  g_autoptr(GFile) user_dir = user_directory ();

  g_return_if_fail (FL_IS_CATALOG (self));

  if (self->user_loaded)
    return;
  load_directory (self, user_dir, TRUE);
  self->user_loaded = TRUE;
  rebuild_scenarios (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

typedef struct
{
  GFile     *directory;
  guint      generation;
  GPtrArray *scenarios;
  GPtrArray *errors;
  GMutex     lock;      /* held while it is filled in, and while the worker fills the lists */
} UserLoad;

static void
user_load_free (gpointer data)
{
  UserLoad *load = data;

  /* The worker is done with it (the task is over): say so, then free. */
  g_mutex_lock (&load->lock);
  g_mutex_unlock (&load->lock);

  g_clear_object (&load->directory);
  g_clear_pointer (&load->scenarios, g_ptr_array_unref);
  g_clear_pointer (&load->errors, g_ptr_array_unref);
  g_mutex_clear (&load->lock);
  g_free (load);
}

static void
user_load_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  UserLoad *load = task_data;

  /* GTask hands the result over through GLib's own locks; this one,
   * taken again by _finish(), says so where a race detector can see it. */
  g_mutex_lock (&load->lock);
  read_directory (load->directory, TRUE, load->scenarios, load->errors);
  g_mutex_unlock (&load->lock);
  g_task_return_boolean (task, TRUE);
}

/**
 * fl_catalog_load_user_async:
 * @self: a catalogue with its presets (fl_catalog_load_presets())
 * @cancellable: (nullable): to give up
 * @callback: called on the thread-default main context once read
 * @user_data: for @callback
 *
 * Reads the user's scenario folder in a worker thread, so that a large
 * or slow file never holds up the caller; fl_catalog_load_user_finish()
 * adds them and emits ::changed.
 */
void
fl_catalog_load_user_async (FlCatalog           *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  UserLoad *load;

  g_return_if_fail (FL_IS_CATALOG (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fl_catalog_load_user_async);
  load = g_new0 (UserLoad, 1);
  g_mutex_init (&load->lock);
  g_mutex_lock (&load->lock);
  load->directory = user_directory ();
  load->generation = self->generation;
  load->scenarios = g_ptr_array_new_with_free_func (g_object_unref);
  load->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_mutex_unlock (&load->lock);
  g_task_set_task_data (task, load, user_load_free);
  g_task_run_in_thread (task, user_load_thread);
}

/**
 * fl_catalog_load_user_finish:
 * @self: the catalogue
 * @result: what the callback got
 * @error: set if it was cancelled
 *
 * Adds what was read, unless the catalogue was loaded again meanwhile.
 *
 * Returns: %TRUE unless cancelled
 */
gboolean
fl_catalog_load_user_finish (FlCatalog     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  UserLoad *load;

  g_return_val_if_fail (FL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  load = g_task_get_task_data (G_TASK (result));
  if (self->user_loaded || load->generation != self->generation)
    return TRUE;

  g_mutex_lock (&load->lock);

  for (guint i = 0; i < load->errors->len; i++)
    g_ptr_array_add (self->errors, g_error_copy (g_ptr_array_index (load->errors, i)));
  for (guint i = 0; i < load->scenarios->len; i++)
    add_scenario (self, g_ptr_array_index (load->scenarios, i), FALSE);
  g_mutex_unlock (&load->lock);
  self->user_loaded = TRUE;
  rebuild_scenarios (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

void
fl_catalog_load_directory (FlCatalog *self,
                           GFile     *directory)
{
  g_return_if_fail (FL_IS_CATALOG (self));
  g_return_if_fail (G_IS_FILE (directory));

  load_directory (self, directory, FALSE);
  rebuild_scenarios (self);
}

GPtrArray *
fl_catalog_get_scenarios (FlCatalog *self)
{
  g_return_val_if_fail (FL_IS_CATALOG (self), NULL);

  return self->scenarios;
}

FlScenario *
fl_catalog_lookup (FlCatalog  *self,
                   const char *id)
{
  g_return_val_if_fail (FL_IS_CATALOG (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, id);
}

gboolean
fl_catalog_is_preset (FlCatalog  *self,
                      FlScenario *scenario)
{
  g_return_val_if_fail (FL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (FL_IS_SCENARIO (scenario), FALSE);

  return g_ptr_array_find (self->presets, scenario, NULL);
}

GPtrArray *
fl_catalog_get_errors (FlCatalog *self)
{
  g_return_val_if_fail (FL_IS_CATALOG (self), NULL);

  return self->errors;
}
