//! Run metrics (pass@2, oracle, train coverage, failure rates, tokens, time) and statistics over
//! repeated runs (mean, standard deviation, 95 % confidence interval).

use crate::exec::gaps;
use crate::score::{Attempt, Category};
use crate::task::Grid;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a task's attempts add up to, counted one attempt at a time (a run keeps this, not the
/// attempts).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TaskSummary {
    /// Attempts made.
    pub attempts: usize,
    /// Attempts per category, in [`Category::ALL`] order.
    pub categories: [usize; Category::ALL.len()],
    /// Prompt tokens.
    pub prompt_tokens: u64,
    /// Generated tokens.
    pub completion_tokens: u64,
    /// Seconds spent executing programs.
    pub exec_seconds: f64,
    /// Missing numpy/scipy features, with the attempts that needed each.
    pub missing_features: BTreeMap<String, usize>,
    /// Attempts right on every train pair.
    pub train_perfect: usize,
    /// Attempts right on some but not all train pairs.
    pub train_partial: usize,
    /// Per test input: some attempt got it right.
    pub oracle: Vec<bool>,
    /// Per test input: some fresh sample got it right.
    pub oracle_fresh: Vec<bool>,
    /// Refinement attempts.
    pub refinements: usize,
    /// Refinements right on more train pairs than their parent.
    pub beat_parent: usize,
    /// Depth of the first train-perfect, non-hard-coded attempt.
    pub first_train_perfect_depth: Option<usize>,
    /// Depth of the first attempt right on every test input (with known solutions).
    pub first_solved_depth: Option<usize>,
    /// Train-perfect, non-hard-coded programs: (a key per test prediction, depth), the first per
    /// distinct list of predictions.
    pub perfect_programs: Vec<(Vec<u64>, usize)>,
    /// Attempts the task did not need because it stopped early (see `--stop-after-solved`).
    pub saved_by_early_stop: Option<usize>,
}

impl TaskSummary {
    /// An empty summary of a task with `n_test` test inputs.
    pub fn new(n_test: usize) -> TaskSummary {
        TaskSummary {
            oracle: vec![false; n_test],
            oracle_fresh: vec![false; n_test],
            ..TaskSummary::default()
        }
    }

    /// Counts one scored attempt (in attempt order). `parent_right`: for a refinement, the train
    /// pairs its parent got right.
    pub fn add(&mut self, a: &Attempt, parent_right: Option<usize>) {
        self.attempts += 1;
        if let Some(i) = Category::ALL.iter().position(|c| *c == a.category) {
            self.categories[i] += 1;
        }
        self.prompt_tokens += a.completion.prompt_tokens;
        self.completion_tokens += a.completion.completion_tokens;
        self.exec_seconds += a.exec_seconds;
        for (name, n) in gaps::count_missing([a.errors.iter().flatten()]) {
            *self.missing_features.entry(name).or_insert(0) += n;
        }
        let right = a.train_correct.iter().filter(|c| **c).count();
        if a.all_train_correct() {
            self.train_perfect += 1;
        } else if right > 0 {
            self.train_partial += 1;
        }
        let fresh = a.parent.is_none();
        if let Some(correct) = &a.test_correct {
            for (i, _) in correct.iter().enumerate().filter(|(_, c)| **c) {
                if let Some(o) = self.oracle.get_mut(i) {
                    *o = true;
                }
                if fresh {
                    if let Some(o) = self.oracle_fresh.get_mut(i) {
                        *o = true;
                    }
                }
            }
            if !correct.is_empty() && correct.iter().all(|c| *c) {
                self.first_solved_depth.get_or_insert(a.depth);
            }
        }
        if !fresh {
            self.refinements += 1;
            if parent_right.is_some_and(|p| right > p) {
                self.beat_parent += 1;
            }
        }
        if a.all_train_correct() && a.transduction < crate::search::HARD_CODED_FROM {
            self.first_train_perfect_depth.get_or_insert(a.depth);
            let key: Vec<u64> = a
                .test_predictions
                .iter()
                .map(crate::tally::prediction_key)
                .collect();
            if !self.perfect_programs.iter().any(|(k, _)| *k == key) {
                self.perfect_programs.push((key, a.depth));
            }
        }
    }
}

/// Everything decided for one task.
#[derive(Clone, Debug)]
pub struct TaskResult {
    /// Task id.
    pub task_id: String,
    /// Its attempts, summed up.
    pub summary: TaskSummary,
    /// Weighted-majority top 2 per test input.
    pub weighted: Vec<Vec<Grid>>,
    /// Weighted-majority top 2 per test input of the fresh samples alone.
    pub weighted_fresh: Vec<Vec<Grid>>,
    /// Train-majority top 2 per test input.
    pub train_majority: Vec<Vec<Grid>>,
    /// Test outputs when known.
    pub solutions: Option<Vec<Grid>>,
}

impl TaskResult {
    /// Kaggle-style task score for a choice of guesses: fraction of test inputs where a guess is right.
    pub fn pass2(&self, guesses: &[Vec<Grid>]) -> Option<f64> {
        let sols = self.solutions.as_ref()?;
        let right = sols
            .iter()
            .enumerate()
            .filter(|(i, s)| guesses.get(*i).is_some_and(|g| g.contains(s)))
            .count();
        Some(right as f64 / sols.len().max(1) as f64)
    }

    fn share(&self, right: &[bool]) -> Option<f64> {
        let sols = self.solutions.as_ref()?;
        let n = right.iter().take(sols.len()).filter(|c| **c).count();
        Some(n as f64 / sols.len().max(1) as f64)
    }

    /// Fraction of test inputs some attempt got right.
    pub fn oracle(&self) -> Option<f64> {
        self.share(&self.summary.oracle)
    }

    /// Fraction of test inputs some fresh sample got right.
    pub fn oracle_fresh(&self) -> Option<f64> {
        self.share(&self.summary.oracle_fresh)
    }

    /// Test inputs right under the weighted vote.
    pub fn test_correct(&self) -> usize {
        let Some(sols) = &self.solutions else {
            return 0;
        };
        sols.iter()
            .enumerate()
            .filter(|(i, s)| self.weighted.get(*i).is_some_and(|g| g.contains(s)))
            .count()
    }

    /// Depth of the winning program: the first train-perfect, non-hard-coded program whose
    /// prediction for every test input is among the submission's guesses (`None` when there is
    /// no such program).
    pub fn winner_depth(&self) -> Option<usize> {
        let guesses: Vec<Vec<u64>> = self
            .weighted
            .iter()
            .map(|g| {
                g.iter()
                    .map(|grid| crate::tally::prediction_key(&Some(grid)))
                    .collect()
            })
            .collect();
        self.summary
            .perfect_programs
            .iter()
            .find(|(keys, _)| {
                keys.len() == guesses.len() && keys.iter().zip(&guesses).all(|(k, g)| g.contains(k))
            })
            .map(|(_, depth)| *depth)
    }
}

/// Metrics of one run. Fractions are in [0, 1]; pass@2 and oracle are `None` without solutions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunMetrics {
    /// Tasks finished.
    pub tasks: usize,
    /// Tasks with known solutions.
    pub tasks_scored: usize,
    /// Mean Kaggle score of the weighted-majority guesses.
    pub pass2_weighted: Option<f64>,
    /// Mean Kaggle score of the train-majority guesses.
    pub pass2_train_majority: Option<f64>,
    /// Mean fraction of test inputs that any attempt got right.
    pub oracle: Option<f64>,
    /// pass@2 (weighted) of the fresh samples alone, as if no refinement had been made.
    #[serde(default)]
    pub pass2_weighted_sampling: Option<f64>,
    /// Oracle of the fresh samples alone.
    #[serde(default)]
    pub oracle_sampling: Option<f64>,
    /// Tasks where some attempt is right on every train pair.
    pub all_train_correct: f64,
    /// Tasks where some attempt is right on at least one train pair.
    pub min1_train_correct: f64,
    /// Attempts made.
    pub attempts: usize,
    /// Attempts that refined an earlier program.
    #[serde(default)]
    pub refinements: usize,
    /// Share of refinements right on more train pairs than their parent.
    #[serde(default)]
    pub refinements_beat_parent: Option<f64>,
    /// Tasks whose first train-perfect (non-hard-coded) program came from a refinement.
    #[serde(default)]
    pub tasks_first_train_perfect_by_refinement: usize,
    /// Tasks whose first attempt right on every test input was a refinement (known solutions).
    #[serde(default)]
    pub tasks_first_solved_by_refinement: Option<usize>,
    /// Mean refinement depth of the tasks' winning programs (see [`TaskResult::winner_depth`]).
    #[serde(default)]
    pub winner_mean_depth: Option<f64>,
    /// Tasks stopped early with enough train-perfect programs.
    #[serde(default)]
    pub tasks_stopped_early: usize,
    /// Attempts those tasks did not need.
    #[serde(default)]
    pub attempts_saved: usize,
    /// Fraction of attempts per category.
    pub ok_rate: f64,
    /// Attempts that hit the token limit.
    pub max_length_rate: f64,
    /// Attempts that timed out.
    pub timeout_rate: f64,
    /// Attempts whose generation failed.
    pub api_failure_rate: f64,
    /// Attempts that raised.
    pub exec_error_rate: f64,
    /// Attempts with invalid output.
    pub invalid_output_rate: f64,
    /// Attempts without code.
    pub no_code_rate: f64,
    /// Prompt tokens.
    pub prompt_tokens: u64,
    /// Generated tokens.
    pub completion_tokens: u64,
    /// Wall time of the run.
    pub wall_seconds: f64,
    /// What the tokens cost in USD, when the model is in the price table.
    #[serde(default)]
    pub cost_usd: Option<f64>,
    /// numpy/scipy features the embedded modules lack, with the number of attempts that needed
    /// each (see [`crate::exec::gaps`]).
    #[serde(default)]
    pub missing_features: BTreeMap<String, usize>,
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

impl RunMetrics {
    /// Computes the metrics of finished tasks.
    pub fn compute(results: &[TaskResult], wall_seconds: f64) -> RunMetrics {
        let sums: Vec<&TaskSummary> = results.iter().map(|r| &r.summary).collect();
        let attempts: usize = sums.iter().map(|s| s.attempts).sum();
        let rate = |cat: Category| {
            let i = Category::ALL.iter().position(|c| *c == cat).unwrap_or(0);
            let n: usize = sums.iter().map(|s| s.categories[i]).sum();
            if attempts == 0 {
                0.0
            } else {
                n as f64 / attempts as f64
            }
        };
        let frac_tasks = |pred: &dyn Fn(&TaskSummary) -> bool| {
            if results.is_empty() {
                0.0
            } else {
                sums.iter().filter(|s| pred(s)).count() as f64 / results.len() as f64
            }
        };
        let mut missing_features = BTreeMap::new();
        for s in &sums {
            for (name, n) in &s.missing_features {
                *missing_features.entry(name.clone()).or_insert(0) += n;
            }
        }
        let refinements: usize = sums.iter().map(|s| s.refinements).sum();
        let scored = results.iter().filter(|r| r.solutions.is_some());
        RunMetrics {
            tasks: results.len(),
            tasks_scored: results.iter().filter(|r| r.solutions.is_some()).count(),
            pass2_weighted: mean(results.iter().filter_map(|r| r.pass2(&r.weighted))),
            pass2_train_majority: mean(results.iter().filter_map(|r| r.pass2(&r.train_majority))),
            oracle: mean(results.iter().filter_map(TaskResult::oracle)),
            pass2_weighted_sampling: mean(
                results.iter().filter_map(|r| r.pass2(&r.weighted_fresh)),
            ),
            oracle_sampling: mean(results.iter().filter_map(TaskResult::oracle_fresh)),
            all_train_correct: frac_tasks(&|s| s.train_perfect > 0),
            min1_train_correct: frac_tasks(&|s| s.train_perfect + s.train_partial > 0),
            attempts,
            refinements,
            refinements_beat_parent: (refinements > 0).then(|| {
                sums.iter().map(|s| s.beat_parent).sum::<usize>() as f64 / refinements as f64
            }),
            tasks_first_train_perfect_by_refinement: sums
                .iter()
                .filter(|s| s.first_train_perfect_depth.is_some_and(|d| d > 0))
                .count(),
            tasks_first_solved_by_refinement: (results.iter().any(|r| r.solutions.is_some())).then(
                || {
                    scored
                        .filter(|r| r.summary.first_solved_depth.is_some_and(|d| d > 0))
                        .count()
                },
            ),
            winner_mean_depth: mean(
                results
                    .iter()
                    .filter_map(|r| r.winner_depth().map(|d| d as f64)),
            ),
            tasks_stopped_early: sums
                .iter()
                .filter(|s| s.saved_by_early_stop.is_some())
                .count(),
            attempts_saved: sums.iter().filter_map(|s| s.saved_by_early_stop).sum(),
            ok_rate: rate(Category::Ok),
            max_length_rate: rate(Category::MaxLength),
            timeout_rate: rate(Category::Timeout),
            api_failure_rate: rate(Category::ApiFailure),
            exec_error_rate: rate(Category::ExecError),
            invalid_output_rate: rate(Category::InvalidOutput),
            no_code_rate: rate(Category::NoCode),
            prompt_tokens: sums.iter().map(|s| s.prompt_tokens).sum(),
            completion_tokens: sums.iter().map(|s| s.completion_tokens).sum(),
            wall_seconds,
            cost_usd: None,
            missing_features,
        }
    }

    /// Named numeric values, in report order (pass@2 and oracle omitted when unknown).
    pub fn values(&self) -> Vec<(&'static str, f64)> {
        let mut v = Vec::new();
        if let Some(x) = self.pass2_weighted {
            v.push(("pass@2 (weighted)", x));
        }
        if let Some(x) = self.pass2_train_majority {
            v.push(("pass@2 (train-majority)", x));
        }
        if let Some(x) = self.oracle {
            v.push(("oracle", x));
        }
        if self.refinements > 0 {
            if let Some(x) = self.pass2_weighted_sampling {
                v.push(("pass@2 (sampling only)", x));
            }
            if let Some(x) = self.oracle_sampling {
                v.push(("oracle (sampling only)", x));
            }
            v.push(("refinements", self.refinements as f64));
            if let Some(x) = self.refinements_beat_parent {
                v.push(("refinements beating parent", x));
            }
            v.push((
                "first train-perfect by refinement",
                self.tasks_first_train_perfect_by_refinement as f64,
            ));
            if let Some(x) = self.tasks_first_solved_by_refinement {
                v.push(("first solved by refinement", x as f64));
            }
        }
        if let Some(x) = self.winner_mean_depth {
            v.push(("winner mean depth", x));
        }
        if self.tasks_stopped_early > 0 {
            v.push(("tasks stopped early", self.tasks_stopped_early as f64));
            v.push(("attempts saved", self.attempts_saved as f64));
        }
        v.extend([
            ("all-train-correct", self.all_train_correct),
            ("min-1-train-correct", self.min1_train_correct),
            ("ok %", self.ok_rate),
            ("max-length %", self.max_length_rate),
            ("timeout %", self.timeout_rate),
            ("api-failure %", self.api_failure_rate),
            ("exec-error %", self.exec_error_rate),
            ("invalid-output %", self.invalid_output_rate),
            ("no-code %", self.no_code_rate),
            ("attempts", self.attempts as f64),
            ("prompt tokens", self.prompt_tokens as f64),
            ("completion tokens", self.completion_tokens as f64),
            ("wall seconds", self.wall_seconds),
        ]);
        if let Some(x) = self.cost_usd {
            v.push(("cost USD", x));
        }
        v
    }
}

/// Mean, sample standard deviation and 95 % confidence half-width of one metric over runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// Metric name.
    pub name: String,
    /// Runs it was seen in.
    pub n: usize,
    /// Mean.
    pub mean: f64,
    /// Sample standard deviation (0 for one run).
    pub std: f64,
    /// Half-width of the 95 % confidence interval of the mean (Student's t).
    pub ci95: f64,
}

/// Two-sided 97.5 % quantile of Student's t with `df` degrees of freedom.
fn t_quantile(df: usize) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    match df {
        0 => f64::NAN,
        1..=30 => TABLE[df - 1],
        _ => 1.96,
    }
}

/// Statistics per metric over several runs' metrics.
pub fn spread(runs: &[RunMetrics]) -> Vec<Spread> {
    let mut names: Vec<&'static str> = Vec::new();
    for r in runs {
        for (name, _) in r.values() {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
        .into_iter()
        .map(|name| {
            let xs: Vec<f64> = runs
                .iter()
                .filter_map(|r| {
                    r.values()
                        .into_iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, v)| v)
                })
                .collect();
            let n = xs.len();
            let mean = xs.iter().sum::<f64>() / n as f64;
            let std = if n > 1 {
                (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
            } else {
                0.0
            };
            let ci95 = if n > 1 {
                t_quantile(n - 1) * std / (n as f64).sqrt()
            } else {
                0.0
            };
            Spread {
                name: name.to_string(),
                n,
                mean,
                std,
                ci95,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::Completion;

    fn g(v: u8) -> Grid {
        Grid(vec![vec![v]])
    }

    /// An attempt predicting `pred`, right on the train pairs marked, refining `parent` if given.
    fn attempt(pred: u8, train: &[bool], parent: Option<&str>, solution: u8) -> Attempt {
        Attempt {
            task_id: "t".into(),
            index: 0,
            label: None,
            completion: Completion::text(""),
            code: None,
            train_correct: train.to_vec(),
            train_pixel_accuracy: vec![0.0; train.len()],
            train_outputs: vec![],
            test_predictions: vec![Some(g(pred))],
            test_correct: Some(vec![pred == solution]),
            errors: vec![],
            category: Category::Ok,
            transduction: 0.0,
            exec_seconds: 0.0,
            parent: parent.map(str::to_string),
            depth: usize::from(parent.is_some()),
        }
    }

    #[test]
    fn refinement_metrics_of_a_task_solved_by_a_child() {
        // Many half-right fresh samples predict 1; a refinement right everywhere predicts 2 (the
        // solution), which the weighted vote ranks second.
        let mut summary = TaskSummary::new(1);
        let mut votes = crate::tally::Votes::new(1);
        let mut all = vec![attempt(1, &[true, false], None, 2); 5];
        all.push(attempt(1, &[false, false], Some("p"), 2));
        all.push(attempt(2, &[true, true], Some("p"), 2));
        for a in &all {
            summary.add(a, a.parent.as_ref().map(|_| 1));
            votes.add(a);
        }
        let result = TaskResult {
            task_id: "t".into(),
            summary,
            weighted: votes.weighted(),
            weighted_fresh: votes.weighted_fresh(),
            train_majority: votes.train_majority(),
            solutions: Some(vec![g(2)]),
        };
        assert_eq!(result.weighted, vec![vec![g(1), g(2)]]);
        assert_eq!(result.winner_depth(), Some(1));
        assert_eq!(
            (result.oracle(), result.oracle_fresh()),
            (Some(1.0), Some(0.0))
        );
        let m = RunMetrics::compute(&[result], 1.0);
        assert_eq!(m.pass2_weighted, Some(1.0));
        assert_eq!(m.pass2_weighted_sampling, Some(0.0));
        assert_eq!(m.refinements, 2);
        assert_eq!(m.refinements_beat_parent, Some(0.5));
        assert_eq!(m.tasks_first_train_perfect_by_refinement, 1);
        assert_eq!(m.tasks_first_solved_by_refinement, Some(1));
        assert_eq!(m.winner_mean_depth, Some(1.0));
        assert_eq!(m.attempts, 7);
        assert!((m.min1_train_correct - 1.0).abs() < 1e-12);
    }

    #[test]
    fn spread_of_known_values() {
        let runs: Vec<RunMetrics> = [0.2, 0.4, 0.6]
            .iter()
            .map(|&p| RunMetrics {
                pass2_weighted: Some(p),
                ..RunMetrics::default()
            })
            .collect();
        let s = spread(&runs);
        let p = s.iter().find(|s| s.name == "pass@2 (weighted)").unwrap();
        assert!((p.mean - 0.4).abs() < 1e-12);
        assert!((p.std - 0.2).abs() < 1e-12);
        assert!((p.ci95 - 4.303 * 0.2 / 3f64.sqrt()).abs() < 1e-9);
        assert!(!s.iter().any(|s| s.name == "oracle"));
    }
}
