# task: c0rp0022
# wave 3: centre_cross (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        bg = max(sorted(set(g.flat)), key=list(g.flat).count)
        ys, xs = np.nonzero(g != bg)
        if len(ys) == 0:
            return grid
        cy, cx = ys.mean(), xs.mean()
        r, c = int(cy.round()), int(cx.round())
        out = g.copy()
        out[r, :] = np.where(out[r, :] == bg, 8, out[r, :])
        out[:, c] = np.where(out[:, c] == bg, 8, out[:, c])
        return out
    except Exception as e:
        print('failed:', e)
        return grid
