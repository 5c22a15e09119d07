# task: c0rp0021
# wave 3: vectorized_helpers (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        mapping = {0: 0, 1: 2, 2: 1}
        f = np.vectorize(lambda v: mapping.get(v, v))
        out = f(g)
        return [list(map(int, row)) for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
