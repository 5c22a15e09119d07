# task: c0rp0005
# wave 3: colour_histogram (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid, dtype=np.uint8)
        total = g.size
        fractions = {int(c): (g == c).sum() / total for c in np.unique(g)}
        best = max(fractions, key=fractions.get)
        share = fractions[best]
        n = int(round(share * 10))
        out = np.full((1, max(1, n)), best)
        return [[int(v) for v in row] for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
