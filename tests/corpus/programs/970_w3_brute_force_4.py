# task: c0rp0017
# wave 3: brute_force (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    h, w = len(grid), len(grid[0])
    colours = sorted({v for row in grid for v in row})
    out = [[0] * w for _ in range(h)]
    for colour in colours:
        pts = [(r, c) for r in range(h) for c in range(w) if grid[r][c] == colour]
        for (r0, c0) in pts:
            for (r1, c1) in pts:
                if r0 == r1 and c0 < c1:
                    for c in range(c0, c1 + 1):
                        out[r0][c] = colour
    return out
