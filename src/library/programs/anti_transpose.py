# Mirror the grid along the anti-diagonal (transpose of the 180-degree rotation).
def transform(grid):
    h, w = len(grid), len(grid[0])
    return [[grid[h - 1 - r][w - 1 - c] for r in range(h)] for c in range(w)]
