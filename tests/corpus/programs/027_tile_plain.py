# task: c0rp0005
def transform(grid):
    doubled_rows = [row + row for row in grid]
    return doubled_rows + [r[:] for r in doubled_rows]
