# task: c0rp0017
def transform(grid):
    h, w = len(grid), len(grid[0])

    def same(r, c, v):
        return 0 <= r < h and 0 <= c < w and grid[r][c] == v

    return [
        [v if v and (same(r - 1, c, v) or same(r + 1, c, v) or same(r, c - 1, v) or same(r, c + 1, v)) else 0
         for c, v in enumerate(row)]
        for r, row in enumerate(grid)
    ]
