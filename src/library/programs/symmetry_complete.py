# Symmetry completion: find the mirror symmetries of the grid and repaint the masking colour from them.
CROP = False


def mask_candidates(grid):
    """Colours that may mark hidden cells: a few solid rectangles first, then colour 0, then the rest."""
    h, w = len(grid), len(grid[0])
    counts = {}
    for row in grid:
        for v in row:
            counts[v] = counts.get(v, 0) + 1
    if len(counts) < 2:
        return []
    info = []
    for colour, count in counts.items():
        seen = set()
        solid = True
        pieces = 0
        for r in range(h):
            for c in range(w):
                if grid[r][c] != colour or (r, c) in seen:
                    continue
                pieces += 1
                seen.add((r, c))
                stack = [(r, c)]
                cells = []
                while stack:
                    y, x = stack.pop()
                    cells.append((y, x))
                    for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                        if 0 <= ny < h and 0 <= nx < w and grid[ny][nx] == colour and (ny, nx) not in seen:
                            seen.add((ny, nx))
                            stack.append((ny, nx))
                ys = [y for y, _ in cells]
                xs = [x for _, x in cells]
                if (max(ys) - min(ys) + 1) * (max(xs) - min(xs) + 1) != len(cells):
                    solid = False
        info.append(((0 if solid and pieces <= 4 else 1, 0 if colour == 0 else 1, pieces, count), colour, solid, pieces))
    info.sort()
    return [(colour, solid, pieces) for _, colour, solid, pieces in info]


def symmetries(h, w):
    """Candidate mirror maps (axis near the middle), as functions of (r, c)."""
    maps = []
    for a in range(h - 1 - h // 2, h + h // 2):
        maps.append(lambda r, c, a=a: (a - r, c))
    for b in range(w - 1 - w // 2, w + w // 2):
        maps.append(lambda r, c, b=b: (r, b - c))
    for a in range(h - 3, h + 2):
        for b in range(w - 3, w + 2):
            maps.append(lambda r, c, a=a, b=b: (a - r, b - c))
    span = max(h, w) // 2
    for d in range(-span, span + 1):
        maps.append(lambda r, c, d=d: (c + d, r - d))
    for s in range(h - 1 - span, h + span):
        maps.append(lambda r, c, s=s: (s - c, s - r))
    return maps


def complete(grid, mask):
    h, w = len(grid), len(grid[0])
    counts = {}
    for row in grid:
        for v in row:
            counts[v] = counts.get(v, 0) + 1
    # Rare colours first: a wrong symmetry then fails after a few cells.
    known = sorted(
        ((r, c) for r in range(h) for c in range(w) if grid[r][c] != mask),
        key=lambda p: counts[grid[p[0]][p[1]]],
    )
    hidden = [(r, c) for r in range(h) for c in range(w) if grid[r][c] == mask]
    if not hidden or not known:
        return None
    need = max(4, len(known) // 3)
    valid = []
    for f in symmetries(h, w):
        matches = 0
        ok = True
        for r, c in known:
            y, x = f(r, c)
            if 0 <= y < h and 0 <= x < w:
                v = grid[y][x]
                if v == mask:
                    continue
                if v != grid[r][c]:
                    ok = False
                    break
                matches += 1
        if ok and matches >= need:
            valid.append(f)
    if not valid:
        return None
    out = [list(row) for row in grid]
    todo = set(hidden)
    changed = True
    while todo and changed:
        changed = False
        for r, c in sorted(todo):
            for f in valid:
                y, x = f(r, c)
                if 0 <= y < h and 0 <= x < w and (y, x) not in todo and out[y][x] != mask:
                    out[r][c] = out[y][x]
                    todo.discard((r, c))
                    changed = True
                    break
    if todo:
        return None
    return out


def transform(grid):
    for mask, solid, pieces in mask_candidates(grid)[:4]:
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
    raise ValueError("no symmetric completion")
