# task: c0rp0010
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array([list(row) for row in grid])
    row = g[0]
    out = np.stack([row, row[:-1]])
    return out.astype(int).tolist()
