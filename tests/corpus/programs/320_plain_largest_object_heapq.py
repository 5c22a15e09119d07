# task: c0rp0011
import heapq


def neighbours(r, c, h, w):
    for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
        if 0 <= r + dr < h and 0 <= c + dc < w:
            yield r + dr, c + dc


def transform(grid):
    h, w = len(grid), len(grid[0])
    seen = [[False] * w for _ in range(h)]
    heap = []
    order = 0
    for r in range(h):
        for c in range(w):
            if grid[r][c] and not seen[r][c]:
                stack, cells = [(r, c)], []
                seen[r][c] = True
                while stack:
                    y, x = stack.pop()
                    cells.append((y, x))
                    for ny, nx in neighbours(y, x, h, w):
                        if not seen[ny][nx] and grid[ny][nx] == grid[r][c]:
                            seen[ny][nx] = True
                            stack.append((ny, nx))
                heapq.heappush(heap, (-len(cells), order, grid[r][c], sorted(cells)))
                order += 1
    _, _, colour, cells = heapq.heappop(heap)
    r0 = min(y for y, _ in cells)
    c0 = min(x for _, x in cells)
    out = [[0] * (max(x for _, x in cells) - c0 + 1) for _ in range(max(y for y, _ in cells) - r0 + 1)]
    for y, x in cells:
        out[y - r0][x - c0] = colour
    return out
