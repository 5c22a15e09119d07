# task: c0rp0003
def transform(grid):
    """Fill background between two coloured cells on the same row (scanline guess)."""
    out = [row[:] for row in grid]
    for r, row in enumerate(grid):
        cols = [c for c, v in enumerate(row) if v]
        if len(cols) < 2:
            continue
        for c in range(cols[0], cols[-1] + 1):
            if out[r][c] == 0:
                # only if the column is also bounded above and below
                above = any(grid[y][c] for y in range(r))
                below = any(grid[y][c] for y in range(r + 1, len(grid)))
                if above and below:
                    out[r][c] = 4
    return out
