# task: c0rp0012
# wave 3: sort_row (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        out = np.sort(g, axis=1)[:, ::-1]
        return [row.tolist() for row in out]
    except Exception:
        return grid
