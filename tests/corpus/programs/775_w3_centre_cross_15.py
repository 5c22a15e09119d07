# task: c0rp0002
# wave 3: centre_cross (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=np.uint8)
    vals, counts = np.unique(g, return_counts=True)
    bg = vals[np.argmax(counts)]
    ys, xs = np.nonzero(g != bg)
    if len(ys) == 0:
        return grid
    cy, cx = ys.mean(), xs.mean()
    r, c = (int(v) for v in np.rint([cy, cx]))
    out = g.copy()
    out[r, :] = np.where(out[r, :] == bg, 8, out[r, :])
    out[:, c] = np.where(out[:, c] == bg, 8, out[:, c])
    return [row.tolist() for row in out]
