# task: c0rp0009
# wave 3: upscale (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.uint8)
        out = np.tile(g, (2, 2))
        if out.shape[0] > 30 or out.shape[1] > 30:
            raise ValueError('too big')
        return [row.tolist() for row in out]
    except Exception:
        return grid
