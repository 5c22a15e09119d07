# task: c0rp0004
# wave 3: crop_bbox (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        bg = Counter(g.flatten().tolist()).most_common(1)[0][0]
        rows = np.where(np.any(g != bg, axis=1))[0]
        cols = np.where(np.any(g != bg, axis=0))[0]
        if rows.size == 0:
            return grid
        out = g[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
        return out.tolist()
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
