//! Live settings: a learning-rate (optimizer, regularization, batch size) change keeps the
//! epoch and the weights; a scripted change replays bit for bit; a reset replays the schedule;
//! every change is recorded for the charts and the CSV. And the gradient norm: it includes the
//! biases, and reads exactly 0 (not missing) below a dead layer.

use activation_lab::domain::nn::model::NetworkWeights;
use activation_lab::domain::nn::schedule::{parse_schedule, LiveChange, Origin, Scheduled};
use activation_lab::domain::nn::settings::{OptimizerKind, Settings};
use activation_lab::domain::nn::trainer::Session;

fn bits(w: &NetworkWeights) -> Vec<u32> {
    w.layers.iter().flat_map(|l| l.weights.iter().flatten().chain(&l.biases).map(|v| v.to_bits())).collect()
}

fn small() -> Settings {
    Settings { num_points: 200, hidden: vec![6, 4], ..Settings::default() }
}

#[test]
fn a_learning_rate_change_keeps_the_epoch_and_the_weights_and_is_recorded() {
    let mut s = Session::new(small());
    s.step(20);
    let before = bits(&s.weights());
    let target = Settings { learning_rate: 3.0, ..small() };
    assert!(s.follow(&target), "a learning-rate change is the same run");
    assert_eq!(s.epoch(), 20);
    assert_eq!(bits(&s.weights()), before, "the weights are kept");
    assert_eq!(s.settings().learning_rate, 3.0);
    let change = &s.history().changes[0];
    assert_eq!((change.epoch, change.label.as_str(), change.origin), (20, "lr 0.03 → 3", Origin::Hand));
    s.step(1);
    // The next step used rate 3: the weights moved further than a 0.03 step from the same point.
    let mut slow = Session::new(small());
    slow.step(21);
    assert_ne!(bits(&s.weights()), bits(&slow.weights()));
    // Another run (a new seed) is refused: that needs a new session.
    assert!(!s.follow(&Settings { seed: 7, ..target.clone() }));
    assert_eq!(s.epoch(), 21);
    // The CSV writes the change at its epoch.
    let csv = s.history().to_csv();
    let row = csv.lines().find(|l| l.starts_with("20,")).expect("a row for epoch 20");
    assert!(row.ends_with(",lr 0.03 → 3"), "{row}");
}

#[test]
fn a_scheduled_change_replays_bit_for_bit_and_equals_the_same_change_by_hand() {
    let (schedule, errors) = parse_schedule("30:learningRate=1,45:optimizer=momentum");
    assert!(errors.is_empty());
    let scheduled = Settings { schedule, ..small() };
    let mut a = Session::new(scheduled.clone());
    // Frames of different sizes: the schedule applies at its epoch whatever the step sizes.
    for n in [7, 1, 13, 20, 19] {
        a.step(n);
    }
    let mut b = Session::new(scheduled.clone());
    b.step(60);
    assert_eq!(bits(&a.weights()), bits(&b.weights()), "a scheduled run replays bit for bit");
    assert_eq!(a.settings().learning_rate, 1.0);
    assert_eq!(a.settings().optimizer, OptimizerKind::Momentum);
    assert_eq!(a.base_settings(), &scheduled, "the link's settings are not changed by the schedule");
    let epochs: Vec<usize> = a.history().changes.iter().map(|c| c.epoch).collect();
    assert_eq!(epochs, vec![30, 45]);
    assert!(a.history().changes.iter().all(|c| c.origin == Origin::Schedule));

    // By hand at the same epochs: the same numbers.
    let mut c = Session::new(small());
    c.step(30);
    assert!(c.follow(&Settings { learning_rate: 1.0, ..small() }));
    c.step(15);
    assert!(c.follow(&Settings { learning_rate: 1.0, optimizer: OptimizerKind::Momentum, ..small() }));
    c.step(15);
    assert_eq!(bits(&c.weights()), bits(&a.weights()));

    // A reset goes back to the link's settings and replays the schedule.
    a.reset();
    assert_eq!(a.settings().learning_rate, 0.03);
    assert!(a.history().changes.is_empty());
    a.step(60);
    assert_eq!(bits(&a.weights()), bits(&b.weights()));
}

#[test]
fn a_new_optimizer_starts_with_fresh_state() {
    // Momentum for 10 epochs, then Adam: equal to a run whose Adam state starts empty at
    // epoch 10, i.e. the same weights whatever momentum's velocity was.
    let momentum = Settings { optimizer: OptimizerKind::Momentum, ..small() };
    let mut a = Session::new(momentum.clone());
    a.step(10);
    let at_ten = a.weights();
    assert!(a.follow(&Settings { optimizer: OptimizerKind::Adam, ..momentum.clone() }));
    a.step(5);
    let mut b = Session::new(Settings { optimizer: OptimizerKind::Adam, ..small() });
    b.set_weights(&at_ten).expect("the weights fit");
    // set_weights keeps epoch 0 here, and the minibatch order depends only on the seed and the
    // epochs already drawn: draw 10 epochs' orders by stepping a throwaway copy first.
    let mut c = Session::new(Settings { optimizer: OptimizerKind::Adam, ..small() });
    c.step(10);
    c.set_weights(&at_ten).expect("the weights fit");
    c.step(5);
    assert_eq!(bits(&a.weights()), bits(&c.weights()), "Adam started from fresh state at epoch 10");
    assert_ne!(bits(&b.weights()), bits(&a.weights()), "the minibatch order went on from epoch 10");
}

#[test]
fn the_gradient_norm_counts_the_biases_and_is_zero_below_a_dead_layer() {
    // A negative initial bias kills every ReLU of the first layer: nothing reaches the layers
    // below the output... except the output bias, which still gets a gradient.
    let dead = Settings { bias_init: Some(-30.0), hidden: vec![4, 4], ..small() };
    let s = Session::new(dead);
    let m = s.metrics();
    assert_eq!(m.layers[0].dead, 4);
    assert_eq!(m.layers[0].grad_norm, 0.0, "no gradient reaches a dead layer");
    assert!(m.output_grad_norm > 0.0, "the output bias still learns: {}", m.output_grad_norm);
    let csv = s.history().to_csv();
    let row = csv.lines().nth(1).expect("epoch 0");
    assert!(row.split(',').any(|v| v == "0"), "the CSV writes the zero: {row}");
}

#[test]
fn a_schedule_entry_is_a_live_change() {
    let s = Scheduled { epoch: 3, change: LiveChange::BatchSize(1) };
    let mut session = Session::new(Settings { schedule: vec![s], ..small() });
    session.step(4);
    assert_eq!(session.settings().batch_size, 1);
    assert_eq!(session.history().changes[0].label, "batch 10 → 1");
}

#[test]
fn an_opened_model_starts_at_its_epoch() {
    let mut a = Session::new(small());
    a.step(12);
    let mut b = Session::new(small());
    b.set_weights_at(&a.weights(), 12).expect("the weights fit");
    assert_eq!(b.epoch(), 12);
    assert_eq!(b.history().epoch, vec![12], "the history starts at the model's epoch");
    assert_eq!(b.metrics().train_loss.to_bits(), a.metrics().train_loss.to_bits());
    b.step(1);
    assert_eq!(b.epoch(), 13);
}

#[test]
fn a_weight_set_by_hand_keeps_the_epoch_changes_the_output_and_is_recorded() {
    use activation_lab::domain::nn::schedule::link_caveat;
    use activation_lab::domain::nn::weight_edit::LinkId;
    let adam = Settings { optimizer: OptimizerKind::Adam, ..small() };
    let mut s = Session::new(adam.clone());
    s.step(20);
    let (len, probe) = (s.history().len(), s.probe(8).output);
    let link = LinkId { layer: 0, to: 2, from: 1 };
    let old = s.weights().layers[0].weights[2][1];
    s.set_link_weight(link, 1.5).expect("a link of the network");
    assert_eq!(s.epoch(), 20, "the epoch is kept");
    assert_eq!(s.weights().layers[0].weights[2][1], 1.5);
    assert_eq!(s.history().len(), len, "the epoch's metrics are measured again, not appended");
    assert_ne!(s.probe(8).output, probe, "the output follows the new weight at once");
    let change = s.history().changes.last().expect("the edit is recorded");
    let label = format!("w X₂ → L1.3 {old:.3} → 1.5");
    assert_eq!((change.epoch, change.label.as_str(), change.origin), (20, label.as_str(), Origin::Weight));
    let csv = s.history().to_csv();
    assert!(csv.lines().any(|l| l.starts_with("20,") && l.ends_with(&label)), "{csv}");
    let note = link_caveat(&s.history().changes).expect("a link does not replay the edit");
    assert!(note.contains(&label), "{note}");
    // Training goes on from the edited weight (Adam's state kept, no panic).
    s.step(1);
    assert_eq!(s.epoch(), 21);
    let mut untouched = Session::new(adam);
    untouched.step(21);
    assert_ne!(bits(&s.weights()), bits(&untouched.weights()));
    // Refused, nothing changed: a link the network does not have, a value that is not finite.
    let before = bits(&s.weights());
    assert!(s.set_link_weight(LinkId { layer: 0, to: 9, from: 0 }, 1.0).is_err());
    assert!(s.set_link_weight(LinkId { layer: 3, to: 0, from: 0 }, 1.0).is_err());
    assert!(s.set_link_weight(link, f32::NAN).is_err());
    assert!(s.set_link_weight(link, f32::INFINITY).is_err());
    assert_eq!(bits(&s.weights()), before);
    // The output layer's links too; a reset returns to the seed's weights.
    s.set_link_weight(LinkId { layer: 2, to: 0, from: 3 }, -2.0).expect("an output link");
    assert_eq!(s.weights().layers[2].weights[0][3], -2.0);
    s.reset();
    assert_eq!(&s.weights(), s.initial_weights());
    assert!(s.history().changes.is_empty());
}
