# task: c0rp0014
# wave 3: where_masks (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    g = np.array(grid, dtype=int)
    bg = Counter(g.flatten()).most_common(1)[0][0]
    out = g * (g != bg)
    return [row.tolist() for row in out]
