# task: c0rp0006
def transform(grid):
    scale = 3
    out = []
    for row in grid:
        big = []
        for v in row:
            big.extend([v] * scale)
        for _ in range(scale):
            out.append(list(big))
    return out
