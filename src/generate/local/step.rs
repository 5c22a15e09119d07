//! One engine step: which tokens go through the model (every started sample's newest token, and
//! prefill chunks of the prompts waiting for it, up to the step's budget), one forward pass, the
//! LM head on the rows that need logits, sampling on the device, and what each sample does with
//! its token (stream it, finish, or go on).

use super::attention::{ArenaSlots, SegmentTable};
use super::cache::Range;
use super::engine::{Engine, StepRecord};
use super::qwen::{ChunkInput, StepInput};
use super::sample_op::{self, LogprobRow, SampleRow};
use super::sampler::RowParams;
use candle_core::{Result, Tensor};
use std::time::{Duration, Instant};

/// Attention scores of one prefill chunk are kept near this size.
const PREFILL_SCORE_BYTES: usize = 256 << 20;

/// Where a decode row comes from: group and sequence index.
type RowRef = (usize, usize);

impl Engine {
    /// Prefill chunks for this step: prompt runs in admission order, up to the budget; a run may
    /// take several consecutive chunks (each small enough for its attention scores). A run whose
    /// parent is not prefilled waits, unless the parent's last chunk is earlier in this step (each
    /// layer writes the step's keys and values before any chunk attends).
    fn plan_chunks(&self) -> Vec<(u64, ChunkInput)> {
        let heads = self.model.config().num_attention_heads;
        let mut left = self.prefill_budget;
        let mut chunks = Vec::new();
        // Runs whose last token is prefilled by the end of this step.
        let mut completed: Vec<u64> = Vec::new();
        for p in self.prompts.iter().filter(|p| !p.is_prefilled()) {
            let ready = p.parent.is_none_or(|parent| {
                self.prompts.node(parent).is_prefilled() || completed.contains(&parent)
            });
            if !ready {
                continue;
            }
            let len = p.tokens.len();
            let bound = (PREFILL_SCORE_BYTES / (heads * p.end() * 4)).max(16);
            let context = match p.parent {
                Some(parent) => self.prompts.path(parent),
                None => Vec::new(),
            };
            let mut offset = p.prefilled;
            while left > 0 && offset < len {
                let c = (len - offset).min(left).min(bound);
                chunks.push((
                    p.id,
                    ChunkInput {
                        context: context.clone(),
                        prompt: p.range,
                        offset,
                        len: c,
                    },
                ));
                offset += c;
                left -= c;
            }
            if offset == len {
                completed.push(p.id);
            }
            if left == 0 {
                break;
            }
        }
        chunks
    }

    /// Builds the step's input: decode rows first, then the chunks' tokens.
    fn step_input(&self, chunks: &[(u64, ChunkInput)]) -> Result<(StepInput, Vec<RowRef>)> {
        let mut rows = Vec::new();
        let (mut tokens, mut positions, mut slots, mut segments) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let hold = self.prefill_first && !chunks.is_empty();
        for (gi, g) in self
            .groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.started && !hold)
        {
            // The prompt's runs, root first: every sample of the group attends to them.
            let path: Vec<(usize, usize)> = self
                .prompts
                .path(g.prompt)
                .iter()
                .map(|r| (r.start, r.len))
                .collect();
            let prompt_len = self.prompts.node(g.prompt).end();
            for (si, s) in g.sequences.iter().enumerate() {
                rows.push((gi, si));
                tokens.push(s.last);
                positions.push((prompt_len + s.cached) as u32);
                slots.push((s.suffix.start + s.cached) as u32);
                let mut row = path.clone();
                row.push((s.suffix.start, s.cached + 1));
                segments.push(row);
            }
        }
        let decode_rows = rows.len();
        for (id, c) in chunks {
            let prompt = self.prompts.node(*id);
            for i in c.offset..c.offset + c.len {
                tokens.push(prompt.tokens[i]);
                positions.push((prompt.start + i) as u32);
                slots.push((prompt.range.start + i) as u32);
            }
        }
        let device = self.model.device();
        let input = StepInput {
            tokens,
            positions,
            slots: ArenaSlots::new(slots, device)?,
            decode_rows,
            segments: SegmentTable::new(&segments, device)?,
            chunks: chunks.iter().map(|(_, c)| c.clone()).collect(),
        };
        Ok((input, rows))
    }

    /// Waits for the device when profiling, so the part just run is timed alone.
    fn sync(&self) -> Result<()> {
        if self.profile {
            self.model.device().synchronize()?;
        }
        Ok(())
    }

    /// Runs one step: the forward pass over decode rows and prefill chunks, then sampling.
    pub(super) fn run_step(&mut self) -> Result<()> {
        let started = Instant::now();
        // Samples admitted onto a prompt already in the arena start now and decode in this step.
        self.start_ready_groups()?;
        let chunks = self.plan_chunks();
        let (input, rows) = self.step_input(&chunks)?;
        if input.tokens.is_empty() {
            return Ok(());
        }
        self.sync()?;
        let t_input = started.elapsed();
        let hidden = self.model.forward(&input, &self.arena)?;
        self.sync()?;
        let t_forward = started.elapsed();

        // Logits of the decode rows (one product for all of them), and of each prompt that this
        // step finishes (runs that only lead to other prompts need none). On the CPU a row's
        // logits are kept the same whatever else the step holds: a one-row product rounds
        // differently from a many-row one, so decode rows go at least two at a time (a lone row
        // is doubled) and each finished prompt's last position alone, as when it is prefilled
        // alone. With the prefill's own care (see `attention::prefill_attention`), sharing a
        // prefix leaves most of a token's arithmetic as it was (tests/prefix_sharing.rs checks
        // tokens exactly and log-probabilities to rounding).
        let cpu = self.model.device().is_cpu();
        let logits = match rows.len() {
            0 => None,
            n => {
                let decode = if n == input.tokens.len() {
                    hidden.clone()
                } else {
                    hidden.narrow(0, 0, n)?
                };
                Some(if n == 1 && cpu {
                    let twice = Tensor::cat(&[&decode, &decode], 0)?;
                    self.model.logits(&twice)?.narrow(0, 0, 1)?
                } else {
                    self.model.logits(&decode)?
                })
            }
        };
        let mut finishing = Vec::new();
        let mut at = rows.len();
        for (id, c) in &chunks {
            at += c.len;
            let node = self.prompts.node(*id);
            if c.offset + c.len == node.tokens.len() && node.terminal {
                finishing.push((*id, at - 1));
            }
        }
        let finished_prompts: Vec<(u64, Tensor)> = if cpu || finishing.len() == 1 {
            finishing
                .iter()
                .map(|&(id, row)| Ok((id, self.model.logits(&hidden.narrow(0, row, 1)?)?)))
                .collect::<Result<_>>()?
        } else if finishing.is_empty() {
            Vec::new()
        } else {
            let pick: Vec<u32> = finishing.iter().map(|&(_, row)| row as u32).collect();
            let index = Tensor::from_slice(&pick, pick.len(), hidden.device())?;
            let all = self.model.logits(&hidden.index_select(&index, 0)?)?;
            finishing
                .iter()
                .enumerate()
                // Own copies: a view would keep all of them alive.
                .map(|(j, &(id, _))| Ok((id, all.narrow(0, j, 1)?.copy()?)))
                .collect::<Result<_>>()?
        };
        self.sync()?;
        let t_head = started.elapsed();

        // Every decode row's token, chosen on the device.
        let (ids, logprobs) = match &logits {
            Some(l) if !rows.is_empty() => self.sample_rows(l, &rows)?,
            _ => (Vec::new(), Vec::new()),
        };
        self.sync()?;
        let t_sample = started.elapsed();

        // The step happened: record it, then let each row and prompt move on.
        for (_, c) in &chunks {
            self.stats.prefill_tokens += c.len as u64;
        }
        for (id, c) in &chunks {
            self.prompts.node_mut(*id).prefilled = c.offset + c.len;
        }
        for (id, last) in finished_prompts {
            self.prompts.node_mut(id).last_logits = Some(last);
        }
        self.advance_rows(&rows, &ids, logprobs);
        // Samples of the prompts finished now draw their first token (and decode from the next
        // step).
        self.start_ready_groups()?;

        let elapsed = started.elapsed();
        let prefill_tokens: usize = chunks.iter().map(|(_, c)| c.len).sum();
        self.record(rows.len(), prefill_tokens, elapsed);
        if !rows.is_empty() && chunks.is_empty() {
            self.stats.decode_only_steps += 1;
            self.stats.decode_only_tokens += rows.len() as u64;
            self.stats.decode_time += elapsed;
            self.stats.forward_time += t_forward - t_input;
            self.stats.lm_head_time += t_head - t_forward;
            self.stats.sample_time += t_sample - t_head;
            self.stats.host_time += elapsed - (t_sample - t_input);
        } else if !chunks.is_empty() {
            self.stats.prefill_time += elapsed;
        }
        Ok(())
    }

    /// Counters and the timeline after a step.
    fn record(&mut self, decode_rows: usize, prefill_tokens: usize, elapsed: Duration) {
        if decode_rows > 0 {
            self.stats.decode_steps += 1;
            self.stats.decode_tokens += decode_rows as u64;
        }
        self.stats.peak_rows = self.stats.peak_rows.max(decode_rows);
        self.stats.peak_kv_bytes = self.stats.peak_kv_bytes.max(self.kv_bytes_in_use());
        if self.profile {
            let used = super::loader::memory_in_use(self.model.device()).unwrap_or(0);
            self.stats.peak_memory = self.stats.peak_memory.max(used);
        }
        if let Some(t) = &mut self.timeline {
            t.push(StepRecord {
                decode_rows,
                prefill_tokens,
                seconds: elapsed.as_secs_f64(),
            });
        }
    }

    /// Samples the decode rows (logits rows `0..rows.len()`), with the log-probabilities of rows
    /// that ask for them.
    fn sample_rows(
        &mut self,
        logits: &Tensor,
        rows: &[RowRef],
    ) -> Result<(Vec<u32>, Vec<Option<super::logprobs::TokenLogprobs>>)> {
        let mut picks = Vec::with_capacity(rows.len());
        for (r, &(gi, si)) in rows.iter().enumerate() {
            let g = &mut self.groups[gi];
            let uniform = g.sequences[si].draws.next_uniform();
            picks.push(SampleRow {
                logits_row: r,
                params: RowParams::new(&g.sampling, uniform),
            });
        }
        let ids = sample_op::sample(logits, &picks)?;
        let asks: Vec<(usize, LogprobRow)> = rows
            .iter()
            .enumerate()
            .filter_map(|(r, &(gi, _))| {
                self.groups[gi].options.logprobs.map(|top| {
                    (
                        r,
                        LogprobRow {
                            logits_row: r,
                            token: ids[r],
                            top,
                        },
                    )
                })
            })
            .collect();
        let mut logprobs = vec![None; rows.len()];
        if !asks.is_empty() {
            let asked: Vec<LogprobRow> = asks.iter().map(|a| a.1).collect();
            for ((r, _), lp) in asks.iter().zip(sample_op::logprobs(logits, &asked)?) {
                logprobs[*r] = Some(lp);
            }
        }
        Ok((ids, logprobs))
    }

    /// Hands each decode row its token: the sample streams it, finishes (freeing its range) or
    /// goes on with its key and value now in the arena.
    fn advance_rows(
        &mut self,
        rows: &[RowRef],
        ids: &[u32],
        mut logprobs: Vec<Option<super::logprobs::TokenLogprobs>>,
    ) {
        let tokenizer = self.tokenizer.clone();
        for (r, &(gi, si)) in rows.iter().enumerate() {
            let g = &mut self.groups[gi];
            let max_new = g.sampling.max_new_tokens;
            let seq = &mut g.sequences[si];
            seq.cached += 1;
            match seq.advance(tokenizer.as_deref(), ids[r], logprobs[r].take(), max_new) {
                Some(reason) => g.finishing.push((si, reason)),
                None => {
                    if g.options.stream {
                        seq.send_delta(&g.events);
                    }
                }
            }
        }
        self.retire_finished();
    }

    /// Reports finished samples, frees their ranges, and drops groups with no sample left.
    fn retire_finished(&mut self) {
        let tokenizer = self.tokenizer.clone();
        let tokenizer = tokenizer.as_deref();
        let mut freed: Vec<Range> = Vec::new();
        let mut empty = Vec::new();
        for (gi, g) in self.groups.iter_mut().enumerate() {
            if g.finishing.is_empty() {
                continue;
            }
            let mut finishing = std::mem::take(&mut g.finishing);
            finishing.sort_by_key(|f| std::cmp::Reverse(f.0));
            let mut ended = Vec::new();
            for (si, reason) in finishing {
                ended.push((g.sequences.remove(si), reason));
            }
            // In sample order, as they were in the batch.
            for (seq, reason) in ended.into_iter().rev() {
                freed.push(seq.suffix);
                seq.finish(
                    tokenizer,
                    reason,
                    g.prompt_tokens,
                    g.options.stream,
                    &g.events,
                );
            }
            if g.sequences.is_empty() {
                empty.push(gi);
            }
        }
        for r in freed {
            self.arena.release(r);
        }
        for gi in empty.into_iter().rev() {
            let g = self.groups.remove(gi);
            self.prompts.unhold(g.prompt);
        }
    }

    /// Samples whose prompt is prefilled draw their first token from its last logits; those it
    /// already ends are reported, the others join the decode batch.
    pub(super) fn start_ready_groups(&mut self) -> Result<()> {
        let tokenizer = self.tokenizer.clone();
        let tokenizer = tokenizer.as_deref();
        for gi in 0..self.groups.len() {
            if self.groups[gi].started {
                continue;
            }
            let prompt = self.prompts.node(self.groups[gi].prompt);
            let Some(logits) = prompt.last_logits.clone() else {
                continue;
            };
            let g = &mut self.groups[gi];
            let picks: Vec<SampleRow> = g
                .sequences
                .iter_mut()
                .map(|s| SampleRow {
                    logits_row: 0,
                    params: RowParams::new(&g.sampling, s.draws.next_uniform()),
                })
                .collect();
            let ids = sample_op::sample(&logits, &picks)?;
            let mut logprobs: Vec<Option<super::logprobs::TokenLogprobs>> = match g.options.logprobs
            {
                Some(top) => {
                    let asks: Vec<LogprobRow> = ids
                        .iter()
                        .map(|&token| LogprobRow {
                            logits_row: 0,
                            token,
                            top,
                        })
                        .collect();
                    sample_op::logprobs(&logits, &asks)?
                        .into_iter()
                        .map(Some)
                        .collect()
                }
                None => vec![None; ids.len()],
            };
            g.started = true;
            let max_new = g.sampling.max_new_tokens;
            for (si, seq) in g.sequences.iter_mut().enumerate() {
                match seq.advance(tokenizer, ids[si], logprobs[si].take(), max_new) {
                    Some(reason) => g.finishing.push((si, reason)),
                    None => {
                        if g.options.stream {
                            seq.send_delta(&g.events);
                        }
                    }
                }
            }
        }
        self.retire_finished();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn score_bound_keeps_long_prompt_chunks_small() {
        // 16 heads, a 32k prompt: chunks of at most 128 tokens (128 × 32k × 16 × 4 B = 256 MiB).
        let bound = (super::PREFILL_SCORE_BYTES / (16 * 32_768 * 4)).max(16);
        assert_eq!(bound, 128);
    }
}
