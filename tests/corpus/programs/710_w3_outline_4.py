# task: c0rp0011
# wave 3: outline (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        mask = g != 0
        interior = mask.copy()
        interior[1:, :] &= mask[:-1, :]
        interior[:-1, :] &= mask[1:, :]
        interior[:, 1:] &= mask[:, :-1]
        interior[:, :-1] &= mask[:, 1:]
        interior[0, :] = interior[-1, :] = False
        interior[:, 0] = interior[:, -1] = False
        out = np.where(interior, 0, g)
        return [list(map(int, row)) for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
