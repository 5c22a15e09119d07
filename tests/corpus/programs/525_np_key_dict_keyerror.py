# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    names = {1: "blue", 2: "red", 3: "green"}
    counts = {}
    for v in a.ravel():
        counts[names[v]] = counts.get(names[v], 0) + 1  # colour 4 -> KeyError
    order = sorted(counts, key=lambda n: -counts[n])
    inv = {v: k for k, v in names.items()}
    return [[inv[n]] for n in order]
