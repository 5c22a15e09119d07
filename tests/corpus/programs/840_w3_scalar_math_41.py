# task: c0rp0010
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        q, r = divmod(g.sum(), 10)
        out = np.full(g.shape, r)
        return out.astype(int).tolist()
    except Exception as e:
        print('failed:', e)
        return grid
