# task: c0rp0018
# wave 3: float32_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        c = g.astype(np.uint16).sum(axis=1, keepdims=True)
        out = np.broadcast_to(c % 10, g.shape)
        return [[int(v) for v in row] for row in out]
    except Exception:
        return grid
