# task: c0rp0005
import math


def transform(grid):
    h, w = len(grid), len(grid[0])
    g = math.gcd(h, w)
    reps = 2 if g else 1
    return [[grid[r % h][c % w] for c in range(w * reps)] for r in range(h * reps)]
