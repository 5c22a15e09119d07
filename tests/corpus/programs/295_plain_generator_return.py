# task: c0rp0020
def transform(grid):
    # returns a generator, not a list (invalid)
    return (list(col) for col in zip(*grid))
