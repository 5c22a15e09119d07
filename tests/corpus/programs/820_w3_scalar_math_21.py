# task: c0rp0023
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        out = g.copy()
        for r in range(g.shape[0]):
            for c in range(g.shape[1]):
                if type(g[r, c]) is int:
                    out[r, c] = 0
        return [[int(v) for v in row] for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
