#!/bin/sh
# test-potfiles.sh — po/POTFILES.in lists every file with strings users read
#
# Copyright 2026 The Forkline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test-potfiles.sh SOURCE_ROOT [XGETTEXT_WRAPPER]
#
# 1. Every source (.c, .h, .ui), data file and scenario file that holds a
#    translatable string is in po/POTFILES.in, and every entry there exists.
# 2. With the wrapper meson's forkline-pot target runs, the .pot holds
#    strings of the window, the command line, the engine and the scenarios.
# TAP output.
set -u

top=$1
wrapper=${2:-}
potfiles="$top/po/POTFILES.in"
n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }

cd "$top" || exit 1
listed=$(grep -v '^[[:space:]]*#' "$potfiles" | sed 's/[[:space:]]*$//' | grep -v '^$' | sort)

# Files with translatable strings, by kind.
c_files=$(grep -lE '(^|[^[:alnum:]_])(_|N_|C_|NC_|Q_)\(|(^|[^[:alnum:]_])(g_d?n?gettext|ngettext) ?\(' \
            app/*.c app/*.h engine/*.c engine/*.h engine/core/*.c engine/core/*.h ui/*.c ui/*.h 2>/dev/null |
          # g_dgettext on a string read at run time is not extraction
          while read -r f; do
            if grep -qE '(^|[^[:alnum:]_])(_|N_|C_|NC_|Q_)\(|(^|[^[:alnum:]_])ngettext ?\(' "$f"; then echo "$f"; fi
          done)
ui_files=$(grep -rl 'translatable="yes"' app ui --include='*.ui' 2>/dev/null)
data_files=$(ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null)
scenario_files=$(grep -lE '^(Title|Description|LookFor|Label)=' data/scenarios/*.scenario 2>/dev/null)

wanted=$(printf '%s\n' $c_files $ui_files $data_files $scenario_files | grep -v '^$' | sort -u)

missing=$(printf '%s\n' "$wanted" | while read -r f; do
            printf '%s\n' "$listed" | grep -qxF "$f" || echo "$f"
          done)
if [ -z "$missing" ]; then
  ok "every file with translatable strings is in po/POTFILES.in ($(printf '%s\n' "$wanted" | wc -l) files)"
else
  not_ok "files with translatable strings missing from po/POTFILES.in"
  printf '%s\n' "$missing" | sed 's/^/#   /'
fi

stale=$(printf '%s\n' "$listed" | while read -r f; do [ -f "$f" ] || echo "$f"; done)
if [ -z "$stale" ]; then
  ok "every entry of po/POTFILES.in exists"
else
  not_ok "po/POTFILES.in names files that do not exist"
  printf '%s\n' "$stale" | sed 's/^/#   /'
fi

if [ -n "$wrapper" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # What meson's forkline-pot runs (i18n.gettext, preset glib: its keywords), into $tmp.
  if "$wrapper" --package-name=forkline -p "$tmp" -f "$potfiles" -D "$top" -k_ -o forkline.pot \
       --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
       --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 > "$tmp/log" 2>&1; then
    ok "the .pot is made from po/POTFILES.in"
  else
    not_ok "the .pot is made from po/POTFILES.in"
    sed 's/^/#   /' "$tmp/log"
  fi
  pot="$tmp/forkline.pot"
  for msgid in \
      'msgid "Numbers and letters"' \
      'msgid "Items per worker"' \
      'msgid "Choose a Scenario"' \
      'msgid "Preferences"' \
      'msgid "Follow System"' \
      'msgid "Thread and Process Visualizer"' \
      'msgid "Sampling rate, in hertz"' \
      'msgid "Run the scenario"' ; do
    if [ -f "$pot" ] && grep -qF "$msgid" "$pot"; then
      ok "the .pot has $msgid"
    else
      not_ok "the .pot has $msgid"
    fi
  done
  if [ -f "$pot" ] && grep -q '^#: data/scenarios/04-cpu-bound.scenario:' "$pot"; then
    ok "the .pot takes strings from the scenario files"
  else
    not_ok "the .pot takes strings from the scenario files"
  fi
fi

echo "1..$n"
exit $failed
