# race_counter.py — Forkline example
#
# Copyright 2026 The Forkline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# forkline-id: py-race-counter
# forkline-title: A shared counter without a lock
# forkline-description: Workers add one to a shared counter many times; without a lock, updates get lost (threads: a global; processes: a multiprocessing.Value).

import argparse
import multiprocessing
import sys
import threading

counter = 0


def plus_one(value):
    return value + 1


def add_thread(times, lock, start):
    global counter
    start.wait()
    for _ in range(times):
        if lock:
            with lock:
                counter = plus_one(counter)
        else:
            # Read, compute, write: another thread may write in between
            # (CPython may switch threads when a function is called).
            value = counter
            counter = plus_one(value)


def add_process(shared, times, use_lock):
    for _ in range(times):
        if use_lock:
            with shared.get_lock():
                shared.value += 1
        else:
            shared.value += 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--mode", choices=("threads", "processes"), default="threads")
    parser.add_argument("--times", type=int, default=200000)
    parser.add_argument("--lock", action="store_true")
    args = parser.parse_args()

    if args.mode == "threads":
        # Switch threads often, so that the lost updates show in a short run.
        sys.setswitchinterval(1e-6)
        lock = threading.Lock() if args.lock else None
        start = threading.Barrier(args.workers)
        workers = [threading.Thread(target=add_thread, args=(args.times, lock, start), name="adder-%d" % (k + 1))
                   for k in range(args.workers)]
    else:
        shared = multiprocessing.Value("l", 0)
        workers = [multiprocessing.Process(target=add_process, args=(shared, args.times, args.lock),
                                           name="adder-%d" % (k + 1))
                   for k in range(args.workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    final = counter if args.mode == "threads" else shared.value
    expected = args.workers * args.times
    print("Counter: %d, expected %d, lost %d" % (final, expected, expected - final))


if __name__ == "__main__":
    main()
