# task: c0rp0016
from collections import namedtuple, Counter

Entry = namedtuple("Entry", "colour count")


def transform(grid):
    counts = Counter(v for row in grid for v in row)
    entries = [Entry(c, n) for c, n in counts.items()]
    entries.sort(key=lambda e: (-e.count, e.colour))
    return [[e.colour] for e in entries]
