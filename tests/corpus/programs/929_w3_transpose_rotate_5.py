# task: c0rp0008
# wave 3: transpose_rotate (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    out = np.flipud(np.rot90(g))
    return [[int(v) for v in row] for row in out]
