# task: c0rp0010
def transform(grid):
    h, w = len(grid), len(grid[0])
    cols = []
    for c in range(w):
        vals = [grid[r][c] for r in range(h) if grid[r][c] != 0]
        cols.append([0] * (h - len(vals)) + vals)
    return [list(r) for r in zip(*cols)]
