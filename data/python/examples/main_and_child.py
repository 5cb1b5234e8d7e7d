# main_and_child.py — Forkline example
#
# Copyright 2026 The Forkline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# forkline-id: py-main-and-child
# forkline-title: The main process and a child
# forkline-description: The main process starts child processes; each says its own process id and its parent's.

import argparse
import multiprocessing
import os
import time


def child(delay):
    print("Child: my pid is %d, my parent's is %d" % (os.getpid(), os.getppid()))
    time.sleep(delay)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--start-method", choices=("fork", "spawn", "forkserver"), default=None)
    parser.add_argument("--delay", type=float, default=0.2)
    args = parser.parse_args()

    ctx = multiprocessing.get_context(args.start_method)
    print("Main: my pid is %d" % os.getpid())
    children = [ctx.Process(target=child, args=(args.delay,), name="child-%d" % (k + 1))
                for k in range(args.workers)]
    for c in children:
        c.start()
    for c in children:
        c.join()
        print("Main: %s ended with exit code %d" % (c.name, c.exitcode))


if __name__ == "__main__":
    main()
