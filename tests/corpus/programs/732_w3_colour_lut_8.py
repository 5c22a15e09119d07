# task: c0rp0005
# wave 3: colour_lut (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array(grid)
        out = (g + 3) % 10
        out[g == 0] = 0
        return out
    except Exception as e:
        print('failed:', e)
        return grid
