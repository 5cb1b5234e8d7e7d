#!/usr/bin/env python3
# xgettext-scenarios.py — xgettext that also reads Forkline's scenario files
#
# Copyright 2026 The Forkline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Scenario files (data/scenarios/*.scenario) are key files, which xgettext
# reads with its Desktop parser, but it only picks that parser for names
# ending in .desktop.  po/meson.build makes meson's forkline-pot target run
# this script instead of xgettext: every file of the list but the scenarios
# goes to xgettext as given, then the scenarios' Title, Description,
# LookFor and Label values are added to the same .pot with --language=Desktop.
# Forkline's Python examples (data/python/examples/*.py) are not scanned for
# _() calls: their "# forkline-title:" and "# forkline-description:" header
# lines, which the gallery shows, are added as messages of their own.

import os
import shutil
import subprocess
import sys
import tempfile

SCENARIO_KEYWORDS = ['Title', 'Description', 'LookFor', 'Label']


def option_value(args, short, long):
    """The value of -X VALUE, -XVALUE or --long=VALUE, last one wins."""
    value = None
    for i, arg in enumerate(args):
        if arg == short and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith(short) and len(arg) > len(short) and not arg.startswith('--'):
            value = arg[len(short):]
        elif arg.startswith(long + '='):
            value = arg[len(long) + 1:]
    return value


EXAMPLE_KEYS = ('title', 'description')


def po_quote(text):
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'


def add_example_headers(xgettext, args, examples, path):
    """Adds the examples' header values to the .pot at PATH, with their
    file and line as the reference, through a PO file xgettext reads."""
    directory = option_value(args, '-D', '--directory') or '.'
    entries = []
    for example in examples:
        with open(os.path.join(directory, example), encoding='utf-8') as f:
            for number, line in enumerate(f, 1):
                if number > 40:
                    break
                for key in EXAMPLE_KEYS:
                    prefix = '# forkline-%s:' % key
                    if line.startswith(prefix):
                        value = line[len(prefix):].strip()
                        if value:
                            entries.append((example, number, key, value))
    if not entries:
        return 0
    with tempfile.NamedTemporaryFile('w', suffix='.po', delete=False, encoding='utf-8') as tmp:
        tmp.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
        for example, number, key, value in entries:
            tmp.write('#. The %s of a Python example in the gallery\n' % key)
            tmp.write('#: %s:%d\nmsgid %s\nmsgstr ""\n\n' % (example, number, po_quote(value)))
    try:
        cmd = [xgettext, '--language=PO', '--from-code=UTF-8', '--add-comments', '--output=' + path]
        if os.path.exists(path):
            cmd.append('--join-existing')
        package = option_value(args, '--package-name', '--package-name')
        if package is not None:
            cmd.append('--package-name=' + package)
        return subprocess.call(cmd + [tmp.name])
    finally:
        os.unlink(tmp.name)


def main():
    xgettext = shutil.which('xgettext')
    if xgettext is None:
        sys.exit('xgettext-scenarios: xgettext is not installed')
    args = sys.argv[1:]
    listfile = option_value(args, '-f', '--files-from')
    if listfile is None:
        # Not the pot target: behave exactly as xgettext.
        os.execv(xgettext, [xgettext] + args)

    with open(listfile, encoding='utf-8') as f:
        entries = [line.strip() for line in f]
    entries = [e for e in entries if e and not e.startswith('#')]
    scenarios = [e for e in entries if e.endswith('.scenario')]
    examples = [e for e in entries if e.endswith('.py') and '/python/examples/' in '/' + e]
    others = [e for e in entries if not e.endswith('.scenario') and e not in examples]

    with tempfile.NamedTemporaryFile('w', suffix='.list', delete=False, encoding='utf-8') as tmp:
        tmp.write('\n'.join(others) + '\n')
    try:
        rest = []
        skip = False
        for arg in args:
            if skip:
                skip = False
                continue
            if arg == '-f':
                skip = True
                continue
            if (arg.startswith('-f') and not arg.startswith('--')) or arg.startswith('--files-from='):
                continue
            rest.append(arg)
        rc = subprocess.call([xgettext, '-f', tmp.name] + rest)
        if rc != 0:
            return rc
    finally:
        os.unlink(tmp.name)

    output = option_value(args, '-o', '--output') or 'messages.po'
    outdir = option_value(args, '-p', '--output-dir')
    path = os.path.join(outdir, output) if outdir and not os.path.isabs(output) else output

    if examples:
        rc = add_example_headers(xgettext, args, examples, path)
        if rc != 0:
            return rc

    if not scenarios:
        return 0

    cmd = [xgettext, '--language=Desktop', '--from-code=UTF-8', '-k']
    cmd += ['--keyword=' + k for k in SCENARIO_KEYWORDS]
    for short, long in (('-D', '--directory'), ('-p', '--output-dir'), ('-o', '--output')):
        value = option_value(args, short, long)
        if value is not None:
            cmd += [long + '=' + value]
    package = option_value(args, '--package-name', '--package-name')
    if package is not None:
        cmd += ['--package-name=' + package]
    if os.path.exists(path):
        cmd += ['--join-existing']
    return subprocess.call(cmd + scenarios)


if __name__ == '__main__':
    sys.exit(main())
