# task: c0rp0005
# wave 3: where_masks (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        bg = max(sorted(set(g.flat)), key=list(g.flat).count)
        out = np.where((g != bg) & (g % 2 == 0), g // 2, g)
        return [[int(v) for v in row] for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
