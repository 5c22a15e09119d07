# task: c0rp0004
# wave 3: brute_force (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        h, w = g.shape
        out = g.copy()
        for r in range(h):
            for c in range(w):
                if g[r, c] == 0:
                    continue
                count = 0
                for rr in range(h):
                    if g[rr, c] == g[r, c]:
                        count += 1
                for cc in range(w):
                    if g[r, cc] == g[r, c]:
                        count += 1
                out[r, c] = min(9, count)
        return out.tolist()
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
