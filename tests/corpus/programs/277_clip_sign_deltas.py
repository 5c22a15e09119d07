# task: c0rp0007
import numpy as np


def transform(grid):
    a = np.array(grid)
    srt = np.sort(a, axis=1)[:, ::-1]
    steps = np.sign(srt[:, :-1] - srt[:, 1:])
    print("strictly decreasing steps:", int(steps.sum()))
    return np.clip(srt, 0, 9).tolist()
