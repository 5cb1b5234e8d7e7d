# squares_cubes.py — Forkline example
#
# Copyright 2026 The Forkline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# forkline-id: py-squares-cubes
# forkline-title: Squares and cubes
# forkline-description: Two kinds of worker get the same list as an argument: one prints squares, the other cubes.

import argparse
import multiprocessing
import threading
import time


def squares(values, delay):
    for v in values:
        print("Square of %d is %d" % (v, v * v))
        time.sleep(delay)


def cubes(values, delay):
    for v in values:
        print("Cube of %d is %d" % (v, v * v * v))
        time.sleep(delay)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--mode", choices=("threads", "processes"), default="threads")
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument("values", type=int, nargs="*", default=[2, 3, 4, 5])
    args = parser.parse_args()

    make = threading.Thread if args.mode == "threads" else multiprocessing.Process
    workers = [make(target=squares if k % 2 == 0 else cubes, args=(args.values, args.delay),
                    name=("squares-%d" if k % 2 == 0 else "cubes-%d") % (k + 1))
               for k in range(args.workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("Done")


if __name__ == "__main__":
    main()
