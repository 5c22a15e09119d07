# task: c0rp0006
# wave 3: unique_colour_object (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    g = np.asarray(grid, dtype=np.int64)
    bg = Counter(g.flatten().tolist()).most_common(1)[0][0]
    colours, counts = np.unique(g[g != bg], return_counts=True)
    if colours.size == 0:
        return grid
    rare = colours[counts.argmin()]
    pos = np.argwhere(g == rare)
    (r0, c0), (r1, c1) = pos.min(0), pos.max(0)
    out = g[r0:r1 + 1, c0:c1 + 1]
    return out
