# task: c0rp0021
def transform(grid):
    # tuples are accepted as rows as well
    return tuple(zip(*grid))[::-1]
