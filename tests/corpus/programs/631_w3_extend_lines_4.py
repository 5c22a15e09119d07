# task: c0rp0001
# wave 3: extend_lines (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        bg = g[0, 0]
        out = g.copy()
        h, w = g.shape
        for r, c in zip(*np.nonzero(g != bg)):
            v = g[r, c]
            for cc in range(c + 1, w):
                if out[r, cc] != bg:
                    break
                out[r, cc] = v
        return out.astype(int).tolist()
    except Exception as e:
        print('failed:', e)
        return grid
