# task: c0rp0020
# wave 3: row_majority (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    try:
        g = np.array(grid, dtype=int)
        cols = []
        for col in g.T:
            common = Counter(col).most_common(1)[0][0]
            cols.append(common)
        out = np.array([cols])
        return [[int(v) for v in row] for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
