# task: c0rp0017
# wave 3: gravity (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        bg = g[0, 0]
        mask = (g != bg).astype(int)
        order = np.argsort(mask, axis=0, kind='stable')
        out = np.take_along_axis(g, order, axis=0)
        return [row.tolist() for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
