//! Search over programs: after a task's first sampling pass, part of its attempts repair promising
//! programs from what they did on the train pairs (SOAR's refinement with REX parent choice), and a
//! task with enough train-perfect programs stops early.
//!
//! [`pool`] keeps one entry per distinct program of a task (what parent choice needs, not the
//! source), [`parent`] picks the program to refine, [`schedule`] splits a task's attempts between
//! fresh samples and refinements, and [`task`] ties them into the plan of one unit of work.

pub mod parent;
pub mod pool;
pub mod schedule;
pub mod task;

pub use parent::ParentSelection;
pub use pool::{Pool, PoolEntry};
pub use schedule::Schedule;
pub use task::{Pick, TaskSearch, UnitPlan};

use serde::{Deserialize, Serialize};

/// How a run searches (the `solve` flags of the same names).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchSettings {
    /// Share of each task's attempts that refine earlier programs (`--refine-fraction`, 0 ≤ F < 1;
    /// 0 samples only).
    pub refine_fraction: f64,
    /// Children of one parent asked for in one request (`--children-per-parent`).
    pub children_per_parent: usize,
    /// How parents are chosen (`--parent-selection`).
    pub parent_selection: ParentSelection,
    /// REX's exploration constant C (`--rex-c`, > 0).
    pub rex_c: f64,
    /// Whether programs right on every train pair are refined too (`--refine-correct`).
    pub refine_correct: bool,
    /// A task holding this many distinct, non-hard-coded train-perfect programs gets no more
    /// attempts (`--stop-after-solved`; 0 never stops early).
    pub stop_after_solved: usize,
}

impl Default for SearchSettings {
    fn default() -> Self {
        SearchSettings {
            refine_fraction: 0.0,
            children_per_parent: 4,
            parent_selection: ParentSelection::Rex,
            rex_c: 20.0,
            refine_correct: false,
            stop_after_solved: 7,
        }
    }
}

/// A search setting out of range; the message names the flag.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SearchError {
    /// `--refine-fraction` outside [0, 1).
    #[error("--refine-fraction {0}: must be at least 0 and below 1 (the first sampling pass needs a share)")]
    RefineFraction(f64),
    /// `--children-per-parent 0`.
    #[error("--children-per-parent must be at least 1")]
    NoChildren,
    /// `--rex-c` not a positive number.
    #[error("--rex-c {0}: must be a positive number")]
    RexC(f64),
}

impl SearchSettings {
    /// Checks every value; the error names the flag.
    pub fn validate(&self) -> Result<(), SearchError> {
        if !(self.refine_fraction.is_finite() && (0.0..1.0).contains(&self.refine_fraction)) {
            return Err(SearchError::RefineFraction(self.refine_fraction));
        }
        if self.children_per_parent == 0 {
            return Err(SearchError::NoChildren);
        }
        if !(self.rex_c.is_finite() && self.rex_c > 0.0) {
            return Err(SearchError::RexC(self.rex_c));
        }
        Ok(())
    }

    /// Whether any attempts refine.
    pub fn refines(&self) -> bool {
        self.refine_fraction > 0.0
    }
}

/// Transduction confidence from which a program counts as hard-coded (see
/// [`crate::score::transduction_confidence`]: 1.0 for literal outputs, 0.9 for a constant output
/// where the train outputs differ).
pub const HARD_CODED_FROM: f64 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_values_name_their_flag() {
        let ok = SearchSettings::default();
        assert_eq!(ok.validate(), Ok(()));
        for f in [-0.1, 1.0, 1.5, f64::NAN] {
            let bad = SearchSettings {
                refine_fraction: f,
                ..ok.clone()
            };
            assert!(bad
                .validate()
                .unwrap_err()
                .to_string()
                .contains("--refine-fraction"));
        }
        let bad = SearchSettings {
            children_per_parent: 0,
            ..ok.clone()
        };
        assert!(bad
            .validate()
            .unwrap_err()
            .to_string()
            .contains("--children-per-parent"));
        for c in [0.0, -1.0, f64::INFINITY] {
            let bad = SearchSettings {
                rex_c: c,
                ..ok.clone()
            };
            assert!(bad.validate().unwrap_err().to_string().contains("--rex-c"));
        }
    }
}
