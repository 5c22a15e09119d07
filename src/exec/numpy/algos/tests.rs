//! Unit tests of [`algos`](super); expected values come from numpy 2.4.

use super::super::dense::NpErrorKind;
use super::*;

fn ints(shape: &[usize], v: &[i64]) -> Dense {
    Dense::ints(shape.to_vec(), v.to_vec()).unwrap()
}

fn typed(dtype: DType, shape: &[usize], v: &[i64]) -> Dense {
    Dense::new(dtype, shape.to_vec(), Data::Int(v.to_vec())).unwrap()
}

fn iv(d: &Dense) -> Vec<i64> {
    match &d.data {
        Data::Int(v) => v.clone(),
        Data::Bool(v) => v.iter().map(|&b| b as i64).collect(),
        Data::Float(v) => v.iter().map(|&f| f as i64).collect(),
    }
}

fn arange(shape: &[usize]) -> Dense {
    let n: usize = shape.iter().product();
    ints(shape, &(0..n as i64).collect::<Vec<_>>())
}

#[test]
fn unique_flat_with_all_outputs() {
    let u = unique(&ints(&[5], &[3, 1, 2, 1, 3]), None).unwrap();
    assert_eq!(u.values, ints(&[3], &[1, 2, 3]));
    assert_eq!(u.index, vec![1, 2, 0]);
    assert_eq!(u.inverse, vec![2, 0, 1, 0, 2]);
    assert_eq!(u.counts, vec![2, 1, 2]);
    let z = unique(&ints(&[], &[7]), None).unwrap();
    assert_eq!(z.values, ints(&[1], &[7]));
    let e = unique(&ints(&[0], &[]), None).unwrap();
    assert_eq!(e.values.shape, vec![0]);
}

#[test]
fn unique_rows_and_columns() {
    let a = ints(&[3, 2], &[1, 0, 0, 1, 1, 0]);
    let u = unique(&a, Some(0)).unwrap();
    assert_eq!(u.values, ints(&[2, 2], &[0, 1, 1, 0]));
    assert_eq!(
        (u.index, u.inverse, u.counts),
        (vec![1, 0], vec![1, 0, 1], vec![1, 2])
    );
    let c = unique(&ints(&[2, 3], &[1, 0, 1, 0, 1, 0]), Some(-1)).unwrap();
    assert_eq!(c.values, ints(&[2, 2], &[0, 1, 1, 0]));
    assert_eq!(c.inverse, vec![1, 0, 1]);
    // (3, 0) rows: one (empty) unique row, as numpy.
    let e = unique(&ints(&[3, 0], &[]), Some(0)).unwrap();
    assert_eq!((e.values.shape, e.counts), (vec![1, 0], vec![3]));
    let err = unique(&ints(&[], &[5]), Some(0)).unwrap_err();
    assert_eq!(
        err.message,
        "axis 0 is out of bounds for array of dimension 0"
    );
}

#[test]
fn rot90_all_k_and_errors() {
    let a = arange(&[2, 3]);
    assert_eq!(iv(&rot90(&a, 1, (0, 1)).unwrap()), vec![2, 5, 1, 4, 0, 3]);
    assert_eq!(rot90(&a, 1, (0, 1)).unwrap().shape, vec![3, 2]);
    assert_eq!(iv(&rot90(&a, -1, (0, 1)).unwrap()), vec![3, 0, 4, 1, 5, 2]);
    assert_eq!(iv(&rot90(&a, 7, (0, 1)).unwrap()), vec![3, 0, 4, 1, 5, 2]);
    assert_eq!(iv(&rot90(&a, 2, (0, 1)).unwrap()), vec![5, 4, 3, 2, 1, 0]);
    assert_eq!(rot90(&a, 4, (0, 1)).unwrap(), a);
    let b = arange(&[2, 2, 2]);
    assert_eq!(
        iv(&rot90(&b, 1, (1, 2)).unwrap()),
        vec![1, 3, 0, 2, 5, 7, 4, 6]
    );
    let e = rot90(&a, 1, (0, -2)).unwrap_err();
    assert_eq!(e.message, "Axes must be different.");
    let e = rot90(&arange(&[3]), 1, (0, 1)).unwrap_err();
    assert_eq!(e.message, "Axes must be different.");
    let e = rot90(&b, 1, (0, 4)).unwrap_err();
    assert_eq!(e.message, "Axes=(0, 4) out of range for array of ndim=3.");
}

#[test]
fn flip_axes() {
    let a = arange(&[2, 3]);
    assert_eq!(iv(&flip(&a, None).unwrap()), vec![5, 4, 3, 2, 1, 0]);
    assert_eq!(iv(&flip(&a, Some(&[-1])).unwrap()), vec![2, 1, 0, 5, 4, 3]);
    assert_eq!(
        flip(&a, Some(&[0, 0])).unwrap_err().message,
        "repeated axis"
    );
    let e = flip(&a, Some(&[2])).unwrap_err();
    assert_eq!(
        (e.kind, e.message.as_str()),
        (
            NpErrorKind::Axis,
            "axis 2 is out of bounds for array of dimension 2"
        )
    );
    assert_eq!(flip(&ints(&[], &[4]), None).unwrap(), ints(&[], &[4]));
}

#[test]
fn pad_modes() {
    let a = arange(&[3]);
    let p = |w, m: PadMode| iv(&pad(&a, &[w], &m).unwrap());
    assert_eq!(
        p((5, 4), PadMode::Reflect),
        vec![1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2]
    );
    assert_eq!(
        p((4, 4), PadMode::Symmetric),
        vec![2, 2, 1, 0, 0, 1, 2, 2, 1, 0, 0]
    );
    assert_eq!(p((4, 2), PadMode::Wrap), vec![2, 0, 1, 2, 0, 1, 2, 0, 1]);
    assert_eq!(p((2, 1), PadMode::Edge), vec![0, 0, 0, 1, 2, 2]);
    // Later axes win at the corners.
    let b = arange(&[2, 2]);
    let vals = vec![
        (Scalar::Int(7), Scalar::Int(8)),
        (Scalar::Int(5), Scalar::Int(6)),
    ];
    let r = pad(&b, &[(1, 1), (1, 1)], &PadMode::Constant(vals)).unwrap();
    assert_eq!(iv(&r), vec![5, 7, 7, 6, 5, 0, 1, 6, 5, 2, 3, 6, 5, 8, 8, 6]);
    // Values are cast to the array dtype.
    let u = typed(DType::UInt8, &[2], &[1, 2]);
    let c = PadMode::Constant(vec![(Scalar::Int(300), Scalar::Float(-2.7))]);
    assert_eq!(
        pad(&u, &[(1, 1)], &c).unwrap(),
        typed(DType::UInt8, &[4], &[44, 1, 2, 254])
    );
    let e = pad(&ints(&[0, 2], &[]), &[(1, 0), (1, 1)], &PadMode::Edge).unwrap_err();
    assert_eq!(
        e.message,
        "can't extend empty axis 0 using modes other than 'constant' or 'empty'"
    );
    assert_eq!(
        pad(&ints(&[0, 2], &[]), &[(0, 0), (1, 1)], &PadMode::Edge)
            .unwrap()
            .shape,
        vec![0, 4]
    );
    let z = PadMode::Constant(vec![(Scalar::Int(0), Scalar::Int(0))]);
    assert_eq!(
        pad(&ints(&[0], &[]), &[(1, 1)], &z).unwrap(),
        ints(&[2], &[0, 0])
    );
    let big = pad(&a, &[(usize::MAX, 1)], &PadMode::Edge).unwrap_err();
    assert_eq!(big.kind, NpErrorKind::Memory);
}

#[test]
fn tile_and_repeat() {
    let r = tile(&ints(&[2], &[1, 2]), &[2, 2]).unwrap();
    assert_eq!(
        (r.shape.clone(), iv(&r)),
        (vec![2, 4], vec![1, 2, 1, 2, 1, 2, 1, 2])
    );
    assert_eq!(
        iv(&tile(&arange(&[2, 2]), &[2]).unwrap()),
        vec![0, 1, 0, 1, 2, 3, 2, 3]
    );
    assert_eq!(tile(&ints(&[], &[1]), &[]).unwrap(), ints(&[], &[1]));
    assert_eq!(tile(&ints(&[2], &[1, 2]), &[0]).unwrap().shape, vec![0]);
    let e = tile(&ints(&[1], &[1]), &[1_000_000, 1_000_000]).unwrap_err();
    assert_eq!(e.kind, NpErrorKind::Memory);
    let e = tile(&ints(&[2], &[1, 2]), &[usize::MAX]).unwrap_err();
    assert_eq!(e.kind, NpErrorKind::Memory);
    let m = ints(&[2, 2], &[1, 2, 3, 4]);
    assert_eq!(
        iv(&repeat(&m, &[1, 2], Some(-1)).unwrap()),
        vec![1, 2, 2, 3, 4, 4]
    );
    assert_eq!(
        iv(&repeat(&m, &[2], None).unwrap()),
        vec![1, 1, 2, 2, 3, 3, 4, 4]
    );
    assert_eq!(
        repeat(&ints(&[], &[3]), &[2], Some(0)).unwrap(),
        ints(&[2], &[3, 3])
    );
    let e = repeat(&ints(&[3], &[1, 2, 3]), &[1, 2], None).unwrap_err();
    assert_eq!(
        e.message,
        "operands could not be broadcast together with shape (3,) (2,)"
    );
    let e = repeat(&ints(&[1], &[1]), &[usize::MAX], None).unwrap_err();
    assert_eq!(e.kind, NpErrorKind::Memory);
}

#[test]
fn kron_promotes() {
    let a = typed(DType::Int8, &[2, 2], &[1, 0, 0, 1]);
    let b = typed(DType::UInt8, &[2, 2], &[1, 2, 3, 4]);
    let k = kron(&a, &b).unwrap();
    assert_eq!(k.dtype, DType::Int16);
    assert_eq!(k.shape, vec![4, 4]);
    assert_eq!(iv(&k)[..8], [1, 2, 0, 0, 3, 4, 0, 0]);
    let s = kron(&ints(&[], &[2]), &ints(&[], &[3])).unwrap();
    assert_eq!(s, ints(&[], &[6]));
    let bb = kron(
        &Dense::bools(vec![2], vec![true, false]).unwrap(),
        &Dense::bools(vec![2], vec![true, true]).unwrap(),
    )
    .unwrap();
    assert_eq!(
        bb,
        Dense::bools(vec![4], vec![true, true, false, false]).unwrap()
    );
}

#[test]
fn concatenate_and_stack() {
    let a = arange(&[2, 2]);
    let f = Dense::floats(vec![1, 2], vec![0.5, 1.5]).unwrap();
    let c = concatenate(&[a.clone(), f.clone()], Some(0)).unwrap();
    assert_eq!(
        c,
        Dense::floats(vec![3, 2], vec![0.0, 1.0, 2.0, 3.0, 0.5, 1.5]).unwrap()
    );
    let c = concatenate(&[a.clone(), arange(&[2, 1])], Some(-1)).unwrap();
    assert_eq!(iv(&c), vec![0, 1, 0, 2, 3, 1]);
    assert_eq!(
        iv(&concatenate(&[a.clone(), ints(&[], &[9])], None).unwrap()),
        vec![0, 1, 2, 3, 9]
    );
    let e = concatenate(&[arange(&[2, 3]), arange(&[2, 2])], Some(0)).unwrap_err();
    assert_eq!(
        e.message,
        "all the input array dimensions except for the concatenation axis must match exactly, \
         but along dimension 1, the array at index 0 has size 3 and the array at index 1 has size 2"
    );
    let e = concatenate(&[a.clone(), arange(&[2])], Some(0)).unwrap_err();
    assert!(e
        .message
        .starts_with("all the input arrays must have same number of dimensions"));
    let e = concatenate(&[ints(&[], &[1]), ints(&[], &[2])], Some(0)).unwrap_err();
    assert_eq!(e.message, "zero-dimensional arrays cannot be concatenated");
    assert_eq!(
        concatenate(&[], None).unwrap_err().message,
        "need at least one array to concatenate"
    );
    assert_eq!(
        concatenate(std::slice::from_ref(&a), Some(2))
            .unwrap_err()
            .kind,
        NpErrorKind::Axis
    );
    let s = stack(&[arange(&[2]), ints(&[2], &[5, 6])], -1).unwrap();
    assert_eq!((s.shape.clone(), iv(&s)), (vec![2, 2], vec![0, 5, 1, 6]));
    assert_eq!(
        stack(&[arange(&[2]), arange(&[3])], 0).unwrap_err().message,
        "all input arrays must have the same shape"
    );
    assert_eq!(
        stack(&[arange(&[2])], 2).unwrap_err().message,
        "axis 2 is out of bounds for array of dimension 2"
    );
    assert_eq!(
        stack(&[ints(&[], &[1]), ints(&[], &[2])], 0).unwrap(),
        ints(&[2], &[1, 2])
    );
}

#[test]
fn roll_shifts() {
    let a = arange(&[2, 3]);
    assert_eq!(
        iv(&roll(&a, &[1, -1], Some(&[0, 1])).unwrap()),
        vec![4, 5, 3, 1, 2, 0]
    );
    assert_eq!(iv(&roll(&a, &[2], None).unwrap()), vec![4, 5, 0, 1, 2, 3]);
    assert_eq!(roll(&a, &[2], None).unwrap().shape, vec![2, 3]);
    assert_eq!(
        iv(&roll(&arange(&[6]), &[1, 2], None).unwrap()),
        vec![3, 4, 5, 0, 1, 2]
    );
    assert_eq!(
        iv(&roll(&a, &[i64::MIN], Some(&[1])).unwrap()),
        iv(&roll(&a, &[1], Some(&[1])).unwrap())
    );
    assert!(roll(&a, &[1, 2], Some(&[0, 1, 1]))
        .unwrap_err()
        .message
        .starts_with("shape mismatch"));
    assert_eq!(
        roll(&a, &[1], Some(&[-3])).unwrap_err().message,
        "axis -3 is out of bounds for array of dimension 2"
    );
    assert_eq!(roll(&ints(&[0], &[]), &[3], None).unwrap().shape, vec![0]);
}

#[test]
fn sort_and_argsort() {
    let a = ints(&[2, 3], &[3, 1, 2, 1, 1, 0]);
    assert_eq!(iv(&sort(&a, Some(-1)).unwrap()), vec![1, 2, 3, 0, 1, 1]);
    assert_eq!(iv(&argsort(&a, Some(0)).unwrap()), vec![1, 0, 1, 0, 1, 0]);
    assert_eq!(iv(&argsort(&a, None).unwrap()), vec![5, 1, 3, 4, 2, 0]);
    let f = Dense::floats(vec![4], vec![2.0, f64::NAN, -1.0, 2.0]).unwrap();
    assert_eq!(iv(&argsort(&f, Some(0)).unwrap()), vec![2, 0, 3, 1]);
    let s = sort(&f, None).unwrap();
    let Data::Float(v) = &s.data else { panic!() };
    assert_eq!(&v[..3], &[-1.0, 2.0, 2.0]);
    assert!(v[3].is_nan());
    // numpy treats a 0-d array as 1-D in argsort but not in sort.
    assert_eq!(
        argsort(&ints(&[], &[5]), Some(-1)).unwrap(),
        ints(&[1], &[0])
    );
    assert_eq!(
        sort(&ints(&[], &[5]), Some(-1)).unwrap_err().message,
        "axis -1 is out of bounds for array of dimension 0"
    );
    let b = Dense::bools(vec![3], vec![true, false, true]).unwrap();
    assert_eq!(
        sort(&b, Some(0)).unwrap(),
        Dense::bools(vec![3], vec![false, true, true]).unwrap()
    );
}

#[test]
fn bincount_cases() {
    assert_eq!(
        bincount(&ints(&[3], &[0, 2, 2]), None, 0).unwrap(),
        ints(&[3], &[1, 0, 2])
    );
    let w = Dense::floats(vec![3], vec![0.5, 1.0, 2.0]).unwrap();
    let r = bincount(&ints(&[3], &[0, 2, 2]), Some(&w), 4).unwrap();
    assert_eq!(r, Dense::floats(vec![4], vec![0.5, 0.0, 3.0, 0.0]).unwrap());
    let b = Dense::bools(vec![3], vec![true, false, true]).unwrap();
    assert_eq!(bincount(&b, None, 0).unwrap(), ints(&[2], &[1, 2]));
    assert_eq!(
        bincount(&ints(&[0], &[]), None, 2).unwrap(),
        ints(&[2], &[0, 0])
    );
    let e = bincount(&ints(&[1], &[-1]), None, 0).unwrap_err();
    assert_eq!(e.message, "'list' argument must have no negative elements");
    assert_eq!(
        bincount(&ints(&[1, 1], &[1]), None, 0).unwrap_err().message,
        "object too deep for desired array"
    );
    assert_eq!(
        bincount(&ints(&[], &[1]), None, 0).unwrap_err().message,
        "object of too small depth for desired array"
    );
    let e = bincount(&Dense::floats(vec![1], vec![1.0]).unwrap(), None, 0).unwrap_err();
    assert_eq!(e.kind, NpErrorKind::Type);
    let e = bincount(&ints(&[2], &[1, 2]), Some(&w), 0).unwrap_err();
    assert_eq!(
        e.message,
        "The weights and list don't have the same length."
    );
    assert_eq!(
        bincount(&ints(&[1], &[i64::MAX]), None, 0)
            .unwrap_err()
            .kind,
        NpErrorKind::Memory
    );
}

#[test]
fn diag_and_diagonal() {
    let d = diag(&ints(&[2], &[1, 2]), -1).unwrap();
    assert_eq!(
        (d.shape.clone(), iv(&d)),
        (vec![3, 3], vec![0, 0, 0, 1, 0, 0, 0, 2, 0])
    );
    assert_eq!(iv(&diag(&arange(&[3, 3]), 1).unwrap()), vec![1, 5]);
    assert_eq!(diag(&arange(&[2, 2]), 5).unwrap().shape, vec![0]);
    assert_eq!(
        diag(&arange(&[2, 2, 2]), 0).unwrap_err().message,
        "Input must be 1- or 2-d."
    );
    assert_eq!(
        diagonal(&arange(&[2]), 0).unwrap_err().message,
        "diag requires an array of at least two dimensions"
    );
    assert_eq!(iv(&diagonal(&arange(&[3, 2]), -1).unwrap()), vec![2, 5]);
    assert_eq!(
        diag(&ints(&[2], &[1, 2]), i64::MIN).unwrap_err().kind,
        NpErrorKind::Memory
    );
    let b = diag(&Dense::bools(vec![1], vec![true]).unwrap(), 1).unwrap();
    assert_eq!(
        b,
        Dense::bools(vec![2, 2], vec![false, true, false, false]).unwrap()
    );
}

#[test]
fn nonzero_family() {
    let a = ints(&[2, 2], &[0, 1, 2, 0]);
    assert_eq!(argwhere(&a).unwrap(), ints(&[2, 2], &[0, 1, 1, 0]));
    let nz = nonzero(&a).unwrap();
    assert_eq!((iv(&nz[0]), iv(&nz[1])), (vec![0, 1], vec![1, 0]));
    assert_eq!(argwhere(&ints(&[], &[5])).unwrap().shape, vec![1, 0]);
    assert_eq!(argwhere(&ints(&[], &[0])).unwrap().shape, vec![0, 0]);
    assert!(nonzero(&ints(&[], &[1]))
        .unwrap_err()
        .message
        .starts_with("Calling nonzero on 0d arrays"));
    let c = ints(&[3, 2], &[0, 1, 2, 0, 3, 3]);
    assert_eq!(count_nonzero(&c, Some(-1)).unwrap(), ints(&[3], &[1, 1, 2]));
    assert_eq!(count_nonzero(&c, None).unwrap(), ints(&[], &[4]));
    assert_eq!(
        count_nonzero(&ints(&[], &[7]), Some(0)).unwrap(),
        ints(&[], &[1])
    );
    assert_eq!(
        count_nonzero(&c, Some(2)).unwrap_err().kind,
        NpErrorKind::Axis
    );
    let f = Dense::floats(vec![3], vec![0.0, -0.0, f64::NAN]).unwrap();
    assert_eq!(count_nonzero(&f, None).unwrap(), ints(&[], &[1]));
}

#[test]
fn isin_across_dtypes() {
    let e = ints(&[2, 2], &[1, 2, 3, 4]);
    let t = Dense::floats(vec![2], vec![1.0, 4.0]).unwrap();
    assert_eq!(
        isin(&e, &t, false).unwrap(),
        Dense::bools(vec![2, 2], vec![true, false, false, true]).unwrap()
    );
    assert_eq!(
        isin(&e, &t, true).unwrap(),
        Dense::bools(vec![2, 2], vec![false, true, true, false]).unwrap()
    );
    let n = Dense::floats(vec![1], vec![f64::NAN]).unwrap();
    assert_eq!(
        isin(&n, &n, false).unwrap(),
        Dense::bools(vec![1], vec![false]).unwrap()
    );
    let b = Dense::bools(vec![], vec![true]).unwrap();
    assert_eq!(
        isin(&b, &ints(&[1], &[1]), false).unwrap(),
        Dense::bools(vec![], vec![true]).unwrap()
    );
}

#[test]
fn meshgrid_indices_eye() {
    let g = meshgrid(
        &[
            ints(&[3], &[1, 2, 3]),
            Dense::floats(vec![2], vec![4.0, 5.0]).unwrap(),
        ],
        false,
    )
    .unwrap();
    assert_eq!(g[0], ints(&[2, 3], &[1, 2, 3, 1, 2, 3]));
    assert_eq!(
        g[1],
        Dense::floats(vec![2, 3], vec![4.0, 4.0, 4.0, 5.0, 5.0, 5.0]).unwrap()
    );
    let g = meshgrid(&[ints(&[3], &[1, 2, 3]), ints(&[2], &[4, 5])], true).unwrap();
    assert_eq!(g[0], ints(&[3, 2], &[1, 1, 2, 2, 3, 3]));
    assert!(meshgrid(&[], false).unwrap().is_empty());
    assert_eq!(
        iv(&indices(&[2, 3]).unwrap()),
        vec![0, 0, 0, 1, 1, 1, 0, 1, 2, 0, 1, 2]
    );
    assert_eq!(indices(&[]).unwrap().shape, vec![0]);
    let e = eye(2, 3, 1, DType::Bool).unwrap();
    assert_eq!(
        e,
        Dense::bools(vec![2, 3], vec![false, true, false, false, false, true]).unwrap()
    );
    assert_eq!(
        eye(2, 2, i64::MIN, DType::Int64).unwrap(),
        ints(&[2, 2], &[0; 4])
    );
    assert_eq!(
        eye(1 << 20, 1 << 20, 0, DType::Int64).unwrap_err().kind,
        NpErrorKind::Memory
    );
}

#[test]
fn dot_shapes_and_errors() {
    let a = arange(&[2, 3]);
    assert_eq!(dot(&a, &arange(&[3])).unwrap(), ints(&[2], &[5, 14]));
    assert_eq!(dot(&arange(&[2]), &a).unwrap(), ints(&[3], &[3, 4, 5]));
    assert_eq!(
        dot(&ints(&[2], &[1, 2]), &ints(&[2], &[3, 4])).unwrap(),
        ints(&[], &[11])
    );
    let m = dot(&a, &arange(&[3, 2])).unwrap();
    assert_eq!(m, ints(&[2, 2], &[10, 13, 28, 40]));
    let s = dot(&Dense::floats(vec![], vec![0.5]).unwrap(), &a).unwrap();
    assert_eq!(
        s,
        Dense::floats(vec![2, 3], vec![0.0, 0.5, 1.0, 1.5, 2.0, 2.5]).unwrap()
    );
    let e = dot(&a, &a).unwrap_err();
    assert_eq!(
        e.message,
        "shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)"
    );
    let e = dot(&arange(&[3]), &arange(&[2])).unwrap_err();
    assert_eq!(
        e.message,
        "shapes (3,) and (2,) not aligned: 3 (dim 0) != 2 (dim 0)"
    );
    let i8s = typed(DType::Int8, &[2], &[100, 100]);
    assert_eq!(
        dot(&i8s, &typed(DType::Int8, &[2], &[2, 1])).unwrap(),
        typed(DType::Int8, &[], &[44])
    );
    let t = Dense::bools(vec![2], vec![true, true]).unwrap();
    assert_eq!(
        dot(&t, &t).unwrap(),
        Dense::bools(vec![], vec![true]).unwrap()
    );
    assert_eq!(
        dot(&arange(&[2, 0]), &arange(&[0, 3])).unwrap(),
        ints(&[2, 3], &[0; 6])
    );
    assert_eq!(
        dot(&arange(&[2, 2, 3]), &arange(&[2, 3, 4])).unwrap().shape,
        vec![2, 2, 2, 4]
    );
}

#[test]
fn array_equal_values() {
    let a = ints(&[2], &[1, 0]);
    assert!(array_equal(
        &a,
        &Dense::floats(vec![2], vec![1.0, 0.0]).unwrap()
    ));
    assert!(array_equal(
        &a,
        &Dense::bools(vec![2], vec![true, false]).unwrap()
    ));
    assert!(!array_equal(&a, &ints(&[1, 2], &[1, 0])));
    assert!(!array_equal(&a, &ints(&[2], &[1, 1])));
    let n = Dense::floats(vec![1], vec![f64::NAN]).unwrap();
    assert!(!array_equal(&n, &n));
    assert!(array_equal(
        &ints(&[0, 3], &[]),
        &Dense::floats(vec![0, 3], vec![]).unwrap()
    ));
}

#[test]
fn cumsum_and_diff() {
    let b = Dense::bools(vec![2, 2], vec![true, true, false, true]).unwrap();
    assert_eq!(cumsum(&b, Some(0)).unwrap(), ints(&[2, 2], &[1, 1, 1, 2]));
    assert_eq!(
        cumsum(&typed(DType::Int8, &[2], &[100, 100]), None).unwrap(),
        ints(&[2], &[100, 200])
    );
    assert_eq!(cumsum(&ints(&[], &[5]), Some(0)).unwrap(), ints(&[1], &[5]));
    assert_eq!(
        cumsum(&ints(&[], &[5]), Some(1)).unwrap_err().message,
        "axis 1 is out of bounds for array of dimension 1"
    );
    let f = Dense::floats(vec![3], vec![0.5, 1.0, 2.0]).unwrap();
    assert_eq!(
        cumsum(&f, Some(-1)).unwrap(),
        Dense::floats(vec![3], vec![0.5, 1.5, 3.5]).unwrap()
    );
    let bd = Dense::bools(vec![4], vec![true, false, false, true]).unwrap();
    assert_eq!(
        diff(&bd, -1).unwrap(),
        Dense::bools(vec![3], vec![true, false, true]).unwrap()
    );
    assert_eq!(
        diff(&ints(&[2, 2], &[1, 4, 9, 16]), 0).unwrap(),
        ints(&[1, 2], &[8, 12])
    );
    assert_eq!(
        diff(&typed(DType::UInt8, &[2], &[3, 1]), 0).unwrap(),
        typed(DType::UInt8, &[1], &[254])
    );
    assert_eq!(diff(&ints(&[0], &[]), 0).unwrap().shape, vec![0]);
    assert_eq!(
        diff(&ints(&[], &[1]), -1).unwrap_err().message,
        "diff requires input that is at least one dimensional"
    );
}

#[test]
fn triu_tril() {
    assert_eq!(
        iv(&tri_part(&arange(&[3, 3]), -1, true).unwrap()),
        vec![0, 0, 0, 3, 0, 0, 6, 7, 0]
    );
    assert_eq!(
        iv(&tri_part(&arange(&[2, 3]), 1, false).unwrap()),
        vec![0, 1, 2, 0, 0, 5]
    );
    let v = tri_part(&ints(&[3], &[1, 2, 3]), 0, false).unwrap();
    assert_eq!(
        (v.shape.clone(), iv(&v)),
        (vec![3, 3], vec![1, 2, 3, 0, 2, 3, 0, 0, 3])
    );
    assert_eq!(
        tri_part(&ints(&[], &[1]), 0, false).unwrap_err().kind,
        NpErrorKind::Type
    );
    assert_eq!(
        tri_part(&ints(&[0, 2], &[]), 0, true).unwrap().shape,
        vec![0, 2]
    );
}
