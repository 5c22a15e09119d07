# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    present = [c for c in range(10) if c in a]
    counts = {c: int(np.sum(a == c)) for c in present}
    return [[c] for c in sorted(present, key=lambda c: -counts[c])]
