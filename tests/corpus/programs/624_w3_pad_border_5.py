# task: c0rp0010
# wave 3: pad_border (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    bg = 0
    inner = g[1:-1, 1:-1]
    out = np.pad(inner, 1, constant_values=int(bg) + 1)
    return [[int(v) for v in row] for row in out]
