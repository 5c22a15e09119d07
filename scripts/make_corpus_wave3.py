#!/usr/bin/env python3
"""Writes wave 3 of the differential corpus: tests/corpus/programs/NNN_w3_<family>_<k>.py.

Wave 3 is numpy-heavy ARC code in the shape LLMs write it: a solution idea (a *family*: crop to
the bounding box, recolour objects by size, gravity, symmetry completion, ...) written with the
idioms that vary between model outputs, picked per program by a seeded RNG:

- how the grid is loaded (`np.array(grid)`, `dtype=int`, `np.uint8`, `np.int32`, `np.asarray`);
- how the background is found (`np.bincount(...).argmax()`, `np.unique(return_counts=True)`,
  `Counter` over numpy scalars or `.tolist()`, the corner cell, or 0);
- helper functions at module level or nested in `transform`;
- a broad `try/except` around the body that falls back to the input;
- how the result is returned (`.tolist()`, the array itself, `int(v)` comprehensions, `astype`);
- scalar arithmetic on numpy values (`round(cy)`, `.item()`, `int(np.sqrt(n))`, `isinstance`
  checks, `.is_integer()`, `divmod`, uint8 wrap-around, `float` means).

Each family also says which corpus tasks it is meant for; a program runs on one of them (or, for
about one program in eight, on any task: LLM programs are often run on the wrong kind of input).
The output is deterministic: re-running the script rewrites byte-identical files, and it deletes
stale wave-3 files first. Afterwards run make_corpus.py and reference_exec.py (see
tests/corpus/README.md).

Usage: python3 scripts/make_corpus_wave3.py [--first 542] [--count 440] [--seed 3]
"""

import argparse
import os
import random
import re
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(ROOT, "tests", "corpus", "programs")
ALL_TASKS = [f"c0rp{i:04d}" for i in range(1, 25)]

OBJECT_TASKS = ["c0rp0001", "c0rp0002", "c0rp0003", "c0rp0004", "c0rp0011", "c0rp0018", "c0rp0022", "c0rp0023"]
CELL_TASKS = ["c0rp0005", "c0rp0006", "c0rp0010", "c0rp0013", "c0rp0016", "c0rp0020", "c0rp0021", "c0rp0024"]
PIXEL_TASKS = ["c0rp0015", "c0rp0001", "c0rp0010"]
BIG_TASKS = ["c0rp0017", "c0rp0024", "c0rp0004"]

# ----------------------------------------------------------------------------- idiom axes

LOADERS = [
    "g = np.array(grid)",
    "g = np.array(grid, dtype=int)",
    "g = np.asarray(grid, dtype=np.int64)",
    "g = np.array(grid, dtype=np.uint8)",
    "g = np.array(grid, dtype=np.int32)",
    "g = np.array([list(row) for row in grid])",
]

BACKGROUNDS = [
    "bg = np.bincount(g.ravel()).argmax()",
    "vals, counts = np.unique(g, return_counts=True)\nbg = vals[np.argmax(counts)]",
    "bg = Counter(g.flatten().tolist()).most_common(1)[0][0]",
    "bg = Counter(g.flatten()).most_common(1)[0][0]",
    "bg = 0",
    "bg = g[0, 0]",
    "bg = int(np.bincount(g.flatten(), minlength=10).argmax())",
    "bg = max(sorted(set(g.flat)), key=list(g.flat).count)",
]

OUTPUTS = [
    "return out.tolist()",
    "return out",
    "return [[int(v) for v in row] for row in out]",
    "return [list(map(int, row)) for row in out]",
    "return out.astype(int).tolist()",
    "return [row.tolist() for row in out]",
]

WRAPS = ["plain", "plain", "except_exception", "except_tuple", "except_bare_print"]


class Program:
    """One generated program: imports, module-level helpers, and the body of `transform`."""

    def __init__(self, family, task, rng):
        self.family = family
        self.task = task
        self.rng = rng
        self.imports = {"import numpy as np"}
        self.helpers = []
        self.body = []
        self.fixed_task = None

    def pick(self, options):
        return self.rng.choice(options)

    def load(self, allow_unsigned=True):
        options = LOADERS if allow_unsigned else [x for x in LOADERS if "uint8" not in x]
        self.lines(self.pick(options))

    def background(self):
        line = self.pick(BACKGROUNDS)
        if "Counter" in line:
            self.imports.add("from collections import Counter")
        self.lines(line)

    def lines(self, text):
        self.body.extend(textwrap.dedent(text).strip("\n").split("\n"))

    def helper(self, text):
        self.helpers.append(textwrap.dedent(text).strip("\n"))

    def output(self, name="out"):
        line = self.pick(OUTPUTS)
        self.lines(line.replace("out", name))

    def render(self, wrap):
        head = [f"# task: {self.task}", f"# wave 3: {self.family} (scripts/make_corpus_wave3.py)"]
        imports = sorted(self.imports, key=lambda s: (s.startswith("from"), s))
        nested = self.rng.random() < 0.3 and self.helpers
        out = head + imports + ["", ""]
        if self.helpers and not nested:
            for h in self.helpers:
                out += [h, "", ""]
        out.append("def transform(grid):")
        body = []
        if nested:
            for h in self.helpers:
                body += h.split("\n") + [""]
        body += self.body
        if wrap == "plain":
            out += ["    " + x if x else "" for x in body]
        else:
            out.append("    try:")
            out += ["        " + x if x else "" for x in body]
            if wrap == "except_exception":
                out += ["    except Exception:", "        return grid"]
            elif wrap == "except_tuple":
                out += ["    except (ValueError, IndexError, TypeError):", "        return [list(r) for r in grid]"]
            else:
                out += ["    except Exception as e:", "        print('failed:', e)", "        return grid"]
        return "\n".join(out).rstrip() + "\n"


# ----------------------------------------------------------------------------- families
# Each family writes the body of transform (after the grid is loaded as `g`) and returns the tasks
# it is meant for. `k` selects between idioms inside the family.


def crop_bbox(p, k):
    p.load()
    p.background()
    if k % 3 == 0:
        p.lines("""
            coords = np.argwhere(g != bg)
            if len(coords) == 0:
                return grid
            r0, c0 = coords.min(axis=0)
            r1, c1 = coords.max(axis=0) + 1
            out = g[r0:r1, c0:c1]
        """)
    elif k % 3 == 1:
        p.lines("""
            rows = np.where(np.any(g != bg, axis=1))[0]
            cols = np.where(np.any(g != bg, axis=0))[0]
            if rows.size == 0:
                return grid
            out = g[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
        """)
    else:
        p.lines("""
            ys, xs = np.nonzero(g != bg)
            top, bottom = ys.min(), ys.max()
            left, right = xs.min(), xs.max()
            h = int(bottom - top + 1)
            w = int(right - left + 1)
            out = np.zeros((h, w), dtype=g.dtype)
            out[:, :] = g[top:top + h, left:left + w]
        """)
    p.output()
    return ["c0rp0004", "c0rp0001", "c0rp0011", "c0rp0014"]


def largest_object(p, k):
    p.imports.add("from scipy import ndimage")
    p.load()
    p.background()
    if k % 2 == 0:
        p.lines("""
            labels, n = ndimage.label(g != bg)
            if n == 0:
                return grid
            sizes = np.bincount(labels.ravel())
            sizes[0] = 0
            best = sizes.argmax()
            sl = ndimage.find_objects(labels)[best - 1]
            out = np.where(labels[sl] == best, g[sl], bg)
        """)
    else:
        p.lines("""
            labels, n = ndimage.label(g != bg, structure=np.ones((3, 3), dtype=int))
            best, best_size = None, -1
            for i in range(1, n + 1):
                size = (labels == i).sum()
                if size > best_size:
                    best, best_size = i, size
            rr, cc = np.where(labels == best)
            out = g[rr.min():rr.max() + 1, cc.min():cc.max() + 1].copy()
            out[labels[rr.min():rr.max() + 1, cc.min():cc.max() + 1] != best] = bg
        """)
    p.output()
    return ["c0rp0011", "c0rp0002", "c0rp0023", "c0rp0022"]


def recolour_by_size(p, k):
    p.imports.add("from scipy import ndimage")
    p.load(allow_unsigned=k % 3 == 0)
    p.helper("""
        def colour_for(size):
            if size >= 6:
                return 1
            elif size >= 3:
                return 2
            return 3
    """)
    if k % 3 == 0:
        p.lines("""
            labels, n = ndimage.label(g > 0)
            out = np.zeros_like(g)
            for i in range(1, n + 1):
                mask = labels == i
                out[mask] = colour_for(mask.sum())
        """)
    elif k % 3 == 1:
        p.lines("""
            labels, n = ndimage.label(g != 0)
            sizes = ndimage.sum(g != 0, labels, range(1, n + 1))
            out = g.copy()
            for i, s in enumerate(sizes, start=1):
                out[labels == i] = colour_for(int(s))
        """)
    else:
        p.lines("""
            labels, n = ndimage.label(g)
            counts = np.bincount(labels.flatten())
            lut = np.array([0] + [colour_for(c) for c in counts[1:]])
            out = lut[labels]
        """)
    p.output()
    return ["c0rp0002", "c0rp0023", "c0rp0011"]


def gravity(p, k):
    p.load()
    p.background()
    if k % 3 == 0:
        p.lines("""
            h, w = g.shape
            out = np.full_like(g, bg)
            for c in range(w):
                col = g[:, c]
                vals = col[col != bg]
                if len(vals):
                    out[h - len(vals):, c] = vals
        """)
    elif k % 3 == 1:
        p.lines("""
            out = g.copy()
            for c in range(g.shape[1]):
                col = [v for v in g[:, c] if v != bg]
                pad = [bg] * (g.shape[0] - len(col))
                out[:, c] = np.array(pad + col)
        """)
    else:
        p.lines("""
            mask = (g != bg).astype(int)
            order = np.argsort(mask, axis=0, kind='stable')
            out = np.take_along_axis(g, order, axis=0)
        """)
    p.output()
    return ["c0rp0010", "c0rp0024", "c0rp0016"]


def flip_if_symmetric(p, k):
    p.load()
    if k % 2 == 0:
        p.lines("""
            if np.array_equal(g, g[:, ::-1]):
                out = np.rot90(g)
            elif np.array_equal(g, g[::-1]):
                out = np.rot90(g, k=-1)
            else:
                out = np.fliplr(g)
        """)
    else:
        p.lines("""
            sym_h = bool((g == np.flip(g, axis=1)).all())
            sym_v = (g == np.flipud(g)).all()
            if sym_h and sym_v:
                out = g
            elif sym_h:
                out = g.T
            else:
                out = g[:, ::-1]
        """)
    p.output()
    return ["c0rp0001", "c0rp0012", "c0rp0020", "c0rp0021"]


def upscale(p, k):
    p.load()
    if k % 4 == 0:
        p.lines("""
            factor = 3
            out = np.kron(g, np.ones((factor, factor), dtype=g.dtype))
        """)
    elif k % 4 == 1:
        p.lines("""
            out = np.repeat(np.repeat(g, 3, axis=0), 3, axis=1)
        """)
    elif k % 4 == 2:
        p.lines("""
            h, w = g.shape
            scale = max(1, 9 // max(h, w))
            out = np.zeros((h * scale, w * scale), dtype=g.dtype)
            for r in range(h):
                for c in range(w):
                    out[r * scale:(r + 1) * scale, c * scale:(c + 1) * scale] = g[r, c]
        """)
    else:
        p.lines("""
            out = np.tile(g, (2, 2))
            if out.shape[0] > 30 or out.shape[1] > 30:
                raise ValueError('too big')
        """)
    p.output()
    return ["c0rp0006", "c0rp0009", "c0rp0005"]


def pad_border(p, k):
    p.load()
    p.background()
    if k % 3 == 0:
        p.lines("""
            colours = [c for c in np.unique(g) if c != bg]
            border = colours[0] if colours else 1
            out = np.pad(g, 1, mode='constant', constant_values=border)
        """)
    elif k % 3 == 1:
        p.lines("""
            out = np.pad(g, ((1, 1), (2, 2)), mode='edge')
            out = out[:30, :30]
        """)
    else:
        p.lines("""
            inner = g[1:-1, 1:-1]
            out = np.pad(inner, 1, constant_values=int(bg) + 1)
        """)
    p.output()
    return CELL_TASKS + ["c0rp0012"]


def extend_lines(p, k):
    p.load(allow_unsigned=k % 2 == 0)
    p.background()
    if k % 3 == 0:
        p.lines("""
            out = g.copy()
            for r, c in np.argwhere(g != bg):
                colour = g[r, c]
                out[r, :] = np.where(out[r, :] == bg, colour, out[r, :])
        """)
    elif k % 3 == 1:
        p.lines("""
            out = g.copy()
            h, w = g.shape
            for r, c in zip(*np.nonzero(g != bg)):
                v = g[r, c]
                for cc in range(c + 1, w):
                    if out[r, cc] != bg:
                        break
                    out[r, cc] = v
        """)
    else:
        p.lines("""
            out = g.copy()
            pts = np.argwhere(g != bg)
            for (r, c) in pts:
                out[r:, c][out[r:, c] == bg] = g[r, c]
        """)
    p.output()
    return PIXEL_TASKS


def fill_holes(p, k):
    p.imports.add("from scipy import ndimage")
    p.load()
    if k % 3 == 0:
        p.lines("""
            filled = ndimage.binary_fill_holes(g > 0)
            out = g.copy()
            out[filled & (g == 0)] = 4
        """)
    elif k % 3 == 1:
        p.imports.add("from collections import deque")
        p.lines("""
            h, w = g.shape
            outside = np.zeros((h, w), dtype=bool)
            q = deque()
            for r in range(h):
                for c in range(w):
                    if (r in (0, h - 1) or c in (0, w - 1)) and g[r, c] == 0:
                        outside[r, c] = True
                        q.append((r, c))
            while q:
                r, c = q.popleft()
                for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                    nr, nc = r + dr, c + dc
                    if 0 <= nr < h and 0 <= nc < w and not outside[nr, nc] and g[nr, nc] == 0:
                        outside[nr, nc] = True
                        q.append((nr, nc))
            out = g.copy()
            out[(g == 0) & ~outside] = 4
        """)
    else:
        p.lines("""
            labels, n = ndimage.label(g == 0)
            edge = set(np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])))
            out = g.copy()
            for i in range(1, n + 1):
                if i not in edge:
                    out[labels == i] = 4
        """)
    p.output()
    return ["c0rp0003", "c0rp0022"]


def colour_histogram(p, k):
    p.load()
    if k % 3 == 0:
        p.lines("""
            counts = np.bincount(g.ravel(), minlength=10)[1:]
            colours = np.argsort(-counts, kind='stable') + 1
            colours = colours[counts[colours - 1] > 0]
            height = int(counts.max())
            out = np.zeros((height, len(colours)), dtype=int)
            for i, col in enumerate(colours):
                n = counts[col - 1]
                out[height - n:, i] = col
        """)
    elif k % 3 == 1:
        p.lines("""
            vals, counts = np.unique(g[g != 0], return_counts=True)
            order = np.argsort(-counts, kind='stable')
            out = np.zeros((counts.max(), len(vals)), dtype=g.dtype)
            for j, idx in enumerate(order):
                out[-counts[idx]:, j] = vals[idx]
        """)
    else:
        p.lines("""
            total = g.size
            fractions = {int(c): (g == c).sum() / total for c in np.unique(g)}
            best = max(fractions, key=fractions.get)
            share = fractions[best]
            n = int(round(share * 10))
            out = np.full((1, max(1, n)), best)
        """)
    p.output()
    return ["c0rp0016", "c0rp0013", "c0rp0005"]


def row_majority(p, k):
    p.load()
    if k % 2 == 0:
        p.lines("""
            out = np.zeros((g.shape[0], 1), dtype=g.dtype)
            for i, row in enumerate(g):
                vals, counts = np.unique(row, return_counts=True)
                out[i, 0] = vals[counts.argmax()]
        """)
    else:
        p.imports.add("from collections import Counter")
        p.lines("""
            cols = []
            for col in g.T:
                common = Counter(col).most_common(1)[0][0]
                cols.append(common)
            out = np.array([cols])
        """)
    p.output()
    return CELL_TASKS + ["c0rp0007", "c0rp0008"]


def denoise_mode(p, k):
    p.load(allow_unsigned=k % 2 == 1)
    if k % 3 == 0:
        p.helper("""
            def neighbours(a, r, c):
                h, w = a.shape
                vals = []
                for dr in (-1, 0, 1):
                    for dc in (-1, 0, 1):
                        if dr == 0 and dc == 0:
                            continue
                        rr, cc = r + dr, c + dc
                        if 0 <= rr < h and 0 <= cc < w:
                            vals.append(a[rr, cc])
                return vals
        """)
        p.lines("""
            out = g.copy()
            h, w = g.shape
            for r in range(h):
                for c in range(w):
                    nb = neighbours(g, r, c)
                    same = sum(1 for v in nb if v == g[r, c])
                    if same == 0 and nb:
                        out[r, c] = max(sorted(set(nb)), key=nb.count)
        """)
    elif k % 3 == 1:
        p.lines("""
            padded = np.pad(g, 1, mode='edge')
            h, w = g.shape
            out = g.copy()
            for r in range(h):
                for c in range(w):
                    win = padded[r:r + 3, c:c + 3]
                    vals = np.bincount(win.ravel(), minlength=10)
                    if vals[g[r, c]] == 1:
                        out[r, c] = vals.argmax()
        """)
    else:
        p.imports.add("from scipy import ndimage")
        p.lines("""
            noise = 5
            mask = g == noise
            labels, n = ndimage.label(mask)
            sizes = np.bincount(labels.ravel())
            out = g.copy()
            small = np.isin(labels, np.where(sizes <= 2)[0]) & mask
            out[small] = 0
        """)
    p.output()
    return ["c0rp0017", "c0rp0001"]


def mirror_complete(p, k):
    p.load()
    if k % 3 == 0:
        p.lines("""
            h, w = g.shape
            half = w // 2
            out = g.copy()
            out[:, w - half:] = np.fliplr(g[:, :half])
        """)
    elif k % 3 == 1:
        p.lines("""
            left = g[:, : g.shape[1] // 2]
            out = np.hstack([left, left[:, ::-1]])
            if g.shape[1] % 2:
                out = np.hstack([left, g[:, [g.shape[1] // 2]], left[:, ::-1]])
        """)
    else:
        p.lines("""
            out = np.maximum(g, g[:, ::-1])
        """)
    p.output()
    return ["c0rp0012"]


def connect_pairs(p, k):
    p.load()
    p.background()
    p.helper("""
        def draw_line(a, p0, p1, colour):
            (r0, c0), (r1, c1) = p0, p1
            if r0 == r1:
                lo, hi = sorted((c0, c1))
                a[r0, lo:hi + 1] = colour
            elif c0 == c1:
                lo, hi = sorted((r0, r1))
                a[lo:hi + 1, c0] = colour
            return a
    """)
    p.lines("""
        out = g.copy()
        for colour in np.unique(g):
            if colour == bg:
                continue
            pts = [tuple(x) for x in np.argwhere(g == colour)]
            for i in range(len(pts)):
                for j in range(i + 1, len(pts)):
                    draw_line(out, pts[i], pts[j], colour)
    """)
    p.output()
    return PIXEL_TASKS + ["c0rp0013"]


def outline(p, k):
    p.imports.add("from scipy import ndimage")
    p.load()
    if k % 3 == 0:
        p.lines("""
            mask = g > 0
            inner = ndimage.binary_erosion(mask)
            out = g.copy()
            out[inner] = 0
        """)
    elif k % 3 == 1:
        p.lines("""
            mask = g != 0
            interior = mask.copy()
            interior[1:, :] &= mask[:-1, :]
            interior[:-1, :] &= mask[1:, :]
            interior[:, 1:] &= mask[:, :-1]
            interior[:, :-1] &= mask[:, 1:]
            interior[0, :] = interior[-1, :] = False
            interior[:, 0] = interior[:, -1] = False
            out = np.where(interior, 0, g)
        """)
    else:
        p.lines("""
            dil = ndimage.binary_dilation(g > 0)
            ring = dil & ~(g > 0)
            out = g.copy()
            out[ring] = 8
        """)
    p.output()
    return ["c0rp0022", "c0rp0003", "c0rp0011"]


def shift_objects(p, k):
    p.load()
    p.background()
    if k % 3 == 0:
        p.lines("""
            out = np.roll(g, 1, axis=1)
            out[:, 0] = bg
        """)
    elif k % 3 == 1:
        p.lines("""
            shift = int(np.count_nonzero(g != bg) % 3) + 1
            out = np.roll(g, shift, axis=0)
        """)
    else:
        p.lines("""
            out = np.full_like(g, bg)
            for r, c in np.argwhere(g != bg):
                nr = min(r + 1, g.shape[0] - 1)
                out[nr, c] = g[r, c]
        """)
    p.output()
    return CELL_TASKS + OBJECT_TASKS


def colour_lut(p, k):
    p.load(allow_unsigned=k % 2 == 0)
    if k % 3 == 0:
        p.lines("""
            lut = np.array([0, 2, 3, 4, 5, 6, 7, 8, 9, 1])
            out = lut[g]
        """)
    elif k % 3 == 1:
        p.lines("""
            mapping = {1: 2, 2: 1, 3: 4, 4: 3}
            out = g.copy()
            for a, b in mapping.items():
                out[g == a] = b
        """)
    else:
        p.lines("""
            out = (g + 3) % 10
            out[g == 0] = 0
        """)
    p.output()
    return ["c0rp0013", "c0rp0020", "c0rp0005", "c0rp0014"]


def dedupe_rows(p, k):
    p.load()
    if k % 3 == 0:
        p.lines("""
            keep = [0] + [i for i in range(1, g.shape[0]) if not np.array_equal(g[i], g[i - 1])]
            out = g[keep]
            keep_c = [0] + [j for j in range(1, out.shape[1]) if not np.array_equal(out[:, j], out[:, j - 1])]
            out = out[:, keep_c]
        """)
    elif k % 3 == 1:
        p.lines("""
            rows = np.any(np.diff(g, axis=0) != 0, axis=1)
            out = g[np.concatenate([[True], rows])]
        """)
    else:
        p.lines("""
            uniq, idx = np.unique(g, axis=0, return_index=True)
            out = g[np.sort(idx)]
        """)
    p.output()
    return ["c0rp0006", "c0rp0005", "c0rp0012", "c0rp0019"]


def split_halves(p, k):
    p.load()
    if k % 3 == 0:
        p.lines("""
            sep = np.where((g == g[:, [0]]).all(axis=0) & (g[0] == 5))[0]
            c = int(sep[0]) if len(sep) else g.shape[1] // 2
            left, right = g[:, :c], g[:, c + 1:]
            out = np.where((left > 0) & (right > 0), 2, 0)
        """)
    elif k % 3 == 1:
        p.lines("""
            w = g.shape[1]
            left, right = np.hsplit(g[:, np.arange(w) != w // 2], 2)
            out = ((left != 0) & (right != 0)).astype(int) * 2
        """)
    else:
        p.lines("""
            mid = g.shape[1] // 2
            a, b = g[:, :mid], g[:, mid + 1:]
            out = np.zeros(a.shape, dtype=int)
            out[np.logical_and(a, b)] = 2
        """)
    p.output()
    return ["c0rp0019"]


def unique_colour_object(p, k):
    p.load()
    p.background()
    p.lines("""
        colours, counts = np.unique(g[g != bg], return_counts=True)
        if colours.size == 0:
            return grid
        rare = colours[counts.argmin()]
        pos = np.argwhere(g == rare)
        (r0, c0), (r1, c1) = pos.min(0), pos.max(0)
        out = g[r0:r1 + 1, c0:c1 + 1]
    """)
    p.output()
    return OBJECT_TASKS + ["c0rp0014"]


def centre_cross(p, k):
    p.load()
    p.background()
    variants = [
        "r, c = int(round(cy)), int(round(cx))",
        "r, c = round(cy), round(cx)",
        "r, c = int(cy.round()), int(cx.round())",
        "r, c = cy.round().astype(int), cx.round().astype(int)",
        "r, c = int(np.floor(cy)), int(np.ceil(cx))",
        "r, c = int(cy), int(cx)",
        "r = int(cy) if float(cy).is_integer() else int(cy + 0.5)\nc = int(cx) if cx.is_integer() else int(cx + 0.5)",
        "r, c = (int(v) for v in np.rint([cy, cx]))",
    ]
    p.lines("""
        ys, xs = np.nonzero(g != bg)
        if len(ys) == 0:
            return grid
        cy, cx = ys.mean(), xs.mean()
    """)
    p.lines(variants[k % len(variants)])
    p.lines("""
        out = g.copy()
        out[r, :] = np.where(out[r, :] == bg, 8, out[r, :])
        out[:, c] = np.where(out[:, c] == bg, 8, out[:, c])
    """)
    p.output()
    return PIXEL_TASKS + OBJECT_TASKS


def sort_objects(p, k):
    p.imports.add("from scipy import ndimage")
    p.load()
    p.background()
    p.helper("""
        def objects(a, bg):
            labels, n = ndimage.label(a != bg)
            found = []
            for i, sl in enumerate(ndimage.find_objects(labels), start=1):
                if sl is None:
                    continue
                patch = np.where(labels[sl] == i, a[sl], bg)
                found.append((sl[0].start, sl[1].start, patch))
            return found
    """)
    if k % 3 == 0:
        p.lines("""
            objs = sorted(objects(g, bg), key=lambda o: (o[0], o[1]))
            width = max(o[2].shape[1] for o in objs)
            rows = [np.pad(o[2], ((0, 0), (0, width - o[2].shape[1])), constant_values=bg) for o in objs]
            out = np.vstack(rows)[:30]
        """)
    elif k % 3 == 1:
        p.lines("""
            objs = objects(g, bg)
            objs.sort(key=lambda o: o[2].size, reverse=True)
            out = objs[0][2]
        """)
    else:
        p.lines("""
            objs = objects(g, bg)
            sizes = [int((o[2] != bg).sum()) for o in objs]
            out = np.array([[min(s, 9) for s in sorted(sizes)]])
        """)
    p.output()
    return OBJECT_TASKS


def count_to_grid(p, k):
    p.imports.add("from scipy import ndimage")
    p.load()
    p.background()
    p.lines("""
        _, n = ndimage.label(g != bg)
        side = int(np.ceil(np.sqrt(n))) if n else 1
        out = np.zeros((side, side), dtype=int)
        out.flat[:n] = 1
    """)
    p.output()
    return ["c0rp0023", "c0rp0002", "c0rp0011"]


def scalar_math(p, k):
    """Programs whose logic hinges on numpy scalars behaving like numpy's."""
    p.load(allow_unsigned=k % 4 == 0)
    bodies = [
        """
        total = g.sum()
        h, w = g.shape
        avg = total / g.size
        level = int(avg) % 10
        out = np.full((h, w), level)
        """,
        """
        mx = g.max()
        out = g.copy()
        if isinstance(mx, int):
            out[g == mx] = 0
        else:
            out[g == mx] = 9
        """,
        """
        mx = g.max()
        out = g.copy()
        if isinstance(mx, (int, np.integer)):
            out[g == mx] = 0
        """,
        """
        n = np.count_nonzero(g)
        half = n / 2
        out = g.copy()
        if half.is_integer():
            out = np.fliplr(out)
        """,
        """
        q, r = divmod(g.sum(), 10)
        out = np.full(g.shape, r)
        """,
        """
        mean = g.mean()
        out = (g > mean).astype(int) * int(round(mean))
        """,
        """
        cells = g.size
        side = int(np.sqrt(cells))
        out = g.flatten()[: side * side].reshape(side, side)
        """,
        """
        v = g[0, 0]
        nxt = (v + 1) % 10
        out = np.where(g == v, nxt, g)
        """,
        """
        h, w = g.shape
        mid = (h - 1) / 2
        out = g.copy()
        out[int(mid)] = out[h - 1 - int(mid)]
        """,
        """
        vals = [x.item() for x in g.ravel()]
        out = np.array(sorted(vals)).reshape(g.shape)
        """,
        """
        peak = g.max()
        flags = [bool(v == peak) for v in g.ravel()]
        out = np.array(flags, dtype=int).reshape(g.shape) * int(peak)
        """,
        """
        lo, hi = g.min(), g.max()
        span = hi - lo
        out = (g - lo) * (9 // max(1, span))
        """,
        """
        ratio = np.float64(g.shape[0]) / g.shape[1]
        out = g if ratio >= 1 else g.T
        """,
        """
        s = g.sum(axis=0)
        best = s.argmax()
        col = g[:, best]
        out = np.tile(col[:, None], (1, 3))
        """,
        """
        counts = np.bincount(g.ravel(), minlength=10)
        order = sorted(range(10), key=lambda c: (-counts[c], c))
        rank = {c: i for i, c in enumerate(order)}
        out = np.vectorize(lambda v: rank[v])(g)
        """,
        """
        x = g[-1, -1]
        y = x.astype(float) / 2
        out = g.copy()
        out[0, 0] = round(y)
        """,
        """
        avg = g.mean().round(1)
        level = int(avg * 10) % 10
        out = np.full(g.shape, level)
        """,
        """
        f = g.astype(np.float32) / 3
        out = (f * 3).round().astype(int)
        """,
        """
        x = np.float32(g.sum()) / np.float32(g.size)
        out = np.full((1, 1), int(x * 10) % 10)
        """,
        """
        s = g.astype(np.uint16).sum(axis=1)
        out = (s % 10).reshape(-1, 1)
        """,
        """
        v = g.max().item()
        bits = int(v).bit_length()
        out = np.full((1, max(1, bits)), v)
        """,
        """
        out = g.copy()
        for r in range(g.shape[0]):
            for c in range(g.shape[1]):
                if type(g[r, c]) is int:
                    out[r, c] = 0
        """,
        """
        import math
        side = math.isqrt(g.size)
        out = g.ravel()[: side * side].reshape(side, side)
        """,
        """
        lo = g.min()
        n = range(g.max() - lo + 1)
        out = np.array([[len(n) % 10]])
        """,
        """
        row = [0] * g.max()
        out = np.array([row or [0]])
        """,
        """
        d = abs(np.uint8(g.min()) - np.uint8(g.max()))
        out = np.full((1, 1), int(d) % 10)
        """,
        """
        r = round(np.float64(g.sum()) / 2)
        out = np.full((1, 1), r % 10)
        """,
        """
        val = np.clip(g.sum(), 0, 9)
        out = np.full((1, 1), val)
        """,
        """
        m = g.max()
        out = g.copy()
        if m.is_integer():
            out[g == m] = 1
        """,
        """
        vals = g.ravel()
        kinds = {type(v).__name__ for v in vals[:1]}
        out = g if 'int' in kinds else g.T
        """,
        """
        total = g.sum()
        out = g.copy()
        if isinstance(total, float):
            out = out.T
        elif isinstance(total, np.floating):
            out = out[::-1]
        """,
        """
        mean = g.mean()
        out = g.copy()
        out[g > mean] = int(mean) if isinstance(mean, float) else 0
        """,
        """
        cnt = np.count_nonzero(g)
        frac = cnt / g.size
        out = np.full((1, 1), int(frac.round(1) * 10) % 10)
        """,
        """
        h = np.int64(g.shape[0])
        w = np.int32(g.shape[1])
        area = h * w
        out = np.full((1, 1), int(area) % 10)
        """,
        """
        a = g[0, 0]
        b = g[-1, -1]
        cmp = a < b
        out = np.full((1, 2), [int(cmp), int(not cmp)])
        """,
        """
        q = g.sum() // np.int64(4)
        p = g.sum() % np.int8(7)
        out = np.array([[q % 10, p % 10]])
        """,
        """
        s = sum(g.ravel().tolist())
        t = g.sum()
        out = np.full((1, 1), 1 if s == t and type(s) != type(t) else 2)
        """,
    ]
    p.lines(bodies[k % len(bodies)])
    p.output()
    return CELL_TASKS + OBJECT_TASKS


def error_prone(p, k):
    """Assignments and conversions where numpy 2 raises (usually caught by a broad except)."""
    p.load(allow_unsigned=k % 3 == 0)
    bodies = [
        """
        out = np.zeros((3, 3), dtype=int)
        out[0] = g[0]
        """,
        """
        out = g.copy()
        out[0, :2] = [1, 2, 3]
        """,
        """
        out = np.zeros_like(g)
        out[:2, :2] = g[:3, :3]
        """,
        """
        out = g.copy()
        out[0, 0] = g[0]
        """,
        """
        first = int(g[0])
        out = np.full((1, 1), first)
        """,
        """
        v = float(g[:, :1])
        out = np.full((1, 1), int(v))
        """,
        """
        out = g.astype(np.uint8)
        out[0, 0] = 300
        """,
        """
        out = g.copy()
        out[g.shape[0], 0] = 1
        """,
        """
        idx = np.argmax(g) + g.size
        out = g.copy()
        out.flat[idx] = 1
        """,
        """
        out = g + np.ones(g.shape[0] + 1, dtype=int)
        """,
        """
        out = np.array(g, dtype=np.uint8) - 1
        out = out % 10
        """,
        """
        out = g.reshape(-1, 4)
        """,
        """
        out = g.copy()
        out[out > 0] = [1, 2]
        """,
        """
        out = g.copy()
        out[np.array([0, 1])] = g[:1]
        """,
        """
        if g.any():
            out = g
        if g:
            out = g.T
        """,
        """
        out = np.zeros((2, 2), dtype=int)
        out[:] = g.sum(axis=0)[:2]
        """,
        """
        out = g.copy()
        out[0, 0] = -1
        out = np.clip(out, 0, 9)
        """,
        """
        n = np.int8(g.max()) * np.int8(100)
        out = np.full((1, 2), abs(int(n)) % 10)
        """,
        """
        out = np.concatenate([g, g[:1, :1]], axis=0)
        """,
        """
        row = g[0]
        out = np.stack([row, row[:-1]])
        """,
        """
        out = np.zeros(3, dtype=np.uint8)
        out[0] = 256
        """,
        """
        out = np.array([-1, 2], dtype=np.uint8).reshape(1, 2)
        """,
        """
        out = g.astype(np.uint8) + 256
        """,
        """
        v = int(np.array([1, 2]))
        out = np.full((1, 1), v)
        """,
        """
        out = np.ones((2, 3), dtype=int) @ g[:2, :3]
        """,
        """
        idx = np.argmax(g[g > 100])
        out = np.full((1, 1), idx)
        """,
        """
        out = g.copy()
        out[0, 0] = 3.7
        """,
        """
        out = g.copy()
        out[0, 0] = np.nan
        """,
        """
        out = np.full((2, 2), 300, dtype=np.uint8)
        """,
        """
        out = np.array(g, dtype=np.int8) * 20
        out = np.abs(out) % 10
        """,
        """
        out = g.astype(np.uint8)
        out[out > 0] = out[out > 0] * 100
        out = out % 10
        """,
        """
        out = g.copy()
        out[:, 0] = g[0]
        """,
        """
        out = g.copy()
        out[[0, 1], :] = g[:, :1].T
        """,
        """
        out = g.max(axis=2)
        """,
        """
        out = np.zeros_like(g)
        out[0, 0] = g.sum(axis=1)
        """,
        """
        out = g.copy()
        out[0, 0] = g[:1, :1]
        """,
        """
        out = g.copy()
        out[0] = np.array([[1]])
        """,
        """
        v = g[0, 0] + 1.5j
        out = g
        """,
    ]
    p.lines(bodies[k % len(bodies)])
    p.output()
    return CELL_TASKS + OBJECT_TASKS + ["c0rp0009"]


def flood_fill(p, k):
    p.load(allow_unsigned=False)
    p.background()
    p.helper("""
        def flood(a, r, c, new):
            old = a[r, c]
            if old == new:
                return a
            stack = [(r, c)]
            h, w = a.shape
            while stack:
                y, x = stack.pop()
                if 0 <= y < h and 0 <= x < w and a[y, x] == old:
                    a[y, x] = new
                    stack.extend([(y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)])
            return a
    """)
    if k % 2 == 0:
        p.lines("""
            out = g.copy()
            flood(out, 0, 0, 9 if out[0, 0] != 9 else 1)
        """)
    else:
        p.lines("""
            out = g.copy()
            h, w = out.shape
            for r in range(h):
                for c in (0, w - 1):
                    if out[r, c] == bg:
                        flood(out, r, c, 6)
        """)
    p.output()
    return ["c0rp0003", "c0rp0022", "c0rp0017", "c0rp0014"]


def block_reduce(p, k):
    p.load()
    if k % 3 == 0:
        p.lines("""
            h, w = g.shape
            k = 3 if h % 3 == 0 and w % 3 == 0 else 1
            out = g.reshape(h // k, k, w // k, k).max(axis=(1, 3))
        """)
    elif k % 3 == 1:
        p.lines("""
            out = g[::3, ::3]
        """)
    else:
        p.lines("""
            h, w = g.shape
            blocks = [g[r:r + 2, c:c + 2] for r in range(0, h - 1, 2) for c in range(0, w - 1, 2)]
            vals = [np.bincount(b.ravel()).argmax() for b in blocks]
            out = np.array(vals).reshape(h // 2, w // 2)
        """)
    p.output()
    return ["c0rp0006", "c0rp0005", "c0rp0017", "c0rp0022"]


def diagonal_rays(p, k):
    p.load()
    p.background()
    p.lines("""
        out = g.copy()
        h, w = g.shape
        for r, c in np.argwhere(g != bg):
            colour = g[r, c]
            for d in range(1, max(h, w)):
                for dr, dc in ((d, d), (-d, -d), (d, -d), (-d, d)):
                    rr, cc = r + dr, c + dc
                    if 0 <= rr < h and 0 <= cc < w and out[rr, cc] == bg:
                        out[rr, cc] = colour
    """)
    p.output()
    return ["c0rp0015", "c0rp0009", "c0rp0001"]


def transpose_rotate(p, k):
    p.load()
    ops = [
        "out = g.T",
        "out = np.rot90(g, 1)",
        "out = np.rot90(g, k=3)",
        "out = np.transpose(g)[::-1]",
        "out = np.swapaxes(g, 0, 1)",
        "out = np.flipud(np.rot90(g))",
        "out = np.rot90(g, 2, axes=(0, 1))",
        "out = g[::-1, ::-1].T",
    ]
    p.lines(ops[k % len(ops)])
    p.output()
    return ["c0rp0020", "c0rp0021", "c0rp0001", "c0rp0008", "c0rp0007"]


def sort_row(p, k):
    p.load()
    if k % 3 == 0:
        p.lines("out = -np.sort(-g, axis=1)")
    elif k % 3 == 1:
        p.lines("out = np.sort(g, axis=1)[:, ::-1]")
    else:
        p.lines("out = np.array([sorted(row, reverse=True) for row in g])")
    p.output()
    return ["c0rp0007", "c0rp0016"]


def where_masks(p, k):
    p.load()
    p.background()
    bodies = [
        "out = np.where(g == bg, 0, g)",
        "out = np.where((g != bg) & (g % 2 == 0), g // 2, g)",
        "out = np.where(np.isin(g, [1, 2, 3]), 5, g)",
        "mask = g != bg\nout = np.zeros_like(g)\nout[mask] = g[mask]\nout[~mask] = 0",
        "out = g * (g != bg)",
        "out = np.select([g == 1, g == 2], [2, 1], default=g)",
    ]
    p.lines(bodies[k % len(bodies)])
    p.output()
    return ["c0rp0014", "c0rp0013", "c0rp0024", "c0rp0005"]


def histogram_bars(p, k):
    p.load()
    p.lines("""
        colours = [int(c) for c in np.unique(g) if c != 0]
        heights = {c: int(np.sum(g == c)) for c in colours}
        tallest = max(heights.values()) if heights else 1
        out = np.zeros((tallest, len(colours) or 1), dtype=int)
        for j, c in enumerate(sorted(colours, key=lambda c: -heights[c])):
            out[tallest - heights[c]:, j] = c
    """)
    p.output()
    return ["c0rp0016", "c0rp0013"]


def bincount_features(p, k):
    p.load()
    bodies = [
        """
        counts = np.bincount(g.ravel())
        present = np.nonzero(counts)[0]
        out = present.reshape(1, -1)
        """,
        """
        counts = np.bincount(g.ravel(), minlength=10)
        out = np.array([[int(c > 0) * i for i, c in enumerate(counts)]])
        """,
        """
        counts = np.bincount(g[g > 0])
        out = np.full((1, 1), counts.argmax() if counts.size else 0)
        """,
        """
        weights = np.arange(g.shape[1])
        col_sum = np.bincount(np.tile(weights, g.shape[0]), weights=g.ravel())
        out = (col_sum > col_sum.mean()).astype(int).reshape(1, -1)
        """,
    ]
    p.lines(bodies[k % len(bodies)])
    p.output()
    return CELL_TASKS


def grid_lines(p, k):
    p.load()
    p.lines("""
        h, w = g.shape
        full_rows = [r for r in range(h) if len(set(g[r].tolist())) == 1 and g[r, 0] != 0]
        full_cols = [c for c in range(w) if len(np.unique(g[:, c])) == 1 and g[0, c] != 0]
        out = np.zeros((len(full_rows) + 1, len(full_cols) + 1), dtype=int)
        out[...] = len(full_rows) + len(full_cols)
    """)
    p.output()
    return ["c0rp0019", "c0rp0012", "c0rp0016"]


def brute_force(p, k):
    """Quadratic searches LLMs write for 'nearest' or 'same colour' questions: cheap in CPython
    for ARC sizes, but many interpreter steps (the step-budget calibration cases)."""
    bodies = [
        """
        h, w = len(grid), len(grid[0])
        cells = [(r, c) for r in range(h) for c in range(w) if grid[r][c] != 0]
        out = [[0] * w for _ in range(h)]
        for r in range(h):
            for c in range(w):
                best, colour = None, 0
                for (rr, cc) in cells:
                    d = abs(rr - r) + abs(cc - c)
                    if best is None or d < best:
                        best, colour = d, grid[rr][cc]
                out[r][c] = colour
        return out
        """,
        """
        g = np.array(grid)
        pts = np.argwhere(g != 0)
        out = np.zeros_like(g)
        if len(pts) == 0:
            return grid
        for r in range(g.shape[0]):
            for c in range(g.shape[1]):
                d = np.abs(pts - np.array([r, c])).sum(axis=1)
                i = int(d.argmin())
                out[r, c] = g[pts[i][0], pts[i][1]]
        return out.tolist()
        """,
        """
        h, w = len(grid), len(grid[0])
        out = [row[:] for row in grid]
        for r in range(h):
            for c in range(w):
                same = 0
                for rr in range(h):
                    for cc in range(w):
                        if grid[rr][cc] == grid[r][c]:
                            same += 1
                if same == 1:
                    out[r][c] = 0
        return out
        """,
        """
        g = np.array(grid)
        h, w = g.shape
        out = g.copy()
        for r in range(h):
            for c in range(w):
                if g[r, c] == 0:
                    continue
                count = 0
                for rr in range(h):
                    if g[rr, c] == g[r, c]:
                        count += 1
                for cc in range(w):
                    if g[r, cc] == g[r, c]:
                        count += 1
                out[r, c] = min(9, count)
        return out.tolist()
        """,
        """
        h, w = len(grid), len(grid[0])
        colours = sorted({v for row in grid for v in row})
        out = [[0] * w for _ in range(h)]
        for colour in colours:
            pts = [(r, c) for r in range(h) for c in range(w) if grid[r][c] == colour]
            for (r0, c0) in pts:
                for (r1, c1) in pts:
                    if r0 == r1 and c0 < c1:
                        for c in range(c0, c1 + 1):
                            out[r0][c] = colour
        return out
        """,
    ]
    p.lines(bodies[k % len(bodies)])
    # Fixed tasks: the large grids make these the step-budget calibration cases.
    p.fixed_task = ["c0rp0017", "c0rp0024", "c0rp0017", "c0rp0004", "c0rp0017", "c0rp0024",
                    "c0rp0017"][k % 7]
    return [p.fixed_task]


def float32_math(p, k):
    p.load(allow_unsigned=False)
    bodies = [
        """
        f = g.astype(np.float32)
        norm = f / f.max() if f.max() > 0 else f
        out = (norm * 9).round().astype(int)
        """,
        """
        f = np.asarray(g, dtype=np.float32)
        m = f.mean(axis=0)
        out = (f > m).astype(np.uint8) * 5
        """,
        """
        f = g.astype('float32') * np.float32(0.5)
        out = np.floor(f).astype(np.int32) + np.ceil(f).astype(np.int32)
        out = np.clip(out, 0, 9)
        """,
        """
        c = g.astype(np.uint16).sum(axis=1, keepdims=True)
        out = np.broadcast_to(c % 10, g.shape)
        """,
    ]
    p.lines(bodies[k % len(bodies)])
    p.output()
    return CELL_TASKS


def vectorized_helpers(p, k):
    p.load()
    bodies = [
        """
        mapping = {0: 0, 1: 2, 2: 1}
        f = np.vectorize(lambda v: mapping.get(v, v))
        out = f(g)
        """,
        """
        out = np.apply_along_axis(lambda row: np.sort(row)[::-1], 1, g)
        """,
        """
        h, w = g.shape
        checker = np.fromfunction(lambda i, j: (i + j) % 2, (h, w), dtype=int)
        out = np.where(checker == 1, g, 0)
        """,
        """
        out = np.select([g == 0, g < 5], [9, g + 1], default=0)
        """,
        """
        order = np.argsort(g, axis=1, kind='stable')
        out = np.take_along_axis(g, order, axis=1)
        """,
        """
        idx = np.arange(g.shape[1])[::-1]
        out = np.take(g, idx, axis=1)
        """,
    ]
    p.lines(bodies[k % len(bodies)])
    p.output()
    return CELL_TASKS


FAMILIES = [
    (crop_bbox, 12), (largest_object, 12), (recolour_by_size, 15), (gravity, 12), (flip_if_symmetric, 12),
    (upscale, 14), (pad_border, 8), (extend_lines, 15), (fill_holes, 12), (colour_histogram, 12),
    (row_majority, 10), (denoise_mode, 12), (mirror_complete, 8), (connect_pairs, 10), (outline, 9),
    (shift_objects, 9), (colour_lut, 9), (dedupe_rows, 9), (split_halves, 8), (unique_colour_object, 10),
    (centre_cross, 16), (sort_objects, 15), (count_to_grid, 8), (scalar_math, 56), (error_prone, 44),
    (flood_fill, 10), (block_reduce, 9), (diagonal_rays, 6), (transpose_rotate, 8), (sort_row, 5),
    (where_masks, 9), (histogram_bars, 6), (bincount_features, 8), (grid_lines, 6),
    (brute_force, 7), (float32_math, 8), (vectorized_helpers, 12),
]


def generate(seed):
    rng = random.Random(seed)
    programs = []
    for family, n in FAMILIES:
        for k in range(n):
            prng = random.Random(rng.randrange(1 << 30))
            p = Program(family.__name__, None, prng)
            tasks = family(p, k)
            p.task = prng.choice(ALL_TASKS) if prng.random() < 0.12 else prng.choice(tasks)
            if p.fixed_task:
                p.task = p.fixed_task
            wrap = prng.choice(WRAPS)
            programs.append((f"{family.__name__}_{k}", p.render(wrap)))
    return programs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--first", type=int, default=542, help="number of the first wave-3 program")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--out-dir", default=PROGRAMS)
    args = ap.parse_args()
    for name in os.listdir(args.out_dir):
        if re.match(r"\d+_w3_", name):
            os.remove(os.path.join(args.out_dir, name))
    programs = generate(args.seed)
    for i, (name, code) in enumerate(programs):
        compile(code, name, "exec")  # the generator must not write syntax errors by accident
        path = os.path.join(args.out_dir, f"{args.first + i:03d}_w3_{name}.py")
        with open(path, "w") as f:
            f.write(code)
    print(f"wrote {len(programs)} wave-3 programs ({args.first:03d}-{args.first + len(programs) - 1:03d}) "
          f"to {args.out_dir}")


if __name__ == "__main__":
    main()
