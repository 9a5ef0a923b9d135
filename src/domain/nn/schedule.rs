//! Settings that change mid-run without restarting it, and scripted changes at given epochs.
//!
//! The learning rate, the optimizer, the regularization and its rate and the batch size take
//! effect from the next step, on the weights as they are ([`crate::domain::nn::trainer::Session::follow`]);
//! every other setting (data, features, architecture, activations, initialisation, loss, seed)
//! defines the run, so changing it starts a new one ([`same_run`]).
//!
//! A schedule (`schedule=300:learningRate=3,600:learningRate=0.03` in a link) applies changes
//! at the start of the given epochs: "300:learningRate=3" means epochs 301 onwards train with
//! rate 3, whatever the frame rate, so a scheduled run replays bit for bit.

use crate::domain::nn::settings::{
    OptimizerKind, Regularization, Settings, LEARNING_RATE_RANGE, REG_RATE_RANGE,
};

/// A change of one live setting.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LiveChange {
    LearningRate(f64),
    Optimizer(OptimizerKind),
    Regularization(Regularization),
    RegRate(f64),
    BatchSize(usize),
}

/// The link keys a schedule may change, in the order [`diff`] lists changes.
pub const LIVE_KEYS: [&str; 5] =
    ["learningRate", "optimizer", "regularization", "regularizationRate", "batchSize"];

/// Latest epoch a schedule entry may name.
pub const MAX_SCHEDULE_EPOCH: usize = 1_000_000;
/// Most entries a schedule may hold.
pub const MAX_SCHEDULE_ENTRIES: usize = 20;

impl LiveChange {
    /// The link key of the setting.
    pub fn key(&self) -> &'static str {
        match self {
            LiveChange::LearningRate(_) => LIVE_KEYS[0],
            LiveChange::Optimizer(_) => LIVE_KEYS[1],
            LiveChange::Regularization(_) => LIVE_KEYS[2],
            LiveChange::RegRate(_) => LIVE_KEYS[3],
            LiveChange::BatchSize(_) => LIVE_KEYS[4],
        }
    }

    /// The value as the link writes it.
    pub fn value_text(&self) -> String {
        match *self {
            LiveChange::LearningRate(v) | LiveChange::RegRate(v) => short_number(v),
            LiveChange::Optimizer(o) => o.id().to_string(),
            LiveChange::Regularization(r) => r.id().to_string(),
            LiveChange::BatchSize(b) => b.to_string(),
        }
    }

    /// Reads `key=value` (a [`LIVE_KEYS`] key). Values outside their range are refused.
    pub fn parse(key: &str, value: &str) -> Result<LiveChange, String> {
        let number = |(lo, hi): (f64, f64)| match value.trim().parse::<f64>() {
            Ok(v) if (lo..=hi).contains(&v) => Ok(v),
            Ok(_) => Err(format!("{key}={value} is out of range ({lo} to {hi})")),
            Err(_) => Err(format!("{key}={value} is not a number")),
        };
        match key {
            "learningRate" => number(LEARNING_RATE_RANGE).map(LiveChange::LearningRate),
            "regularizationRate" => number(REG_RATE_RANGE).map(LiveChange::RegRate),
            "optimizer" => OptimizerKind::from_id(value)
                .map(LiveChange::Optimizer)
                .ok_or_else(|| format!("optimizer={value} is unknown (sgd, momentum, adam)")),
            "regularization" => Regularization::ALL
                .into_iter()
                .find(|r| r.id().eq_ignore_ascii_case(value))
                .map(LiveChange::Regularization)
                .ok_or_else(|| format!("regularization={value} is unknown (none, L1, L2)")),
            "batchSize" => match value.trim().parse::<usize>() {
                Ok(b) if b >= 1 => Ok(LiveChange::BatchSize(b)),
                _ => Err(format!("batchSize={value} is not a whole number from 1")),
            },
            _ => Err(format!("{key} cannot change during a run (only {})", LIVE_KEYS.join(", "))),
        }
    }

    /// Applies the change; returns its label ("lr 0.03 → 3") if it changed anything.
    pub fn apply(&self, s: &mut Settings) -> Option<String> {
        let label =
            |what: &str, old: String, new: String| (old != new).then(|| format!("{what} {old} → {new}"));
        match *self {
            LiveChange::LearningRate(v) => {
                let old = std::mem::replace(&mut s.learning_rate, v);
                label("lr", short_number(old), short_number(v))
            }
            LiveChange::Optimizer(o) => {
                let old = std::mem::replace(&mut s.optimizer, o);
                label("optimizer", old.id().into(), o.id().into())
            }
            LiveChange::Regularization(r) => {
                let old = std::mem::replace(&mut s.regularization, r);
                label("regularization", old.id().into(), r.id().into())
            }
            LiveChange::RegRate(v) => {
                let old = std::mem::replace(&mut s.reg_rate, v);
                label("reg. rate", short_number(old), short_number(v))
            }
            LiveChange::BatchSize(b) => {
                let old = std::mem::replace(&mut s.batch_size, b);
                label("batch", old.to_string(), b.to_string())
            }
        }
    }
}

/// A change scripted at the start of an epoch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scheduled {
    /// The change applies after this many epochs have trained (0: before the first).
    pub epoch: usize,
    pub change: LiveChange,
}

/// A change that happened in a run, for the charts' rules and the Share dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct AppliedChange {
    /// Epochs trained when it took effect.
    pub epoch: usize,
    /// "lr 0.03 → 3", "w X₁ → L1.2 0.423 → 1.5".
    pub label: String,
    pub origin: Origin,
}

/// Where a change in a run came from: what a link to the run replays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The settings' schedule: a link replays it.
    Schedule,
    /// A live setting changed by hand: a link does not replay it (a schedule= could).
    Hand,
    /// A weight set by hand on the diagram: neither a link nor a schedule replays it.
    Weight,
}

/// The live changes that turn `old` into `new` (in [`LIVE_KEYS`] order).
pub fn diff(old: &Settings, new: &Settings) -> Vec<LiveChange> {
    let mut out = Vec::new();
    if old.learning_rate != new.learning_rate {
        out.push(LiveChange::LearningRate(new.learning_rate));
    }
    if old.optimizer != new.optimizer {
        out.push(LiveChange::Optimizer(new.optimizer));
    }
    if old.regularization != new.regularization {
        out.push(LiveChange::Regularization(new.regularization));
    }
    if old.reg_rate != new.reg_rate {
        out.push(LiveChange::RegRate(new.reg_rate));
    }
    if old.batch_size != new.batch_size {
        out.push(LiveChange::BatchSize(new.batch_size));
    }
    out
}

/// Whether `a` and `b` describe the same run: equal but for the live settings.
pub fn same_run(a: &Settings, b: &Settings) -> bool {
    let mut a = a.clone();
    for change in diff(&a.clone(), b) {
        change.apply(&mut a);
    }
    &a == b
}

/// Reads a schedule: entries `EPOCH:KEY=VALUE` separated by commas or semicolons, sorted by
/// epoch (entries at the same epoch keep their order). Bad entries are left out, each with a
/// message saying why; the good ones are kept.
pub fn parse_schedule(text: &str) -> (Vec<Scheduled>, Vec<String>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for entry in text.split([',', ';']).map(str::trim).filter(|e| !e.is_empty()) {
        if out.len() == MAX_SCHEDULE_ENTRIES {
            errors.push(format!(
                "at most {MAX_SCHEDULE_ENTRIES} changes: \"{entry}\" and later ones are left out"
            ));
            break;
        }
        match parse_entry(entry) {
            Ok(s) => out.push(s),
            Err(e) => errors.push(format!("\"{entry}\": {e}")),
        }
    }
    out.sort_by_key(|s| s.epoch);
    (out, errors)
}

fn parse_entry(entry: &str) -> Result<Scheduled, String> {
    let (epoch, change) =
        entry.split_once(':').ok_or("write it as EPOCH:KEY=VALUE, e.g. 300:learningRate=3")?;
    let epoch = match epoch.trim().parse::<usize>() {
        Ok(e) if e <= MAX_SCHEDULE_EPOCH => e,
        _ => return Err(format!("the epoch must be a whole number from 0 to {MAX_SCHEDULE_EPOCH}")),
    };
    let (key, value) = change.split_once('=').ok_or("write the change as KEY=VALUE, e.g. learningRate=3")?;
    Ok(Scheduled { epoch, change: LiveChange::parse(key.trim(), value.trim())? })
}

/// The schedule as a link writes it (what [`parse_schedule`] reads back).
pub fn schedule_text(schedule: &[Scheduled]) -> String {
    let entries: Vec<String> = schedule
        .iter()
        .map(|s| format!("{}:{}={}", s.epoch, s.change.key(), s.change.value_text()))
        .collect();
    entries.join(",")
}

/// What a link to a run with these changes does not replay: the settings changed by hand (a
/// scheduled change replays from the link) and the weights set by hand. `None` when there are
/// none.
pub fn link_caveat(changes: &[AppliedChange]) -> Option<String> {
    let listed = |origin: Origin| -> Vec<String> {
        changes
            .iter()
            .filter(|c| c.origin == origin)
            .map(|c| format!("{} at epoch {}", c.label, c.epoch))
            .collect()
    };
    let (settings, weights) = (listed(Origin::Hand), listed(Origin::Weight));
    let mut notes = Vec::new();
    if !settings.is_empty() {
        notes.push(format!(
            "This run changed settings while it trained ({}). The link restarts from epoch 0 with the current settings, so it does not replay those changes: add them as schedule= to the link to replay them.",
            settings.join(", ")
        ));
    }
    if !weights.is_empty() {
        notes.push(format!(
            "This run's weights were edited by hand ({}). A link starts from the seed's weights, so it does not replay those edits: save the model file (Output panel) to share them.",
            weights.join(", ")
        ));
    }
    (!notes.is_empty()).then(|| notes.join(" "))
}

/// A number as short as it reads back exactly (0.03, 3, 1e-5).
fn short_number(v: f64) -> String {
    format!("{v}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schedule_reads_back_what_it_writes_and_sorts_by_epoch() {
        let (s, errors) = parse_schedule("600:learningRate=0.03; 300:learningRate=3,300:optimizer=adam");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s.iter().map(|e| e.epoch).collect::<Vec<_>>(), vec![300, 300, 600]);
        assert_eq!(s[0].change, LiveChange::LearningRate(3.0));
        assert_eq!(s[1].change, LiveChange::Optimizer(OptimizerKind::Adam));
        let text = schedule_text(&s);
        assert_eq!(text, "300:learningRate=3,300:optimizer=adam,600:learningRate=0.03");
        assert_eq!(parse_schedule(&text).0, s);
    }

    #[test]
    fn bad_entries_are_left_out_with_a_reason_and_good_ones_kept() {
        let (s, errors) =
            parse_schedule("300:learningRate=99,x:learningRate=1,5:seed=3,7:learningRate=abc,9:batchSize=0,10:regularization=l2");
        assert_eq!(s, vec![Scheduled { epoch: 10, change: LiveChange::Regularization(Regularization::L2) }]);
        assert_eq!(errors.len(), 5);
        assert!(errors[0].contains("out of range"), "{}", errors[0]);
        assert!(errors[1].contains("whole number"), "{}", errors[1]);
        assert!(errors[2].contains("cannot change during a run"), "{}", errors[2]);
        assert!(errors[3].contains("not a number"), "{}", errors[3]);
        let many = vec!["1:learningRate=1"; 30].join(",");
        let (s, errors) = parse_schedule(&many);
        assert_eq!(s.len(), MAX_SCHEDULE_ENTRIES);
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn the_link_caveat_names_the_changes_made_by_hand_only() {
        let change = |epoch, label: &str, origin| AppliedChange { epoch, label: label.into(), origin };
        assert_eq!(link_caveat(&[change(300, "lr 0.03 → 3", Origin::Schedule)]), None, "a schedule replays");
        let note = link_caveat(&[
            change(300, "lr 0.03 → 3", Origin::Schedule),
            change(120, "lr 0.03 → 1", Origin::Hand),
        ]);
        let note = note.expect("a change by hand");
        assert!(note.contains("(lr 0.03 → 1 at epoch 120)"), "{note}");
        assert!(note.contains("restarts from epoch 0"), "{note}");
        assert!(!note.contains("weights were edited"), "{note}");
        let edit = change(40, "w X₁ → L1.2 0.423 → 1.5", Origin::Weight);
        let note = link_caveat(&[edit]).expect("a weight set by hand");
        assert!(note.contains("weights were edited by hand (w X₁ → L1.2 0.423 → 1.5 at epoch 40)"), "{note}");
        assert!(note.contains("model file"), "{note}");
        assert!(!note.contains("schedule="), "a schedule cannot replay a weight: {note}");
    }

    #[test]
    fn only_the_live_settings_keep_the_run() {
        let a = Settings::default();
        let mut b = a.clone();
        b.learning_rate = 3.0;
        b.optimizer = OptimizerKind::Adam;
        b.batch_size = 1;
        b.regularization = Regularization::L2;
        b.reg_rate = 0.01;
        assert!(same_run(&a, &b));
        assert_eq!(diff(&a, &b).len(), 5);
        let mut c = b.clone();
        c.seed = 9;
        assert!(!same_run(&a, &c));
        let mut d = a.clone();
        d.hidden = vec![8, 8];
        assert!(!same_run(&a, &d));
        let mut s = a.clone();
        assert_eq!(LiveChange::LearningRate(3.0).apply(&mut s).as_deref(), Some("lr 0.03 → 3"));
        assert_eq!(LiveChange::LearningRate(3.0).apply(&mut s), None, "no change, no label");
    }
}
