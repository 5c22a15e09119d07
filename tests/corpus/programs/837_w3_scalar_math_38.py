# task: c0rp0004
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        mx = g.max()
        out = g.copy()
        if isinstance(mx, int):
            out[g == mx] = 0
        else:
            out[g == mx] = 9
        return out
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
