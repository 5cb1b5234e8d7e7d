#!/usr/bin/env bash
# build-aux/dev.sh — set up, build, and run or test Forkline on Debian/Ubuntu.
#
# Copyright 2026 The Forkline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   build-aux/dev.sh run [ARGS…]   install what is missing, build, launch forkline
#   build-aux/dev.sh test          install what is missing, build, run every test
#
# Only packages that are missing are installed (apt-get, through sudo when
# not root).  The build lives in _build/ at the top of the source tree.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$top/_build"
action=${1:-run}
shift || true

packages=(
  meson ninja-build gcc pkg-config gettext
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libgtk-4-dev libadwaita-1-dev
  desktop-file-utils appstream xvfb xauth dbus dbus-x11 poppler-utils
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "dev.sh: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top"
fi
ninja -C "$build"

case "$action" in
  run)
    if [ $# -eq 0 ]; then
      set -- --run numbers-letters
    fi
    exec "$build/app/forkline" "$@"
    ;;
  test)
    # A virtual display and a session bus when there is none: the UI suite needs them.
    wrap=()
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      wrap+=(xvfb-run -a -s "-screen 0 1920x1080x24")
    fi
    if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
      wrap+=(dbus-run-session --)
    fi
    exec "${wrap[@]}" meson test -C "$build" --print-errorlogs "$@"
    ;;
  *)
    echo "usage: $0 run [forkline arguments…] | test [meson test arguments…]" >&2
    exit 2
    ;;
esac
