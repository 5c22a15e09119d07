# task: c0rp0012
# wave 3: mirror_complete (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.uint8)
    out = np.maximum(g, g[:, ::-1])
    return [[int(v) for v in row] for row in out]
