# task: c0rp0002
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=int)
    out = g.astype(np.uint8)
    out[out > 0] = out[out > 0] * 100
    out = out % 10
    return [row.tolist() for row in out]
