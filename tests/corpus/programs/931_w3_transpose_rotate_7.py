# task: c0rp0001
# wave 3: transpose_rotate (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.uint8)
        out = g[::-1, ::-1].T
        return [[int(v) for v in row] for row in out]
    except Exception:
        return grid
