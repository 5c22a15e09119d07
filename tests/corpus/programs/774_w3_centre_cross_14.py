# task: c0rp0010
# wave 3: centre_cross (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    bg = 0
    ys, xs = np.nonzero(g != bg)
    if len(ys) == 0:
        return grid
    cy, cx = ys.mean(), xs.mean()
    r = int(cy) if float(cy).is_integer() else int(cy + 0.5)
    c = int(cx) if cx.is_integer() else int(cx + 0.5)
    out = g.copy()
    out[r, :] = np.where(out[r, :] == bg, 8, out[r, :])
    out[:, c] = np.where(out[:, c] == bg, 8, out[:, c])
    return out
