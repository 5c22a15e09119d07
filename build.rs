//! Embeds the task-id lists under data/subsets/ so `--subset NAME` works from any directory, and
//! with the `cuda` feature compiles the kernels under kernels/ to PTX (see kernels/README.md).
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// nvcc: `$NVCC`, else `$CUDA_HOME/bin/nvcc`, else the one on PATH.
fn nvcc() -> PathBuf {
    if let Some(n) = std::env::var_os("NVCC") {
        return PathBuf::from(n);
    }
    if let Some(home) = std::env::var_os("CUDA_HOME") {
        let p = Path::new(&home).join("bin/nvcc");
        if p.exists() {
            return p;
        }
    }
    PathBuf::from("nvcc")
}

/// Compiles kernels/{sampling,attention}.cu to PTX in OUT_DIR, and records the CUDA version and
/// the PTX ISA version for the binary (`ARC_CUDA_VERSION`, `ARC_KERNELS_PTX_ISA`).
fn build_kernels(out: &Path) {
    for f in [
        "kernels/common.cuh",
        "kernels/sampling.cu",
        "kernels/attention.cu",
    ] {
        println!("cargo:rerun-if-changed={f}");
    }
    for v in ["NVCC", "CUDA_HOME", "CUDA_COMPUTE_CAP"] {
        println!("cargo:rerun-if-env-changed={v}");
    }
    let nvcc = nvcc();
    let cap = std::env::var("CUDA_COMPUTE_CAP").unwrap_or_else(|_| "80".to_string());
    let mut isa = String::new();
    for name in ["sampling", "attention"] {
        let ptx = out.join(format!("{name}.ptx"));
        let output = Command::new(&nvcc)
            .args([
                "--ptx",
                "-O3",
                "-std=c++17",
                &format!("-arch=compute_{cap}"),
                "-o",
            ])
            .arg(&ptx)
            .arg(format!("kernels/{name}.cu"))
            .output()
            .unwrap_or_else(|e| {
                panic!("cannot run {}: {e} (see kernels/README.md)", nvcc.display())
            });
        if !output.status.success() {
            panic!(
                "nvcc failed on kernels/{name}.cu:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let text = std::fs::read_to_string(&ptx).unwrap();
        if let Some(line) = text.lines().find(|l| l.starts_with(".version")) {
            isa = line.trim_start_matches(".version").trim().to_string();
        }
    }
    println!("cargo:rustc-env=ARC_KERNELS_PTX_ISA={isa}");
    let version = Command::new(&nvcc)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    // "Cuda compilation tools, release 13.0, V13.0.88"
    if let Some(release) = version.split("release ").nth(1) {
        let mut parts = release.split([',', '.']);
        let major: i32 = parts
            .next()
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(0);
        let minor: i32 = parts
            .next()
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(0);
        println!(
            "cargo:rustc-env=ARC_CUDA_VERSION={}",
            major * 1000 + minor * 10
        );
    }
}

fn main() {
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    if std::env::var_os("CARGO_FEATURE_CUDA").is_some() {
        build_kernels(&out_dir);
    }
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
    std::fs::write(out_dir.join("subsets.rs"), code).unwrap();
}
