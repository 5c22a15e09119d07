# task: c0rp0024
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        s = g.astype(np.uint16).sum(axis=1)
        out = (s % 10).reshape(-1, 1)
        return out.astype(int).tolist()
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
