#!/bin/sh
# test-install.sh — meson install --destdir, then run what was installed
#
# Copyright 2026 The Forkline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test-install.sh MESON BUILD_ROOT SOURCE_ROOT
#
# Installs the build into a temporary folder, checks the files a user gets
# are there, and runs the installed forkline from there with nothing
# pointing back at the build folder: no FORKLINE_RUNNER, another working
# folder.  The runner it uses must be the installed one.  TAP output.
set -u

meson=$1
build=$2
src=$3
app_id=io.github.forkline.Forkline
n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }
check () { if "$@" >/dev/null 2>&1; then ok "$desc"; else not_ok "$desc"; fi; }

dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

if "$meson" install -C "$build" --no-rebuild --quiet --destdir "$dest" > "$dest.log" 2>&1; then
  ok "meson install --destdir"
else
  not_ok "meson install --destdir"
  sed 's/^/#   /' "$dest.log"
  rm -f "$dest.log"
  echo "1..$n"
  exit 1
fi
rm -f "$dest.log"

bin=$(find "$dest" -path '*/bin/forkline' -type f | head -n 1)
if [ -z "$bin" ]; then
  not_ok "forkline is installed in a bin folder"
  echo "1..$n"
  exit 1
fi
ok "forkline is installed as ${bin#"$dest"}"
prefix=$(dirname "$(dirname "$bin")")
share="$prefix/share"

for f in \
    "share/applications/$app_id.desktop" \
    "share/metainfo/$app_id.metainfo.xml" \
    "share/icons/hicolor/scalable/apps/$app_id.svg" \
    "share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
    "share/glib-2.0/schemas/$app_id.gschema.xml" \
    "share/forkline/python/probe/sitecustomize.py" \
    "share/forkline/python/examples/numbers_letters.py"; do
  desc="$f is installed"; check test -s "$prefix/$f"
done

runner=$(find "$prefix" -name forkline-runner -type f | head -n 1)
desc="the runner is installed in libexec"
case "$runner" in
  */libexec/forkline-runner) check test -x "$runner" ;;
  *) not_ok "$desc (found: ${runner:-nothing})" ;;
esac

for lang in $(sed 's/#.*//' "$src/po/LINGUAS"); do
  desc="the $lang translation is installed"
  check test -s "$share/locale/$lang/LC_MESSAGES/forkline.mo"
done

# What a package's trigger does after an install with --destdir.
desc="the installed schema compiles"
check glib-compile-schemas --strict "$share/glib-2.0/schemas"

# Run from elsewhere, with nothing that points at the build folder.
work=$(mktemp -d)
run () {
  (cd "$work" && env -u FORKLINE_RUNNER -u FORKLINE_BIN -u GSETTINGS_SCHEMA_DIR \
     XDG_DATA_HOME="$work/data" "$bin" "$@")
}

out=$(run --version 2>&1)
desc="the installed forkline --version"
case "$out" in
  *forkline*[0-9].[0-9]*) ok "$desc: $out" ;;
  *) not_ok "$desc: $out" ;;
esac

out=$(run --list-scenarios 2>&1)
desc="the installed forkline --list-scenarios lists the presets"
case "$out" in
  *numbers-letters*cpu-bound*) ok "$desc" ;;
  *) not_ok "$desc"; printf '%s\n' "$out" | sed 's/^/#   /' ;;
esac

# A spawn run starts the runner for the main process and for each worker.
out=$(run --run numbers-letters --mode spawn --workers 2 --param count=1 2>&1)
desc="the installed forkline runs a scenario with the installed runner"
case "$out" in
  *"Both workers are done!"*) ok "$desc" ;;
  *) not_ok "$desc"; printf '%s\n' "$out" | sed 's/^/#   /' ;;
esac

# Without it, the error names where it looked: the installed prefix, not
# the build folder.
mv "$runner" "$runner.away"
out=$(run --run numbers-letters --param count=1 2>&1)
mv "$runner.away" "$runner"
desc="without its runner, the installed forkline looks in its own prefix"
case "$out" in
  *"$runner"*) ok "$desc" ;;
  *) not_ok "$desc"; printf '%s\n' "$out" | sed 's/^/#   /' ;;
esac
desc="the installed forkline never looks in the build folder"
case "$out" in
  *"$build"*) not_ok "$desc"; printf '%s\n' "$out" | sed 's/^/#   /' ;;
  *) ok "$desc" ;;
esac
rm -rf "$work"

echo "1..$n"
exit $failed
