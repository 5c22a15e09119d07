# task: c0rp0002
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        import math
        side = math.isqrt(g.size)
        out = g.ravel()[: side * side].reshape(side, side)
        return out.tolist()
    except Exception:
        return grid
