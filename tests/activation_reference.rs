//! The activation catalogue against an independent reference.
//!
//! `tests/fixtures/activations.csv` holds f(x) and f'(x) for all 24 activations, computed in
//! float64 with JAX 0.10.2 (`jax.grad` for the derivative), independently of this project (see
//! `tests/fixtures/activations.README.md`). x runs over −6..6 in steps of 0.25 plus ±8, ±15, ±30;
//! points exactly on a kink are left out of the table, so the kink conventions (PyTorch's) are
//! checked here from the README's list instead.
//!
//! Checked: the f64 closed forms and the f32 burn tensor forms (value and autodiff gradient)
//! against the table, the kink conventions, the text form, stability far from zero, and the
//! properties and ranges a student sees.

use std::collections::BTreeMap;

use activation_lab::activation::{Activation, ActivationError};
use burn::backend::{Autodiff, NdArray};
use burn::tensor::{Tensor, TensorData};

type B = Autodiff<NdArray<f32>>;

const CSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/activations.csv"));

/// One row of the reference table.
struct Row {
    spec: String,
    x: f64,
    value: f64,
    derivative: f64,
}

fn reference_rows() -> Vec<Row> {
    let mut lines = CSV.lines();
    assert_eq!(lines.next(), Some("spec,x,value,derivative"), "unexpected header");
    let number = |field: &str, line: &str| -> f64 {
        field.parse().unwrap_or_else(|_| panic!("bad number {field:?} in {line:?}"))
    };
    lines
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            assert_eq!(fields.len(), 4, "bad row {line:?}");
            Row {
                spec: fields[0].to_string(),
                x: number(fields[1], line),
                value: number(fields[2], line),
                derivative: number(fields[3], line),
            }
        })
        .collect()
}

/// The table's rows grouped by spec, in file order within each group.
fn rows_by_spec() -> BTreeMap<String, Vec<Row>> {
    let mut groups: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for row in reference_rows() {
        groups.entry(row.spec.clone()).or_default().push(row);
    }
    groups
}

fn parse(spec: &str) -> Activation {
    Activation::parse(spec).unwrap_or_else(|e| panic!("cannot parse {spec:?}: {e}"))
}

/// Relative `rel`, or absolute `abs` where the reference is near zero.
fn close(actual: f64, expected: f64, rel: f64, abs: f64) -> bool {
    let diff = (actual - expected).abs();
    diff <= abs || diff <= rel * expected.abs()
}

/// f and f' of `activation` at each x through the f32 burn tensor form: one tensor for all x,
/// the output summed, backward, and the gradient read back.
fn tensor_value_and_grad(activation: &Activation, xs: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let device = Default::default();
    let data: Vec<f32> = xs.iter().map(|&x| x as f32).collect();
    let x = Tensor::<B, 1>::from_data(TensorData::new(data, [xs.len()]), &device).require_grad();
    let y = activation.forward(x.clone());
    let grads = y.clone().sum().backward();
    let grad = x.grad(&grads).expect("the input requires a gradient");
    let to_f64 = |data: TensorData| -> Vec<f64> {
        data.to_vec::<f32>().expect("f32 tensor").into_iter().map(f64::from).collect()
    };
    (to_f64(y.into_data()), to_f64(grad.into_data()))
}

/// Every activation at its default and at a few other parameters.
fn catalogue_with_variants() -> Vec<Activation> {
    let mut all = Activation::ALL.to_vec();
    for spec in [
        "leaky_relu(0.2)",
        "leaky_relu(0)",
        "prelu(0.1)",
        "elu(0.5)",
        "elu(2.5)",
        "celu(0.5)",
        "celu(3)",
        "swish(1.5)",
        "swish(0.25)",
        "softplus(2)",
        "softplus(0.5)",
        "softshrink(1)",
        "softshrink(0)",
        "hardshrink(1.5)",
    ] {
        all.push(parse(spec));
    }
    all
}

#[test]
fn the_table_covers_all_24_activations_with_their_pytorch_ids() {
    let groups = rows_by_spec();
    assert_eq!(groups.len(), 24);
    for spec in groups.keys() {
        let activation = parse(spec);
        let id = spec.split('(').next().unwrap_or(spec);
        assert_eq!(activation.id(), id, "{spec}");
        assert!(Activation::ALL.contains(&activation), "{spec} is not a default");
    }
}

#[test]
fn f64_values_and_derivatives_match_the_reference() {
    let mut failures = Vec::new();
    let rows = reference_rows();
    for row in &rows {
        let activation = parse(&row.spec);
        let value = activation.value(row.x);
        let derivative = activation.derivative(row.x);
        if !close(value, row.value, 1e-9, 1e-12) {
            failures.push(format!("{}: f({}) = {value}, expected {}", row.spec, row.x, row.value));
        }
        if !close(derivative, row.derivative, 1e-9, 1e-12) {
            failures.push(format!("{}: f'({}) = {derivative}, expected {}", row.spec, row.x, row.derivative));
        }
    }
    assert!(rows.len() > 1200, "only {} rows read", rows.len());
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn f32_tensor_forms_and_autodiff_gradients_match_the_reference() {
    let mut failures = Vec::new();
    for (spec, rows) in rows_by_spec() {
        let activation = parse(&spec);
        let xs: Vec<f64> = rows.iter().map(|r| r.x).collect();
        assert!(xs.contains(&30.0) && xs.contains(&-30.0), "{spec} lacks ±30");
        let (values, grads) = tensor_value_and_grad(&activation, &xs);
        for ((row, value), grad) in rows.iter().zip(values).zip(grads) {
            for (what, actual, expected) in [("f", value, row.value), ("f'", grad, row.derivative)] {
                let ok = actual.is_finite() && (actual - expected).abs() <= 1e-5 + 1e-4 * expected.abs();
                if !ok {
                    failures.push(format!("{spec}: {what}({}) = {actual}, expected {expected}", row.x));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn f32_tensor_forms_agree_with_f64_at_other_parameters() {
    let xs: Vec<f64> = (-48..=48).map(|i| f64::from(i) * 0.125 + 0.0625).collect();
    let mut failures = Vec::new();
    for activation in catalogue_with_variants() {
        let (values, grads) = tensor_value_and_grad(&activation, &xs);
        for ((&x, value), grad) in xs.iter().zip(values).zip(grads) {
            for (what, actual, expected) in
                [("f", value, activation.value(x)), ("f'", grad, activation.derivative(x))]
            {
                if !(actual.is_finite() && (actual - expected).abs() <= 1e-5 + 1e-4 * expected.abs()) {
                    failures.push(format!("{activation}: {what}({x}) = {actual}, expected {expected}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

/// PyTorch's derivative at each kink, as listed in the fixture's README (plus ELU/SELU at 0,
/// which take their left-hand branch in PyTorch's `elu_backward`).
const KINK_CONVENTIONS: &[(&str, f64, f64)] = &[
    ("relu", 0.0, 0.0),
    ("leaky_relu", 0.0, 0.01),
    ("leaky_relu(0.2)", 0.0, 0.2),
    ("prelu", 0.0, 0.25),
    ("elu(0.5)", 0.0, 0.5),
    ("selu", 0.0, 1.050_700_987_355_480_5 * 1.673_263_242_354_377_2),
    ("relu6", 0.0, 0.0),
    ("relu6", 6.0, 0.0),
    ("hardtanh", -1.0, 0.0),
    ("hardtanh", 1.0, 0.0),
    ("hardsigmoid", -3.0, 0.0),
    ("hardsigmoid", 3.0, 0.0),
    ("hardswish", -3.0, -0.5),
    ("hardswish", 3.0, 1.5),
    ("softshrink", -0.5, 0.0),
    ("softshrink", 0.5, 0.0),
    ("hardshrink", -0.5, 0.0),
    ("hardshrink", 0.5, 0.0),
    ("softshrink(1)", 1.0, 0.0),
    ("hardshrink(1.5)", -1.5, 0.0),
];

#[test]
fn kinks_follow_pytorch_conventions_in_f64_and_in_autodiff() {
    for &(spec, x, expected) in KINK_CONVENTIONS {
        let activation = parse(spec);
        assert_eq!(activation.derivative(x), expected, "{spec}: f'({x})");
        let kink = activation
            .kinks()
            .into_iter()
            .find(|k| k.x == x)
            .unwrap_or_else(|| panic!("{spec}: no kink listed at {x}"));
        assert_eq!(kink.at, expected, "{spec}: kink.at at {x}");
        let (_, grad) = tensor_value_and_grad(&activation, &[x]);
        assert!(
            (grad[0] - expected).abs() <= 1e-6 * expected.abs().max(1.0),
            "{spec}: autodiff gives f'({x}) = {}, PyTorch's convention is {expected}",
            grad[0]
        );
    }
}

#[test]
fn every_kink_is_a_real_jump_with_consistent_limits() {
    let expected_kinks: &[(&str, &[f64])] = &[
        ("relu", &[0.0]),
        ("leaky_relu", &[0.0]),
        ("prelu", &[0.0]),
        ("elu", &[]),
        ("elu(0.5)", &[0.0]),
        ("selu", &[0.0]),
        ("celu(0.5)", &[]),
        ("hardsigmoid", &[-3.0, 3.0]),
        ("hardswish", &[-3.0, 3.0]),
        ("hardtanh", &[-1.0, 1.0]),
        ("relu6", &[0.0, 6.0]),
        ("softshrink", &[-0.5, 0.5]),
        ("hardshrink(1.5)", &[-1.5, 1.5]),
        ("gelu", &[]),
        ("softsign", &[]),
    ];
    for &(spec, xs) in expected_kinks {
        let found: Vec<f64> = parse(spec).kinks().iter().map(|k| k.x).collect();
        assert_eq!(found, xs, "{spec}: kink positions");
    }
    let h = 1e-7;
    for activation in catalogue_with_variants() {
        for kink in activation.kinks() {
            let name = activation.to_string();
            assert_ne!(kink.left, kink.right, "{name}: no jump at {}", kink.x);
            assert_eq!(kink.at, activation.derivative(kink.x), "{name} at {}", kink.x);
            assert_eq!(kink.value, activation.value(kink.x), "{name} at {}", kink.x);
            let left = activation.derivative(kink.x - h);
            let right = activation.derivative(kink.x + h);
            assert!(
                (left - kink.left).abs() < 1e-6,
                "{name}: f'({}−) = {left}, kink says {}",
                kink.x,
                kink.left
            );
            assert!(
                (right - kink.right).abs() < 1e-6,
                "{name}: f'({}+) = {right}, kink says {}",
                kink.x,
                kink.right
            );
            let (_, grad) = tensor_value_and_grad(&activation, &[kink.x]);
            assert!((grad[0] - kink.at).abs() < 1e-6, "{name}: autodiff {} vs kink.at {}", grad[0], kink.at);
        }
    }
    // Smooth functions: the derivative has no jump anywhere on a fine sweep.
    for activation in catalogue_with_variants() {
        if activation.kinks().is_empty() && activation.properties().smooth {
            for i in -600..600 {
                let x = f64::from(i) / 100.0;
                let (a, b) = (activation.derivative(x - 1e-6), activation.derivative(x + 1e-6));
                assert!((a - b).abs() < 1e-4, "{activation}: f' jumps near {x}: {a} vs {b}");
            }
        }
    }
}

#[test]
fn every_activation_round_trips_through_its_text_form() {
    for activation in catalogue_with_variants() {
        let text = activation.to_string();
        let back = Activation::parse(&text);
        assert_eq!(back, Ok(activation), "{text}");
        assert_eq!(back.map(|a| a.to_string()), Ok(text.clone()), "{text}");
        let from_str: Result<Activation, _> = text.parse();
        assert_eq!(from_str, Ok(activation), "{text}");
    }
    for activation in Activation::ALL {
        assert_eq!(activation.to_string(), activation.id(), "defaults print as the bare id");
    }
    for text in ["leaky_relu(0.2)", "elu(0.5)", "swish(1.5)", "softplus(2)", "hardshrink(0.1)"] {
        assert_eq!(parse(text).to_string(), text);
    }
    let odd = Activation::Swish { beta: 0.1 + 0.2 };
    assert_eq!(parse(&odd.to_string()), odd, "shortest round-trip formatting keeps every bit");
}

#[test]
fn text_form_is_forgiving_about_case_spaces_and_defaults() {
    assert_eq!(parse("linear"), Activation::Identity);
    assert_eq!(parse("LINEAR"), Activation::Identity);
    assert_eq!(parse("  ReLU "), Activation::Relu);
    assert_eq!(parse("Leaky_ReLU ( 0.2 )"), Activation::LeakyRelu { slope: 0.2 });
    assert_eq!(parse("GELU_tanh"), Activation::GeluTanh);
    assert_eq!(parse("elu(1.0)"), Activation::Elu { alpha: 1.0 });
    assert_eq!(parse("elu(1.0)").to_string(), "elu");
    assert_eq!(parse("leaky_relu"), Activation::LeakyRelu { slope: 0.01 });
    assert_eq!(parse("softplus(2)"), Activation::Softplus { beta: 2.0 });
    assert_eq!(parse("softshrink(0)"), Activation::Softshrink { lambda: 0.0 });
    assert_eq!(parse("leaky_relu(1)"), Activation::LeakyRelu { slope: 1.0 });
}

#[test]
fn bad_text_gives_an_error_the_user_can_act_on() {
    use ActivationError::*;
    let err = |text: &str| Activation::parse(text).expect_err(text);

    assert_eq!(err("rleu"), UnknownName("rleu".into()));
    assert!(err("rleu").to_string().contains("relu"));
    assert!(matches!(err("softmax(2)"), UnknownName(name) if name == "softmax"));

    assert_eq!(err("elu(abc)"), BadNumber { name: "elu".into(), text: "abc".into() });
    for text in ["elu(NaN)", "elu(inf)", "elu(-inf)", "elu(1,2)", "elu(1 2)"] {
        assert!(matches!(err(text), BadNumber { .. }), "{text}: {:?}", err(text));
    }

    match err("elu(-1)") {
        OutOfRange { name, param, value, min, max } => {
            assert_eq!((name.as_str(), param, value), ("elu", "alpha", -1.0));
            assert!(min > 0.0 && max == 5.0, "alpha must be positive: [{min}, {max}]");
        }
        other => panic!("elu(-1): {other:?}"),
    }
    for text in [
        "elu(0)",
        "celu(0)",
        "leaky_relu(1.5)",
        "leaky_relu(-0.1)",
        "swish(0.05)",
        "softplus(11)",
        "softshrink(3.5)",
        "prelu(2)",
    ] {
        assert!(matches!(err(text), OutOfRange { .. }), "{text}: {:?}", err(text));
    }
    assert!(err("elu(-1)").to_string().contains("alpha"));

    assert_eq!(err("relu(0.3)"), UnexpectedParam("relu".into()));
    assert!(matches!(err("linear(2)"), UnexpectedParam(name) if name == "identity"));
    assert!(matches!(err("selu(1)"), UnexpectedParam(_)));

    for text in ["elu(", "elu(1)(2)", "", "   ", "elu()", "(0.5)", "elu)", "elu(1) x"] {
        assert!(matches!(err(text), Malformed(_)), "{text:?}: {:?}", err(text));
    }
    for text in ["rleu", "elu(abc)", "elu(-1)", "relu(0.3)", "elu(", ""] {
        let message = err(text).to_string();
        assert!(message.len() > 20, "{text:?}: message too short: {message}");
    }
}

#[test]
fn f64_forms_stay_finite_far_from_zero() {
    let far = [100.0, -100.0, 1000.0, -1000.0, 1e4, -1e4, 710.0, -710.0, 89.0, -89.0];
    for activation in catalogue_with_variants() {
        for x in far {
            let (v, d) = (activation.value(x), activation.derivative(x));
            assert!(v.is_finite() && d.is_finite(), "{activation} at {x}: f = {v}, f' = {d}");
        }
    }
    // The tails are right, not just finite.
    let sigmoid = Activation::Sigmoid;
    assert_eq!(sigmoid.value(1000.0), 1.0);
    assert!(sigmoid.value(-100.0) > 0.0 && (sigmoid.value(-100.0) / (-100f64).exp() - 1.0).abs() < 1e-12);
    assert_eq!(Activation::Softplus { beta: 1.0 }.value(1000.0), 1000.0);
    assert!((Activation::Softplus { beta: 1.0 }.value(-100.0) / (-100f64).exp() - 1.0).abs() < 1e-12);
    assert_eq!(Activation::LogSigmoid.value(-1000.0), -1000.0);
    assert!((Activation::LogSigmoid.derivative(-1000.0) - 1.0).abs() < 1e-15);
    assert_eq!(Activation::Mish.value(1000.0), 1000.0);
    assert_eq!(Activation::Tanh.derivative(1000.0), 0.0);
}

#[test]
fn f32_tensor_forms_stay_finite_and_correct_far_from_zero() {
    let xs = [-1e4, -1000.0, -100.0, -89.0, 89.0, 100.0, 1000.0, 1e4];
    for activation in catalogue_with_variants() {
        let (values, grads) = tensor_value_and_grad(&activation, &xs);
        for ((x, v), g) in xs.iter().zip(values).zip(grads) {
            assert!(v.is_finite() && g.is_finite(), "{activation} at {x}: f = {v}, f' = {g}");
        }
    }
    // sigmoid, softplus and log_sigmoid at |x| = 100, against the f64 forms.
    for spec in ["sigmoid", "softplus", "softplus(0.5)", "log_sigmoid", "silu", "mish"] {
        let activation = parse(spec);
        let xs = [-100.0, 100.0];
        let (values, grads) = tensor_value_and_grad(&activation, &xs);
        for i in 0..2 {
            let (v, d) = (activation.value(xs[i]), activation.derivative(xs[i]));
            assert!(
                (values[i] - v).abs() <= 1e-5 + 1e-4 * v.abs(),
                "{spec}: f({}) = {} vs {v}",
                xs[i],
                values[i]
            );
            assert!(
                (grads[i] - d).abs() <= 1e-5 + 1e-4 * d.abs(),
                "{spec}: f'({}) = {} vs {d}",
                xs[i],
                grads[i]
            );
        }
    }
}

#[test]
fn properties_describe_what_students_see() {
    let p = |spec: &str| parse(spec).properties();
    let relu = p("relu");
    assert!(relu.dying_region && !relu.smooth && relu.monotonic && relu.bounded_below && !relu.bounded_above);
    let gelu = p("gelu");
    assert!(gelu.smooth && gelu.self_gated && !gelu.monotonic && !gelu.dying_region);
    let tanh = p("tanh");
    assert!(tanh.saturates() && tanh.zero_centred && tanh.bounded_below && tanh.bounded_above);
    let sigmoid = p("sigmoid");
    assert!(sigmoid.saturates() && !sigmoid.zero_centred);
    assert_eq!(parse("sigmoid").range(), (0.0, 1.0));
    let hardtanh = p("hardtanh");
    assert!(hardtanh.bounded_below && hardtanh.bounded_above && hardtanh.dying_region && !hardtanh.smooth);
    assert!(!p("leaky_relu").dying_region && p("leaky_relu").zero_centred);
    assert!(p("selu").saturates() && !p("selu").smooth && p("celu(0.5)").smooth);
    let self_gated: Vec<&str> =
        Activation::ALL.iter().filter(|a| a.properties().self_gated).map(|a| a.id()).collect();
    assert_eq!(self_gated, ["gelu", "gelu_tanh", "silu", "swish", "mish", "hardswish"]);
    assert!(!p("softplus").zero_centred && !p("tanhshrink").saturates());
    // ReLU is one-sided: f′ = 0 on the left, never fading on the right (its gradient passes
    // through deep stacks unchanged); sigmoid and tanh fade on both sides.
    assert!(relu.saturates_left && !relu.saturates_right);
    assert!(sigmoid.saturates_left && sigmoid.saturates_right && tanh.saturates_left && tanh.saturates_right);
    assert!(!p("leaky_relu").saturates_left && !p("leaky_relu").saturates_right);
}

/// The properties agree with the functions themselves on a sweep.
#[test]
fn properties_and_ranges_hold_on_a_sweep() {
    // Step 0.01 over [-20, 20] (beyond that some tails underflow to exactly 0 in f64), plus far
    // points for the ends of the range and saturation.
    let mut xs: Vec<f64> = (-2000..=2000).map(|i| f64::from(i) * 0.01).collect();
    xs.extend([-1e4, -1e3, 1e3, 1e4]);
    xs.sort_by(f64::total_cmp);
    for activation in catalogue_with_variants() {
        let name = activation.to_string();
        let props = activation.properties();
        let (lo, hi) = activation.range();
        let values: Vec<f64> = xs.iter().map(|&x| activation.value(x)).collect();
        let slack = |bound: f64| 1e-12 * bound.abs().max(1.0);
        for (&x, &v) in xs.iter().zip(&values) {
            assert!(v >= lo - slack(lo) && v <= hi + slack(hi), "{name}: f({x}) = {v} outside {lo}..{hi}");
        }
        // Finite ends are tight: the sweep comes within 1e-3 of them.
        let (min, max) =
            values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
        if lo.is_finite() {
            assert!(min - lo < 1e-3, "{name}: range starts at {lo} but the minimum is {min}");
        }
        if hi.is_finite() {
            assert!(hi - max < 1e-3, "{name}: range ends at {hi} but the maximum is {max}");
        }
        assert_eq!(props.bounded_below, lo.is_finite(), "{name}: bounded_below vs range");
        assert_eq!(props.bounded_above, hi.is_finite(), "{name}: bounded_above vs range");
        let increasing = values.windows(2).all(|w| w[1] >= w[0]);
        assert_eq!(props.monotonic, increasing, "{name}: monotonic");
        let takes_both_signs = values.iter().any(|&v| v < 0.0) && values.iter().any(|&v| v > 0.0);
        assert_eq!(
            props.zero_centred,
            activation.value(0.0) == 0.0 && takes_both_signs,
            "{name}: zero_centred"
        );
        let derivatives: Vec<f64> = xs.iter().map(|&x| activation.derivative(x)).collect();
        let flat_stretch = derivatives.windows(50).any(|w| w.iter().all(|&d| d == 0.0));
        assert_eq!(props.dying_region, flat_stretch, "{name}: dying_region");
        let (first, last) = (derivatives[0], derivatives[derivatives.len() - 1]);
        assert_eq!(props.saturates(), first.abs() < 1e-6 || last.abs() < 1e-6, "{name}: saturates");
        assert_eq!(props.saturates_left, first.abs() < 1e-6, "{name}: saturates as x → −∞");
        assert_eq!(props.saturates_right, last.abs() < 1e-6, "{name}: saturates as x → +∞");
        assert_eq!(props.smooth, activation.kinks().is_empty(), "{name}: smooth vs kinks");
    }
}
