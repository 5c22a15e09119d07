# task: c0rp0023
# wave 3: shift_objects (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    bg = np.bincount(g.ravel()).argmax()
    out = np.roll(g, 1, axis=1)
    out[:, 0] = bg
    return [list(map(int, row)) for row in out]
