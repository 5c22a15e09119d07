# task: c0rp0023
import numpy as np
from scipy.ndimage import label


def transform(grid):
    a = np.array(grid)
    colours = set(a.flatten()) - {0}
    total = 0
    for c in sorted(colours):
        _, n = label(a == c)
        total += n
    first = list(a[0])
    assert len(first) == a.shape[1]
    return [[1] for _ in range(max(1, total))]
