# task: c0rp0022
def transform(grid):
    h, w = len(grid), len(grid[0])
    cells = {(r, c): grid[r][c] for r in range(h) for c in range(w) if grid[r][c]}
    out = [[0] * w for _ in range(h)]
    for (r, c), v in cells.items():
        inner = all(cells.get((r + dr, c + dc)) == v for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)))
        if not inner:
            out[r][c] = v
    return out
