# task: c0rp0021
def transform(grid):
    h, w = len(grid), len(grid[0])
    if h > w:
        return [list(r) for r in zip(*grid)][::-1]
    return [[grid[r][c] for r in range(h)] for c in range(w - 1, -1, -1)]
