//! Every lesson's claim is a test: open the lesson's own link (from `lessons/lessons.txt`), train
//! as the lesson tells the student to, and check what its text says, on several seeds. Training
//! is deterministic on every platform (one seeded Rng, f32 burn ndarray), so what holds here is
//! what a student sees in the page.

use activation_lab::domain::experiments::compare::CompareState;
use activation_lab::domain::experiments::lockstep::Lockstep;
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

/// The lesson's side-by-side runs (its link's compare state), on another seed.
fn lockstep(id: &str, seed: u64) -> Lockstep {
    let mut q = lesson_link(id, &[]);
    q.set("cmpSeed", seed.to_string());
    let (state, notices) = CompareState::from_query(&q);
    assert!(notices.is_empty(), "the lesson link earns notices: {notices:?}");
    Lockstep::new(state.sessions())
}

#[test]
fn dead_for_good_the_jump_kills_half_and_lowering_the_rate_revives_none() {
    for seed in SEEDS {
        let mut s = session(&lesson_link("dead-for-good", &[]), seed);
        s.step(200);
        let m = s.metrics();
        assert!(m.dead_count() <= 1, "seed {seed}: {} dead before the jump", m.dead_count());
        assert!(m.test_loss < 0.01, "seed {seed}: test loss {} before the jump", m.test_loss);
        s.step(30);
        assert_eq!(s.settings().learning_rate, 0.03, "the schedule lowered the rate again");
        let dead = dead_set(s.metrics());
        assert!(dead.len() >= 6, "seed {seed}: only {} of 16 died in the jump", dead.len());
        s.step(770);
        let later = dead_set(s.metrics());
        for n in &dead {
            assert!(later.contains(n), "seed {seed}: neuron {n:?} came back by epoch 1000");
        }
        assert!(s.metrics().test_loss > 0.6, "seed {seed}: test loss {} at 1000", s.metrics().test_loss);
        let marks: Vec<&str> = s.history().changes.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(marks, vec!["lr 0.03 → 3", "lr 3 → 0.03"], "the charts mark both changes");
    }
}

#[test]
fn deep_relu_vs_sigmoid_relu_fits_within_100_epochs_sigmoid_stalls_for_300() {
    for seed in SEEDS {
        let mut runs = lockstep("deep-relu-vs-sigmoid", seed);
        runs.step(100);
        let relu = runs.sessions()[0].metrics().test_loss;
        assert!(relu < 0.05, "seed {seed}: relu's test loss {relu} at epoch 100");
        runs.step(200);
        let sigmoid = runs.sessions()[1].metrics().test_loss;
        assert!(sigmoid > 0.6, "seed {seed}: sigmoid's test loss {sigmoid} at epoch 300");
    }
}

#[test]
fn smooth_gates_relu_loses_neurons_silu_and_gelu_none_and_all_fit() {
    for seed in SEEDS {
        let mut runs = lockstep("smooth-gates", seed);
        runs.step(40);
        let dead: Vec<usize> = runs.sessions().iter().map(|s| s.metrics().dead_count()).collect();
        assert!(dead[0] >= 3, "seed {seed}: relu lost only {} neurons by epoch 40", dead[0]);
        assert_eq!(&dead[1..], &[0, 0], "seed {seed}: silu / gelu lost neurons");
        runs.step(260);
        for (i, s) in runs.sessions().iter().enumerate() {
            let loss = s.metrics().test_loss;
            assert!(loss < 0.05, "seed {seed}: run {i} test loss {loss} at epoch 300");
        }
    }
}

#[test]
fn why_relu_is_cheap_shows_its_four_activations_and_counts_what_an_epoch_evaluates() {
    use activation_lab::domain::activation::Activation;
    use activation_lab::domain::cost::work::epoch_evaluations;
    use activation_lab::domain::cost::CostConfig;
    use activation_lab::domain::nn::settings::Settings;
    use activation_lab::domain::state::explorer::ExplorerState;

    let lesson = lessons::all().into_iter().find(|l| l.id == "why-relu-is-cheap").expect("the lesson");
    let (state, notices) = ExplorerState::from_query(&Query::parse(&lesson.link));
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(state.activations, [Activation::Relu, Activation::Gelu, Activation::Tanh, Activation::Mish]);
    // "an epoch ... evaluates its activation on only 4 500 values (6 neurons, 750 passes)": the
    // epoch the panel times is the Playground's default network's.
    let s = Settings::default();
    let neurons: usize = s.hidden.iter().sum();
    let values = epoch_evaluations(&s);
    let text = format!(
        "{} {:03} values ({neurons} neurons, {} passes)",
        values / 1000,
        values % 1000,
        values / neurons
    );
    assert!(lesson.try_this.contains(&text), "the lesson should say '{text}': {}", lesson.try_this);
    // "the spread of seven rounds".
    assert_eq!(CostConfig::default().rounds, 7);
    assert!(lesson.look.contains("seven rounds"));
}
