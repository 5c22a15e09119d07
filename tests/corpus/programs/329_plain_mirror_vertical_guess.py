# task: c0rp0012
def transform(grid):
    """Mirror the top half onto the bottom half instead."""
    h = len(grid)
    top = [row[:] for row in grid[: (h + 1) // 2]]
    return top + [row[:] for row in top[: h // 2][::-1]]
