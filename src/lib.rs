//! arc-solver: ARC-AGI program synthesis in one binary.
//!
//! Pipeline stages, one module each: [`task`] loading → [`prompt`] rendering → [`generate`] (backends
//! behind one trait, plus the built-in program [`library`]) → [`extract`] code → [`exec`] in embedded
//! Python → [`score`] attempts → [`vote`] predictions → [`submission`] file, driven by [`solve`], with
//! every attempt kept in the [`store`] and [`metrics`] per run; [`program`] names programs by their
//! normalised source, [`search`] refines promising programs and stops solved tasks early,
//! [`tally`] keeps each task's votes as attempts arrive. What a run leaves behind: training sets and
//! subsets ([`export`]) and a page to look at ([`html_report`]).
#![warn(missing_docs)]

pub mod bench;
pub mod cli;
pub mod cost;
pub mod exec;
pub mod export;
pub mod extract;
pub mod generate;
pub mod html_report;
pub mod library;
pub mod metrics;
pub mod plan;
pub mod program;
pub mod prompt;
pub mod score;
pub mod search;
pub mod serve;
pub mod solve;
pub mod store;
pub mod submission;
pub mod tally;
pub mod task;
pub mod vote;
