# task: c0rp0010
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        m = g.max()
        out = g.copy()
        if m.is_integer():
            out[g == m] = 1
        return out.tolist()
    except Exception as e:
        print('failed:', e)
        return grid
