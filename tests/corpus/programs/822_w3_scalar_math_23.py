# task: c0rp0006
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        lo = g.min()
        n = range(g.max() - lo + 1)
        out = np.array([[len(n) % 10]])
        return [row.tolist() for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
