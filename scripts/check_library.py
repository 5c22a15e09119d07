#!/usr/bin/env python3
"""Run every built-in library program on a Kaggle-format challenge set under CPython.

Placeholders are filled by Python ports of the Rust learners in src/library/learn.rs (keep the two in
step). For every program it prints how many tasks it gets right on all train pairs, how many on the
test outputs, and how many runs raised; then the number of tasks some program solves (all train pairs
and all test outputs right).

    python3 scripts/check_library.py                      # data/sample evaluation split
    python3 scripts/check_library.py CHALLENGES.json SOLUTIONS.json [--verbose] [--only NAME] [--timing]
"""

import argparse
import json
import os
import sys
import time
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAM_DIR = os.path.join(ROOT, "src", "library", "programs")
DEFAULT_CHALLENGES = os.path.join(ROOT, "data", "sample", "arc-agi_evaluation_challenges.json")
DEFAULT_SOLUTIONS = os.path.join(ROOT, "data", "sample", "arc-agi_evaluation_solutions.json")


def shape(g):
    return (len(g), len(g[0]) if g else 0)


def learn_color_map(train):
    """Cell-wise colour map over train pairs of equal shapes; identity entries dropped."""
    mapping = {}
    any_equal = False
    for pair in train:
        a, b = pair["input"], pair["output"]
        if shape(a) != shape(b):
            continue
        any_equal = True
        for ra, rb in zip(a, b):
            for x, y in zip(ra, rb):
                if mapping.setdefault(x, y) != y:
                    return None
    if not any_equal:
        return None
    mapping = {k: v for k, v in mapping.items() if k != v}
    if not mapping:
        return None
    return "{" + ", ".join(f"{k}: {mapping[k]}" for k in sorted(mapping)) + "}"


def _ratio(train, inverse):
    ratio = None
    for pair in train:
        (ih, iw), (oh, ow) = shape(pair["input"]), shape(pair["output"])
        if inverse:
            (ih, iw), (oh, ow) = (oh, ow), (ih, iw)
        if oh % ih or ow % iw:
            return None
        r = (oh // ih, ow // iw)
        if r[0] == 0 or r[1] == 0:
            return None
        if ratio is None:
            ratio = r
        elif ratio != r:
            return None
    if ratio is None or ratio == (1, 1):
        return None
    return f"({ratio[0]}, {ratio[1]})"


def learn_ratio(train):
    return _ratio(train, False)


def learn_inv_ratio(train):
    return _ratio(train, True)


def learn_out_color(train):
    colours = {v for p in train for row in p["output"] for v in row if v != 0}
    if len(colours) != 1:
        return None
    return str(colours.pop())


def learn_fill_color(train):
    union = set()
    for p in train:
        new = {v for row in p["output"] for v in row} - {v for row in p["input"] for v in row}
        if len(new) > 1:
            return None
        union |= new
    if len(union) != 1:
        return None
    return str(union.pop())


def learn_out_shape(train):
    shapes = {shape(p["output"]) for p in train}
    if len(shapes) != 1:
        return None
    h, w = shapes.pop()
    return f"({h}, {w})"


def background(g):
    counts = Counter(v for row in g for v in row)
    best = max(counts.values())
    if counts.get(0, 0) == best:
        return 0
    return min(c for c in counts if counts[c] == best)


def _components(g, bg):
    """Single-colour 4-connected components of non-background cells, in scan order."""
    h, w = shape(g)
    seen = [[False] * w for _ in range(h)]
    out = []
    for r in range(h):
        for c in range(w):
            if seen[r][c] or g[r][c] == bg:
                continue
            col = g[r][c]
            seen[r][c] = True
            stack = [(r, c)]
            cells = []
            while stack:
                y, x = stack.pop()
                cells.append((y, x))
                for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < h and 0 <= nx < w and not seen[ny][nx] and g[ny][nx] == col:
                        seen[ny][nx] = True
                        stack.append((ny, nx))
            out.append(cells)
    return out


def learn_size_color_map(train):
    """Object size -> output colour, for tasks that recolour each object by its cell count."""
    mapping = {}
    changed = False
    for p in train:
        a, b = p["input"], p["output"]
        if shape(a) != shape(b):
            return None
        bg = background(a)
        for r, row in enumerate(a):
            for c, v in enumerate(row):
                if v == bg and b[r][c] != v:
                    return None
        for cells in _components(a, bg):
            colours = {b[y][x] for y, x in cells}
            if len(colours) != 1:
                return None
            colour = colours.pop()
            if colour != a[cells[0][0]][cells[0][1]]:
                changed = True
            if mapping.setdefault(len(cells), colour) != colour:
                return None
    if not changed or not mapping:
        return None
    return "{" + ", ".join(f"{k}: {mapping[k]}" for k in sorted(mapping)) + "}"


LEARNERS = {
    "__COLOR_MAP__": learn_color_map,
    "__RATIO__": learn_ratio,
    "__INV_RATIO__": learn_inv_ratio,
    "__OUT_COLOR__": learn_out_color,
    "__FILL_COLOR__": learn_fill_color,
    "__OUT_SHAPE__": learn_out_shape,
    "__SIZE_COLOR_MAP__": learn_size_color_map,
}


def load_programs():
    progs = []
    for fname in sorted(os.listdir(PROGRAM_DIR)):
        if fname.endswith(".py"):
            with open(os.path.join(PROGRAM_DIR, fname)) as f:
                progs.append((fname[:-3], f.read()))
    return progs


def fill(source, train):
    for name, learner in LEARNERS.items():
        if name in source:
            value = learner(train)
            if value is None:
                return None
            source = source.replace(name, value)
    return source


def valid_grid(g):
    if not isinstance(g, list) or not 1 <= len(g) <= 30:
        return False
    w = None
    for row in g:
        if not isinstance(row, list) or not 1 <= len(row) <= 30:
            return False
        if w is None:
            w = len(row)
        elif len(row) != w:
            return False
        for v in row:
            if type(v) is not int or not 0 <= v <= 9:
                return False
    return True


def run(source, grids, stats):
    """Returns outputs (None for failures) of transform on each grid."""
    scope = {}
    try:
        exec(compile(source, "<program>", "exec"), scope)
        fn = scope["transform"]
    except Exception:
        stats["exceptions"] += len(grids)
        return [None] * len(grids)
    outs = []
    for g in grids:
        t0 = time.perf_counter()
        try:
            out = fn([list(row) for row in g])
            if not valid_grid(out):
                out = None
        except Exception:
            stats["exceptions"] += 1
            out = None
        dt = time.perf_counter() - t0
        stats["max_ms"] = max(stats["max_ms"], dt * 1000)
        stats["total_s"] += dt
        outs.append(out)
    return outs


BENCH_VALUES = {
    "__COLOR_MAP__": "{1: 2, 2: 1}",
    "__RATIO__": "(2, 2)",
    "__INV_RATIO__": "(2, 2)",
    "__OUT_COLOR__": "3",
    "__FILL_COLOR__": "4",
    "__OUT_SHAPE__": "(3, 3)",
    "__SIZE_COLOR_MAP__": "{1: 2, 2: 3}",
}


def bench_grids():
    """30x30 inputs of several kinds (seeded): noise, sparse pixels, blocks, masked symmetric."""
    import random

    rng = random.Random(0)
    grids = []
    grids.append([[rng.randrange(10) for _ in range(30)] for _ in range(30)])
    grids.append([[rng.choice([1, 2, 3]) if rng.random() < 0.05 else 0 for _ in range(30)] for _ in range(30)])
    grids.append([[((r // 5) * 3 + (c // 5)) % 10 for c in range(30)] for r in range(30)])
    grids.append([[rng.choice([0, 0, 1]) for _ in range(30)] for _ in range(30)])
    half = [[rng.randrange(1, 9) for _ in range(15)] for _ in range(15)]
    sym = [row + row[::-1] for row in half]
    sym = sym + sym[::-1]
    for r in range(4, 9):
        for c in range(20, 27):
            sym[r][c] = 0
    grids.append(sym)
    grids.append([[0] * 30 for _ in range(30)])
    grids.append([[5]])
    return grids


def bench(programs):
    """Worst time per grid for each program on the bench grids; flags anything over 50 ms."""
    grids = bench_grids()
    print(f"{'program':32} {'max ms':>8} {'exc':>4}")
    for name, source in programs:
        for key, value in BENCH_VALUES.items():
            source = source.replace(key, value)
        stats = {"exceptions": 0, "max_ms": 0.0, "total_s": 0.0}
        for _ in range(3):
            run(source, grids, stats)
        flag = "  SLOW" if stats["max_ms"] > 50 else ""
        print(f"{name:32} {stats['max_ms']:8.1f} {stats['exceptions'] // 3:4}{flag}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("challenges", nargs="?", default=DEFAULT_CHALLENGES)
    ap.add_argument("solutions", nargs="?", default=DEFAULT_SOLUTIONS)
    ap.add_argument("--verbose", action="store_true", help="list the solved task ids per program")
    ap.add_argument("--only", help="run only this program")
    ap.add_argument("--bench", action="store_true", help="time every program on 30x30 grids instead")
    args = ap.parse_args()
    if args.bench:
        programs = load_programs()
        if args.only:
            programs = [p for p in programs if p[0] == args.only]
        bench(programs)
        return 0
    with open(args.challenges) as f:
        challenges = json.load(f)
    with open(args.solutions) as f:
        solutions = json.load(f)
    programs = load_programs()
    if args.only:
        programs = [p for p in programs if p[0] == args.only]
    solved = set()
    train_ok_any = set()
    print(f"{'program':32} {'offered':>7} {'train':>6} {'test':>6} {'solved':>6} {'exc':>6} {'max ms':>8}")
    for name, source in programs:
        stats = {"exceptions": 0, "max_ms": 0.0, "total_s": 0.0}
        offered = train_ok = test_ok = both = 0
        ids = []
        for tid, task in sorted(challenges.items()):
            filled = fill(source, task["train"])
            if filled is None:
                continue
            offered += 1
            grids = [p["input"] for p in task["train"]] + [p["input"] for p in task["test"]]
            outs = run(filled, grids, stats)
            n = len(task["train"])
            tr = all(o == p["output"] for o, p in zip(outs[:n], task["train"]))
            te = tid in solutions and all(o == s for o, s in zip(outs[n:], solutions[tid]))
            train_ok += tr
            test_ok += te
            if tr:
                train_ok_any.add(tid)
            if tr and te:
                both += 1
                solved.add(tid)
                ids.append(tid)
        print(
            f"{name:32} {offered:7} {train_ok:6} {test_ok:6} {both:6} {stats['exceptions']:6} {stats['max_ms']:8.1f}"
            + (f"  {' '.join(ids)}" if args.verbose and ids else "")
        )
    print(f"\ntasks: {len(challenges)}  train-correct by some program: {len(train_ok_any)}  solved (train and test): {len(solved)}")
    if args.verbose:
        print("solved:", " ".join(sorted(solved)))


if __name__ == "__main__":
    sys.exit(main())
