# task: c0rp0009
# wave 3: diagonal_rays (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array([list(row) for row in grid])
    bg = 0
    out = g.copy()
    h, w = g.shape
    for r, c in np.argwhere(g != bg):
        colour = g[r, c]
        for d in range(1, max(h, w)):
            for dr, dc in ((d, d), (-d, -d), (d, -d), (-d, d)):
                rr, cc = r + dr, c + dc
                if 0 <= rr < h and 0 <= cc < w and out[rr, cc] == bg:
                    out[rr, cc] = colour
    return [list(map(int, row)) for row in out]
