# task: c0rp0022
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        h = np.int64(g.shape[0])
        w = np.int32(g.shape[1])
        area = h * w
        out = np.full((1, 1), int(area) % 10)
        return [[int(v) for v in row] for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
