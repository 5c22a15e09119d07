# task: c0rp0002
import numpy as np
from scipy.ndimage import label, find_objects


def transform(grid):
    """Recolour each object by its bounding-box height * width."""
    a = np.array(grid)
    lab, n = label(a)
    out = a.copy()
    for i, (rs, cs) in enumerate(find_objects(lab)):
        area = (rs.stop - rs.start) * (cs.stop - cs.start)
        out[lab == i + 1] = area
    return out.tolist()
