//! numpy functions written in Python on top of the native module: the ones that call back into
//! user code (`vectorize`, `apply_along_axis`, `fromfunction`) or are short compositions of native
//! ones (`select`, `take_along_axis`, `broadcast_arrays`, `take`, `trace`), and `numpy.exceptions.AxisError` and `UFuncTypeError`.
//! `install` (mod.rs) runs [`PRELUDE`] once per interpreter with the native `numpy` module bound
//! to `_np`; the names in [`EXPORTS`] become attributes of `numpy`, `sliding_window_view` goes to
//! `numpy.lib.stride_tricks`. Also small helpers LLM programs call (`isscalar`, `iinfo`,
//! `errstate`/`seterr` as bookkeeping only, `square`, `isfinite`, `gcd`, `resize`, `mgrid`, ...).

/// Names [`PRELUDE`] defines for the `numpy` namespace.
pub const EXPORTS: &[&str] = &[
    "vectorize",
    "apply_along_axis",
    "fromfunction",
    "select",
    "take_along_axis",
    "broadcast_arrays",
    "take",
    "trace",
    "copyto",
    "isscalar",
    "iinfo",
    "errstate",
    "seterr",
    "geterr",
    "set_printoptions",
    "square",
    "trunc",
    "isfinite",
    "isinf",
    "nan_to_num",
    "gcd",
    "lcm",
    "average",
    "fill_diagonal",
    "put",
    "put_along_axis",
    "resize",
    "mgrid",
    "ogrid",
];

/// The Python source (runs with `_np` bound to the native `numpy` module).
pub const PRELUDE: &str = r#"
class AxisError(ValueError, IndexError):
    __module__ = 'numpy.exceptions'
    def __init__(self, axis, ndim=None, msg_prefix=None):
        if ndim is None and msg_prefix is None:
            self._msg = axis
            self.axis = None
            self.ndim = None
        else:
            self._msg = msg_prefix
            self.axis = axis
            self.ndim = ndim
        super().__init__(self.__str__())
    def __str__(self):
        if self.axis is None:
            return str(self._msg)
        msg = f"axis {self.axis} is out of bounds for array of dimension {self.ndim}"
        if self._msg is not None:
            msg = f"{self._msg}: {msg}"
        return msg

class UFuncTypeError(TypeError):
    __module__ = 'numpy.exceptions'

def _scalar(a):
    # numpy returns scalars, not 0-d arrays, from elementwise functions of scalars.
    return a[()] if isinstance(a, _np.ndarray) and a.ndim == 0 else a

def _norm_axis(axis, ndim):
    if not -ndim <= axis < ndim:
        raise AxisError(axis, ndim)
    return axis % ndim

def broadcast_arrays(*args, subok=False):
    arrays = [_np.asarray(a) for a in args]
    shape = _np.broadcast_shapes(*[a.shape for a in arrays])
    return tuple(_np.broadcast_to(a, shape) for a in arrays)

class vectorize:
    def __init__(self, pyfunc=None, otypes=None, doc=None, excluded=None, cache=False,
                 signature=None):
        self.pyfunc = pyfunc
        if isinstance(otypes, str):
            otypes = list(otypes)
        self.otypes = otypes
        self.__doc__ = getattr(pyfunc, '__doc__', None) if doc is None else doc

    def __call__(self, *args, **kwargs):
        func = self.pyfunc
        if kwargs:
            base = func
            func = lambda *a: base(*a, **kwargs)
        arrays = broadcast_arrays(*args) if args else ()
        shape = arrays[0].shape if arrays else ()
        size = arrays[0].size if arrays else 1
        if self.otypes:
            dtype = self.otypes[0]
        else:
            if size == 0:
                raise ValueError('cannot call `vectorize` on size 0 inputs unless `otypes` is set')
            # numpy calls the function once on the first elements (as numpy scalars) to find
            # the output type, then on every element as Python objects.
            dtype = _np.asarray(func(*[a.flat[0] for a in arrays])).dtype
        columns = [a.ravel().tolist() for a in arrays]
        results = [func(*values) for values in zip(*columns)] if columns else [func()]
        return _np.array(results, dtype=dtype).reshape(shape)

def apply_along_axis(func1d, axis, arr, *args, **kwargs):
    arr = _np.asarray(arr)
    nd = arr.ndim
    axis = _norm_axis(axis, nd)
    moved = _np.moveaxis(arr, axis, -1)
    outer = moved.shape[:-1]
    if 0 in outer:
        raise ValueError('Cannot apply_along_axis when any iteration dimensions are 0')
    results = [_np.asarray(func1d(moved[idx], *args, **kwargs)) for idx in _np.ndindex(*outer)]
    res = _np.stack(results).reshape(tuple(outer) + results[0].shape)
    k = results[0].ndim
    if k == 0:
        return res
    return _np.moveaxis(res, list(range(len(outer), len(outer) + k)), list(range(axis, axis + k)))

def fromfunction(function, shape, *, dtype=float, like=None, **kwargs):
    args = _np.indices(shape, dtype=dtype)
    return function(*args, **kwargs)

def copyto(dst, src, casting='same_kind', where=True):
    src = _np.asarray(src)
    if not _np.can_cast(src.dtype, dst.dtype, casting):
        raise TypeError(f"Cannot cast array data from {src.dtype!r} to {dst.dtype!r} "
                        f"according to the rule '{casting}'")
    mask = _np.broadcast_to(_np.asarray(where, dtype=bool), dst.shape)
    dst[mask] = _np.broadcast_to(src, dst.shape)[mask]

def select(condlist, choicelist, default=0):
    # numpy's algorithm, so that its dtype and casting errors come out the same.
    if len(condlist) != len(choicelist):
        raise ValueError('list of cases must be same length as list of conditions')
    if len(condlist) == 0:
        raise ValueError('select with an empty condition list is not possible')
    choicelist = [c if type(c) in (int, float, complex) else _np.asarray(c) for c in choicelist]
    choicelist.append(default if type(default) in (int, float, complex) else _np.asarray(default))
    dtype = _np.result_type(*choicelist)
    condlist = broadcast_arrays(*condlist)
    choicelist = broadcast_arrays(*choicelist)
    for i, cond in enumerate(condlist):
        if cond.dtype != bool:
            raise TypeError(f'invalid entry {i} in condlist: should be boolean ndarray')
    if choicelist[0].ndim == 0:
        shape = condlist[0].shape
    else:
        shape = broadcast_arrays(condlist[0], choicelist[0])[0].shape
    result = _np.full(shape, choicelist[-1], dtype)
    for choice, cond in zip(choicelist[-2::-1], condlist[::-1]):
        copyto(result, choice, where=cond)
    return result

def take(a, indices, axis=None, out=None, mode='raise'):
    a = _np.asarray(a)
    if axis is None:
        return a.ravel()[indices]
    axis = _norm_axis(axis, a.ndim)
    return a[(slice(None),) * axis + (indices,)]

def trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    a = _np.asarray(a)
    if a.ndim < 2:
        raise ValueError('diag requires an array of at least two dimensions')
    return _np.diagonal(a, offset).sum()

def take_along_axis(arr, indices, axis=-1):
    arr = _np.asarray(arr)
    indices = _np.asarray(indices)
    if axis is None:
        if indices.ndim != 1:
            raise ValueError('when axis=None, `indices` must have a single dimension.')
        return arr.ravel()[indices]
    nd = arr.ndim
    if indices.ndim != nd:
        raise ValueError('`indices` and `arr` must have the same number of dimensions')
    axis = _norm_axis(axis, nd)
    index = []
    for d in range(nd):
        if d == axis:
            index.append(indices)
        else:
            shape = [1] * nd
            shape[d] = arr.shape[d]
            index.append(_np.arange(arr.shape[d]).reshape(shape))
    return arr[tuple(index)]

def isscalar(element):
    return isinstance(element, (int, float, complex, str, bytes, _np.generic))

class iinfo:
    _ranges = {'int8': (-128, 127), 'int16': (-32768, 32767), 'int32': (-2**31, 2**31 - 1),
               'int64': (-2**63, 2**63 - 1), 'uint8': (0, 255), 'uint16': (0, 65535),
               'uint32': (0, 2**32 - 1), 'uint64': (0, 2**64 - 1)}
    def __init__(self, int_type):
        if isinstance(int_type, (_np.ndarray, _np.generic)):
            dt = int_type.dtype
        else:
            dt = _np.dtype(int_type)
        if dt.name not in self._ranges:
            raise ValueError(f"Invalid integer data type '{dt.kind}'.")
        self.dtype = dt
        self.kind = dt.kind
        self.bits = dt.itemsize * 8
        self.min, self.max = self._ranges[dt.name]
    def __repr__(self):
        return f'iinfo(min={self.min}, max={self.max}, dtype={self.dtype})'

# The settings live in the numpy module's namespace and are replaced, never mutated, so the
# executor's per-program restore of module namespaces also resets them.
_np._fp_errors = {'divide': 'warn', 'over': 'warn', 'under': 'ignore', 'invalid': 'warn'}

def geterr():
    return dict(_np._fp_errors)

def seterr(all=None, divide=None, over=None, under=None, invalid=None):
    # numpy's floating-point warnings are not emitted here; the settings are only remembered.
    old = geterr()
    new = dict(old)
    for key, value in (('divide', divide), ('over', over), ('under', under), ('invalid', invalid)):
        if value is not None or all is not None:
            new[key] = value if value is not None else all
    _np._fp_errors = new
    return old

class errstate:
    def __init__(self, **kwargs):
        self._kwargs = kwargs
    def __enter__(self):
        self._old = seterr(**self._kwargs)
        return self
    def __exit__(self, *exc):
        _np._fp_errors = self._old
        return False
    def __call__(self, func):
        def wrapped(*args, **kwargs):
            with errstate(**self._kwargs):
                return func(*args, **kwargs)
        return wrapped

def set_printoptions(*args, **kwargs):
    # Printing is discarded in programs; repr keeps numpy's defaults.
    return None

def square(x):
    return _np.multiply(x, x)

def trunc(x):
    a = _np.asarray(x)
    if a.dtype.kind in 'iub':
        return _scalar(a.copy())
    return _scalar(_np.where(a < 0, _np.ceil(a), _np.floor(a)).astype(a.dtype))

def isfinite(x):
    a = _np.asarray(x).astype(float)
    return _scalar(~_np.isnan(a) & (_np.abs(a) != float('inf')))

def isinf(x):
    a = _np.asarray(x).astype(float)
    return _scalar(_np.abs(a) == float('inf'))

def nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None):
    a = _np.array(x)
    if a.dtype.kind != 'f':
        return _scalar(a)
    big = 3.4028234663852886e+38 if a.dtype == _np.float32 else 1.7976931348623157e+308
    a = _np.where(_np.isnan(a), nan, a)
    a = _np.where(a == float('inf'), big if posinf is None else posinf, a)
    a = _np.where(a == float('-inf'), -big if neginf is None else neginf, a)
    return _scalar(a)

def _gcd_pair(a, b):
    a, b = abs(int(a)), abs(int(b))
    while b:
        a, b = b, a % b
    return a

def gcd(x1, x2):
    a, b = broadcast_arrays(x1, x2)
    out = _np.array([_gcd_pair(p, q) for p, q in zip(a.ravel().tolist(), b.ravel().tolist())],
                    dtype=_np.result_type(x1, x2)).reshape(a.shape)
    return _scalar(out)

def lcm(x1, x2):
    a, b = broadcast_arrays(x1, x2)
    vals = []
    for p, q in zip(a.ravel().tolist(), b.ravel().tolist()):
        g = _gcd_pair(p, q)
        vals.append(0 if g == 0 else abs(int(p) * int(q)) // g)
    return _scalar(_np.array(vals, dtype=_np.result_type(x1, x2)).reshape(a.shape))

def average(a, axis=None, weights=None, returned=False, *, keepdims=False):
    a = _np.asarray(a)
    if weights is None:
        avg = a.mean(axis=axis)
        scl = a.size / avg.size if hasattr(avg, 'size') else a.size
    else:
        w = _np.asarray(weights)
        if w.shape != a.shape:
            if axis is None or w.ndim != 1 or w.shape[0] != a.shape[axis]:
                raise ValueError('Length of weights not compatible with specified axis.')
            shape = [1] * a.ndim
            shape[axis] = w.shape[0]
            w = w.reshape(shape)
        scl = (w + _np.zeros(a.shape)).sum(axis=axis)
        if _np.any(scl == 0.0):
            raise ZeroDivisionError("Weights sum to zero, can't be normalized")
        avg = (a * w).sum(axis=axis) / scl
    return (avg, scl) if returned else avg

def fill_diagonal(a, val, wrap=False):
    if a.ndim < 2:
        raise ValueError('array must be at least 2-d')
    n = min(a.shape)
    idx = _np.arange(n)
    a[(idx,) * a.ndim] = val

def put(a, ind, v, mode='raise'):
    a.flat[ind] = v

def put_along_axis(arr, indices, values, axis):
    indices = _np.asarray(indices)
    nd = arr.ndim
    if axis is None:
        arr.flat[indices] = values
        return
    axis = _norm_axis(axis, nd)
    index = []
    for d in range(nd):
        if d == axis:
            index.append(indices)
        else:
            shape = [1] * nd
            shape[d] = arr.shape[d]
            index.append(_np.arange(arr.shape[d]).reshape(shape))
    arr[tuple(index)] = values

def resize(a, new_shape):
    if isinstance(new_shape, int):
        new_shape = (new_shape,)
    a = _np.ravel(a)
    n = 1
    for d in new_shape:
        if d < 0:
            raise ValueError('all elements of `new_shape` must be non-negative')
        n *= d
    if a.size == 0 or n == 0:
        return _np.zeros(new_shape, dtype=a.dtype)
    reps = -(-n // a.size)
    return _np.concatenate([a] * reps)[:n].reshape(new_shape)

class _GridMaker:
    def __init__(self, sparse):
        self.sparse = sparse
    def __getitem__(self, key):
        one = not isinstance(key, tuple)
        keys = (key,) if one else key
        axes = []
        for k in keys:
            if not isinstance(k, slice):
                raise TypeError('only slices are supported by mgrid/ogrid here')
            start = 0 if k.start is None else k.start
            step = 1 if k.step is None else k.step
            if isinstance(step, complex):
                axes.append(_np.linspace(start, k.stop, int(abs(step))))
            else:
                axes.append(_np.arange(start, k.stop, step))
        if one:
            return axes[0]
        if self.sparse:
            out = []
            for i, ax in enumerate(axes):
                shape = [1] * len(axes)
                shape[i] = ax.size
                out.append(ax.reshape(shape))
            return tuple(out)
        return _np.stack(_np.meshgrid(*axes, indexing='ij'))

mgrid = _GridMaker(False)
ogrid = _GridMaker(True)

def sliding_window_view(x, window_shape, axis=None, *, subok=False, writeable=False):
    x = _np.asarray(x)
    window_shape = (window_shape,) if isinstance(window_shape, int) else tuple(window_shape)
    axes = tuple(range(x.ndim)) if axis is None else ((axis,) if isinstance(axis, int) else tuple(axis))
    if len(window_shape) != len(axes):
        raise ValueError('Since axis is `None`, must provide window_shape for all dimensions of `x`; '
                         f'got {len(window_shape)} window_shape elements and `x.ndim` is {x.ndim}.')
    axes = tuple(_norm_axis(a, x.ndim) for a in axes)
    out_shape = list(x.shape)
    for a, w in zip(axes, window_shape):
        if w < 0:
            raise ValueError('`window_shape` cannot contain negative values')
        if x.shape[a] < w:
            raise ValueError('window shape cannot be larger than input array shape')
        out_shape[a] = x.shape[a] - w + 1
    windows = [_moved_window(x, start, axes, window_shape) for start in _np.ndindex(*out_shape)]
    return _np.array(windows).reshape(tuple(out_shape) + tuple(window_shape))

def _moved_window(x, start, axes, window_shape):
    index = list(start)
    for a, w in zip(axes, window_shape):
        index[a] = slice(start[a], start[a] + w)
    part = x[tuple(index)]
    # `part` keeps the windowed axes in array order; numpy lists them in `axes` order.
    order = sorted(range(len(axes)), key=lambda i: axes[i])
    inverse = [order.index(i) for i in range(len(axes))]
    return _np.transpose(part, inverse) if part.ndim > 1 else part
"#;
