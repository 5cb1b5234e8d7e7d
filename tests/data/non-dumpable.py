# non-dumpable.py — a program that makes itself non-dumpable, then waits
#
# Copyright 2026 The Forkline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# prctl(PR_SET_DUMPABLE, 0) makes the kernel refuse /proc/PID/task/TID/syscall
# to an observer without CAP_SYS_PTRACE, as Yama's ptrace_scope 2 or 3 would:
# tests/test-python.c checks that its sleeping threads are then shown as
# "blocked", and the run says why once.  Root still reads the files.
#
# The main thread sleeps first, while it is still dumpable, so that the
# observer opens its syscall file then: afterwards the kernel refuses the
# read of that open file (EPERM), and the open of the sleepers' files
# (EACCES): one run meets both ways of refusing (the run notes the first).
import ctypes
import threading
import time

PR_SET_DUMPABLE = 4

time.sleep(0.3)

libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
    raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE, 0) failed")

threads = [threading.Thread(target=time.sleep, args=(1,), name=f"sleeper-{i}")
           for i in (1, 2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done")
