# task: c0rp0019
# wave 3: split_halves (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        w = g.shape[1]
        left, right = np.hsplit(g[:, np.arange(w) != w // 2], 2)
        out = ((left != 0) & (right != 0)).astype(int) * 2
        return out.astype(int).tolist()
    except Exception:
        return grid
