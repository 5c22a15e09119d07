# Rotate the grid 90 degrees counter-clockwise.
def transform(grid):
    h, w = len(grid), len(grid[0])
    return [[grid[r][w - 1 - c] for r in range(h)] for c in range(w)]
