# task: c0rp0019
def transform(grid):
    w = len(grid[0])
    mid = w // 2
    out = []
    for row in grid:
        left, right = row[:mid], row[mid + 1:]
        out.append([2 if a and b else 0 for a, b in zip(left, right)])
    return out
