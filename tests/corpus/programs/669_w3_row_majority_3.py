# task: c0rp0005
# wave 3: row_majority (scripts/make_corpus_wave3.py)
import numpy as np
from collections import Counter


def transform(grid):
    g = np.array(grid)
    cols = []
    for col in g.T:
        common = Counter(col).most_common(1)[0][0]
        cols.append(common)
    out = np.array([cols])
    return out.tolist()
