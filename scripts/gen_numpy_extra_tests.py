#!/usr/bin/env python3
"""Generates src/exec/numpy/tests_extra.rs: Python snippets for the less common numpy and
scipy.ndimage names, with expected reprs computed here by CPython + numpy 2.4 / scipy 1.17.

Snippets keep scalar results as `str(...)` so the expectations do not depend on how numpy
scalars print (`np.int64(5)` vs `5`)."""
import json
import sys

import numpy as np  # noqa: F401

SETUP = (
    "import scipy.ndimage as ndi\n"
    "a = np.array([[1, 2, 0], [0, 3, 4], [5, 0, 6]])\n"
    "l = np.array([[1, 1, 0], [0, 2, 2], [3, 0, 2]])\n"
    "w = np.array([[1, 1, 1], [1, 0, 1], [1, 1, 1]])\n"
    "b = np.array([[0, 1, 1, 1, 0], [0, 1, 1, 1, 0], [0, 1, 1, 1, 0], [1, 0, 0, 0, 0]])\n"
)

GROUPS = {
    "searching_and_indexing": [
        "r = np.ix_([0, 1], [2, 3])",
        "r = np.ix_(np.array([True, False, True]))",
        "r = np.ix_([])",
        "r = np.ix_([[0]])",
        "a = np.arange(16).reshape(4, 4)\nr = a[np.ix_([0, 2], [1, 3])]",
        "r = str(np.searchsorted([1, 2, 3], 2))",
        "r = np.searchsorted([1, 2, 3], [2, 5, 0], side='right')",
        "r = np.searchsorted(np.array([1.5, 2.5]), [2, 3])",
        "r = np.searchsorted([1, 2, 3], 2, side='x')",
        "r = np.lexsort(([1, 2, 1], [3, 3, 1]))",
        "r = np.lexsort(np.array([[1, 2, 1], [3, 3, 1]]))",
        "r = tuple(int(x) for x in np.unravel_index(7, (3, 3)))",
        "r = np.unravel_index([7, 2], (3, 3))",
        "r = np.unravel_index(10, (3, 3))",
        "r = str(np.ravel_multi_index((1, 2), (3, 3)))",
        "r = np.ravel_multi_index(([1, 2], [2, 0]), (3, 3))",
        "r = np.ravel_multi_index((3, 2), (3, 3))",
        "r = np.flatnonzero(np.array([[0, 1], [2, 0]]))",
        "r = np.flatnonzero(np.zeros(3))",
        "r = np.moveaxis(np.zeros((2, 3, 4)), 0, -1).shape",
        "r = np.moveaxis(np.arange(6).reshape(2, 3), 1, 0)",
        "r = np.moveaxis(np.zeros((2, 3)), [0, 1], [0])",
        "r = [x for x in np.nditer(np.array([[1, 2], [3, 4]]))]",
        "r = [int(x) for x in np.nditer(np.array([5, 6], dtype=np.uint8))]",
        "r = np.issubdtype(np.array([1]).dtype, np.integer)",
        "r = np.issubdtype(np.int8, np.floating)",
        "r = np.issubdtype(np.float64, np.floating)",
        "r = np.issubdtype(np.array([True]).dtype, np.bool_)",
        "r = np.issubdtype(np.array([True]).dtype, np.integer)",
        "r = np.issubdtype('int32', np.integer)",
    ],
    "statistics": [
        "r = np.ptp(np.array([[1, 5], [3, 2]]), axis=0)",
        "r = str(np.ptp(np.array([[1, 5], [3, 2]])))",
        "r = np.ptp(np.array([[1, 5], [3, 2]], dtype=np.uint8), axis=1)",
        "r = np.ptp(np.array([True, False]))",
        "r = hasattr(np.zeros(2), 'ptp')",
        "r = str(np.median(np.array([[1, 5], [3, 2]])))",
        "r = np.median(np.array([[1, 5], [3, 2]]), axis=1)",
        "r = np.median(np.array([[1, 5, 4], [3, 2, 9]]), axis=0)",
        "r = str(np.median([1, np.nan, 2]))",
        "r = str(np.percentile(np.array([1, 2, 3, 4, 10]), 30))",
        "r = np.percentile(np.array([1, 2, 3, 4, 10]), [10, 55, 99.9])",
        "r = np.percentile(np.array([[1, 2], [3, 10]]), 50, axis=0)",
        "r = np.percentile(np.array([1, 2, 3, 4, 10]), 101)",
        "r = str(np.quantile(np.array([1, 2, 3, 4]), 0.25))",
        "r = np.quantile(np.array([1, 2, 3, 4, 10]), 1.5)",
        "r = np.histogram(np.array([1, 2, 2, 3, 9]))",
        "r = np.histogram(np.array([1, 2, 2, 3, 9]), bins=3, range=(0, 9))",
        "r = np.histogram(np.array([1, 2, 2, 3, 9]), bins=[0, 2, 5, 9])",
        "r = np.histogram(np.array([1, 2, 2, 3, 9]), bins=[0, 5, 2])",
        "r = np.histogram(np.array([]))",
        "r = np.histogram(np.array([4, 4]))",
        "r = np.histogram(np.arange(10), bins=np.arange(11))",
        "r = np.linspace(0, 1, 5)",
        "r = np.linspace(2, 3, 4, endpoint=False)",
        "r = np.linspace(0, 10, 4, dtype=int)",
        "r = np.linspace(0, 1, -1)",
        "r = str(np.nanmax(np.array([1, np.nan, 3])))",
        "r = np.nanmin(np.array([[np.nan, np.nan], [1, 2]]), axis=1)",
        "r = np.nanmax(np.array([[1, 5], [7, 2]]), axis=0)",
        "r = str(np.nanmin(np.array([4, 2, 8])))",
    ],
    "arithmetic_helpers": [
        "r = np.cumprod(np.array([[1, 2], [3, 4]]))",
        "r = np.cumprod(np.array([[1, 2], [3, 4]]), axis=1)",
        "r = np.cumprod(np.array([True, True]))",
        "r = np.cumprod(np.array([1.5, 2]))",
        "r = np.rint(np.array([0.5, 1.5, 2.5, -0.5, -1.7]))",
        "r = np.rint(np.array([1, 2]))",
        "r = np.outer([1, 2], [1, 2.5])",
        "r = np.outer(np.array([[1, 2]]), np.array([3, 4, 5]))",
        "r = np.outer(np.ones(2, dtype=np.uint8), np.array([1, 2], dtype=np.uint8))",
    ],
    "editing": [
        "r = np.append([1, 2], [[3, 4]])",
        "r = np.append(np.array([[1, 2]]), [[3, 4]], axis=0)",
        "r = np.append(np.array([[1, 2]]), [3, 4], axis=0)",
        "r = np.append(np.array([1, 2], dtype=np.uint8), 3)",
        "r = np.delete(np.arange(6).reshape(2, 3), 1, axis=1)",
        "r = np.delete(np.arange(6).reshape(2, 3), 0, axis=0)",
        "r = np.delete(np.arange(6), [0, 5])",
        "r = np.delete(np.arange(6), slice(0, 4, 2))",
        "r = np.delete(np.arange(6).reshape(2, 3), 1)",
        "r = np.delete(np.arange(6), -1)",
        "r = np.delete(np.arange(6), 7)",
        "r = np.insert(np.arange(6).reshape(2, 3), 1, 9, axis=1)",
        "r = np.insert(np.arange(6).reshape(2, 3), 1, [7, 8], axis=1)",
        "r = np.insert(np.arange(6).reshape(2, 3), 1, [7, 8, 9], axis=0)",
        "r = np.insert(np.arange(6).reshape(2, 3), 3, 0, axis=1)",
        "r = np.insert(np.arange(4), [1, 3], [7, 8])",
        "r = np.insert(np.arange(4), [3, 1], [7, 8])",
        "r = np.insert(np.arange(4), 1, 2.7)",
        "r = np.insert(np.arange(4), 1, [5, 6])",
        "r = np.insert(np.arange(6).reshape(2, 3), 1, 5)",
        "r = np.insert(np.arange(4), 9, 2)",
        "r = np.setdiff1d([5, 1, 2, 2], [2])",
        "r = np.setdiff1d(np.array([[3, 1], [1, 4]]), [4, 9])",
        "r = np.intersect1d([5, 1, 2, 2], [2.0, 5])",
        "r = np.intersect1d([1, 2], [3])",
        "r = np.union1d([5, 1], [2, 2])",
        "r = np.block([[np.ones((2, 2), int), np.zeros((2, 1), int)], [np.zeros((1, 3), int)]])",
        "r = np.block([np.array([1, 2]), np.array([3])])",
        "r = np.block([[1, 2], [3, 4]])",
        "r = np.block([1, 2, [3]])",
        "r = np.trim_zeros(np.array([0, 0, 1, 2, 0]))",
        "r = np.trim_zeros(np.array([0, 0, 1, 2, 0]), 'f')",
        "r = np.trim_zeros(np.array([0, 0, 1, 2, 0]), 'b')",
        "r = np.trim_zeros(np.array([0, 0]))",
        "r = np.trim_zeros(np.array([0, 0, 1, 2, 0]), 'x')",
    ],
    "ufunc_objects": [
        "r = np.add",
        "r = np.add.__name__",
        "r = np.maximum(np.array([1, 5]), 3)",
        "r = str(np.add.reduce(np.array([True, True])))",
        "r = np.add.reduce(np.array([[1, 2], [3, 4]]))",
        "r = str(np.add.reduce(np.array([[1, 2], [3, 4]]), axis=None))",
        "r = np.add.reduce(np.array([[1, 2], [3, 4]]), axis=1)",
        "r = np.add.reduce(np.array([[1, 2], [3, 4]], dtype=np.uint8) == 1, axis=1)",
        "r = np.add.reduce([[1, 2], [3, 4]], keepdims=True)",
        "r = np.subtract.reduce(np.array([[10, 2, 3]], dtype=np.int8), axis=1)",
        "r = np.maximum.reduce([np.array([1, 7]), np.array([4, 2]), np.array([0, 9])])",
        "r = np.maximum.reduce(np.array([], dtype=int))",
        "r = np.minimum.reduce(np.array([[3, 1], [2, 5]]), axis=1)",
        "r = np.logical_and.reduce([np.array([1, 0]), np.array([1, 1])])",
        "r = np.logical_or.reduce(np.array([[0, 0], [0, 3]]))",
        "r = str(np.logical_or.reduce(np.array([1, 0, 2])))",
        "r = np.bitwise_or.reduce(np.array([[1, 2], [4, 4]], dtype=np.uint8))",
        "r = str(np.multiply.reduce(np.array([[1, 2], [3, 4]]), axis=(0, 1)))",
        "r = np.add.reduce(np.zeros((0, 2), dtype=int))",
        "r = np.add.accumulate(np.array([True, True]))",
        "r = np.add.accumulate(np.array([[1, 2], [3, 4]]))",
        "r = np.add.accumulate(np.array([[1, 2], [3, 4]]), axis=1)",
        "r = np.maximum.accumulate(np.array([1, 3, 2, 5, 4]))",
        "r = np.add.accumulate(np.array([[1, 2], [3, 4]]), axis=None)",
        "r = np.add.outer([1, 2], [10, 20, 30])",
        "r = np.equal.outer(np.array([1, 2]), np.array([2, 1]))",
        "a = np.zeros(4, dtype=int)\nnp.add.at(a, [0, 0, 2], 1)\nr = a",
        "a = np.zeros(3)\nnp.add.at(a, [0, 2], [5, 7])\nr = a",
        "a = np.zeros((2, 2), dtype=int)\nnp.maximum.at(a, ([0, 1], [1, 0]), 3)\nr = a",
    ],
    "flat_and_tobytes": [
        "a = np.arange(6).reshape(2, 3)\nr = str(a.flat[4])",
        "a = np.arange(6).reshape(2, 3)\nr = a.flat[[0, 5]]",
        "a = np.arange(6).reshape(2, 3)\nr = a.flat[1:3]",
        "a = np.arange(6).reshape(2, 3)\na.flat[4] = 9\nr = a",
        "a = np.arange(6).reshape(2, 3)\na.flat[[0, 5]] = 7\nr = a",
        "a = np.arange(6).reshape(2, 3).T\na.flat[1] = 9\nr = a",
        "a = np.arange(6).reshape(2, 3).T\nr = [int(v) for v in a.flat]",
        "a = np.arange(6).reshape(2, 3)\nr = len(a.flat)",
        "a = np.arange(6).reshape(2, 3)\nr = [int(v) for v in a.flat]",
        "a = np.arange(6).reshape(2, 3)\nr = a.flat[6]",
        "a = np.arange(6).reshape(2, 3)\na.flat[-7] = 1",
        "a = np.arange(6).reshape(2, 3)\nr = str(a.flat[-1])",
        "r = np.array([1, 256], dtype=np.int64).tobytes()",
        "r = np.array([[1, 255]], dtype=np.uint8).tobytes()",
        "r = np.array([True, False]).tobytes()",
        "r = np.array([1.5]).tobytes()",
        "r = np.array([-1, 2], dtype=np.int32).tobytes()",
        "r = np.arange(4).reshape(2, 2).T.tobytes() == np.array([0, 2, 1, 3]).tobytes()",
    ],
    "linalg_norm": [
        "r = str(np.linalg.norm([3, 4]))",
        "r = str(np.linalg.norm(np.array([[1, 2], [3, 4]])))",
        "r = np.linalg.norm(np.array([[1, 2], [3, 4]]), axis=1)",
        "r = np.linalg.norm(np.array([[1, 2], [3, 4]]), axis=0, keepdims=True)",
        "r = str(np.linalg.norm(np.array([1, -2, 3]), ord=1))",
        "r = str(np.linalg.norm(np.array([1, -2, 3]), ord=np.inf))",
        "r = str(np.linalg.norm(np.array([1, -2, 3]), ord=-np.inf))",
        "r = str(np.linalg.norm(np.array([1, 0, 3]), ord=0))",
        "r = str(np.linalg.norm(np.array([[1, -2], [3, 4]]), ord=1))",
        "r = str(np.linalg.norm(np.array([[1, -2], [3, 4]]), ord=np.inf))",
        "r = str(np.linalg.norm(np.array([[1, -2], [3, 4]]), ord='fro'))",
        "r = np.linalg.norm(np.array([[1, 2], [3, 4]]), ord=1, axis=1)",
        "r = np.linalg.norm(np.array([1, 2]), ord='fro')",
        "import numpy.linalg\nr = bool(numpy.linalg.norm([6, 8]) == 10.0)",
        "from numpy.linalg import norm\nr = norm(np.array([[0, 3], [4, 0]]), axis=1)",
    ],
    "ndimage_measurements": [
        SETUP + "r = str(ndi.sum(a))",
        SETUP + "r = str(ndi.sum(a, l))",
        SETUP + "r = str(ndi.sum(a, l, 2))",
        SETUP + "r = ndi.sum(a, l, [1, 2, 5])",
        SETUP + "r = ndi.sum_labels(a, l, np.array([1, 2]))",
        SETUP + "r = str(ndi.maximum(a, l))",
        SETUP + "r = ndi.maximum(a, l, [1, 2, 5])",
        SETUP + "r = ndi.maximum(a.astype(np.uint8), l, [1, 2])",
        SETUP + "r = str(ndi.maximum(a, l, 2))",
        SETUP + "r = ndi.minimum(a, l, [1, 2])",
        SETUP + "r = ndi.mean(a, l, [1, 2])",
        SETUP + "r = str(ndi.mean(a, l, 2))",
        SETUP + "r = str(ndi.mean(a))",
        SETUP + "r = tuple(float(x) for x in ndi.center_of_mass(a))",
        SETUP + "r = [tuple(float(x) for x in t) for t in ndi.center_of_mass(a, l, [1, 2])]",
        SETUP + "r = tuple(float(x) for x in ndi.center_of_mass(a, l, 2))",
        SETUP + "r = ndi.maximum(a, l, [])",
        "from scipy.ndimage import measurements\nr = measurements.label(np.array([[1, 0, 1]]))[1]",
        "import scipy.ndimage.measurements as m\nr = str(m.sum(np.array([1, 2, 3]), np.array([1, 1, 0]), 1))",
        "import scipy.ndimage\nr = scipy.ndimage.measurements.find_objects(np.array([[0, 1], [1, 1]]))",
    ],
    "ndimage_filters": [
        SETUP + "r = ndi.convolve(a, w)",
        SETUP + "r = ndi.convolve(a, w, mode='constant')",
        SETUP + "r = ndi.convolve(a, w, mode='constant', cval=1)",
        SETUP + "r = ndi.convolve(a, w, mode='nearest')",
        SETUP + "r = ndi.convolve(a, w, mode='mirror')",
        SETUP + "r = ndi.convolve(a, w, mode='wrap')",
        SETUP + "r = ndi.convolve(a, np.array([[1, 2], [3, 4]]), mode='constant')",
        SETUP + "r = ndi.correlate(a, np.array([[1, 2], [3, 4]]), mode='constant')",
        SETUP + "r = ndi.convolve(a, np.array([[0.5, 0.5]]), mode='constant')",
        SETUP + "r = ndi.convolve(a.astype(np.uint8), np.array([[0.5, 0.5]]), mode='constant')",
        SETUP + "r = ndi.convolve(a.astype(float), np.array([[1, 2, 3, 4, 5]]))",
        SETUP + "r = ndi.convolve(a, w, mode='constant', output=float)",
        SETUP + "r = ndi.convolve(a, np.array([1, 2]), mode='constant')",
        SETUP + "r = ndi.convolve(a, w, mode='foo')",
        SETUP + "r = ndi.convolve(a > 2, w)",
        "import scipy.ndimage as ndi\nr = ndi.convolve(np.array([1, 2, 3]), np.array([1, 2, 3]))",
        "import scipy.ndimage as ndi\nr = ndi.convolve(np.array([1, 2, 3, 4]), np.ones(7, dtype=int), mode='mirror')",
        "import scipy.ndimage as ndi\nr = ndi.correlate(np.array([1, 2, 3, 4]), np.array([1, 0, 2]), origin=1)",
        SETUP + "r = ndi.binary_opening(b)",
        SETUP + "r = ndi.binary_closing(b)",
        SETUP + "r = ndi.binary_closing(b, iterations=2)",
        SETUP + "r = ndi.binary_opening(b, structure=np.ones((2, 2)))",
        "import scipy.ndimage as ndi\nr = ndi.zoom(np.array([[1, 2], [3, 4]]), 2, order=0)",
        "import scipy.ndimage as ndi\nr = ndi.zoom(np.array([[1, 2, 3], [3, 4, 5]]), 3, order=0)",
        "import scipy.ndimage as ndi\nr = ndi.zoom(np.array([[1, 2, 3], [3, 4, 5]], dtype=np.uint8), (1, 0.5), order=0)",
        "import scipy.ndimage as ndi\nr = ndi.zoom(np.arange(5), 1.5, order=0)",
    ],
}


def run(code):
    g = {"np": np}
    try:
        exec(code, g)
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}: {e}"
    return repr(g["r"])


def rust_str(s):
    return json.dumps(s, ensure_ascii=False)


def main():
    out = [
        "//! Generated by `scripts/gen_numpy_extra_tests.py` (expected reprs from CPython with",
        "//! numpy 2.4 / scipy 1.17); do not edit by hand.",
        "",
        "use super::tests::check;",
        "",
    ]
    for name, snippets in GROUPS.items():
        out += ["", "#[test]", f"fn {name}() {{", "    check(&["]
        for code in snippets:
            out.append(f"        ({rust_str(code)}, {rust_str(run(code))}),")
        out += ["    ]);", "}"]
    path = sys.argv[1] if len(sys.argv) > 1 else "src/exec/numpy/tests_extra.rs"
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
