# task: c0rp0012
def transform(grid):
    w = len(grid[0])
    return [row[: w // 2] + row[: w // 2][::-1] + ([row[w // 2]] if w % 2 else []) for row in grid]
