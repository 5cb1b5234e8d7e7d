# numbers_letters.py — Forkline example
#
# Copyright 2026 The Forkline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# forkline-id: py-numbers-letters
# forkline-title: Numbers and letters
# forkline-description: Workers print numbers or letters and sleep after each line; as threads or processes, they sleep side by side.
# forkline-preset: numbers-letters

import argparse
import multiprocessing
import string
import threading
import time


def numbers(count, delay):
    for i in range(count):
        print("Number:", i + 1)
        time.sleep(delay)


def letters(count, delay):
    for i in range(count):
        print("Letter:", string.ascii_lowercase[i % 26])
        time.sleep(delay)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--mode", choices=("threads", "processes"), default="threads")
    parser.add_argument("--count", type=int, default=5)
    parser.add_argument("--delay", type=float, default=0.5)
    args = parser.parse_args()

    make = threading.Thread if args.mode == "threads" else multiprocessing.Process
    workers = []
    for k in range(args.workers):
        target = numbers if k % 2 == 0 else letters
        name = "%s-%d" % (target.__name__, k + 1)
        workers.append(make(target=target, args=(args.count, args.delay), name=name))
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("Both kinds are done!")


if __name__ == "__main__":
    main()
