# task: c0rp0020
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array([list(row) for row in grid])
    out = np.zeros(3, dtype=np.uint8)
    out[0] = 256
    return out
