# task: c0rp0021
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        x = g[-1, -1]
        y = x.astype(float) / 2
        out = g.copy()
        out[0, 0] = round(y)
        return out
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
