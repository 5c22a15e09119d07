# task: c0rp0006
# wave 3: upscale (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        out = np.tile(g, (2, 2))
        if out.shape[0] > 30 or out.shape[1] > 30:
            raise ValueError('too big')
        return out.tolist()
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
