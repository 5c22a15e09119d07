# Put the left-right mirror image to the left of the grid.
def transform(grid):
    return [list(reversed(row)) + list(row) for row in grid]
