# task: c0rp0007
def transform(grid):
    return [list(reversed(grid[0]))]
