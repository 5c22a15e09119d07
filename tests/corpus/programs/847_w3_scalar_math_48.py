# task: c0rp0011
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.uint8)
        lo, hi = g.min(), g.max()
        span = hi - lo
        out = (g - lo) * (9 // max(1, span))
        return [list(map(int, row)) for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
