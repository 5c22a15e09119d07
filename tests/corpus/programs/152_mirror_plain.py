# task: c0rp0012
def transform(grid):
    w = len(grid[0])
    half = w // 2
    return [row[:half] + row[:half][::-1] for row in grid]
