//! Python-level tests: snippets run in a real interpreter with numpy installed; expected values
//! come from CPython with numpy 2.4 / scipy 1.17.

use rustpython_vm::compiler::Mode;
use rustpython_vm::{AsObject, Interpreter, Settings};

thread_local! {
    static INTERP: Interpreter = {
        let mut settings = Settings::default();
        settings.install_signal_handlers = false;
        settings.isolated = true;
        let builder = Interpreter::builder(settings);
        let defs = rustpython_stdlib::stdlib_module_defs(&builder.ctx);
        let interp = builder
            .add_native_modules(&defs)
            .add_frozen_modules(rustpython_pylib::FROZEN_STDLIB)
            .build();
        interp.enter(|vm| super::install(vm).expect("install numpy"));
        interp
    };
}

/// Runs `code` (with `import numpy as np` in front) and returns `repr(r)`, or
/// `"ExcName: message"` when it raises.
pub(super) fn run(code: &str) -> String {
    INTERP.with(|interp| {
        interp.enter(|vm| {
            let src = format!("import numpy as np\n{code}\n");
            let scope = vm.new_scope_with_builtins();
            let describe = |e: rustpython_vm::builtins::PyBaseExceptionRef| {
                let msg = e
                    .as_object()
                    .str(vm)
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                format!("{}: {msg}", e.class().name())
            };
            let code = match vm.compile(&src, Mode::Exec, "<test>".to_owned()) {
                Ok(c) => c,
                Err(e) => return format!("SyntaxError: {e}"),
            };
            if let Err(e) = vm.run_code_obj(code, scope.clone()) {
                return describe(e);
            }
            match scope.globals.get_item_opt("r", vm) {
                Ok(Some(r)) => match r.repr(vm) {
                    Ok(s) => s.to_string_lossy().into_owned(),
                    Err(e) => describe(e),
                },
                _ => "<no r>".into(),
            }
        })
    })
}

/// Runs `setup`, then evaluates each expression on its own: `repr` of the value, or
/// `"!ExcName"` when it raises (the format of the generated `testdata/*.json` files).
pub(super) fn run_exprs(setup: &str, exprs: &[String]) -> Vec<String> {
    INTERP.with(|interp| {
        interp.enter(|vm| {
            let scope = vm.new_scope_with_builtins();
            let src = format!("import numpy as np\n{setup}\n");
            let code = vm
                .compile(&src, Mode::Exec, "<setup>".to_owned())
                .expect("setup compiles");
            if let Err(e) = vm.run_code_obj(code, scope.clone()) {
                let name = e.class().name().to_string();
                return vec![format!("!{name} in setup"); exprs.len()];
            }
            exprs
                .iter()
                .map(|e| {
                    let value = vm
                        .compile(e, Mode::Eval, "<expr>".to_owned())
                        .map_err(|err| format!("!SyntaxError {err}"))
                        .and_then(|c| {
                            vm.run_code_obj(c, scope.clone())
                                .map_err(|ex| format!("!{}", ex.class().name()))
                        });
                    match value {
                        Ok(v) => match v.repr(vm) {
                            Ok(s) => s.to_string_lossy().into_owned(),
                            Err(ex) => format!("!{}", ex.class().name()),
                        },
                        Err(name) => name,
                    }
                })
                .collect()
        })
    })
}

/// Asserts each `(code, expected repr of r)` pair.
/// Runs each snippet and reports every one whose result differs from numpy's.
pub(super) fn check(cases: &[(&str, &str)]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(code, want)| {
            let got = run(code);
            (got != *want).then(|| format!("code: {code}\n  got:  {got}\n  want: {want}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn construction_and_tolist() {
    check(&[
        ("r = np.array([[1, 2], [3, 4]]).tolist()", "[[1, 2], [3, 4]]"),
        ("r = np.array([[1, 2], [3, 4]]).shape", "(2, 2)"),
        ("r = str(np.array([1, 2]).dtype)", "'int64'"),
        ("r = np.array([1, 2.5]).dtype == np.float64", "True"),
        ("r = np.array([True, False]).dtype == bool", "True"),
        ("r = np.array([1, 2]).dtype == 'int64'", "True"),
        ("r = np.array([1, 2]).dtype == int", "True"),
        ("r = np.zeros((2, 3), dtype=int).tolist()", "[[0, 0, 0], [0, 0, 0]]"),
        ("r = np.zeros(2)", "array([0., 0.])"),
        ("r = np.full((2, 2), 7)", "array([[7, 7],\n       [7, 7]])"),
        ("r = np.ones_like(np.array([[1, 2]]), dtype=np.uint8)", "array([[1, 1]], dtype=uint8)"),
        ("r = np.arange(5).tolist()", "[0, 1, 2, 3, 4]"),
        ("r = np.arange(1, 10, 3).tolist()", "[1, 4, 7]"),
        ("r = np.arange(0, 1, 0.25)", "array([0.  , 0.25, 0.5 , 0.75])"),
        ("r = np.array([300, -1], dtype=np.uint8).tolist()", "OverflowError: Python integer 300 out of bounds for uint8"),
        ("r = np.array([np.int64(300), -1], dtype=np.uint8).tolist()", "OverflowError: Python integer -1 out of bounds for uint8"),
        ("r = np.array([300, 255]).astype(np.uint8).tolist()", "[44, 255]"),
        ("r = np.int64(3) + 1", "np.int64(4)"),
        ("r = np.uint8(300)", "OverflowError: Python integer 300 out of bounds for uint8"),
        ("r = np.uint8(np.int64(300))", "np.uint8(44)"),
        ("r = np.array([[1, 2], [3]])", "ValueError: setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part."),
        ("r = np.array([1], dtype=object)", "NotImplementedError: numpy: object arrays are not supported"),
        ("r = np.array([np.array([1, 2]), np.array([3, 4])]).tolist()", "[[1, 2], [3, 4]]"),
        ("r = np.foo", "AttributeError: module 'numpy' has no attribute 'foo'"),
        ("r = np.zeros(2).foo", "AttributeError: 'numpy.ndarray' object has no attribute 'foo'"),
        ("r = np.array(5)", "array(5)"),
        ("r = np.empty((0, 3), dtype=int)", "array([], shape=(0, 3), dtype=int64)"),
        ("r = np.array([]).shape", "(0,)"),
        ("r = np.array(range(3)).tolist()", "[0, 1, 2]"),
    ]);
}

#[test]
fn scalars_are_numpy_types() {
    check(&[
        (
            "a = np.array([[1, 2], [3, 4]])\nr = type(a[0, 1]).__name__",
            "'int64'",
        ),
        (
            "a = np.array([[1, 2], [3, 4]])\nr = type(a.sum()).__name__",
            "'int64'",
        ),
        (
            "a = np.array([1.5, 2])\nr = type(np.max(a)).__name__",
            "'float64'",
        ),
        (
            "a = np.array([1, 2])\nr = {a[0]: 'x'}",
            "{np.int64(1): 'x'}",
        ),
        ("a = np.array([3])\nr = list(range(a[0]))", "[0, 1, 2]"),
        (
            "a = np.array([1, 2]) == 1\nr = type(a[0]).__name__",
            "'bool'",
        ),
        (
            "r = hash(np.array([1]))",
            "TypeError: unhashable type: 'numpy.ndarray'",
        ),
    ]);
}

#[test]
fn numpy_scalar_types() {
    let a = "a = np.array([[1, 2], [3, 4]])\n";
    let cases: Vec<(String, &str)> = [
        ("r = a[0, 1].item(), type(a[0, 1].item()).__name__", "(2, 'int')"),
        ("r = a[0, 1].tolist(), type(a.sum().tolist()).__name__", "(2, 'int')"),
        (
            "x = a[0, 0]\nr = [isinstance(x, t) for t in (np.integer, np.int64, np.signedinteger, np.number, np.generic, np.floating, np.unsignedinteger)]",
            "[True, True, True, True, True, False, False]",
        ),
        ("r = type(a[0, 0]).__name__, type(a[0, 0]) == np.int64", "('int64', True)"),
        ("r = repr(a[1, 1]), str(a[1, 1]), f'{a[0, 1]}', '%d' % a[0, 1], '{:>3}'.format(a[0, 1])", "('np.int64(4)', '4', '2', '2', '  2')"),
        ("b = a.astype(np.uint8)\nr = type(b[0, 0]).__name__, isinstance(b[0, 0], np.unsignedinteger), repr(b[0, 0])", "('uint8', True, 'np.uint8(1)')"),
        ("r = repr(np.array([-3], dtype=np.int8)[0]), repr(np.array([5], dtype=np.int32)[0])", "('np.int8(-3)', 'np.int32(5)')"),
        ("f = np.array([1.5])[0]\nr = repr(f), str(f), isinstance(f, float), isinstance(f, np.floating), f.item()", "('np.float64(1.5)', '1.5', True, True, 1.5)"),
        ("x = a[0, 0]\nr = x.dtype, x.shape, x.ndim, x.size, x.astype(np.uint8), x.astype(float)", "(dtype('int64'), (), 0, 1, np.uint8(1), np.float64(1.0))"),
        ("r = np.float64(1.5).dtype, np.float64(2.5).astype(int), np.array([1, 2]).dtype.type(7)", "(dtype('float64'), np.int64(2), np.int64(7))"),
        ("d = {3: 'a'}\nd[np.array([3])[0]] = 'b'\nr = d, d[3], len(d)", "({3: 'b'}, 'b', 1)"),
        ("r = {a[0, 0]: 'x'}[1], hash(a[1, 1]) == hash(4), a[1, 1] == 4, np.int64(3) in {3: 1}", "('x', True, np.True_, True)"),
        ("r = list(range(np.int64(3))), [10, 20, 30][a[0, 1]], [0] * a[0, 1]", "([0, 1, 2], 30, [0, 0])"),
        ("r = a[a[0, 0]]", "array([3, 4])"),
        ("r = sorted(np.array([3, 1, 2])), max(np.array([1.5, 2.5]))", "([np.int64(1), np.int64(2), np.int64(3)], np.float64(2.5))"),
        ("r = [a[i, i] for i in range(2)]", "[np.int64(1), np.int64(4)]"),
        ("vals, counts = np.unique(np.array([1, 2, 2]), return_counts=True)\nr = vals[counts.argmax()].item()", "2"),
        ("m = a > 1\nr = np.sum(m).item(), type(np.sum(m).item()).__name__, np.sum(m)", "(3, 'int', np.int64(3))"),
        ("r = a.sum(), a.max(), np.min(a), a.argmax(), np.argmin(a), np.count_nonzero(a), a.prod()", "(np.int64(10), np.int64(4), np.int64(1), np.int64(3), np.int64(0), np.int64(4), np.int64(24))"),
        ("r = a.mean(), np.mean(a), a.sum(axis=0)[1]", "(np.float64(2.5), np.float64(2.5), np.int64(6))"),
        ("r = int(a[0, 0]), type(int(a[0, 0])).__name__, int(np.float64(2.7)), float(a[0, 0])", "(1, 'int', 2, 1.0)"),
        ("r = np.int64(5), np.uint8(np.int64(300)), np.int8(np.int64(200)), np.int64(' 7 '), np.int64(), np.float64()", "(np.int64(5), np.uint8(44), np.int8(-56), np.int64(7), np.int64(0), np.float64(0.0))"),
        ("r = np.uint8(300)", "OverflowError: Python integer 300 out of bounds for uint8"),
        ("r = np.uint8(-1)", "OverflowError: Python integer -1 out of bounds for uint8"),
        ("r = np.int64('x')", "ValueError: invalid literal for int() with base 10: 'x'"),
        ("r = np.integer(3)", "TypeError: cannot create 'numpy.integer' instances"),
        ("r = np.int64(np.array([1, 2]))", "array([1, 2])"),
        ("x = a[0, 0]\ntry:\n    x.foo = 1\n    r = 'set'\nexcept AttributeError:\n    r = 'refused'", "'refused'"),
        ("r = np.int64, np.int_, np.intp, np.double, np.bool_, np.int64.__module__", "(<class 'numpy.int64'>, <class 'numpy.int64'>, <class 'numpy.int64'>, <class 'numpy.float64'>, <class 'numpy.bool'>, 'numpy')"),
        ("r = issubclass(np.int64, np.integer), issubclass(np.uint8, np.number), issubclass(np.float64, np.generic), issubclass(np.bool_, np.number)", "(True, True, True, False)"),
        ("b = np.array([True, False])\nr = type(b[0]).__name__, bool(b[1]), np.bool_(1), np.bool_(0)", "('bool', False, np.True_, np.False_)"),
    ]
    .iter()
    .map(|(c, w)| (format!("{a}{c}"), *w))
    .collect();
    let refs: Vec<(&str, &str)> = cases.iter().map(|(c, w)| (c.as_str(), *w)).collect();
    check(&refs);
}

#[test]
fn numpy_scalar_arithmetic() {
    check(&[
        ("r = np.int64(3) + 1, 1 + np.int64(3), np.int64(7) / np.int64(2), 7 // np.int64(2)", "(np.int64(4), np.int64(4), np.float64(3.5), np.int64(3))"),
        ("r = np.uint8(250) + np.uint8(10), np.uint8(0) - 1, np.uint8(200) * 2, -np.uint8(1)", "(np.uint8(4), np.uint8(255), np.uint8(144), np.uint8(255))"),
        ("r = np.int8(1) + np.uint8(1), np.int64(10) - np.uint8(3)", "(np.int16(2), np.int64(7))"),
        ("r = np.uint8(3) + 300", "OverflowError: Python integer 300 out of bounds for uint8"),
        ("r = np.int64(-7) // 2, np.int64(-7) % 3, np.int64(7) % -3, np.int64(1) // 0, np.int64(1) % 0", "(np.int64(-4), np.int64(2), np.int64(-2), np.int64(0), np.int64(0))"),
        ("r = np.int64(1) / 0, np.float64(1.0) / 0", "(np.float64(inf), np.float64(inf))"),
        ("r = np.float64(1.5) + 1, 1 + np.float64(1.5), 2 - np.float64(0.5), 3 % np.float64(2), 2 ** np.float64(0.5)", "(np.float64(2.5), np.float64(2.5), np.float64(1.5), np.float64(1.0), np.float64(1.4142135623730951))"),
        ("r = np.float64(-7.5) // 2, np.float64(-7.5) % 2, np.float64(7) // 2, -np.float64(1.5)", "(np.float64(-4.0), np.float64(0.5), np.float64(3.0), np.float64(-1.5))"),
        ("r = divmod(np.int64(7), 2), divmod(7, np.float64(2))", "((np.int64(3), np.int64(1)), (np.float64(3.0), np.float64(1.0)))"),
        ("r = np.int64(2) ** 3, -np.int64(3), abs(np.int64(-3)), ~np.int64(3)", "(np.int64(8), np.int64(-3), np.int64(3), np.int64(-4))"),
        ("r = np.int64(2) ** -1", "ValueError: Integers to negative integer powers are not allowed."),
        ("r = np.int64(6) & 3, np.int64(6) | 1, np.int64(6) ^ 2, np.int64(1) << 3, np.int64(-8) >> 1", "(np.int64(2), np.int64(7), np.int64(4), np.int64(8), np.int64(-4))"),
        ("r = np.int64(3) + 1.5, np.int64(3) - np.float64(0.5), np.int64(3) + True", "(np.float64(4.5), np.float64(2.5), np.int64(4))"),
        ("r = sum(np.array([1, 2, 3])), [0] * np.int64(3), 'ab' * np.int64(2)", "(np.int64(6), [0, 0, 0], 'abab')"),
        ("r = np.int64(2) * np.array([1, 2]), np.array([1, 2]) * np.int64(2)", "(array([2, 4]), array([2, 4]))"),
    ]);
}

#[test]
fn scalar_classes_as_dtypes() {
    check(&[
        ("r = np.zeros(3, dtype=np.int64)", "array([0, 0, 0])"),
        ("r = np.zeros(2, dtype=np.bool_)", "array([False, False])"),
        ("r = np.ones(2, dtype=np.uint8)", "array([1, 1], dtype=uint8)"),
        ("r = np.array([1, 2]).astype(np.uint8)", "array([1, 2], dtype=uint8)"),
        ("a = np.array([1, 2])\nr = a.dtype == np.int64, np.int64 == a.dtype, a.dtype != np.uint8", "(True, True, True)"),
        ("a = np.array([1, 2])\nr = a.dtype.type is np.int64, np.dtype('int64').type is np.int64", "(True, True)"),
        ("r = np.dtype(np.uint8), np.dtype('int64'), np.array([1.5]).dtype.type", "(dtype('uint8'), dtype('int64'), <class 'numpy.float64'>)"),
        ("r = np.array([1, 2]).dtype in (np.int64, np.int32)", "True"),
        ("r = np.array([np.uint8(1), np.uint8(2)]).dtype, np.array([np.int8(1), 2]).dtype", "(dtype('uint8'), dtype('int64'))"),
        ("r = np.array(np.int32(3)).dtype", "dtype('int32')"),
        ("r = np.array([1], dtype=np.uint8) + np.int64(300)", "array([301])"),
        ("r = np.array([250], dtype=np.uint8) + np.uint8(10)", "array([4], dtype=uint8)"),
        ("r = np.int64(2) * np.array([1]), np.add(1, 2)", "(array([2]), np.int64(3))"),
        ("r = np.full(2, np.int64(3), dtype=np.int32)", "array([3, 3], dtype=int32)"),
    ]);
}

#[test]
fn views_share_memory() {
    check(&[
        ("a = np.arange(16).reshape(4, 4)\nsub = a[1:3, 1:3]\nsub[:] = 5\nr = a.tolist()", "[[0, 1, 2, 3], [4, 5, 5, 7], [8, 5, 5, 11], [12, 13, 14, 15]]"),
        ("a = np.zeros((3, 3), dtype=int)\na[0][1] = 7\nr = a.tolist()", "[[0, 7, 0], [0, 0, 0], [0, 0, 0]]"),
        ("a = np.arange(6).reshape(2, 3)\nb = a.T\nb[0, 1] = 99\nr = a.tolist()", "[[0, 1, 2], [99, 4, 5]]"),
        ("a = np.arange(6)\nb = a.reshape(2, 3)\nb[1, 1] = -1\nr = a.tolist()", "[0, 1, 2, 3, -1, 5]"),
        ("a = np.arange(6).reshape(2, 3)\na.ravel()[0] = 42\nr = a.tolist()", "[[42, 1, 2], [3, 4, 5]]"),
        ("a = np.arange(10)\nr = a[::-2].tolist()", "[9, 7, 5, 3, 1]"),
        ("a = np.arange(10)\nr = a[8:2:-3].tolist()", "[8, 5]"),
        ("a = np.arange(12).reshape(3, 4)\nr = a[::-1, ::2].tolist()", "[[8, 10], [4, 6], [0, 2]]"),
        ("a = np.arange(12).reshape(3, 4)\nr = a[:, 1].tolist()", "[1, 5, 9]"),
        ("a = np.arange(12).reshape(3, 4)\nr = a[-1, -2]", "np.int64(10)"),
        ("a = np.arange(12).reshape(3, 4)\nr = a[None, 1].shape", "(1, 4)"),
        ("a = np.arange(12).reshape(3, 4)\nr = a[..., 1].tolist()", "[1, 5, 9]"),
        ("a = np.arange(12).reshape(3, 4)\nr = a[:, None].shape", "(3, 1, 4)"),
        ("a = np.arange(12).reshape(3, 4)\nc = a.copy()\nc[0, 0] = 100\nr = a[0, 0]", "np.int64(0)"),
        ("a = np.arange(12).reshape(3, 4)\nr = a[5]", "IndexError: index 5 is out of bounds for axis 0 with size 3"),
        ("a = np.arange(12).reshape(3, 4)\nr = a[1, 4]", "IndexError: index 4 is out of bounds for axis 1 with size 4"),
        ("a = np.arange(12).reshape(3, 4)\nr = a[1, 2, 3]", "IndexError: too many indices for array: array is 2-dimensional, but 3 were indexed"),
        ("a = np.arange(12).reshape(3, 4)\nr = a[1.5]", "IndexError: only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices"),
        ("a = np.arange(12).reshape(3, 4)\na[:, ::-1][0] = [1, 2, 3, 4]\nr = a.tolist()", "[[4, 3, 2, 1], [4, 5, 6, 7], [8, 9, 10, 11]]"),
        ("a = np.arange(6)\na[1:4] = a[0:3]\nr = a.tolist()", "[0, 0, 1, 2, 4, 5]"),
    ]);
}

#[test]
fn fancy_and_mask_indexing() {
    check(&[
        ("a = np.arange(12).reshape(3, 4)\nr = a[[0, 2]].tolist()", "[[0, 1, 2, 3], [8, 9, 10, 11]]"),
        ("a = np.arange(12).reshape(3, 4)\nr = a[:, [1, 3]].tolist()", "[[1, 3], [5, 7], [9, 11]]"),
        ("a = np.arange(12).reshape(3, 4)\nr = a[[0, 1, 2], [3, 2, 1]].tolist()", "[3, 6, 9]"),
        ("a = np.arange(12).reshape(3, 4)\nr = a[a > 5].tolist()", "[6, 7, 8, 9, 10, 11]"),
        ("a = np.arange(12).reshape(3, 4)\na[a % 2 == 0] = 0\nr = a.tolist()", "[[0, 1, 0, 3], [0, 5, 0, 7], [0, 9, 0, 11]]"),
        ("a = np.arange(12).reshape(3, 4)\nb = a * 10\na[a > 6] = b[a > 6]\nr = a.tolist()", "[[0, 1, 2, 3], [4, 5, 6, 70], [80, 90, 100, 110]]"),
        ("a = np.arange(12).reshape(3, 4)\nr = a[[True, False, True]].tolist()", "[[0, 1, 2, 3], [8, 9, 10, 11]]"),
        ("a = np.arange(12).reshape(3, 4)\nr = a[1:, [0, 0]].tolist()", "[[4, 4], [8, 8]]"),
        ("a = np.arange(24).reshape(2, 3, 4)\nr = a[0, :, [0, 1]].shape", "(2, 3)"),
        ("a = np.arange(24).reshape(2, 3, 4)\nr = a[:, [0, 2], [1, 3]].tolist()", "[[1, 11], [13, 23]]"),
        ("a = np.arange(12).reshape(3, 4)\nr = a[[5]]", "IndexError: index 5 is out of bounds for axis 0 with size 3"),
        ("a = np.arange(12).reshape(3, 4)\nr = a[[True, False]]", "IndexError: boolean index did not match indexed array along axis 0; size of axis is 3 but size of corresponding boolean axis is 2"),
        ("a = np.zeros((3, 3), dtype=int)\na[[0, 1], [1, 2]] = 5\nr = a.tolist()", "[[0, 5, 0], [0, 0, 5], [0, 0, 0]]"),
        ("a = np.zeros((3, 3), dtype=int)\na[:, [0, 2]] = [[1, 2], [3, 4], [5, 6]]\nr = a.tolist()", "[[1, 0, 2], [3, 0, 4], [5, 0, 6]]"),
        ("a = np.zeros((2, 2), dtype=int)\na[0] = 2.7\nr = a.tolist()", "[[2, 2], [0, 0]]"),
        ("a = np.zeros((3, 3), dtype=int)\nr1, c1 = np.array([0, 2]), np.array([1, 1])\na[r1, c1] = 9\nr = a.tolist()", "[[0, 9, 0], [0, 0, 0], [0, 9, 0]]"),
        ("a = np.arange(9).reshape(3, 3)\nr = a[np.array([[0, 1], [1, 2]])].shape", "(2, 2, 3)"),
        ("a = np.zeros(4, dtype=int)\na[[1, 3]] += 5\nr = a.tolist()", "[0, 5, 0, 5]"),
        ("a = np.arange(12).reshape(3, 4)\na[1] = [1, 2]\nr = a", "ValueError: could not broadcast input array from shape (2,) into shape (4,)"),
    ]);
}

#[test]
fn operators_and_broadcasting() {
    check(&[
        ("r = (np.array([1, 2, 3], dtype=np.uint8) + 1).dtype.name", "'uint8'"),
        ("r = np.array([250], dtype=np.uint8) + 10", "array([4], dtype=uint8)"),
        ("r = (np.array([1, 2]) * 1.5).tolist()", "[1.5, 3.0]"),
        ("r = np.array([1, 2]) / 2", "array([0.5, 1. ])"),
        ("r = np.array([-7, 7]) // 2", "array([-4,  3])"),
        ("r = np.array([-7, 7]) % 3", "array([2, 1])"),
        ("r = np.array([1, 0]) // 0", "array([0, 0])"),
        ("r = np.array([1.0, -1.0, 0.0]) / 0", "array([ inf, -inf,  nan])"),
        ("r = 1 - np.array([1, 2])", "array([ 0, -1])"),
        ("r = 2 ** np.array([1, 2, 3])", "array([2, 4, 8])"),
        ("r = np.array([[1], [2]]) + np.array([10, 20, 30])", "array([[11, 21, 31],\n       [12, 22, 32]])"),
        ("r = np.array([1, 2]) + np.array([1, 2, 3])", "ValueError: operands could not be broadcast together with shapes (2,) (3,) "),
        ("r = np.array([1, 2, 3]) == [1, 5, 3]", "array([ True, False,  True])"),
        ("r = np.array([1, 2]) == np.array([1, 2, 3])", "ValueError: operands could not be broadcast together with shapes (2,) (3,) "),
        ("r = (np.array([1, 2]) > 1) & (np.array([3, 4]) < 4)", "array([False, False])"),
        ("r = ~np.array([True, False])", "array([False,  True])"),
        ("r = -np.array([1, -2])", "array([-1,  2])"),
        ("r = abs(np.array([-1.5, 2]))", "array([1.5, 2. ])"),
        ("r = np.array([True, True]) + np.array([True, False])", "array([ True,  True])"),
        ("r = np.array([1, 2], dtype=np.int8) + np.array([1, 2], dtype=np.int32)", "array([2, 4], dtype=int32)"),
        ("r = (np.array([1], dtype=np.uint8) + np.array([1], dtype=np.int8)).dtype.name", "'int16'"),
        ("r = np.array([5, 6]) << 1", "array([10, 12])"),
        ("r = np.array([1, 2]) | 4", "array([5, 6])"),
        ("r = np.array([1.5]) & 1", "TypeError: ufunc 'bitwise_and' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"),
        ("r = np.array([True]) - np.array([False])", "TypeError: numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead."),
        ("a = np.array([1, 2])\nb = a\na += 1\nr = (b.tolist(), a is b)", "([2, 3], True)"),
        ("a = np.array([1, 2])\na += 1.5\nr = a", "UFuncTypeError: Cannot cast ufunc 'add' output from dtype('float64') to dtype('int64') with casting rule 'same_kind'"),
        ("a = np.array([1.0, 2.0])\na *= 2\nr = a", "array([2., 4.])"),
        ("a = np.array([[1, 2], [3, 4]])\na[0] *= 10\nr = a.tolist()", "[[10, 20], [3, 4]]"),
        ("r = bool(np.array([1, 2]))", "ValueError: The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()"),
        ("r = bool(np.array([0]))", "False"),
        ("r = 3 in np.array([[1, 2], [3, 4]])", "True"),
        ("r = 5 in np.array([[1, 2], [3, 4]])", "False"),
        ("r = len(np.zeros((4, 2)))", "4"),
        ("r = list(np.array([3, 1, 2]))", "[np.int64(3), np.int64(1), np.int64(2)]"),
        ("r = sorted(np.array([3, 1, 2]))", "[np.int64(1), np.int64(2), np.int64(3)]"),
        ("r = max(np.array([3, 1, 2]))", "np.int64(3)"),
        ("r = [row.tolist() for row in np.array([[1, 2], [3, 4]])]", "[[1, 2], [3, 4]]"),
        ("r = int(np.array([7])) + float(np.array([0.5]))", "TypeError: only 0-dimensional arrays can be converted to Python scalars"),
        ("r = np.array([1, 2]) == None", "array([False, False])"),
        ("r = np.array([3, 1]) < 2", "array([False,  True])"),
        ("r = 2 < np.array([3, 1])", "array([ True, False])"),
        ("r = np.array([0.1, 0.2]) * 3", "array([0.3, 0.6])"),
    ]);
}

#[test]
fn reductions() {
    check(&[
        (
            "a = np.array([[1, 2, 3], [4, 5, 6]])\nr = a.sum()",
            "np.int64(21)",
        ),
        (
            "a = np.array([[1, 2, 3], [4, 5, 6]])\nr = a.sum(axis=0)",
            "array([5, 7, 9])",
        ),
        (
            "a = np.array([[1, 2, 3], [4, 5, 6]])\nr = a.sum(axis=-1)",
            "array([ 6, 15])",
        ),
        (
            "a = np.array([[1, 2, 3], [4, 5, 6]])\nr = a.sum(axis=(0, 1))",
            "np.int64(21)",
        ),
        (
            "a = np.array([[1, 2, 3], [4, 5, 6]])\nr = a.max(axis=1, keepdims=True)",
            "array([[3],\n       [6]])",
        ),
        (
            "a = np.array([[1, 2, 3], [4, 5, 6]])\nr = np.max(a)",
            "np.int64(6)",
        ),
        (
            "a = np.array([[1, 2, 3], [4, 5, 6]])\nr = a.mean()",
            "np.float64(3.5)",
        ),
        (
            "a = np.array([[1, 2, 3], [4, 5, 6]])\nr = a.mean(axis=0)",
            "array([2.5, 3.5, 4.5])",
        ),
        (
            "a = np.array([[1, 9, 3], [4, 5, 6]])\nr = a.argmax()",
            "np.int64(1)",
        ),
        (
            "a = np.array([[1, 9, 3], [4, 5, 6]])\nr = a.argmax(axis=0)",
            "array([1, 0, 1])",
        ),
        (
            "a = np.array([[1, 9, 3], [4, 5, 6]])\nr = np.argmin(a, axis=1)",
            "array([0, 0])",
        ),
        (
            "a = np.array([[1, 9, 3], [4, 5, 6]])\nr = a.min(axis=2)",
            "AxisError: axis 2 is out of bounds for array of dimension 2",
        ),
        ("r = (np.array([[1, 2], [1, 1]]) == 1).sum()", "np.int64(3)"),
        ("r = np.array([True, False]).any()", "np.True_"),
        (
            "r = np.all(np.array([[1, 1], [0, 1]]), axis=0)",
            "array([False,  True])",
        ),
        ("r = np.array([1, 2, 3, 4]).prod()", "np.int64(24)"),
        (
            "r = np.array([1, 2, 3, 4]).std()",
            "np.float64(1.118033988749895)",
        ),
        (
            "r = np.array([]).max()",
            "ValueError: zero-size array to reduction operation maximum which has no identity",
        ),
        ("r = np.sum([[1, 2], [3, 4]], axis=1)", "array([3, 7])"),
        ("r = np.array([1.5, 2.5]).sum()", "np.float64(4.0)"),
        ("r = np.mean(np.array([[True, False]]))", "np.float64(0.5)"),
    ]);
}

#[test]
fn repr_and_str() {
    check(&[
        ("r = np.array([[1, 2], [3, 4]])", "array([[1, 2],\n       [3, 4]])"),
        ("r = str(np.array([[1, 2], [3, 4]]))", "'[[1 2]\\n [3 4]]'"),
        ("r = np.array([True, False])", "array([ True, False])"),
        ("r = str(np.array([True, False]))", "'[ True False]'"),
        ("r = np.array([1.0, 2.5])", "array([1. , 2.5])"),
        ("r = np.array([-1.5, 2.0])", "array([-1.5,  2. ])"),
        ("r = np.arange(40).reshape(2, 20)", "array([[ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15,\n        16, 17, 18, 19],\n       [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,\n        36, 37, 38, 39]])"),
        ("r = str(np.arange(40).reshape(2, 20))", "'[[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19]\\n [20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39]]'"),
        ("r = np.ones((2, 2, 2), dtype=int)", "array([[[1, 1],\n        [1, 1]],\n\n       [[1, 1],\n        [1, 1]]])"),
        ("r = np.array([1, 2], dtype=np.uint8)", "array([1, 2], dtype=uint8)"),
        ("r = np.array([], dtype=int)", "array([], dtype=int64)"),
        ("r = np.array([np.nan, -np.inf, 1.0])", "array([ nan, -inf,   1.])"),
        ("r = np.array([0.1, 0.25])", "array([0.1 , 0.25])"),
        ("r = np.arange(30)", "array([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16,\n       17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29])"),
        ("r = np.zeros((2, 30), dtype=np.uint8)", "array([[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n        0, 0, 0, 0, 0, 0, 0, 0],\n       [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n        0, 0, 0, 0, 0, 0, 0, 0]], dtype=uint8)"),
        ("r = repr(np.array([1, 2]).dtype)", "\"dtype('int64')\""),
        ("r = np.array([1]).dtype.kind + np.array([1.0]).dtype.kind + np.array([True]).dtype.kind + np.array([1], np.uint8).dtype.kind", "'ifbu'"),
    ]);
}

#[test]
fn methods() {
    check(&[
        ("a = np.arange(6).reshape(2, 3)\nr = a.reshape(3, -1).tolist()", "[[0, 1], [2, 3], [4, 5]]"),
        ("a = np.arange(6).reshape(2, 3)\nr = a.reshape((6,)).tolist()", "[0, 1, 2, 3, 4, 5]"),
        ("a = np.arange(6).reshape(2, 3)\nr = a.reshape(4, 2)", "ValueError: cannot reshape array of size 6 into shape (4,2)"),
        ("a = np.arange(6).reshape(2, 3)\nr = a.transpose(1, 0).tolist()", "[[0, 3], [1, 4], [2, 5]]"),
        ("a = np.arange(24).reshape(2, 3, 4)\nr = a.transpose((2, 0, 1)).shape", "(4, 2, 3)"),
        ("a = np.arange(6).reshape(2, 3)\nr = a.flatten().tolist()", "[0, 1, 2, 3, 4, 5]"),
        ("a = np.arange(6).reshape(1, 2, 3, 1)\nr = a.squeeze().shape", "(2, 3)"),
        ("a = np.arange(6).reshape(2, 3)\na.fill(3)\nr = a.tolist()", "[[3, 3, 3], [3, 3, 3]]"),
        ("a = np.arange(6).reshape(2, 3)\nr = (a.item(4), a.item(1, 2))", "(4, 5)"),
        ("a = np.array([[7]])\nr = a.item()", "7"),
        ("a = np.arange(6).reshape(2, 3)\nr = a.astype(float)", "array([[0., 1., 2.],\n       [3., 4., 5.]])"),
        ("a = np.array([1.7, -1.7])\nr = a.astype(int)", "array([ 1, -1])"),
        ("a = np.array([0, 2])\nr = a.astype(bool)", "array([False,  True])"),
        ("a = np.arange(6).reshape(2, 3)\nr = a.swapaxes(0, 1).shape", "(3, 2)"),
        ("a = np.arange(6).reshape(2, 3)\nr = (a.ndim, a.size, a.T.shape)", "(2, 6, (3, 2))"),
        ("a = np.array([[1, 5], [7, 2]])\nr = a.clip(2, 6).tolist()", "[[2, 5], [6, 2]]"),
        ("a = np.array([1.25, 2.5, 3.5])\nr = a.round()", "array([1., 2., 4.])"),
        ("import copy\na = np.array([[1, 2]])\nb = copy.deepcopy(a)\nb[0, 0] = 9\nr = (a.tolist(), b.tolist())", "([[1, 2]], [[9, 2]])"),
        ("import copy\na = np.array([[1, 2]])\nr = copy.copy(a).tolist()", "[[1, 2]]"),
    ]);
}

#[test]
fn functions() {
    check(&[
        (
            "a = np.array([[1, 2], [3, 4]])\nr = np.where(a > 2, a, 0).tolist()",
            "[[0, 0], [3, 4]]",
        ),
        (
            "a = np.array([[1, 2], [3, 4]])\nr = np.where(a > 2, a, 0.5)",
            "array([[0.5, 0.5],\n       [3. , 4. ]])",
        ),
        (
            "a = np.array([[1, 2], [3, 4]])\nr = np.where(a > 2, 1, 0)",
            "array([[0, 0],\n       [1, 1]])",
        ),
        ("r = np.maximum(np.array([1, 5]), 3)", "array([3, 5])"),
        (
            "r = np.minimum(np.array([1, 5]), np.array([[0], [9]]))",
            "array([[0, 0],\n       [1, 5]])",
        ),
        ("r = np.clip(np.array([1, 5, 9]), 2, 6)", "array([2, 5, 6])"),
        (
            "r = np.clip(np.array([1, 5, 9]), 2, 6.5)",
            "array([2. , 5. , 6.5])",
        ),
        (
            "r = np.logical_and(np.array([1, 0]), np.array([1, 1]))",
            "array([ True, False])",
        ),
        (
            "r = np.logical_not(np.array([1, 0]))",
            "array([False,  True])",
        ),
        ("r = np.abs(np.array([-3, 3]))", "array([3, 3])"),
        ("r = np.sign(np.array([-3, 0, 2]))", "array([-1,  0,  1])"),
        ("r = np.floor(np.array([1.5, -1.5]))", "array([ 1., -2.])"),
        ("r = np.sqrt(np.array([4, 9]))", "array([2., 3.])"),
        (
            "r = np.round(np.array([0.5, 1.5, 2.567]), 1)",
            "array([0.5, 1.5, 2.6])",
        ),
        (
            "r = np.isclose(np.array([1.0, 2.0]), np.array([1.0, 2.1]))",
            "array([ True, False])",
        ),
        ("r = np.allclose([1.0, 2.0], [1.0, 2.0000001])", "True"),
        ("r = np.array_equiv(np.array([1, 1]), 1)", "True"),
        (
            "r = np.zeros_like(np.array([[1.5, 2]]))",
            "array([[0., 0.]])",
        ),
        ("r = np.full_like(np.array([[1, 2]]), 7)", "array([[7, 7]])"),
        ("r = np.full((2,), 1.5)", "array([1.5, 1.5])"),
        ("r = np.full((2,), True)", "array([ True,  True])"),
        (
            "r = np.transpose(np.arange(6).reshape(2, 3)).shape",
            "(3, 2)",
        ),
        (
            "r = np.reshape(np.arange(6), (3, 2)).tolist()",
            "[[0, 1], [2, 3], [4, 5]]",
        ),
        ("r = np.expand_dims(np.arange(3), 0).shape", "(1, 3)"),
        ("r = np.expand_dims(np.arange(3), -1).shape", "(3, 1)"),
        (
            "r = [x.tolist() for x in np.split(np.arange(6), [2, 3])]",
            "[[0, 1], [2], [3, 4, 5]]",
        ),
        (
            "r = [x.tolist() for x in np.array_split(np.arange(7), 3)]",
            "[[0, 1, 2], [3, 4], [5, 6]]",
        ),
        (
            "r = [x.shape for x in np.hsplit(np.zeros((2, 4)), 2)]",
            "[(2, 2), (2, 2)]",
        ),
        (
            "r = np.split(np.arange(7), 3)",
            "ValueError: array split does not result in an equal division",
        ),
        (
            "r = list(np.ndenumerate(np.array([[1, 2], [3, 4]])))",
            "[((0, 0), np.int64(1)), ((0, 1), np.int64(2)), ((1, 0), np.int64(3)), ((1, 1), np.int64(4))]",
        ),
        (
            "r = list(np.ndindex(2, 2))",
            "[(0, 0), (0, 1), (1, 0), (1, 1)]",
        ),
        ("r = list(np.ndindex((1, 2)))", "[(0, 0), (0, 1)]"),
        ("r = np.shape([[1, 2, 3]])", "(1, 3)"),
        (
            "r = np.pad(np.array([[1]]), 1, mode='linear_ramp')",
            "NotImplementedError: numpy.pad: mode='linear_ramp' is not supported",
        ),
        ("r = np.array([1, 2], order='F')", "array([1, 2])"),
    ]);
}

#[test]
fn algorithm_bindings() {
    check(&[
        ("r = np.array([1, 2]) @ np.array([3, 4])", "np.int64(11)"),
        ("r = np.dot(np.array([[1, 2], [3, 4]]), np.array([[1], [1]]))", "array([[3],\n       [7]])"),
        ("r = np.where(np.array([[0, 1], [1, 0]]) == 1)", "(array([0, 1]), array([1, 0]))"),
        ("r = np.nonzero(np.array([0, 3, 0, 4]))", "(array([1, 3]),)"),
        ("r = np.argwhere(np.array([[0, 1], [1, 0]]))", "array([[0, 1],\n       [1, 0]])"),
        ("r = np.count_nonzero(np.array([[0, 1], [1, 1]]))", "np.int64(3)"),
        ("r = np.unique(np.array([[3, 1], [1, 2]]))", "array([1, 2, 3])"),
        ("r = np.unique(np.array([3, 1, 1, 2]), return_counts=True)", "(array([1, 2, 3]), array([2, 1, 1]))"),
        ("r = np.unique(np.array([3, 1, 1, 2]), return_index=True, return_inverse=True)", "(array([1, 2, 3]), array([1, 3, 0]), array([2, 0, 0, 1]))"),
        ("r = np.unique(np.array([[1, 2], [1, 2], [0, 5]]), axis=0)", "array([[0, 5],\n       [1, 2]])"),
        ("r = np.rot90(np.array([[1, 2], [3, 4]]))", "array([[2, 4],\n       [1, 3]])"),
        ("r = np.rot90(np.array([[1, 2], [3, 4]]), k=-1)", "array([[3, 1],\n       [4, 2]])"),
        ("r = np.flip(np.array([[1, 2], [3, 4]]), axis=0)", "array([[3, 4],\n       [1, 2]])"),
        ("r = np.fliplr(np.array([[1, 2], [3, 4]]))", "array([[2, 1],\n       [4, 3]])"),
        ("r = np.flipud(np.array([[1, 2], [3, 4]]))", "array([[3, 4],\n       [1, 2]])"),
        ("r = np.pad(np.array([[1, 2]]), 1)", "array([[0, 0, 0, 0],\n       [0, 1, 2, 0],\n       [0, 0, 0, 0]])"),
        ("r = np.pad(np.array([[1, 2]]), ((0, 1), (2, 0)), constant_values=7)", "array([[7, 7, 1, 2],\n       [7, 7, 7, 7]])"),
        ("r = np.pad(np.array([1, 2, 3]), 2, mode='edge')", "array([1, 1, 1, 2, 3, 3, 3])"),
        ("r = np.pad(np.array([1, 2, 3]), 2, mode='wrap')", "array([2, 3, 1, 2, 3, 1, 2])"),
        ("r = np.pad(np.array([1, 2, 3]), 2, mode='reflect')", "array([3, 2, 1, 2, 3, 2, 1])"),
        ("r = np.pad(np.array([1, 2, 3]), 2, mode='symmetric')", "array([2, 1, 1, 2, 3, 3, 2])"),
        ("r = np.tile(np.array([[1, 2]]), (2, 2))", "array([[1, 2, 1, 2],\n       [1, 2, 1, 2]])"),
        ("r = np.repeat(np.array([[1, 2], [3, 4]]), 2, axis=1)", "array([[1, 1, 2, 2],\n       [3, 3, 4, 4]])"),
        ("r = np.array([[1, 2]]).repeat(2, axis=0)", "array([[1, 2],\n       [1, 2]])"),
        ("r = np.kron(np.array([[1, 0], [0, 1]]), np.ones((2, 2), dtype=int))", "array([[1, 1, 0, 0],\n       [1, 1, 0, 0],\n       [0, 0, 1, 1],\n       [0, 0, 1, 1]])"),
        ("r = np.concatenate([np.array([[1, 2]]), np.array([[3, 4]])])", "array([[1, 2],\n       [3, 4]])"),
        ("r = np.concatenate([np.array([[1, 2]]), np.array([[3]])], axis=1)", "array([[1, 2, 3]])"),
        ("r = np.hstack([np.array([1, 2]), np.array([3])])", "array([1, 2, 3])"),
        ("r = np.vstack([np.array([1, 2]), np.array([3, 4])])", "array([[1, 2],\n       [3, 4]])"),
        ("r = np.stack([np.array([1, 2]), np.array([3, 4])], axis=1)", "array([[1, 3],\n       [2, 4]])"),
        ("r = np.column_stack([[1, 2], [3, 4]])", "array([[1, 3],\n       [2, 4]])"),
        ("r = np.roll(np.array([1, 2, 3, 4]), 1)", "array([4, 1, 2, 3])"),
        ("r = np.roll(np.array([[1, 2], [3, 4]]), -1, axis=1)", "array([[2, 1],\n       [4, 3]])"),
        ("r = np.sort(np.array([[3, 1], [2, 5]]), axis=None)", "array([1, 2, 3, 5])"),
        ("r = np.sort(np.array([[3, 1], [2, 5]]))", "array([[1, 3],\n       [2, 5]])"),
        ("a = np.array([3, 1, 2])\na.sort()\nr = a", "array([1, 2, 3])"),
        ("r = np.argsort(np.array([3, 1, 2]))", "array([1, 2, 0])"),
        ("r = np.bincount(np.array([0, 1, 1, 3]))", "array([1, 2, 0, 1])"),
        ("r = np.diag(np.array([[1, 2], [3, 4]]))", "array([1, 4])"),
        ("r = np.diag(np.array([1, 2]))", "array([[1, 0],\n       [0, 2]])"),
        ("r = np.diagonal(np.array([[1, 2], [3, 4]]), 1)", "array([2])"),
        ("r = np.isin(np.array([1, 2, 3]), [2, 3])", "array([False,  True,  True])"),
        ("r = np.meshgrid(np.arange(2), np.arange(3))", "(array([[0, 1],\n       [0, 1],\n       [0, 1]]), array([[0, 0],\n       [1, 1],\n       [2, 2]]))"),
        ("r = np.meshgrid(np.arange(2), np.arange(3), indexing='ij')", "(array([[0, 0, 0],\n       [1, 1, 1]]), array([[0, 1, 2],\n       [0, 1, 2]]))"),
        ("r = np.indices((2, 2))", "array([[[0, 0],\n        [1, 1]],\n\n       [[0, 1],\n        [0, 1]]])"),
        ("r = np.eye(2, dtype=int)", "array([[1, 0],\n       [0, 1]])"),
        ("r = np.identity(2)", "array([[1., 0.],\n       [0., 1.]])"),
        ("r = np.array_equal(np.array([1, 2]), [1, 2])", "True"),
        ("r = np.array_equal(np.array([1, 2]), [1, 2, 3])", "False"),
        ("r = np.cumsum(np.array([[1, 2], [3, 4]]), axis=0)", "array([[1, 2],\n       [4, 6]])"),
        ("r = np.array([1, 2, 3]).cumsum()", "array([1, 3, 6])"),
        ("r = np.diff(np.array([1, 4, 9]))", "array([3, 5])"),
        ("r = np.triu(np.ones((3, 3), dtype=int))", "array([[1, 1, 1],\n       [0, 1, 1],\n       [0, 0, 1]])"),
        ("r = np.tril(np.ones((3, 3), dtype=int), -1)", "array([[0, 0, 0],\n       [1, 0, 0],\n       [1, 1, 0]])"),
        ("r = np.array([[0, 2], [1, 0]]).nonzero()", "(array([0, 1]), array([1, 0]))"),
        ("from scipy.ndimage import label\nr = label(np.array([[1, 0, 1], [1, 0, 0]]))", "(array([[1, 0, 2],\n       [1, 0, 0]], dtype=int32), 2)"),
        ("import scipy.ndimage as ndi\nlab, n = ndi.label(np.array([[1, 0, 1], [1, 0, 0]]))\nr = ndi.find_objects(lab)", "[(slice(0, 2, None), slice(0, 1, None)), (slice(0, 1, None), slice(2, 3, None))]"),
        ("from scipy import ndimage\nr = ndimage.label(np.array([[1, 1], [0, 1]]), structure=np.ones((3, 3)))[1]", "1"),
        ("import scipy.ndimage as ndi\nr = ndi.binary_fill_holes(np.array([[1, 1, 1], [1, 0, 1], [1, 1, 1]]))", "array([[ True,  True,  True],\n       [ True,  True,  True],\n       [ True,  True,  True]])"),
        ("import scipy.ndimage as ndi\nr = ndi.binary_dilation(np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]]))", "array([[False,  True, False],\n       [ True,  True,  True],\n       [False,  True, False]])"),
        ("import scipy.ndimage as ndi\nr = ndi.binary_erosion(np.ones((3, 3)), border_value=1)", "array([[ True,  True,  True],\n       [ True,  True,  True],\n       [ True,  True,  True]])"),
        ("import scipy.ndimage as ndi\nr = ndi.generate_binary_structure(2, 2)", "array([[ True,  True,  True],\n       [ True,  True,  True],\n       [ True,  True,  True]])"),
        ("import scipy\nr = scipy.ndimage.label(np.array([1, 0, 1]))[1]", "2"),
    ]);
}

#[test]
fn imports_and_immutable_types() {
    check(&[
        (
            "from numpy import array, zeros\nr = zeros(2, dtype=int).tolist()",
            "[0, 0]",
        ),
        (
            "import scipy.ndimage as ndi\nr = callable(ndi.label)",
            "True",
        ),
        (
            "from scipy.ndimage import label, find_objects\nr = callable(find_objects)",
            "True",
        ),
        (
            "np.ndarray.sum = None",
            "TypeError: cannot set 'sum' attribute of immutable type 'numpy.ndarray'",
        ),
        ("r = np.newaxis is None and np.pi > 3", "True"),
        ("r = isinstance(np.array([1])[0], np.integer)", "True"),
        ("r = np.dtype('uint8') == np.uint8", "True"),
        ("r = str(np.zeros(1, dtype=np.int32).dtype)", "'int32'"),
        (
            "r = np.int8(200)",
            "OverflowError: Python integer 200 out of bounds for int8",
        ),
        ("r = np.int8(np.int64(200))", "np.int8(-56)"),
        ("r = np.bool_(3)", "np.True_"),
        ("r = np.float64(2)", "np.float64(2.0)"),
        (
            "r = np.zeros((1 << 20, 1 << 20))",
            "MemoryError: Unable to allocate array with shape [1048576, 1048576]",
        ),
    ]);
}

/// An executor with one worker, so programs run one after another in the same interpreter.
pub(super) fn one_worker() -> crate::exec::Executor {
    crate::exec::Executor::new(crate::exec::ExecConfig {
        timeout: std::time::Duration::from_secs(5),
        workers: 1,
        recursion_limit: 200,
        ..crate::exec::ExecConfig::default()
    })
    .unwrap()
}

#[test]
fn numpy_state_does_not_leak_between_programs() {
    use crate::task::Grid;
    use std::sync::Arc;
    let ex = one_worker();
    let inputs = Arc::new(vec![Grid(vec![vec![1, 2], vec![3, 4]])]);
    let vandal = "import numpy as np\nimport scipy.ndimage as ndi\nnp.zeros = None\nndi.label = None\ntry:\n    np.ndarray.sum = None\n    ok = 1\nexcept TypeError:\n    ok = 0\ndef transform(g):\n    return [[ok]]\n";
    let victim = "import numpy as np\nfrom scipy.ndimage import label\ndef transform(g):\n    a = np.array(g)\n    z = np.zeros(a.shape, dtype=int)\n    z[a > 2] = a[a > 2]\n    return (z + a.sum() - 10).tolist()\n";
    let runs = ex.run_batch(&[vandal, victim], inputs);
    assert_eq!(runs[0].outputs[0], Ok(Grid(vec![vec![0]])));
    assert_eq!(runs[1].outputs[0], Ok(Grid(vec![vec![0, 0], vec![3, 4]])));
}

#[test]
fn numpy_scalars_in_programs_and_sandbox() {
    use crate::task::Grid;
    use std::sync::Arc;
    let ex = one_worker();
    let inputs = Arc::new(vec![Grid(vec![vec![1, 2], vec![3, 4]])]);
    // A grid of numpy scalars converts like ints; bools count as ints too.
    let scalars = "import numpy as np\ndef transform(g):\n    a = np.array(g)\n    return [[a[0, 0], a.argmax(), np.uint8(a[1, 1])], [a.sum() - 10, a[1, 0], np.array([True])[0]]]\n";
    // Vandalism of the scalar classes is refused or undone.
    let vandal = "import numpy as np\nnp.int64 = None\nnp.integer = None\ntry:\n    np.array([1])[0].__class__.__repr__ = None\n    ok = 1\nexcept TypeError:\n    ok = 0\ndef transform(g):\n    return [[ok]]\n";
    let victim = "import numpy as np\ndef transform(g):\n    a = np.array(g)\n    x = a[1, 1]\n    ok = isinstance(x, np.integer) and type(x) is np.int64 and repr(x) == 'np.int64(4)'\n    return [[int(ok), x.item()]]\n";
    let floats = "import numpy as np\ndef transform(g):\n    return [[np.array(g).mean()]]\n";
    let runs = ex.run_batch(&[scalars, vandal, victim, floats], inputs);
    assert_eq!(
        runs[0].outputs[0],
        Ok(Grid(vec![vec![1, 3, 4], vec![0, 3, 1]]))
    );
    assert_eq!(runs[1].outputs[0], Ok(Grid(vec![vec![0]])));
    assert_eq!(runs[2].outputs[0], Ok(Grid(vec![vec![1, 4]])));
    assert!(runs[3].outputs[0].is_err());
}
