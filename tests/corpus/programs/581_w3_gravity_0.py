# task: c0rp0010
# wave 3: gravity (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.uint8)
        bg = np.bincount(g.ravel()).argmax()
        h, w = g.shape
        out = np.full_like(g, bg)
        for c in range(w):
            col = g[:, c]
            vals = col[col != bg]
            if len(vals):
                out[h - len(vals):, c] = vals
        return [[int(v) for v in row] for row in out]
    except Exception:
        return grid
