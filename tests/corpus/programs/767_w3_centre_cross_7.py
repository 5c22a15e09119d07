# task: c0rp0011
# wave 3: centre_cross (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
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
    except Exception as e:
        print('failed:', e)
        return grid
