#!/usr/bin/env python3
"""Bookkeeping for compare-peers.sh: records one timed run, then prints the side-by-side table.

  peers.py record RUNS.tsv FILE TOOL RUN HEAP EXIT WALL_NS RSS_KB STDOUT SETOFF.csv
      appends one row: the cleared total is summed from SETOFF.csv (exact integers), the solver-only time is
      taken from what the tool printed (STDOUT), see solve_seconds.
  peers.py report RUNS.tsv TARGETS.tsv
      prints, per file: medians of wall and solve time for ours and OR-Tools, their ratio, whether every run of
      both cleared the same total, the heap cap, the peak RSS, and whether the file's target is met.
      Exit 1 when a run failed or the cleared totals differ (timing targets missed only show in the table).
"""
import csv
import re
import statistics
import sys

COLUMNS = ['file', 'tool', 'run', 'heap', 'exit', 'wall_s', 'solve_s', 'cleared', 'obligations', 'rss_mb']

# What each tool prints about its solver alone. OR-Tools (OrToolsClear): "solve_s=0.9", the MinCostFlow Solve() call.
# Ours (bin/clearing clear): "time ms  read 80.1, scc 10.2, ..., write 60.3, total 500.0"; the solver alone is
# every phase between reading and writing (SCC, merge, circulation, certificate, split, verification).
OR_TOOLS_SOLVE = re.compile(r'^\s*solve_s\s*=\s*([0-9.]+)', re.M)
OUR_TIMINGS = re.compile(r'^\s*time ms\s+(.*)$', re.M)
NOT_SOLVER = {'read', 'write', 'total'}


def solve_seconds(stdout_text):
    match = OR_TOOLS_SOLVE.search(stdout_text)
    if match:
        return float(match.group(1))
    match = OUR_TIMINGS.search(stdout_text)
    if match:
        millis = 0.0
        for part in match.group(1).split(','):
            words = part.split()
            if len(words) == 2 and words[0] not in NOT_SOLVER:
                millis += float(words[1])
        return millis / 1000.0
    return None


def sum_setoff(path):
    """Exact integer sum of the set_off column and the number of rows; None when unreadable or not integer."""
    try:
        with open(path, newline='') as f:
            reader = csv.DictReader(f)
            total, rows = 0, 0
            for row in reader:
                total += int(row['set_off'])
                rows += 1
            return total, rows
    except (OSError, KeyError, ValueError, TypeError):
        return None, None


def record(args):
    tsv, file, tool, run, heap, exit_code, wall_ns, rss_kb, stdout_path, setoff_path = args
    with open(stdout_path, errors='replace') as f:
        printed = f.read()
    solve = solve_seconds(printed)
    cleared, rows = sum_setoff(setoff_path) if exit_code == '0' else (None, None)
    row = {
        'file': file, 'tool': tool, 'run': run, 'heap': heap, 'exit': exit_code,
        'wall_s': f'{int(wall_ns) / 1e9:.3f}',
        'solve_s': '' if solve is None else f'{solve:.3f}',
        'cleared': '' if cleared is None else str(cleared),
        'obligations': '' if rows is None else str(rows),
        'rss_mb': '' if rss_kb in ('', '-') else f'{int(rss_kb) / 1024:.0f}',
    }
    new_file = False
    try:
        with open(tsv) as f:
            new_file = f.read(1) == ''
    except FileNotFoundError:
        new_file = True
    with open(tsv, 'a', newline='') as f:
        writer = csv.DictWriter(f, COLUMNS, delimiter='\t')
        if new_file:
            writer.writeheader()
        writer.writerow(row)
    status = 'ok' if exit_code == '0' else f'FAILED (exit {exit_code})'
    print(f'  {tool:8} run {run}: {row["wall_s"]} s wall, solve {row["solve_s"] or "?"} s, '
          f'cleared {row["cleared"] or "?"}, peak RSS {row["rss_mb"] or "?"} MB, {status}')


def median(values):
    return statistics.median(values) if values else None


def fmt(value, digits=2):
    return '-' if value is None else f'{value:.{digits}f}'


def report(args):
    runs_path, targets_path = args
    with open(runs_path, newline='') as f:
        runs = list(csv.DictReader(f, delimiter='\t'))
    targets = {}
    with open(targets_path, newline='') as f:
        for row in csv.DictReader(f, delimiter='\t'):
            targets[row['file']] = row
    files = list(dict.fromkeys(r['file'] for r in runs))
    header = ['file', 'obligations', 'heap', 'runs', 'ours s', 'OR-Tools s', 'ratio', 'ours solver s',
              'OR-Tools solve s', 'cleared equal', 'ours RSS MB', 'OR-Tools RSS MB', 'target', 'met']
    table = [header]
    all_correct = True
    for name in files:
        mine = [r for r in runs if r['file'] == name and r['tool'] == 'ours']
        peer = [r for r in runs if r['file'] == name and r['tool'] == 'ortools']
        ok = lambda rs: [r for r in rs if r['exit'] == '0']
        wall = lambda rs: median([float(r['wall_s']) for r in ok(rs)])
        solve = lambda rs: median([float(r['solve_s']) for r in ok(rs) if r['solve_s']])
        rss = lambda rs: max([int(r['rss_mb']) for r in ok(rs) if r['rss_mb']], default=None)
        ours_s, peer_s = wall(mine), wall(peer)
        ratio = ours_s / peer_s if ours_s is not None and peer_s else None
        cleared = {r['cleared'] for r in mine + peer}
        failed = len(ok(mine)) < len(mine) or len(ok(peer)) < len(peer)
        equal = 'yes' if len(cleared) == 1 and '' not in cleared and not failed else 'NO'
        obligations = next((r['obligations'] for r in mine + peer if r['obligations']), '')
        target = targets.get(name, {})
        max_s, max_ratio = target.get('max_s', ''), target.get('max_ratio', '')
        wanted, met = [], True
        if max_s:
            wanted.append(f'<={max_s} s')
            met &= ours_s is not None and ours_s <= float(max_s)
        if max_ratio:
            wanted.append(f'ratio<={max_ratio}')
            met &= ratio is not None and ratio <= float(max_ratio)
        met &= equal == 'yes'
        all_correct &= equal == 'yes'
        table.append([
            name, f'{int(obligations):,}' if obligations else '?', mine[0]['heap'] if mine else '-',
            f'{len(ok(mine))}+{len(ok(peer))}', fmt(ours_s), fmt(peer_s), fmt(ratio), fmt(solve(mine)),
            fmt(solve(peer)), equal, fmt(rss(mine), 0), fmt(rss(peer), 0),
            ', '.join(wanted) or '-', ('yes' if met else 'NO') if wanted else '-'])
    widths = [max(len(row[c]) for row in table) for c in range(len(header))]
    for i, row in enumerate(table):
        print('  '.join(cell.ljust(widths[c]) if c == 0 else cell.rjust(widths[c]) for c, cell in enumerate(row)))
        if i == 0:
            print('  '.join('-' * w for w in widths))
    print()
    print('ours = bin/clearing clear (read, solve, verify certificate, write); OR-Tools = OrToolsClear (read with our')
    print('reader, MinCostFlow on the whole network, write). Times are medians of wall time per fresh JVM; ratio =')
    print('ours / OR-Tools. Solver alone, as each prints it: ours = SCC, merge, circulation, certificate, split and')
    print('verification; OR-Tools = its Solve() call. RSS = peak resident memory of the process (OR-Tools keeps its')
    print('graph in native memory, outside the Java heap cap).')
    if not all_correct:
        print('ERROR: a run failed or the two solvers cleared different totals (see the runs file).')
    return 0 if all_correct else 1


def main(argv):
    if len(argv) >= 2 and argv[1] == 'record' and len(argv) == 12:
        record(argv[2:])
        return 0
    if len(argv) == 4 and argv[1] == 'report':
        return report(argv[2:])
    sys.exit(__doc__)


if __name__ == '__main__':
    sys.exit(main(sys.argv))
