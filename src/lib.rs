//! arc-solver: ARC-AGI program synthesis in one binary.
//!
//! Pipeline stages, one module each: [`task`] loading → [`prompt`] rendering → [`generate`] (backends
//! behind one trait) → [`extract`] code → [`exec`] in embedded Python → [`score`] attempts →
//! [`vote`] predictions → [`submission`] file, with every attempt kept in the [`store`].
#![warn(missing_docs)]

pub mod exec;
pub mod extract;
pub mod generate;
pub mod prompt;
pub mod task;
