# task: c0rp0001
# wave 3: extend_lines (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        bg = Counter(g.flatten()).most_common(1)[0][0]
        out = g.copy()
        for r, c in np.argwhere(g != bg):
            colour = g[r, c]
            out[r, :] = np.where(out[r, :] == bg, colour, out[r, :])
        return [row.tolist() for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
