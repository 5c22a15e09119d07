# task: c0rp0016
# wave 3: gravity (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    g = np.array(grid, dtype=int)
    bg = Counter(g.flatten().tolist()).most_common(1)[0][0]
    mask = (g != bg).astype(int)
    order = np.argsort(mask, axis=0, kind='stable')
    out = np.take_along_axis(g, order, axis=0)
    return [list(map(int, row)) for row in out]
