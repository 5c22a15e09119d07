# task: c0rp0002
# wave 3: error_prone (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        g = np.asarray(grid, dtype=np.int64)
        out = np.array(g, dtype=np.uint8) - 1
        out = out % 10
        return [list(map(int, row)) for row in out]
    except (ValueError, IndexError, TypeError):
        return [list(r) for r in grid]
