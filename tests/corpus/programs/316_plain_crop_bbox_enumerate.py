# task: c0rp0004
def transform(grid):
    coords = [(r, c) for r, row in enumerate(grid) for c, v in enumerate(row) if v != 0]
    rows = [r for r, _ in coords]
    cols = [c for _, c in coords]
    return [row[min(cols):max(cols) + 1] for row in grid[min(rows):max(rows) + 1]]
