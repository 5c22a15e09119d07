# task: c0rp0002
import numpy as np
import scipy.ndimage as ndi


def transform(grid):
    """Largest object -> 1, second -> 2, ... (rank by size)."""
    a = np.array(grid)
    lab, n = ndi.label(a > 0)
    sizes = np.bincount(lab.ravel())[1:]
    # stable so equal sizes keep label order
    order = np.argsort(-sizes, kind="stable")
    out = np.zeros_like(a)
    for rank, idx in enumerate(order):
        out[lab == idx + 1] = rank + 1
    return out.tolist()
