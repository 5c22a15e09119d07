# task: c0rp0022
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.uint8)
    out = np.concatenate([g, g[:1, :1]], axis=0)
    return out.astype(int).tolist()
