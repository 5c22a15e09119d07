# task: c0rp0010
# wave 3: vectorized_helpers (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.uint8)
        out = np.apply_along_axis(lambda row: np.sort(row)[::-1], 1, g)
        return out.tolist()
    except Exception as e:
        print('failed:', e)
        return grid
