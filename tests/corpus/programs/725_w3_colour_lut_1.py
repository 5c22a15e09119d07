# task: c0rp0020
# wave 3: colour_lut (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        mapping = {1: 2, 2: 1, 3: 4, 4: 3}
        out = g.copy()
        for a, b in mapping.items():
            out[g == a] = b
        return out.astype(int).tolist()
    except Exception as e:
        print('failed:', e)
        return grid
