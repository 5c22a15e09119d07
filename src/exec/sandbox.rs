//! What a program may touch inside an interpreter, and undoing what it changed.
//!
//! The hard boundary is the build: RustPython is compiled without host access (`host_env` off), so no
//! file, socket, process or environment call exists to be reached. On top of that:
//! - imports from program code are limited to an allow-list ([`ALLOWED_MODULES`]); the standard
//!   library's own internal imports are not restricted;
//! - allowed modules are imported once when the interpreter starts, then the builtins and the
//!   allowed modules' namespaces are snapshotted and restored after every program, so a program that
//!   rebinds `len` or `math.pi` does not change what the next program sees, and modules a program
//!   imported are dropped.

use rustpython_vm::builtins::{PyDict, PyDictRef, PyInt, PyStr};
use rustpython_vm::function::FuncArgs;
use rustpython_vm::{AsObject, PyObjectRef, PyResult, VirtualMachine};

/// `__name__` of program code; imports from globals with this name go through the allow-list.
pub const PROGRAM_MODULE: &str = "__arc_program__";

/// Top-level modules program code may import. Submodules (`scipy.ndimage`) are allowed through
/// their top-level name, and their namespaces are snapshotted with it.
pub const ALLOWED_MODULES: &[&str] = &[
    "collections",
    "itertools",
    "copy",
    "math",
    "functools",
    "heapq",
    "typing",
    "dataclasses",
    "re",
    "operator",
    "string",
    "random",
    "statistics",
    "fractions",
    "bisect",
    "enum",
    "abc",
    "types",
    "numbers",
    "cmath",
    "array",
    "__future__",
    "numpy",
    "scipy",
];

/// Python run once per interpreter. `_io.FileIO` does not exist without host access, which makes
/// `io` unimportable; a stub that refuses to open anything lets stdlib modules that import `io`
/// (dataclasses, inspect) load, and a stub `posix` does the same for `os`. Output goes to a sink so
/// `print` debugging costs little and cannot mix with the CLI's output. Then the import guard is
/// installed and the allowed modules are preloaded.
pub const PRELUDE: &str = r#"
import sys, _io
class FileIO(_io._RawIOBase):
    def __init__(self, *args, **kwargs):
        raise PermissionError("file access is disabled in the sandbox")
_io.FileIO = FileIO
del FileIO

def _make_posix():
    # `os`, and through it inspect/dataclasses/linecache, needs a platform module. This one has no
    # host access: an empty environment, a fixed cwd, and every file/process call refused.
    posix = type(sys)("posix")
    def refuse(*args, **kwargs):
        raise PermissionError("host access is disabled in the sandbox")
    for name in ("stat", "lstat", "listdir", "scandir", "open", "close", "read", "write", "remove",
                 "unlink", "rename", "replace", "mkdir", "rmdir", "chdir", "system", "kill", "fork",
                 "execv", "execve", "spawnv", "putenv", "unsetenv", "urandom", "getpid", "readlink",
                 "symlink", "utime", "chmod", "access", "fstat", "truncate", "_exit", "waitpid"):
        setattr(posix, name, refuse)
    posix.environ = {}
    posix.getcwd = lambda: "/"
    posix.getcwdb = lambda: b"/"
    posix.cpu_count = lambda: 1
    posix.register_at_fork = lambda **kwargs: None  # `random` registers a reseed hook
    posix._have_functions = []
    posix.error = OSError
    posix.sep = "/"
    def fspath(p):
        if isinstance(p, (str, bytes)):
            return p
        return p.__fspath__()
    posix.fspath = fspath
    class stat_result(tuple):
        pass
    posix.stat_result = stat_result
    posix.get_terminal_size = refuse
    return posix
sys.modules["posix"] = _make_posix()
sys.builtin_module_names = tuple(sys.builtin_module_names) + ("posix",)
del _make_posix
import builtins
# CPython's `site` adds exit() and quit(); a program calling them must end with SystemExit there too.
def _quitter(name):
    def quit(code=None):
        raise SystemExit(code)
    quit.__name__ = quit.__qualname__ = name
    return quit
for _name in ("exit", "quit"):
    if not hasattr(builtins, _name):
        setattr(builtins, _name, _quitter(_name))
del _quitter, _name
def open(*args, **kwargs):
    raise PermissionError("file access is disabled in the sandbox")
builtins.open = _io.open = open
del open
del builtins
def _make_program_sys():
    # What `import sys` gives program code: LLM programs raise the recursion limit before a
    # recursive flood fill, read `sys.maxsize` or write to `sys.stdout`. There is no `modules`,
    # `settrace`, `stdin` or `monitoring` here; the recursion limit is reset before every program.
    # The interpreter's own imports come through the same guard (they pass no globals), so this is
    # also the `sys` where it looks up `unraisablehook` for an exception in `__del__`.
    m = type(sys)("sys")
    for name in ("maxsize", "maxunicode", "version", "version_info", "hexversion", "platform",
                 "byteorder", "float_info", "int_info", "implementation", "getrecursionlimit",
                 "setrecursionlimit", "getsizeof", "intern", "exc_info", "exit",
                 "unraisablehook", "__unraisablehook__"):
        if hasattr(sys, name):
            setattr(m, name, getattr(sys, name))
    m.argv = [""]
    m.path = []
    return m
sys.modules[PROGRAM_SYS] = _make_program_sys()
del _make_program_sys
class _Sink:
    def write(self, s):
        return len(s)
    def flush(self):
        pass
sys.stdout = sys.modules[PROGRAM_SYS].stdout = _Sink()
sys.stderr = sys.modules[PROGRAM_SYS].stderr = sys.stdout

def _preload(names):
    for name in names:
        try:
            __import__(name)
        except Exception:
            pass
"#;

/// Key in `sys.modules` of the module program code gets for `import sys`.
const PROGRAM_SYS: &str = "_arc_program_sys";

/// Python that preloads the allowed modules, then removes `sys.monitoring`: callbacks a program
/// registered there would outlive it and run inside the programs after it (the real `sys` is
/// reachable through allowed modules, e.g. `typing.sys`).
fn prelude_tail() -> String {
    let allowed: Vec<String> = ALLOWED_MODULES.iter().map(|m| format!("{m:?}")).collect();
    format!(
        "_preload([{}])\ndel _preload\ndel sys.monitoring\nsys.modules.pop('sys.monitoring', None)\n",
        allowed.join(", ")
    )
}

/// The whole start-up script.
pub fn prelude() -> String {
    format!(
        "PROGRAM_SYS = {PROGRAM_SYS:?}\n{PRELUDE}del PROGRAM_SYS\n{}",
        prelude_tail()
    )
}

/// Replaces `builtins.__import__` with a native guard: imports whose `globals` are program code's
/// (or missing, as in a direct `__import__('os')`) must name an allowed top-level module. Being a
/// native function, the guard exposes no closure through which the real import could be reached.
pub fn install_import_guard(vm: &VirtualMachine) -> PyResult<()> {
    let real_import = vm.builtins.get_attr("__import__", vm)?;
    let program_sys = vm
        .sys_module
        .get_attr("modules", vm)?
        .get_item(PROGRAM_SYS, vm)?;
    let guard = vm.new_function(
        "__import__",
        move |args: FuncArgs, vm: &VirtualMachine| -> PyResult {
            match check_import(&args, vm)? {
                Import::ProgramSys => Ok(program_sys.clone()),
                Import::Allowed => real_import.call(args, vm),
            }
        },
    );
    vm.builtins.set_attr("__import__", guard, vm)
}

/// What an import that passed the guard resolves to.
enum Import {
    /// The reduced `sys` of program code.
    ProgramSys,
    /// The real import machinery.
    Allowed,
}

fn check_import(args: &FuncArgs, vm: &VirtualMachine) -> PyResult<Import> {
    let arg = |i: usize, key: &str| args.args.get(i).or_else(|| args.kwargs.get(key)).cloned();
    let Some(name) = arg(0, "name") else {
        return Err(vm.new_type_error("__import__() missing required argument 'name'"));
    };
    let Some(name) = name
        .downcast_ref::<PyStr>()
        .map(|s| s.to_string_lossy().into_owned())
    else {
        return Err(vm.new_type_error("__import__() argument 'name' must be str"));
    };
    let from_program = match arg(1, "globals") {
        None => true,
        Some(g) if vm.is_none(&g) => true,
        Some(g) => g
            .downcast_ref::<PyDict>()
            .and_then(|d| d.get_item_opt("__name__", vm).ok().flatten())
            .and_then(|n| {
                n.downcast_ref::<PyStr>()
                    .map(|s| s.to_string_lossy() == PROGRAM_MODULE)
            })
            .unwrap_or(false),
    };
    let relative = arg(4, "level")
        .and_then(|l| {
            l.downcast_ref::<PyInt>()
                .map(|i| i64::try_from(i.as_bigint()).unwrap_or(1) > 0)
        })
        .unwrap_or(false);
    let top = name.split('.').next().unwrap_or("");
    if from_program && !relative {
        if name == "sys" {
            return Ok(Import::ProgramSys);
        }
        if !ALLOWED_MODULES.contains(&top) {
            let msg = format!("import of {name:?} is not allowed in the sandbox");
            return Err(vm.new_import_error(msg, vm.ctx.new_str(name)));
        }
    }
    Ok(Import::Allowed)
}

/// Namespaces as they were after start-up, `sys.modules` among them.
pub struct Snapshot {
    namespaces: Vec<(PyDictRef, Vec<(PyObjectRef, PyObjectRef)>)>,
}

impl Snapshot {
    /// Records builtins, `sys`, the allowed modules' namespaces and the set of loaded modules.
    pub fn take(vm: &VirtualMachine) -> PyResult<Snapshot> {
        // The real `sys` is reachable through attributes of allowed modules (`typing.sys`).
        let mut namespaces = vec![vm.builtins.dict(), vm.sys_module.dict()];
        let modules = vm
            .sys_module
            .get_attr("modules", vm)?
            .downcast::<PyDict>()
            .map_err(|_| vm.new_type_error("sys.modules is not a dict"))?;
        for (name, module) in modules.items_vec() {
            let Some(name) = name.downcast_ref::<PyStr>().map(|s| s.to_string_lossy()) else {
                continue;
            };
            let top = name.split('.').next().unwrap_or("");
            if ALLOWED_MODULES.contains(&top) || name == PROGRAM_SYS {
                if let Some(dict) = module.as_object().dict() {
                    namespaces.push(dict);
                }
            }
        }
        // Restoring `sys.modules` also forgets modules a program imported (or deleted).
        namespaces.push(modules);
        Ok(Snapshot {
            namespaces: namespaces
                .into_iter()
                .map(|d| {
                    let items = d.items_vec();
                    (d, items)
                })
                .collect(),
        })
    }

    /// Puts the recorded namespaces back where a program changed them (which also forgets modules
    /// imported since the snapshot).
    pub fn restore(&self, vm: &VirtualMachine) {
        for (dict, items) in &self.namespaces {
            let unchanged = dict.__len__() == items.len()
                && items.iter().all(
                    |(k, v)| matches!(dict.get_item_opt(&**k, vm), Ok(Some(cur)) if cur.is(v)),
                );
            if !unchanged {
                dict.clear();
                for (k, v) in items {
                    let _ = dict.set_item(&**k, v.clone(), vm);
                }
            }
        }
    }
}
