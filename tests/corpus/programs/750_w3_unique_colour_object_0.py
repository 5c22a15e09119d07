# task: c0rp0004
# wave 3: unique_colour_object (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    g = np.array(grid, dtype=int)
    bg = max(sorted(set(g.flat)), key=list(g.flat).count)
    colours, counts = np.unique(g[g != bg], return_counts=True)
    if colours.size == 0:
        return grid
    rare = colours[counts.argmin()]
    pos = np.argwhere(g == rare)
    (r0, c0), (r1, c1) = pos.min(0), pos.max(0)
    out = g[r0:r1 + 1, c0:c1 + 1]
    return out
