# task: c0rp0016
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        out = g.max(axis=2)
        return out.astype(int).tolist()
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
