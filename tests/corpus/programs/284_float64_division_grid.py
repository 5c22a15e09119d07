# task: c0rp0010
import numpy as np


def transform(grid):
    a = np.array(grid, dtype=np.float64)
    h = a.shape[0]
    counts = (a > 0).sum(axis=0)
    # average colour per column, placed at the bottom (float cells -> invalid)
    avg = a.sum(axis=0) / np.maximum(counts, 1)
    out = np.zeros_like(a)
    for c in range(a.shape[1]):
        out[h - counts[c]:, c] = avg[c]
    return out.tolist()
