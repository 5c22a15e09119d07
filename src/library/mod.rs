//! The `library` backend: hand-written, general ARC transformation programs offered as completions.
//!
//! Every program lives in `src/library/programs/<name>.py`, defines `transform(grid)`, and starts with
//! a `# <description>` line. Sources are embedded at build time ([`programs`]). Some programs carry
//! placeholders ([`Placeholder`]) that are filled with values learned from the task's train pairs
//! (see [`learn`]); a program whose placeholders cannot all be learned is not offered for that task.
//!
//! Placeholders:
//! - `__COLOR_MAP__` → `{1: 2, 3: 4}`, the cell-wise colour map ([`learn_color_map`]);
//! - `__RATIO__` → `(ry, rx)`, integral scale-up factors ([`learn_ratio`]);
//! - `__INV_RATIO__` → `(ry, rx)`, integral scale-down factors ([`learn_inv_ratio`]);
//! - `__OUT_COLOR__` → the single non-zero colour of all outputs ([`learn_out_color`]);
//! - `__FILL_COLOR__` → the one colour outputs add to their inputs ([`learn_fill_color`]);
//! - `__OUT_SHAPE__` → `(height, width)`, the fixed output shape ([`learn_out_shape`]);
//! - `__SIZE_COLOR_MAP__` → `{size: colour}`, recolouring objects by cell count
//!   ([`learn_size_color_map`]).
//!
//! `scripts/check_library.py` runs the same programs, with the learners ported to Python, over a
//! Kaggle-format data set under CPython to measure what each one solves.

pub mod learn;

pub use learn::{
    learn_color_map, learn_fill_color, learn_inv_ratio, learn_out_color, learn_out_shape,
    learn_ratio, learn_size_color_map, Placeholder,
};

use crate::generate::{Completion, GenerationRequest, Generator};
use crate::task::TrainPair;

/// One built-in program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LibraryProgram {
    /// File stem, e.g. `flip_horizontal`; used as the completion label.
    pub name: &'static str,
    /// The first line of the source without its leading `# `.
    pub description: &'static str,
    /// Python source defining `transform(grid)`, placeholders unfilled.
    pub source: &'static str,
}

/// The first line of `source` without a leading `#` and spaces, and without trailing whitespace.
const fn description_of(source: &'static str) -> &'static str {
    let bytes = source.as_bytes();
    let mut end = 0;
    while end < bytes.len() && bytes[end] != b'\n' {
        end += 1;
    }
    let mut start = 0;
    if end > 0 && bytes[0] == b'#' {
        start = 1;
        while start < end && bytes[start] == b' ' {
            start += 1;
        }
    }
    while end > start && (bytes[end - 1] == b'\r' || bytes[end - 1] == b' ') {
        end -= 1;
    }
    let (head, _) = bytes.split_at(end);
    let (_, line) = head.split_at(start);
    match std::str::from_utf8(line) {
        Ok(text) => text,
        Err(_) => panic!("program description is not UTF-8"),
    }
}

/// Builds a [`LibraryProgram`] from `programs/<name>.py`.
macro_rules! program {
    ($name:literal) => {
        LibraryProgram {
            name: $name,
            description: description_of(include_str!(concat!("programs/", $name, ".py"))),
            source: include_str!(concat!("programs/", $name, ".py")),
        }
    };
}

/// Every built-in program, in the order they are offered.
pub static PROGRAMS: &[LibraryProgram] = &[
    // Symmetries.
    program!("flip_horizontal"),
    program!("flip_vertical"),
    program!("rotate_90"),
    program!("rotate_180"),
    program!("rotate_270"),
    program!("transpose"),
    program!("anti_transpose"),
    // Colours.
    program!("color_map"),
    program!("swap_two_colors"),
    program!("recolor_by_size"),
    program!("recolor_objects_majority"),
    // Scaling and tiling.
    program!("scale_up"),
    program!("scale_down"),
    program!("tile"),
    program!("tile_mirrored"),
    program!("tile_mirrored_flipped"),
    program!("tile_rotations"),
    program!("fractal_tile"),
    program!("mirror_concat_h"),
    program!("mirror_concat_h_rev"),
    program!("mirror_concat_v"),
    program!("mirror_concat_v_rev"),
    program!("mirror_concat_both"),
    // Crops.
    program!("crop_bbox"),
    program!("crop_largest_object_4"),
    program!("crop_largest_object_8"),
    program!("crop_smallest_object_4"),
    program!("crop_smallest_object_8"),
    program!("crop_largest_color_object"),
    program!("crop_smallest_color_object"),
    program!("crop_unique_object"),
    program!("crop_most_common_object"),
    program!("crop_most_common_color_object"),
    program!("crop_rarest_color"),
    program!("crop_object_most_rare_color"),
    program!("crop_inside_frame"),
    program!("crop_frame"),
    program!("crop_period"),
    program!("crop_first_block"),
    // Divided grids.
    program!("halves_and"),
    program!("halves_or"),
    program!("halves_xor"),
    program!("halves_nor"),
    program!("grid_cell_unique"),
    program!("grid_cell_most_colored"),
    program!("grid_cell_least_colored"),
    // Objects.
    program!("keep_largest_object"),
    program!("keep_smallest_object"),
    program!("hollow_objects"),
    program!("outline_objects"),
    program!("fill_enclosed"),
    program!("remove_noise_pixels"),
    program!("remove_small_objects"),
    // Lines.
    program!("extend_rows"),
    program!("extend_cols"),
    program!("extend_cross"),
    program!("extend_diagonals"),
    program!("extend_down"),
    program!("connect_same_color"),
    program!("connect_pairs_fill"),
    program!("draw_border"),
    // Completion.
    program!("symmetry_complete"),
    program!("symmetry_complete_crop"),
    program!("pattern_complete"),
    program!("pattern_complete_crop"),
    // Gravity.
    program!("gravity_down"),
    program!("gravity_up"),
    program!("gravity_left"),
    program!("gravity_right"),
    // Rows and columns.
    program!("dedupe_rows_cols"),
    program!("sort_rows_by_count"),
    program!("sort_cols_by_count"),
    // Counting and colour statistics.
    program!("count_objects_fill"),
    program!("count_objects_diagonal"),
    program!("majority_color_fill"),
    program!("most_common_color_fill"),
];

/// Every built-in program, in the order they are offered.
pub fn programs() -> &'static [LibraryProgram] {
    PROGRAMS
}

/// Learned placeholder values for one task, each learned at most once.
struct Learned<'a> {
    train: &'a [TrainPair],
    values: [Option<Option<String>>; Placeholder::ALL.len()],
}

impl<'a> Learned<'a> {
    fn new(train: &'a [TrainPair]) -> Self {
        Learned {
            train,
            values: Default::default(),
        }
    }

    fn get(&mut self, index: usize) -> Option<&str> {
        let train = self.train;
        self.values[index]
            .get_or_insert_with(|| Placeholder::ALL[index].learn(train))
            .as_deref()
    }
}

impl LibraryProgram {
    /// The placeholders this program's source uses.
    pub fn placeholders(&self) -> Vec<Placeholder> {
        Placeholder::ALL
            .into_iter()
            .filter(|p| self.source.contains(p.token()))
            .collect()
    }

    /// The source with every placeholder filled from `train`; `None` when one cannot be learned.
    pub fn fill(&self, train: &[TrainPair]) -> Option<String> {
        self.fill_with(&mut Learned::new(train))
    }

    fn fill_with(&self, learned: &mut Learned<'_>) -> Option<String> {
        let mut source = self.source.to_string();
        for (index, placeholder) in Placeholder::ALL.into_iter().enumerate() {
            if source.contains(placeholder.token()) {
                let value = learned.get(index)?;
                source = source.replace(placeholder.token(), value);
            }
        }
        Some(source)
    }
}

/// The `library` backend: one completion per built-in program that applies to the task.
#[derive(Clone, Copy, Debug, Default)]
pub struct LibraryGenerator;

impl LibraryGenerator {
    /// A library generator (it holds no state).
    pub fn new() -> Self {
        LibraryGenerator
    }

    /// The filled programs offered for `train`, in table order: `(name, filled source)`.
    pub fn offered(train: &[TrainPair]) -> Vec<(&'static str, String)> {
        let mut learned = Learned::new(train);
        PROGRAMS
            .iter()
            .filter_map(|p| p.fill_with(&mut learned).map(|source| (p.name, source)))
            .collect()
    }
}

impl Generator for LibraryGenerator {
    fn backend(&self) -> &str {
        "library"
    }

    fn model(&self) -> String {
        "library-v1".to_string()
    }

    /// The library fills programs from the train pairs; it cannot repair one.
    fn can_refine(&self) -> bool {
        false
    }

    /// One completion per offered program (`n` caps the count), each a fenced Python block labelled
    /// with the program name.
    fn generate(&self, request: &GenerationRequest<'_>) -> anyhow::Result<Vec<Completion>> {
        let limit = request.n.unwrap_or(usize::MAX);
        let completions = Self::offered(&request.task.train)
            .into_iter()
            .skip(request.first_sample)
            .take(limit)
            .map(|(name, source)| {
                let mut completion =
                    Completion::text(format!("```python\n{}\n```", source.trim_end()));
                completion.label = Some(name.to_string());
                completion
            })
            .collect();
        Ok(completions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exec::{ExecConfig, ExecError, Executor};
    use crate::generate::{FinishReason, SamplingParams};
    use crate::prompt::{PromptTemplate, DEFAULT_PROMPT_VERSION};
    use crate::task::{load_split, Grid, Split, Task};
    use std::collections::HashSet;
    use std::path::Path;
    use std::sync::Arc;
    use std::time::Duration;

    fn g(rows: &[&[u8]]) -> Grid {
        Grid(rows.iter().map(|r| r.to_vec()).collect())
    }

    fn task(train: Vec<(Grid, Grid)>) -> Task {
        Task {
            id: "00000000".into(),
            train: train
                .into_iter()
                .map(|(input, output)| TrainPair { input, output })
                .collect(),
            test: vec![g(&[&[1]])],
            solutions: None,
        }
    }

    fn generate(task: &Task, n: Option<usize>) -> Vec<Completion> {
        let prompt = PromptTemplate::load(DEFAULT_PROMPT_VERSION)
            .unwrap()
            .render(task);
        let sampling = SamplingParams::default();
        let request = GenerationRequest {
            task,
            prompt: &prompt,
            n,
            sampling: &sampling,
            first_sample: 0,
            refines: None,
            cancel: &crate::generate::Cancellation::default(),
        };
        LibraryGenerator::new().generate(&request).unwrap()
    }

    /// A placeholder-looking token left in a source: `__` + uppercase letters/underscores + `__`.
    fn unfilled_token(source: &str) -> Option<String> {
        let bytes = source.as_bytes();
        let mut i = 0;
        while i + 4 < bytes.len() {
            if bytes[i] == b'_' && bytes[i + 1] == b'_' && bytes[i + 2].is_ascii_uppercase() {
                let mut j = i + 2;
                while j < bytes.len() && (bytes[j].is_ascii_uppercase() || bytes[j] == b'_') {
                    j += 1;
                }
                if source[i..j].ends_with("__") && j - i > 4 {
                    return Some(source[i..j].to_string());
                }
                i = j;
            } else {
                i += 1;
            }
        }
        None
    }

    #[test]
    fn table_is_well_formed() {
        assert!(programs().len() >= 36);
        let mut names = HashSet::new();
        for p in programs() {
            assert!(names.insert(p.name), "duplicate program {}", p.name);
            assert!(
                p.source.starts_with("# "),
                "{} lacks a description line",
                p.name
            );
            assert!(!p.description.is_empty() && !p.description.starts_with('#'));
            assert_eq!(
                p.source.lines().next().unwrap(),
                format!("# {}", p.description)
            );
            assert!(p.source.contains("def transform(grid):"), "{}", p.name);
            // Every token in the source is one the learners know.
            let mut rest = p.source.to_string();
            for ph in p.placeholders() {
                rest = rest.replace(ph.token(), "0");
            }
            assert_eq!(
                unfilled_token(&rest),
                None,
                "{} has an unknown placeholder",
                p.name
            );
        }
    }

    #[test]
    fn every_program_file_is_in_the_table() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/library/programs");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| {
                let name = e.unwrap().file_name().into_string().unwrap();
                name.strip_suffix(".py").map(str::to_string)
            })
            .collect();
        files.sort();
        let mut names: Vec<String> = programs().iter().map(|p| p.name.to_string()).collect();
        names.sort();
        assert_eq!(files, names);
    }

    #[test]
    fn description_parsing() {
        assert_eq!(
            description_of("# Flip it.\ndef transform(grid):"),
            "Flip it."
        );
        assert_eq!(description_of("#  Spaces  \r\nx"), "Spaces");
        assert_eq!(description_of("no comment"), "no comment");
        assert_eq!(description_of(""), "");
    }

    #[test]
    fn placeholders_are_filled_when_offered() {
        // Learnable: colour map, out colour, fill colour, out shape (all outputs 2 by 2).
        let t = task(vec![
            (g(&[&[1, 0], &[0, 0]]), g(&[&[4, 0], &[0, 0]])),
            (g(&[&[1, 1], &[0, 1]]), g(&[&[4, 4], &[0, 4]])),
        ]);
        // Learnable: ratio and out shape.
        let t2 = task(vec![(g(&[&[1, 0]]), g(&[&[1, 0, 1, 0], &[1, 0, 1, 0]]))]);
        // Learnable: inverse ratio.
        let t3 = task(vec![(g(&[&[1, 1], &[1, 1]]), g(&[&[1]]))]);
        // Learnable: size colour map.
        let t4 = task(vec![(
            g(&[&[5, 5, 0, 5], &[0, 0, 0, 0]]),
            g(&[&[2, 2, 0, 3], &[0, 0, 0, 0]]),
        )]);
        let mut seen = HashSet::new();
        for t in [&t, &t2, &t3, &t4] {
            for c in generate(t, None) {
                assert_eq!(unfilled_token(&c.text), None, "{:?}", c.label);
                seen.insert(c.label.unwrap());
            }
        }
        // Every program is offered for at least one of these tasks.
        for p in programs() {
            assert!(seen.contains(p.name), "{} never offered", p.name);
        }
    }

    #[test]
    fn programs_needing_unlearnable_values_are_skipped() {
        // Output colours 2 and 3 (no single out colour), no added colour, output shapes differ,
        // not a colour map, not a scaling, not a recolouring by size.
        let t = task(vec![
            (g(&[&[2, 3], &[3, 3]]), g(&[&[3, 2], &[3, 3]])),
            (g(&[&[2, 3, 3]]), g(&[&[3, 2, 3]])),
        ]);
        let labels: Vec<String> = generate(&t, None)
            .into_iter()
            .map(|c| c.label.unwrap())
            .collect();
        for p in programs() {
            let offered = labels.iter().any(|l| l == p.name);
            assert_eq!(offered, p.placeholders().is_empty(), "{}", p.name);
        }
    }

    #[test]
    fn completions_are_fenced_labelled_and_ordered() {
        let t = task(vec![(g(&[&[1, 2]]), g(&[&[2, 1]]))]);
        let all = generate(&t, None);
        let offered = LibraryGenerator::offered(&t.train);
        assert_eq!(all.len(), offered.len());
        for (c, (name, source)) in all.iter().zip(&offered) {
            assert_eq!(c.label.as_deref(), Some(*name));
            assert_eq!(c.text, format!("```python\n{}\n```", source.trim_end()));
            assert!(c.text.contains("def transform(grid):"));
            assert_eq!(c.finish_reason, FinishReason::Stop);
            assert_eq!((c.prompt_tokens, c.completion_tokens), (0, 0));
            assert!(c.code.is_none() && c.error.is_none());
        }
        let color_map = all
            .iter()
            .find(|c| c.label.as_deref() == Some("color_map"))
            .unwrap();
        assert!(color_map.text.contains("MAPPING = {1: 2, 2: 1}"));
        let first3 = generate(&t, Some(3));
        assert_eq!(first3, all[..3].to_vec());
        assert!(generate(&t, Some(0)).is_empty());
        let gen = LibraryGenerator::new();
        assert_eq!(gen.backend(), "library");
        assert_eq!(gen.model(), "library-v1");
    }

    #[test]
    fn fill_matches_generate() {
        let t = task(vec![(g(&[&[1]]), g(&[&[1, 1], &[1, 1]]))]);
        let scale = programs().iter().find(|p| p.name == "scale_up").unwrap();
        assert_eq!(scale.placeholders(), vec![Placeholder::Ratio]);
        let filled = scale.fill(&t.train).unwrap();
        assert!(filled.contains("RATIO = (2, 2)"));
        let down = programs().iter().find(|p| p.name == "scale_down").unwrap();
        assert_eq!(down.fill(&t.train), None);
    }

    /// Values for every placeholder, so every program can run on arbitrary grids.
    fn fill_all(source: &str) -> String {
        let values = [
            (Placeholder::ColorMap, "{1: 2, 2: 1}"),
            (Placeholder::Ratio, "(2, 2)"),
            (Placeholder::InvRatio, "(2, 2)"),
            (Placeholder::OutColor, "3"),
            (Placeholder::FillColor, "4"),
            (Placeholder::OutShape, "(3, 3)"),
            (Placeholder::SizeColorMap, "{1: 2, 2: 3}"),
        ];
        values
            .iter()
            .fold(source.to_string(), |s, (p, v)| s.replace(p.token(), v))
    }

    fn executor() -> Executor {
        Executor::new(ExecConfig {
            timeout: Duration::from_secs(20),
            workers: 4,
            ..ExecConfig::default()
        })
        .unwrap()
    }

    #[test]
    fn programs_run_on_odd_grids_in_the_embedded_vm() {
        // 1x1, one colour, 1xN, Nx1, and a 30x30 grid: a program may raise where it does not
        // apply, but must compile, define transform, and finish.
        let big: Vec<Vec<u8>> = (0..30)
            .map(|r| (0..30).map(|c| ((r * 7 + c * 3) % 11 % 10) as u8).collect())
            .collect();
        let inputs = Arc::new(vec![
            g(&[&[5]]),
            g(&[&[0, 0], &[0, 0]]),
            g(&[&[1, 0, 2, 0, 1]]),
            g(&[&[3], &[0], &[3]]),
            Grid(big),
        ]);
        let codes: Vec<String> = programs().iter().map(|p| fill_all(p.source)).collect();
        let runs = executor().run_batch(&codes, inputs);
        for (p, run) in programs().iter().zip(&runs) {
            for out in &run.outputs {
                if let Err(e) = out {
                    assert!(
                        !matches!(e, ExecError::Timeout | ExecError::WorkerLost(_))
                            && !matches!(e.name(), "SyntaxError" | "NameError" | "RecursionError"),
                        "{}: {e}",
                        p.name
                    );
                }
            }
        }
    }

    #[test]
    fn solves_the_sample_tasks_in_the_embedded_vm() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
        let tasks = load_split(&root, Split::Evaluation).unwrap();
        let exec = executor();
        let mut solved = Vec::new();
        for task in &tasks {
            let offered = LibraryGenerator::offered(&task.train);
            let codes: Vec<&str> = offered.iter().map(|(_, s)| s.as_str()).collect();
            let runs = exec.run_batch(&codes, Arc::new(task.all_inputs()));
            let expected: Vec<&Grid> = task
                .train
                .iter()
                .map(|p| &p.output)
                .chain(task.solutions.as_ref().unwrap())
                .collect();
            let solvers: Vec<&str> = offered
                .iter()
                .zip(&runs)
                .filter(|(_, run)| {
                    run.outputs.len() == expected.len()
                        && run
                            .outputs
                            .iter()
                            .zip(&expected)
                            .all(|(o, e)| o.as_ref().ok() == Some(*e))
                })
                .map(|((name, _), _)| *name)
                .collect();
            if !solvers.is_empty() {
                solved.push(task.id.clone());
            }
        }
        // data/sample/README.md: seven tasks the library solves, five it does not.
        assert_eq!(tasks.len(), 12);
        assert_eq!(solved.len(), 7, "solved: {solved:?}");
    }
}
