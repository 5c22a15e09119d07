# task: c0rp0001
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    out = g + np.ones(g.shape[0] + 1, dtype=int)
    return out.astype(int).tolist()
