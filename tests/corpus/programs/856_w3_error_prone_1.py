# task: c0rp0023
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        out = g.copy()
        out[0, :2] = [1, 2, 3]
        return [list(map(int, row)) for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
