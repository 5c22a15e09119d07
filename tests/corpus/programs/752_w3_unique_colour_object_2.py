# task: c0rp0014
# wave 3: unique_colour_object (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        bg = Counter(g.flatten().tolist()).most_common(1)[0][0]
        colours, counts = np.unique(g[g != bg], return_counts=True)
        if colours.size == 0:
            return grid
        rare = colours[counts.argmin()]
        pos = np.argwhere(g == rare)
        (r0, c0), (r1, c1) = pos.min(0), pos.max(0)
        out = g[r0:r1 + 1, c0:c1 + 1]
        return [[int(v) for v in row] for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
