# task: c0rp0006
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    out = np.zeros((h * 3, w * 3), dtype=np.uint8)
    for (r, c), v in np.ndenumerate(a):
        block = np.full_like(out[:3, :3], v)
        out[r * 3:r * 3 + 3, c * 3:c * 3 + 3] = block
    return out.tolist()
