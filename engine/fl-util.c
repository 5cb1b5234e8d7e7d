/* fl-util.c — small helpers the observer's layers share
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fl-util"

#include "config.h"

#include <string.h>

#include "fl-util.h"

/**
 * fl_signal_name:
 * @signum: a signal number
 *
 * Returns: (transfer full): "SIGSEGV" for 11; "SIG<number>" for signals without a name
 */
char *
fl_signal_name (int signum)
{
  const char *abbrev = sigabbrev_np (signum);

  if (abbrev != NULL)
    return g_strconcat ("SIG", abbrev, NULL);
  return g_strdup_printf ("SIG%d", signum);
}

char *
fl_installed_path (const char *path)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  const char *bin_rel;
  gsize dir_len, rel_len;

  g_return_val_if_fail (path != NULL, NULL);

  if (exe == NULL || !g_str_has_prefix (BINDIR, PREFIX) || !g_str_has_prefix (path, PREFIX))
    return NULL;
  bin_rel = &BINDIR[strlen (PREFIX)];   /* "/bin" */
  rel_len = strlen (bin_rel);
  if (bin_rel[0] != '/')
    return NULL;
  dir = g_path_get_dirname (exe);
  dir_len = strlen (dir);
  if (dir_len <= rel_len || strcmp (dir + dir_len - rel_len, bin_rel) != 0)
    return NULL;
  dir[dir_len - rel_len] = '\0';
  return g_strconcat (dir, path + strlen (PREFIX), NULL);
}

void
fl_json_append_string (GString    *out,
                       const char *text)
{
  g_autofree char *valid = NULL;
  const char *run;
  const char *p;

  if (text == NULL)
    text = "";
  /* JSON parsers refuse invalid UTF-8, and the text comes from scenarios. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (run = p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape;
      char buf[8];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      switch (c)
        {
        case '"':  escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default:
          g_snprintf (buf, sizeof buf, "\\u%04x", c);
          escape = buf;
          break;
        }
      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}
