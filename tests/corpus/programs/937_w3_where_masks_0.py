# task: c0rp0013
# wave 3: where_masks (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    try:
        g = np.array(grid, dtype=np.uint8)
        bg = Counter(g.flatten().tolist()).most_common(1)[0][0]
        out = np.where(g == bg, 0, g)
        return out
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
