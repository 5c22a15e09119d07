# task: c0rp0014
import numpy as np


def transform(grid):
    """Swap background and the most common object colour."""
    a = np.array(grid)
    vals, counts = np.unique(a, return_counts=True)
    order = np.argsort(-counts, kind="stable")
    bg, fg = vals[order[0]], vals[order[1]]
    out = a.copy()
    out[a == bg] = fg
    out[a == fg] = bg
    return out.tolist()
