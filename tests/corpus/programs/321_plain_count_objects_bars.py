# task: c0rp0023
def transform(grid):
    h, w = len(grid), len(grid[0])
    seen = set()
    count = 0
    for r in range(h):
        for c in range(w):
            if grid[r][c] and (r, c) not in seen:
                count += 1
                todo = [(r, c)]
                while todo:
                    y, x = todo.pop()
                    if (y, x) in seen:
                        continue
                    seen.add((y, x))
                    for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                        if 0 <= ny < h and 0 <= nx < w and grid[ny][nx] == grid[y][x]:
                            todo.append((ny, nx))
    return [[1] * count]
