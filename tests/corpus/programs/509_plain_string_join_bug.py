# task: c0rp0007
def transform(grid):
    row = sorted(grid[0], reverse=True)
    return ["".join(str(v) for v in row)]  # strings, not a grid
