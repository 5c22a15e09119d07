//! Pure-Rust `scipy.ndimage` algorithms over owned arrays ([`Dense`]).
//!
//! Inputs and structures are read by truthiness (non-zero = foreground). Structures are centred
//! at `shape // 2` per axis (scipy's `origin=0`); `binary_dilation` uses the reflected structure,
//! as scipy does. Results are `bool` arrays except `label`'s `int32` labels.

use super::dense::{checked_size, DType, Data, Dense, NpError, NpErrorKind};

/// Bounding box of one object: `(start, stop)` per axis, as `find_objects`' slices.
pub type BoundingBox = Vec<(usize, usize)>;

/// Truthiness of every element.
fn truthy(a: &Dense) -> Vec<bool> {
    match &a.data {
        Data::Bool(v) => v.clone(),
        Data::Int(v) => v.iter().map(|&x| x != 0).collect(),
        Data::Float(v) => v.iter().map(|&x| x != 0.0).collect(),
    }
}

/// Row-major strides of `shape`.
fn strides(shape: &[usize]) -> Vec<usize> {
    let mut s = vec![1usize; shape.len()];
    for i in (0..shape.len().saturating_sub(1)).rev() {
        s[i] = s[i + 1].saturating_mul(shape[i + 1]);
    }
    s
}

/// Calls `f(flat, multi_index)` for every position of `shape` in row-major order.
fn for_each_index(shape: &[usize], mut f: impl FnMut(usize, &[usize])) {
    let mut flat = 0;
    super::algos::for_each_index(shape, |idx| {
        f(flat, idx);
        flat += 1;
    });
}

/// Multi-index of flat position `flat` in `shape`.
fn unravel(mut flat: usize, shape: &[usize], out: &mut [usize]) {
    for d in (0..shape.len()).rev() {
        out[d] = flat % shape[d];
        flat /= shape[d];
    }
}

/// Flat index of `p + o`, or `None` when it falls outside `shape`.
fn shifted(p: &[usize], o: &[isize], shape: &[usize], st: &[usize]) -> Option<usize> {
    let mut flat = 0usize;
    for d in 0..shape.len() {
        let c = p[d] as i128 + o[d] as i128;
        if c < 0 || c >= shape[d] as i128 {
            return None;
        }
        flat += c as usize * st[d];
    }
    Some(flat)
}

/// `generate_binary_structure(rank, connectivity)`: a `3^rank` bool array (`rank == 0` gives a
/// 0-d `True`; `connectivity < 1` counts as 1).
pub fn generate_binary_structure(rank: usize, connectivity: usize) -> Result<Dense, NpError> {
    let connectivity = connectivity.max(1);
    if rank > 64 {
        return Err(NpError {
            kind: NpErrorKind::Memory,
            message: format!("Unable to allocate array with {rank} dimensions of size 3"),
        });
    }
    let shape = vec![3usize; rank];
    checked_size(&shape)?;
    let mut out = Vec::new();
    for_each_index(&shape, |_, ix| {
        out.push(ix.iter().filter(|&&i| i != 1).count() <= connectivity);
    });
    Dense::bools(shape, out)
}

/// The structure's true elements as offsets from its centre (`shape // 2`), and whether the
/// centre itself is set. `None` is the connectivity-1 cross.
fn structure_offsets(
    structure: Option<&Dense>,
    ndim: usize,
) -> Result<(Vec<Vec<isize>>, bool), NpError> {
    let owned;
    let s = match structure {
        Some(s) => s,
        None => {
            owned = generate_binary_structure(ndim, 1)?;
            &owned
        }
    };
    if s.ndim() != ndim {
        return Err(NpError::value(
            "structure and input must have same dimensionality",
        ));
    }
    if s.size() == 0 {
        return Err(NpError::value("structure must not be empty"));
    }
    let t = truthy(s);
    let mut offsets = Vec::new();
    let mut center = false;
    for_each_index(&s.shape, |flat, ix| {
        if t[flat] {
            let o: Vec<isize> = ix
                .iter()
                .zip(&s.shape)
                .map(|(&i, &n)| i as isize - (n / 2) as isize)
                .collect();
            center |= o.iter().all(|&c| c == 0);
            offsets.push(o);
        }
    });
    Ok((offsets, center))
}

/// `label(input, structure)`: `int32` labels numbered in row-major order of first appearance,
/// and the number of features. `structure=None` means cross-shaped (4-connectivity in 2-D).
///
/// The structure must be 3 along every axis and centrosymmetric (scipy raises `RuntimeError` for
/// a rank mismatch and `AssertionError` for asymmetry; both are `ValueError`s here).
pub fn label(input: &Dense, structure: Option<&Dense>) -> Result<(Dense, usize), NpError> {
    let nd = input.ndim();
    if let Some(s) = structure {
        if s.ndim() != nd {
            return Err(NpError::value("structure and input must have equal rank"));
        }
        if s.shape.iter().any(|&n| n != 3) {
            return Err(NpError::value("structure dimensions must be equal to 3"));
        }
        let t = truthy(s);
        if t.iter().zip(t.iter().rev()).any(|(a, b)| a != b) {
            return Err(NpError::value("Structuring element is not symmetric"));
        }
    }
    let (offsets, _) = structure_offsets(structure, nd)?;
    let fg = truthy(input);
    let n = fg.len();
    // Union-find over foreground pixels, joining each pixel with its earlier neighbours.
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let st = strides(&input.shape);
    let back: Vec<&Vec<isize>> = offsets
        .iter()
        .filter(|o| o.iter().find(|&&c| c != 0).is_some_and(|&c| c < 0))
        .collect();
    for_each_index(&input.shape, |p, ix| {
        if !fg[p] {
            return;
        }
        for o in &back {
            if let Some(q) = shifted(ix, o, &input.shape, &st) {
                if fg[q] {
                    let (rp, rq) = (find(&mut parent, p), find(&mut parent, q));
                    if rp != rq {
                        parent[rp.max(rq)] = rp.min(rq);
                    }
                }
            }
        }
    });
    let mut label_of_root = vec![0i64; n];
    let mut count = 0usize;
    let mut out = vec![0i64; n];
    for p in 0..n {
        if fg[p] {
            let r = find(&mut parent, p);
            if label_of_root[r] == 0 {
                count += 1;
                label_of_root[r] = count as i64;
            }
            out[p] = label_of_root[r];
        }
    }
    let labels = Dense::new(DType::Int32, input.shape.clone(), Data::Int(out))?;
    Ok((labels, count))
}

/// `find_objects(labels, max_label)`: for each label 1..=max (max defaults to the largest label),
/// the bounding box as one `(start, stop)` per axis, or `None` when the label is absent.
pub fn find_objects(
    labels: &Dense,
    max_label: Option<usize>,
) -> Result<Vec<Option<BoundingBox>>, NpError> {
    let v = match &labels.data {
        Data::Int(v) => v,
        _ => {
            return Err(NpError::type_error(format!(
                "'numpy.{}' object cannot be interpreted as an integer",
                labels.dtype.name()
            )))
        }
    };
    let max = match max_label.filter(|&m| m >= 1) {
        Some(m) => m,
        None => {
            let m = v.iter().copied().max().ok_or_else(|| {
                NpError::value(
                    "zero-size array to reduction operation maximum which has no identity",
                )
            })?;
            m.max(0) as u64 as usize
        }
    };
    checked_size(&[max])?;
    let nd = labels.ndim();
    let mut boxes: Vec<Option<BoundingBox>> = vec![None; max];
    for_each_index(&labels.shape, |flat, ix| {
        let l = v[flat];
        if l < 1 || l as u64 > max as u64 {
            return;
        }
        let b =
            boxes[l as usize - 1].get_or_insert_with(|| ix.iter().map(|&i| (i, i + 1)).collect());
        for d in 0..nd {
            b[d].0 = b[d].0.min(ix[d]);
            b[d].1 = b[d].1.max(ix[d] + 1);
        }
    });
    Ok(boxes)
}

/// One morphology run: erosion keeps `x[p]` only when every `x[p + o]` (`o` in `offsets`) is set;
/// dilation sets `p` when any `x[p - o]` is. Out-of-range neighbours read `border`; pixels outside
/// `mask` keep their value. `iterations < 1` repeats until nothing changes.
struct Morph<'a> {
    shape: &'a [usize],
    /// Offsets to read from (already negated for dilation).
    offsets: Vec<Vec<isize>>,
    dilate: bool,
    border: bool,
    mask: Option<Vec<bool>>,
}

impl Morph<'_> {
    /// Value of `x` at `p + o`, or the border value outside the array.
    fn read(&self, x: &[bool], p: &[usize], o: &[isize], st: &[usize]) -> bool {
        shifted(p, o, self.shape, st).map_or(self.border, |q| x[q])
    }

    fn in_mask(&self, p: usize) -> bool {
        self.mask.as_ref().is_none_or(|m| m[p])
    }

    /// One full step (brute force).
    fn step(&self, x: &[bool], st: &[usize]) -> Vec<bool> {
        let mut out = x.to_vec();
        for_each_index(self.shape, |p, ix| {
            if self.in_mask(p) {
                out[p] = if self.dilate {
                    self.offsets.iter().any(|o| self.read(x, ix, o, st))
                } else {
                    self.offsets.iter().all(|o| self.read(x, ix, o, st))
                };
            }
        });
        out
    }

    fn run(&self, mut x: Vec<bool>, iterations: i64, center: bool) -> Vec<bool> {
        let st = strides(self.shape);
        if !center {
            // Not monotone: repeat whole steps (capped, where scipy could loop forever).
            let cap = if iterations >= 1 {
                iterations as u64
            } else {
                2 * x.len() as u64 + 4
            };
            for _ in 0..cap {
                let next = self.step(&x, &st);
                let same = next == x;
                x = next;
                if same {
                    break;
                }
            }
            return x;
        }
        // Monotone (centre set): the first step scans everything, later ones only look around
        // the pixels that changed in the previous step.
        let target = !self.dilate;
        let mut changed: Vec<usize> = Vec::new();
        for_each_index(self.shape, |p, ix| {
            if x[p] == target && self.in_mask(p) {
                let flips = if self.dilate {
                    self.offsets.iter().any(|o| self.read(&x, ix, o, &st))
                } else {
                    !self.offsets.iter().all(|o| self.read(&x, ix, o, &st))
                };
                if flips {
                    changed.push(p);
                }
            }
        });
        let mut done = 1i64;
        let mut q = vec![0usize; self.shape.len()];
        let neg: Vec<Vec<isize>> = self
            .offsets
            .iter()
            .map(|o| o.iter().map(|&c| -c).collect())
            .collect();
        loop {
            for &p in &changed {
                x[p] = !target;
            }
            if changed.is_empty() || (iterations >= 1 && done >= iterations) {
                return x;
            }
            done += 1;
            let mut next = Vec::new();
            for &c in &changed {
                unravel(c, self.shape, &mut q);
                for o in &neg {
                    if let Some(p) = shifted(&q, o, self.shape, &st) {
                        if x[p] == target && self.in_mask(p) {
                            x[p] = !target;
                            next.push(p);
                        }
                    }
                }
            }
            // `next` is already applied; re-applying it at the top of the loop is harmless.
            changed = next;
        }
    }
}

/// Shared driver of dilation, erosion and hole filling.
fn morphology(
    shape: &[usize],
    x: Vec<bool>,
    structure: Option<&Dense>,
    iterations: i64,
    border: bool,
    dilate: bool,
    mask: Option<Vec<bool>>,
) -> Result<Dense, NpError> {
    let (mut offsets, center) = structure_offsets(structure, shape.len())?;
    if dilate {
        for o in &mut offsets {
            for c in o.iter_mut() {
                *c = -*c;
            }
        }
    }
    let m = Morph {
        shape,
        offsets,
        dilate,
        border,
        mask,
    };
    let out = m.run(x, iterations, center);
    Dense::bools(shape.to_vec(), out)
}

/// `binary_fill_holes(input, structure)`: background not connected to the border (through
/// background, under `structure`) becomes foreground. Bool result.
pub fn binary_fill_holes(input: &Dense, structure: Option<&Dense>) -> Result<Dense, NpError> {
    let mask: Vec<bool> = truthy(input).iter().map(|&b| !b).collect();
    let reached = morphology(
        &input.shape,
        vec![false; mask.len()],
        structure,
        -1,
        true,
        true,
        Some(mask),
    )?;
    match reached.data {
        Data::Bool(v) => Dense::bools(input.shape.clone(), v.iter().map(|&b| !b).collect()),
        _ => Err(NpError::value("internal error: non-bool morphology result")),
    }
}

/// `binary_dilation(input, structure, iterations, border_value)`: `iterations < 1` repeats until
/// nothing changes, as scipy does.
pub fn binary_dilation(
    input: &Dense,
    structure: Option<&Dense>,
    iterations: i64,
    border_value: bool,
) -> Result<Dense, NpError> {
    morphology(
        &input.shape,
        truthy(input),
        structure,
        iterations,
        border_value,
        true,
        None,
    )
}

/// `binary_erosion(input, structure, iterations, border_value)`.
pub fn binary_erosion(
    input: &Dense,
    structure: Option<&Dense>,
    iterations: i64,
    border_value: bool,
) -> Result<Dense, NpError> {
    morphology(
        &input.shape,
        truthy(input),
        structure,
        iterations,
        border_value,
        false,
        None,
    )
}

#[cfg(test)]
mod tests {
    //! Expected values come from scipy 1.17.
    use super::*;

    fn ints(shape: &[usize], v: &[i64]) -> Dense {
        Dense::ints(shape.to_vec(), v.to_vec()).unwrap()
    }

    fn bits(d: &Dense) -> Vec<i64> {
        match &d.data {
            Data::Bool(v) => v.iter().map(|&b| b as i64).collect(),
            Data::Int(v) => v.clone(),
            Data::Float(v) => v.iter().map(|&f| f as i64).collect(),
        }
    }

    const IMG: [i64; 20] = [1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0, 1, 0, 1, 1, 0];

    #[test]
    fn structures() {
        let s = generate_binary_structure(2, 1).unwrap();
        assert_eq!(bits(&s), vec![0, 1, 0, 1, 1, 1, 0, 1, 0]);
        assert_eq!(bits(&generate_binary_structure(2, 0).unwrap()), bits(&s));
        assert_eq!(
            bits(&generate_binary_structure(2, 2).unwrap())
                .iter()
                .sum::<i64>(),
            9
        );
        assert_eq!(
            bits(&generate_binary_structure(3, 2).unwrap())
                .iter()
                .sum::<i64>(),
            19
        );
        let z = generate_binary_structure(0, 1).unwrap();
        assert_eq!((z.shape.len(), bits(&z)), (0, vec![1]));
        assert_eq!(
            generate_binary_structure(usize::MAX, 1).unwrap_err().kind,
            NpErrorKind::Memory
        );
    }

    #[test]
    fn label_default_and_full_connectivity() {
        let img = ints(&[4, 5], &IMG);
        let (l, n) = label(&img, None).unwrap();
        assert_eq!(n, 4);
        assert_eq!(l.dtype, DType::Int32);
        assert_eq!(
            bits(&l),
            vec![1, 1, 0, 0, 2, 0, 1, 0, 2, 2, 3, 0, 0, 0, 0, 3, 0, 4, 4, 0]
        );
        let ones = Dense::bools(vec![3, 3], vec![true; 9]).unwrap();
        let (l, n) = label(&img, Some(&ones)).unwrap();
        assert_eq!(n, 3);
        assert_eq!(
            bits(&l),
            vec![1, 1, 0, 0, 2, 0, 1, 0, 2, 2, 1, 0, 0, 0, 0, 1, 0, 3, 3, 0]
        );
        let cube = Dense::floats(vec![2, 2, 2], vec![1.0; 8]).unwrap();
        assert_eq!(label(&cube, None).unwrap().1, 1);
        let diag3 = ints(&[1, 2, 2], &[1, 0, 0, 1]);
        let full = generate_binary_structure(3, 3).unwrap();
        assert_eq!(label(&diag3, Some(&full)).unwrap().1, 1);
        assert_eq!(label(&diag3, None).unwrap().1, 2);
    }

    #[test]
    fn label_edge_cases_and_errors() {
        let (l, n) = label(&ints(&[], &[5]), None).unwrap();
        assert_eq!((l.shape.len(), bits(&l), n), (0, vec![1], 1));
        let (l, n) = label(&ints(&[0, 3], &[]), None).unwrap();
        assert_eq!((l.shape, n), (vec![0, 3], 0));
        let img = ints(&[3], &[1, 0, 1]);
        let asym = ints(&[3], &[1, 1, 0]);
        assert_eq!(
            label(&img, Some(&asym)).unwrap_err().message,
            "Structuring element is not symmetric"
        );
        let e = label(&ints(&[1, 3], &[1, 1, 1]), Some(&ints(&[3], &[1, 1, 1]))).unwrap_err();
        assert_eq!(e.message, "structure and input must have equal rank");
        let e = label(&img, Some(&ints(&[5], &[1; 5]))).unwrap_err();
        assert_eq!(e.message, "structure dimensions must be equal to 3");
    }

    #[test]
    fn find_objects_boxes() {
        let (l, _) = label(&ints(&[4, 5], &IMG), None).unwrap();
        let b = find_objects(&l, None).unwrap();
        assert_eq!(
            b,
            vec![
                Some(vec![(0, 2), (0, 2)]),
                Some(vec![(0, 2), (3, 5)]),
                Some(vec![(2, 4), (0, 1)]),
                Some(vec![(3, 4), (2, 4)]),
            ]
        );
        assert_eq!(find_objects(&l, Some(2)).unwrap().len(), 2);
        let g = find_objects(&ints(&[3], &[0, 2, -1]), None).unwrap();
        assert_eq!(g, vec![None, Some(vec![(1, 2)])]);
        assert_eq!(
            find_objects(&ints(&[], &[1]), None).unwrap(),
            vec![Some(vec![])]
        );
        let e = find_objects(&ints(&[0], &[]), None).unwrap_err();
        assert_eq!(
            e.message,
            "zero-size array to reduction operation maximum which has no identity"
        );
        let e = find_objects(&Dense::bools(vec![1], vec![true]).unwrap(), None).unwrap_err();
        assert_eq!(e.kind, NpErrorKind::Type);
        assert!(find_objects(&ints(&[2], &[0, -4]), None)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn fill_holes() {
        let mut ring = vec![0i64; 25];
        for i in [6, 7, 8, 11, 13, 16, 17, 18] {
            ring[i] = 1;
        }
        let f = binary_fill_holes(&ints(&[5, 5], &ring), None).unwrap();
        assert_eq!(f.dtype, DType::Bool);
        let mut want = ring.clone();
        want[12] = 1;
        assert_eq!(bits(&f), want);
        // The hole touches a corner gap: open under 8-connectivity, closed under 4.
        let corner = ints(&[3, 3], &[1, 1, 1, 1, 0, 1, 1, 1, 0]);
        assert_eq!(
            bits(&binary_fill_holes(&corner, None).unwrap()),
            vec![1, 1, 1, 1, 1, 1, 1, 1, 0]
        );
        let ones = ints(&[3, 3], &[1; 9]);
        assert_eq!(
            bits(&binary_fill_holes(&corner, Some(&ones)).unwrap()),
            bits(&corner)
        );
        assert_eq!(
            bits(&binary_fill_holes(&ints(&[], &[0]), None).unwrap()),
            vec![1]
        );
        assert_eq!(
            binary_fill_holes(&ints(&[0, 3], &[]), None).unwrap().shape,
            vec![0, 3]
        );
    }

    #[test]
    fn dilation_and_erosion() {
        let mut dot = vec![0i64; 12];
        dot[5] = 1;
        let d = binary_dilation(&ints(&[3, 4], &dot), None, 2, false).unwrap();
        assert_eq!(bits(&d), vec![1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0]);
        let ones = ints(&[3, 4], &[1; 12]);
        assert_eq!(
            bits(&binary_erosion(&ones, None, 1, true).unwrap()),
            vec![1; 12]
        );
        assert_eq!(
            bits(&binary_erosion(&ones, None, 1, false).unwrap()),
            vec![0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]
        );
        let big = ints(&[5, 7], &[1; 35]);
        let e = binary_erosion(&big, None, 2, false).unwrap();
        let mut want = vec![0i64; 35];
        want[16..19].copy_from_slice(&[1, 1, 1]);
        assert_eq!(bits(&e), want);
        let all = binary_erosion(&ints(&[5, 5], &[1; 25]), None, -1, false).unwrap();
        assert_eq!(bits(&all), vec![0; 25]);
        // Even-sized structures: dilation reads x[p] | x[p+1], erosion x[p-1] & x[p].
        let s2 = ints(&[2], &[1, 1]);
        let d = binary_dilation(&ints(&[4], &[0, 1, 0, 0]), Some(&s2), 1, false).unwrap();
        assert_eq!(bits(&d), vec![1, 1, 0, 0]);
        let e = binary_erosion(&ints(&[6], &[0, 1, 1, 1, 0, 1]), Some(&s2), 1, false).unwrap();
        assert_eq!(bits(&e), vec![0, 0, 1, 1, 0, 0]);
        // An asymmetric structure is reflected for dilation.
        let s = ints(&[3], &[1, 1, 0]);
        let d = binary_dilation(&ints(&[5], &[0, 0, 1, 0, 0]), Some(&s), 1, false).unwrap();
        assert_eq!(bits(&d), vec![0, 1, 1, 0, 0]);
        let e = binary_erosion(&ints(&[5], &[0, 1, 1, 1, 0]), Some(&s), 1, false).unwrap();
        assert_eq!(bits(&e), vec![0, 0, 1, 1, 0]);
        assert_eq!(
            bits(&binary_dilation(&ints(&[], &[1]), None, 1, false).unwrap()),
            vec![1]
        );
        let e = binary_dilation(
            &ints(&[4], &[0; 4]),
            Some(&ints(&[1, 2], &[1, 1])),
            1,
            false,
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "structure and input must have same dimensionality"
        );
    }
}
