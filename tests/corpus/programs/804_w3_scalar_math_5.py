# task: c0rp0024
# wave 3: scalar_math (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        mean = g.mean()
        out = (g > mean).astype(int) * int(round(mean))
        return [row.tolist() for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
