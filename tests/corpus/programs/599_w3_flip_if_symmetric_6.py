# task: c0rp0012
# wave 3: flip_if_symmetric (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.uint8)
    if np.array_equal(g, g[:, ::-1]):
        out = np.rot90(g)
    elif np.array_equal(g, g[::-1]):
        out = np.rot90(g, k=-1)
    else:
        out = np.fliplr(g)
    return [[int(v) for v in row] for row in out]
