# task: c0rp0013
# wave 3: float32_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        f = np.asarray(g, dtype=np.float32)
        m = f.mean(axis=0)
        out = (f > m).astype(np.uint8) * 5
        return out
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
