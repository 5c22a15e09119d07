# task: c0rp0013
import numpy as np


def transform(grid):
    """Shift colours by 3; the main diagonal is kept as-is (hypothesis from pair 1)."""
    a = np.array(grid)
    out = (a + 3) % 10
    n = min(a.shape)
    d = np.diagonal(a)
    idx = np.arange(n)
    out[idx, idx] = d
    return out.tolist()
