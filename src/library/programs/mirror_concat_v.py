# Append the top-bottom mirror image below the grid.
def transform(grid):
    return [list(row) for row in grid] + [list(row) for row in reversed(grid)]
