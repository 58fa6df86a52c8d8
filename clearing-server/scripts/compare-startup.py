#!/usr/bin/env python3
"""Interleaved A/B of `bin/clearing clear` between two checkouts: did a change make the batch command slower?

Usage: clearing-server/scripts/compare-startup.py BEFORE_CHECKOUT AFTER_CHECKOUT INPUT.csv [ROUNDS]

Each checkout's bin/clearing is run once to build and warm up, then ROUNDS rounds run both one after the other,
so that load from other processes hits both alike. Prints wall and CPU medians and the median of the per-round
paired differences (after - before), which is the figure least disturbed by a busy machine.
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def run(script, input_csv, out):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.run([script, 'clear', input_csv, '--out', out], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        sys.exit('failed (%d): %s\n%s' % (process.returncode, script, process.stderr))
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    scripts = {'before': os.path.join(os.path.abspath(sys.argv[1]), 'bin', 'clearing'),
               'after': os.path.join(os.path.abspath(sys.argv[2]), 'bin', 'clearing')}
    input_csv = os.path.abspath(sys.argv[3])
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 15
    with tempfile.TemporaryDirectory() as out_dir:
        out = os.path.join(out_dir, 'setoff.csv')
        for script in scripts.values():
            run(script, input_csv, out)
        results = {name: [] for name in scripts}
        for _ in range(rounds):
            for name, script in scripts.items():
                results[name].append(run(script, input_csv, out))
    print('%s, %d interleaved rounds, load average at the end %.1f' % (input_csv, rounds, os.getloadavg()[0]))
    for name, runs in results.items():
        print('%-7s wall median %6.0f ms  min %6.0f ms   cpu median %6.0f ms' % (
            name, statistics.median(r[0] for r in runs) * 1e3, min(r[0] for r in runs) * 1e3,
            statistics.median(r[1] for r in runs) * 1e3))
    walls = [a[0] - b[0] for a, b in zip(results['after'], results['before'])]
    cpus = [a[1] - b[1] for a, b in zip(results['after'], results['before'])]
    print('paired per-round difference (after - before): wall median %+.0f ms, cpu median %+.0f ms' % (
        statistics.median(walls) * 1e3, statistics.median(cpus) * 1e3))


if __name__ == '__main__':
    main()
