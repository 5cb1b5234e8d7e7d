#!/usr/bin/env python3
# test-a11y.py — drives Forkline's window through the accessibility tree
#
# Copyright 2026 The Forkline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What a screen reader user meets: a preset is selected by its name, Run is
# pressed, the verdict is read, Compare is opened; the timeline, the CPU
# chart and the memory diagram have text alternatives, the comparison's
# timelines have names of their own, no button is nameless and no name
# shows a mnemonic's underscore; a Python program opened with --open
# shows its source as a text named after the file.  Needs a display, a session bus and
# pyatspi (python3-pyatspi, at-spi2-core): without them it skips.

import os
import socket
import subprocess
import sys
import tempfile
import time

tests = []

# The harness's own AT-SPI client (libatspi's dbind) warns when it asks an
# application for its cache before the application has exported it, as
# happens when an application starts while the desktop's list is read.
# Those warnings are printed, not made fatal here (GLib reads G_DEBUG when
# it is loaded, so before pyatspi is imported); the application under test
# runs without G_DEBUG anyway (see main()).
if 'fatal-warnings' in os.environ.get('G_DEBUG', ''):
    os.environ['G_DEBUG'] = ','.join(flag for flag in os.environ['G_DEBUG'].split(',')
                                      if flag != 'fatal-warnings')


def tap_skip(reason):
    print('1..0 # SKIP ' + reason)
    sys.exit(0)


try:
    import pyatspi
except ImportError:
    # pyatspi is Debian's, for the system's Python: another python3 first
    # on the PATH (pyenv, a venv) does not see it.
    system = '/usr/bin/python3'
    if os.path.realpath(sys.executable) != os.path.realpath(system) and os.path.exists(system) \
            and not os.environ.get('FORKLINE_A11Y_REEXEC'):
        os.environ['FORKLINE_A11Y_REEXEC'] = '1'
        os.execv(system, [system] + sys.argv)
    tap_skip('pyatspi is not installed (python3-pyatspi)')

if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
    tap_skip('no display')
if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    tap_skip('no session bus (run under dbus-run-session)')

N_TESTS = 9
count = 0
failed = False


def ok(condition, what, detail=''):
    global count, failed
    count += 1
    if condition:
        print('ok %d - %s' % (count, what))
    else:
        failed = True
        print('not ok %d - %s' % (count, what))
        for line in str(detail).splitlines():
            print('# ' + line)
    sys.stdout.flush()


def walk(acc, depth=0):
    if acc is None or depth > 60:
        return
    yield acc
    try:
        n = acc.childCount
    except Exception:
        return
    for i in range(n):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


def showing(acc):
    # GTK 4.8 sets "visible" but never "showing": a widget on a stack's
    # hidden page counts as visible too.
    try:
        return acc.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def role(acc):
    try:
        return acc.getRoleName()
    except Exception:
        return ''


def find_all(root, pred):
    out = []
    for acc in walk(root):
        try:
            if pred(acc):
                out.append(acc)
        except Exception:
            pass
    return out


def wait_for(pred, timeout, step=0.25):
    end = time.monotonic() + timeout
    while True:
        value = pred()
        if value or time.monotonic() > end:
            return value
        time.sleep(step)


def x_server_state():
    # Whether the X server of $DISPLAY still takes connections: when the
    # virtual display dies under the suite, the failure should say so.
    display = os.environ.get('DISPLAY', '')
    if not display.startswith(':'):
        return 'DISPLAY is %r' % display
    number = display[1:].split('.')[0]
    for address in ('\0/tmp/.X11-unix/X' + number, '/tmp/.X11-unix/X' + number):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(address)
            return 'the X server of %s takes connections' % display
        except OSError:
            pass
        finally:
            s.close()
    return 'the X server of %s takes no connections (the virtual display is gone)' % display


def why_no_app(process):
    status = process.poll()
    if status is None:
        return 'forkline runs, but no application named forkline is on the accessibility bus; ' + x_server_state()
    return 'forkline exited with status %d; %s' % (status, x_server_state())


def find_app():
    for acc in pyatspi.Registry.getDesktop(0):
        try:
            if acc is not None and acc.name and 'forkline' in acc.name.lower():
                return acc
        except Exception:
            pass
    return None


def frame_name(app):
    for acc in app:
        if role(acc) == 'frame':
            return acc.name or ''
    return ''


def press(button):
    action = button.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ('click', 'activate', 'press'):
            return action.doAction(i)
    return action.doAction(0)


def image(app, name_start):
    found = find_all(app, lambda a: role(a) == 'image' and (a.name or '').startswith(name_start))
    return found[0] if found else None


def description(acc):
    try:
        return acc.description or ''
    except Exception:
        return ''


PENDING = 'described when the run has ended'


def main():
    binary = os.environ.get('FORKLINE_BIN') or (sys.argv[1] if len(sys.argv) > 1 else None)
    if not binary:
        tap_skip('FORKLINE_BIN is not set')
    print('1..%d' % N_TESTS)
    sys.stdout.flush()

    home = tempfile.mkdtemp(prefix='forkline-a11y-')
    env = dict(os.environ)
    env.update({
        'GSETTINGS_BACKEND': 'memory',
        'XDG_CONFIG_HOME': home,
        'GDK_DEBUG': 'gl-disable',
        'GSK_RENDERER': 'cairo',
        'GTK_A11Y': 'atspi',
        'NO_AT_BRIDGE': '0',
    })
    env.pop('G_DEBUG', None)
    app_process = subprocess.Popen([binary], env=env)
    try:
        app = wait_for(find_app, 30)
        if app is None:
            ok(False, 'the window appears in the accessibility tree', why_no_app(app_process))
            return
        wait_for(lambda: frame_name(app), 15)

        # Buttons: each has a name, and none shows a mnemonic's underscore.
        buttons = [b for b in find_all(app, lambda a: role(a) in ('push button', 'toggle button')) if showing(b)]
        nameless = [b for b in buttons if not b.name or b.name.startswith('Gtk') or b.name.startswith('Adw')]
        underscored = [b.name for b in buttons if b.name and '_' in b.name]
        ok(buttons and not nameless and not underscored,
           'every visible button has a name without an underscore',
           'nameless: %s\nunderscored: %s' % ([role(b) + ' ' + repr(b.name) for b in nameless], underscored))

        # The gallery: rows named after their scenario; select one by name.
        title = 'Numbers and letters'
        rows = find_all(app, lambda a: role(a) == 'list item' and a.name == title)
        ok(len(rows) == 1, 'the gallery row is named after its scenario', '%d rows' % len(rows))
        if not rows:
            return
        row = rows[0]
        parent = row.parent
        selected = False
        try:
            selection = parent.querySelection()
            selected = selection.selectChild(row.getIndexInParent())
        except NotImplementedError:
            pass
        if not selected:
            row.queryComponent().grabFocus()
            press(row)
        shown = wait_for(lambda: frame_name(app).startswith(title), 15)

        # Run, and read the verdict.
        def run_button():
            for b in find_all(app, lambda a: role(a) == 'push button' and a.name == 'Run'):
                if showing(b) and b.getState().contains(pyatspi.STATE_SENSITIVE):
                    return b
            return None

        button = wait_for(run_button, 10)
        if button is not None and shown:
            press(button)

        def verdict():
            labels = [a for a in find_all(app, lambda a: role(a) == 'label') if showing(a)]
            for i, label in enumerate(labels):
                if label.name == 'What the Run Showed' and i + 1 < len(labels):
                    text = labels[i + 1].name or ''
                    if text and not text.startswith('Run the scenario'):
                        return text
            return None

        text = wait_for(verdict, 90)
        ok(shown and button is not None and text and 'worker' in text,
           'select “%s” by name, Run, and read the verdict' % title, 'verdict: %r' % text)

        # The views' text alternatives.
        timeline = wait_for(lambda: image(app, 'Timeline of the run'), 10)
        t = wait_for(lambda: PENDING not in description(timeline) and description(timeline), 20) if timeline else ''
        ok(t and 'lanes over' in t and ('exited' in t or 'crashed' in t),
           'the timeline says who ran, waited and ended', repr(t))
        cpu = image(app, 'CPU use of the run')
        c = wait_for(lambda: PENDING not in description(cpu) and description(cpu), 20) if cpu else ''
        ok(c and 'busy on average' in c and 'CPU time of the run' in c,
           'the CPU chart says how busy the cores were', repr(c))
        memory = image(app, 'Memory of the run')
        m = wait_for(lambda: PENDING not in description(memory) and description(memory), 20) if memory else ''
        ok(m and 'address space' in m and 'resident' in m,
           'the memory diagram says what each address space holds', repr(m))

        # Compare: three (or two) timelines, told apart by their names.
        compare = [b for b in find_all(app, lambda a: role(a) == 'push button' and a.name == 'Compare') if showing(b)]
        if compare:
            press(compare[0])
        comparing = wait_for(lambda: frame_name(app).startswith('Comparing'), 15)

        def compare_timelines():
            found = find_all(app, lambda a: role(a) == 'image' and
                             (a.name or '').startswith('Timeline of run '))
            return found if len(found) >= 2 else None

        timelines = wait_for(compare_timelines, 15) or []
        names = set(t.name for t in timelines)
        ok(comparing and len(timelines) >= 2 and len(names) == len(timelines),
           'Compare opens, its timelines have names of their own', sorted(names))

        def all_described():
            return all(PENDING not in description(t) and description(t) for t in timelines)

        described = timelines and wait_for(all_described, 180, 0.5)
        ok(described, 'each compared run is described once it has ended',
           '\n'.join('%s: %s' % (t.name, description(t)) for t in timelines))
    finally:
        app_process.terminate()
        try:
            app_process.wait(10)
        except subprocess.TimeoutExpired:
            app_process.kill()
            app_process.wait()
        subprocess.run(['rm', '-rf', home])
    program_editor(binary, env)


def program_editor(binary, env):
    # A Python program opened in the window: its source is a named text.
    example = os.path.join(os.environ.get('FORKLINE_DATA_DIR', ''), 'python', 'examples', 'numbers_letters.py')
    if not os.path.exists(example):
        here = os.path.dirname(os.path.abspath(__file__))
        example = os.path.join(here, '..', 'data', 'python', 'examples', 'numbers_letters.py')
    home = tempfile.mkdtemp(prefix='forkline-a11y-')
    env = dict(env)
    env['XDG_CONFIG_HOME'] = home
    process = subprocess.Popen([binary, '--open', example], env=env)
    try:
        app = wait_for(find_app, 30)

        def editor():
            if app is None:
                return None
            found = [a for a in find_all(app, lambda a: role(a) == 'text' and
                                         (a.name or '').startswith('Program source'))
                     if showing(a)]
            return found[0] if found else None

        text = wait_for(editor, 30)
        ok(text is not None and 'numbers_letters.py' in text.name,
           'an opened program\'s source is a text named after its file',
           repr(text.name if text is not None else None))
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        subprocess.run(['rm', '-rf', home])


main()
if count < N_TESTS:
    for i in range(count + 1, N_TESTS + 1):
        print('not ok %d - not reached' % i)
    failed = True
sys.exit(1 if failed else 0)
