#!/usr/bin/env python3
"""Generates src/exec/numpy/testdata/scalar_api.json: numpy's scalar API, differential.

The list of attributes comes from numpy itself: every public name of `numpy.generic` (the base
of all numpy scalars, whose documentation lists these attributes and methods) plus the names each
concrete scalar type adds (`is_integer`, `bit_count`, `as_integer_ratio`, ...). Every name must
have call forms in FORMS or a reason in UNSUPPORTED; the script stops when numpy has a name
that is in neither, so the test follows numpy's API rather than a hand-picked subset. Each form
is run on every scalar type the embedded numpy has (bool, int8..int64, uint8..uint64, float32,
float64) with two values, and expected results come from CPython + numpy 2.4 here.

Beyond the named attributes the file checks the protocols numpy scalars take part in:
arithmetic with Python numbers, numpy scalars and arrays in both directions (result type and
value, numpy 2's OverflowError for Python ints that do not fit), comparisons (np.bool_ results),
isinstance/issubclass relations (np.int64 is not an int in numpy 2; np.float64 is a float),
conversions (int, float, bool, operator.index, round, math.floor, format), hashing, copies, repr
and str.

Each group is {"setup": "x = np.int64(7)", "exprs": [...], "want": [...]}: `want[i]` is
`repr(eval(exprs[i]))` after the setup (with `np` bound), or "!ExcName" when numpy raises (only
the exception class is compared: programs see the class). src/exec/numpy/tests_scalar.rs runs
them.

Usage: python3 scripts/gen_numpy_scalar_tests.py [OUT.json]
"""
import json
import os
import sys
import warnings

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "exec", "numpy", "testdata", "scalar_api.json")

# The scalar types the embedded numpy implements, with two values each.
TYPES = {
    "bool_": ["True", "False"],
    "int8": ["7", "-3"],
    "int16": ["7", "-300"],
    "int32": ["7", "-3"],
    "int64": ["7", "-3"],
    "uint8": ["7", "200"],
    "uint16": ["7", "60000"],
    "uint32": ["7", "4000000000"],
    "uint64": ["7", "0"],
    "float32": ["2.5", "-1.75"],
    "float64": ["2.5", "-3.0"],
}

# Call forms per attribute of numpy.generic (and of the concrete types); `x` is the scalar.
FORMS = {
    "T": ["x.T"],
    "all": ["x.all()"],
    "any": ["x.any()"],
    "argmax": ["x.argmax()"],
    "argmin": ["x.argmin()"],
    "argsort": ["x.argsort()"],
    "astype": ["x.astype(np.int64)", "x.astype(float)", "x.astype(np.uint8)", "x.astype(bool)",
               "x.astype(np.float32)", "x.astype('int16')"],
    "base": ["x.base"],
    "clip": ["x.clip(0, 5)", "x.clip(1, None)"],
    "conj": ["x.conj()"],
    "conjugate": ["x.conjugate()"],
    "copy": ["x.copy()"],
    "cumprod": ["x.cumprod()"],
    "cumsum": ["x.cumsum()"],
    "diagonal": ["x.diagonal()"],
    "dtype": ["x.dtype", "x.dtype.name", "x.dtype.kind", "x.dtype.itemsize", "x.dtype.type is type(x)"],
    "fill": ["x.fill(1)"],
    "flat": ["list(x.flat)"],
    "flatten": ["x.flatten()"],
    "imag": ["x.imag"],
    "item": ["x.item()", "x.item(0)", "x.item(1)", "type(x.item()).__name__"],
    "itemsize": ["x.itemsize"],
    "max": ["x.max()"],
    "mean": ["x.mean()"],
    "min": ["x.min()"],
    "nbytes": ["x.nbytes"],
    "ndim": ["x.ndim"],
    "nonzero": ["x.nonzero()"],
    "prod": ["x.prod()"],
    "ravel": ["x.ravel()"],
    "real": ["x.real"],
    "repeat": ["x.repeat(3)"],
    "reshape": ["x.reshape(1)", "x.reshape(1, 1)", "x.reshape(())", "x.reshape(2)"],
    "round": ["x.round()", "x.round(1)", "x.round(-1)", "x.round(decimals=2)"],
    "shape": ["x.shape"],
    "size": ["x.size"],
    "squeeze": ["x.squeeze()"],
    "std": ["x.std()"],
    "strides": ["x.strides"],
    "sum": ["x.sum()", "x.sum(axis=0)"],
    "swapaxes": ["x.swapaxes(0, 0)"],
    "take": ["x.take(0)"],
    "tobytes": ["len(x.tobytes())"],
    "tolist": ["x.tolist()", "type(x.tolist()).__name__"],
    "trace": ["x.trace()"],
    "transpose": ["x.transpose()"],
    "var": ["x.var()"],
    # Added by concrete types.
    "is_integer": ["x.is_integer()"],
    "bit_count": ["x.bit_count()"],
    "numerator": ["x.numerator"],
    "denominator": ["x.denominator"],
    "as_integer_ratio": ["x.as_integer_ratio()"],
    "hex": ["x.hex()"],
}

# Names of numpy.generic this module does not implement, and why. Programs that use them get an
# AttributeError naming the attribute (checked by tests_scalar.rs).
UNSUPPORTED = {
    "byteswap": "byte order: no meaning for ARC grids",
    "choose": "ndarray.choose is not implemented",
    "compress": "ndarray.compress is not implemented",
    "data": "raw buffer access",
    "device": "array API device",
    "to_device": "array API device",
    "dump": "pickling to files",
    "dumps": "pickling",
    "tofile": "file output",
    "flags": "memory-layout flags",
    "getfield": "structured dtypes",
    "setfield": "structured dtypes",
    "setflags": "memory-layout flags",
    "put": "writes into a temporary 0-d copy: a no-op in numpy",
    "resize": "in-place resize of a temporary 0-d copy",
    "searchsorted": "needs a 1-d array: always an error on scalars",
    "sort": "needs an axis: always an error on scalars",
    "view": "dtype reinterpretation",
    "fromhex": "float.fromhex classmethod, inherited by float64 only",
}

# (type, form) pairs left out, and why.
SKIP = {
    ("bool_", "x.round()"): "numpy rounds bools in float16, a dtype this module does not have",
}
for _t in TYPES:
    for _e in ("x ** np.array([1.5], np.float32)", "np.array([1.5], np.float32) ** x"):
        SKIP[(_t, _e)] = "numpy's SIMD float32 power loop is not correctly rounded (1 ulp off libm)"

# Operands for the arithmetic and comparison matrix.
OTHERS = ["2", "-1", "300", "2.5", "True", "np.int8(2)", "np.uint8(2)", "np.int64(-2)", "np.uint64(2)",
          "np.float32(0.5)", "np.float64(2.0)", "np.True_", "np.array([1, 2])", "np.array([1.5], np.float32)"]
ARITH = ["+", "-", "*", "/", "//", "%", "**", "&", "|", "^", "<<", ">>"]
COMPARE = ["==", "!=", "<", "<=", ">", ">="]
CLASSES = ["int", "float", "bool", "complex", "np.generic", "np.number", "np.integer", "np.signedinteger",
           "np.unsignedinteger", "np.inexact", "np.floating", "np.bool_"]

PROTOCOL_FORMS = [
    "repr(x)", "str(x)", "type(x).__name__", "int(x)", "float(x)", "bool(x)",
    "__import__('operator').index(x)", "round(x)", "type(round(x)).__name__", "round(x, 1)",
    "__import__('math').floor(x)", "__import__('math').ceil(x)", "abs(x)", "-x", "+x", "~x",
    "hash(x) == hash(x.item())", "{x: 1}.get(x.item())", "format(x, '')", "f'{x}'",
    "'%s' % x", "'%d' % x", "format(x, '.2f')", "format(x, '>4')",
    "__import__('copy').copy(x)", "__import__('copy').deepcopy(x)", "[10, 20, 30][x]",
    "len(range(x))", "[0] * (x % 5)", "divmod(x, 3)", "pow(x, 2)", "x.__round__()",
    "sorted([x, 1, 0.5])", "max(x, 1)", "min(x, 1)", "x in [x.item()]", "[x.item()].index(x)",
    "isinstance(x, (int, np.integer))", "type(x) is int", "sum([x, x])", "np.array([x, x]).dtype",
    "np.array(x).dtype", "np.asarray([x]).tolist()", "x == x.item()", "x is x.item()",
]


def evaluate(setup, exprs):
    """numpy's result for each expression after `setup`: repr, or "!ExcName"."""
    g = {"np": np}
    exec(setup, g)
    out = []
    for e in exprs:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                v = eval(e, g)
            except Exception as ex:  # noqa: BLE001
                out.append("!" + type(ex).__name__)
                continue
        out.append(repr(v))
    return out


def api_names():
    """numpy.generic's public names plus what the concrete scalar types add."""
    names = {n for n in dir(np.generic) if not n.startswith("_")}
    for t in TYPES:
        names |= {n for n in dir(getattr(np, t)) if not n.startswith("_")}
    return sorted(names)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    names = api_names()
    missing = [n for n in names if n not in FORMS and n not in UNSUPPORTED]
    if missing:
        sys.exit(f"numpy scalar attributes without FORMS or UNSUPPORTED entries: {missing}")
    groups = []
    for tname, values in TYPES.items():
        for k, value in enumerate(values):
            setup = f"x = np.{tname}({value})"
            exprs = []
            for name in names:
                if name in UNSUPPORTED:
                    continue
                if not hasattr(getattr(np, tname), name):
                    exprs.append(f"hasattr(x, {name!r})")
                    continue
                exprs += [f for f in FORMS[name] if (tname, f) not in SKIP]
            exprs += PROTOCOL_FORMS
            exprs.append("[" + ", ".join(f"isinstance(x, {c})" for c in CLASSES) + "]")
            exprs.append("[" + ", ".join(f"issubclass(type(x), {c})" for c in CLASSES) + "]")
            if k == 0:
                # The operator matrix, for the first value of each type.
                for op in ARITH + COMPARE:
                    for o in OTHERS:
                        exprs += [e for e in (f"x {op} {o}", f"{o} {op} x") if (tname, e) not in SKIP]
            groups.append({"setup": setup, "exprs": exprs, "want": evaluate(setup, exprs)})
    unsupported = [[n, UNSUPPORTED[n]] for n in sorted(UNSUPPORTED)]
    doc = {
        "generated_by": "scripts/gen_numpy_scalar_tests.py",
        "numpy": np.__version__,
        "api": names,
        "unsupported": unsupported,
        "skipped": [[t, f, why] for (t, f), why in sorted(SKIP.items())],
        "groups": groups,
    }
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        f.write("{\n")
        for key in ("generated_by", "numpy", "api", "unsupported", "skipped"):
            f.write(f"{json.dumps(key)}: {json.dumps(doc[key], ensure_ascii=False)},\n")
        f.write('"groups": [\n')
        for i, g in enumerate(groups):
            f.write(json.dumps(g, ensure_ascii=False) + ("," if i + 1 < len(groups) else "") + "\n")
        f.write("]}\n")
    n = sum(len(g["exprs"]) for g in groups)
    print(f"wrote {out}: {n} cases over {len(names)} attributes ({len(UNSUPPORTED)} unsupported)")


if __name__ == "__main__":
    main()
