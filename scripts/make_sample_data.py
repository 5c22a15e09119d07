#!/usr/bin/env python3
"""Write the built-in sample data set: data/sample/arc-agi_evaluation_{challenges,solutions}.json.

Twelve small ARC-style tasks designed for this project (none is copied from ARC): seven that a
built-in library program solves and five that none does. Deterministic: every task draws from its
own seeded random generator, and the task id is the first 8 hex digits of the SHA-256 of its name.
The files use the Kaggle layout and formatting (sorted keys, no trailing newline).

    python3 scripts/make_sample_data.py            # rewrites data/sample/
"""

import hashlib
import json
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "data", "sample")


def blank(h, w, v=0):
    return [[v] * w for _ in range(h)]


def copy(g):
    return [list(row) for row in g]


def sparse(rng, h, w, colours, density):
    return [[rng.choice(colours) if rng.random() < density else 0 for _ in range(w)] for _ in range(h)]


# ---- tasks a library program solves -------------------------------------------------------------


def mirror_pattern(rng):
    """Mirror left-right."""
    h, w = rng.randint(3, 7), rng.randint(3, 7)
    g = sparse(rng, h, w, [1, 2, 6], 0.45)
    g[rng.randrange(h)][0] = rng.choice([1, 2, 6])
    return g, [list(reversed(row)) for row in g]


def recolour_palette(rng):
    """Colour map 1->8, 2->5, 3->1."""
    mapping = {1: 8, 2: 5, 3: 1}
    h, w = rng.randint(3, 8), rng.randint(3, 8)
    g = [[rng.choice([0, 0, 1, 2, 3, 7]) for _ in range(w)] for _ in range(h)]
    g[0][0], g[-1][-1] = 1, 2
    g[h // 2][w // 2] = 3
    return g, [[mapping.get(v, v) for v in row] for row in g]


def double_size(rng):
    """Every cell becomes a 2x2 block."""
    h, w = rng.randint(2, 5), rng.randint(2, 5)
    g = [[rng.choice([0, 3, 4, 9]) for _ in range(w)] for _ in range(h)]
    return g, [[v for v in row for _ in range(2)] for row in g for _ in range(2)]


def crop_big_shape(rng):
    """Crop the largest object; scattered single pixels are distractors."""
    h, w = rng.randint(10, 14), rng.randint(10, 14)
    g = blank(h, w)
    sh, sw = rng.randint(3, 4), rng.randint(3, 5)
    r0, c0 = rng.randint(1, h - sh - 1), rng.randint(1, w - sw - 1)
    shape = [[rng.choice([0, 2, 4, 4]) for _ in range(sw)] for _ in range(sh)]
    for r in range(sh):
        shape[r][0] = 2  # a "C" frame of 2s keeps the shape one 8-connected object
    for c in range(sw):
        shape[0][c] = shape[sh - 1][c] = 2
    for r in range(sh):
        for c in range(sw):
            g[r0 + r][c0 + c] = shape[r][c]
    placed = 0
    while placed < 5:
        r, c = rng.randrange(h), rng.randrange(w)
        near = any(
            0 <= y < h and 0 <= x < w and g[y][x] for y in range(r - 1, r + 2) for x in range(c - 1, c + 2)
        )
        if not near:
            g[r][c] = rng.choice([1, 6])
            placed += 1
    return g, [row[c0:c0 + sw] for row in g[r0:r0 + sh]]


def sand_falls(rng):
    """Coloured cells fall to the bottom of their column."""
    h, w = rng.randint(5, 9), rng.randint(4, 8)
    g = sparse(rng, h, w, [1, 3, 7], 0.3)
    out = blank(h, w)
    for c in range(w):
        cells = [g[r][c] for r in range(h) if g[r][c]]
        for i, v in enumerate(cells):
            out[h - len(cells) + i][c] = v
    return g, out


def fill_boxes(rng):
    """Background enclosed by walls of colour 3 becomes 4; open boxes stay."""
    h, w = rng.randint(10, 14), rng.randint(10, 14)
    g = blank(h, w)
    out = None
    boxes = 0
    for _ in range(40):
        bh, bw = rng.randint(3, 5), rng.randint(3, 5)
        r0, c0 = rng.randint(0, h - bh), rng.randint(0, w - bw)
        if any(g[y][x] for y in range(max(0, r0 - 1), min(h, r0 + bh + 1)) for x in range(max(0, c0 - 1), min(w, c0 + bw + 1))):
            continue
        for y in range(r0, r0 + bh):
            for x in range(c0, c0 + bw):
                if y in (r0, r0 + bh - 1) or x in (c0, c0 + bw - 1):
                    g[y][x] = 3
        if boxes % 3 == 2:  # every third box gets a gap and so stays open
            g[r0][c0 + 1] = 0
        boxes += 1
        if boxes == 4:
            break
    out = copy(g)
    outside = blank(h, w, False)
    stack = [(r, c) for r in range(h) for c in range(w) if r in (0, h - 1) or c in (0, w - 1)]
    while stack:
        r, c = stack.pop()
        if not (0 <= r < h and 0 <= c < w) or outside[r][c] or g[r][c]:
            continue
        outside[r][c] = True
        stack += [(r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)]
    for r in range(h):
        for c in range(w):
            if not g[r][c] and not outside[r][c]:
                out[r][c] = 4
    return g, out


def repeat_tile(rng):
    """The grid repeated 2 times down and 3 times across."""
    h, w = rng.randint(2, 4), rng.randint(2, 4)
    g = [[rng.choice([0, 5, 8]) for _ in range(w)] for _ in range(h)]
    g[0][0] = 8
    return g, [list(row) * 3 for _ in range(2) for row in g]


# ---- tasks no library program solves -----------------------------------------------------------


def slide_shapes_right(rng):
    """Each L-shaped object slides right as one piece until it meets the edge or another object."""
    h, w = rng.randint(7, 10), rng.randint(9, 13)
    g = blank(h, w)
    shapes = []
    r = 0
    while r + 2 <= h:
        colour = rng.choice([1, 2, 4, 6])
        c = rng.randint(0, w - 6)
        cells = [(r, c), (r + 1, c), (r + 1, c + 1), (r + 1, c + 2)]
        if rng.random() < 0.5:
            cells = [(r, c + 2), (r, c), (r, c + 1), (r + 1, c)]
        for y, x in cells:
            g[y][x] = colour
        shapes.append((colour, cells))
        r += rng.randint(2, 3)
    out = blank(h, w)
    occupied = set()
    for colour, cells in sorted(shapes, key=lambda s: -max(x for _, x in s[1])):
        shift = 0
        while all(x + shift + 1 < w and (y, x + shift + 1) not in occupied for y, x in cells):
            shift += 1
        for y, x in cells:
            out[y][x + shift] = colour
            occupied.add((y, x + shift))
    return g, out


def rank_bars(rng):
    """Vertical grey bars: the tallest turns blue, the shortest red, the rest stay grey."""
    w = rng.randint(7, 11)
    h = rng.randint(6, 10)
    cols = rng.sample(range(1, w, 2), rng.randint(3, min(5, w // 2)))
    heights = rng.sample(range(1, h + 1), len(cols))
    g = blank(h, w)
    out = blank(h, w)
    for c, bh in zip(cols, heights):
        colour = 1 if bh == max(heights) else 2 if bh == min(heights) else 5
        for r in range(h - bh, h):
            g[r][c] = 5
            out[r][c] = colour
    return g, out


def ray_down_right(rng):
    """Every coloured pixel casts a ray of its colour towards the bottom-right corner."""
    h, w = rng.randint(6, 10), rng.randint(6, 10)
    g = blank(h, w)
    for _ in range(rng.randint(2, 3)):
        g[rng.randrange(h)][rng.randrange(w)] = rng.choice([3, 6, 8])
    out = copy(g)
    for r in range(h):
        for c in range(w):
            if g[r][c]:
                y, x = r + 1, c + 1
                while y < h and x < w:
                    if not out[y][x]:
                        out[y][x] = g[r][c]
                    y, x = y + 1, x + 1
    return g, out


def colour_histogram(rng):
    """Rows of the output count each colour's pixels, most frequent colour first."""
    h, w = rng.randint(5, 9), rng.randint(5, 9)
    colours = rng.sample([1, 2, 3, 4, 6, 7], rng.randint(2, 4))
    counts = rng.sample(range(1, 8), len(colours))
    g = blank(h, w)
    free = [(r, c) for r in range(h) for c in range(w)]
    rng.shuffle(free)
    for colour, n in zip(colours, counts):
        for _ in range(n):
            r, c = free.pop()
            g[r][c] = colour
    order = sorted(zip(counts, colours), reverse=True)
    width = order[0][0]
    return g, [[colour] * n + [0] * (width - n) for n, colour in order]


def overlay_halves(rng):
    """Two halves split by a grey column; the left half's colours lie on top of the right half's."""
    h, half = rng.randint(3, 6), rng.randint(3, 5)
    left = sparse(rng, h, half, [2], 0.4)
    right = sparse(rng, h, half, [7, 9], 0.6)
    g = [a + [5] + b for a, b in zip(left, right)]
    return g, [[x if x else y for x, y in zip(a, b)] for a, b in zip(left, right)]


TASKS = [
    # (name, maker, train pairs, test inputs, solved by the library)
    ("mirror-pattern", mirror_pattern, 3, 1, "flip_horizontal"),
    ("recolour-palette", recolour_palette, 3, 2, "color_map"),
    ("double-size", double_size, 2, 1, "scale_up"),
    ("crop-big-shape", crop_big_shape, 3, 1, "crop_largest_object_8"),
    ("sand-falls", sand_falls, 3, 2, "gravity_down"),
    ("fill-boxes", fill_boxes, 3, 1, "fill_enclosed"),
    ("repeat-tile", repeat_tile, 2, 1, "tile"),
    ("slide-shapes-right", slide_shapes_right, 3, 1, None),
    ("rank-bars", rank_bars, 4, 1, None),
    ("ray-down-right", ray_down_right, 3, 1, None),
    ("colour-histogram", colour_histogram, 3, 2, None),
    ("overlay-halves", overlay_halves, 3, 1, None),
]


def task_id(name):
    return hashlib.sha256(name.encode()).hexdigest()[:8]


def check_grid(g):
    assert 1 <= len(g) <= 30 and all(1 <= len(row) <= 30 and len(row) == len(g[0]) for row in g), g
    assert all(isinstance(v, int) and 0 <= v <= 9 for row in g for v in row), g


def build():
    challenges, solutions, readme = {}, {}, []
    for name, maker, n_train, n_test, solver in TASKS:
        rng = random.Random(name)
        tid = task_id(name)
        pairs = []
        seen = set()
        while len(pairs) < n_train + n_test:
            inp, out = maker(rng)
            key = json.dumps(inp)
            if key in seen or inp == out:
                continue
            seen.add(key)
            check_grid(inp)
            check_grid(out)
            pairs.append((inp, out))
        challenges[tid] = {
            "train": [{"input": i, "output": o} for i, o in pairs[:n_train]],
            "test": [{"input": i} for i, _ in pairs[n_train:]],
        }
        solutions[tid] = [o for _, o in pairs[n_train:]]
        doc = (maker.__doc__ or "").strip()
        verdict = f"solved by `{solver}`" if solver else "not solved by the library"
        readme.append(f"| `{tid}` | {name} | {doc} | {verdict} |")
    return challenges, solutions, readme


README_HEAD = """# Sample data

A small evaluation split in the Kaggle layout, designed for this project (no task is copied from
ARC), so the solver can run end to end without the ARC data. Regenerate it with
`python3 scripts/make_sample_data.py` (deterministic); check what the built-in library solves with
`python3 scripts/check_library.py`.

- `arc-agi_evaluation_challenges.json`: `{id: {"train": [{"input", "output"}…], "test": [{"input"}…]}}`
- `arc-agi_evaluation_solutions.json`: `{id: [test output, …]}`

Seven tasks are solved by a built-in library program; five need a real solver.

| id | name | rule | library |
| --- | --- | --- | --- |
"""


def main():
    challenges, solutions, readme = build()
    os.makedirs(OUT_DIR, exist_ok=True)
    with open(os.path.join(OUT_DIR, "arc-agi_evaluation_challenges.json"), "w") as f:
        json.dump(challenges, f, sort_keys=True)
    with open(os.path.join(OUT_DIR, "arc-agi_evaluation_solutions.json"), "w") as f:
        json.dump(solutions, f, sort_keys=True)
    with open(os.path.join(OUT_DIR, "README.md"), "w") as f:
        f.write(README_HEAD + "\n".join(readme) + "\n")
    print(f"wrote {len(challenges)} tasks to {os.path.relpath(OUT_DIR, ROOT)}")


if __name__ == "__main__":
    main()
