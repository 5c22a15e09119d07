# task: c0rp0001
def transform(grid):
    return grid[::-1]
