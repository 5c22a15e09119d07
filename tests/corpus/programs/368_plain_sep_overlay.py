# task: c0rp0019
def transform(grid):
    mid = len(grid[0]) // 2
    return [[r if r else l for l, r in zip(row[:mid], row[mid + 1:])] for row in grid]
