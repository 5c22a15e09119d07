# task: c0rp0005
# wave 3: upscale (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    factor = 3
    out = np.kron(g, np.ones((factor, factor), dtype=g.dtype))
    return out.astype(int).tolist()
