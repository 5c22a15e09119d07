//! numpy functions written in Python on top of the native module: the ones that call back into
//! user code (`vectorize`, `apply_along_axis`, `fromfunction`) or are short compositions of native
//! ones (`select`, `take_along_axis`, `broadcast_arrays`, `take`, `trace`), and `numpy.exceptions.AxisError` and `UFuncTypeError`.
//! `install` (mod.rs) runs [`PRELUDE`] once per interpreter with the native `numpy` module bound
//! to `_np`; the names in [`EXPORTS`] become attributes of `numpy`.

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
"#;
