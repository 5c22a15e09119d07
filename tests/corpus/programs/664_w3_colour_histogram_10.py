# task: c0rp0013
# wave 3: colour_histogram (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        vals, counts = np.unique(g[g != 0], return_counts=True)
        order = np.argsort(-counts, kind='stable')
        out = np.zeros((counts.max(), len(vals)), dtype=g.dtype)
        for j, idx in enumerate(order):
            out[-counts[idx]:, j] = vals[idx]
        return [list(map(int, row)) for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
