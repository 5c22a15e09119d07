# task: c0rp0009
def transform(grid):
    v = grid[0][0]
    # builds strings instead of ints
    return [[str(v)] * 3 for _ in range(3)]
