//! The measurement plan and its run, in slices of a time budget (one per animation frame in
//! the page), with the clock injected.

use super::stats::CostReport;
use super::work::{evaluations, Workload};
use super::{measured, CostKind};
use crate::domain::activation::Activation;

/// How long and how carefully a run measures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CostConfig {
    /// Rounds of timed samples (each item of each activation once per round).
    pub rounds: usize,
    /// A sample repeats its item until this many milliseconds have passed, then divides.
    pub min_sample_ms: f64,
    /// A sample never repeats its item more often (a clock that does not move must not hang).
    pub max_units: usize,
    /// Seed of the inputs and of the training sessions.
    pub seed: u64,
}

impl Default for CostConfig {
    /// 7 rounds (a median of 7) of samples of at least 4 ms: 40 times a 0.1 ms timer's step.
    /// With four activations shown that is 140 samples, about a second or two.
    fn default() -> Self {
        CostConfig { rounds: 7, min_sample_ms: 4.0, max_units: 100_000, seed: 1 }
    }
}

/// One step of the plan: one item of one measured activation, a warm-up (one unit, not
/// recorded) or a timed sample of round `round`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// Index into the measured activations ([`measured`]).
    pub activation: usize,
    pub kind: CostKind,
    pub round: Option<usize>,
}

/// The plan for `n` activations: a warm-up of every item of every activation, then `rounds`
/// rounds; a round goes through the items in [`CostKind::ALL`]'s order and times each for
/// every activation, first to last in even rounds and last to first in odd ones (so neither
/// end of the list is always timed first).
pub fn plan(n: usize, rounds: usize) -> Vec<Step> {
    let warm = (0..n).flat_map(|a| CostKind::ALL.map(|kind| Step { activation: a, kind, round: None }));
    let timed = (0..rounds).flat_map(move |r| {
        CostKind::ALL.into_iter().flat_map(move |kind| {
            (0..n).map(move |i| {
                let activation = if r % 2 == 0 { i } else { n - 1 - i };
                Step { activation, kind, round: Some(r) }
            })
        })
    });
    warm.chain(timed).collect()
}

/// A cost run: the plan, the work it times and the samples so far.
pub struct CostJob {
    config: CostConfig,
    measured: Vec<(Activation, bool)>,
    work: Vec<Workload>,
    steps: Vec<Step>,
    next: usize,
    /// `samples[activation][kind]`: ms per million values (per epoch for the epoch item).
    samples: Vec<[Vec<f64>; 5]>,
}

impl CostJob {
    /// A run for the activations shown (ReLU is added as the reference when not among them).
    pub fn new(shown: &[Activation], config: CostConfig) -> CostJob {
        let measured = measured(shown);
        let work = measured.iter().map(|&(a, _)| Workload::new(a, config.seed)).collect();
        let steps = plan(measured.len(), config.rounds);
        let samples = measured.iter().map(|_| Default::default()).collect();
        CostJob { config, measured, work, steps, next: 0, samples }
    }

    /// The activations measured, each with whether it is the added reference.
    pub fn measured(&self) -> &[(Activation, bool)] {
        &self.measured
    }

    /// Runs steps until `budget_ms` have passed on `now` (ms), at least one while any is left;
    /// returns how many ran. One step is a warm-up unit or one sample (at least
    /// `min_sample_ms`, plus the unit that crosses it).
    pub fn run_for(&mut self, budget_ms: f64, now: &mut dyn FnMut() -> f64) -> usize {
        let start = now();
        let mut ran = 0;
        while let Some(&step) = self.steps.get(self.next) {
            self.run_step(step, now);
            self.next += 1;
            ran += 1;
            if now() - start >= budget_ms {
                break;
            }
        }
        ran
    }

    fn run_step(&mut self, step: Step, now: &mut dyn FnMut() -> f64) {
        let Some(work) = self.work.get_mut(step.activation) else { return };
        if step.round.is_none() {
            work.run(step.kind);
            return;
        }
        let start = now();
        let mut units = 0usize;
        let elapsed = loop {
            work.run(step.kind);
            units += 1;
            let elapsed = now() - start;
            if elapsed >= self.config.min_sample_ms || units >= self.config.max_units.max(1) {
                break elapsed;
            }
        };
        let per_unit = elapsed / units as f64;
        let figure = match step.kind {
            CostKind::Epoch => per_unit,
            kind => per_unit * 1e6 / evaluations(kind) as f64,
        };
        self.samples[step.activation][step.kind.index()].push(figure);
    }

    pub fn done(&self) -> bool {
        self.next >= self.steps.len()
    }

    /// Steps done and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.steps.len())
    }

    /// Rounds whose every sample is in.
    pub fn rounds_done(&self) -> usize {
        let warm = self.measured.len() * CostKind::ALL.len();
        self.next.saturating_sub(warm) / warm.max(1)
    }

    /// The figures so far.
    pub fn report(&self) -> CostReport {
        CostReport::from_samples(&self.measured, &self.samples, self.rounds_done())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A clock that moves 1 ms each time it is read.
    fn ticking() -> impl FnMut() -> f64 {
        let mut t = 0.0;
        move || {
            t += 1.0;
            t
        }
    }

    #[test]
    fn the_plan_warms_up_then_interleaves_every_item_in_alternating_order() {
        let p = plan(3, 2);
        assert_eq!(p.len(), 3 * 5 * 3);
        assert!(p[..15].iter().all(|s| s.round.is_none()));
        let first: Vec<(usize, CostKind)> = p[15..21].iter().map(|s| (s.activation, s.kind)).collect();
        assert_eq!(
            first,
            [0, 1, 2, 0, 1, 2]
                .iter()
                .zip([CostKind::Value; 3].iter().chain(&[CostKind::Derivative; 3]))
                .map(|(&a, &k)| (a, k))
                .collect::<Vec<_>>()
        );
        let second: Vec<usize> = p[30..33].iter().map(|s| s.activation).collect();
        assert_eq!(second, [2, 1, 0], "odd rounds run last to first");
        for a in 0..3 {
            for kind in CostKind::ALL {
                let n = p.iter().filter(|s| s.activation == a && s.kind == kind && s.round.is_some()).count();
                assert_eq!(n, 2, "every item of every activation once per round");
            }
        }
        assert!(plan(0, 5).is_empty());
    }

    #[test]
    fn run_for_spends_its_budget_and_always_makes_progress() {
        let config = CostConfig { rounds: 1, min_sample_ms: 3.0, max_units: 50, seed: 1 };
        let mut job = CostJob::new(&[Activation::Tanh], config);
        assert_eq!(job.measured(), &[(Activation::Relu, true), (Activation::Tanh, false)]);
        let mut clock = ticking();
        // Warm-up steps read the clock once each (the budget check): a 4 ms budget, 4 steps.
        assert_eq!(job.run_for(4.0, &mut clock), 4);
        assert_eq!(job.run_for(0.0, &mut clock), 1, "a spent budget still runs a step");
        assert_eq!(job.progress(), (5, 20));
        while !job.done() {
            job.run_for(10.0, &mut clock);
        }
        assert_eq!(job.rounds_done(), 1);
        let report = job.report();
        assert_eq!(report.rows.len(), 2);
        // Every sample: 3 units of 1 ms each; per million values 1 ms · 100.
        let cell = report.rows[1].cell(CostKind::Value).expect("measured");
        assert_eq!(cell.ms.median, 100.0);
        assert_eq!(report.rows[1].cell(CostKind::Epoch).expect("measured").ms.median, 1.0);
        assert_eq!(cell.ratio.map(|r| r.median), Some(1.0));
        assert_eq!(job.run_for(10.0, &mut clock), 0, "nothing left");
    }

    #[test]
    fn a_frozen_clock_cannot_hang_a_sample() {
        let config = CostConfig { rounds: 1, min_sample_ms: 5.0, max_units: 3, seed: 1 };
        let mut job = CostJob::new(&[Activation::Relu], config);
        let mut frozen = || 0.0;
        while !job.done() {
            job.run_for(1.0, &mut frozen);
        }
        let report = job.report();
        assert_eq!(report.rows[0].cell(CostKind::Value).map(|c| c.ms.median), Some(0.0));
        assert!(!report.has_ratios(), "no ratio from a timer that never moved");
    }

    #[test]
    fn every_activation_gets_finite_positive_figures_on_a_real_clock() {
        let origin = std::time::Instant::now();
        let mut clock = move || origin.elapsed().as_secs_f64() * 1000.0;
        let config = CostConfig { rounds: 1, min_sample_ms: 0.05, max_units: 1_000, seed: 2 };
        for shown in Activation::ALL.chunks(4) {
            let mut job = CostJob::new(shown, config);
            while !job.done() {
                job.run_for(50.0, &mut clock);
            }
            let report = job.report();
            assert_eq!(report.rounds, 1);
            for row in &report.rows {
                for kind in CostKind::ALL {
                    let cell =
                        row.cell(kind).unwrap_or_else(|| panic!("{} {kind:?} missing", row.activation));
                    let ratio =
                        cell.ratio.unwrap_or_else(|| panic!("{} {kind:?} has no ratio", row.activation));
                    assert!(
                        cell.ms.median > 0.0 && cell.ms.median.is_finite(),
                        "{}: {cell:?}",
                        row.activation
                    );
                    assert!(ratio.median > 0.0 && ratio.median.is_finite(), "{}: {cell:?}", row.activation);
                    if row.activation == Activation::Relu {
                        assert_eq!(ratio.median, 1.0);
                    }
                }
            }
        }
    }
}
