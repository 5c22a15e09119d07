# task: c0rp0010
# wave 3: extend_lines (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array([list(row) for row in grid])
    bg = int(np.bincount(g.flatten(), minlength=10).argmax())
    out = g.copy()
    pts = np.argwhere(g != bg)
    for (r, c) in pts:
        out[r:, c][out[r:, c] == bg] = g[r, c]
    return [row.tolist() for row in out]
