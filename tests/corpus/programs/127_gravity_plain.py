# task: c0rp0010
def transform(grid):
    h, w = len(grid), len(grid[0])
    out = [[0] * w for _ in range(h)]
    for c in range(w):
        stack = [grid[r][c] for r in range(h) if grid[r][c] != 0]
        for i, v in enumerate(reversed(stack)):
            out[h - 1 - i][c] = v
    return out
