# pool_map.py — Forkline example
#
# Copyright 2026 The Forkline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# forkline-id: py-pool-map
# forkline-title: A pool's map
# forkline-description: A pool of N workers (concurrent.futures) maps a function over a list; the pool's threads or processes show up as lanes.

import argparse
import concurrent.futures


def work(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--mode", choices=("threads", "processes"), default="threads")
    parser.add_argument("--tasks", type=int, default=8)
    parser.add_argument("--size", type=int, default=100000)
    args = parser.parse_args()

    pool_type = (concurrent.futures.ThreadPoolExecutor if args.mode == "threads"
                 else concurrent.futures.ProcessPoolExecutor)
    with pool_type(max_workers=args.workers) as pool:
        results = list(pool.map(work, [args.size] * args.tasks))
    print("%d results, sum %d" % (len(results), sum(results)))


if __name__ == "__main__":
    main()
