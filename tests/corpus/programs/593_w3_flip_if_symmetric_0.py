# task: c0rp0020
# wave 3: flip_if_symmetric (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    if np.array_equal(g, g[:, ::-1]):
        out = np.rot90(g)
    elif np.array_equal(g, g[::-1]):
        out = np.rot90(g, k=-1)
    else:
        out = np.fliplr(g)
    return [list(map(int, row)) for row in out]
