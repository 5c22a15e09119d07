# task: c0rp0012
# wave 3: mirror_complete (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        left = g[:, : g.shape[1] // 2]
        out = np.hstack([left, left[:, ::-1]])
        if g.shape[1] % 2:
            out = np.hstack([left, g[:, [g.shape[1] // 2]], left[:, ::-1]])
        return [row.tolist() for row in out]
    except Exception:
        return grid
