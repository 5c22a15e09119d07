# task: c0rp0007
# wave 3: mirror_complete (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        left = g[:, : g.shape[1] // 2]
        out = np.hstack([left, left[:, ::-1]])
        if g.shape[1] % 2:
            out = np.hstack([left, g[:, [g.shape[1] // 2]], left[:, ::-1]])
        return out
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
