# sitecustomize.py — Forkline's probe, loaded at interpreter start
#
# Copyright 2026 The Forkline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Forkline puts this file's folder first on PYTHONPATH of the program it
# observes, so that every Python process of the program (the main one,
# fork, spawn and forkserver children, subprocesses running Python) loads
# it at start-up.  It tells the observer, through the FIFO named by
# FORKLINE_PROBE, what only the interpreter knows: thread starts and ends
# with their names and native ids, process names, children reaped, and
# every line written to sys.stdout and sys.stderr with the thread that
# wrote it.  It runs nothing per call or per bytecode (no settrace, no
# setprofile): a few class attributes are replaced once.  Then it takes
# its folder off sys.path and imports the next sitecustomize on the path,
# the user's own, as if it had been first.  Every failure here is silent:
# the program must run as it would without Forkline.

import os
import sys


def _forkline_probe():
    path = os.environ.get("FORKLINE_PROBE")
    if not path:
        return
    try:
        import time
    except Exception:
        return

    # Records are JSON, written by hand: importing json (and re) would
    # add to every interpreter's start-up.
    escapes = {i: "\\u%04x" % i for i in range(32)}
    escapes[ord('"')] = '\\"'
    escapes[ord("\\")] = "\\\\"

    def encode(value):
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if isinstance(value, int):
            return str(value)
        return '"' + str(value).translate(escapes) + '"'

    state = {"fd": -1, "pid": os.getpid()}
    partial = {}        # (stream, thread ident) -> text not yet ended by "\n"
    limit = 3000        # bytes of text per record: a record stays under PIPE_BUF

    def send(**record):
        fd = state["fd"]
        if fd < 0:
            return
        record["pid"] = os.getpid()
        record["t"] = time.monotonic_ns()
        try:
            text = "{" + ",".join('"%s":%s' % (k, encode(v)) for k, v in record.items()) + "}\n"
            os.write(fd, text.encode("utf-8", "replace"))
        except Exception:
            state["fd"] = -1
            try:
                os.close(fd)
            except Exception:
                pass

    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        os.set_blocking(fd, True)
        state["fd"] = fd
    except Exception:
        return

    mods = {}

    def tid():
        threading = mods.get("threading") or sys.modules.get("threading")
        native_id = getattr(threading, "get_native_id", None) if threading else None
        if native_id is not None:
            return native_id()
        return os.getpid() if not threading else None

    def gil_enabled():
        check = getattr(sys, "_is_gil_enabled", None)
        if check is not None:
            try:
                return bool(check())
            except Exception:
                return None
        return True

    def hello():
        send(e="proc", ppid=os.getppid(), tid=tid(),
             ver="%d.%d.%d" % sys.version_info[:3], gil=gil_enabled(),
             exe=sys.executable or "")

    hello()

    # Threads: their names and native ids, at start and at end; patched
    # when the program imports threading, not before.
    def patch_threading(threading):
        mods["threading"] = threading
        Thread = threading.Thread
        orig_inner = getattr(Thread, "_bootstrap_inner", None)
        if orig_inner is None:
            return

        def _bootstrap_inner(self):
            try:
                send(e="thread", tid=tid(), name=str(self.name))
            except Exception:
                pass
            try:
                orig_inner(self)
            finally:
                try:
                    send(e="thread_end", tid=tid())
                except Exception:
                    pass
        Thread._bootstrap_inner = _bootstrap_inner

        # Joins, for the timeline's arrows: once per thread, when it is over.
        orig_join = Thread.join

        def join(self, *args, **kwargs):
            target = getattr(self, "native_id", None)
            waiting = False
            try:
                if target is not None and self.is_alive():
                    send(e="join_begin", tid=tid(), target=target)
                    waiting = True
            except Exception:
                pass
            try:
                return orig_join(self, *args, **kwargs)
            finally:
                try:
                    over = target is not None and not self.is_alive()
                    if waiting or over:
                        first = over and not getattr(self, "_forkline_joined", False)
                        if first:
                            self._forkline_joined = True
                        send(e="join_end", tid=tid(), target=target, over=first)
                except Exception:
                    pass
        join.__doc__ = orig_join.__doc__
        Thread.join = join

    # multiprocessing names its processes in the child, in _bootstrap.
    def patch_process(mp_process):
        orig_boot = mp_process.BaseProcess._bootstrap

        def _bootstrap(self, *args, **kwargs):
            try:
                send(e="name", tid=os.getpid(), name=str(self.name))
            except Exception:
                pass
            return orig_boot(self, *args, **kwargs)
        mp_process.BaseProcess._bootstrap = _bootstrap

    hooks = {"threading": patch_threading, "multiprocessing.process": patch_process}

    class Finder(object):
        # Runs the hook right after the module's own code, once.
        def find_spec(self, name, path=None, target=None):
            hook = hooks.pop(name, None)
            if hook is None:
                return None
            try:
                import importlib.machinery
                spec = importlib.machinery.PathFinder.find_spec(name, path)
            except Exception:
                return None
            loader = getattr(spec, "loader", None) if spec is not None else None
            if loader is None or not hasattr(loader, "exec_module"):
                return spec
            orig_exec = loader.exec_module

            def exec_module(module):
                orig_exec(module)
                try:
                    hook(module)
                except Exception:
                    pass
            loader.exec_module = exec_module
            return spec

    for name in list(hooks):
        if name in sys.modules:
            try:
                hooks.pop(name)(sys.modules[name])
            except Exception:
                pass
    sys.meta_path.insert(0, Finder())

    # Children reaped, with their wait status: subprocess and
    # multiprocessing both call os.waitpid.
    orig_waitpid = os.waitpid

    def waitpid(pid, options):
        result = orig_waitpid(pid, options)
        try:
            if result[0] > 0:
                send(e="reap", tid=tid(), child=result[0], status=result[1])
        except Exception:
            pass
        return result
    try:
        waitpid.__doc__ = orig_waitpid.__doc__
        os.waitpid = waitpid
    except Exception:
        pass

    # A forked child: a new process, whose only thread is the one that forked.
    def after_fork():
        partial.clear()
        hello()
    try:
        os.register_at_fork(after_in_child=after_fork)
    except Exception:
        pass

    try:
        from _thread import get_ident
    except Exception:
        def get_ident():
            return 0

    # Lines written to stdout and stderr, with the thread that wrote them;
    # the text itself goes on to the real stream, unchanged.
    def note(stream, text):
        if not isinstance(text, str) or not text:
            return
        key = (stream, get_ident())
        pending = partial.get(key, "") + text
        while True:
            nl = pending.find("\n")
            if nl < 0:
                break
            line, pending = pending[:nl], pending[nl + 1:]
            send(e="out", tid=tid(), s=stream, text=line[:limit])
        if len(pending) > limit:
            send(e="out", tid=tid(), s=stream, text=pending[:limit], cut=True)
            pending = ""
        if pending:
            partial[key] = pending
        else:
            partial.pop(key, None)

    class Stream(object):
        __slots__ = ("_forkline_inner", "_forkline_stream")

        def __init__(self, inner, stream):
            object.__setattr__(self, "_forkline_inner", inner)
            object.__setattr__(self, "_forkline_stream", stream)

        def write(self, text):
            try:
                note(self._forkline_stream, text)
            except Exception:
                pass
            return self._forkline_inner.write(text)

        def writelines(self, lines):
            for line in lines:
                self.write(line)

        def __getattr__(self, name):
            return getattr(self._forkline_inner, name)

        def __setattr__(self, name, value):
            setattr(self._forkline_inner, name, value)

        def __iter__(self):
            return iter(self._forkline_inner)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self._forkline_inner.__exit__(*exc)

    # Whole lines reach the observer as they are printed, as they reach
    # a terminal: line buffering, not a block buffer that fills at exit.
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and not stream.line_buffering:
                stream.reconfigure(line_buffering=True)
        except Exception:
            pass
    if sys.stdout is not None:
        sys.stdout = Stream(sys.stdout, 1)
    if sys.stderr is not None:
        sys.stderr = Stream(sys.stderr, 2)


def _forkline_chain():
    # Our folder off the path, and the next sitecustomize, the user's, in.
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    own = sys.modules.pop("sitecustomize", None)
    try:
        import sitecustomize  # noqa: F401
    except ImportError as exc:
        sys.modules["sitecustomize"] = own
        if getattr(exc, "name", None) != "sitecustomize":
            _forkline_site_error(exc)
    except Exception as exc:
        sys.modules["sitecustomize"] = own
        _forkline_site_error(exc)


def _forkline_site_error(exc):
    # What site.execsitecustomize() says when a sitecustomize fails.
    if sys.flags.verbose:
        sys.excepthook(*sys.exc_info())
    else:
        sys.stderr.write("Error in sitecustomize; set PYTHONVERBOSE for traceback:\n"
                         "%s: %s\n" % (exc.__class__.__name__, exc))


try:
    _forkline_probe()
except Exception:
    pass
_forkline_chain()
