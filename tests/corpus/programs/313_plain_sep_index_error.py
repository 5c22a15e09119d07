# task: c0rp0019
def transform(grid):
    h, w = len(grid), len(grid[0])
    half = w // 2
    # reads right half at c + half (off by one: separator included) and one past the end
    return [[2 if grid[r][c] and grid[r][c + half + 1] else 0 for c in range(half + 1)] for r in range(h)]
