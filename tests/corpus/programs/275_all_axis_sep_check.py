# task: c0rp0019
import numpy as np


def transform(grid):
    a = np.array(grid)
    seps = np.nonzero((a == 5).all(axis=0))[0]
    s = seps[0]
    l, r = a[:, :s], a[:, s + 1:]
    both = np.logical_xor(l == 0, r == 0) == False  # noqa: E712  (same emptiness)
    return np.where(both & (l > 0), 2, 0).tolist()
