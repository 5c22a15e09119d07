use std::{env, io::prelude::*, path::PathBuf, process::Command};

fn main() {
    let frozen_libs = if cfg!(feature = "freeze-stdlib") {
        "Lib/*/*.py"
    } else {
        "Lib/python_builtins/*.py"
    };
    for entry in glob::glob(frozen_libs).expect("Lib/ exists?").flatten() {
        let display = entry.display();
        println!("cargo:rerun-if-changed={display}");
    }
    // arc-solver patch: upstream also watches `../../Lib/importlib/_bootstrap.py` (a path in the
    // RustPython monorepo; missing here, so the script would rerun on every build) and asks git for
    // the commit, which from inside the arc-solver repository is arc-solver's, changing with every
    // commit and rebuilding this crate. The values are fixed to the upstream release instead.
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rustc-env=RUSTPYTHON_GIT_HASH=a6c3352");
    println!("cargo:rustc-env=RUSTPYTHON_GIT_TIMESTAMP=");
    println!("cargo:rustc-env=RUSTPYTHON_GIT_TAG=v0.5.0");
    println!("cargo:rustc-env=RUSTPYTHON_GIT_BRANCH=");
    println!("cargo:rustc-env=RUSTC_VERSION={}", rustc_version());

    println!(
        "cargo:rustc-env=RUSTPYTHON_TARGET_TRIPLE={}",
        env::var("TARGET").unwrap()
    );

    // arc-solver patch: upstream writes every environment variable of the build into
    // `sysconfig.get_config_vars()`, which embeds the build machine's environment in the binary and
    // makes the build depend on it. None are written.
    let mut env_path = PathBuf::from(env::var_os("OUT_DIR").unwrap());
    env_path.push("env_vars.rs");
    let mut f = std::fs::File::create(env_path).unwrap();
    write!(f, "sysvars! {{}}").unwrap();
}

fn rustc_version() -> String {
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    command(rustc, &["-V"])
}

fn command(cmd: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> String {
    match Command::new(cmd).args(args).output() {
        Ok(output) => match String::from_utf8(output.stdout) {
            Ok(s) => s,
            Err(err) => format!("(output error: {err})"),
        },
        Err(err) => format!("(command error: {err})"),
    }
}
