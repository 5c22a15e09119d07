# task: c0rp0012
# wave 3: dedupe_rows (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        keep = [0] + [i for i in range(1, g.shape[0]) if not np.array_equal(g[i], g[i - 1])]
        out = g[keep]
        keep_c = [0] + [j for j in range(1, out.shape[1]) if not np.array_equal(out[:, j], out[:, j - 1])]
        out = out[:, keep_c]
        return [list(map(int, row)) for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
