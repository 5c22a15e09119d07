# task: c0rp0016
import numpy as np


def transform(grid):
    a = np.array(grid)
    onehot = (a.ravel()[:, None] == np.arange(10)[None, :]).astype(int)
    counts = np.dot(np.ones(onehot.shape[0], dtype=int), onehot)
    present = np.nonzero(counts)[0]
    order = present[np.argsort(-counts[present], kind="stable")]
    return order[:, None].tolist()
