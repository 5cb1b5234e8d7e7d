# io_bound.py — Forkline example
#
# Copyright 2026 The Forkline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# forkline-id: py-io-bound
# forkline-title: I/O-bound downloads from a local server
# forkline-description: Workers download pages from a slow server on this machine (loopback only): while they wait for I/O they need no core and no GIL, so they overlap.
# forkline-preset: io-bound

import argparse
import http.server
import multiprocessing
import threading
import time
import urllib.request


class SlowHandler(http.server.BaseHTTPRequestHandler):
    delay = 0.2

    def do_GET(self):
        time.sleep(self.delay)
        body = b"x" * 1024
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def download(url, pages):
    total = 0
    for _ in range(pages):
        with urllib.request.urlopen(url) as answer:
            total += len(answer.read())
    print("Downloaded %d bytes" % total)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--mode", choices=("threads", "processes"), default="threads")
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--delay", type=float, default=0.2)
    args = parser.parse_args()

    SlowHandler.delay = args.delay
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler)
    threading.Thread(target=server.serve_forever, name="server", daemon=True).start()
    url = "http://127.0.0.1:%d/" % server.server_address[1]

    make = threading.Thread if args.mode == "threads" else multiprocessing.Process
    started = time.monotonic()
    workers = [make(target=download, args=(url, args.pages), name="download-%d" % (k + 1))
               for k in range(args.workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("%d downloads in %.1f s" % (args.workers * args.pages, time.monotonic() - started))
    server.shutdown()


if __name__ == "__main__":
    main()
