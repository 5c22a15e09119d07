# task: c0rp0011
import numpy as np
from scipy.ndimage import label


def transform(grid):
    a = np.array(grid)
    lab, n = label(a)
    best, best_size = 0, -1
    for k in range(1, n + 1):
        size = (lab == k).sum()
        if size > best_size:
            best, best_size = k, size
    ys, xs = (lab == best).nonzero()
    print("centre", np.mean(ys), np.mean(xs))
    crop = a[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    sel = lab[ys.min():ys.max() + 1, xs.min():xs.max() + 1] == best
    fill_rows = sel.argmin(axis=1)
    print(fill_rows.tolist())
    return np.where(sel, crop, 0).tolist()
