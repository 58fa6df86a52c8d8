#!/usr/bin/env python3
"""Wall and CPU time of `clear` runs in fresh JVMs, for the start-up figures in docs/cli.md.

Usage: clearing-server/scripts/measure-startup.py INPUT.csv [ROUNDS]

Runs every variant once to warm the page cache, then ROUNDS rounds of all variants one after the other
(round-robin), so that load from other processes hits all variants alike. Prints, per variant, median and minimum
of the wall time and of the child's user+sys CPU time, and the phase timings the fastest run printed. Needs a
prior `bin/clearing` run (it builds the jar, the class path file and the CDS archive under
clearing-server/target/bin).
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET = os.path.join(ROOT, 'clearing-server', 'target')
MAIN = 'io.clearing.server.cli.ClearingCli'


def jvm_flags():
    with open(os.path.join(ROOT, 'bin', 'jvm.properties')) as properties:
        for line in properties:
            if line.startswith('jvm.flags='):
                return line.split('=', 1)[1].split()
    sys.exit('no jvm.flags in bin/jvm.properties')


def variants(input_csv, out_dir):
    flags = jvm_flags()
    classes = os.path.join(TARGET, 'classes') + ':' + open(os.path.join(TARGET, 'classpath.txt')).read().strip()
    out = ['--out', os.path.join(out_dir, 'setoff.csv')]
    clear = ['clear', input_csv] + out
    script = os.path.join(ROOT, 'bin', 'clearing')
    return {
        'JVM defaults (G1), target/classes': ['java'] + flags + ['-cp', classes, MAIN] + clear,
        'serial GC, target/classes': ['java'] + flags + ['-XX:+UseSerialGC', '-cp', classes, MAIN] + clear,
        'bin/clearing': [script] + clear,
        'bin/clearing --certificate': [script] + clear + ['--certificate', os.path.join(out_dir, 'cert.csv')],
        'bin/clearing --summary-json': [script] + clear + ['--summary-json', os.path.join(out_dir, 's.json')],
    }


def run(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        sys.exit('failed (%d): %s\n%s' % (process.returncode, ' '.join(command), process.stderr))
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    phases = [line.strip() for line in process.stdout.splitlines() if line.startswith('time ms')]
    return wall, cpu, phases[0] if phases else ''


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    input_csv = os.path.abspath(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    with tempfile.TemporaryDirectory() as out_dir:
        commands = variants(input_csv, out_dir)
        for command in commands.values():
            run(command)
        results = {name: [] for name in commands}
        for _ in range(rounds):
            for name, command in commands.items():
                results[name].append(run(command))
    print('%s, %d rounds, load average at the end %.1f' % (input_csv, rounds, os.getloadavg()[0]))
    print('%-36s %12s %12s %12s %12s' % ('variant', 'wall median', 'wall min', 'cpu median', 'cpu min'))
    for name, runs in results.items():
        walls = [r[0] * 1e3 for r in runs]
        cpus = [r[1] * 1e3 for r in runs]
        print('%-36s %10.0fms %10.0fms %10.0fms %10.0fms' % (
            name, statistics.median(walls), min(walls), statistics.median(cpus), min(cpus)))
        print('    fastest: ' + min(runs, key=lambda r: r[0])[2])


if __name__ == '__main__':
    main()
