# task: c0rp0009
import numpy as np


def transform(grid):
    """Colour on the diagonal, everything else background."""
    v = np.array(grid).item()
    out = np.diag(np.full(3, v))
    assert out.ndim == 2
    return out.tolist()
