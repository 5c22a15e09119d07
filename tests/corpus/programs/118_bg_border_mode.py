# task: c0rp0014
from collections import Counter


def transform(grid):
    """Background = most common colour on the border."""
    h, w = len(grid), len(grid[0])
    border = [grid[0][c] for c in range(w)] + [grid[h - 1][c] for c in range(w)]
    border += [grid[r][0] for r in range(h)] + [grid[r][w - 1] for r in range(h)]
    bg = Counter(border).most_common(1)[0][0]
    return [[0 if v == bg else v for v in row] for row in grid]
