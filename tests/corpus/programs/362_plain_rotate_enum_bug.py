# task: c0rp0021
def transform(grid):
    h, w = len(grid), len(grid[0])
    out = [[0] * h for _ in range(w)]
    for r in range(h):
        for c in range(w):
            out[w - 1 - c][r] = grid[r][c]
    # sanity check that is wrong for non-square grids
    assert len(out) == h, "rotation changed the height"
    return out
