# task: c0rp0001
# wave 3: transpose_rotate (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=int)
    out = np.rot90(g, k=3)
    return out.tolist()
