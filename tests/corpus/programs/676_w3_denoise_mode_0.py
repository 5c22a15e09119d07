# task: c0rp0001
# wave 3: denoise_mode (scripts/make_corpus_wave3.py)
import numpy as np


def neighbours(a, r, c):
    h, w = a.shape
    vals = []
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr == 0 and dc == 0:
                continue
            rr, cc = r + dr, c + dc
            if 0 <= rr < h and 0 <= cc < w:
                vals.append(a[rr, cc])
    return vals


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        out = g.copy()
        h, w = g.shape
        for r in range(h):
            for c in range(w):
                nb = neighbours(g, r, c)
                same = sum(1 for v in nb if v == g[r, c])
                if same == 0 and nb:
                    out[r, c] = max(sorted(set(nb)), key=nb.count)
        return [row.tolist() for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
