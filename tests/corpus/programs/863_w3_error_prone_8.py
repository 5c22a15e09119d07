# task: c0rp0020
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    idx = np.argmax(g) + g.size
    out = g.copy()
    out.flat[idx] = 1
    return out.tolist()
