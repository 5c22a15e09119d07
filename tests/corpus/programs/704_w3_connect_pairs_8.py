# task: c0rp0001
# wave 3: connect_pairs (scripts/make_corpus_wave3.py)
import numpy as np


def draw_line(a, p0, p1, colour):
    (r0, c0), (r1, c1) = p0, p1
    if r0 == r1:
        lo, hi = sorted((c0, c1))
        a[r0, lo:hi + 1] = colour
    elif c0 == c1:
        lo, hi = sorted((r0, r1))
        a[lo:hi + 1, c0] = colour
    return a


def transform(grid):
    try:
        g = np.array(grid, dtype=np.uint8)
        bg = max(sorted(set(g.flat)), key=list(g.flat).count)
        out = g.copy()
        for colour in np.unique(g):
            if colour == bg:
                continue
            pts = [tuple(x) for x in np.argwhere(g == colour)]
            for i in range(len(pts)):
                for j in range(i + 1, len(pts)):
                    draw_line(out, pts[i], pts[j], colour)
        return out
    except Exception:
        return grid
