# task: c0rp0013
MAPPING = {0: 3, 1: 4, 2: 5, 3: 6, 4: 7, 5: 8, 6: 9, 7: 0, 8: 1, 9: 2}


def transform(grid):
    return [list(map(MAPPING.__getitem__, row)) for row in grid]
