# task: c0rp0024
# wave 3: unique_colour_object (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        bg = np.bincount(g.ravel()).argmax()
        colours, counts = np.unique(g[g != bg], return_counts=True)
        if colours.size == 0:
            return grid
        rare = colours[counts.argmin()]
        pos = np.argwhere(g == rare)
        (r0, c0), (r1, c1) = pos.min(0), pos.max(0)
        out = g[r0:r1 + 1, c0:c1 + 1]
        return out.tolist()
    except Exception as e:
        print('failed:', e)
        return grid
