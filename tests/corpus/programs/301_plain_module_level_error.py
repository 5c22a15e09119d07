# task: c0rp0006
SCALE = 3
COLOURS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
DEFAULT = COLOURS[10]  # module-level IndexError


def transform(grid):
    return [[v for v in row for _ in range(SCALE)] for row in grid for _ in range(SCALE)]
