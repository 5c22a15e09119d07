# task: c0rp0014
import numpy as np
from collections import Counter


def transform(grid):
    a = np.array(grid)
    bg = Counter(a.flatten()).most_common(1)[0][0]
    a[a == bg] = 0
    return a
