# task: c0rp0003
# wave 3: upscale (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    out = np.tile(g, (2, 2))
    if out.shape[0] > 30 or out.shape[1] > 30:
        raise ValueError('too big')
    return out.tolist()
