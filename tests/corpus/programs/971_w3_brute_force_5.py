# task: c0rp0024
# wave 3: brute_force (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    h, w = len(grid), len(grid[0])
    cells = [(r, c) for r in range(h) for c in range(w) if grid[r][c] != 0]
    out = [[0] * w for _ in range(h)]
    for r in range(h):
        for c in range(w):
            best, colour = None, 0
            for (rr, cc) in cells:
                d = abs(rr - r) + abs(cc - c)
                if best is None or d < best:
                    best, colour = d, grid[rr][cc]
            out[r][c] = colour
    return out
