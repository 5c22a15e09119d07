# task: c0rp0001
def transform(grid):
    return [list(reversed(row)) for row in grid]
