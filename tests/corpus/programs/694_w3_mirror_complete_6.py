# task: c0rp0012
# wave 3: mirror_complete (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        h, w = g.shape
        half = w // 2
        out = g.copy()
        out[:, w - half:] = np.fliplr(g[:, :half])
        return out.tolist()
    except Exception as e:
        print('failed:', e)
        return grid
