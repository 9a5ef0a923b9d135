//! Every lesson's claim is a test: open the lesson's own link (from `lessons/lessons.txt`), train
//! as the lesson tells the student to, and check what its text says, on several seeds. Training
//! is deterministic on every platform (one seeded Rng, f32 burn ndarray), so what holds here is
//! what a student sees in the page.

use activation_lab::domain::nn::metrics::EpochMetrics;
use activation_lab::domain::nn::trainer::Session;
use activation_lab::domain::state::lessons;
use activation_lab::domain::state::play_url::PlayState;
use activation_lab::domain::state::query::Query;

const SEEDS: [u64; 4] = [1, 2, 3, 4];

/// The lesson's link, with some keys changed as the lesson's "try" step says.
fn lesson_link(id: &str, changes: &[(&str, &str)]) -> Query {
    let lesson = lessons::all().into_iter().find(|l| l.id == id).unwrap_or_else(|| panic!("no lesson {id}"));
    let mut q = Query::parse(&lesson.link);
    for (k, v) in changes {
        q.set(k, *v);
    }
    q
}

fn session(q: &Query, seed: u64) -> Session {
    let mut q = q.clone();
    q.set("seed", seed.to_string());
    let (state, notices) = PlayState::from_query(&q);
    assert!(notices.is_empty(), "the lesson link earns notices: {notices:?}");
    Session::new(state.settings)
}

/// (layer, neuron) of every dead hidden neuron.
fn dead_set(m: &EpochMetrics) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (l, layer) in m.layers.iter().enumerate() {
        for (n, neuron) in layer.neurons.iter().enumerate() {
            if neuron.dead {
                out.push((l, n));
            }
        }
    }
    out
}

#[test]
fn non_linearity_linear_stalls_and_relu_learns_the_circle() {
    for seed in SEEDS {
        let mut linear = session(&lesson_link("non-linearity", &[]), seed);
        linear.step(500);
        let lin = linear.metrics().test_loss;
        assert!(
            lin > 0.6,
            "seed {seed}: linear reached test loss {lin}, the lesson says it stalls near 0.69"
        );
        let mut relu = session(&lesson_link("non-linearity", &[("activation", "relu")]), seed);
        relu.step(500);
        let r = relu.metrics().test_loss;
        assert!(r < 0.1, "seed {seed}: relu's test loss is {r} after 500 epochs");
    }
}

#[test]
fn vanishing_gradients_sigmoid_starves_the_first_layer_relu_with_he_does_not() {
    for seed in SEEDS {
        let mut s = session(&lesson_link("vanishing-gradients", &[]), seed);
        s.step(20);
        let m = s.metrics();
        let ratio = m.output_grad_norm / m.layers[0].grad_norm;
        assert!(
            ratio >= 100.0,
            "seed {seed}: sigmoid's first layer gets only {ratio:.0}× less than the output"
        );
        let mut r = session(
            &lesson_link("vanishing-gradients", &[("activation", "relu"), ("init", "he_normal")]),
            seed,
        );
        r.step(20);
        let m = r.metrics();
        let ratio = m.output_grad_norm / m.layers[0].grad_norm;
        assert!(
            (0.1..=10.0).contains(&ratio),
            "seed {seed}: relu + He: output / first layer = {ratio:.2}, not within 10×"
        );
    }
}

#[test]
fn sparse_activation_relu_is_a_third_to_a_half_zero_tanh_never() {
    for seed in SEEDS {
        let mut s = session(&lesson_link("sparse-activation", &[]), seed);
        s.step(300);
        for (i, layer) in s.metrics().layers.iter().enumerate() {
            assert!(
                layer.sparsity >= 0.33,
                "seed {seed}: relu layer {} sparsity {:.2}",
                i + 1,
                layer.sparsity
            );
        }
        let mut t = session(&lesson_link("sparse-activation", &[("activation", "tanh")]), seed);
        t.step(300);
        for (i, layer) in t.metrics().layers.iter().enumerate() {
            assert_eq!(layer.sparsity, 0.0, "seed {seed}: tanh layer {} has exact zeros", i + 1);
        }
    }
}

#[test]
fn dying_relu_a_quarter_dies_and_stays_dead_leaky_relu_loses_none() {
    for seed in SEEDS {
        let mut s = session(&lesson_link("dying-relu", &[]), seed);
        let total = s.metrics().neuron_count();
        s.step(100);
        let dead_early = dead_set(s.metrics());
        assert!(
            4 * dead_early.len() >= total,
            "seed {seed}: only {} of {total} dead at epoch 100",
            dead_early.len()
        );
        s.step(900);
        let dead_late = dead_set(s.metrics());
        for n in &dead_early {
            assert!(dead_late.contains(n), "seed {seed}: neuron {n:?} came back by epoch 1000");
        }
        let mut leaky = session(&lesson_link("dying-relu", &[("activation", "leaky_relu")]), seed);
        leaky.step(1000);
        let m = leaky.metrics();
        assert_eq!(m.dead_count(), 0, "seed {seed}: leaky relu lost neurons");
        let acc = m.test_accuracy.unwrap_or(0.0);
        assert!(acc >= 0.95, "seed {seed}: leaky relu reached only {acc} test accuracy");
    }
    // The link's own seed: the whole second layer dies and the network is frozen at a coin toss.
    let mut s = session(&lesson_link("dying-relu", &[]), 1);
    s.step(1000);
    let m = s.metrics();
    assert_eq!(m.layers[1].dead, m.layers[1].neurons.len(), "seed 1: the second layer is not all dead");
    assert!(m.test_loss > 0.6, "seed 1: test loss {} — the lesson says it stays at 0.69", m.test_loss);
}
