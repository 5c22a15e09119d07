# task: c0rp0021
import numpy as np


def transform(grid):
    a = np.array(grid)
    cands = [np.rot90(a, k) for k in range(4)]
    same = [k for k in range(4) if cands[k].shape == a.shape and np.array_equal(cands[k], a)]
    return cands[1] if 1 not in same else a
