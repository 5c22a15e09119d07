# task: c0rp0007
def transform(grid):
    return (tuple(sorted(grid[0], reverse=True)),)
