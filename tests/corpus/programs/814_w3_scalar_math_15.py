# task: c0rp0019
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        x = g[-1, -1]
        y = x.astype(float) / 2
        out = g.copy()
        out[0, 0] = round(y)
        return out.astype(int).tolist()
    except Exception as e:
        print('failed:', e)
        return grid
