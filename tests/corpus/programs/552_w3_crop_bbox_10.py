# task: c0rp0011
# wave 3: crop_bbox (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid)
    bg = max(sorted(set(g.flat)), key=list(g.flat).count)
    rows = np.where(np.any(g != bg, axis=1))[0]
    cols = np.where(np.any(g != bg, axis=0))[0]
    if rows.size == 0:
        return grid
    out = g[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    return [list(map(int, row)) for row in out]
