# task: c0rp0013
def transform(grid):
    mapping = {c: (c + 3) % 10 for c in range(10)}
    return [[mapping[v] for v in row] for row in grid]
