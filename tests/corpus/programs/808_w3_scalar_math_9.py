# task: c0rp0022
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        vals = [x.item() for x in g.ravel()]
        out = np.array(sorted(vals)).reshape(g.shape)
        return out
    except Exception as e:
        print('failed:', e)
        return grid
