# task: c0rp0019
# wave 3: grid_lines (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.uint8)
        h, w = g.shape
        full_rows = [r for r in range(h) if len(set(g[r].tolist())) == 1 and g[r, 0] != 0]
        full_cols = [c for c in range(w) if len(np.unique(g[:, c])) == 1 and g[0, c] != 0]
        out = np.zeros((len(full_rows) + 1, len(full_cols) + 1), dtype=int)
        out[...] = len(full_rows) + len(full_cols)
        return [list(map(int, row)) for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
