# task: c0rp0018
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        v = float(g[:, :1])
        out = np.full((1, 1), int(v))
        return out.tolist()
    except Exception as e:
        print('failed:', e)
        return grid
