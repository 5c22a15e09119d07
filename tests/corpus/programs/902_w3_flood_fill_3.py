# task: c0rp0011
# wave 3: flood_fill (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        def flood(a, r, c, new):
            old = a[r, c]
            if old == new:
                return a
            stack = [(r, c)]
            h, w = a.shape
            while stack:
                y, x = stack.pop()
                if 0 <= y < h and 0 <= x < w and a[y, x] == old:
                    a[y, x] = new
                    stack.extend([(y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)])
            return a

        g = np.array(grid, dtype=np.int32)
        vals, counts = np.unique(g, return_counts=True)
        bg = vals[np.argmax(counts)]
        out = g.copy()
        h, w = out.shape
        for r in range(h):
            for c in (0, w - 1):
                if out[r, c] == bg:
                    flood(out, r, c, 6)
        return out.astype(int).tolist()
    except Exception:
        return grid
