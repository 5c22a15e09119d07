# task: c0rp0017
# wave 3: denoise_mode (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        padded = np.pad(g, 1, mode='edge')
        h, w = g.shape
        out = g.copy()
        for r in range(h):
            for c in range(w):
                win = padded[r:r + 3, c:c + 3]
                vals = np.bincount(win.ravel(), minlength=10)
                if vals[g[r, c]] == 1:
                    out[r, c] = vals.argmax()
        return [[int(v) for v in row] for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
