# task: c0rp0019
# wave 3: upscale (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        factor = 3
        out = np.kron(g, np.ones((factor, factor), dtype=g.dtype))
        return out
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
