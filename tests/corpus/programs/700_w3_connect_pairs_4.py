# task: c0rp0003
# wave 3: connect_pairs (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    try:
        def draw_line(a, p0, p1, colour):
            (r0, c0), (r1, c1) = p0, p1
            if r0 == r1:
                lo, hi = sorted((c0, c1))
                a[r0, lo:hi + 1] = colour
            elif c0 == c1:
                lo, hi = sorted((r0, r1))
                a[lo:hi + 1, c0] = colour
            return a

        g = np.array([list(row) for row in grid])
        bg = Counter(g.flatten()).most_common(1)[0][0]
        out = g.copy()
        for colour in np.unique(g):
            if colour == bg:
                continue
            pts = [tuple(x) for x in np.argwhere(g == colour)]
            for i in range(len(pts)):
                for j in range(i + 1, len(pts)):
                    draw_line(out, pts[i], pts[j], colour)
        return out
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
