# task: c0rp0020
# wave 3: vectorized_helpers (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array([list(row) for row in grid])
    out = np.apply_along_axis(lambda row: np.sort(row)[::-1], 1, g)
    return [row.tolist() for row in out]
