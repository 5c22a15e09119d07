# task: c0rp0014
def transform(grid):
    flat = [v for row in grid for v in row]
    bg = max(set(flat), key=flat.count)
    return [[0 if v == bg else v for v in row] for row in grid]
