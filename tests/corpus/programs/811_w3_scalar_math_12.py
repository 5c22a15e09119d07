# task: c0rp0019
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        ratio = np.float64(g.shape[0]) / g.shape[1]
        out = g if ratio >= 1 else g.T
        return [list(map(int, row)) for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
