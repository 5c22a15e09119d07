# Rotate the grid 180 degrees.
def transform(grid):
    return [list(reversed(row)) for row in reversed(grid)]
