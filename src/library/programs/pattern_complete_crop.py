# Pattern completion, output only the hidden rectangle: the cells under a solid masking block, from the repeating pattern.
CROP = True


def mask_candidates(grid):
    """Colours that may mark hidden cells: a few solid rectangles first, then colour 0, then the rest."""
    h, w = len(grid), len(grid[0])
    seen = [[False] * w for _ in range(h)]
    stats = {}
    for r in range(h):
        for c in range(w):
            if seen[r][c]:
                continue
            colour = grid[r][c]
            seen[r][c] = True
            stack = [(r, c)]
            n = 0
            y0 = y1 = r
            x0 = x1 = c
            while stack:
                y, x = stack.pop()
                n += 1
                if y < y0:
                    y0 = y
                elif y > y1:
                    y1 = y
                if x < x0:
                    x0 = x
                elif x > x1:
                    x1 = x
                for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                    if 0 <= ny < h and 0 <= nx < w and not seen[ny][nx] and grid[ny][nx] == colour:
                        seen[ny][nx] = True
                        stack.append((ny, nx))
            st = stats.setdefault(colour, [0, 0, True])
            st[0] += n
            st[1] += 1
            if (y1 - y0 + 1) * (x1 - x0 + 1) != n:
                st[2] = False
    if len(stats) < 2:
        return []
    info = []
    for colour, (count, pieces, solid) in stats.items():
        info.append(((0 if solid and pieces <= 4 else 1, 0 if colour == 0 else 1, pieces, count), colour, solid, pieces))
    info.sort()
    return [(colour, solid, pieces) for _, colour, solid, pieces in info]


def period(lines, mask):
    """Smallest shift p (< len) under which all known cells of the sequence of lines agree."""
    n = len(lines)
    for p in range(1, n):
        ok = True
        compared = 0
        for i in range(n - p):
            a, b = lines[i], lines[i + p]
            if a == b:
                compared += 1
                continue
            for x, y in zip(a, b):
                if x != y and x != mask and y != mask:
                    ok = False
                    break
            if not ok:
                break
            compared += 1
        if ok and compared:
            return p
    return n


def complete(grid, mask):
    h, w = len(grid), len(grid[0])
    py = period(grid, mask)
    px = period([list(col) for col in zip(*grid)], mask)
    if py == h and px == w:
        return None
    classes = {}
    for r in range(h):
        for c in range(w):
            v = grid[r][c]
            if v != mask:
                key = (r % py, c % px)
                if classes.setdefault(key, v) != v:
                    return None
    out = [list(row) for row in grid]
    hidden = 0
    for r in range(h):
        for c in range(w):
            if grid[r][c] == mask:
                hidden += 1
                key = (r % py, c % px)
                if key not in classes:
                    return None
                out[r][c] = classes[key]
    return out if hidden else None


def transform(grid):
    for mask, solid, pieces in mask_candidates(grid):
        if CROP and not (solid and pieces == 1):
            continue
        out = complete(grid, mask)
        if out is None:
            continue
        if not CROP:
            return out
        cells = [(r, c) for r, row in enumerate(grid) for c, v in enumerate(row) if v == mask]
        r0 = min(r for r, _ in cells)
        r1 = max(r for r, _ in cells)
        c0 = min(c for _, c in cells)
        c1 = max(c for _, c in cells)
        return [row[c0:c1 + 1] for row in out[r0:r1 + 1]]
    raise ValueError("no periodic completion")
