# task: c0rp0010
# wave 3: gravity (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        bg = Counter(g.flatten().tolist()).most_common(1)[0][0]
        h, w = g.shape
        out = np.full_like(g, bg)
        for c in range(w):
            col = g[:, c]
            vals = col[col != bg]
            if len(vals):
                out[h - len(vals):, c] = vals
        return [[int(v) for v in row] for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
