# task: c0rp0023
def count_objects(grid):
    h, w = len(grid), len(grid[0])
    seen = [[False] * w for _ in range(h)]
    n = 0
    for r in range(h):
        for c in range(w):
            if grid[r][c] and not seen[r][c]:
                n += 1
                stack = [(r, c)]
                seen[r][c] = True
                while stack:
                    y, x = stack.pop()
                    for dy, dx in ((0, 1), (1, 0), (0, -1), (-1, 0)):
                        ny, nx = y + dy, x + dx
                        if 0 <= ny < h and 0 <= nx < w and not seen[ny][nx] and grid[ny][nx] == grid[r][c]:
                            seen[ny][nx] = True
                            stack.append((ny, nx))
    return n


def transform(grid):
    return [[1] for _ in range(count_objects(grid))]
