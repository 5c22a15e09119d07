# task: c0rp0016
# wave 3: vectorized_helpers (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        h, w = g.shape
        checker = np.fromfunction(lambda i, j: (i + j) % 2, (h, w), dtype=int)
        out = np.where(checker == 1, g, 0)
        return out.astype(int).tolist()
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
