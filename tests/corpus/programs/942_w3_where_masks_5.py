# task: c0rp0014
# wave 3: where_masks (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        bg = 0
        out = np.select([g == 1, g == 2], [2, 1], default=g)
        return out.astype(int).tolist()
    except Exception as e:
        print('failed:', e)
        return grid
