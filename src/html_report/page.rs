//! HTML pieces of the report: the page frame, the metrics table and one section per task.
//!
//! Grids travel as `W,H,digits` data attributes on canvases that the page's own script colours in
//! when a task is opened, which keeps a 400-task page small; everything else is plain HTML.

use super::tree;
use crate::score::Attempt;
use crate::task::{Grid, Task};
use std::fmt::Write as _;

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A canvas that the page script draws `grid` into, with a caption.
pub fn grid(grid: &Grid, caption: &str, class: &str) -> String {
    let (w, h) = (grid.width(), grid.height());
    let side = w.max(h).max(1);
    let cell = (150 / side).clamp(4, 16);
    let mut cells = String::with_capacity(w * h);
    for row in grid.rows() {
        for v in row {
            cells.push(char::from(b'0' + (*v).min(9)));
        }
    }
    format!(
        "<figure class=\"{class}\"><canvas class=\"g\" width=\"{}\" height=\"{}\" data-s=\"{cell}\" data-g=\"{w},{h},{cells}\"></canvas>{}</figure>",
        w * cell,
        h * cell,
        if caption.is_empty() {
            String::new()
        } else {
            format!("<figcaption>{}</figcaption>", escape(caption))
        }
    )
}

/// The page frame around `body`.
pub fn frame(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <link rel=\"icon\" href=\"data:,\"><title>{}</title><style>{CSS}</style></head>\n<body>\n{body}\n<script>{JS}</script>\n</body></html>\n",
        escape(title)
    )
}

/// A two-column table of named values.
pub fn table(rows: &[(String, String)]) -> String {
    let mut out = String::from("<table class=\"metrics\"><tbody>");
    for (k, v) in rows {
        let _ = write!(
            out,
            "<tr><th>{}</th><td class=\"num\">{}</td></tr>",
            escape(k),
            escape(v)
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// What the report shows of one task.
pub struct TaskView<'a> {
    /// The task.
    pub task: &'a Task,
    /// Its attempts in order (test correctness filled in from the solutions when known).
    pub attempts: &'a [Attempt],
    /// The weighted vote's top two per test input.
    pub voted: &'a [Vec<Grid>],
    /// pass@2 score (`None` without solutions).
    pub pass2: Option<f64>,
    /// Oracle score.
    pub oracle: Option<f64>,
    /// How many top programs to show.
    pub top_programs: usize,
    /// Whether the section starts open.
    pub open: bool,
}

/// A program (distinct normalised source) and how it did.
struct ProgramSummary<'a> {
    first: &'a Attempt,
    hash: String,
    copies: usize,
}

fn verdict_badge(v: Option<bool>, right: &str, wrong: &str) -> String {
    match v {
        Some(true) => format!("<span class=\"badge ok\">{right}</span>"),
        Some(false) => format!("<span class=\"badge bad\">{wrong}</span>"),
        None => "<span class=\"badge unk\">test ?</span>".into(),
    }
}

fn test_right(a: &Attempt) -> Option<bool> {
    a.test_correct
        .as_ref()
        .map(|c| !c.is_empty() && c.iter().all(|x| *x))
}

/// The top programs: best train score first, then right on test, then most copies, then shorter.
fn top_programs(attempts: &[Attempt], n: usize) -> (Vec<ProgramSummary<'_>>, usize) {
    let mut by_hash: Vec<ProgramSummary<'_>> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for a in attempts {
        let Some(hash) = a.source_hash() else {
            continue;
        };
        match index.get(&hash) {
            Some(&i) => {
                let p: &mut ProgramSummary<'_> = &mut by_hash[i];
                p.copies += 1;
            }
            None => {
                index.insert(hash.clone(), by_hash.len());
                by_hash.push(ProgramSummary {
                    first: a,
                    hash,
                    copies: 1,
                });
            }
        }
    }
    let distinct = by_hash.len();
    by_hash.sort_by(|a, b| {
        let key = |p: &ProgramSummary<'_>| {
            (
                p.first.train_correct.iter().filter(|c| **c).count(),
                test_right(p.first) == Some(true),
                p.copies,
            )
        };
        key(b).cmp(&key(a)).then_with(|| {
            let len = |p: &ProgramSummary<'_>| p.first.code.as_ref().map_or(0, String::len);
            len(a).cmp(&len(b))
        })
    });
    by_hash.truncate(n);
    (by_hash, distinct)
}

/// The task's status for the page filter.
pub fn status(pass2: Option<f64>) -> &'static str {
    match pass2 {
        Some(p) if p >= 1.0 => "solved",
        Some(_) => "unsolved",
        None => "unknown",
    }
}

/// One task's section.
pub fn task_section(v: &TaskView<'_>) -> String {
    let t = v.task;
    let n_train = t.train.len();
    let train_perfect = v.attempts.iter().any(Attempt::all_train_correct);
    let best_train = v
        .attempts
        .iter()
        .map(|a| a.train_correct.iter().filter(|c| **c).count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    let pass_badge = match v.pass2 {
        Some(p) if p >= 1.0 => "<span class=\"badge ok\">solved</span>".to_string(),
        Some(p) => format!("<span class=\"badge bad\">pass@2 {:.0}%</span>", 100.0 * p),
        None => "<span class=\"badge unk\">no solutions</span>".into(),
    };
    let _ = write!(
        out,
        "<details class=\"task\" id=\"task-{id}\" data-status=\"{}\" data-tp=\"{}\"{}><summary><b>{id}</b> {pass_badge} \
         <span>best train {best_train}/{n_train}</span><span class=\"muted\">{} attempts</span></summary><div class=\"body\">",
        status(v.pass2),
        u8::from(train_perfect),
        if v.open { " open" } else { "" },
        v.attempts.len(),
        id = escape(&t.id)
    );
    out.push_str("<h3>Train pairs</h3><div class=\"pairs\">");
    for (i, p) in t.train.iter().enumerate() {
        let _ = write!(
            out,
            "<div class=\"pair\">{}<span class=\"arrow\">→</span>{}</div>",
            grid(&p.input, &format!("input {}", i + 1), ""),
            grid(&p.output, &format!("output {}", i + 1), "")
        );
    }
    out.push_str("</div><h3>Test</h3><div class=\"pairs\">");
    for (i, input) in t.test.iter().enumerate() {
        let expected = t.solutions.as_ref().and_then(|s| s.get(i));
        let _ = write!(
            out,
            "<div class=\"pair\">{}",
            grid(input, &format!("test input {}", i + 1), "")
        );
        if let Some(e) = expected {
            let _ = write!(
                out,
                "<span class=\"arrow\">→</span>{}",
                grid(e, "expected", "")
            );
        }
        let answers = v.voted.get(i).map_or(&[][..], Vec::as_slice);
        if answers.is_empty() {
            out.push_str("<span class=\"muted\">no answer</span>");
        }
        for (j, a) in answers.iter().enumerate() {
            let (class, mark) = match expected {
                Some(e) if e == a => ("right", " ✓"),
                Some(_) => ("wrong", " ✗"),
                None => ("", ""),
            };
            let _ = write!(
                out,
                "<span class=\"arrow\">·</span>{}",
                grid(a, &format!("answer {}{mark}", j + 1), class)
            );
        }
        out.push_str("</div>");
    }
    out.push_str("</div>");
    let (top, distinct) = top_programs(v.attempts, v.top_programs);
    let _ = write!(
        out,
        "<h3>Top programs <span class=\"muted\">({} of {distinct} distinct)</span></h3>",
        top.len()
    );
    for p in &top {
        let a = p.first;
        let right = a.train_correct.iter().filter(|c| **c).count();
        let _ = write!(
            out,
            "<div class=\"program\" id=\"p-{id}-{hash}\"><h4>{right}/{n_train} train {} · <code class=\"hash\">{hash}</code> · ×{} · depth {}{}</h4><pre><code>{}</code></pre></div>",
            verdict_badge(test_right(a), "test ✓", "test ✗"),
            p.copies,
            a.depth,
            if a.transduction >= crate::search::HARD_CODED_FROM {
                " · <span class=\"badge bad\">hard-coded?</span>"
            } else {
                ""
            },
            escape(a.code.as_deref().unwrap_or("")),
            id = escape(&t.id),
            hash = escape(&p.hash),
        );
    }
    if let Some(html) = tree::render(v.attempts, n_train) {
        out.push_str("<h3>Refinement tree</h3>");
        out.push_str(&html);
    }
    out.push_str("</div></details>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_grid_encoding() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        let html = grid(&Grid(vec![vec![1, 2, 3], vec![4, 5, 9]]), "in <1>", "right");
        assert!(html.contains("data-g=\"3,2,123459\""), "{html}");
        assert!(html.contains("in &lt;1&gt;"));
        assert!(html.contains("width=\"48\" height=\"32\""), "{html}");
    }

    #[test]
    fn the_frame_forbids_every_fetch() {
        let page = frame("t", "<p>x</p>");
        assert!(page.contains("default-src 'none'"));
        assert!(!page.contains("http://") && !page.contains("https://"));
        assert!(page.contains("<link rel=\"icon\" href=\"data:,\">"));
    }
}
