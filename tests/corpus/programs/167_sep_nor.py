# task: c0rp0019
import numpy as np


def transform(grid):
    a = np.array(grid)
    w = a.shape[1] // 2
    l, r = a[:, :w].astype(bool), a[:, w + 1:].astype(bool)
    both_empty = ~l & ~r
    return both_empty.astype(np.int64) * 2
