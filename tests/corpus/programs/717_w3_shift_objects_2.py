# task: c0rp0023
# wave 3: shift_objects (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    try:
        g = np.array(grid, dtype=np.uint8)
        bg = Counter(g.flatten()).most_common(1)[0][0]
        out = np.full_like(g, bg)
        for r, c in np.argwhere(g != bg):
            nr = min(r + 1, g.shape[0] - 1)
            out[nr, c] = g[r, c]
        return out.astype(int).tolist()
    except Exception:
        return grid
