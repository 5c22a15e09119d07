# Append the left-right mirror image to the right of the grid.
def transform(grid):
    return [list(row) + list(reversed(row)) for row in grid]
