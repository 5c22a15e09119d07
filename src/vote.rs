//! Choosing up to two predictions per test input from many attempts (pass@2).
//!
//! Two rules, both reported: weighted majority (writes the submission) and train-majority.
//! Ties break by vote count, then by which prediction appeared first, so results are deterministic.

use crate::score::Attempt;
use crate::task::Grid;

/// A distinct predicted grid with its pooled score.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The predicted grid.
    pub grid: Grid,
    /// Pooled weight (weighted majority) or vote count (train-majority).
    pub score: f64,
    /// Attempts that predicted it.
    pub votes: usize,
}

/// Weight of one attempt's vote: (1 + 1000 × train accuracy) × (1 − transduction confidence)².
pub fn attempt_weight(attempt: &Attempt) -> f64 {
    let keep = 1.0 - attempt.transduction.clamp(0.0, 1.0);
    (1.0 + 1000.0 * attempt.train_accuracy()) * keep * keep
}

/// Pools identical predictions for test input `test_index`, scoring each vote with `weight`;
/// returns candidates best first.
fn pool<'a>(
    attempts: impl Iterator<Item = &'a Attempt>,
    test_index: usize,
    weight: impl Fn(&Attempt) -> f64,
) -> Vec<Candidate> {
    let mut candidates: Vec<Candidate> = Vec::new();
    for a in attempts {
        let Some(Some(grid)) = a.test_predictions.get(test_index) else {
            continue;
        };
        let w = weight(a);
        match candidates.iter_mut().find(|c| &c.grid == grid) {
            Some(c) => {
                c.score += w;
                c.votes += 1;
            }
            None => candidates.push(Candidate {
                grid: grid.clone(),
                score: w,
                votes: 1,
            }),
        }
    }
    // Stable sort: equal score and votes keep first-seen order.
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| b.votes.cmp(&a.votes))
    });
    candidates
}

/// Weighted majority over all attempts for one test input, best first.
pub fn weighted_majority(attempts: &[Attempt], test_index: usize) -> Vec<Candidate> {
    pool(attempts.iter(), test_index, attempt_weight)
}

/// Train-majority: among attempts with a prediction and the best train accuracy, one vote each.
pub fn train_majority(attempts: &[Attempt], test_index: usize) -> Vec<Candidate> {
    let with_prediction = || {
        attempts
            .iter()
            .filter(move |a| matches!(a.test_predictions.get(test_index), Some(Some(_))))
    };
    let Some(best) = with_prediction()
        .map(Attempt::train_accuracy)
        .max_by(f64::total_cmp)
    else {
        return Vec::new();
    };
    pool(
        with_prediction().filter(|a| a.train_accuracy() == best),
        test_index,
        |_| 1.0,
    )
}

/// The first two grids of a ranked candidate list.
pub fn top2(candidates: &[Candidate]) -> Vec<Grid> {
    candidates.iter().take(2).map(|c| c.grid.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::Completion;
    use crate::score::Category;

    fn g(v: u8) -> Grid {
        Grid(vec![vec![v, v], vec![v, v]])
    }

    fn attempt(pred: Option<u8>, train: &[bool], transduction: f64) -> Attempt {
        Attempt {
            task_id: "t".into(),
            index: 0,
            label: None,
            completion: Completion::text(""),
            code: None,
            train_correct: train.to_vec(),
            train_pixel_accuracy: vec![0.0; train.len()],
            train_outputs: vec![],
            test_predictions: vec![pred.map(g)],
            test_correct: None,
            errors: vec![],
            category: Category::Ok,
            transduction,
            exec_seconds: 0.0,
            parent: None,
            depth: 0,
        }
    }

    #[test]
    fn weights_follow_the_formula() {
        assert_eq!(
            attempt_weight(&attempt(Some(1), &[true, false], 0.0)),
            501.0
        );
        assert_eq!(
            attempt_weight(&attempt(Some(1), &[true, true], 0.5)),
            1001.0 * 0.25
        );
        assert_eq!(attempt_weight(&attempt(Some(1), &[false], 1.0)), 0.0);
    }

    #[test]
    fn pooling_and_train_accuracy_dominate_counts() {
        let attempts = vec![
            attempt(Some(1), &[false, false], 0.0),
            attempt(Some(1), &[false, false], 0.0),
            attempt(Some(1), &[false, false], 0.0),
            attempt(Some(2), &[true, false], 0.0),
            attempt(Some(3), &[false, false], 0.0),
            attempt(None, &[true, true], 0.0),
        ];
        let ranked = weighted_majority(&attempts, 0);
        assert_eq!(ranked[0].grid, g(2));
        assert_eq!(ranked[1].grid, g(1));
        assert_eq!(ranked[1].votes, 3);
        assert_eq!(ranked[1].score, 3.0);
        assert_eq!(top2(&ranked), vec![g(2), g(1)]);
    }

    #[test]
    fn transductive_penalty_flips_the_winner() {
        let attempts = vec![
            attempt(Some(1), &[true, true], 1.0),
            attempt(Some(2), &[true, false], 0.0),
        ];
        assert_eq!(weighted_majority(&attempts, 0)[0].grid, g(2));
        let mild = vec![
            attempt(Some(1), &[true, true], 0.1),
            attempt(Some(2), &[true, false], 0.0),
        ];
        assert_eq!(weighted_majority(&mild, 0)[0].grid, g(1));
    }

    #[test]
    fn ties_break_by_votes_then_first_seen() {
        let attempts = vec![
            attempt(Some(4), &[false], 0.0),
            attempt(Some(5), &[false], 0.0),
        ];
        assert_eq!(top2(&weighted_majority(&attempts, 0)), vec![g(4), g(5)]);
        let reversed = vec![
            attempt(Some(5), &[false], 0.0),
            attempt(Some(4), &[false], 0.0),
        ];
        assert_eq!(top2(&weighted_majority(&reversed, 0)), vec![g(5), g(4)]);
    }

    #[test]
    fn train_majority_counts_only_the_best() {
        let attempts = vec![
            attempt(Some(1), &[true, false], 0.0),
            attempt(Some(1), &[true, false], 0.0),
            attempt(Some(2), &[true, true], 0.0),
            attempt(Some(3), &[true, true], 0.0),
            attempt(Some(3), &[true, true], 0.0),
            attempt(None, &[true, true], 0.0),
        ];
        let ranked = train_majority(&attempts, 0);
        assert_eq!(top2(&ranked), vec![g(3), g(2)]);
        assert_eq!(ranked.len(), 2);
    }

    #[test]
    fn fewer_than_two_predictions() {
        assert!(weighted_majority(&[attempt(None, &[true], 0.0)], 0).is_empty());
        assert!(train_majority(&[], 0).is_empty());
        let one = vec![
            attempt(Some(7), &[true], 0.0),
            attempt(Some(7), &[false], 0.0),
        ];
        assert_eq!(top2(&weighted_majority(&one, 0)), vec![g(7)]);
    }
}
