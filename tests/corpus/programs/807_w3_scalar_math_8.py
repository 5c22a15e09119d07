# task: c0rp0002
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.uint8)
    h, w = g.shape
    mid = (h - 1) / 2
    out = g.copy()
    out[int(mid)] = out[h - 1 - int(mid)]
    return [list(map(int, row)) for row in out]
