//! Activations typed as formulas (`custom(FORMULA)`) against an independent reference, in
//! f64, as burn tensors and in training, and through every link key that names an activation.
//!
//! `tests/fixtures/custom-activations.csv` holds f and f′ of 16 formulas at 53 to 55 points
//! each, computed with SymPy and mpmath at 50 digits, independently of this project (see
//! `tests/fixtures/custom-activations.README.md`). Points on a kink are left out.

use std::collections::BTreeMap;

use activation_lab::domain::activation::{split_list, Activation, ActivationError};
use activation_lab::domain::experiments::compare::CompareState;
use activation_lab::domain::experiments::depth::DepthState;
use activation_lab::domain::nn::trainer::Session;
use activation_lab::domain::state::explorer::ExplorerState;
use activation_lab::domain::state::play_url::PlayState;
use activation_lab::domain::state::query::Query;
use burn::backend::{Autodiff, NdArray};
use burn::tensor::{Tensor, TensorData};

type B = Autodiff<NdArray<f32>>;

const CSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/custom-activations.csv"));

struct Row {
    spec: String,
    x: f64,
    value: f64,
    derivative: f64,
}

/// The fields of one CSV line (standard quoting: a field in double quotes may hold commas).
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            _ => out.last_mut().expect("one field at least").push(c),
        }
    }
    out
}

fn rows_by_spec() -> BTreeMap<String, Vec<Row>> {
    let mut lines = CSV.lines();
    assert_eq!(lines.next(), Some("spec,x,value,derivative"));
    let mut groups: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let f = fields(line);
        assert_eq!(f.len(), 4, "bad row {line:?}");
        let number = |s: &str| s.parse::<f64>().unwrap_or_else(|_| panic!("bad number in {line:?}"));
        let row =
            Row { spec: f[0].clone(), x: number(&f[1]), value: number(&f[2]), derivative: number(&f[3]) };
        groups.entry(row.spec.clone()).or_default().push(row);
    }
    groups
}

fn parse(spec: &str) -> Activation {
    Activation::parse(spec).unwrap_or_else(|e| panic!("cannot parse {spec:?}: {e}"))
}

/// The catalogue's tolerance.
fn close(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-10 + 1e-8 * want.abs()
}

#[test]
fn f64_values_and_exact_derivatives_match_every_reference_row() {
    let groups = rows_by_spec();
    assert_eq!(groups.len(), 16, "{:?}", groups.keys().collect::<Vec<_>>());
    let mut failures = Vec::new();
    let mut checked = 0;
    for (spec, rows) in &groups {
        let a = parse(spec);
        assert!(matches!(a, Activation::Custom(_)), "{spec}");
        assert!((53..=55).contains(&rows.len()), "{spec}: {} rows", rows.len());
        for r in rows {
            checked += 1;
            if !close(a.value(r.x), r.value) {
                failures.push(format!("{spec}: f({}) = {}, want {}", r.x, a.value(r.x), r.value));
            }
            if !close(a.derivative(r.x), r.derivative) {
                failures.push(format!("{spec}: f'({}) = {}, want {}", r.x, a.derivative(r.x), r.derivative));
            }
        }
    }
    assert!(checked > 16 * 52);
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

/// f, the autodiff gradient of the tensor form of f, and the tensor form of f′, in f32.
fn tensor_forms(a: &Activation, xs: &[f64]) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let Activation::Custom(formula) = a else { panic!("{a} is not a formula") };
    let device = Default::default();
    let data: Vec<f32> = xs.iter().map(|&x| x as f32).collect();
    let x = Tensor::<B, 1>::from_data(TensorData::new(data, [xs.len()]), &device).require_grad();
    let y = a.forward(x.clone());
    let grads = y.clone().sum().backward();
    let grad = x.grad(&grads).expect("the input requires a gradient");
    let df = formula.derivative_tensor(x.clone().inner());
    let to_f64 = |d: TensorData| d.to_vec::<f32>().expect("f32 data").into_iter().map(f64::from).collect();
    (to_f64(y.into_data()), to_f64(grad.into_data()), to_f64(df.into_data()))
}

#[test]
fn tensor_forms_and_their_gradients_match_the_reference_in_f32() {
    let mut failures = Vec::new();
    for (spec, rows) in rows_by_spec() {
        let a = parse(&spec);
        let xs: Vec<f64> = rows.iter().map(|r| r.x).collect();
        let (values, autodiff, derivative) = tensor_forms(&a, &xs);
        for (i, r) in rows.iter().enumerate() {
            let checks = [
                ("f", values[i], r.value),
                ("autodiff f'", autodiff[i], r.derivative),
                ("tensor f'", derivative[i], r.derivative),
            ];
            for (what, got, want) in checks {
                if !(got.is_finite() && (got - want).abs() <= 1e-5 + 1e-4 * want.abs()) {
                    failures.push(format!("{spec}: {what}({}) = {got}, want {want}", r.x));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn at_kinks_the_tensor_gradient_follows_the_f64_convention() {
    for (spec, x, want) in [
        ("custom(max(0.1*x, x))", 0.0, 0.1),
        ("custom(min(x, 0.1*x))", 0.0, 1.0),
        ("custom(relu(x))", 0.0, 0.0),
        ("custom(abs(x))", 0.0, 0.0),
        ("custom(min(max(x, -1), 1))", 1.0, 1.0),
        ("custom(x*sign(x))", 0.0, 0.0),
    ] {
        let a = parse(spec);
        assert_eq!(a.derivative(x), want, "{spec} f64");
        let (_, autodiff, derivative) = tensor_forms(&a, &[x]);
        let want32 = f64::from(want as f32);
        assert_eq!((autodiff[0], derivative[0]), (want32, want32), "{spec} tensors");
    }
}

#[test]
fn the_text_form_round_trips_and_commas_inside_a_formula_do_not_split_lists() {
    for spec in rows_by_spec().keys() {
        let a = parse(spec);
        let text = a.to_string();
        assert!(text.starts_with("custom(") && text.ends_with(')'), "{text}");
        assert_eq!(Activation::parse(&text), Ok(a), "{spec} printed as {text}");
    }
    assert_eq!(parse("CUSTOM( x * sigmoid(x) )").to_string(), "custom(x*sigmoid(x))");
    assert_eq!(
        split_list("relu, custom(max(0.1*x, x)),,elu(0.5)"),
        ["relu", "custom(max(0.1*x, x))", "", "elu(0.5)"]
    );
    let message = Activation::parse("custom(x*tanh(softplus(x))").map_err(|e| e.to_string());
    assert_eq!(message, Err("in the formula 'x*tanh(softplus(x)': missing ) at position 19".to_string()));
    assert!(matches!(Activation::parse("custom(x"), Err(ActivationError::Formula { .. })));
    assert!(Activation::parse("custom(zeta(x))")
        .is_err_and(|e| e.to_string().contains("unknown function 'zeta'")));
}

/// Formulas with the characters a query string must carry: `^ * + / ( ) ,` and spaces.
const AWKWARD: [&str; 3] = ["custom(x^2 + 1/(1+abs(x)))", "custom(max(0.1*x, x))", "custom(-x**2*e + pi)"];

fn round_trip<S: PartialEq + std::fmt::Debug>(
    link: &str,
    read: impl Fn(&Query) -> (S, Vec<activation_lab::domain::state::page::Notice>),
    write: impl Fn(&S, &mut Query),
) -> S {
    let (state, notices) = read(&Query::parse(link));
    assert!(notices.is_empty(), "{link}: {notices:?}");
    let mut q = Query::default();
    write(&state, &mut q);
    let text = q.to_query_string();
    let (back, notices) = read(&Query::parse(&text));
    assert!(notices.is_empty(), "{text}: {notices:?}");
    assert_eq!(back, state, "{text}");
    state
}

fn encoded(text: &str) -> String {
    let mut q = Query::default();
    q.set("v", text);
    q.to_query_string().trim_start_matches("v=").to_string()
}

#[test]
fn formulas_survive_every_link_key_that_names_an_activation() {
    let [a, b, c] = AWKWARD.map(parse);
    let list = AWKWARD.map(encoded).join(",");
    let explorer = round_trip(&format!("act={list}"), ExplorerState::from_query, ExplorerState::write_query);
    assert_eq!(explorer.activations, [a, b, c]);
    let play = round_trip(
        &format!(
            "activation={}&networkShape=4,3,2&layerActivations={},,{}",
            encoded(AWKWARD[1]),
            encoded(AWKWARD[0]),
            encoded(AWKWARD[2])
        ),
        PlayState::from_query,
        PlayState::write_query,
    );
    assert_eq!(play.settings.activation, b);
    assert_eq!(play.settings.layer_activations, [Some(a), None, Some(c)]);
    let compare =
        round_trip(&format!("cmp=relu,{list}"), CompareState::from_query, CompareState::write_query);
    assert_eq!(compare.slots, [Activation::Relu, a, b, c]);
    let depth = round_trip(
        &format!("depthAct={},tanh", encoded(AWKWARD[1])),
        DepthState::from_query,
        DepthState::write_query,
    );
    assert_eq!(depth.activations[..2], [b, Activation::Tanh]);
    // Typed into a link by hand: %2B is a plus; a bare + is a space, and the notice says so.
    let (typed, notices) = ExplorerState::from_query(&Query::parse("act=custom(x^2%2B1),relu"));
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(typed.activations[0].to_string(), "custom(x^2+1)");
    let (_, notices) = ExplorerState::from_query(&Query::parse("act=custom(x^2+1)"));
    assert!(notices[0].message.contains("%2B"), "{notices:?}");
}

#[test]
fn a_malformed_or_untrainable_formula_in_a_link_gives_a_notice_naming_the_error() {
    let (state, notices) = PlayState::from_query(&Query::parse("activation=custom(x*tanh(softplus(x))"));
    assert_eq!(state.settings.activation, PlayState::default().settings.activation);
    assert!(notices.iter().any(|n| n.message.contains("missing ) at position 19")), "{notices:?}");
    let (state, notices) = PlayState::from_query(&Query::parse("activation=custom(log(x))"));
    assert_eq!(state.settings.activation, PlayState::default().settings.activation);
    assert!(notices.iter().any(|n| n.message.contains("log(x) is undefined for x ≤ 0")), "{notices:?}");
    let (_, notices) =
        PlayState::from_query(&Query::parse("networkShape=3&layerActivations=custom(sqrt(x))"));
    assert!(notices.iter().any(|n| n.message.contains("sqrt(x) is undefined for x < 0")), "{notices:?}");
    let (_, notices) = CompareState::from_query(&Query::parse("cmp=relu,tanh,custom(1/x)"));
    assert!(notices.iter().any(|n| n.message.contains("1/x is undefined")), "{notices:?}");
    let (_, notices) = DepthState::from_query(&Query::parse("depthAct=relu,custom(foo(x))"));
    assert!(notices.iter().any(|n| n.message.contains("unknown function 'foo'")), "{notices:?}");
    // The Explorer only plots: an undefined part is a gap there, not a refusal.
    let (explorer, notices) = ExplorerState::from_query(&Query::parse("act=custom(log(x))"));
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(explorer.activations[0].to_string(), "custom(log(x))");
}

#[test]
fn custom_mish_trains_like_the_built_in_mish_from_the_same_link() {
    for seed in ["1", "7", "2024", "lesson"] {
        let run = |activation: &str| {
            let link = format!("activation={}&seed={seed}&networkShape=4,2", encoded(activation));
            let (state, notices) = PlayState::from_query(&Query::parse(&link));
            assert!(notices.is_empty(), "{link}: {notices:?}");
            let mut session = Session::new(state.settings);
            session.step(100);
            session.history().train_loss.clone()
        };
        let (custom, builtin) = (run("custom(x*tanh(softplus(x)))"), run("mish"));
        assert_eq!(custom.len(), 101);
        for (epoch, (c, m)) in custom.iter().zip(&builtin).enumerate() {
            assert!(c.is_finite() && (c - m).abs() <= 1e-4, "seed {seed}, epoch {epoch}: {c} vs mish {m}");
        }
        assert!(custom[100] < custom[0], "seed {seed}: it did not learn");
    }
}
