# task: c0rp0023
def transform(grid):
    colours = sorted({v for row in grid for v in row if v})
    n = len(colours)
    return [[colours[i % n] for i in range(n)] for _ in range(n)]
