# task: c0rp0005
# wave 3: bincount_features (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        counts = np.bincount(g[g > 0])
        out = np.full((1, 1), counts.argmax() if counts.size else 0)
        return [list(map(int, row)) for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
