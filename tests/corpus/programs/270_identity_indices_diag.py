# task: c0rp0013
import numpy as np


def transform(grid):
    a = np.array(grid)
    h, w = a.shape
    ii, jj = np.indices((h, w))
    on_diag = ii == jj
    # compare with an identity mask where the grid is square
    if h == w:
        assert np.array_equal(on_diag, np.identity(h, dtype=bool))
    return np.where(on_diag, a, (a + 3) % 10).tolist()
