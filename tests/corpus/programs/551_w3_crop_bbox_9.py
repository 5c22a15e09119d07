# task: c0rp0014
# wave 3: crop_bbox (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        vals, counts = np.unique(g, return_counts=True)
        bg = vals[np.argmax(counts)]
        coords = np.argwhere(g != bg)
        if len(coords) == 0:
            return grid
        r0, c0 = coords.min(axis=0)
        r1, c1 = coords.max(axis=0) + 1
        out = g[r0:r1, c0:c1]
        return [[int(v) for v in row] for row in out]
    except Exception:
        return grid
