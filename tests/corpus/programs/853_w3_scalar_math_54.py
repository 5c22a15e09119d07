# task: c0rp0006
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        f = g.astype(np.float32) / 3
        out = (f * 3).round().astype(int)
        return out
    except Exception:
        return grid
