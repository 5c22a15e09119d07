# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    total = np.sum(a > 0)
    lo, hi = np.min(a), np.max(a)
    print("filled", total, "range", lo, hi)
    counts = np.array([np.sum(a == c) for c in range(10)])
    present = [c for c in range(10) if counts[c] > 0]
    present.sort(key=lambda c: (-counts[c], c))
    return [[c] for c in present]
