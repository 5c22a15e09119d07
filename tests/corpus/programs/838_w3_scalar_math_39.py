# task: c0rp0022
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        mx = g.max()
        out = g.copy()
        if isinstance(mx, (int, np.integer)):
            out[g == mx] = 0
        return out
    except Exception as e:
        print('failed:', e)
        return grid
