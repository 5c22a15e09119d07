# task: c0rp0015
def transform(grid):
    out = [row[:] for row in grid]
    for r, row in enumerate(grid):
        colours = [v for v in row if v]
        if colours:
            out[r] = [colours[0]] * len(row)
    return out
