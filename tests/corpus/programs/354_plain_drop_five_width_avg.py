# task: c0rp0024
def transform(grid):
    # "average" row width divided by the number of grey cells (ZeroDivisionError without grey)
    grey = sum(row.count(5) for row in grid)
    scale = len(grid[0]) // grey
    return [[0 if v == 5 else v for v in row] for row in grid] if scale >= 0 else grid
