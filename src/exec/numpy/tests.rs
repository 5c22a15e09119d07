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

/// Asserts each `(code, expected repr of r)` pair.
fn check(cases: &[(&str, &str)]) {
    for (code, want) in cases {
        assert_eq!(run(code), *want, "code: {code}");
    }
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
        ("r = np.array([300, -1], dtype=np.uint8).tolist()", "[44, 255]"),
        ("r = np.int64(3) + 1", "4"),
        ("r = np.uint8(300)", "44"),
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
fn scalars_are_python_types() {
    check(&[
        (
            "a = np.array([[1, 2], [3, 4]])\nr = type(a[0, 1]).__name__",
            "'int'",
        ),
        (
            "a = np.array([[1, 2], [3, 4]])\nr = type(a.sum()).__name__",
            "'int'",
        ),
        (
            "a = np.array([1.5, 2])\nr = type(np.max(a)).__name__",
            "'float'",
        ),
        ("a = np.array([1, 2])\nr = {a[0]: 'x'}", "{1: 'x'}"),
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
