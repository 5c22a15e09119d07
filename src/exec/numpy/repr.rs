//! `repr()` and `str()` of arrays, laid out like numpy's `array2string`: common element width,
//! 75-column line wrapping, blank lines between 2-D blocks, `dtype=` when it is not implied.

use super::array::shape_str;
use super::dense::{DType, Data, Dense};

/// Longest line numpy prints before wrapping.
const LINE_WIDTH: usize = 75;

/// Element texts, padded to a common width.
fn format_elements(d: &Dense) -> Vec<String> {
    let raw: Vec<String> = match &d.data {
        // numpy always pads booleans to the width of "False".
        Data::Bool(v) => {
            return v
                .iter()
                .map(|&b| if b { " True" } else { "False" }.to_string())
                .collect()
        }
        Data::Int(v) if d.dtype == DType::UInt64 => {
            v.iter().map(|&i| (i as u64).to_string()).collect()
        }
        Data::Int(v) => v.iter().map(|i| i.to_string()).collect(),
        // float32 values print with the digits that identify them as float32.
        Data::Float(v) if d.dtype == DType::Float32 => {
            let short: Vec<f64> = v.iter().map(|&x| shortest_f32(x)).collect();
            return format_floats(&short);
        }
        Data::Float(v) => return format_floats(v),
    };
    let width = raw.iter().map(|s| s.len()).max().unwrap_or(0);
    raw.into_iter().map(|s| format!("{s:>width$}")).collect()
}

/// The `f64` nearest to the shortest decimal that reads back as the `f32` value of `x`, so
/// printing it with `f64` digits shows the `f32` digits (`0.1f32` prints as `0.1`).
fn shortest_f32(x: f64) -> f64 {
    let s = format!("{}", x as f32);
    s.parse().unwrap_or(x)
}

/// Floats the way numpy's default (`maxprec`, 8 digits) prints them: `1.`, `1.5 `, `0.25`, with
/// integer parts right-aligned and fractions left-aligned.
fn format_floats(v: &[f64]) -> Vec<String> {
    let parts: Vec<(String, String)> = v
        .iter()
        .map(|&x| {
            if !x.is_finite() {
                let s = if x.is_nan() {
                    "nan".to_string()
                } else if x > 0.0 {
                    "inf".to_string()
                } else {
                    "-inf".to_string()
                };
                return (s, String::new());
            }
            let mut s = format!("{x:.8}");
            while s.ends_with('0') {
                s.pop();
            }
            if s == "-0." && x != 0.0 {
                s = "-0.".into();
            }
            match s.split_once('.') {
                Some((i, f)) => (format!("{i}."), f.to_string()),
                None => (s, String::new()),
            }
        })
        .collect();
    let finite = |x: &f64| x.is_finite();
    let int_w = parts
        .iter()
        .zip(v)
        .filter(|(_, x)| finite(x))
        .map(|((i, _), _)| i.len())
        .max()
        .unwrap_or(0);
    let frac_w = parts.iter().map(|(_, f)| f.len()).max().unwrap_or(0);
    let total = (int_w + frac_w).max(
        parts
            .iter()
            .zip(v)
            .filter(|(_, x)| !finite(x))
            .map(|((i, _), _)| i.len())
            .max()
            .unwrap_or(0),
    );
    parts
        .into_iter()
        .zip(v)
        .map(|((i, f), x)| {
            if finite(x) {
                let s = format!("{i:>int_w$}{f:<frac_w$}");
                format!("{s:>total$}")
            } else {
                format!("{i:>total$}")
            }
        })
        .collect()
}

/// What every level of [`format_array`]'s recursion shares.
struct Layout<'a> {
    d: &'a Dense,
    words: &'a [String],
    strides: Vec<isize>,
    sep: &'a str,
}

impl Layout<'_> {
    /// The text of the sub-array at `axis` starting at element `base` (numpy's `recurser`).
    fn rec(&self, axis: usize, base: usize, hanging: &str, width: usize) -> String {
        let nd = self.d.shape.len();
        if axis == nd {
            return self.words.get(base).cloned().unwrap_or_default();
        }
        let next_hanging = format!("{hanging} ");
        let next_width = width.saturating_sub(1);
        let len = self.d.shape[axis];
        let stride = self.strides[axis] as usize;
        let sep = self.sep;
        let mut s = String::new();
        if nd - axis == 1 {
            let elem_width = width.saturating_sub(sep.trim_end().len());
            let mut line = hanging.to_string();
            for i in 0..len {
                let word = self.rec(axis + 1, base + i * stride, &next_hanging, next_width);
                if line.len() + word.len() > elem_width && line.len() > hanging.len() {
                    s.push_str(line.trim_end());
                    s.push('\n');
                    line = hanging.to_string();
                }
                line.push_str(&word);
                if i + 1 < len {
                    line.push_str(sep);
                }
            }
            s.push_str(&line);
        } else {
            let line_sep = format!("{}{}", sep.trim_end(), "\n".repeat(nd - axis - 1));
            for i in 0..len {
                let nested = self.rec(axis + 1, base + i * stride, &next_hanging, next_width);
                s.push_str(hanging);
                s.push_str(&nested);
                if i + 1 < len {
                    s.push_str(&line_sep);
                }
            }
        }
        let body = s.get(hanging.len()..).unwrap_or("");
        format!("[{body}]")
    }
}

/// numpy's `_formatArray`: nested brackets, wrapping rows longer than `width`.
fn format_array(
    d: &Dense,
    words: &[String],
    separator: &str,
    prefix_len: usize,
    width: usize,
) -> String {
    let layout = Layout {
        d,
        words,
        strides: super::array::contiguous_strides(&d.shape),
        sep: separator,
    };
    layout.rec(0, 0, &" ".repeat(prefix_len + 1), width)
}

/// Whether `repr` leaves the dtype out (numpy's defaults).
fn dtype_implied(d: DType) -> bool {
    matches!(d, DType::Int64 | DType::Float64 | DType::Bool)
}

/// `repr(array)`.
pub fn repr(d: &Dense) -> String {
    let prefix = "array(";
    if d.shape.is_empty() {
        let words = format_elements(d);
        let w = words
            .first()
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
        return if dtype_implied(d.dtype) {
            format!("array({w})")
        } else {
            format!("array({w}, dtype={})", d.dtype.name())
        };
    }
    let body = if d.size() == 0 {
        if d.shape == [0] {
            "[]".to_string()
        } else {
            format!("[], shape={}", shape_str(&d.shape))
        }
    } else {
        let words = format_elements(d);
        format_array(d, &words, ", ", prefix.len(), LINE_WIDTH - 1)
    };
    let text = format!("{prefix}{body})");
    if dtype_implied(d.dtype) && d.size() > 0 {
        return text;
    }
    let dtype = format!("dtype={})", d.dtype.name());
    let last = text.len() - text.rfind('\n').map_or(0, |p| p + 1);
    let spacer = if last + dtype.len() + 1 > LINE_WIDTH {
        format!("\n{}", " ".repeat(prefix.len()))
    } else {
        " ".to_string()
    };
    format!("{}{}{spacer}{dtype}", &text[..text.len() - 1], ",")
}

/// `str(array)`.
pub fn str(d: &Dense) -> String {
    if d.shape.is_empty() {
        return format_elements(d)
            .first()
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
    }
    if d.size() == 0 {
        return "[]".into();
    }
    let words = format_elements(d);
    format_array(d, &words, " ", 0, LINE_WIDTH)
}
