# task: c0rp0004
# wave 3: crop_bbox (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        bg = max(sorted(set(g.flat)), key=list(g.flat).count)
        coords = np.argwhere(g != bg)
        if len(coords) == 0:
            return grid
        r0, c0 = coords.min(axis=0)
        r1, c1 = coords.max(axis=0) + 1
        out = g[r0:r1, c0:c1]
        return [list(map(int, row)) for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
