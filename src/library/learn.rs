//! Learners: the parameters a library program needs, read off a task's train pairs.
//!
//! Each learner is a pure function of the train pairs that returns `None` when the parameter cannot
//! be learned for the task; a program needing that parameter is then not offered. [`Placeholder`]
//! ties each learner to the token it replaces in program sources and renders the learned value as a
//! Python literal. `scripts/check_library.py` holds Python ports of these functions: keep the two in
//! step.

use crate::task::{Grid, TrainPair};
use std::collections::BTreeMap;

/// A token in a program's source that is replaced by a value learned from the train pairs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Placeholder {
    /// `__COLOR_MAP__` → `{1: 2, 3: 4}`: see [`learn_color_map`].
    ColorMap,
    /// `__RATIO__` → `(ry, rx)`: see [`learn_ratio`].
    Ratio,
    /// `__INV_RATIO__` → `(ry, rx)`: see [`learn_inv_ratio`].
    InvRatio,
    /// `__OUT_COLOR__` → an int: see [`learn_out_color`].
    OutColor,
    /// `__FILL_COLOR__` → an int: see [`learn_fill_color`].
    FillColor,
    /// `__OUT_SHAPE__` → `(height, width)`: see [`learn_out_shape`].
    OutShape,
    /// `__SIZE_COLOR_MAP__` → `{size: colour, …}`: see [`learn_size_color_map`].
    SizeColorMap,
}

impl Placeholder {
    /// Every placeholder, in the order they are filled.
    pub const ALL: [Placeholder; 7] = [
        Placeholder::ColorMap,
        Placeholder::Ratio,
        Placeholder::InvRatio,
        Placeholder::OutColor,
        Placeholder::FillColor,
        Placeholder::OutShape,
        Placeholder::SizeColorMap,
    ];

    /// The token as it appears in program sources, e.g. `__COLOR_MAP__`.
    pub fn token(self) -> &'static str {
        match self {
            Placeholder::ColorMap => "__COLOR_MAP__",
            Placeholder::Ratio => "__RATIO__",
            Placeholder::InvRatio => "__INV_RATIO__",
            Placeholder::OutColor => "__OUT_COLOR__",
            Placeholder::FillColor => "__FILL_COLOR__",
            Placeholder::OutShape => "__OUT_SHAPE__",
            Placeholder::SizeColorMap => "__SIZE_COLOR_MAP__",
        }
    }

    /// Learns the value from the train pairs and renders it as a Python literal; `None` when it
    /// cannot be learned for this task.
    pub fn learn(self, train: &[TrainPair]) -> Option<String> {
        match self {
            Placeholder::ColorMap => learn_color_map(train).map(|m| python_dict(&m)),
            Placeholder::Ratio => learn_ratio(train).map(python_pair),
            Placeholder::InvRatio => learn_inv_ratio(train).map(python_pair),
            Placeholder::OutColor => learn_out_color(train).map(|c| c.to_string()),
            Placeholder::FillColor => learn_fill_color(train).map(|c| c.to_string()),
            Placeholder::OutShape => learn_out_shape(train).map(python_pair),
            Placeholder::SizeColorMap => learn_size_color_map(train).map(|m| python_dict(&m)),
        }
    }
}

/// A Python dict literal with keys in ascending order: `{1: 2, 3: 4}`.
fn python_dict<K: std::fmt::Display, V: std::fmt::Display>(map: &BTreeMap<K, V>) -> String {
    let items: Vec<String> = map.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!("{{{}}}", items.join(", "))
}

/// A Python 2-tuple literal: `(2, 3)`.
fn python_pair((a, b): (usize, usize)) -> String {
    format!("({a}, {b})")
}

/// `(height, width)` of a grid.
fn dims(grid: &Grid) -> (usize, usize) {
    (grid.height(), grid.width())
}

/// The set of colours in a grid, as a bit mask (bit `c` set when colour `c` occurs).
fn colour_set(grid: &Grid) -> u16 {
    grid.rows()
        .iter()
        .flatten()
        .fold(0u16, |set, &v| set | (1u16 << v))
}

/// Cell-wise colour mapping learned over the train pairs whose input and output shapes are equal.
///
/// Every input colour must map to one output colour in all those pairs. Identity entries are left
/// out. `None` when no pair has equal shapes, when the mapping is inconsistent, or when it would be
/// the identity (the program would change nothing).
pub fn learn_color_map(train: &[TrainPair]) -> Option<BTreeMap<u8, u8>> {
    let mut mapping: [Option<u8>; 10] = [None; 10];
    let mut any_equal = false;
    for pair in train {
        if dims(&pair.input) != dims(&pair.output) {
            continue;
        }
        any_equal = true;
        for (row_in, row_out) in pair.input.rows().iter().zip(pair.output.rows()) {
            for (&a, &b) in row_in.iter().zip(row_out) {
                let slot = mapping.get_mut(usize::from(a))?;
                match *slot {
                    None => *slot = Some(b),
                    Some(seen) if seen != b => return None,
                    Some(_) => {}
                }
            }
        }
    }
    if !any_equal {
        return None;
    }
    let map: BTreeMap<u8, u8> = (0u8..)
        .zip(mapping)
        .filter_map(|(a, b)| b.filter(|&b| b != a).map(|b| (a, b)))
        .collect();
    (!map.is_empty()).then_some(map)
}

/// Integer factors `(ry, rx)` with `out = (ry·in_h, rx·in_w)` in every pair (or the inverse).
fn ratio(train: &[TrainPair], inverse: bool) -> Option<(usize, usize)> {
    let mut found: Option<(usize, usize)> = None;
    for pair in train {
        let (mut small, mut big) = (dims(&pair.input), dims(&pair.output));
        if inverse {
            std::mem::swap(&mut small, &mut big);
        }
        if small.0 == 0 || small.1 == 0 || big.0 % small.0 != 0 || big.1 % small.1 != 0 {
            return None;
        }
        let r = (big.0 / small.0, big.1 / small.1);
        if r.0 == 0 || r.1 == 0 || found.is_some_and(|f| f != r) {
            return None;
        }
        found = Some(r);
    }
    found.filter(|&r| r != (1, 1))
}

/// Scale factors `(ry, rx)`: `out_h == ry·in_h` and `out_w == rx·in_w` in every train pair, the
/// same factors for all pairs. `None` when not integral, inconsistent, or `(1, 1)`.
pub fn learn_ratio(train: &[TrainPair]) -> Option<(usize, usize)> {
    ratio(train, false)
}

/// Reduction factors `(ry, rx)`: `in_h == ry·out_h` and `in_w == rx·out_w` in every train pair, the
/// same factors for all pairs. `None` when not integral, inconsistent, or `(1, 1)`.
pub fn learn_inv_ratio(train: &[TrainPair]) -> Option<(usize, usize)> {
    ratio(train, true)
}

/// The single non-zero colour used by all train outputs together; `None` when the outputs use no
/// non-zero colour or more than one.
pub fn learn_out_color(train: &[TrainPair]) -> Option<u8> {
    let set = train
        .iter()
        .fold(0u16, |set, pair| set | colour_set(&pair.output))
        & !1;
    (set.count_ones() == 1).then(|| set.trailing_zeros() as u8)
}

/// The colour that outputs add: in every pair the output colours missing from its input are either
/// none or exactly this one colour, and at least one pair adds it. `None` otherwise (no pair adds a
/// colour, a pair adds two, or pairs add different colours).
pub fn learn_fill_color(train: &[TrainPair]) -> Option<u8> {
    let mut union = 0u16;
    for pair in train {
        let new = colour_set(&pair.output) & !colour_set(&pair.input);
        if new.count_ones() > 1 {
            return None;
        }
        union |= new;
    }
    (union.count_ones() == 1).then(|| union.trailing_zeros() as u8)
}

/// The output shape `(height, width)` shared by every train output; `None` when they differ.
pub fn learn_out_shape(train: &[TrainPair]) -> Option<(usize, usize)> {
    let first = dims(&train.first()?.output);
    train
        .iter()
        .all(|pair| dims(&pair.output) == first)
        .then_some(first)
}

/// The background colour the programs assume: the most common colour, 0 on a tie with 0, else the
/// smallest of the tied colours.
pub fn background(grid: &Grid) -> u8 {
    let mut counts = [0usize; 10];
    for &v in grid.rows().iter().flatten() {
        if let Some(n) = counts.get_mut(usize::from(v)) {
            *n += 1;
        }
    }
    let best = counts.iter().copied().max().unwrap_or(0);
    if counts[0] == best {
        return 0;
    }
    (0u8..)
        .zip(counts)
        .find(|&(_, n)| n == best)
        .map_or(0, |(c, _)| c)
}

/// Single-colour 4-connected components of non-background cells.
fn components(grid: &Grid, bg: u8) -> Vec<Vec<(usize, usize)>> {
    let (h, w) = dims(grid);
    let rows = grid.rows();
    let mut seen = vec![vec![false; w]; h];
    let mut out = Vec::new();
    for r in 0..h {
        for c in 0..w {
            if seen[r][c] || rows[r][c] == bg {
                continue;
            }
            let colour = rows[r][c];
            seen[r][c] = true;
            let mut stack = vec![(r, c)];
            let mut cells = Vec::new();
            while let Some((y, x)) = stack.pop() {
                cells.push((y, x));
                let neighbours = [
                    (y + 1, x),
                    (y.wrapping_sub(1), x),
                    (y, x + 1),
                    (y, x.wrapping_sub(1)),
                ];
                for (ny, nx) in neighbours {
                    if ny < h && nx < w && !seen[ny][nx] && rows[ny][nx] == colour {
                        seen[ny][nx] = true;
                        stack.push((ny, nx));
                    }
                }
            }
            out.push(cells);
        }
    }
    out
}

/// Object size → output colour, for tasks that recolour each object by its number of cells.
///
/// Objects are the single-colour 4-connected components of non-background cells of each input
/// (background as in [`background`]). Every pair must keep its shape and its background cells, each
/// object must become one colour in the output, the same size must always give the same colour, and
/// at least one object must change colour. `None` otherwise.
pub fn learn_size_color_map(train: &[TrainPair]) -> Option<BTreeMap<usize, u8>> {
    let mut mapping = BTreeMap::new();
    let mut changed = false;
    for pair in train {
        if dims(&pair.input) != dims(&pair.output) {
            return None;
        }
        let (a, b) = (pair.input.rows(), pair.output.rows());
        let bg = background(&pair.input);
        for (row_in, row_out) in a.iter().zip(b) {
            for (&x, &y) in row_in.iter().zip(row_out) {
                if x == bg && y != x {
                    return None;
                }
            }
        }
        for cells in components(&pair.input, bg) {
            let (r0, c0) = cells[0];
            let colour = b[r0][c0];
            if cells.iter().any(|&(y, x)| b[y][x] != colour) {
                return None;
            }
            changed |= colour != a[r0][c0];
            if *mapping.entry(cells.len()).or_insert(colour) != colour {
                return None;
            }
        }
    }
    (changed && !mapping.is_empty()).then_some(mapping)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(rows: &[&[u8]]) -> Grid {
        Grid(rows.iter().map(|r| r.to_vec()).collect())
    }

    fn pair(input: &[&[u8]], output: &[&[u8]]) -> TrainPair {
        TrainPair {
            input: g(input),
            output: g(output),
        }
    }

    #[test]
    fn color_map_learned_and_rendered() {
        let train = [
            pair(&[&[1, 2], &[3, 0]], &[&[2, 2], &[4, 0]]),
            pair(&[&[1, 1]], &[&[2, 2]]),
        ];
        let map = learn_color_map(&train).unwrap();
        assert_eq!(map, BTreeMap::from([(1, 2), (3, 4)]));
        assert_eq!(
            Placeholder::ColorMap.learn(&train).as_deref(),
            Some("{1: 2, 3: 4}")
        );
    }

    #[test]
    fn color_map_skips_reshaped_pairs_and_rejects() {
        // A pair of different shapes is ignored when another pair has equal shapes.
        let train = [pair(&[&[1]], &[&[5]]), pair(&[&[1, 1]], &[&[7], &[7]])];
        assert_eq!(learn_color_map(&train), Some(BTreeMap::from([(1, 5)])));
        // Inconsistent: 1 → 2 and 1 → 3.
        let train = [pair(&[&[1, 1]], &[&[2, 3]])];
        assert_eq!(learn_color_map(&train), None);
        // No pair of equal shapes.
        let train = [pair(&[&[1, 1]], &[&[1]])];
        assert_eq!(learn_color_map(&train), None);
        // Identity only.
        let train = [pair(&[&[1, 2]], &[&[1, 2]])];
        assert_eq!(learn_color_map(&train), None);
    }

    #[test]
    fn ratio_learned_and_rejected() {
        let train = [
            pair(&[&[1, 2]], &[&[1, 1, 2, 2], &[1, 1, 2, 2]]),
            pair(&[&[3]], &[&[3, 3], &[3, 3]]),
        ];
        assert_eq!(learn_ratio(&train), Some((2, 2)));
        assert_eq!(Placeholder::Ratio.learn(&train).as_deref(), Some("(2, 2)"));
        // Different per pair.
        let train = [pair(&[&[1]], &[&[1, 1]]), pair(&[&[1]], &[&[1, 1, 1]])];
        assert_eq!(learn_ratio(&train), None);
        // Not integral.
        let train = [pair(&[&[1, 1]], &[&[1, 1, 1]])];
        assert_eq!(learn_ratio(&train), None);
        // (1, 1) is no scaling.
        let train = [pair(&[&[1]], &[&[2]])];
        assert_eq!(learn_ratio(&train), None);
        // Shrinking is not a ratio.
        let train = [pair(&[&[1, 1]], &[&[1]])];
        assert_eq!(learn_ratio(&train), None);
    }

    #[test]
    fn inv_ratio_learned_and_rejected() {
        let train = [
            pair(&[&[1, 1, 2], &[1, 1, 2]], &[&[1, 2]]),
            pair(&[&[3, 3, 3], &[3, 3, 3]], &[&[3, 3]]),
        ];
        // Width 3 → 2 is not integral.
        assert_eq!(learn_inv_ratio(&train), None);
        let train = [
            pair(&[&[1, 1, 2, 2], &[1, 1, 2, 2]], &[&[1, 2]]),
            pair(&[&[3, 3], &[3, 3]], &[&[3]]),
        ];
        assert_eq!(learn_inv_ratio(&train), Some((2, 2)));
        assert_eq!(
            Placeholder::InvRatio.learn(&train).as_deref(),
            Some("(2, 2)")
        );
        let train = [pair(&[&[1]], &[&[1, 1]])];
        assert_eq!(learn_inv_ratio(&train), None);
        let train = [pair(&[&[1]], &[&[4]])];
        assert_eq!(learn_inv_ratio(&train), None);
    }

    #[test]
    fn out_color_learned_and_rejected() {
        let train = [pair(&[&[1, 5]], &[&[0, 3]]), pair(&[&[2]], &[&[3], &[0]])];
        assert_eq!(learn_out_color(&train), Some(3));
        assert_eq!(Placeholder::OutColor.learn(&train).as_deref(), Some("3"));
        let train = [pair(&[&[1]], &[&[3]]), pair(&[&[1]], &[&[4]])];
        assert_eq!(learn_out_color(&train), None);
        let train = [pair(&[&[1]], &[&[0]])];
        assert_eq!(learn_out_color(&train), None);
    }

    #[test]
    fn fill_color_learned_and_rejected() {
        let train = [
            pair(&[&[1, 0, 1]], &[&[1, 4, 1]]),
            // Nothing added in this pair: allowed.
            pair(&[&[1, 1]], &[&[1, 1]]),
        ];
        assert_eq!(learn_fill_color(&train), Some(4));
        assert_eq!(Placeholder::FillColor.learn(&train).as_deref(), Some("4"));
        // Different colours added in different pairs.
        let train = [pair(&[&[1, 0]], &[&[1, 4]]), pair(&[&[1, 0]], &[&[1, 5]])];
        assert_eq!(learn_fill_color(&train), None);
        // Two colours added in one pair.
        let train = [pair(&[&[1, 0, 0]], &[&[1, 4, 5]])];
        assert_eq!(learn_fill_color(&train), None);
        // No colour added anywhere.
        let train = [pair(&[&[1, 0]], &[&[0, 1]])];
        assert_eq!(learn_fill_color(&train), None);
    }

    #[test]
    fn out_shape_learned_and_rejected() {
        let train = [
            pair(&[&[1, 2, 3]], &[&[1, 2], &[3, 4], &[5, 6]]),
            pair(&[&[1]], &[&[0, 0], &[0, 0], &[0, 0]]),
        ];
        assert_eq!(learn_out_shape(&train), Some((3, 2)));
        assert_eq!(
            Placeholder::OutShape.learn(&train).as_deref(),
            Some("(3, 2)")
        );
        let train = [pair(&[&[1]], &[&[1]]), pair(&[&[1]], &[&[1, 1]])];
        assert_eq!(learn_out_shape(&train), None);
        assert_eq!(learn_out_shape(&[]), None);
    }

    #[test]
    fn background_prefers_zero_on_ties() {
        assert_eq!(background(&g(&[&[0, 3], &[3, 0]])), 0);
        assert_eq!(background(&g(&[&[5, 3], &[3, 5]])), 3);
        assert_eq!(background(&g(&[&[7, 7, 1]])), 7);
    }

    #[test]
    fn size_color_map_learned_and_rejected() {
        let train = [
            pair(
                &[&[5, 5, 0, 5], &[0, 0, 0, 0], &[5, 0, 0, 0]],
                &[&[1, 1, 0, 2], &[0, 0, 0, 0], &[2, 0, 0, 0]],
            ),
            pair(
                &[&[0, 0, 0], &[5, 5, 5], &[0, 0, 0]],
                &[&[0, 0, 0], &[3, 3, 3], &[0, 0, 0]],
            ),
        ];
        assert_eq!(
            learn_size_color_map(&train),
            Some(BTreeMap::from([(1, 2), (2, 1), (3, 3)]))
        );
        assert_eq!(
            Placeholder::SizeColorMap.learn(&train).as_deref(),
            Some("{1: 2, 2: 1, 3: 3}")
        );
        // Same size, two colours.
        let train = [pair(
            &[&[5, 0, 5], &[0, 0, 0], &[0, 0, 0]],
            &[&[1, 0, 2], &[0, 0, 0], &[0, 0, 0]],
        )];
        assert_eq!(learn_size_color_map(&train), None);
        // An object split over two colours.
        let train = [pair(&[&[5, 5, 0], &[0, 0, 0]], &[&[1, 2, 0], &[0, 0, 0]])];
        assert_eq!(learn_size_color_map(&train), None);
        // Background cells change.
        let train = [pair(&[&[5, 0, 0], &[0, 0, 0]], &[&[1, 1, 0], &[0, 0, 0]])];
        assert_eq!(learn_size_color_map(&train), None);
        // Nothing changes colour.
        let train = [pair(&[&[5, 0, 0], &[0, 0, 0]], &[&[5, 0, 0], &[0, 0, 0]])];
        assert_eq!(learn_size_color_map(&train), None);
        // Shapes differ.
        let train = [pair(&[&[5, 0, 0]], &[&[5]])];
        assert_eq!(learn_size_color_map(&train), None);
    }
}
