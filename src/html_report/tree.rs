//! The refinement tree of a task, from the lineage columns: each program (by normalised-source
//! hash) under the program it refined, with its train score.

use super::page::escape;
use crate::score::Attempt;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// Most nodes drawn per task (the best children first); the rest are counted.
const MAX_NODES: usize = 60;

#[derive(Clone, Debug)]
struct Node {
    hash: String,
    parent: Option<String>,
    train_right: usize,
    depth: usize,
    copies: usize,
    test_right: Option<bool>,
    /// Distinct programs it was refined from (it is drawn under the first).
    parents: std::collections::BTreeSet<String>,
}

/// Programs and their parents, in first-seen order.
fn nodes(attempts: &[Attempt]) -> Vec<Node> {
    let mut out: Vec<Node> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for a in attempts {
        let Some(hash) = a.source_hash() else {
            continue;
        };
        let right = a.train_correct.iter().filter(|c| **c).count();
        match index.get(&hash) {
            Some(&i) => {
                let n = &mut out[i];
                n.copies += 1;
                n.train_right = n.train_right.max(right);
                if n.parent.is_none() {
                    n.parent = a.parent.clone();
                    n.depth = a.depth;
                }
                n.parents.extend(a.parent.clone());
            }
            None => {
                index.insert(hash.clone(), out.len());
                out.push(Node {
                    hash,
                    parent: a.parent.clone(),
                    train_right: right,
                    depth: a.depth,
                    copies: 1,
                    test_right: a.test_correct.as_ref().map(|c| c.iter().all(|x| *x)),
                    parents: a.parent.iter().cloned().collect(),
                });
            }
        }
    }
    out
}

/// The tree as nested lists, or `None` when no attempt of the task has a parent.
pub fn render(attempts: &[Attempt], n_train: usize) -> Option<String> {
    if !attempts.iter().any(|a| a.parent.is_some()) {
        return None;
    }
    let nodes = nodes(attempts);
    let known: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.hash.as_str(), i))
        .collect();
    let mut children: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut roots = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        match n.parent.as_deref().and_then(|p| known.get(p)) {
            Some(&p) if p != i => children.entry(p).or_default().push(i),
            _ => roots.push(i),
        }
    }
    for list in children.values_mut() {
        list.sort_by(|&a, &b| {
            nodes[b]
                .train_right
                .cmp(&nodes[a].train_right)
                .then(a.cmp(&b))
        });
    }
    // Only roots that were refined: the rest are plain samples, shown among the top programs.
    roots.retain(|r| children.contains_key(r) || nodes[*r].parent.is_some());
    roots.sort_by(|&a, &b| {
        subtree_best(&nodes, &children, b).cmp(&subtree_best(&nodes, &children, a))
    });
    let mut out = String::from("<ul class=\"tree\">");
    let mut drawn = 0;
    for r in roots {
        draw(&mut out, &nodes, &children, r, n_train, &mut drawn, 0);
    }
    out.push_str("</ul>");
    if drawn < nodes.len() && drawn >= MAX_NODES {
        let _ = write!(
            out,
            "<p class=\"muted\">{} more programs not drawn.</p>",
            nodes.len() - drawn
        );
    }
    Some(out)
}

fn subtree_best(nodes: &[Node], children: &BTreeMap<usize, Vec<usize>>, i: usize) -> usize {
    let mut best = nodes[i].train_right;
    let mut stack = vec![i];
    let mut seen = 0;
    while let Some(n) = stack.pop() {
        seen += 1;
        if seen > nodes.len() {
            break;
        }
        best = best.max(nodes[n].train_right);
        if let Some(c) = children.get(&n) {
            stack.extend(c);
        }
    }
    best
}

fn draw(
    out: &mut String,
    nodes: &[Node],
    children: &BTreeMap<usize, Vec<usize>>,
    i: usize,
    n_train: usize,
    drawn: &mut usize,
    level: usize,
) {
    if *drawn >= MAX_NODES || level > nodes.len() {
        return;
    }
    *drawn += 1;
    let n = &nodes[i];
    let badge = match n.test_right {
        Some(true) => " <span class=\"badge ok\">test ✓</span>",
        Some(false) if n.train_right == n_train => " <span class=\"badge bad\">test ✗</span>",
        _ => "",
    };
    let orphan = match &n.parent {
        Some(p) if !nodes.iter().any(|m| &m.hash == p) => {
            format!(
                " <span class=\"muted\">(parent {} not in this run)</span>",
                escape(p)
            )
        }
        _ => String::new(),
    };
    let others = match n.parents.len() {
        0 | 1 => String::new(),
        k => format!(" <span class=\"muted\">(refined from {k} programs)</span>"),
    };
    let _ = write!(
        out,
        "<li><code class=\"hash\">{}</code> {}/{} train · depth {} · ×{}{badge}{orphan}{others}",
        escape(&n.hash),
        n.train_right,
        n_train,
        n.depth,
        n.copies
    );
    if let Some(kids) = children.get(&i) {
        out.push_str("<ul>");
        for &k in kids {
            draw(out, nodes, children, k, n_train, drawn, level + 1);
        }
        out.push_str("</ul>");
    }
    out.push_str("</li>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::Completion;
    use crate::score::Category;

    fn attempt(code: &str, right: usize, parent: Option<&str>, depth: usize) -> Attempt {
        Attempt {
            task_id: "t".into(),
            index: 0,
            label: None,
            completion: Completion::text(""),
            code: Some(code.into()),
            train_correct: (0..3).map(|i| i < right).collect(),
            train_pixel_accuracy: vec![],
            train_outputs: vec![],
            test_predictions: vec![],
            test_correct: None,
            errors: vec![],
            category: Category::Ok,
            transduction: 0.0,
            exec_seconds: 0.0,
            parent: parent.map(str::to_string),
            depth,
        }
    }

    #[test]
    fn children_nest_under_their_parents() {
        let root = "x = 0";
        let child = "x = 1";
        let grandchild = "x = 2";
        let h = crate::program::source_hash;
        let attempts = vec![
            attempt(root, 1, None, 0),
            attempt("y = 5", 0, None, 0),
            attempt(child, 2, Some(&h(root)), 1),
            attempt(grandchild, 3, Some(&h(child)), 2),
            attempt(grandchild, 3, Some(&h(child)), 2),
            attempt(grandchild, 3, Some(&h(root)), 1),
        ];
        let html = render(&attempts, 3).unwrap();
        let pos = |s: &str| html.find(&h(s)).unwrap();
        assert!(pos(root) < pos(child) && pos(child) < pos(grandchild));
        assert!(
            html.contains(
                "3/3 train · depth 2 · ×3 <span class=\"muted\">(refined from 2 programs)"
            ),
            "{html}"
        );
        // The unrefined sample is not part of any tree.
        assert!(!html.contains(&h("y = 5")));
        assert_eq!(html.matches("<ul>").count(), 2);
        assert!(render(&attempts[..2], 3).is_none());
    }
}
