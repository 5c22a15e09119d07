# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    candidates = [np.hstack([a[:, : w // 2], np.flip(a[:, : w // 2], axis=1)]), np.maximum(a, np.flip(a))]
    for cand in candidates:
        if np.array_equal(cand, np.flip(cand, axis=1)):
            return cand.tolist()
    return a.tolist()
