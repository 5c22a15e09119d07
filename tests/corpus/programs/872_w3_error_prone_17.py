# task: c0rp0002
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.array([list(row) for row in grid])
        n = np.int8(g.max()) * np.int8(100)
        out = np.full((1, 2), abs(int(n)) % 10)
        return [[int(v) for v in row] for row in out]
    except Exception as e:
        print('failed:', e)
        return grid
