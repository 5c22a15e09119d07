# task: c0rp0021
def rotate_ccw(g):
    """Counter-clockwise rotation of a list-of-lists grid."""
    w = len(g[0])
    return [[row[w - 1 - c] for row in g] for c in range(w)]


def transform(grid):
    return rotate_ccw(grid)
