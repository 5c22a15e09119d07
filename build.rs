//! Embeds the task-id lists under data/subsets/ so `--subset NAME` works from any directory.
use std::fmt::Write as _;
use std::path::Path;

fn collect(dir: &Path, prefix: &str, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            collect(&path, &format!("{prefix}{name}/"), out);
        } else if let Some(stem) = name.strip_suffix(".txt") {
            out.push((
                format!("{prefix}{stem}"),
                path.canonicalize().unwrap().display().to_string(),
            ));
        }
    }
}

fn main() {
    let dir = Path::new("data/subsets");
    println!("cargo:rerun-if-changed=data/subsets");
    let mut lists = Vec::new();
    collect(dir, "", &mut lists);
    let mut code = String::from("&[\n");
    for (name, path) in &lists {
        println!("cargo:rerun-if-changed={path}");
        let _ = writeln!(code, "    ({name:?}, include_str!({path:?})),");
    }
    code.push_str("]\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("subsets.rs");
    std::fs::write(out, code).unwrap();
}
