# task: c0rp0002
SIZE_COLOUR = {1: 1, 2: 2, 3: 3, 4: 4, 6: 6}


def transform(grid):
    """Colours per object size, as seen in the examples (missing sizes -> KeyError)."""
    h, w = len(grid), len(grid[0])
    seen = set()
    out = [row[:] for row in grid]
    for r in range(h):
        for c in range(w):
            if grid[r][c] == 5 and (r, c) not in seen:
                comp, todo = [], [(r, c)]
                seen.add((r, c))
                while todo:
                    y, x = todo.pop()
                    comp.append((y, x))
                    for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                        if 0 <= ny < h and 0 <= nx < w and grid[ny][nx] == 5 and (ny, nx) not in seen:
                            seen.add((ny, nx))
                            todo.append((ny, nx))
                for y, x in comp:
                    out[y][x] = SIZE_COLOUR[len(comp)]
    return out
