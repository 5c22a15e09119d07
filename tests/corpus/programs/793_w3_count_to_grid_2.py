# task: c0rp0002
# wave 3: count_to_grid (scripts/make_corpus_wave3.py)
import numpy as np
from scipy import ndimage


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        bg = max(sorted(set(g.flat)), key=list(g.flat).count)
        _, n = ndimage.label(g != bg)
        side = int(np.ceil(np.sqrt(n))) if n else 1
        out = np.zeros((side, side), dtype=int)
        out.flat[:n] = 1
        return [[int(v) for v in row] for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
