# task: c0rp0002
from collections import deque, Counter


def flood(grid, r, c, seen):
    h, w = len(grid), len(grid[0])
    q = deque([(r, c)])
    seen.add((r, c))
    out = []
    while q:
        y, x = q.popleft()
        out.append((y, x))
        for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
            if 0 <= ny < h and 0 <= nx < w and (ny, nx) not in seen and grid[ny][nx] == grid[r][c]:
                seen.add((ny, nx))
                q.append((ny, nx))
    return out


def transform(grid):
    seen = set()
    out = [row[:] for row in grid]
    sizes = Counter()
    for r in range(len(grid)):
        for c in range(len(grid[0])):
            if grid[r][c] and (r, c) not in seen:
                cells = flood(grid, r, c, seen)
                sizes[len(cells)] += 1
                for y, x in cells:
                    out[y][x] = len(cells) if len(cells) < 10 else 9
    print(sizes.most_common(3))
    return out
