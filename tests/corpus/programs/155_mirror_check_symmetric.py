# task: c0rp0012
import numpy as np


def is_symmetric(a):
    return np.array_equal(a, np.fliplr(a))


def transform(grid):
    a = np.array(grid)
    if is_symmetric(a):
        return a.tolist()
    out = a.copy()
    h, w = a.shape
    for c in range(w // 2):
        out[:, w - 1 - c] = a[:, c]
    assert is_symmetric(out) or w % 2 == 1
    return out.tolist()
