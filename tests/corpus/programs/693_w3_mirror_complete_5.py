# task: c0rp0012
# wave 3: mirror_complete (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    out = np.maximum(g, g[:, ::-1])
    return [row.tolist() for row in out]
