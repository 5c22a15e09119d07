# Crop to the largest rectangular frame (a one-colour rectangle outline), frame included.
def frames(grid):
    h, w = len(grid), len(grid[0])
    seen = [[False] * w for _ in range(h)]
    found = []
    for r in range(h):
        for c in range(w):
            if seen[r][c]:
                continue
            colour = grid[r][c]
            seen[r][c] = True
            stack = [(r, c)]
            cells = []
            while stack:
                y, x = stack.pop()
                cells.append((y, x))
                for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                    if 0 <= ny < h and 0 <= nx < w and not seen[ny][nx] and grid[ny][nx] == colour:
                        seen[ny][nx] = True
                        stack.append((ny, nx))
            r0 = min(y for y, _ in cells)
            r1 = max(y for y, _ in cells)
            c0 = min(x for _, x in cells)
            c1 = max(x for _, x in cells)
            if r1 - r0 < 2 or c1 - c0 < 2 or (r1 - r0 + 1, c1 - c0 + 1) == (h, w):
                continue
            border = 2 * (r1 - r0 + 1) + 2 * (c1 - c0 + 1) - 4
            if len(cells) != border:
                continue
            if all(grid[r0][x] == colour and grid[r1][x] == colour for x in range(c0, c1 + 1)) and all(
                grid[y][c0] == colour and grid[y][c1] == colour for y in range(r0, r1 + 1)
            ):
                found.append((r0, r1, c0, c1))
    return found


def transform(grid):
    found = frames(grid)
    if not found:
        raise ValueError("no frame")
    r0, r1, c0, c1 = max(found, key=lambda f: (f[1] - f[0]) * (f[3] - f[2]))
    return [row[c0:c1 + 1] for row in grid[r0:r1 + 1]]
