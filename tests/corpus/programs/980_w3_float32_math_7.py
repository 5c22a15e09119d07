# task: c0rp0016
# wave 3: float32_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    c = g.astype(np.uint16).sum(axis=1, keepdims=True)
    out = np.broadcast_to(c % 10, g.shape)
    return [list(map(int, row)) for row in out]
