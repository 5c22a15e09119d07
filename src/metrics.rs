//! Run metrics (pass@2, oracle, train coverage, failure rates, tokens, time) and statistics over
//! repeated runs (mean, standard deviation, 95 % confidence interval).

use crate::exec::gaps;
use crate::score::{Attempt, Category};
use crate::task::Grid;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything decided for one task.
#[derive(Clone, Debug)]
pub struct TaskResult {
    /// Task id.
    pub task_id: String,
    /// Scored attempts.
    pub attempts: Vec<Attempt>,
    /// Weighted-majority top 2 per test input.
    pub weighted: Vec<Vec<Grid>>,
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

    /// Fraction of test inputs some attempt got right.
    pub fn oracle(&self) -> Option<f64> {
        let sols = self.solutions.as_ref()?;
        let right = (0..sols.len())
            .filter(|&i| {
                self.attempts.iter().any(|a| {
                    a.test_correct
                        .as_ref()
                        .is_some_and(|c| c.get(i) == Some(&true))
                })
            })
            .count();
        Some(right as f64 / sols.len().max(1) as f64)
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
    /// Tasks where some attempt is right on every train pair.
    pub all_train_correct: f64,
    /// Tasks where some attempt is right on at least one train pair.
    pub min1_train_correct: f64,
    /// Attempts made.
    pub attempts: usize,
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
        let attempts: Vec<&Attempt> = results.iter().flat_map(|r| &r.attempts).collect();
        let rate = |cat: Category| {
            if attempts.is_empty() {
                0.0
            } else {
                attempts.iter().filter(|a| a.category == cat).count() as f64 / attempts.len() as f64
            }
        };
        let frac_tasks = |pred: &dyn Fn(&TaskResult) -> bool| {
            if results.is_empty() {
                0.0
            } else {
                results.iter().filter(|r| pred(r)).count() as f64 / results.len() as f64
            }
        };
        RunMetrics {
            tasks: results.len(),
            tasks_scored: results.iter().filter(|r| r.solutions.is_some()).count(),
            pass2_weighted: mean(results.iter().filter_map(|r| r.pass2(&r.weighted))),
            pass2_train_majority: mean(results.iter().filter_map(|r| r.pass2(&r.train_majority))),
            oracle: mean(results.iter().filter_map(TaskResult::oracle)),
            all_train_correct: frac_tasks(&|r| r.attempts.iter().any(Attempt::all_train_correct)),
            min1_train_correct: frac_tasks(&|r| {
                r.attempts
                    .iter()
                    .any(|a| a.train_correct.iter().any(|c| *c))
            }),
            attempts: attempts.len(),
            ok_rate: rate(Category::Ok),
            max_length_rate: rate(Category::MaxLength),
            timeout_rate: rate(Category::Timeout),
            api_failure_rate: rate(Category::ApiFailure),
            exec_error_rate: rate(Category::ExecError),
            invalid_output_rate: rate(Category::InvalidOutput),
            no_code_rate: rate(Category::NoCode),
            prompt_tokens: attempts.iter().map(|a| a.completion.prompt_tokens).sum(),
            completion_tokens: attempts
                .iter()
                .map(|a| a.completion.completion_tokens)
                .sum(),
            wall_seconds,
            cost_usd: None,
            missing_features: gaps::count_missing(
                attempts.iter().map(|a| a.errors.iter().flatten()),
            ),
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
