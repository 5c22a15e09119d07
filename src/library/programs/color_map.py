# Recolour every cell through a colour mapping learned cell by cell from the train pairs.
MAPPING = __COLOR_MAP__


def transform(grid):
    return [[MAPPING.get(v, v) for v in row] for row in grid]
