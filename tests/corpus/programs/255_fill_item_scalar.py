# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    vals, counts = np.unique(a, return_counts=True)
    top = vals[counts.argmax()].item()
    out = np.empty((len(vals), 1), dtype=np.int32)
    out.fill(top)
    order = np.argsort(-counts, kind="stable")
    out[:, 0] = vals[order]
    return out.tolist()
