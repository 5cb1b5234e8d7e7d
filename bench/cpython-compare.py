#!/usr/bin/env python3
# cpython-compare.py — the cpu-bound lesson, in CPython and in Forkline
#
# Copyright 2026 The Forkline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the same fixed amount of CPU-bound work (counting primes, split
# over the workers) in real CPython threads and processes, then
# Forkline's cpu-bound preset in the same modes, and prints the ratios side by side (time with N workers /
# time with one), one "key: value" line per figure like forkline-bench.
#
#   bench/cpython-compare.py [path/to/forkline] [--workers N]
#
# CPython computes far slower than Forkline's C kernel, so it gets fewer
# blocks: what is compared is the speed-up, not the seconds.

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import threading
import time


def count_primes(start, end):
    found = 0
    for n in range(max(start, 2), end):
        if n % 2 == 0:
            found += n == 2
            continue
        d = 3
        while d * d <= n:
            if n % d == 0:
                break
            d += 2
        else:
            found += 1
    return found


def blocks_worker(blocks, block_size):
    return sum(count_primes(b * block_size, (b + 1) * block_size) for b in blocks)


def timed(kind, workers, target, args_for):
    start = time.perf_counter()
    if kind == "threads":
        pool = [threading.Thread(target=target, args=args_for(k)) for k in range(workers)]
    else:
        ctx = multiprocessing.get_context("fork")
        pool = [ctx.Process(target=target, args=args_for(k)) for k in range(workers)]
    for w in pool:
        w.start()
    for w in pool:
        w.join()
    return time.perf_counter() - start


def forkline_wall(forkline, scenario, mode, workers, extra):
    cmd = [forkline, "--run", scenario, "--mode", mode, "--workers", str(workers),
           "--summary=json"] + extra
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)["wall_ms"] / 1000.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("forkline", nargs="?", default=os.path.join(
        os.path.dirname(__file__), "..", "_build", "app", "forkline"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--py-blocks", type=int, default=120,
                        help="blocks of 10,000 numbers CPython counts in all")
    args = parser.parse_args()
    n = args.workers
    block = 10000

    def split(k, total=args.py_blocks):
        return (range(k, total, n), block)

    print(f"machine.cores: {os.cpu_count()}")
    print(f"python.version: {sys.version.split()[0]}")
    # Three rounds, interleaved, and the median of each: a machine shared
    # with others drifts.
    rounds = {"one": [], "thr": [], "prc": []}
    for _ in range(3):
        rounds["one"].append(timed("threads", 1, blocks_worker,
                                   lambda k: (range(args.py_blocks), block)))
        rounds["thr"].append(timed("threads", n, blocks_worker, split))
        rounds["prc"].append(timed("processes", n, blocks_worker, split))
    one, thr, prc = (statistics.median(rounds[k]) for k in ("one", "thr", "prc"))
    print(f"cpython.cpu_bound.one_s: {one:.2f}")
    print(f"cpython.cpu_bound.threads_ratio: {thr / one:.2f}")
    print(f"cpython.cpu_bound.processes_ratio: {prc / one:.2f}")

    fl = args.forkline
    work = ["--param", "work=1000"]
    runs = {"one": [], "thr": [], "prc": [], "nogil": []}
    for _ in range(3):
        runs["one"].append(forkline_wall(fl, "cpu-bound", "threads", 1, work))
        runs["thr"].append(forkline_wall(fl, "cpu-bound", "threads", n, work))
        runs["prc"].append(forkline_wall(fl, "cpu-bound", "fork", n, work))
        runs["nogil"].append(forkline_wall(fl, "cpu-bound", "threads", n, work + ["--no-gil"]))
    f_one, f_thr, f_prc, f_nogil = (statistics.median(runs[k]) for k in ("one", "thr", "prc", "nogil"))
    print(f"forkline.cpu_bound.one_s: {f_one:.2f}")
    print(f"forkline.cpu_bound.threads_ratio: {f_thr / f_one:.2f}")
    print(f"forkline.cpu_bound.processes_ratio: {f_prc / f_one:.2f}")
    print(f"forkline.cpu_bound.threads_nogil_ratio: {f_nogil / f_one:.2f}")


if __name__ == "__main__":
    main()
