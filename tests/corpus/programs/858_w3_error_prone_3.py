# task: c0rp0002
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.uint8)
    out = g.copy()
    out[0, 0] = g[0]
    return out.tolist()
