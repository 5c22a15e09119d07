# task: c0rp0016
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        v = g[0, 0] + 1.5j
        out = g
        return [[int(v) for v in row] for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
