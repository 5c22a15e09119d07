#!/usr/bin/env python3
"""Timing programs for calibrating the step budget (`arc-solver bench steps`).

    python3 scripts/make_calibration_programs.py            # writes tests/calibration/programs.jsonl

The differential corpus is made of programs that finish in milliseconds; calibrating the budget
against time needs programs that run for up to a second or more in CPython. Each *kind* below is
the work pattern of an LLM-written ARC solution (cell loops over lists and arrays, flood fills,
comprehensions, vectorised numpy, scipy.ndimage.label, Counter/sorted, try/except neighbour probes,
small classes, deepcopy, ...), repeated `REPS` times; the repetition counts are spread so CPython
takes from about 2 ms to about 1.5 s per program on the 30x30 task `c0rp0017` of
tests/corpus/challenges.json. Every program returns a valid grid.

`--probe` prints each kind's CPython time at one repetition (to choose the counts below); the file
itself does not depend on the machine: same script, same bytes.
"""

import argparse
import json
import os
import sys
import time

TASK = "c0rp0017"
OUT = "tests/calibration/programs.jsonl"

# name -> template; `{reps}` is the repetition count.
KINDS = {
    "tight_range_loop": """
def transform(grid):
    s = 0
    for i in range({reps} * 1000):
        s += i
    return [row[:] for row in grid]
""",
    "while_counter": """
def transform(grid):
    i = 0
    n = {reps} * 1000
    hits = 0
    while i < n:
        if i % 3 == 0:
            hits += 1
        i += 1
    return [row[:] for row in grid]
""",
    "list_cell_loops": """
def transform(grid):
    h, w = len(grid), len(grid[0])
    out = [row[:] for row in grid]
    for _ in range({reps}):
        count = 0
        for r in range(h):
            for c in range(w):
                if grid[r][c] != 0 and (r + c) % 2 == 0:
                    count += 1
        out[0][0] = count % 10
    return out
""",
    "comprehensions": """
def transform(grid):
    h, w = len(grid), len(grid[0])
    t = grid
    for _ in range({reps}):
        t = [[grid[r][c] for r in range(h)] for c in range(w)]
        t = [[v for v in row] for row in t]
    return [row[:] for row in grid]
""",
    "generator_sums": """
def transform(grid):
    total = 0
    for _ in range({reps}):
        total += sum(1 for row in grid for v in row if v)
        total += max((v for row in grid for v in row), default=0)
    return [[total % 10]]
""",
    "helper_call_per_cell": """
def neighbours(grid, r, c):
    n = 0
    for dr, dc in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        rr, cc = r + dr, c + dc
        if 0 <= rr < len(grid) and 0 <= cc < len(grid[0]) and grid[rr][cc] == grid[r][c]:
            n += 1
    return n

def transform(grid):
    h, w = len(grid), len(grid[0])
    out = [row[:] for row in grid]
    for _ in range({reps}):
        for r in range(h):
            for c in range(w):
                if neighbours(grid, r, c) == 0:
                    out[r][c] = 0
    return out
""",
    "bfs_components": """
from collections import deque

def components(grid):
    h, w = len(grid), len(grid[0])
    seen = set()
    comps = []
    for r in range(h):
        for c in range(w):
            if (r, c) in seen:
                continue
            colour = grid[r][c]
            queue = deque([(r, c)])
            seen.add((r, c))
            cells = []
            while queue:
                y, x = queue.popleft()
                cells.append((y, x))
                for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < h and 0 <= nx < w and (ny, nx) not in seen and grid[ny][nx] == colour:
                        seen.add((ny, nx))
                        queue.append((ny, nx))
            comps.append(cells)
    return comps

def transform(grid):
    n = 0
    for _ in range({reps}):
        n = len(components(grid))
    return [[n % 10]]
""",
    "recursive_fill": """
import sys
sys.setrecursionlimit(5000)

def fill(grid, seen, r, c, colour):
    if r < 0 or c < 0 or r >= len(grid) or c >= len(grid[0]):
        return 0
    if seen[r][c] or grid[r][c] != colour:
        return 0
    seen[r][c] = True
    return 1 + fill(grid, seen, r + 1, c, colour) + fill(grid, seen, r - 1, c, colour) + \\
        fill(grid, seen, r, c + 1, colour) + fill(grid, seen, r, c - 1, colour)

def transform(grid):
    best = 0
    for _ in range({reps}):
        seen = [[False] * len(grid[0]) for _ in grid]
        for r in range(len(grid)):
            for c in range(len(grid[0])):
                best = max(best, fill(grid, seen, r, c, grid[r][c]))
    return [[best % 10]]
""",
    "numpy_element_loops": """
import numpy as np

def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    for _ in range({reps}):
        for r in range(h):
            for c in range(w):
                if a[r, c] > 0:
                    a[r, c] = (a[r, c] + 1) % 10
    return a.tolist()
""",
    "numpy_scalar_arithmetic": """
import numpy as np

def transform(grid):
    a = np.array(grid)
    total = np.int64(0)
    for _ in range({reps}):
        for v in a.flat:
            total = (total + v * 3 + 1) % 1000
    return [[int(total) % 10]]
""",
    "numpy_vector_ops": """
import numpy as np

def transform(grid):
    a = np.array(grid)
    for _ in range({reps}):
        b = np.roll(a, 1, axis=0)
        m = a == b
        a = np.where(m, a, b)
        u, counts = np.unique(a, return_counts=True)
        a = np.pad(a, 1)[1:-1, 1:-1]
        a = np.rot90(np.rot90(a, 2), 2)
    return a.tolist()
""",
    "numpy_large_arrays": """
import numpy as np

def transform(grid):
    a = np.array(grid)
    s = 0
    for _ in range({reps}):
        z = np.zeros((120, 120), dtype=np.int64)
        z[:a.shape[0], :a.shape[1]] = a
        z = (z * 3 + 1) % 7
        s += int(z.sum()) + int((z > 3).sum())
    return [[s % 10]]
""",
    "numpy_argwhere_objects": """
import numpy as np

def transform(grid):
    a = np.array(grid)
    out = a.copy()
    for _ in range({reps}):
        for v in np.unique(a):
            pts = np.argwhere(a == v)
            (r0, c0), (r1, c1) = pts.min(axis=0), pts.max(axis=0)
            box = a[r0:r1 + 1, c0:c1 + 1]
            out[r0, c0] = int(box.max())
    return out.tolist()
""",
    "scipy_label": """
import numpy as np
from scipy import ndimage

def transform(grid):
    a = np.array(grid)
    n = 0
    for _ in range({reps}):
        for v in range(10):
            lab, k = ndimage.label(a == v)
            for i in range(1, k + 1):
                n += int((lab == i).sum() > 2)
    return [[n % 10]]
""",
    "counter_sorted": """
from collections import Counter

def transform(grid):
    order = []
    for _ in range({reps}):
        c = Counter(v for row in grid for v in row)
        order = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
        rows = sorted((tuple(r) for r in grid), key=lambda r: sum(r))
    return [[order[0][0]]]
""",
    "try_except_probes": """
def transform(grid):
    h, w = len(grid), len(grid[0])
    out = [row[:] for row in grid]
    for _ in range({reps}):
        for r in range(h):
            for c in range(w):
                same = 0
                for dr, dc in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                    try:
                        if r + dr < 0 or c + dc < 0:
                            raise IndexError
                        if grid[r + dr][c + dc] == grid[r][c]:
                            same += 1
                    except IndexError:
                        pass
                out[r][c] = grid[r][c] if same else 0
    return out
""",
    "class_objects": """
class Cell:
    def __init__(self, r, c, v):
        self.r, self.c, self.v = r, c, v
    def key(self):
        return (self.v, self.r, self.c)
    def near(self, other):
        return abs(self.r - other.r) + abs(self.c - other.c) == 1

def transform(grid):
    best = 0
    for _ in range({reps}):
        cells = [Cell(r, c, v) for r, row in enumerate(grid) for c, v in enumerate(row)]
        cells.sort(key=Cell.key)
        best = sum(1 for a, b in zip(cells, cells[1:]) if a.near(b))
    return [[best % 10]]
""",
    "itertools_product": """
import itertools

def transform(grid):
    h, w = len(grid), len(grid[0])
    n = 0
    for _ in range({reps}):
        for r, c in itertools.product(range(h), range(w)):
            if grid[r][c] == grid[h - 1 - r][c]:
                n += 1
    return [[n % 10]]
""",
    "string_keys": """
def transform(grid):
    seen = {}
    for _ in range({reps}):
        for row in grid:
            key = ",".join(map(str, row))
            seen[key] = seen.get(key, 0) + 1
        for col in zip(*grid):
            seen["c" + "".join(str(v) for v in col)] = 1
    return [[len(seen) % 10]]
""",
    "deepcopy": """
import copy

def transform(grid):
    g = grid
    for _ in range({reps}):
        g = copy.deepcopy(grid)
        g[0][0] = (g[0][0] + 1) % 10
    return g
""",
}

# CPython seconds each program should take (about; on the machine of the --probe run).
TARGETS = [0.003, 0.01, 0.03, 0.1, 0.2, 0.35, 0.5, 0.7, 1.0]


def load_inputs(challenges):
    with open(challenges) as f:
        task = json.load(f)[TASK]
    return [p["input"] for p in task["train"]] + [p["input"] for p in task["test"]]


def time_once(code, inputs):
    ns = {"__name__": "__arc_program__"}
    start = time.thread_time()
    exec(compile(code, "<program>", "exec"), ns)
    for g in inputs:
        ns["transform"]([row[:] for row in g])
    return time.thread_time() - start


def probe(challenges):
    import numpy  # noqa: F401 - imported before timing, as the VM preloads it
    import scipy.ndimage  # noqa: F401

    inputs = load_inputs(challenges)
    for name, template in KINDS.items():
        # The slope between 1 and 21 repetitions: the fixed cost (module, input copies) drops out.
        t1, t21 = (
            min(time_once(template.replace("{reps}", str(n)), inputs) for _ in range(3)) for n in (1, 21)
        )
        print(f'    "{name}": {(t21 - t1) / 20:.6f},')


# CPython seconds (thread CPU time) per repetition, from `--probe` (numpy 2.4, Python 3.11, on the
# development machine); only used to spread the repetition counts.
PER_REP = {
    "tight_range_loop": 0.000110,
    "while_counter": 0.000229,
    "list_cell_loops": 0.000104,
    "comprehensions": 0.000166,
    "generator_sums": 0.000136,
    "helper_call_per_cell": 0.001623,
    "bfs_components": 0.002455,
    "recursive_fill": 0.002915,
    "numpy_element_loops": 0.000339,
    "numpy_scalar_arithmetic": 0.000399,
    "numpy_vector_ops": 0.000212,
    "numpy_large_arrays": 0.000194,
    "numpy_argwhere_objects": 0.000376,
    "scipy_label": 0.001324,
    "counter_sorted": 0.000210,
    "try_except_probes": 0.001222,
    "class_objects": 0.001575,
    "itertools_product": 0.000197,
    "string_keys": 0.000559,
    "deepcopy": 0.000632,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--challenges", default="tests/corpus/challenges.json")
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--probe", action="store_true", help="print CPython seconds per repetition and exit")
    ap.add_argument(
        "--up-to",
        type=float,
        default=max(TARGETS),
        help="only the sizes meant to take at most this many CPython seconds (a lighter set for "
        "`bench exec`: --up-to 0.1 --out /tmp/cal-0.1.jsonl)",
    )
    args = ap.parse_args()
    if args.probe:
        probe(args.challenges)
        return
    lines = []
    for name, template in KINDS.items():
        reps_seen = set()
        for target in (t for t in TARGETS if t <= args.up_to):
            reps = max(1, round(target / PER_REP[name]))
            if reps in reps_seen:
                continue
            reps_seen.add(reps)
            code = template.replace("{reps}", str(reps)).lstrip("\n")
            pid = f"cal_{name}_{reps}"
            lines.append(json.dumps({"id": pid, "task_id": TASK, "code": code}, separators=(",", ":")))
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "w") as f:
        f.write("".join(line + "\n" for line in lines))
    os.replace(tmp, args.out)
    print(f"{len(lines)} programs -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
