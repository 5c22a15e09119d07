# task: c0rp0014
from collections import Counter


def transform(grid):
    bg = Counter(v for row in grid for v in row).most_common(1)[0][0]
    return [[0 if v == bg else v for v in row] for row in grid]
