# task: c0rp0015
def transform(grid):
    """Dashed line: colour every k-th cell, k = distance to the edge."""
    out = [row[:] for row in grid]
    w = len(grid[0])
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v:
                k = (w - 1 - c) // 2
                for x in range(w):
                    if x % k == 0 and out[r][x] == 0:
                        out[r][x] = v
    return out
