# task: c0rp0024
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        v = float(g[:, :1])
        out = np.full((1, 1), int(v))
        return out.astype(int).tolist()
    except Exception:
        return grid
