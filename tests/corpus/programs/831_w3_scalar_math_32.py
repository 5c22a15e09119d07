# task: c0rp0022
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        cnt = np.count_nonzero(g)
        frac = cnt / g.size
        out = np.full((1, 1), int(frac.round(1) * 10) % 10)
        return [row.tolist() for row in out]
    except Exception:
        return grid
