# task: c0rp0011
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    out = np.array(g, dtype=np.int8) * 20
    out = np.abs(out) % 10
    return [[int(v) for v in row] for row in out]
