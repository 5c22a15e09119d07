# task: c0rp0010
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        out = np.zeros_like(g)
        out[:2, :2] = g[:3, :3]
        return [[int(v) for v in row] for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
