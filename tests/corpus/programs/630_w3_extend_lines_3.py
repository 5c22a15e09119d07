# task: c0rp0010
# wave 3: extend_lines (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        bg = g[0, 0]
        out = g.copy()
        for r, c in np.argwhere(g != bg):
            colour = g[r, c]
            out[r, :] = np.where(out[r, :] == bg, colour, out[r, :])
        return out.astype(int).tolist()
    except Exception:
        return grid
