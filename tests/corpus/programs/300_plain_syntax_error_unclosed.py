# task: c0rp0005
def transform(grid):
    out = []
    for row in grid:
        out.append(row + row
    return out + out
