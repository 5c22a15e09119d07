# task: c0rp0021
def transform(grid):
    return [list(row) for row in zip(*grid)][::-1]
