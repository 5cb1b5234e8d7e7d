/* fl-types.c — names of the engine's enums as people read them
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-types"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fl-enum-types.h"
#include "fl-types.h"

/**
 * fl_mode_get_label:
 * @mode: a mode
 *
 * The mode's name as the window, the console and exports show it:
 * "Threads", "Processes (fork)", "Processes (spawn)".
 *
 * Returns: a translated, static string
 */
const char *
fl_mode_get_label (FlMode mode)
{
  switch (mode)
    {
    case FL_MODE_THREADS:
      return _("Threads");
    case FL_MODE_FORK:
      return _("Processes (fork)");
    case FL_MODE_SPAWN:
      return _("Processes (spawn)");
    case FL_N_MODES:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
fl_state_get_label (FlState state)
{
  switch (state)
    {
    case FL_STATE_NONE:     return _("not started");
    case FL_STATE_RUNNING:  return _("running");
    case FL_STATE_RUNNABLE: return _("runnable, waiting for a core");
    case FL_STATE_SLEEPING: return _("sleeping");
    case FL_STATE_IO:       return _("waiting for I/O");
    case FL_STATE_LOCK:     return _("waiting for a lock");
    case FL_STATE_GIL:      return _("waiting for the GIL");
    case FL_STATE_JOIN:     return _("waiting for a worker to end");
    case FL_STATE_ZOMBIE:   return _("zombie, ended but not reaped");
    case FL_STATE_EXITED:   return _("exited");
    case FL_STATE_CRASHED:  return _("crashed");
    case FL_STATE_BLOCKED:  return _("blocked, the kernel would not say on what");
    case FL_N_STATES:
    default:                return "?";
    }
}

const char *
fl_state_get_short_label (FlState state)
{
  switch (state)
    {
    case FL_STATE_NONE:     return C_("state", "not started");
    case FL_STATE_RUNNING:  return C_("state", "running");
    case FL_STATE_RUNNABLE: return C_("state", "runnable");
    case FL_STATE_SLEEPING: return C_("state", "sleeping");
    case FL_STATE_IO:       return C_("state", "I/O");
    case FL_STATE_LOCK:     return C_("state", "lock");
    case FL_STATE_GIL:      return C_("state", "GIL");
    case FL_STATE_JOIN:     return C_("state", "join");
    case FL_STATE_ZOMBIE:   return C_("state", "zombie");
    case FL_STATE_EXITED:   return C_("state", "exited");
    case FL_STATE_CRASHED:  return C_("state", "crashed");
    case FL_STATE_BLOCKED:  return C_("state", "blocked");
    case FL_N_STATES:
    default:                return "?";
    }
}

const char *
fl_reason_get_label (FlReason reason)
{
  switch (reason)
    {
    case FL_REASON_NONE:    return "";
    case FL_REASON_COMPUTE: return _("computing");
    case FL_REASON_PRINT:   return _("printing");
    case FL_REASON_SLEEP:   return _("a sleep step");
    case FL_REASON_READ:    return _("reading");
    case FL_REASON_START:   return _("starting");
    case FL_REASON_JOIN:    return _("joining a worker");
    case FL_REASON_STEP:    return _("between steps");
    case FL_REASON_LOCK:    return _("a lock");
    case FL_REASON_RECEIVE: return _("receiving a message");
    case FL_REASON_SEND:    return _("sending a message");
    case FL_REASON_GIL:     return _("the GIL");
    case FL_N_REASONS:
    default:                return "";
    }
}

/* ---- names in files: the nicks of the generated enum types ---------------- */

static const char *
enum_nick (GType type,
           int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  /* a static type's class is never freed: the nick stays valid */
  g_type_class_unref (klass);
  return v != NULL ? v->value_nick : NULL;
}

const char *
fl_mode_to_string (FlMode mode)
{
  g_return_val_if_fail ((guint) mode < FL_N_MODES, NULL);

  return enum_nick (FL_TYPE_MODE, mode);
}

gboolean
fl_mode_from_string (const char *str,
                     FlMode     *mode)
{
  GEnumClass *klass;
  GEnumValue *v;

  g_return_val_if_fail (str != NULL, FALSE);

  klass = g_type_class_ref (FL_TYPE_MODE);
  v = g_enum_get_value_by_nick (klass, str);
  g_type_class_unref (klass);
  if (v == NULL)
    return FALSE;
  if (mode != NULL)
    *mode = (FlMode) v->value;
  return TRUE;
}

const char *
fl_state_to_string (FlState state)
{
  g_return_val_if_fail ((guint) state < FL_N_STATES, NULL);

  return enum_nick (FL_TYPE_STATE, state);
}

const char *
fl_reason_to_string (FlReason reason)
{
  g_return_val_if_fail ((guint) reason < FL_N_REASONS, NULL);

  return enum_nick (FL_TYPE_REASON, reason);
}
