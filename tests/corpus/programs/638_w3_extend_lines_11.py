# task: c0rp0019
# wave 3: extend_lines (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        bg = Counter(g.flatten()).most_common(1)[0][0]
        out = g.copy()
        pts = np.argwhere(g != bg)
        for (r, c) in pts:
            out[r:, c][out[r:, c] == bg] = g[r, c]
        return out.astype(int).tolist()
    except Exception as e:
        print('failed:', e)
        return grid
