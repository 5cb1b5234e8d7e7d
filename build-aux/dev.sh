#!/usr/bin/env bash
# build-aux/dev.sh — set up, build, and run or test Forkline on Debian/Ubuntu.
#
# Copyright 2026 The Forkline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   build-aux/dev.sh run [ARGS…]   install what is missing, build, launch forkline
#   build-aux/dev.sh test          install what is missing, build, run every test,
#                                  then the sanitizer builds and the fuzzers (CI)
#   build-aux/dev.sh test --quick  only the normal build's test suite
#                                  (or FORKLINE_TEST_QUICK=1)
#
# Only packages that are missing are installed (apt-get, through sudo when
# not root).  The build lives in _build/ at the top of the source tree; the
# full test also builds _build-asan/ (AddressSanitizer and
# UndefinedBehaviorSanitizer, the whole suite), _build-tsan/
# (ThreadSanitizer, the engine and cli suites) and _build-fuzz/ (clang's
# libFuzzer; each target runs FORKLINE_FUZZ_RUNS inputs, seed fixed).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$top/_build"
action=${1:-run}
shift || true

quick=${FORKLINE_TEST_QUICK:-0}
if [ "$action" = test ] && [ "${1:-}" = --quick ]; then
  quick=1
  shift
fi

packages=(
  meson ninja-build gcc pkg-config gettext
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev
  desktop-file-utils appstream xvfb xauth dbus dbus-x11 poppler-utils
  python3-pyatspi at-spi2-core
)
if [ "$action" = test ] && [ "$quick" != 1 ]; then
  # libFuzzer comes with clang's runtime libraries; gcc brings ASan/UBSan/TSan.
  packages+=(clang libclang-rt-dev)
fi

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
    # The window; with no display, the terminal version of the first preset.
    # From the build folder, forkline finds the schema compiled in data/.
    if [ $# -eq 0 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
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
    if [ "$quick" = 1 ]; then
      exec "${wrap[@]}" meson test -C "$build" --print-errorlogs "$@"
    fi

    # Every stage is timed; CI runs them all within 30 minutes on 2 cores.
    times=()
    stage() {
      local name=$1 start=$SECONDS
      shift
      echo "dev.sh: ==> $name"
      "$@"
      times+=("$(printf '%-28s %5d s' "$name" $((SECONDS - start)))")
      echo "dev.sh: <== $name: $((SECONDS - start)) s"
    }
    build_in() {  # DIR [meson options…] [-- ninja targets…]: configure once, build
      local dir=$1 options=()
      shift
      while [ $# -gt 0 ] && [ "$1" != -- ]; do
        options+=("$1")
        shift
      done
      shift || true
      if [ ! -f "$dir/build.ninja" ]; then
        meson setup "$dir" "$top" "${options[@]}"
      fi
      ninja -C "$dir" "$@"
    }
    total_start=$SECONDS

    stage "test suite" "${wrap[@]}" meson test -C "$build" --print-errorlogs "$@"
    # The soak is not part of a plain `meson test` (tests/meson.build).
    stage "soak" "${wrap[@]}" meson test -C "$build" --print-errorlogs --no-rebuild --setup soak --suite soak

    # AddressSanitizer + UndefinedBehaviorSanitizer, leaks included.  The
    # suppressions name third-party one-time caches only (tests/lsan.supp).
    asan="$top/_build-asan"
    stage "asan+ubsan build" build_in "$asan" -Db_sanitize=address,undefined -Db_lundef=false
    stage "asan+ubsan test suite" env \
        ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0 \
        LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0" \
        UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        G_SLICE=always-malloc \
        FORKLINE_SOAK_RUNS="${FORKLINE_SOAK_RUNS_ASAN:-2}" \
        "${wrap[@]}" meson test -C "$asan" --print-errorlogs --no-rebuild --setup soak --timeout-multiplier 3

    # ThreadSanitizer: the engine (the observer's drain and sampler
    # threads, the runner's worker threads) and the command line.
    tsan="$top/_build-tsan"
    stage "tsan build" build_in "$tsan" -Db_sanitize=thread -Db_lundef=false
    # libglib is not built with TSan: tests/tsan.supp and
    # tests/tsan-glib-locks.c say how its locks are made visible.
    stage "tsan engine+cli suites" env \
        TSAN_OPTIONS="halt_on_error=1:suppressions=$top/tests/tsan.supp" \
        G_SLICE=always-malloc \
        meson test -C "$tsan" --print-errorlogs --no-rebuild --suite engine --suite cli --timeout-multiplier 3

    # libFuzzer: each target of tests/fuzz/ for FORKLINE_FUZZ_RUNS inputs
    # (about a minute here), at most FORKLINE_FUZZ_SECONDS.  The seed is
    # fixed and the working corpus starts afresh each time, so a run is
    # repeatable: what passed once passes again, and a failure can be
    # replayed.  Set FORKLINE_FUZZ_SEED to explore further.  A crash leaves
    # its input in _build-fuzz/artifacts/ and fails the stage.
    fuzz="$top/_build-fuzz"
    targets=()
    for corpus in "$top"/tests/fuzz/corpus-*; do
      targets+=("tests/fuzz/fuzz-${corpus##*/corpus-}")
    done
    CC=clang stage "fuzz build" build_in "$fuzz" -Dfuzzing=true \
        -Db_sanitize=address,undefined -Db_lundef=false -- "${targets[@]}"
    mkdir -p "$fuzz/artifacts"
    for corpus in "$top"/tests/fuzz/corpus-*; do
      name=${corpus##*/corpus-}
      rm -rf "$fuzz/corpus-$name"
      mkdir -p "$fuzz/corpus-$name"
      stage "fuzz $name" env ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
          UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
          "$fuzz/tests/fuzz/fuzz-$name" -seed="${FORKLINE_FUZZ_SEED:-1}" \
          -runs="${FORKLINE_FUZZ_RUNS:-400000}" -max_total_time="${FORKLINE_FUZZ_SECONDS:-120}" \
          -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
          -artifact_prefix="$fuzz/artifacts/$name-" "$fuzz/corpus-$name" "$corpus"
    done

    echo "dev.sh: stage times"
    printf '  %s\n' "${times[@]}"
    echo "dev.sh: total $((SECONDS - total_start)) s"
    # One closing line over the three suites (every stage above passed, or
    # set -e would have stopped here).
    passed=0
    for log in "$build" "$asan" "$tsan"; do
      # testlog.json, and testlog-soak.json for the runs with --setup soak.
      for json in "$log"/meson-logs/testlog*.json; do
        [ -f "$json" ] || continue
        n=$(grep -c '"result": "OK"' "$json" || true)
        passed=$((passed + ${n:-0}))
      done
    done
    echo "dev.sh: $passed passed, 0 failed"
    ;;
  *)
    echo "usage: $0 run [forkline arguments…] | test [meson test arguments…]" >&2
    exit 2
    ;;
esac
