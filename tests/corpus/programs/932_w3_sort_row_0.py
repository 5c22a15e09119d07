# task: c0rp0016
# wave 3: sort_row (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        out = -np.sort(-g, axis=1)
        return out.tolist()
    except Exception as e:
        print('failed:', e)
        return grid
