# task: c0rp0020
def transform(grid):
    t = [list(r) for r in zip(*grid)]
    return [row[::-1] for row in t]
