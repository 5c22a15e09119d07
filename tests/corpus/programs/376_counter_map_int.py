# task: c0rp0016
import numpy as np
from collections import Counter


def transform(grid):
    a = np.array(grid)
    counts = Counter(map(int, a.ravel()))
    order = sorted(counts, key=lambda v: (-counts[v], v))
    return [[v] for v in order]
