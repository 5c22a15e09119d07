# task: c0rp0024
def transform(grid):
    """Remove grey and shift remaining cells left in each row."""
    out = []
    for row in grid:
        kept = [v for v in row if v != 5]
        out.append(kept + [0] * (len(row) - len(kept)))
    return out
