//! The documentation of every Playground key ([`KEYS`], the README's Playground table).

use crate::domain::state::key_doc::KeyDoc;

const fn doc(
    key: &'static str,
    values: &'static str,
    default: &'static str,
    meaning: &'static str,
    tf: bool,
) -> KeyDoc {
    KeyDoc::new(key, values, default, meaning).tf(tf)
}

/// Every key [`super::PlayState::write_query`] writes, in the order it writes them (TF Playground's
/// keys in TF's order, then ours).
pub const KEYS: &[KeyDoc] = &[
    doc(
        "activation",
        "`relu`, `tanh`, `sigmoid`, `linear` (TF's) or any of the 24 text forms, e.g. `leaky_relu(0.2)`",
        "relu (TF Playground: tanh)",
        "Activation of every hidden layer (unless `layerActivations` overrides it)",
        true,
    ),
    doc("regularization", "`none`, `L1`, `L2`", "none", "Penalty on the connection weights", true),
    doc("batchSize", "1 to `numPoints`", "10", "Minibatch size", true),
    doc(
        "dataset",
        "`circle`, `xor`, `gauss`, `spiral`, `moons`, `checkerboard`",
        "circle",
        "Classification data set (used when `problem=classification`)",
        true,
    ),
    doc(
        "regDataset",
        "`reg-plane`, `reg-gauss`",
        "reg-plane",
        "Regression data set (used when `problem=regression`)",
        true,
    ),
    doc("learningRate", "0.00001 to 10", "0.03", "Learning rate", true),
    doc("regularizationRate", "0 to 10", "0", "Regularization rate", true),
    doc("noise", "0 to 50 (percent)", "0", "Noise added to the data", true),
    doc(
        "networkShape",
        "comma list of 0 to 8 widths, each 1 to 16; empty = no hidden layer",
        "4,2",
        "Neurons of each hidden layer, input side first",
        true,
    ),
    doc(
        "seed",
        "a whole number 0 to 18446744073709551615, or any text (hashed with FNV-1a)",
        "1",
        "Seed of the data, the initial weights and the minibatch order",
        true,
    ),
    doc("showTestData", "`true`, `false`", "false", "Show the test points on the plot", true),
    doc("discretize", "`true`, `false`", "false", "Show the output as two colours, not a gradient", true),
    doc("percTrainData", "10 to 90", "50", "Percent of the points used for training", true),
    doc("x", "`true`, `false`", "true", "Input feature X₁", true),
    doc("y", "`true`, `false`", "true", "Input feature X₂", true),
    doc("xTimesY", "`true`, `false`", "false", "Input feature X₁X₂", true),
    doc("xSquared", "`true`, `false`", "false", "Input feature X₁²", true),
    doc("ySquared", "`true`, `false`", "false", "Input feature X₂²", true),
    doc("sinX", "`true`, `false`", "false", "Input feature sin(X₁)", true),
    doc("sinY", "`true`, `false`", "false", "Input feature sin(X₂)", true),
    doc(
        "problem",
        "`classification`, `regression`",
        "classification",
        "Which data set is used: `dataset` or `regDataset`",
        true,
    ),
    doc(
        "layerActivations",
        "comma list, one entry per hidden layer: a text form, or empty for `activation`",
        "empty",
        "Per-layer activation overrides",
        false,
    ),
    doc(
        "loss",
        "`sigmoid_bce`, `linear_mse`, `tanh_mse`",
        "sigmoid_bce (classification), linear_mse (regression); TF Playground hash links: tanh_mse (classification)",
        "Output unit and loss",
        false,
    ),
    doc(
        "init",
        "`he_normal`, `he_uniform`, `xavier_normal`, `xavier_uniform`, `lecun_normal`, `lecun_uniform`, `tf_uniform`",
        "he_normal (TF Playground hash links: tf_uniform)",
        "How the initial weights are drawn",
        false,
    ),
    doc(
        "biasInit",
        "-100 to 100, or empty",
        "1 (empty, or absent with `init`: the scheme's own, 0.1 for `tf_uniform`, else 0)",
        "Initial bias of every neuron",
        false,
    ),
    doc("optimizer", "`sgd`, `momentum`, `adam`", "sgd", "Update rule", false),
    doc(
        "numPoints",
        "2 to 10000",
        "500 (classification), 1200 (regression)",
        "Points generated (train + test)",
        false,
    ),
    doc("speed", "1 to 50", "5", "Epochs trained per animation frame", false),
    doc(
        "schedule",
        "comma list of `EPOCH:KEY=VALUE`, KEY one of `learningRate`, `optimizer`, `regularization`, `regularizationRate`, `batchSize`; at most 20",
        "empty",
        "Scripted changes: `300:learningRate=3` trains epochs 301 on with rate 3, on the weights as they are (a reset replays them)",
        false,
    ),
    doc(
        "data",
        "empty, or up to 300 points: `c.` (classification) or `r.` (regression), then base64url of 11-bit x1 and x2 (`(v + 6) · 100`), a test bit, and the label (1 bit, or 8 bits `(label + 1) · 100`)",
        "empty",
        "Custom points (clicked or imported, rounded to 0.01) used instead of the generated ones; empty: the generated data set",
        false,
    ),
];
