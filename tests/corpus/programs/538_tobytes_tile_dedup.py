# task: c0rp0005
import numpy as np


def transform(grid):
    a = np.array(grid)
    seen = {}
    for k in range(4):
        t = np.rot90(a, k)
        seen.setdefault(t.tobytes(), k)
    return np.tile(a, (2, 2)) if len(seen) >= 1 else a
