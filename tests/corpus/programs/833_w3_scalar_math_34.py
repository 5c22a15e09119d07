# task: c0rp0004
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        a = g[0, 0]
        b = g[-1, -1]
        cmp = a < b
        out = np.full((1, 2), [int(cmp), int(not cmp)])
        return [[int(v) for v in row] for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
