//! Running one unit of work: its requests (a fresh-sampling one and one per parent) go to the
//! backend at once; each program runs as soon as its completion arrives; the attempts come back
//! scored, in request order.

use crate::exec::Executor;
use crate::extract::{extract_code, CodeForm, CodeSource, ExtractedCode};
use crate::generate::{
    Cancellation, Completion, FinishReason, GenerationRequest, Generator, Refinement,
    SamplingParams,
};
use crate::plan::WorkUnit;
use crate::prompt::Prompt;
use crate::score::{score_attempt, Attempt};
use crate::task::Task;
use std::sync::Arc;

/// One request of a unit.
pub(crate) struct Request {
    /// The rendered prompt.
    pub prompt: Prompt,
    /// Samples wanted (`None`: what the backend has).
    pub n: Option<usize>,
    /// The first sample's number (see [`GenerationRequest::first_sample`]).
    pub first_sample: usize,
    /// For a refinement: the parent's hash, its children so far, and the children's depth.
    pub parent: Option<(String, usize, usize)>,
}

/// A unit ready to run.
pub(crate) struct Job {
    pub unit: WorkUnit,
    pub requests: Vec<Request>,
}

/// What a unit produced.
pub(crate) struct JobOutput {
    pub unit: WorkUnit,
    /// Scored attempts in request order (indices are set by the caller).
    pub attempts: Vec<Attempt>,
    /// Whether every request completed (`false` when the backend failed or was stopped part-way;
    /// the missing samples are then api-failures).
    pub complete: bool,
}

/// The program an attempt runs: given directly, or extracted from the completion.
fn program_of(completion: &Completion) -> Option<ExtractedCode> {
    if let Some(code) = &completion.code {
        return Some(ExtractedCode {
            code: code.clone(),
            source: CodeSource::Direct,
            form: CodeForm::Direct,
        });
    }
    if completion.finish_reason == FinishReason::Error {
        return None;
    }
    extract_code(&completion.text, completion.reasoning.as_deref())
}

/// The shared, read-only parts of a run that task workers use.
pub(crate) struct SolveStage<'a> {
    pub generator: &'a dyn Generator,
    pub executor: &'a Executor,
    pub sampling: &'a SamplingParams,
}

impl SolveStage<'_> {
    /// Runs a unit's requests, in parallel when there are several.
    pub fn run(&self, task: &Task, job: Job, cancel: &Cancellation) -> JobOutput {
        let outputs: Vec<(Vec<Attempt>, bool)> = match job.requests.as_slice() {
            [one] => vec![self.request(task, one, cancel)],
            many => std::thread::scope(|scope| {
                let handles: Vec<_> = many
                    .iter()
                    .map(|r| scope.spawn(move || self.request(task, r, cancel)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| {
                        h.join().unwrap_or_else(|_| {
                            (Vec::new(), false) // a panicking backend loses its samples only
                        })
                    })
                    .collect()
            }),
        };
        let complete = outputs.iter().all(|(_, c)| *c);
        JobOutput {
            unit: job.unit,
            attempts: outputs.into_iter().flat_map(|(a, _)| a).collect(),
            complete,
        }
    }

    /// The scored attempts of one request, and whether generation completed.
    fn request(&self, task: &Task, r: &Request, cancel: &Cancellation) -> (Vec<Attempt>, bool) {
        let request = GenerationRequest {
            task,
            prompt: &r.prompt,
            n: r.n,
            sampling: self.sampling,
            first_sample: r.first_sample,
            cancel,
            refines: r.parent.as_ref().map(|(hash, before, _)| Refinement {
                parent: hash,
                children_before: *before,
            }),
        };
        // Each program starts running as soon as its completion arrives.
        let inputs = Arc::new(task.all_inputs());
        let mut batch = self.executor.streaming();
        let mut completions = Vec::new();
        let mut programs: Vec<Option<ExtractedCode>> = Vec::new();
        let generated = self.generator.generate_each(&request, &mut |completion| {
            let program = program_of(&completion);
            if let Some(p) = &program {
                batch.submit(&p.code, &inputs);
            }
            programs.push(program);
            completions.push(completion);
        });
        let complete = generated.is_ok();
        if let Err(e) = generated {
            let failure = Completion::failure(format!("{e:#}"));
            let wanted = request.n.unwrap_or(1).max(1);
            let missing = wanted.saturating_sub(completions.len());
            completions.extend(std::iter::repeat_n(failure, missing));
            programs.resize(completions.len(), None);
        }
        let mut runs = batch.finish().into_iter();
        let attempts = completions
            .into_iter()
            .zip(&programs)
            .enumerate()
            .map(|(i, (completion, program))| {
                let run = program.as_ref().and_then(|_| runs.next());
                let mut a = score_attempt(task, i, completion, program.as_ref(), run.as_ref());
                if let Some((hash, _, depth)) = &r.parent {
                    a.parent = Some(hash.clone());
                    a.depth = *depth;
                }
                a
            })
            .collect();
        (attempts, complete)
    }
}
