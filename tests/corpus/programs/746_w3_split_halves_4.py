# task: c0rp0019
# wave 3: split_halves (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        w = g.shape[1]
        left, right = np.hsplit(g[:, np.arange(w) != w // 2], 2)
        out = ((left != 0) & (right != 0)).astype(int) * 2
        return [[int(v) for v in row] for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
