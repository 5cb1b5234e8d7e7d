# cpu_bound.py — Forkline example
#
# Copyright 2026 The Forkline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# forkline-id: py-cpu-bound
# forkline-title: CPU-bound work split over workers
# forkline-description: Counting primes below a limit, the range split over N workers: threads take turns holding the GIL, processes run at once.
# forkline-preset: cpu-bound

import argparse
import multiprocessing
import threading


def count_primes(lo, hi, results, index):
    count = 0
    for n in range(max(lo, 2), hi):
        d = 2
        while d * d <= n:
            if n % d == 0:
                break
            d += 1
        else:
            count += 1
    results[index] = count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--mode", choices=("threads", "processes"), default="threads")
    parser.add_argument("--limit", type=int, default=200000)
    args = parser.parse_args()

    step = args.limit // args.workers + 1
    if args.mode == "threads":
        results = [0] * args.workers
        make = threading.Thread
    else:
        results = multiprocessing.Array("l", args.workers)
        make = multiprocessing.Process
    workers = [make(target=count_primes, args=(k * step, min(args.limit, (k + 1) * step), results, k),
                    name="primes-%d" % (k + 1))
               for k in range(args.workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("Primes below %d: %d" % (args.limit, sum(results[:])))


if __name__ == "__main__":
    main()
