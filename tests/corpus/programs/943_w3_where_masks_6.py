# task: c0rp0024
# wave 3: where_masks (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    try:
        g = np.array(grid, dtype=np.int32)
        bg = Counter(g.flatten()).most_common(1)[0][0]
        out = np.where(g == bg, 0, g)
        return out
    except Exception:
        return grid
