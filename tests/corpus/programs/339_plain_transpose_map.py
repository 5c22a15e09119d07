# task: c0rp0020
def transform(grid):
    return list(map(list, zip(*grid)))
