# task: c0rp0002
# wave 3: upscale (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    out = np.repeat(np.repeat(g, 3, axis=0), 3, axis=1)
    return out
