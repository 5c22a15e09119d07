# Symmetry completion: find the mirror symmetries of the grid and repaint the masking colour from them.
CROP = False


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


def symmetries(grid):
    """Candidate mirror symmetries (axis near the middle): (map of (r, c), row pairs to compare).

    Each row pair (a, b, shift, lo, hi) says that a[c] maps onto b[c + shift] for lo <= c < hi, so a
    candidate is checked a whole row slice at a time.
    """
    h, w = len(grid), len(grid[0])
    cols = [list(col) for col in zip(*grid)]
    rev = [row[::-1] for row in grid]
    cols_rev = [col[::-1] for col in cols]
    out = []
    for a in range(h - 1 - h // 2, h + h // 2):
        pairs = [(grid[r], grid[a - r], 0, 0, w) for r in range(h) if 0 <= a - r < h]
        out.append((lambda r, c, a=a: (a - r, c), pairs))
    for b in range(w - 1 - w // 2, w + w // 2):
        pairs = [(cols[i], cols[b - i], 0, 0, h) for i in range(w) if 0 <= b - i < w]
        out.append((lambda r, c, b=b: (r, b - c), pairs))
    for a in range(h - 3, h + 2):
        for b in range(w - 3, w + 2):
            s = w - 1 - b
            pairs = [(grid[r], rev[a - r], s, max(0, -s), min(w, w - s)) for r in range(h) if 0 <= a - r < h]
            out.append((lambda r, c, a=a, b=b: (a - r, b - c), pairs))
    span = max(h, w) // 2
    for d in range(-span, span + 1):
        pairs = [(grid[r], cols[r - d], d, max(0, -d), min(w, h - d)) for r in range(h) if 0 <= r - d < w]
        out.append((lambda r, c, d=d: (c + d, r - d), pairs))
    for s in range(h - 1 - span, h + span):
        pairs = [
            (grid[r], cols_rev[s - r], h - 1 - s, max(0, s - h + 1), min(w, s + 1)) for r in range(h) if 0 <= s - r < w
        ]
        out.append((lambda r, c, s=s: (s - c, s - r), pairs))
    return out


def agreement(pairs, mask):
    """Known cells whose mirror image is known and equal; -1 when some known image differs."""
    matches = 0
    for a, b, shift, lo, hi in pairs:
        if lo >= hi:
            continue
        x = a[lo:hi]
        y = b[lo + shift:hi + shift]
        if x == y:
            matches += len(x) - x.count(mask)
            continue
        for u, v in zip(x, y):
            if u != mask and v != mask:
                if u != v:
                    return -1
                matches += 1
    return matches


def complete(grid, mask, candidates):
    h, w = len(grid), len(grid[0])
    hidden = [(r, c) for r in range(h) for c in range(w) if grid[r][c] == mask]
    known = h * w - len(hidden)
    if not hidden or known < len(hidden):
        return None
    need = max(4, known // 3)
    valid = [f for f, pairs in candidates if agreement(pairs, mask) >= need]
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
    candidates = symmetries(grid)
    for mask, solid, pieces in mask_candidates(grid)[:4]:
        if CROP and not (solid and pieces == 1):
            continue
        out = complete(grid, mask, candidates)
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
