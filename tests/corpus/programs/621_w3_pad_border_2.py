# task: c0rp0013
# wave 3: pad_border (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        bg = 0
        inner = g[1:-1, 1:-1]
        out = np.pad(inner, 1, constant_values=int(bg) + 1)
        return out.tolist()
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
