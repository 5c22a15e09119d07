# task: c0rp0013
# wave 3: where_masks (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    g = np.array(grid)
    bg = Counter(g.flatten().tolist()).most_common(1)[0][0]
    out = np.where(np.isin(g, [1, 2, 3]), 5, g)
    return out.tolist()
