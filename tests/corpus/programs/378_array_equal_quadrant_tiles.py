# task: c0rp0005
import numpy as np


def transform(grid):
    a = np.array(grid)
    out = np.tile(a, (2, 2))
    h, w = a.shape
    assert np.array_equal(out[:h, :w], out[h:, w:])
    return out
