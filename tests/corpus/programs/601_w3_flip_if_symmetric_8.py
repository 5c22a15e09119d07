# task: c0rp0001
# wave 3: flip_if_symmetric (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        if np.array_equal(g, g[:, ::-1]):
            out = np.rot90(g)
        elif np.array_equal(g, g[::-1]):
            out = np.rot90(g, k=-1)
        else:
            out = np.fliplr(g)
        return out.astype(int).tolist()
    except Exception:
        return grid
