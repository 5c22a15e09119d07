//! Adversarial programs, all in one corpus-mode run through worker processes: each is contained and
//! classified, nothing touches the file system, and the programs after it run normally.

mod common;

use common::{run_corpus_mode, task};
use serde_json::{json, Value};
use std::path::Path;

/// One adversarial case: its code and the error name expected on both inputs (`None`: it must
/// return the input unchanged, i.e. it was not disturbed by what ran before).
struct Case {
    id: &'static str,
    code: String,
    expect: Option<&'static str>,
}

fn case(id: &'static str, code: &str, expect: Option<&'static str>) -> Case {
    Case {
        id,
        code: code.to_string(),
        expect,
    }
}

fn cases(marker: &Path) -> Vec<Case> {
    let marker = marker.display();
    vec![
        case("loop", "def transform(g):\n    while True:\n        pass\n", Some("Timeout")),
        case(
            "swallowing-loop",
            "def transform(g):\n    while True:\n        try:\n            while True:\n                pass\n        except BaseException:\n            pass\n",
            Some("Timeout"),
        ),
        case(
            "recursion",
            "def f(n):\n    return f(n + 1) + 1\ndef transform(g):\n    return [[f(0)]]\n",
            Some("RecursionError"),
        ),
        case(
            "recursion-swallowed-forever",
            "def f(n):\n    try:\n        return f(n + 1)\n    except RecursionError:\n        return f(n + 1)\ndef transform(g):\n    return [[f(0)]]\n",
            Some("Timeout"),
        ),
        case(
            "finally-recursion",
            "def transform(g):\n    try:\n        return transform(g)\n    finally:\n        return transform(g)\n",
            Some("Timeout"),
        ),
        case(
            "finally-continue",
            "def transform(g):\n    while True:\n        try:\n            while True:\n                pass\n        finally:\n            continue\n",
            Some("Timeout"),
        ),
        case(
            "del-loop",
            "class D:\n    def __del__(self):\n        while True:\n            pass\ndef transform(g):\n    while True:\n        d = D()\n",
            Some("Timeout"),
        ),
        case("list-bomb", "def transform(g):\n    x = [0] * 10**10\n    return g\n", Some("MemoryError")),
        case(
            "numpy-bomb",
            "import numpy as np\ndef transform(g):\n    x = np.zeros((10**6, 10**6))\n    return g\n",
            Some("MemoryError"),
        ),
        case(
            "numpy-tile-bomb",
            "import numpy as np\ndef transform(g):\n    return np.tile(np.array(g), (10**5, 10**5)).tolist()\n",
            Some("MemoryError"),
        ),
        case(
            "huge-output",
            "def transform(g):\n    return [[1] * 1000 for _ in range(1000)]\n",
            Some("InvalidOutput"),
        ),
        case(
            "os-system",
            &format!("import os\ndef transform(g):\n    os.system('touch {marker}')\n    return g\n"),
            Some("ImportError"),
        ),
        case(
            "open-passwd",
            "def transform(g):\n    return [[len(open('/etc/passwd').read()) % 10]]\n",
            Some("PermissionError"),
        ),
        case(
            "open-write",
            &format!("def transform(g):\n    open('{marker}', 'w').write('x')\n    return g\n"),
            Some("PermissionError"),
        ),
        case(
            "dunder-import",
            "def transform(g):\n    return __import__('subprocess').run(['true'])\n",
            Some("ImportError"),
        ),
        case(
            "importlib",
            "import importlib\ndef transform(g):\n    return g\n",
            Some("ImportError"),
        ),
        case(
            "sys-modules-os",
            &format!("import typing\ndef transform(g):\n    typing.sys.modules['os'].system('touch {marker}')\n    return g\n"),
            Some("PermissionError"),
        ),
        case(
            "sys-modules",
            "import sys\ndef transform(g):\n    return sys.modules['os'].listdir('/')\n",
            Some("AttributeError"),
        ),
        case("exit", "def transform(g):\n    exit()\n", Some("SystemExit")),
        case("quit", "def transform(g):\n    quit(3)\n", Some("SystemExit")),
        case("raise-systemexit", "def transform(g):\n    raise SystemExit(0)\n", Some("SystemExit")),
        case(
            "patch-numpy",
            "import numpy as np\nnp.zeros = None\nnp.array = lambda *a, **k: 1 / 0\ndef transform(g):\n    return 1\n",
            Some("InvalidOutput"),
        ),
        case(
            "patch-builtins",
            "import builtins\nbuiltins.len = None\nbuiltins.range = None\ndef transform(g):\n    return 1\n",
            Some("ImportError"),
        ),
        case(
            "patch-builtins-dict",
            "b = __builtins__\nif isinstance(b, dict):\n    b['len'] = None\n    b['range'] = None\nelse:\n    b.len = None\n    b.range = None\ndef transform(g):\n    return 1\n",
            Some("InvalidOutput"),
        ),
        case(
            "after-patches",
            "import numpy as np\ndef transform(g):\n    a = np.zeros((len(g), len(g[0])), dtype=int)\n    for r in range(len(g)):\n        a[r] = g[r]\n    return np.array(a).tolist()\n",
            None,
        ),
        case(
            "huge-array-output",
            "import numpy as np\ndef transform(g):\n    return np.zeros((5000, 5000), dtype=np.uint8)\n",
            Some("InvalidOutput"),
        ),
        case("generator", "def transform(g):\n    return (r for r in g)\n", Some("InvalidOutput")),
        case("none", "def transform(g):\n    pass\n", Some("InvalidOutput")),
        case("string", "def transform(g):\n    return 'grid'\n", Some("InvalidOutput")),
        case("floats", "def transform(g):\n    return [[0.5]]\n", Some("InvalidOutput")),
        case("ragged", "def transform(g):\n    return [[1, 2], [3]]\n", Some("InvalidOutput")),
        case("colour-10", "def transform(g):\n    return [[10]]\n", Some("InvalidOutput")),
        case("syntax", "def transform(g)\n    return g\n", Some("SyntaxError")),
        case("no-transform", "def solve(g):\n    return g\n", Some("NameError")),
        case("fine", "def transform(g):\n    return [list(r) for r in g]\n", None),
    ]
}

fn run(dir: &Path, programs: &[Value], extra: &[&str]) -> Vec<Value> {
    let challenges = json!({
        "aaaa0001": task(&[(json!([[1, 2], [3, 4]]), json!([[1, 2], [3, 4]]))], &[json!([[5]])]),
    });
    run_corpus_mode(dir, &challenges, programs, extra)
}

#[test]
fn adversarial_programs_are_contained_and_classified() {
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("pwned");
    let cases = cases(&marker);
    let programs: Vec<Value> = cases
        .iter()
        .map(|c| json!({"id": c.id, "task_id": "aaaa0001", "code": c.code}))
        .collect();
    // One worker: every program runs in the same interpreter after the ones before it.
    let lines = run(
        dir.path(),
        &programs,
        &[
            "--timeout",
            "1",
            "--workers",
            "1",
            "--memory-limit-mb",
            "2048",
        ],
    );
    assert_eq!(lines.len(), cases.len());
    for (c, line) in cases.iter().zip(&lines) {
        assert_eq!(line["id"], c.id);
        match c.expect {
            Some(name) => assert_eq!(line["errors"], json!([name, name]), "{}: {line}", c.id),
            None => assert_eq!(
                line["outputs"],
                json!([[[1, 2], [3, 4]], [[5]]]),
                "{}: {line}",
                c.id
            ),
        }
    }
    assert!(!marker.exists(), "a program created a file");
}

#[test]
fn ten_thousand_programs_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let programs: Vec<Value> = (0..10_000)
        .map(|i| {
            let code = match i % 4 {
                0 => format!("def transform(g):\n    return [[{}]]\n", i % 10),
                1 => format!("def transform(g):\n    return g[{}]\n", i + 2),
                2 => format!("import numpy as np\ndef transform(g):\n    return (np.array(g) * 0 + {}).tolist()\n", i % 10),
                _ => format!("def transform(g):\n    return [[{} // (len(g) - 2)]]\n", i),
            };
            json!({"id": i, "task_id": "aaaa0001", "code": code})
        })
        .collect();
    let lines = run(dir.path(), &programs, &[]);
    assert_eq!(lines.len(), 10_000);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["id"], i);
        let expected = match i % 4 {
            0 => json!([null, null]),
            1 => json!(["IndexError", "IndexError"]),
            2 => json!([null, null]),
            _ => json!(["ZeroDivisionError", "InvalidOutput"]),
        };
        assert_eq!(line["errors"], expected, "{line}");
    }
    assert_eq!(lines[2]["outputs"], json!([[[2, 2], [2, 2]], [[2]]]));
}
