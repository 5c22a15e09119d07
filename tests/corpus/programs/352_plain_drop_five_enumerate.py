# task: c0rp0024
def transform(grid):
    out = [list(row) for row in grid]
    for r, row in enumerate(out):
        for c, v in enumerate(row):
            if v == 5:
                out[r][c] = 0
    return out
