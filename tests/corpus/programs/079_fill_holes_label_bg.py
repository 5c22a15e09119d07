# task: c0rp0003
import numpy as np
from scipy.ndimage import label


def transform(grid):
    a = np.array(grid)
    lab, n = label(a == 0)
    border = np.unique(np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]]))
    enclosed = (lab > 0) & ~np.isin(lab, border)
    return np.where(enclosed, 4, a).tolist()
