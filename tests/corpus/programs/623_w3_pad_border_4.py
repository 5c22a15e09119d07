# task: c0rp0021
# wave 3: pad_border (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array([list(row) for row in grid])
    bg = g[0, 0]
    out = np.pad(g, ((1, 1), (2, 2)), mode='edge')
    out = out[:30, :30]
    return [list(map(int, row)) for row in out]
