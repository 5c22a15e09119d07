//! Work planning under a time budget: how many samples each task gets, and in what order.
//!
//! Work goes out in passes: every task gets a first pass before any task gets a second, so a run
//! cut short still answers every task. Without a budget there is one pass of the full number of
//! samples. With one, the first tasks get a small probe pass while throughput is unknown; after
//! that each hand-out sizes its samples so the work left (in flight plus planned) fits the time
//! left before the soft deadline, at the throughput measured so far. Later passes top tasks up
//! towards the full number while time remains.
//!
//! With refinement ([`crate::search`]) a task's first unit is capped at its sampling pass and
//! later ones at a round, and there are later passes without a budget too. A task never has two
//! units in flight (a round's parents come from the pool the previous round left), and a closed
//! task (stopped early, or its backend ran dry) gets no more; its share of a budget goes to the
//! tasks still open.

use std::time::{Duration, Instant};

/// Parses durations like `11h30m`, `90s`, `2h`, `1.5h` or a plain number of seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("empty duration".into());
    }
    if let Ok(secs) = t.parse::<f64>() {
        return to_duration(secs, text);
    }
    let mut total = 0.0;
    let mut number = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        let mut unit = c.to_string();
        if c == 'm' && chars.peek() == Some(&'s') {
            unit.push(chars.next().unwrap_or('s'));
        }
        let scale = match unit.as_str() {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 0.001,
            "d" => 86400.0,
            _ => {
                return Err(format!(
                    "{text:?}: unknown unit {unit:?} (use d, h, m, s, ms)"
                ))
            }
        };
        let value: f64 = number
            .parse()
            .map_err(|_| format!("{text:?}: expected a number before {unit:?}"))?;
        total += value * scale;
        number.clear();
    }
    if !number.is_empty() {
        return Err(format!("{text:?}: a number without a unit at the end"));
    }
    to_duration(total, text)
}

fn to_duration(secs: f64, text: &str) -> Result<Duration, String> {
    if secs.is_finite() && secs > 0.0 {
        Ok(Duration::from_secs_f64(secs))
    } else {
        Err(format!("{text:?}: the duration must be positive"))
    }
}

/// The deadlines of a budget.
#[derive(Clone, Copy, Debug)]
pub struct Deadlines {
    /// Planning aims to finish all work by this time.
    pub soft: Instant,
    /// Work still going at this time is abandoned and the run ends.
    pub hard: Instant,
}

impl Deadlines {
    /// Deadlines for a budget starting at `start`: the soft one leaves a safety margin of 10 % (at
    /// most 10 minutes), the hard one 1 % (at most 1 minute) for the final writes.
    pub fn new(start: Instant, budget: Duration) -> Deadlines {
        let margin = budget.mul_f64(0.10).min(Duration::from_secs(600));
        let reserve = budget.mul_f64(0.01).min(Duration::from_secs(60));
        Deadlines {
            soft: start + budget - margin,
            hard: start + budget - reserve,
        }
    }
}

/// One piece of work: `n` more samples of task `task`, numbered from `first_sample`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkUnit {
    /// Task position.
    pub task: usize,
    /// Index of the first sample (samples already made for the task).
    pub first_sample: usize,
    /// Samples wanted.
    pub n: usize,
    /// Pass number, from 0.
    pub pass: usize,
}

/// What [`Planner::next`] has to give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// This unit.
    Unit(WorkUnit),
    /// Nothing until a unit in flight finishes.
    Wait,
    /// Nothing more, ever.
    Done,
}

impl Next {
    /// The unit, if there is one.
    pub fn unit(self) -> Option<WorkUnit> {
        match self {
            Next::Unit(u) => Some(u),
            _ => None,
        }
    }
}

/// Hands out work units in pass order and sizes them to the budget.
#[derive(Debug)]
pub struct Planner {
    target: usize,
    have: Vec<usize>,
    pass: usize,
    cursor: usize,
    deadlines: Option<Deadlines>,
    start: Instant,
    probe: usize,
    in_flight: usize,
    finished: u64,
    first_cap: usize,
    round: Option<usize>,
    busy: Vec<bool>,
    closed: Vec<bool>,
    last_pass: Vec<Option<usize>>,
}

impl Planner {
    /// A planner for tasks that already have `have[i]` samples, aiming at `target` each.
    /// `deadlines`: `None` plans one pass of everything.
    pub fn new(
        have: Vec<usize>,
        target: usize,
        deadlines: Option<Deadlines>,
        start: Instant,
    ) -> Planner {
        let target = target.max(1);
        let n = have.len();
        Planner {
            probe: target.div_ceil(4),
            target,
            have,
            pass: 0,
            cursor: 0,
            deadlines,
            start,
            in_flight: 0,
            finished: 0,
            first_cap: target,
            round: None,
            busy: vec![false; n],
            closed: vec![false; n],
            last_pass: vec![None; n],
        }
    }

    /// Caps a task's first unit at `first` samples and every later one at `round`, with later
    /// passes until every task has its target (or is closed), budget or not.
    pub fn with_rounds(mut self, first: usize, round: usize) -> Planner {
        self.first_cap = first.max(1);
        self.round = Some(round.max(1));
        self
    }

    /// Seconds per sample at the throughput measured so far (all workers together).
    fn seconds_per_sample(&self, now: Instant) -> Option<f64> {
        (self.finished > 0)
            .then(|| now.duration_since(self.start).as_secs_f64() / self.finished as f64)
    }

    /// Whether a task needs nothing more.
    fn done(&self, task: usize) -> bool {
        self.closed[task] || self.have[task] >= self.target
    }

    /// Whether a task may still get a unit in the current pass.
    fn owed(&self, task: usize) -> bool {
        !self.done(task)
            && self.last_pass[task] != Some(self.pass)
            && !(self.pass == 0 && self.have[task] > 0)
    }

    /// The next unit; [`Next::Wait`] when the only tasks with work left have a unit in flight;
    /// [`Next::Done`] when the work is done or no more fits the budget.
    pub fn next(&mut self, now: Instant) -> Next {
        if self.deadlines.is_some_and(|d| now >= d.hard) {
            return Next::Done;
        }
        let more_passes = self.deadlines.is_some() || self.round.is_some();
        let mut wraps = 0;
        loop {
            if self.cursor >= self.have.len() {
                self.cursor = 0;
                wraps += 1;
                if !(0..self.have.len()).any(|t| self.owed(t)) {
                    if !more_passes || (0..self.have.len()).all(|t| self.done(t)) {
                        return Next::Done;
                    }
                    self.pass += 1;
                }
                if wraps > 2 {
                    return Next::Wait;
                }
            }
            let task = self.cursor;
            self.cursor += 1;
            if !self.owed(task) || self.busy[task] {
                continue;
            }
            let have = self.have[task];
            let first_pass = self.pass == 0;
            let cap = if have == 0 {
                self.first_cap
            } else {
                self.round.unwrap_or(usize::MAX)
            };
            let n = match self.size(now, have, first_pass).min(cap) {
                0 => return Next::Done,
                n => n,
            };
            self.have[task] += n;
            self.in_flight += n;
            self.busy[task] = true;
            self.last_pass[task] = Some(self.pass);
            return Next::Unit(WorkUnit {
                task,
                first_sample: have,
                n,
                pass: self.pass,
            });
        }
    }

    /// Samples for a unit of a task that has `have`: everything left without a budget; else what
    /// fits the time left, shared among the tasks still waiting in this pass. A first pass gives
    /// at least one sample.
    fn size(&self, now: Instant, have: usize, first_pass: bool) -> usize {
        let wanted = self.target - have;
        let Some(deadlines) = self.deadlines else {
            return wanted;
        };
        let Some(per_sample) = self.seconds_per_sample(now) else {
            return wanted.min(self.probe);
        };
        // This task and the ones after it in this pass still need a share.
        let waiting = (self.cursor - 1..self.have.len())
            .filter(|&t| {
                let h = if t == self.cursor - 1 {
                    have
                } else {
                    self.have[t]
                };
                if self.closed[t] {
                    false
                } else if first_pass {
                    h == 0
                } else {
                    h < self.target
                }
            })
            .count()
            .max(1);
        let left = deadlines.soft.saturating_duration_since(now).as_secs_f64();
        // Samples that still fit after those in flight, shared by the tasks waiting; when the
        // share rounds down to nothing but one more sample fits, this task gets it (the next
        // hand-out looks again).
        let room = left / per_sample - self.in_flight as f64;
        let fit = if !room.is_finite() || room < 1.0 {
            0
        } else {
            ((room / waiting as f64).floor() as usize).max(1)
        };
        let n = fit.min(wanted);
        if first_pass {
            n.max(1)
        } else {
            n
        }
    }

    /// A unit just handed out will make `n` samples instead (what the backend holds, what the
    /// search could place).
    pub fn resize(&mut self, unit: &mut WorkUnit, n: usize) {
        let cut = unit.n.saturating_sub(n);
        self.have[unit.task] -= cut;
        self.in_flight -= cut;
        unit.n = n.min(unit.n);
    }

    /// A unit finished with `samples` samples made (fewer than asked when it was cut short).
    pub fn finished(&mut self, unit: &WorkUnit, samples: usize) {
        self.in_flight = self.in_flight.saturating_sub(unit.n);
        self.finished += samples as u64;
        self.busy[unit.task] = false;
        if samples < unit.n {
            // The missing samples were not made; count only what exists.
            self.have[unit.task] -= unit.n - samples.min(unit.n);
        }
    }

    /// The task gets no more units (it stopped early, or its backend has nothing more).
    pub fn close(&mut self, task: usize) {
        self.closed[task] = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse() {
        assert_eq!(
            parse_duration("11h30m").unwrap(),
            Duration::from_secs(41400)
        );
        assert_eq!(parse_duration("90s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("1.5h").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_duration("12").unwrap(), Duration::from_secs(12));
        assert!(parse_duration("").is_err());
        assert!(parse_duration("5 parsecs").is_err());
        assert!(parse_duration("10h5").is_err());
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("-3").is_err());
    }

    #[test]
    fn without_a_budget_every_task_gets_everything_once() {
        let now = Instant::now();
        let mut p = Planner::new(vec![0, 0, 3], 4, None, now);
        let units: Vec<WorkUnit> = std::iter::from_fn(|| p.next(now).unit()).collect();
        // The task with samples from an earlier run is skipped (resume keeps them).
        assert_eq!(
            units.iter().map(|u| (u.task, u.n)).collect::<Vec<_>>(),
            [(0, 4), (1, 4)]
        );
    }

    #[test]
    fn a_budget_probes_then_sizes_and_gives_first_passes_before_second_ones() {
        let start = Instant::now();
        let deadlines = Deadlines::new(start, Duration::from_secs(100));
        let mut p = Planner::new(vec![0; 4], 8, Some(deadlines), start);
        // Throughput unknown: a probe of target/4.
        let u0 = p.next(start).unit().unwrap();
        assert_eq!((u0.task, u0.n, u0.pass), (0, 2, 0));
        // 2 samples took 10 s: 5 s per sample. At t = 10 s, soft deadline at 90 s: 80 s left =
        // 16 samples for the 3 tasks waiting in pass 1 → 5 each.
        p.finished(&u0, 2);
        let t = start + Duration::from_secs(10);
        let u1 = p.next(t).unit().unwrap();
        assert_eq!((u1.task, u1.n), (1, 5));
        // With u1's 5 samples in flight: (16 − 5) / 2 = 5.5 → 5.
        let u2 = p.next(t).unit().unwrap();
        assert_eq!((u2.task, u2.n), (2, 5));
        let u3 = p.next(t).unit().unwrap();
        // 16 − 10 in flight = 6 for the last task.
        assert_eq!((u3.task, u3.n, u3.pass), (3, 6, 0));
    }

    #[test]
    fn second_passes_top_up_while_time_remains_and_stop_when_it_does_not() {
        let start = Instant::now();
        let deadlines = Deadlines::new(start, Duration::from_secs(1000));
        let mut p = Planner::new(vec![0; 2], 4, Some(deadlines), start);
        let a = p.next(start).unit().unwrap();
        let b = p.next(start).unit().unwrap();
        assert_eq!((a.n, b.n), (1, 1));
        p.finished(&a, 1);
        p.finished(&b, 1);
        // 2 samples in 2 s: 1 s each; lots of time left → pass 2 tops both up to 4.
        let t = start + Duration::from_secs(2);
        let c = p.next(t).unit().unwrap();
        assert_eq!((c.task, c.first_sample, c.n, c.pass), (0, 1, 3, 1));
        let d = p.next(t).unit().unwrap();
        assert_eq!((d.task, d.first_sample, d.n, d.pass), (1, 1, 3, 1));
        p.finished(&c, 3);
        p.finished(&d, 3);
        assert_eq!(p.next(t), Next::Done);
        // Time for one more sample but not one each: the next task in the pass gets it.
        let mut p = Planner::new(vec![0; 3], 4, Some(deadlines), start);
        let units: Vec<WorkUnit> = (0..3).map(|_| p.next(start).unit().unwrap()).collect();
        for u in &units {
            p.finished(u, 1);
        }
        // At 500 s with 3 samples made (167 s each), the soft deadline (900 s) leaves room for
        // 2.4 samples: a share of 0.8 per task rounds to nothing, but whole samples still fit, so
        // the first two tasks of the pass get one each; then 0.4 is left and the run is done.
        let t = start + Duration::from_secs(500);
        let more: Vec<(usize, usize)> =
            std::iter::from_fn(|| p.next(t).unit().map(|u| (u.task, u.n)))
                .take(10)
                .collect();
        assert_eq!(more, [(0, 1), (1, 1)]);
        // Past the hard deadline nothing more goes out, whatever is missing.
        let mut p = Planner::new(vec![0; 2], 4, Some(deadlines), start);
        assert_eq!(p.next(start + Duration::from_secs(995)), Next::Done);
    }

    #[test]
    fn no_time_left_means_no_second_pass_but_first_passes_still_go_out() {
        let start = Instant::now();
        let deadlines = Deadlines::new(start, Duration::from_secs(10));
        let mut p = Planner::new(vec![0; 3], 4, Some(deadlines), start);
        let a = p.next(start).unit().unwrap();
        p.finished(&a, 1);
        // One sample took 8.5 s: at 8.5 s the soft deadline (9 s) leaves no room…
        let t = start + Duration::from_millis(8500);
        let b = p.next(t).unit().unwrap();
        let c = p.next(t).unit().unwrap();
        // …but every task still gets its first sample.
        assert_eq!((b.task, b.n, c.task, c.n), (1, 1, 2, 1));
        p.finished(&b, 1);
        p.finished(&c, 1);
        assert_eq!(p.next(t), Next::Done);
    }

    #[test]
    fn cut_units_count_only_the_samples_made() {
        let start = Instant::now();
        let mut p = Planner::new(
            vec![0],
            4,
            Some(Deadlines::new(start, Duration::from_secs(100))),
            start,
        );
        let u = p.next(start).unit().unwrap();
        p.finished(&u, 0);
        let t = start + Duration::from_secs(1);
        // Nothing was made, so no throughput is known yet: another probe from sample 0.
        let v = p.next(t).unit().unwrap();
        assert_eq!((v.first_sample, v.n, v.pass), (0, 1, 1));
    }

    #[test]
    fn rounds_come_one_at_a_time_per_task_and_wait_for_the_previous() {
        let now = Instant::now();
        // 16 attempts: a first pass of 8, then rounds of 4; no budget.
        let mut p = Planner::new(vec![0, 0], 16, None, now).with_rounds(8, 4);
        let a = p.next(now).unit().unwrap();
        let b = p.next(now).unit().unwrap();
        assert_eq!((a.task, a.n, b.task, b.n), (0, 8, 1, 8));
        // Both tasks have a unit in flight: nothing to hand out, but more will come.
        assert_eq!(p.next(now), Next::Wait);
        p.finished(&b, 8);
        let c = p.next(now).unit().unwrap();
        assert_eq!((c.task, c.first_sample, c.n), (1, 8, 4));
        assert_eq!(p.next(now), Next::Wait);
        p.finished(&a, 8);
        let d = p.next(now).unit().unwrap();
        assert_eq!((d.task, d.first_sample, d.n), (0, 8, 4));
        // Task 0 is closed (stopped early): task 1 finishes alone.
        p.close(0);
        p.finished(&d, 4);
        p.finished(&c, 4);
        let e = p.next(now).unit().unwrap();
        assert_eq!((e.task, e.first_sample, e.n), (1, 12, 4));
        p.finished(&e, 4);
        assert_eq!(p.next(now), Next::Done);
    }

    #[test]
    fn a_resized_unit_counts_only_what_it_asks_for() {
        let now = Instant::now();
        let mut p = Planner::new(vec![0], 8, None, now).with_rounds(4, 4);
        let mut u = p.next(now).unit().unwrap();
        p.resize(&mut u, 3);
        assert_eq!(u.n, 3);
        p.finished(&u, 3);
        let v = p.next(now).unit().unwrap();
        assert_eq!((v.first_sample, v.n), (3, 4));
    }

    #[test]
    fn a_closed_tasks_budget_share_goes_to_the_open_ones() {
        let start = Instant::now();
        // Soft deadline at 31.5 s.
        let deadlines = Deadlines::new(start, Duration::from_secs(35));
        let share = |close: bool| {
            let mut p = Planner::new(vec![0; 4], 100, Some(deadlines), start);
            let units: Vec<WorkUnit> = (0..4).map(|_| p.next(start).unit().unwrap()).collect();
            for u in &units {
                p.finished(u, u.n);
            }
            if close {
                p.close(0);
                p.close(1);
            }
            // 4 × 25 probe samples in 10 s: 0.1 s each; 21.5 s to the soft deadline: 215 more.
            let t = start + Duration::from_secs(10);
            std::iter::from_fn(|| p.next(t).unit())
                .take(4)
                .map(|u| (u.task, u.n))
                .collect::<Vec<_>>()
        };
        // Four open tasks share the 215: about 54 each.
        let open = share(false);
        assert_eq!(open.iter().map(|u| u.0).collect::<Vec<_>>(), [0, 1, 2, 3]);
        assert!(open.iter().all(|u| (52..=55).contains(&u.1)), "{open:?}");
        // Two tasks stopped early: the other two get all the 75 they still want.
        assert_eq!(share(true), [(2, 75), (3, 75)]);
    }
}
