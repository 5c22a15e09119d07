# task: c0rp0001
# wave 3: centre_cross (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    bg = np.bincount(g.ravel()).argmax()
    ys, xs = np.nonzero(g != bg)
    if len(ys) == 0:
        return grid
    cy, cx = ys.mean(), xs.mean()
    r, c = int(np.floor(cy)), int(np.ceil(cx))
    out = g.copy()
    out[r, :] = np.where(out[r, :] == bg, 8, out[r, :])
    out[:, c] = np.where(out[:, c] == bg, 8, out[:, c])
    return out.astype(int).tolist()
