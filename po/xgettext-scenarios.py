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
    others = [e for e in entries if not e.endswith('.scenario')]

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

    if not scenarios:
        return 0

    output = option_value(args, '-o', '--output') or 'messages.po'
    outdir = option_value(args, '-p', '--output-dir')
    path = os.path.join(outdir, output) if outdir and not os.path.isabs(output) else output
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
