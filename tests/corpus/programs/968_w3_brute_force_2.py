# task: c0rp0017
# wave 3: brute_force (scripts/make_corpus_wave3.py)
import numpy as np


def transform(grid):
    try:
        h, w = len(grid), len(grid[0])
        out = [row[:] for row in grid]
        for r in range(h):
            for c in range(w):
                same = 0
                for rr in range(h):
                    for cc in range(w):
                        if grid[rr][cc] == grid[r][c]:
                            same += 1
                if same == 1:
                    out[r][c] = 0
        return out
    except Exception as e:
        print('failed:', e)
        return grid
