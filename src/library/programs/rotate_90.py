# Rotate the grid 90 degrees clockwise.
def transform(grid):
    h, w = len(grid), len(grid[0])
    return [[grid[h - 1 - r][c] for r in range(h)] for c in range(w)]
