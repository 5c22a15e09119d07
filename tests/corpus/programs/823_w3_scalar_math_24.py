# task: c0rp0003
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    row = [0] * g.max()
    out = np.array([row or [0]])
    return [row.tolist() for row in out]
