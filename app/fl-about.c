/* fl-about.c
 *
 * Copyright 2026 The Forkline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The release notes are read from the metainfo file compiled into the
 * resources, so that they are written once.  Each paragraph goes through
 * gettext: the metainfo file is in po/POTFILES.in, and xgettext extracts
 * its paragraphs with their white space folded, as here.
 */

#define G_LOG_DOMAIN "fl-about"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "fl-about.h"

#define METAINFO_RESOURCE "/io/github/forkline/Forkline/metainfo.xml"

typedef struct
{
  gboolean  in_release;     /* inside the first <release> */
  gboolean  release_done;
  gboolean  in_description;
  gboolean  in_text;        /* inside a <p> or <li> of it */
  gboolean  skip;           /* a translated copy (xml:lang): not ours */
  char     *version;
  GString  *text;
  GString  *markup;         /* what AdwAboutWindow:release-notes takes */
} Notes;

static gboolean
has_lang (const char **names)
{
  for (; *names != NULL; names++)
    if (g_str_equal (*names, "xml:lang"))
      return TRUE;
  return FALSE;
}

static void
notes_start (GMarkupParseContext  *context,
             const char           *element,
             const char          **names,
             const char          **values,
             gpointer              user_data,
             GError              **error)
{
  Notes *notes = user_data;
  guint i;

  if (g_str_equal (element, "release") && !notes->release_done)
    {
      notes->in_release = TRUE;
      for (i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "version"))
          notes->version = g_strdup (values[i]);
    }
  else if (notes->in_release && g_str_equal (element, "description"))
    notes->in_description = TRUE;
  else if (notes->in_description && (g_str_equal (element, "p") || g_str_equal (element, "li")))
    {
      notes->in_text = TRUE;
      notes->skip = has_lang (names);
      g_string_truncate (notes->text, 0);
    }
  else if (notes->in_description && (g_str_equal (element, "ul") || g_str_equal (element, "ol")))
    g_string_append_printf (notes->markup, "<%s>", element);
}

static void
notes_text (GMarkupParseContext  *context,
            const char           *text,
            gsize                 len,
            gpointer              user_data,
            GError              **error)
{
  Notes *notes = user_data;

  if (notes->in_text && !notes->skip)
    g_string_append_len (notes->text, text, (gssize) len);
}

static void
notes_end (GMarkupParseContext  *context,
           const char           *element,
           gpointer              user_data,
           GError              **error)
{
  Notes *notes = user_data;

  if (notes->in_text && (g_str_equal (element, "p") || g_str_equal (element, "li")))
    {
      notes->in_text = FALSE;
      if (!notes->skip)
        {
          g_auto(GStrv) words = g_strsplit_set (g_strstrip (notes->text->str), " \t\n\r", -1);
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) kept = NULL;
          g_autofree char *folded = NULL;
          g_autofree char *escaped = NULL;
          guint i;

          for (i = 0; words[i] != NULL; i++)
            if (*words[i] != '\0')
              g_strv_builder_add (builder, words[i]);
          kept = g_strv_builder_end (builder);
          folded = g_strjoinv (" ", kept);
          escaped = g_markup_escape_text (g_dgettext (GETTEXT_PACKAGE, folded), -1);
          g_string_append_printf (notes->markup, "<%s>%s</%s>", element, escaped, element);
        }
      notes->skip = FALSE;
    }
  else if (notes->in_description && (g_str_equal (element, "ul") || g_str_equal (element, "ol")))
    g_string_append_printf (notes->markup, "</%s>", element);
  else if (notes->in_release && g_str_equal (element, "description"))
    notes->in_description = FALSE;
  else if (notes->in_release && g_str_equal (element, "release"))
    {
      notes->in_release = FALSE;
      notes->release_done = TRUE;
    }
}

static const GMarkupParser notes_parser = {
  .start_element = notes_start,
  .end_element = notes_end,
  .text = notes_text,
};

/* The newest release's version and notes; FALSE when there are none. */
static gboolean
read_release_notes (char **version,
                    char **markup)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (METAINFO_RESOURCE, 0, NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  Notes notes = { 0 };
  gboolean ok;

  if (bytes == NULL)
    return FALSE;

  notes.text = g_string_new (NULL);
  notes.markup = g_string_new (NULL);
  context = g_markup_parse_context_new (&notes_parser, 0, &notes, NULL);
  ok = g_markup_parse_context_parse (context, g_bytes_get_data (bytes, NULL),
                                     (gssize) g_bytes_get_size (bytes), NULL) &&
       g_markup_parse_context_end_parse (context, NULL);
  ok = ok && notes.version != NULL && notes.markup->len > 0;

  *version = ok ? g_steal_pointer (&notes.version) : NULL;
  *markup = ok ? g_string_free (g_steal_pointer (&notes.markup), FALSE) : NULL;
  g_free (notes.version);
  if (notes.markup != NULL)
    g_string_free (notes.markup, TRUE);
  g_string_free (notes.text, TRUE);
  return ok;
}

GtkWidget *
fl_about_window_new (GtkWindow *parent)
{
  static const char *developers[] = { N_("The Forkline authors"), NULL };
  const char *translated[G_N_ELEMENTS (developers)] = { _(developers[0]), NULL };
  g_autofree char *version = NULL;
  g_autofree char *notes = NULL;
  const char *credits;
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("Forkline"),
                        "developer-name", _("The Forkline authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("See threads and processes run, side by side: "
                                      "real threads, forked and spawned processes, "
                                      "recorded as they work and drawn as they were measured."),
                        "copyright", _("© 2026 The Forkline authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", translated,
                        NULL);

  /* TRANSLATORS: your names, one per line: "Name <email>" */
  credits = _("translator-credits");
  if (!g_str_equal (credits, "translator-credits"))
    adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), credits);

  if (read_release_notes (&version, &notes))
    g_object_set (about,
                  "release-notes-version", version,
                  "release-notes", notes,
                  NULL);
  return about;
}
