# task: c0rp0014
# wave 3: colour_lut (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    lut = np.array([0, 2, 3, 4, 5, 6, 7, 8, 9, 1])
    out = lut[g]
    return out.tolist()
