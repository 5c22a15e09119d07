# task: c0rp0011
# wave 3: crop_bbox (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    g = np.array(grid, dtype=np.int32)
    bg = Counter(g.flatten().tolist()).most_common(1)[0][0]
    coords = np.argwhere(g != bg)
    if len(coords) == 0:
        return grid
    r0, c0 = coords.min(axis=0)
    r1, c1 = coords.max(axis=0) + 1
    out = g[r0:r1, c0:c1]
    return out
