# task: c0rp0012
# wave 3: mirror_complete (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        left = g[:, : g.shape[1] // 2]
        out = np.hstack([left, left[:, ::-1]])
        if g.shape[1] % 2:
            out = np.hstack([left, g[:, [g.shape[1] // 2]], left[:, ::-1]])
        return [[int(v) for v in row] for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
