# task: c0rp0001
import numpy as np
from scipy import ndimage


def transform(grid):
    a = np.array(grid)
    lab, n = ndimage.label(a != 0)
    out = np.zeros_like(a)
    w = a.shape[1]
    for sl in ndimage.find_objects(lab):
        rs, cs = sl
        piece = a[sl][:, ::-1]
        out[rs, w - cs.stop: w - cs.start] = np.where(piece != 0, piece, out[rs, w - cs.stop: w - cs.start])
    return out
