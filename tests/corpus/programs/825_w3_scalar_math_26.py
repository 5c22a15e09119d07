# task: c0rp0021
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        r = round(np.float64(g.sum()) / 2)
        out = np.full((1, 1), r % 10)
        return out
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
