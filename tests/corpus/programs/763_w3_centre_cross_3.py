# task: c0rp0020
# wave 3: centre_cross (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=int)
    bg = max(sorted(set(g.flat)), key=list(g.flat).count)
    ys, xs = np.nonzero(g != bg)
    if len(ys) == 0:
        return grid
    cy, cx = ys.mean(), xs.mean()
    r, c = cy.round().astype(int), cx.round().astype(int)
    out = g.copy()
    out[r, :] = np.where(out[r, :] == bg, 8, out[r, :])
    out[:, c] = np.where(out[:, c] == bg, 8, out[:, c])
    return [list(map(int, row)) for row in out]
