# task: c0rp0001
# wave 3: transpose_rotate (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    out = np.transpose(g)[::-1]
    return out.astype(int).tolist()
