# task: c0rp0021
# wave 3: transpose_rotate (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        out = g.T
        return [[int(v) for v in row] for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
