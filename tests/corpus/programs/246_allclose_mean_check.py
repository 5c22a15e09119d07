# task: c0rp0012
import numpy as np


def transform(grid):
    a = np.array(grid, dtype=np.float64)
    m = np.mean(a, axis=0)
    # symmetric already? then mean profile is a palindrome
    if np.allclose(m, m[::-1]):
        return a.astype(int).tolist()
    w = a.shape[1]
    a[:, w - w // 2:] = a[:, : w // 2][:, ::-1]
    return a.astype(np.int64).tolist()
