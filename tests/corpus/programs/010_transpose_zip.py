# task: c0rp0020
def transform(grid):
    # zip(*grid) transposes a list of lists
    return [list(col) for col in zip(*grid)]
