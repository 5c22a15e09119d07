//! Which numpy/scipy features programs needed but the embedded modules lack, read off the errors
//! they raised, so run summaries can list the next gaps to fill.

use super::ExecError;
use std::collections::{BTreeMap, BTreeSet};

/// Modules whose missing names are counted.
const TRACKED: &[&str] = &["numpy", "scipy"];

fn tracked(module: &str) -> bool {
    TRACKED
        .iter()
        .any(|t| module == *t || module.starts_with(&format!("{t}.")))
}

/// The text between the first pair of single quotes after `prefix`, and the rest after it.
fn quoted_after<'a>(text: &'a str, prefix: &str) -> Option<(&'a str, &'a str)> {
    let rest = text.strip_prefix(prefix)?;
    let end = rest.find('\'')?;
    Some((&rest[..end], &rest[end + 1..]))
}

/// The feature an error shows to be missing: `numpy.foo` for a missing module attribute or import,
/// `ndarray.foo` for a missing array attribute, the message's subject for a `NotImplementedError`
/// raised by the modules themselves (`numpy.pad: mode='median' is not supported`). `None` for
/// every other error.
pub fn missing_feature(error: &ExecError) -> Option<String> {
    let ExecError::Exception { name, message } = error else {
        return None;
    };
    match name.as_str() {
        "AttributeError" => {
            if let Some((module, rest)) = quoted_after(message, "module '") {
                let (attr, _) = quoted_after(rest, " has no attribute '")?;
                return tracked(module).then(|| format!("{module}.{attr}"));
            }
            let (class, rest) = quoted_after(message, "'")?;
            let (attr, _) = quoted_after(rest, " object has no attribute '")?;
            let class = class.strip_prefix("numpy.")?;
            Some(format!("{class}.{attr}"))
        }
        "ImportError" | "ModuleNotFoundError" => {
            if let Some((module, _)) = quoted_after(message, "No module named '") {
                return tracked(module).then(|| module.to_string());
            }
            let (attr, rest) = quoted_after(message, "cannot import name '")?;
            let (module, _) = quoted_after(rest, " from '")?;
            tracked(module).then(|| format!("{module}.{attr}"))
        }
        "NotImplementedError" => {
            let module = message.split(['.', ':']).next()?;
            tracked(module).then(|| message.chars().take(80).collect())
        }
        _ => None,
    }
}

/// Counts, per missing feature, the programs that ran into it (once per program however many of
/// its inputs failed).
pub fn count_missing<'a, I, E>(programs: I) -> BTreeMap<String, usize>
where
    I: IntoIterator<Item = E>,
    E: IntoIterator<Item = &'a ExecError>,
{
    let mut counts = BTreeMap::new();
    for errors in programs {
        let names: BTreeSet<String> = errors.into_iter().filter_map(missing_feature).collect();
        for name in names {
            *counts.entry(name).or_insert(0) += 1;
        }
    }
    counts
}

/// The `n` most frequent entries, most frequent first (ties by name).
pub fn top(counts: &BTreeMap<String, usize>, n: usize) -> Vec<(&str, usize)> {
    let mut v: Vec<(&str, usize)> = counts.iter().map(|(k, &c)| (k.as_str(), c)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.truncate(n);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exc(name: &str, message: &str) -> ExecError {
        ExecError::Exception {
            name: name.into(),
            message: message.into(),
        }
    }

    #[test]
    fn reads_missing_names_off_error_messages() {
        let cases = [
            (
                exc(
                    "AttributeError",
                    "module 'numpy' has no attribute 'histogram'",
                ),
                Some("numpy.histogram"),
            ),
            (
                exc(
                    "AttributeError",
                    "module 'scipy.ndimage' has no attribute 'zoom'",
                ),
                Some("scipy.ndimage.zoom"),
            ),
            (
                exc(
                    "AttributeError",
                    "'numpy.ndarray' object has no attribute 'ptp'",
                ),
                Some("ndarray.ptp"),
            ),
            (
                exc("AttributeError", "module 'math' has no attribute 'foo'"),
                None,
            ),
            (
                exc("AttributeError", "'list' object has no attribute 'shape'"),
                None,
            ),
            (
                exc("ModuleNotFoundError", "No module named 'numpy.linalg'"),
                Some("numpy.linalg"),
            ),
            (
                exc(
                    "ImportError",
                    "cannot import name 'convolve' from 'scipy.ndimage' (unknown location)",
                ),
                Some("scipy.ndimage.convolve"),
            ),
            (
                exc(
                    "NotImplementedError",
                    "numpy.pad: mode='median' is not supported",
                ),
                Some("numpy.pad: mode='median' is not supported"),
            ),
            (exc("NotImplementedError", "my own stub"), None),
            (exc("IndexError", "index 3 is out of bounds"), None),
            (ExecError::Timeout, None),
        ];
        for (error, expected) in cases {
            assert_eq!(missing_feature(&error).as_deref(), expected, "{error}");
        }
    }

    #[test]
    fn counts_each_program_once() {
        let hist = exc(
            "AttributeError",
            "module 'numpy' has no attribute 'histogram'",
        );
        let ptp = exc(
            "AttributeError",
            "'numpy.ndarray' object has no attribute 'ptp'",
        );
        let programs = [
            vec![hist.clone(), hist.clone()],
            vec![hist.clone(), ptp.clone()],
            vec![ExecError::Timeout],
        ];
        let counts = count_missing(programs.iter().map(|p| p.iter()));
        assert_eq!(counts["numpy.histogram"], 2);
        assert_eq!(counts["ndarray.ptp"], 1);
        assert_eq!(top(&counts, 1), vec![("numpy.histogram", 2)]);
    }
}
