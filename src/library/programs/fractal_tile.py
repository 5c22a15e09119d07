# Self-similar tiling: place a copy of the grid at every non-background cell of the grid itself.
from collections import Counter


def transform(grid):
    h, w = len(grid), len(grid[0])
    if h * h > 30 or w * w > 30:
        raise ValueError("result too large")
    counts = Counter(v for row in grid for v in row)
    bg = 0 if 0 in counts else counts.most_common(1)[0][0]
    out = [[bg] * (w * w) for _ in range(h * h)]
    for i in range(h):
        for j in range(w):
            if grid[i][j] == bg:
                continue
            for r in range(h):
                for c in range(w):
                    out[i * h + r][j * w + c] = grid[r][c]
    return out
