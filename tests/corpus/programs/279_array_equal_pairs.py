# task: c0rp0005
import numpy as np


def transform(grid):
    a = np.array(grid)
    t = np.tile(a, (2, 2))
    h, w = a.shape
    assert np.array_equal(t[:h, :w], t[h:, w:])
    return t.tolist()
