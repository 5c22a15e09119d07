# Mirror the grid left-right (reverse every row).
def transform(grid):
    return [list(reversed(row)) for row in grid]
