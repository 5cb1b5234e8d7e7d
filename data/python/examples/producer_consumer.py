# producer_consumer.py — Forkline example
#
# Copyright 2026 The Forkline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# forkline-id: py-producer-consumer
# forkline-title: A queue between producers and a consumer
# forkline-description: Producers put items on a queue, a consumer takes them off; the consumer waits while the queue is empty.

import argparse
import multiprocessing
import queue
import threading
import time


def produce(q, k, items, delay):
    for i in range(items):
        time.sleep(delay)
        q.put("item %d.%d" % (k, i))
    q.put(None)


def consume(q, producers):
    done = 0
    got = 0
    while done < producers:
        item = q.get()
        if item is None:
            done += 1
        else:
            got += 1
            print("Consumed", item)
    print("Consumer got %d items" % got)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2, help="producers")
    parser.add_argument("--mode", choices=("threads", "processes"), default="threads")
    parser.add_argument("--items", type=int, default=5)
    parser.add_argument("--delay", type=float, default=0.05)
    args = parser.parse_args()

    if args.mode == "threads":
        q, make = queue.Queue(), threading.Thread
    else:
        q, make = multiprocessing.Queue(), multiprocessing.Process
    consumer = make(target=consume, args=(q, args.workers), name="consumer")
    producers = [make(target=produce, args=(q, k + 1, args.items, args.delay), name="producer-%d" % (k + 1))
                 for k in range(args.workers)]
    consumer.start()
    for p in producers:
        p.start()
    for p in producers:
        p.join()
    consumer.join()


if __name__ == "__main__":
    main()
