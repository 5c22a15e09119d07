# task: c0rp0016
# wave 3: colour_histogram (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.uint8)
        vals, counts = np.unique(g[g != 0], return_counts=True)
        order = np.argsort(-counts, kind='stable')
        out = np.zeros((counts.max(), len(vals)), dtype=g.dtype)
        for j, idx in enumerate(order):
            out[-counts[idx]:, j] = vals[idx]
        return out.astype(int).tolist()
    except Exception as e:
        print('failed:', e)
        return grid
