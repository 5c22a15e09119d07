# task: c0rp0024
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    avg = g.mean().round(1)
    level = int(avg * 10) % 10
    out = np.full(g.shape, level)
    return [row.tolist() for row in out]
