# task: c0rp0022
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    idx = np.argmax(g[g > 100])
    out = np.full((1, 1), idx)
    return out.tolist()
