# task: c0rp0001
import numpy as np

CANDIDATES = {
    "fliplr": lambda a: np.fliplr(a),
    "flipud": lambda a: np.flipud(a),
    "rot180": lambda a: np.rot90(a, 2),
    "transpose": lambda a: a.T,
}


def transform(grid):
    """Try a few rigid transformations; the hidden rule is probably a mirror.

    We can't see the train pairs here, so pick the left-right mirror, but keep the
    others around for debugging.
    """
    a = np.array(grid)
    results = {name: f(a) for name, f in CANDIDATES.items()}
    for name, r in results.items():
        print(name, r.shape)
    return results["fliplr"].tolist()
