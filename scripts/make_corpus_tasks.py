#!/usr/bin/env python3
"""Writes tests/corpus/challenges.json: synthetic ARC-style tasks for the differential corpus.

Deterministic: every task draws from its own seeded ``random.Random``, so re-running this script
gives a byte-identical file. Task ids are ``c0rp0001`` .. ``c0rp0024``. Each task has 2-4 train
pairs and 1-2 test inputs (test outputs are not written: the file is a Kaggle-format *challenges*
file). Shapes vary from 1x1 up to 30x30, square and not.

Usage: python3 scripts/make_corpus_tasks.py [--out tests/corpus/challenges.json]
"""

import argparse
import json
import os
import random
from collections import deque

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# ----------------------------------------------------------------------------- grid helpers


def blank(h, w, bg=0):
    return [[bg] * w for _ in range(h)]


def free(g, r0, c0, h, w, bg, margin=1):
    """True if the box (with a margin) lies inside g and holds only background."""
    H, W = len(g), len(g[0])
    if r0 < 0 or c0 < 0 or r0 + h > H or c0 + w > W:
        return False
    for r in range(max(0, r0 - margin), min(H, r0 + h + margin)):
        for c in range(max(0, c0 - margin), min(W, c0 + w + margin)):
            if g[r][c] != bg:
                return False
    return True


def place(rng, g, cells, bg, tries=60):
    """Places a shape given as {(dr, dc): colour} at a random free spot; returns True if placed."""
    h = max(r for r, _ in cells) + 1
    w = max(c for _, c in cells) + 1
    H, W = len(g), len(g[0])
    if h > H or w > W:
        return False
    for _ in range(tries):
        r0 = rng.randrange(0, H - h + 1)
        c0 = rng.randrange(0, W - w + 1)
        if free(g, r0, c0, h, w, bg):
            for (dr, dc), v in cells.items():
                g[r0 + dr][c0 + dc] = v
            return True
    return False


def rect(h, w, colour):
    return {(r, c): colour for r in range(h) for c in range(w)}


def hollow(h, w, colour):
    return {(r, c): colour for r in range(h) for c in range(w) if r in (0, h - 1) or c in (0, w - 1)}


def l_shape(rng, colour):
    """An L-tromino inside a 2x2 box (one corner missing)."""
    missing = rng.choice([(0, 0), (0, 1), (1, 0), (1, 1)])
    return {(r, c): colour for r in range(2) for c in range(2) if (r, c) != missing}


def line(n, colour, vertical):
    return {((i, 0) if vertical else (0, i)): colour for i in range(n)}


def noise(rng, g, p, colours, bg):
    for r in range(len(g)):
        for c in range(len(g[0])):
            if g[r][c] == bg and rng.random() < p:
                g[r][c] = rng.choice(colours)


def components(g, bg, diag=False):
    """4- (or 8-) connected same-colour components, in raster order of their first cell."""
    H, W = len(g), len(g[0])
    seen = [[False] * W for _ in range(H)]
    out = []
    steps = [(1, 0), (-1, 0), (0, 1), (0, -1)]
    if diag:
        steps += [(1, 1), (1, -1), (-1, 1), (-1, -1)]
    for r in range(H):
        for c in range(W):
            if g[r][c] == bg or seen[r][c]:
                continue
            colour = g[r][c]
            cells = []
            q = deque([(r, c)])
            seen[r][c] = True
            while q:
                y, x = q.popleft()
                cells.append((y, x))
                for dy, dx in steps:
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < H and 0 <= nx < W and not seen[ny][nx] and g[ny][nx] == colour:
                        seen[ny][nx] = True
                        q.append((ny, nx))
            out.append((colour, cells))
    return out


def objects_grid(rng, h, w, bg=0, n=(2, 5), kinds=("rect", "line", "l", "hollow"), colours=None):
    g = blank(h, w, bg)
    colours = colours or [c for c in range(1, 10) if c != bg]
    for _ in range(rng.randint(*n)):
        kind = rng.choice(kinds)
        colour = rng.choice(colours)
        if kind == "rect":
            shape = rect(rng.randint(1, max(1, min(4, h // 2))), rng.randint(1, max(1, min(4, w // 2))), colour)
        elif kind == "line":
            vertical = rng.random() < 0.5
            shape = line(rng.randint(2, max(2, min(6, (h if vertical else w) - 1))), colour, vertical)
        elif kind == "l":
            shape = l_shape(rng, colour)
        else:
            shape = hollow(rng.randint(3, max(3, min(6, h - 1))), rng.randint(3, max(3, min(6, w - 1))), colour)
        place(rng, g, shape, bg)
    return g


# ----------------------------------------------------------------------------- transformations


def flip_h(g):
    return [row[::-1] for row in g]


def transpose(g):
    return [list(r) for r in zip(*g)]


def rot_ccw(g):
    return [list(r) for r in zip(*g)][::-1]


def crop_nonbg(g, bg=0):
    cells = [(r, c) for r, row in enumerate(g) for c, v in enumerate(row) if v != bg]
    if not cells:
        return [[bg]]
    r0 = min(r for r, _ in cells)
    r1 = max(r for r, _ in cells)
    c0 = min(c for _, c in cells)
    c1 = max(c for _, c in cells)
    return [row[c0:c1 + 1] for row in g[r0:r1 + 1]]


def recolour_by_size(g):
    out = [row[:] for row in g]
    for _, cells in components(g, 0):
        for r, c in cells:
            out[r][c] = min(len(cells), 9)
    return out


def fill_holes(g, fill=4, bg=0):
    H, W = len(g), len(g[0])
    outside = [[False] * W for _ in range(H)]
    q = deque()
    for r in range(H):
        for c in range(W):
            if (r in (0, H - 1) or c in (0, W - 1)) and g[r][c] == bg:
                outside[r][c] = True
                q.append((r, c))
    while q:
        y, x = q.popleft()
        for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            ny, nx = y + dy, x + dx
            if 0 <= ny < H and 0 <= nx < W and not outside[ny][nx] and g[ny][nx] == bg:
                outside[ny][nx] = True
                q.append((ny, nx))
    return [[fill if g[r][c] == bg and not outside[r][c] else g[r][c] for c in range(W)] for r in range(H)]


def tile2(g):
    return [row + row for row in g] + [row + row for row in g]


def upscale(g, k):
    return [[v for v in row for _ in range(k)] for row in g for _ in range(k)]


def gravity(g, bg=0):
    H, W = len(g), len(g[0])
    out = blank(H, W, bg)
    for c in range(W):
        col = [g[r][c] for r in range(H) if g[r][c] != bg]
        for i, v in enumerate(reversed(col)):
            out[H - 1 - i][c] = v
    return out


def largest_object(g):
    comps = components(g, 0)
    colour, cells = max(comps, key=lambda cc: len(cc[1]))
    r0 = min(r for r, _ in cells)
    r1 = max(r for r, _ in cells)
    c0 = min(c for _, c in cells)
    c1 = max(c for _, c in cells)
    keep = set(cells)
    return [[colour if (r, c) in keep else 0 for c in range(c0, c1 + 1)] for r in range(r0, r1 + 1)]


def mirror_right(g):
    w = len(g[0])
    return [row[: w // 2] + row[: w // 2][::-1] for row in g]


def colour_perm(g):
    return [[(v + 3) % 10 for v in row] for row in g]


def bg_to_zero(g, bg):
    return [[0 if v == bg else v for v in row] for row in g]


def extend_pixels(g):
    out = [row[:] for row in g]
    for colour, cells in components(g, 0):
        if len(cells) == 1:
            r, _ = cells[0]
            out[r] = [colour if v == 0 else v for v in out[r]]
    return out


def histogram(g):
    counts = {}
    for row in g:
        for v in row:
            counts[v] = counts.get(v, 0) + 1
    order = sorted(counts, key=lambda v: (-counts[v], v))
    return [[v] for v in order]


def denoise(g):
    out = [row[:] for row in g]
    for colour, cells in components(g, 0):
        if len(cells) <= 2:
            for r, c in cells:
                out[r][c] = 0
    return out


def complete_l(g, fill=4):
    out = [row[:] for row in g]
    for colour, cells in components(g, 0):
        if len(cells) != 3:
            continue
        rs = [r for r, _ in cells]
        cs = [c for _, c in cells]
        for r in range(min(rs), max(rs) + 1):
            for c in range(min(cs), max(cs) + 1):
                if out[r][c] == 0:
                    out[r][c] = fill
    return out


def halves_and(g):
    w = (len(g[0]) - 1) // 2
    return [[2 if row[c] and row[c + w + 1] else 0 for c in range(w)] for row in g]


def outline(g):
    H, W = len(g), len(g[0])
    out = [row[:] for row in g]
    for r in range(1, H - 1):
        for c in range(1, W - 1):
            v = g[r][c]
            if v and all(g[r + dy][c + dx] == v for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1))):
                out[r][c] = 0
    return out


def count_objects(g):
    n = max(1, min(30, len(components(g, 0))))
    return [[1] for _ in range(n)]


def drop_five(g):
    return [[0 if v == 5 else v for v in row] for row in g]


# ----------------------------------------------------------------------------- tasks


def all_colours_grid(rng, h, w):
    cells = list(range(10)) + [rng.randrange(10) for _ in range(h * w - 10)]
    rng.shuffle(cells)
    return [cells[r * w:(r + 1) * w] for r in range(h)]


def symmetric_left(rng, h, w):
    g = blank(h, w)
    for r in range(h):
        for c in range(w // 2):
            if rng.random() < 0.55:
                g[r][c] = rng.choice([1, 2, 3, 6, 8])
    return g


def separator_grid(rng, h, w):
    g = blank(h, 2 * w + 1)
    for r in range(h):
        g[r][w] = 5
        for c in range(w):
            if rng.random() < 0.5:
                g[r][c] = 1
            if rng.random() < 0.5:
                g[r][c + w + 1] = 3
    return g


def filled_rects(rng, h, w, n=(2, 4)):
    g = blank(h, w)
    for _ in range(rng.randint(*n)):
        place(rng, g, rect(rng.randint(3, 5), rng.randint(3, 5), rng.choice([1, 2, 3, 4, 6, 7, 8])), 0)
    return g


def pixels_grid(rng, h, w):
    g = blank(h, w)
    rows = rng.sample(range(h), k=min(h, rng.randint(2, 3)))
    for r in rows:
        g[r][rng.randrange(w)] = rng.choice([2, 3, 4, 8])
    return g


def l_grid(rng, h, w):
    g = blank(h, w)
    for _ in range(rng.randint(2, 5)):
        place(rng, g, l_shape(rng, rng.choice([1, 2, 3, 8])), 0)
    return g


def noisy_rects(rng, h, w):
    g = blank(h, w)
    for _ in range(rng.randint(3, 6)):
        place(rng, g, rect(rng.randint(3, 7), rng.randint(3, 7), rng.choice([1, 2, 3, 4, 6])), 0)
    noise(rng, g, 0.04, [5, 7, 9], 0)
    return g


def random_cells(rng, h, w, p=0.4, colours=(1, 2, 3, 4, 5, 6, 7, 8, 9), bg=0):
    return [[rng.choice(colours) if rng.random() < p else bg for _ in range(w)] for _ in range(h)]


def line_row(rng, w):
    return [[rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) for _ in range(w)]]


def task_specs():
    """(task id, seed, input maker(rng, shape), transformation, train shapes, test shapes)."""
    return [
        ("c0rp0001", lambda rng, s: (lambda g: (noise(rng, g, 0.05, [5], 0), g)[1])(objects_grid(rng, *s)),
         flip_h, [(5, 5), (6, 6), (3, 7)], [(8, 4)]),
        ("c0rp0002", lambda rng, s: objects_grid(rng, *s, n=(3, 6), kinds=("rect", "line", "l"), colours=[5]),
         recolour_by_size, [(10, 10), (8, 12), (12, 8)], [(15, 15)]),
        ("c0rp0003", lambda rng, s: objects_grid(rng, *s, n=(2, 4), kinds=("hollow",), colours=[1, 2, 3, 6]),
         fill_holes, [(10, 10), (12, 12), (9, 14)], [(13, 11), (6, 6)]),
        ("c0rp0004", lambda rng, s: (lambda g: [[v if (r >= s[0] // 4 and c >= s[1] // 5) else 0 for c, v in enumerate(row)]
                                                for r, row in enumerate(g)])(objects_grid(rng, *s, n=(2, 4))),
         crop_nonbg, [(10, 10), (14, 12), (20, 20)], [(25, 17)]),
        ("c0rp0005", lambda rng, s: random_cells(rng, *s, p=0.6), tile2, [(2, 2), (3, 3), (2, 4)], [(3, 5)]),
        ("c0rp0006", lambda rng, s: random_cells(rng, *s, p=0.5), lambda g: upscale(g, 3),
         [(3, 3), (2, 3), (4, 2), (1, 4)], [(5, 5)]),
        ("c0rp0007", lambda rng, s: line_row(rng, s[1]), lambda g: [sorted(g[0], reverse=True)],
         [(1, 5), (1, 9), (1, 12)], [(1, 30), (1, 1)]),
        ("c0rp0008", lambda rng, s: transpose(line_row(rng, s[0])), lambda g: g[::-1],
         [(4, 1), (7, 1), (10, 1)], [(30, 1)]),
        ("c0rp0009", lambda rng, s: [[rng.randint(1, 9)]], lambda g: upscale(g, 3), [(1, 1), (1, 1), (1, 1)], [(1, 1)]),
        ("c0rp0010", lambda rng, s: random_cells(rng, *s, p=0.3, colours=(1, 2, 4, 8)), gravity,
         [(6, 6), (8, 5), (5, 9), (10, 10)], [(12, 7)]),
        ("c0rp0011", lambda rng, s: objects_grid(rng, *s, n=(3, 5), kinds=("rect", "line", "l")), largest_object,
         [(12, 12), (10, 14), (15, 10)], [(14, 14)]),
        ("c0rp0012", lambda rng, s: symmetric_left(rng, *s), mirror_right, [(6, 6), (8, 8), (5, 10)], [(10, 10), (7, 12)]),
        ("c0rp0013", lambda rng, s: all_colours_grid(rng, *s), colour_perm, [(10, 10), (5, 8), (9, 9)], [(10, 10)]),
        ("c0rp0014", None, None, [(8, 8), (10, 7), (9, 11)], [(12, 12)]),  # special: non-zero background
        ("c0rp0015", lambda rng, s: pixels_grid(rng, *s), extend_pixels, [(7, 7), (9, 9), (6, 11)], [(11, 11), (15, 9)]),
        ("c0rp0016", lambda rng, s: random_cells(rng, *s, p=0.7, colours=(1, 2, 3, 4)), histogram,
         [(6, 6), (7, 5), (8, 8)], [(9, 9)]),
        ("c0rp0017", lambda rng, s: noisy_rects(rng, *s), denoise, [(30, 30), (25, 30), (30, 20)], [(30, 30)]),
        ("c0rp0018", lambda rng, s: l_grid(rng, *s), complete_l, [(8, 8), (10, 10), (9, 12)], [(12, 12)]),
        ("c0rp0019", lambda rng, s: separator_grid(rng, s[0], (s[1] - 1) // 2), halves_and,
         [(4, 9), (5, 11), (6, 13)], [(7, 15)]),
        ("c0rp0020", lambda rng, s: random_cells(rng, *s, p=0.6), transpose, [(3, 5), (4, 7), (2, 6)], [(6, 3), (1, 8)]),
        ("c0rp0021", lambda rng, s: random_cells(rng, *s, p=0.6), rot_ccw, [(3, 4), (5, 2), (6, 6)], [(4, 9)]),
        ("c0rp0022", lambda rng, s: filled_rects(rng, *s), outline, [(10, 10), (12, 9), (14, 14)], [(16, 12)]),
        ("c0rp0023", lambda rng, s: objects_grid(rng, *s, n=(2, 6), kinds=("rect", "l", "line")), count_objects,
         [(8, 8), (10, 10), (9, 9)], [(12, 12)]),
        ("c0rp0024", lambda rng, s: random_cells(rng, *s, p=0.5), drop_five,
         [(1, 1), (1, 7), (6, 1), (30, 30)], [(13, 17), (2, 2)]),
    ]


def make_tasks():
    tasks = {}
    for i, (tid, make, fn, train_shapes, test_shapes) in enumerate(task_specs()):
        rng = random.Random(1000 + i)
        if tid == "c0rp0014":
            bgs = [8, 7, 1, 8]
            inputs = []
            for j, s in enumerate(train_shapes + test_shapes):
                bg = bgs[j % len(bgs)]
                g = objects_grid(rng, *s, bg=bg, n=(2, 4), colours=[c for c in (2, 3, 4, 6) if c != bg])
                inputs.append((g, bg_to_zero(g, bg)))
        else:
            inputs = []
            for s in train_shapes + test_shapes:
                g = make(rng, s)
                inputs.append((g, fn(g)))
        n_train = len(train_shapes)
        tasks[tid] = {
            "train": [{"input": g, "output": o} for g, o in inputs[:n_train]],
            "test": [{"input": g} for g, _ in inputs[n_train:]],
        }
    return tasks


def check(tasks):
    for tid, t in tasks.items():
        assert 2 <= len(t["train"]) <= 4 and 1 <= len(t["test"]) <= 2, tid
        grids = [p["input"] for p in t["train"] + t["test"]] + [p["output"] for p in t["train"]]
        for g in grids:
            assert 1 <= len(g) <= 30 and 1 <= len(g[0]) <= 30, tid
            assert all(len(r) == len(g[0]) for r in g), tid
            assert all(isinstance(v, int) and 0 <= v <= 9 for r in g for v in r), tid


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "corpus", "challenges.json"))
    args = ap.parse_args()
    tasks = make_tasks()
    check(tasks)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(tasks, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")
    n_in = sum(len(t["train"]) + len(t["test"]) for t in tasks.values())
    print(f"wrote {args.out}: {len(tasks)} tasks, {n_in} inputs")


if __name__ == "__main__":
    main()
