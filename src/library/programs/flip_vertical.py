# Mirror the grid top-bottom (reverse the order of rows).
def transform(grid):
    return [list(row) for row in reversed(grid)]
