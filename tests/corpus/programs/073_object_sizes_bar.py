# task: c0rp0023
import numpy as np
import scipy.ndimage as ndi


def transform(grid):
    a = np.array(grid)
    lab, n = ndi.label(a)
    sizes = np.bincount(lab.ravel())[1:]
    # normalise sizes to the largest one -> floats slip through (LLM bug)
    scaled = sizes / sizes.max()
    return [[s] for s in scaled]
