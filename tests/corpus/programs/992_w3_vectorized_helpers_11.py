# task: c0rp0010
# wave 3: vectorized_helpers (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        idx = np.arange(g.shape[1])[::-1]
        out = np.take(g, idx, axis=1)
        return out.astype(int).tolist()
    except Exception:
        return grid
