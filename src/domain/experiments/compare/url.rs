//! The experiment's URL form: every `cmp*` key ([`KEYS`]), read and written.

use super::shape::{parse_shape, shape_text};
use super::state::{classic, loss_for, CompareState, MAX_SLOTS, MIN_SLOTS, TARGET_RANGE};
use crate::domain::activation::{split_list, Activation};
use crate::domain::nn::data::{DatasetKind, MAX_NOISE};
use crate::domain::nn::settings::{Init, OptimizerKind, LEARNING_RATE_RANGE};
use crate::domain::state::key_doc::KeyDoc;
use crate::domain::state::page::Notice;
use crate::domain::state::play_url::{seed_from_text, BIAS_LIMIT};
use crate::domain::state::query::Query;
use crate::domain::state::url_reader::UrlReader;

/// Every key [`CompareState::write_query`] writes, in that order.
pub const KEYS: &[KeyDoc] = &[
    KeyDoc::new("cmp", "2 to 4 comma-separated text forms of the 24 activations, e.g. `relu,leaky_relu(0.2),elu,gelu`", "relu,leaky_relu,elu,gelu", "The activations compared, one run each"),
    KeyDoc::new("cmpDataset", "`circle`, `xor`, `gauss`, `spiral`, `moons`, `checkerboard`, `reg-plane`, `reg-gauss`", "circle", "Data set shared by the runs"),
    KeyDoc::new("cmpShape", "comma list of 1 to 8 widths, each 1 to 16", "8,8", "Neurons of each hidden layer, input side first"),
    KeyDoc::new("cmpLr", "0.00001 to 10", "0.03", "Learning rate"),
    KeyDoc::new("cmpOpt", "`sgd`, `momentum`, `adam`", "sgd", "Optimiser"),
    KeyDoc::new("cmpInit", "`he_normal`, `he_uniform`, `xavier_normal`, `xavier_uniform`, `lecun_normal`, `lecun_uniform`, `tf_uniform`", "he_normal", "How the (shared) initial weights are drawn"),
    KeyDoc::new("cmpBias", "-100 to 100, or empty for the init scheme's default", "1", "Initial bias of every neuron (negative values kill ReLUs)"),
    KeyDoc::new("cmpSeed", "a whole number 0 to 18446744073709551615, or any text (hashed)", "1", "Seed of the data, the initial weights and the minibatch order"),
    KeyDoc::new("cmpBatch", "1 to the number of points", "10", "Minibatch size"),
    KeyDoc::new("cmpNoise", "0 to 50 (percent)", "0", "Noise added to the data"),
    KeyDoc::new("cmpTarget", "0.0001 to 10", "0.1", "Test loss whose first crossing the table reports (epochs to target)"),
];

impl CompareState {
    /// Reads every `cmp*` key; a missing key means its default, a bad value is clamped or
    /// refused with a notice. The state is always valid.
    pub fn from_query(query: &Query) -> (CompareState, Vec<Notice>) {
        let mut r = UrlReader::new(query);
        let d = CompareState::default();
        let slots = match r.value("cmp") {
            Some(list) => read_slots(list, &mut r),
            None => d.slots.clone(),
        };
        let mut s = d.shared.clone();
        let dataset_ids = DatasetKind::ALL.map(|k| k.id());
        if let Some(kind) =
            r.choice("cmpDataset", |t| DatasetKind::from_id(t).map(Some), &dataset_ids, None, s.dataset.id())
        {
            s.dataset = kind;
            s.num_points = kind.default_num_points();
            s.loss = loss_for(kind);
        }
        if let Some(text) = r.value("cmpShape") {
            match parse_shape(text) {
                Ok(shape) => s.hidden = shape,
                Err(e) => {
                    r.notice("cmpShape", format!("cmpShape={text}: {e}. Keeping {}.", shape_text(&s.hidden)))
                }
            }
        }
        s.learning_rate = r.number("cmpLr", LEARNING_RATE_RANGE, s.learning_rate);
        s.optimizer = r.choice(
            "cmpOpt",
            OptimizerKind::from_id,
            &OptimizerKind::ALL.map(|k| k.id()),
            s.optimizer,
            s.optimizer.id(),
        );
        s.init = r.choice("cmpInit", Init::from_id, &Init::ALL.map(|k| k.id()), s.init, s.init.id());
        // Present but empty: the init scheme's default bias.
        if query.get("cmpBias").map(str::trim) == Some("") {
            s.bias_init = None;
        } else if let Some(b) = r.optional_number("cmpBias", (-BIAS_LIMIT, BIAS_LIMIT)) {
            s.bias_init = Some(b);
        }
        if let Some(text) = r.value("cmpSeed") {
            s.seed = seed_from_text(text);
        }
        s.batch_size = r.count("cmpBatch", (1, s.num_points), s.batch_size);
        s.noise = r.number("cmpNoise", (0.0, MAX_NOISE), s.noise);
        let target = r.number("cmpTarget", TARGET_RANGE, d.target);

        let mut state = CompareState { slots, shared: s, target };
        // Every value was checked above; this only guards against a combination slipping through.
        if let Err(e) = state.shared.validate() {
            r.notice(
                "cmp",
                format!("The link's comparison settings cannot be used ({e}): using the nearest valid ones."),
            );
            state.shared = state.shared.clamped();
        }
        (state, r.finish())
    }

    /// Writes every key of [`KEYS`] (replacing earlier values, keeping every other key):
    /// `from_query` gives this state back, without notices.
    pub fn write_query(&self, query: &mut Query) {
        let s = &self.shared;
        let slots: Vec<String> = self.slots.iter().map(Activation::to_string).collect();
        query.set("cmp", slots.join(","));
        query.set("cmpDataset", s.dataset.id());
        query.set("cmpShape", shape_text(&s.hidden));
        query.set("cmpLr", format!("{}", s.learning_rate));
        query.set("cmpOpt", s.optimizer.id());
        query.set("cmpInit", s.init.id());
        query.set("cmpBias", s.bias_init.map(|b| format!("{b}")).unwrap_or_default());
        query.set("cmpSeed", s.seed.to_string());
        query.set("cmpBatch", s.batch_size.to_string());
        query.set("cmpNoise", format!("{}", s.noise));
        query.set("cmpTarget", format!("{}", self.target));
    }
}

/// `cmp`: 2..=4 activations. A bad entry is dropped, entries beyond 4 are dropped, fewer than
/// 2 are completed from the classic four; each with a notice.
fn read_slots(list: &str, r: &mut UrlReader) -> Vec<Activation> {
    let mut slots = Vec::new();
    for text in split_list(list).into_iter().filter(|t| !t.is_empty()) {
        match Activation::parse_for_training(text) {
            Ok(_) if slots.len() >= MAX_SLOTS => r.notice(
                "cmp",
                format!("At most {MAX_SLOTS} activations can be compared: '{text}' was left out."),
            ),
            Ok(a) => slots.push(a),
            Err(e) => r.notice("cmp", format!("In the link's cmp=: {e}; left out.")),
        }
    }
    if slots.len() < MIN_SLOTS {
        let added: Vec<Activation> =
            classic().into_iter().filter(|a| !slots.contains(a)).take(MIN_SLOTS - slots.len()).collect();
        let names: Vec<String> = added.iter().map(Activation::to_string).collect();
        r.notice(
            "cmp",
            format!("A comparison needs at least {MIN_SLOTS} activations: added {}.", names.join(", ")),
        );
        slots.extend(added);
    }
    slots
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::experiments::compare::{CompareAction, DEFAULT_TARGET};
    use crate::domain::state::key_doc::markdown_table;

    fn read(text: &str) -> (CompareState, Vec<Notice>) {
        CompareState::from_query(&Query::parse(text))
    }

    fn written(state: &CompareState) -> Query {
        let mut q = Query::default();
        state.write_query(&mut q);
        q
    }

    #[test]
    fn the_default_and_a_changed_state_round_trip_through_the_link() {
        assert_eq!(read(""), (CompareState::default(), vec![]));
        let q = written(&CompareState::default());
        assert_eq!(q.get("cmp"), Some("relu,leaky_relu,elu,gelu"));
        assert_eq!(q.get("cmpShape"), Some("8,8"));
        assert_eq!(CompareState::from_query(&q), (CompareState::default(), vec![]));
        let keys: Vec<&str> = q.keys().collect();
        assert_eq!(keys, KEYS.iter().map(|k| k.key).collect::<Vec<_>>());

        let changed = CompareState::default()
            .apply(CompareAction::SetSlot(1, Activation::Swish { beta: 1.0 }))
            .apply(CompareAction::SetParam(1, 2.5))
            .apply(CompareAction::RemoveSlot(3))
            .apply(CompareAction::SetDataset(DatasetKind::Spiral))
            .apply(CompareAction::SetShape(vec![6, 5, 4]))
            .apply(CompareAction::SetLearningRate(0.003))
            .apply(CompareAction::SetOptimizer(OptimizerKind::Momentum))
            .apply(CompareAction::SetInit(Init::XavierUniform))
            .apply(CompareAction::SetBiasInit(Some(-1.5)))
            .apply(CompareAction::SetSeed(u64::MAX))
            .apply(CompareAction::SetBatchSize(25))
            .apply(CompareAction::SetNoise(15.0))
            .apply(CompareAction::SetTarget(0.25));
        let q = written(&changed);
        assert_eq!(q.get("cmp"), Some("relu,swish(2.5),elu"));
        assert_eq!(CompareState::from_query(&q), (changed.clone(), vec![]));
        // The init's default bias (empty value) round-trips too.
        let default_bias = changed.apply(CompareAction::SetBiasInit(None));
        let q = written(&default_bias);
        assert_eq!(q.get("cmpBias"), Some(""));
        assert_eq!(CompareState::from_query(&q).0, default_bias);
    }

    #[test]
    fn writing_keeps_every_other_key() {
        let mut q = Query::parse("tab=experiments&exp=compare&depthLayers=6&cmpLr=5");
        CompareState::default().write_query(&mut q);
        CompareState::default().write_query(&mut q);
        assert_eq!(q.get("tab"), Some("experiments"));
        assert_eq!(q.get("exp"), Some("compare"));
        assert_eq!(q.get("depthLayers"), Some("6"));
        assert_eq!(q.get("cmpLr"), Some("0.03"));
        assert_eq!(q.keys().count(), KEYS.len() + 3);
    }

    #[test]
    fn bad_slots_are_dropped_or_completed_with_notices() {
        let (s, n) = read("cmp=relu,wiggle,elu(0.5)");
        assert_eq!(s.slots, vec![Activation::Relu, Activation::Elu { alpha: 0.5 }]);
        assert_eq!(n.len(), 1);
        assert!(n[0].message.contains("wiggle"), "{n:?}");
        let (s, n) = read("cmp=tanh,sigmoid,relu,elu,gelu,silu");
        assert_eq!(s.slots.len(), 4);
        assert_eq!(n.len(), 2, "{n:?}");
        assert!(n[0].message.contains("gelu"));
        let (s, n) = read("cmp=tanh");
        assert_eq!(s.slots, vec![Activation::Tanh, Activation::Relu]);
        assert!(n[0].message.contains("at least 2"), "{n:?}");
        let (s, n) = read("cmp=leaky_relu(7)");
        assert_eq!(s.slots, vec![Activation::Relu, Activation::LeakyRelu { slope: 0.01 }]);
        assert_eq!(n.len(), 2, "{n:?}");
        // Duplicates are a comparison too (a run against its twin).
        let (s, n) = read("cmp=relu,relu");
        assert_eq!((s.slots, n), (vec![Activation::Relu, Activation::Relu], vec![]));
    }

    #[test]
    fn bad_shared_values_are_clamped_or_refused_with_notices() {
        let (s, n) = read(
            "cmpDataset=donut&cmpShape=8,x&cmpLr=99&cmpOpt=rmsprop&cmpInit=zeros&cmpBias=-500\
             &cmpBatch=7.5&cmpNoise=-3&cmpTarget=abc",
        );
        let d = CompareState::default();
        assert_eq!(s.shared.dataset, DatasetKind::Circle);
        assert_eq!(s.shared.hidden, vec![8, 8]);
        assert_eq!(s.shared.learning_rate, 10.0);
        assert_eq!(s.shared.optimizer, OptimizerKind::Sgd);
        assert_eq!(s.shared.init, d.shared.init);
        assert_eq!(s.shared.bias_init, Some(-100.0));
        assert_eq!(s.shared.batch_size, 8);
        assert_eq!(s.shared.noise, 0.0);
        assert_eq!(s.target, DEFAULT_TARGET);
        let keys: Vec<&str> = n.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "cmpDataset",
                "cmpShape",
                "cmpLr",
                "cmpOpt",
                "cmpInit",
                "cmpBias",
                "cmpBatch",
                "cmpNoise",
                "cmpTarget"
            ]
        );
        assert!(n[1].message.contains("'x'"), "{n:?}");
        assert_eq!(s.shared.validate(), Ok(()));
        // Shapes: too many layers, too wide, none.
        for (text, word) in [
            ("cmpShape=2,2,2,2,2,2,2,2,2", "too many"),
            ("cmpShape=17", "allowed"),
            ("cmpShape=,", "not a whole"),
        ] {
            let (s, n) = read(text);
            assert_eq!(s.shared.hidden, vec![8, 8], "{text}");
            assert!(n[0].message.contains(word), "{text}: {n:?}");
        }
        // The batch is clamped to the data set's size; text seeds are hashed.
        let (s, n) = read("cmpDataset=xor&cmpBatch=100000&cmpSeed=hello");
        assert_eq!(s.shared.batch_size, DatasetKind::Xor.default_num_points());
        assert_eq!(n.len(), 1);
        assert_eq!(s.shared.seed, seed_from_text("hello"));
    }

    #[test]
    fn the_key_table_documents_every_written_key_and_its_default() {
        let q = written(&CompareState::default());
        for k in KEYS {
            let v = q.get(k.key).unwrap();
            assert_eq!(v, k.default, "{}", k.key);
        }
        let table = markdown_table(KEYS);
        assert_eq!(table.lines().count(), KEYS.len() + 2);
        assert!(
            table.contains("| `cmpShape` | comma list of 1 to 8 widths, each 1 to 16 | 8,8 |"),
            "{table}"
        );
    }
}
