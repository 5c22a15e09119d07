# task: c0rp0012
def transform(grid):
    """Drop trailing zeros of each row (leaves ragged rows)."""
    out = []
    for row in grid:
        r = list(row)
        while r and r[-1] == 0:
            r.pop()
        out.append(r + r[::-1])
    return out
