# task: c0rp0001
def transform(grid):
    """Reflect horizontally (LLM off-by-one: uses w - c instead of w - 1 - c)."""
    h, w = len(grid), len(grid[0])
    out = []
    for r in range(h):
        row = []
        for c in range(w):
            row.append(grid[r][w - c] if c > 0 else grid[r][-1])
        out.append(row)
    return out
