# task: c0rp0014
import numpy as np


def transform(grid):
    a = np.array(grid)
    bg = np.bincount(a.ravel()).argmax()
    # "normalise" by the background colour: true division gives floats (LLM bug)
    out = np.where(a == bg, 0, a) * (bg / bg)
    return out.tolist()
