# task: c0rp0004
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        mx = g.max()
        out = g.copy()
        if isinstance(mx, (int, np.integer)):
            out[g == mx] = 0
        return [list(map(int, row)) for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
