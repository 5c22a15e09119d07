# Put the top-bottom mirror image above the grid.
def transform(grid):
    return [list(row) for row in reversed(grid)] + [list(row) for row in grid]
