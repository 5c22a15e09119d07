# task: c0rp0024
# wave 3: shift_objects (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    bg = g[0, 0]
    out = np.roll(g, 1, axis=1)
    out[:, 0] = bg
    return out.astype(int).tolist()
