# task: c0rp0012
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        cells = g.size
        side = int(np.sqrt(cells))
        out = g.flatten()[: side * side].reshape(side, side)
        return [[int(v) for v in row] for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
