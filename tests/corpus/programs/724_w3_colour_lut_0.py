# task: c0rp0017
# wave 3: colour_lut (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array([list(row) for row in grid])
    lut = np.array([0, 2, 3, 4, 5, 6, 7, 8, 9, 1])
    out = lut[g]
    return out.astype(int).tolist()
