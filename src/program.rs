//! A program's identity: its source normalised (comments, blank lines and trailing spaces dropped)
//! and a stable hash of that, so that copies differing only in those count as one program.
//!
//! The hash names programs across runs and stores (a refinement's parent, replayed refinement
//! lines, deduplicated exports), so it must never change: 64-bit FNV-1a, written as 16 hex digits.

/// The source with comments, blank lines and trailing whitespace removed. Text inside string
/// literals (including triple-quoted ones spanning lines) is kept as it is.
pub fn normalise(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut line = String::new();
    // Whether the current line began inside a multi-line string (then it is content, kept whole).
    let mut line_starts_in_string = false;
    let mut quote: Option<Quote> = None;
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            None if c == '#' => {
                while chars.peek().is_some_and(|&n| n != '\n') {
                    chars.next();
                }
            }
            None if c == '\'' || c == '"' => {
                let triple = chars.peek() == Some(&c) && {
                    let mut ahead = chars.clone();
                    ahead.next();
                    ahead.peek() == Some(&c)
                };
                line.push(c);
                if triple {
                    line.push(chars.next().unwrap_or(c));
                    line.push(chars.next().unwrap_or(c));
                }
                quote = Some(Quote { ch: c, triple });
            }
            Some(_) if c == '\\' => {
                line.push(c);
                if let Some(next) = chars.next() {
                    if next == '\n' {
                        finish_line(&mut out, &mut line, line_starts_in_string, true);
                        line_starts_in_string = true;
                    } else {
                        line.push(next);
                    }
                }
            }
            Some(q) if c == q.ch => {
                line.push(c);
                if !q.triple {
                    quote = None;
                } else if chars.peek() == Some(&c) {
                    let mut ahead = chars.clone();
                    ahead.next();
                    if ahead.peek() == Some(&c) {
                        line.push(chars.next().unwrap_or(c));
                        line.push(chars.next().unwrap_or(c));
                        quote = None;
                    }
                }
            }
            // An unterminated one-line string ends at the newline (a syntax error either way).
            Some(q) if c == '\n' && !q.triple => {
                quote = None;
                finish_line(&mut out, &mut line, line_starts_in_string, false);
                line_starts_in_string = false;
            }
            _ if c == '\n' => {
                let in_string = quote.is_some();
                finish_line(&mut out, &mut line, line_starts_in_string, in_string);
                line_starts_in_string = in_string;
            }
            _ => line.push(c),
        }
    }
    finish_line(&mut out, &mut line, line_starts_in_string, quote.is_some());
    out
}

#[derive(Clone, Copy)]
struct Quote {
    ch: char,
    triple: bool,
}

/// Ends one line: string content is kept whole; code loses trailing spaces and blank lines.
fn finish_line(out: &mut String, line: &mut String, starts_in_string: bool, ends_in_string: bool) {
    if starts_in_string || ends_in_string {
        out.push_str(line);
        out.push('\n');
    } else {
        let code = line.trim_end();
        if !code.is_empty() {
            out.push_str(code);
            out.push('\n');
        }
    }
    line.clear();
}

/// The hash of a program's normalised source: 16 lowercase hex digits (64-bit FNV-1a).
pub fn source_hash(code: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in normalise(code).bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_blank_lines_and_trailing_spaces_do_not_count() {
        let a = "def transform(grid):\n    # flip it\n    return grid[::-1]\n";
        let b = "# a program\n\ndef transform(grid):   \n\n    return grid[::-1]  # rows reversed\n\n\n";
        assert_eq!(
            normalise(a),
            "def transform(grid):\n    return grid[::-1]\n"
        );
        assert_eq!(normalise(a), normalise(b));
        assert_eq!(source_hash(a), source_hash(b));
        // Indentation and code do count.
        assert_ne!(
            source_hash(a),
            source_hash("def transform(grid):\n  return grid[::-1]\n")
        );
        assert_ne!(
            source_hash(a),
            source_hash("def transform(grid):\n    return grid\n")
        );
    }

    #[test]
    fn hashes_in_strings_are_not_comments() {
        let code = "def f():\n    s = 'a # b'\n    t = \"c # d\"  # comment\n    return s + t\n";
        assert_eq!(
            normalise(code),
            "def f():\n    s = 'a # b'\n    t = \"c # d\"\n    return s + t\n"
        );
        let escaped = "x = 'it\\'s # kept'  # dropped\n";
        assert_eq!(normalise(escaped), "x = 'it\\'s # kept'\n");
    }

    #[test]
    fn triple_quoted_strings_are_kept_whole() {
        let code =
            "def f():\n    \"\"\"Doc.\n\n    # not a comment   \n    \"\"\"\n    return 1  # one\n";
        assert_eq!(
            normalise(code),
            "def f():\n    \"\"\"Doc.\n\n    # not a comment   \n    \"\"\"\n    return 1\n"
        );
    }

    #[test]
    fn the_hash_is_stable() {
        // Stored hashes name parents across runs: this value must never change.
        assert_eq!(source_hash(""), "cbf29ce484222325");
        assert_eq!(
            source_hash("def transform(grid):\n    return grid\n"),
            source_hash("def transform(grid):\n    return grid")
        );
        assert_eq!(source_hash("x = 1\n").len(), 16);
    }
}
