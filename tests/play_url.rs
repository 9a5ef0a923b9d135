//! The Playground's settings in the URL: links round-trip exactly, TensorFlow Playground links
//! open the same setup, and bad values give notices and a valid state, never a panic.

use activation_lab::domain::activation::Activation;
use std::rc::Rc;

use activation_lab::domain::nn::data::{Dataset, DatasetKind, Point};
use activation_lab::domain::nn::features::Feature;
use activation_lab::domain::nn::rng::Rng;
use activation_lab::domain::nn::schedule::{LiveChange, Scheduled};
use activation_lab::domain::nn::settings::{
    Init, LossKind, OptimizerKind, Regularization, Settings, MAX_LAYER_WIDTH, MAX_POINTS,
};
use activation_lab::domain::nn::trainer::Session;
use activation_lab::domain::state::page::Notice;
use activation_lab::domain::state::play_url::data_link::{self, MAX_LINK_POINTS};
use activation_lab::domain::state::play_url::{seed_from_text, PlayState, MAX_PLAY_LAYERS};
use activation_lab::domain::state::playground::PlayAction;
use activation_lab::domain::state::query::Query;

fn read(text: &str) -> (PlayState, Vec<Notice>) {
    PlayState::from_query(&Query::parse(text))
}

fn link(state: &PlayState) -> String {
    let mut q = Query::default();
    state.write_query(&mut q);
    q.to_query_string()
}

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.below(items.len())]
}

/// A random activation with a random parameter within its range.
fn random_activation(rng: &mut Rng) -> Activation {
    let a = pick(rng, &Activation::ALL);
    match a.param() {
        // Keep the default sometimes: it prints as the bare name.
        Some(p) if rng.next_f64() < 0.7 => {
            let v = match rng.below(3) {
                0 => (rng.uniform(p.min, p.max) / p.step).round() * p.step,
                _ => rng.uniform(p.min, p.max),
            };
            a.with_param(v.clamp(p.min.max(0.01), p.max)).unwrap()
        }
        _ => a,
    }
}

/// A random state of the kind `from_query` produces (features in canonical order, at most
/// 8 layers, per-layer overrides only for existing layers and ending with an override).
fn random_state(rng: &mut Rng) -> PlayState {
    let dataset = pick(rng, &DatasetKind::ALL);
    let num_points =
        if rng.next_f64() < 0.3 { dataset.default_num_points() } else { 2 + rng.below(MAX_POINTS - 1) };
    let percent = if rng.next_f64() < 0.5 { (10 + rng.below(81)) as f64 } else { rng.uniform(10.0, 90.0) };
    let mut features: Vec<Feature> = Feature::ALL.into_iter().filter(|_| rng.next_f64() < 0.4).collect();
    if features.is_empty() {
        features.push(pick(rng, &Feature::ALL));
    }
    let hidden: Vec<usize> =
        (0..rng.below(MAX_PLAY_LAYERS + 1)).map(|_| 1 + rng.below(MAX_LAYER_WIDTH)).collect();
    let mut layer_activations: Vec<Option<Activation>> = (0..rng.below(hidden.len() + 1))
        .map(|_| if rng.next_f64() < 0.5 { Some(random_activation(rng)) } else { None })
        .collect();
    while layer_activations.last().is_some_and(Option::is_none) {
        layer_activations.pop();
    }
    let rates =
        [rng.uniform(1e-5, 10.0), 1e-5, 10.0, 0.03, 10f64.powf(rng.uniform(-5.0, 1.0)).clamp(1e-5, 10.0)];
    let learning_rate = pick(rng, &rates);
    let reg_rates = [0.0, 0.001, 0.3, 10.0, rng.uniform(0.0, 10.0)];
    let reg_rate = pick(rng, &reg_rates);
    let settings = Settings {
        dataset,
        num_points,
        noise: if rng.next_f64() < 0.5 { rng.below(51) as f64 } else { rng.uniform(0.0, 50.0) },
        train_fraction: percent / 100.0,
        batch_size: 1 + rng.below(num_points),
        features,
        hidden,
        activation: random_activation(rng),
        layer_activations,
        loss: pick(rng, &LossKind::ALL),
        init: pick(rng, &Init::ALL),
        bias_init: if rng.next_f64() < 0.5 { None } else { Some(rng.uniform(-100.0, 100.0)) },
        optimizer: pick(rng, &OptimizerKind::ALL),
        learning_rate,
        regularization: pick(rng, &Regularization::ALL),
        reg_rate,
        seed: if rng.next_f64() < 0.2 { rng.below(1000) as u64 } else { rng.next_u64() },
        schedule: random_schedule(rng, num_points),
    };
    assert_eq!(settings.validate(), Ok(()), "{settings:?}");
    // Custom points sometimes, up to the link's 300 and on its grid (as clicked points are).
    let custom = (rng.next_f64() < 0.3).then(|| {
        let data = Dataset::generate(dataset, rng.below(MAX_LINK_POINTS + 1), 20.0, 0.5, rng.next_u64());
        Rc::new(data_link::decode(&data_link::encode(&data).unwrap(), dataset).unwrap())
    });
    PlayState {
        settings,
        show_test_data: rng.next_f64() < 0.5,
        discretize: rng.next_f64() < 0.5,
        speed: 1 + rng.below(50) as u32,
        custom,
    }
}

#[test]
fn defaults_round_trip_through_a_link() {
    let state = PlayState::default();
    let text = link(&state);
    assert_eq!(read(&text), (state.clone(), vec![]), "{text}");
    // The link is readable and starts with TF Playground's keys.
    assert!(text.starts_with("activation=relu&regularization=none&batchSize=10&dataset=circle"), "{text}");
    assert!(text.contains("&networkShape=4,2&"), "{text}");
}

#[test]
fn many_varied_states_round_trip_exactly_without_notices() {
    let mut rng = Rng::new(2024);
    for i in 0..2000 {
        let state = random_state(&mut rng);
        let text = link(&state);
        // Through the string form too, as the browser stores it, in search or in hash.
        for q in [Query::parse(&text), Query::parse(&format!("#{text}")), Query::from_location("", &text)] {
            let (back, notices) = PlayState::from_query(&q);
            assert!(notices.is_empty(), "state {i}: {notices:?}\n{text}");
            assert_eq!(back, state, "state {i}: {text}");
        }
    }
}

#[test]
fn a_tensorflow_playground_hash_link_opens_the_same_setup() {
    // TF Playground's own link for its opening page: every value is TF's default.
    let hash = "#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03\
                &regularizationRate=0&noise=0&networkShape=4,2&seed=0.54335&showTestData=false\
                &discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false\
                &ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false\
                &problem=classification&initZero=false&hideText=false";
    let (state, notices) = PlayState::from_query(&Query::from_location("", hash));
    assert!(notices.is_empty(), "{notices:?}");
    // What TF Playground ran: weights uniform in ±0.5, biases 0.1, a tanh output with squared
    // error; not our He-normal weights, bias 1 and sigmoid cross-entropy.
    let want = Settings {
        dataset: DatasetKind::Circle,
        num_points: 500,
        noise: 0.0,
        train_fraction: 0.5,
        batch_size: 10,
        features: vec![Feature::X1, Feature::X2],
        hidden: vec![4, 2],
        activation: Activation::Tanh,
        layer_activations: vec![],
        loss: LossKind::TanhMse,
        init: Init::TfUniform,
        bias_init: None,
        optimizer: OptimizerKind::Sgd,
        learning_rate: 0.03,
        regularization: Regularization::None,
        reg_rate: 0.0,
        seed: seed_from_text("0.54335"),
        schedule: vec![],
    };
    let want = PlayState { settings: want, show_test_data: false, discretize: false, speed: 5, custom: None };
    assert_eq!(state, want);
    let tf = PlayState::tensorflow();
    assert_eq!(
        state,
        PlayState { settings: Settings { seed: want.settings.seed, ..tf.settings.clone() }, ..tf }
    );
    let initial = Session::new(state.settings.clone()).initial_weights().clone();
    for layer in &initial.layers {
        assert!(layer.weights.iter().flatten().all(|w| w.abs() <= 0.5), "{layer:?}");
        assert!(layer.biases.iter().all(|&b| b == 0.1), "{layer:?}");
    }

    // A short TF link says little: the rest is TF's, not ours.
    let (state, notices) = PlayState::from_query(&Query::from_location("", "#activation=relu&seed=0.1"));
    assert!(notices.is_empty(), "{notices:?}");
    let s = &state.settings;
    assert_eq!(
        (s.activation, s.init, s.initial_bias(), s.loss),
        (Activation::Relu, Init::TfUniform, 0.1, LossKind::TanhMse)
    );
    // The same keys in our query form keep our defaults.
    let (ours, _) = PlayState::from_query(&Query::from_location("?activation=relu&seed=0.1", ""));
    let o = &ours.settings;
    assert_eq!((o.init, o.initial_bias(), o.loss), (Init::HeNormal, 1.0, LossKind::SigmoidBce));
    // Once written back (the address bar holds the query form), the link reads the same.
    assert_eq!(read(&link(&state)), (state.clone(), vec![]));

    // Another TF link: regression, L2, other features, test data shown, linear activation.
    let hash = "#activation=linear&batchSize=30&dataset=xor&regDataset=reg-gauss&learningRate=0.001\
                &regularizationRate=0.003&noise=35&networkShape=8,8,5&seed=0.12345&showTestData=true\
                &discretize=true&percTrainData=70&x=false&y=true&xTimesY=true&xSquared=true\
                &ySquared=false&cosX=false&sinX=true&cosY=false&sinY=false&collectStats=false\
                &problem=regression&initZero=false&hideText=false&tutorial=dp-reducing-features\
                &dataset_hide=true";
    let (state, notices) = PlayState::from_query(&Query::from_location("", hash));
    assert!(notices.is_empty(), "{notices:?}");
    let s = &state.settings;
    assert_eq!(s.activation, Activation::Identity);
    assert_eq!((s.dataset, s.num_points, s.loss), (DatasetKind::RegGauss, 1200, LossKind::LinearMse));
    assert_eq!((s.batch_size, s.learning_rate, s.reg_rate, s.noise), (30, 0.001, 0.003, 35.0));
    assert_eq!(s.regularization, Regularization::None);
    assert_eq!((s.init, s.initial_bias()), (Init::TfUniform, 0.1), "TF's weights, TF's linear output");
    assert_eq!(s.hidden, vec![8, 8, 5]);
    assert_eq!(s.train_fraction, 0.7);
    assert_eq!(s.features, vec![Feature::X2, Feature::X1Squared, Feature::X1X2, Feature::SinX1]);
    assert!(state.show_test_data && state.discretize);
    // Our search keys win over the hash's.
    let q = Query::from_location("?regularization=L2&learningRate=0.1", hash);
    let (state, _) = PlayState::from_query(&q);
    assert_eq!(state.settings.regularization, Regularization::L2);
    assert_eq!(state.settings.learning_rate, 0.1);
}

#[test]
fn our_links_use_tf_values_where_tf_has_them() {
    let state = PlayState {
        settings: Settings { activation: Activation::Identity, ..Settings::default() },
        ..PlayState::default()
    };
    let q = Query::parse(&link(&state));
    assert_eq!(q.get("activation"), Some("linear"));
    assert_eq!(q.get("problem"), Some("classification"));
    assert_eq!(q.get("regDataset"), Some("reg-plane"));
    for key in ["x", "y", "xTimesY", "xSquared", "ySquared", "sinX", "sinY", "showTestData", "discretize"] {
        assert!(matches!(q.get(key), Some("true" | "false")), "{key}");
    }
}

/// Every bad value gives a notice naming its key and leaves a valid state.
#[test]
fn every_bad_value_gives_a_notice_and_a_valid_state() {
    let cases: &[(&str, &str)] = &[
        ("learningRate=100", "learningRate"),
        ("learningRate=0", "learningRate"),
        ("learningRate=fast", "learningRate"),
        ("learningRate=NaN", "learningRate"),
        ("noise=-5", "noise"),
        ("noise=inf", "noise"),
        ("percTrainData=95", "percTrainData"),
        ("percTrainData=5", "percTrainData"),
        ("batchSize=0", "batchSize"),
        ("batchSize=100000", "batchSize"),
        ("numPoints=1", "numPoints"),
        ("numPoints=1e9", "numPoints"),
        ("networkShape=4,x,2", "networkShape"),
        ("networkShape=4,,2", "networkShape"),
        ("networkShape=0,40", "networkShape"),
        ("networkShape=1,1,1,1,1,1,1,1,1,1", "networkShape"),
        ("regularizationRate=-1", "regularizationRate"),
        ("regularizationRate=11", "regularizationRate"),
        ("regularization=L3", "regularization"),
        ("activation=rleu", "activation"),
        ("activation=elu(-3)", "activation"),
        ("layerActivations=relu,bogus", "layerActivations"),
        ("dataset=spirals", "dataset"),
        ("problem=regression&regDataset=circle", "regDataset"),
        ("problem=ranking", "problem"),
        ("loss=mse", "loss"),
        ("init=zero", "init"),
        ("optimizer=rmsprop", "optimizer"),
        ("biasInit=1000", "biasInit"),
        ("biasInit=big", "biasInit"),
        ("x=false&y=false", "x"),
        ("showTestData=yes", "showTestData"),
        ("discretize=2", "discretize"),
        ("sinX=maybe", "sinX"),
        ("speed=500", "speed"),
        ("speed=-1", "speed"),
    ];
    for (text, key) in cases {
        let (state, notices) = read(text);
        assert!(!notices.is_empty(), "{text}: no notice");
        assert!(notices.iter().all(|n| n.key == *key), "{text}: {notices:?}");
        assert!(notices.iter().all(|n| n.message.len() > 20), "{text}: {notices:?}");
        assert_eq!(state.settings.validate(), Ok(()), "{text}");
        assert!((1..=50).contains(&state.speed));
        assert!(state.settings.hidden.len() <= MAX_PLAY_LAYERS);
        // The repaired state writes a link that reads back cleanly.
        assert_eq!(read(&link(&state)), (state.clone(), vec![]), "{text}");
    }
}

#[test]
fn bad_values_are_clamped_or_refused_as_documented() {
    let (s, n) = read("learningRate=100");
    assert_eq!(s.settings.learning_rate, 10.0);
    assert!(n[0].message.contains("using 10"), "{n:?}");

    let (s, n) = read("learningRate=fast");
    assert_eq!(s.settings.learning_rate, 0.03);
    assert!(n[0].message.contains("keeping 0.03"), "{n:?}");

    let (s, n) = read("networkShape=4,x,2");
    assert_eq!(s.settings.hidden, vec![4, 2]);
    assert!(n[0].message.contains("'x'"), "{n:?}");
    let (s, _) = read("networkShape=6,x");
    assert_eq!(s.settings.hidden, vec![4, 2], "a bad list is refused whole");

    let (s, n) = read("networkShape=0,40,3");
    assert_eq!(s.settings.hidden, vec![1, 16, 3]);
    assert!(n[0].message.contains("using 1,16,3"), "{n:?}");
    let (s, n) = read("networkShape=2,2,2,2,2,2,2,2,2,2");
    assert_eq!(s.settings.hidden, vec![2; 8]);
    assert_eq!(n.len(), 1);

    let (s, n) = read("activation=rleu");
    assert_eq!(s.settings.activation, Activation::Relu);
    let parser = Activation::parse("rleu").unwrap_err().to_string();
    assert!(n[0].message.contains(&parser), "{n:?}");
    assert!(n[0].message.contains("did you mean 'relu'"), "{n:?}");

    let (s, n) = read("noise=-5");
    assert_eq!(s.settings.noise, 0.0);
    assert!(n[0].message.contains("using 0"), "{n:?}");

    let (s, _) = read("percTrainData=95");
    assert_eq!(s.settings.train_fraction, 0.9);
    let (s, _) = read("batchSize=100000");
    assert_eq!(s.settings.batch_size, 500);

    let (s, n) = read("x=false&y=false&xSquared=false");
    assert_eq!(s.settings.features, vec![Feature::X1, Feature::X2]);
    assert!(n[0].message.contains("input"), "{n:?}");
    let (s, n) = read("x=false&y=false&sinY=true");
    assert_eq!(s.settings.features, vec![Feature::SinX2]);
    assert!(n.is_empty());

    let (s, _) = read("biasInit=-1000");
    assert_eq!(s.settings.bias_init, Some(-100.0));
    let (s, n) = read("biasInit=big");
    assert_eq!(s.settings.bias_init, Some(1.0), "refused: the default is kept");
    assert!(n[0].message.contains("keeping 1 "), "{n:?}");
}

#[test]
fn unknown_keys_and_empty_values_are_ignored_silently() {
    let (s, n) =
        read("tab=play&frobnicate=3&cosX=false&collectStats=true&initZero=false&hideText=true&seed=");
    assert_eq!((s, n), (PlayState::default(), vec![]));
}

/// TF Playground keys that would change what TF showed, which the lab does not offer, are
/// not dropped silently.
#[test]
fn tf_inputs_the_lab_lacks_get_a_notice() {
    let (s, n) = PlayState::from_query(&Query::from_location("", "#cosX=true&cosY=true&sinX=true"));
    let keys: Vec<&str> = n.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(keys, ["cosX", "cosY"], "{n:?}");
    assert!(n[0].message.contains("cos(X₁)") && n[0].message.contains("ignored"), "{n:?}");
    assert!(n[1].message.contains("cos(X₂)"), "{n:?}");
    assert_eq!(s.settings.features, vec![Feature::X1, Feature::X2, Feature::SinX1], "the rest is read");
    let (_, n) = read("initZero=true");
    assert_eq!(n.len(), 1);
    assert!(n[0].message.contains("zero weights"), "{n:?}");
}

/// 2 points at 10 % leave no training point: the link opens, with a notice saying why Play
/// stays off.
#[test]
fn a_link_without_a_training_point_says_so() {
    let (s, n) = read("numPoints=2&percTrainData=10");
    assert_eq!((s.settings.num_points, s.settings.train_fraction), (2, 0.1));
    assert_eq!(n.len(), 1, "{n:?}");
    assert_eq!(
        n[0].message,
        "numPoints=2 with percTrainData=10 leaves no training point (10 % of 2 rounds to 0): Play stays \
         off until there is one; raise numPoints or percTrainData."
    );
    assert_eq!(Session::new(s.settings).train_len(), 0, "the notice tells the truth");
    // One point is enough to say nothing.
    assert!(read("numPoints=5&percTrainData=10").1.is_empty());
    assert_eq!(Session::new(read("numPoints=5&percTrainData=10").0.settings).train_len(), 1);
}

#[test]
fn an_empty_network_shape_means_no_hidden_layer() {
    let (s, n) = read("networkShape=");
    assert!(n.is_empty());
    assert!(s.settings.hidden.is_empty());
    assert_eq!(s.settings.validate(), Ok(()));
    let text = link(&s);
    assert!(text.contains("networkShape=&"), "{text}");
    assert_eq!(read(&text).0, s);
}

#[test]
fn per_layer_activations_override_the_global_one() {
    let (s, n) = read("networkShape=4,4,2&activation=tanh&layerActivations=leaky_relu(0.2),,ELU(0.5)");
    assert!(n.is_empty(), "{n:?}");
    assert_eq!(
        s.settings.layer_activations,
        vec![Some(Activation::LeakyRelu { slope: 0.2 }), None, Some(Activation::Elu { alpha: 0.5 })]
    );
    assert_eq!(
        s.settings.activations(),
        vec![Activation::LeakyRelu { slope: 0.2 }, Activation::Tanh, Activation::Elu { alpha: 0.5 }]
    );
    let q = Query::parse(&link(&s));
    assert_eq!(q.get("layerActivations"), Some("leaky_relu(0.2),,elu(0.5)"));

    // A bad entry falls back to the global activation, with a notice naming the layer.
    let (s, n) = read("networkShape=4,4&layerActivations=relu,gleu");
    assert_eq!(s.settings.layer_activations, vec![Some(Activation::Relu)]);
    assert!(n[0].message.contains("layer 2"), "{n:?}");
}

#[test]
fn our_own_keys_are_read() {
    let (s, n) = read(
        "loss=tanh_mse&init=tf_uniform&biasInit=-0.5&optimizer=adam&numPoints=300&speed=20\
         &dataset=moons&regularization=L1&regularizationRate=0.01&seed=77",
    );
    assert!(n.is_empty(), "{n:?}");
    let st = &s.settings;
    assert_eq!((st.loss, st.init, st.optimizer), (LossKind::TanhMse, Init::TfUniform, OptimizerKind::Adam));
    assert_eq!((st.bias_init, st.num_points, s.speed), (Some(-0.5), 300, 20));
    assert_eq!(
        (st.dataset, st.regularization, st.reg_rate, st.seed),
        (DatasetKind::Moons, Regularization::L1, 0.01, 77)
    );
    // An absent biasInit is the init's default.
    let (s, _) = read("init=tf_uniform");
    assert_eq!((s.settings.bias_init, s.settings.initial_bias()), (None, 0.1));
}

/// Zero to three scripted changes of random live settings, sorted by epoch as a link reads them.
fn random_schedule(rng: &mut Rng, num_points: usize) -> Vec<Scheduled> {
    let mut out: Vec<Scheduled> = (0..rng.below(4))
        .map(|_| {
            let change = match rng.below(5) {
                0 => LiveChange::LearningRate(10f64.powf(rng.uniform(-5.0, 1.0)).clamp(1e-5, 10.0)),
                1 => LiveChange::Optimizer(pick(rng, &OptimizerKind::ALL)),
                2 => LiveChange::Regularization(pick(rng, &Regularization::ALL)),
                3 => LiveChange::RegRate(rng.uniform(0.0, 10.0)),
                _ => LiveChange::BatchSize(1 + rng.below(num_points)),
            };
            Scheduled { epoch: rng.below(5000), change }
        })
        .collect();
    out.sort_by_key(|s| s.epoch);
    out
}

/// A course page's `set` message changes the keys it names, over the state as it is: a
/// refused value keeps the previous one (and says so), a clamped one says so too, and none of
/// them passes silently.
#[test]
fn a_set_message_keeps_the_previous_value_where_it_refuses_one() {
    let (before, _) = read("learningRate=0.1&networkShape=6,3&activation=tanh&seed=9&speed=20&biasInit=0.5");
    let set = |text: &str| before.updated(&Query::parse(text));

    let (after, n) = set("learningRate=abc");
    assert_eq!(after, before, "the previous rate is kept, not the default");
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].message, "learningRate=abc is not a number: keeping 0.1 (allowed: 0.00001 to 10).");

    // Keys the message does not name keep their values.
    let (after, n) = set("activation=elu&learningRate=0.3");
    assert!(n.is_empty(), "{n:?}");
    let want = Settings {
        activation: Activation::Elu { alpha: 1.0 },
        learning_rate: 0.3,
        ..before.settings.clone()
    };
    assert_eq!(after, PlayState { settings: want, ..before.clone() });

    // Hostile payloads: each gives a notice naming its key, the state stays valid, and a
    // refused value leaves the state as it was.
    let refused: &[(&str, &str)] = &[
        ("learningRate=abc", "learningRate"),
        ("learningRate=NaN", "learningRate"),
        ("learningRate=", "learningRate"),
        ("networkShape=4,x", "networkShape"),
        ("activation=<script>", "activation"),
        ("optimizer=rmsprop", "optimizer"),
        ("loss=hinge", "loss"),
        ("dataset=mnist", "dataset"),
        ("batchSize=many", "batchSize"),
        ("biasInit=big", "biasInit"),
        ("x=false&y=false", "x"),
        ("speed=Infinity", "speed"),
        ("regularization=L3", "regularization"),
        ("schedule=soon:learningRate=3", "schedule"),
        ("__proto__=1", "__proto__"),
    ];
    for (text, key) in refused {
        let (after, n) = set(text);
        assert!(!n.is_empty(), "{text}: no notice");
        assert!(n.iter().all(|n| n.key == *key), "{text}: {n:?}");
        assert_eq!(after, before, "{text}: the previous state is kept");
    }
    let clamped: &[(&str, &str, &str)] = &[
        ("learningRate=1e308", "learningRate", "using 10"),
        ("networkShape=100,100", "networkShape", "using 16,16"),
        ("numPoints=-5", "numPoints", "using 2"),
        ("batchSize=1e9", "batchSize", "using 500"),
        ("networkShape=1,1,1,1,1,1,1,1,1,1,1", "networkShape", "using 1,1,1,1,1,1,1,1"),
        ("noise=1e308", "noise", "using 50"),
        ("percTrainData=-1", "percTrainData", "using 10"),
    ];
    for (text, key, used) in clamped {
        let (after, n) = set(text);
        assert!(n.iter().any(|n| n.key == *key && n.message.contains(used)), "{text}: {n:?}");
        assert_eq!(after.settings.validate(), Ok(()), "{text}");
    }
    // `learningRate=1e308` uses the largest rate, nothing else changes.
    let (after, _) = set("learningRate=1e308");
    assert_eq!(after.settings, Settings { learning_rate: 10.0, ..before.settings.clone() });
}

#[test]
fn a_set_message_follows_the_problem_it_switches_to() {
    let before = PlayState::default();
    let (after, n) = before.updated(&Query::parse("problem=regression"));
    assert!(n.is_empty(), "{n:?}");
    let s = &after.settings;
    assert_eq!((s.dataset, s.num_points, s.loss), (DatasetKind::RegPlane, 1200, LossKind::LinearMse));
    let (back, _) = after.updated(&Query::parse("problem=classification"));
    assert_eq!(back, before);
    // An empty `layerActivations` or `schedule` clears them; an absent one keeps them.
    let (with, _) = before.updated(&Query::parse("layerActivations=tanh&schedule=10:learningRate=1"));
    assert_eq!(with.settings.layer_activations, vec![Some(Activation::Tanh)]);
    assert_eq!(with.updated(&Query::parse("seed=4")).0.settings.schedule.len(), 1);
    let (cleared, _) = with.updated(&Query::parse("layerActivations=&schedule="));
    assert_eq!(cleared, before);
}

/// Custom points travel in the link (`data=`) up to 300, exactly as the link's grid holds
/// them; more are left out (the link says so elsewhere), and a bad value is refused with a
/// notice, keeping the generated points.
#[test]
fn custom_points_travel_in_the_link_up_to_300() {
    let (base, _) = read("numPoints=100&activation=tanh&seed=4");
    let mut data = base.dataset();
    data.add_point(data_link::quantised(Point { x: 1.234, y: -5.678, label: 1.0 }, false));
    let state = base.apply(PlayAction::SetData(Rc::new(data.clone())));
    let text = link(&state);
    let (back, notices) = read(&text);
    assert!(notices.is_empty(), "{notices:?}");
    let got = back.custom.as_deref().expect("the link holds the points");
    assert_eq!((got.train.len(), got.test.len()), (data.train.len(), data.test.len()));
    assert_eq!(got.train.last(), Some(&Point { x: 1.23, y: -5.68, label: 1.0 }));
    // Read back, the points are on the grid: written again, the same link.
    assert_eq!(link(&back), text);
    assert_eq!(read(&link(&back)).0, back);
    // A feature change keeps them in the link; a data set change drops them.
    let kept = back.apply(PlayAction::ToggleFeature(Feature::X1X2));
    assert_eq!(read(&link(&kept)).0.custom, back.custom);
    let dropped = back.apply(PlayAction::SetDataset(DatasetKind::Xor));
    assert_eq!(Query::parse(&link(&dropped)).get("data"), Some(""));
    assert_eq!(read(&link(&dropped)).0.custom, None);

    // 501 points: not in the link.
    let mut many = PlayState::default().dataset();
    many.add_point(Point { x: 0.0, y: 0.0, label: 1.0 });
    let big = PlayState::default().apply(PlayAction::SetData(Rc::new(many)));
    assert_eq!(Query::parse(&link(&big)).get("data"), Some(""));

    // Refused values: one notice each, naming the key, and the generated points.
    let full = data_link::encode(&Dataset::generate(DatasetKind::Circle, 300, 0.0, 0.5, 1)).unwrap();
    for (value, why) in [
        ("c.AA*A", "base64url"),
        ("zz", "does not start"),
        ("r.AAAAAA", "regression points"),
        ("c.AAAAAA", "whole number"),
        (&*format!("{full}AAAA"), "longer than 300"),
    ] {
        let (state, notices) = read(&format!("data={value}"));
        assert_eq!(state, PlayState::default(), "{value}");
        assert_eq!(notices.len(), 1, "{value}: {notices:?}");
        assert_eq!(notices[0].key, "data");
        assert!(notices[0].message.contains(why), "{value}: {}", notices[0].message);
    }

    // A course page's `set`: keys that do not ask for new data keep the points.
    let (after, n) = back.updated(&Query::parse("activation=relu&learningRate=0.3"));
    assert!(n.is_empty(), "{n:?}");
    assert_eq!(after.custom, back.custom);
    let (after, _) = back.updated(&Query::parse("noise=20"));
    assert_eq!(after.custom, None);
    let (after, _) = back.updated(&Query::parse("data="));
    assert_eq!(after.custom, None);
}
