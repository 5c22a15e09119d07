# task: c0rp0014
import numpy as np


def transform(grid):
    """Relabel colours by frequency rank: most frequent -> 0."""
    a = np.array(grid)
    vals, inv, counts = np.unique(a, return_inverse=True, return_counts=True)
    rank = np.empty_like(counts)
    order = np.argsort(-counts, kind="stable")
    rank[order] = np.arange(len(counts))
    new_vals = np.where(rank == 0, 0, vals)
    return new_vals[inv].reshape(a.shape).tolist()
