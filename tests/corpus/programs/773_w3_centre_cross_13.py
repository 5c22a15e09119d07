# task: c0rp0001
# wave 3: centre_cross (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        bg = int(np.bincount(g.flatten(), minlength=10).argmax())
        ys, xs = np.nonzero(g != bg)
        if len(ys) == 0:
            return grid
        cy, cx = ys.mean(), xs.mean()
        r, c = int(cy), int(cx)
        out = g.copy()
        out[r, :] = np.where(out[r, :] == bg, 8, out[r, :])
        out[:, c] = np.where(out[:, c] == bg, 8, out[:, c])
        return [[int(v) for v in row] for row in out]
    except Exception:
        return grid
