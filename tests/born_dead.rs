//! The "born dead" estimator against known answers and against the claims of Lu, Shin, Su &
//! Karniadakis, "Dying ReLU and Initialization: Theory and Numerical Examples" (CiCP 2020,
//! arXiv:1903.06733): with a symmetric initialisation a deep ReLU net is born dead with a
//! probability that rises towards 1 with depth, faster for narrower nets, and the randomized
//! asymmetric initialization (RAI) lowers it.

use activation_lab::domain::experiments::born_dead::{
    grid_inputs, is_born_dead, trial_rng, wilson_interval, BornDeadConfig, BornDeadRun, Estimate, InitScheme,
};

fn run(scheme: InitScheme, widths: &[usize], depths: &[usize], trials: usize) -> Vec<Estimate> {
    let mut run = BornDeadRun::new(BornDeadConfig {
        depths: depths.to_vec(),
        widths: widths.to_vec(),
        trials,
        samples: 1024,
        scheme,
        seed: 7,
    });
    while !run.done() {
        run.step(100);
    }
    run.estimates()
}

fn cell(estimates: &[Estimate], width: usize, depth: usize) -> Estimate {
    *estimates.iter().find(|e| e.width == width && e.depth == depth).expect("cell in the grid")
}

/// Width 1, zero bias, symmetric box: layer 1 is ReLU(w·x), positive somewhere on the symmetric
/// grid whatever w (a line through the origin), so depth 1 is never dead: p = 0 exactly. Layer
/// ℓ ≥ 2 is ReLU(v z) with z ≥ 0 not all zero: dead iff v < 0, probability 1/2, independently per
/// layer. So p(L) = 1 - (1/2)^(L-1).
#[test]
fn width_one_matches_the_closed_form() {
    let depths = [1, 2, 3, 4, 6, 10];
    let trials = 2000;
    let estimates = run(InitScheme::HeSymmetric, &[1], &depths, trials);
    assert_eq!(estimates.len(), depths.len());
    assert_eq!(cell(&estimates, 1, 1).dead, 0, "depth 1 can never be dead");
    // Five random cells checked at once: Bonferroni, family-wise 95% (z = Φ⁻¹(1 - 0.025/5)).
    let z = 2.575_829_3;
    for &depth in &depths[1..] {
        let e = cell(&estimates, 1, depth);
        assert_eq!(e.trials, trials);
        let exact = 1.0 - 0.5f64.powi(depth as i32 - 1);
        let (lo, hi) = wilson_interval(e.dead, e.trials, z);
        assert!(lo <= exact && exact <= hi, "depth {depth}: {e:?}, exact {exact}");
        assert!(e.lo <= e.p && e.p <= e.hi);
    }
}

/// Depth 1 is never dead for any width under the symmetric scheme (each neuron is a line through
/// the origin), and the estimator says so exactly.
#[test]
fn one_zero_bias_layer_is_never_dead_on_a_symmetric_box() {
    let estimates = run(InitScheme::HeSymmetric, &[1, 2, 5], &[1], 500);
    assert!(estimates.iter().all(|e| e.dead == 0 && e.p == 0.0), "{estimates:?}");
    // A single-trial check through the public function, on the inputs the run uses.
    let inputs = grid_inputs(1024);
    for k in 0..200 {
        let mut rng = trial_rng(3, 1, k);
        assert!(!is_born_dead(1, 1, InitScheme::HeSymmetric, &inputs, &mut rng));
    }
}

/// Paper: for a fixed width the born-dead probability rises with depth, towards 1.
#[test]
fn symmetric_init_dies_more_with_depth_towards_one() {
    let depths = [5, 10, 20, 50];
    let estimates = run(InitScheme::HeSymmetric, &[2, 4], &depths, 500);
    for width in [2, 4] {
        let ps: Vec<f64> = depths.iter().map(|&d| cell(&estimates, width, d).p).collect();
        assert!(ps.windows(2).all(|w| w[0] < w[1]), "width {width}: {ps:?}");
        let (shallow, deep) = (cell(&estimates, width, 5), cell(&estimates, width, 50));
        assert!(shallow.hi < deep.lo, "width {width}: {shallow:?} vs {deep:?}");
    }
    assert!(cell(&estimates, 2, 50).lo > 0.95, "width 2 at depth 50 is almost surely dead");
    assert!(cell(&estimates, 4, 50).lo > 0.85);
}

/// Paper: narrower nets die faster (width 2 vs width 10 at depth 20).
#[test]
fn narrow_nets_die_faster_than_wide_ones() {
    let estimates = run(InitScheme::HeSymmetric, &[2, 10], &[20], 500);
    let (narrow, wide) = (cell(&estimates, 2, 20), cell(&estimates, 10, 20));
    assert!(wide.hi < narrow.lo, "{narrow:?} vs {wide:?}");
    assert!(narrow.lo > 0.9 && wide.hi < 0.1, "{narrow:?} vs {wide:?}");
}

/// Paper: RAI lowers the born-dead probability of deep, narrow nets.
#[test]
fn rai_lowers_the_born_dead_probability() {
    let (widths, depths) = ([2, 3, 4], [10, 20]);
    let he = run(InitScheme::HeSymmetric, &widths, &depths, 500);
    let rai = run(InitScheme::Rai, &widths, &depths, 500);
    for w in widths {
        for d in depths {
            let (a, b) = (cell(&he, w, d), cell(&rai, w, d));
            assert!(b.hi < a.lo, "width {w} depth {d}: He {a:?} vs RAI {b:?}");
        }
    }
}

#[test]
fn runs_are_deterministic_and_independent_of_chunking_and_of_the_grid() {
    let config = |widths: &[usize], depths: &[usize], seed| BornDeadConfig {
        depths: depths.to_vec(),
        widths: widths.to_vec(),
        trials: 150,
        samples: 400,
        scheme: InitScheme::Rai,
        seed,
    };
    let finish = |mut run: BornDeadRun, chunk: usize| {
        let mut steps = 0;
        while !run.done() {
            let before = run.progress();
            assert!(run.step(chunk) > 0);
            assert!(run.progress() > before && run.progress() <= 1.0);
            steps += 1;
        }
        (run.estimates(), steps)
    };
    let (a, steps_a) = finish(BornDeadRun::new(config(&[2, 3], &[4, 12, 30], 11)), 1);
    let (b, steps_b) = finish(BornDeadRun::new(config(&[2, 3], &[4, 12, 30], 11)), 300);
    let (c, _) = finish(BornDeadRun::new(config(&[2, 3], &[4, 12, 30], 11)), 13);
    assert_eq!((steps_a, steps_b), (300, 1));
    assert_eq!(a, b);
    assert_eq!(a, c);
    // Bit for bit, including the floats.
    let bits = |v: &[Estimate]| -> Vec<u64> { v.iter().map(|e| e.lo.to_bits()).collect() };
    assert_eq!(bits(&a), bits(&b));

    // A cell's estimate does not depend on the other cells in the grid.
    let (alone, _) = finish(BornDeadRun::new(config(&[3], &[12], 11)), 50);
    assert_eq!(alone[0], cell(&a, 3, 12));

    // Another seed gives other draws.
    let (other, _) = finish(BornDeadRun::new(config(&[2, 3], &[4, 12, 30], 12)), 300);
    assert_ne!(a, other);
}
