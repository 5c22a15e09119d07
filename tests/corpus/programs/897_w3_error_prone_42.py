# task: c0rp0010
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array([list(row) for row in grid])
    first = int(g[0])
    out = np.full((1, 1), first)
    return [[int(v) for v in row] for row in out]
