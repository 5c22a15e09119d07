# task: c0rp0016
# wave 3: sort_row (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    out = np.array([sorted(row, reverse=True) for row in g])
    return out.astype(int).tolist()
