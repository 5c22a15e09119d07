# task: c0rp0001
def solve(grid):
    """Mirror horizontally. (The function has the wrong name.)"""
    return [row[::-1] for row in grid]
