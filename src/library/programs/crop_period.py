# Crop to one tile of a repeating grid: the smallest top-left block whose repetition rebuilds the grid.
def period(lines):
    n = len(lines)
    for p in range(1, n):
        if all(lines[i] == lines[i + p] for i in range(n - p)):
            return p
    return n


def transform(grid):
    py = period(grid)
    px = period([list(col) for col in zip(*grid)])
    if (py, px) == (len(grid), len(grid[0])):
        raise ValueError("grid does not repeat")
    return [list(row[:px]) for row in grid[:py]]
