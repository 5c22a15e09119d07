# task: c0rp0005
# wave 3: block_reduce (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.uint8)
        out = g[::3, ::3]
        return out
    except Exception as e:
        print('failed:', e)
        return grid
