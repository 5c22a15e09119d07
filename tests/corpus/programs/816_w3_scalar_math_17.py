# task: c0rp0011
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        f = g.astype(np.float32) / 3
        out = (f * 3).round().astype(int)
        return out.astype(int).tolist()
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
