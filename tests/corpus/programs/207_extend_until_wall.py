# task: c0rp0015
def transform(grid):
    """Extend to the right only, until the edge."""
    out = [row[:] for row in grid]
    w = len(grid[0])
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v:
                for x in range(c, w):
                    out[r][x] = v
                break
    return out
