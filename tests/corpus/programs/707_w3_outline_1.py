# task: c0rp0003
# wave 3: outline (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    mask = g != 0
    interior = mask.copy()
    interior[1:, :] &= mask[:-1, :]
    interior[:-1, :] &= mask[1:, :]
    interior[:, 1:] &= mask[:, :-1]
    interior[:, :-1] &= mask[:, 1:]
    interior[0, :] = interior[-1, :] = False
    interior[:, 0] = interior[:, -1] = False
    out = np.where(interior, 0, g)
    return [row.tolist() for row in out]
