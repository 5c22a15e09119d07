# task: c0rp0004
def bbox(grid):
    rows = [r for r, row in enumerate(grid) if any(row)]
    cols = [c for c in range(len(grid[0])) if any(row[c] for row in grid)]
    return rows[0], rows[-1], cols[0], cols[-1]


def transform(grid):
    r0, r1, c0, c1 = bbox(grid)
    return [row[c0:c1 + 1] for row in grid[r0:r1 + 1]]
