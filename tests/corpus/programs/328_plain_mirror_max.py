# task: c0rp0012
def transform(grid):
    return [[max(a, b) for a, b in zip(row, row[::-1])] for row in grid]
