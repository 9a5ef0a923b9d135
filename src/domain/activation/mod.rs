//! The activation catalogue: 24 activation functions as PyTorch defines them.
//!
//! Each [`Activation`] knows its value and derivative in `f64` (closed forms, numerically
//! stable for any finite input), the same function on burn tensors ([`Activation::forward`],
//! so autodiff gives its gradient), its text form (`leaky_relu(0.2)`), its parameter, the
//! points where its derivative jumps, its output range, a few properties, MathML formulas and
//! short notes for students.
//!
//! Submodules, each adding methods to [`Activation`]:
//! - `scalar`: `value`, `derivative`, `kinks`, `range` (the `f64` closed forms);
//! - `tensor`: `forward` (the burn tensor form);
//! - `tensor_grad`: `forward_with_derivative` (value and derivative as tensor ops, for training);
//! - `info`: `label`, `properties`, `formula_mathml`, `notes` (teaching material);
//! - `text`: parsing, `Display`, and [`ActivationError`];
//! - `formula`: [`CustomFormula`], an activation typed as a formula (`custom(x*sigmoid(x))`).

pub mod formula;
mod info;
mod scalar;
mod tensor;
mod tensor_grad;
mod text;

pub use formula::{CustomFormula, DomainError, FormulaError};
pub use text::{split_list, ActivationError};

/// An activation function, with its parameter where it has one.
///
/// Definitions and derivative conventions at kinks follow PyTorch (`torch.nn.functional`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Activation {
    /// f(x) = x (also accepted as `linear`).
    Identity,
    /// max(0, x).
    Relu,
    /// x for x > 0, slope·x otherwise.
    LeakyRelu { slope: f64 },
    /// Parametric ReLU with a fixed coefficient `a`: x for x > 0, a·x otherwise.
    Prelu { a: f64 },
    /// x for x > 0, alpha·(eˣ − 1) otherwise.
    Elu { alpha: f64 },
    /// Scaled ELU with the fixed self-normalising constants.
    Selu,
    /// x for x > 0, alpha·(e^(x/alpha) − 1) otherwise.
    Celu { alpha: f64 },
    /// Exact GELU: x·Φ(x), with Φ the standard normal CDF.
    Gelu,
    /// GELU with the tanh approximation of Φ.
    GeluTanh,
    /// x·σ(x).
    Silu,
    /// x·σ(beta·x).
    Swish { beta: f64 },
    /// x·tanh(softplus(x)).
    Mish,
    /// ln(1 + e^(beta·x)) / beta, linear where beta·x > 20.
    Softplus { beta: f64 },
    /// σ(x) = 1 / (1 + e⁻ˣ).
    Sigmoid,
    /// tanh(x).
    Tanh,
    /// x / (1 + |x|).
    Softsign,
    /// relu6(x + 3) / 6.
    Hardsigmoid,
    /// x·hardsigmoid(x).
    Hardswish,
    /// x clamped to [−1, 1].
    Hardtanh,
    /// x clamped to [0, 6].
    Relu6,
    /// ln σ(x) = −softplus(−x).
    LogSigmoid,
    /// x − tanh(x).
    Tanhshrink,
    /// x − lambda for x > lambda, x + lambda for x < −lambda, 0 otherwise.
    Softshrink { lambda: f64 },
    /// x for |x| > lambda, 0 otherwise.
    Hardshrink { lambda: f64 },
    /// A formula f(x) typed by the user: `custom(x*tanh(softplus(x)))`.
    Custom(CustomFormula),
}

/// The tunable parameter of an activation, with the range a user may choose it from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Param {
    /// "slope", "a", "alpha", "beta" or "lambda".
    pub name: &'static str,
    /// The symbol used in the formulas: "α", "a", "β" or "λ".
    pub symbol: &'static str,
    /// The current value.
    pub value: f64,
    /// PyTorch's default.
    pub default: f64,
    /// Smallest allowed value (inclusive).
    pub min: f64,
    /// Largest allowed value (inclusive).
    pub max: f64,
    /// A sensible slider step.
    pub step: f64,
}

/// A point where the derivative jumps.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Kink {
    /// Where the jump is.
    pub x: f64,
    /// Limit of f' from the left.
    pub left: f64,
    /// Limit of f' from the right.
    pub right: f64,
    /// f'(x) by PyTorch's convention; equals `derivative(x)`.
    pub at: f64,
    /// f(x).
    pub value: f64,
}

/// Yes/no facts about an activation (for its current parameter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Properties {
    /// Never decreasing (or never increasing) over the whole line.
    pub monotonic: bool,
    /// Continuously differentiable (C¹) everywhere.
    pub smooth: bool,
    pub bounded_below: bool,
    pub bounded_above: bool,
    /// f(0) = 0 and the output takes both signs ("zero-centred-ish").
    pub zero_centred: bool,
    /// Of the form x·g(x): silu, swish, gelu, gelu_tanh, mish, hardswish.
    pub self_gated: bool,
    /// f' = 0 on a whole interval, where a unit can stop learning.
    pub dying_region: bool,
    /// f' → 0 as x → −∞ (exactly 0 there for ReLU, fading for sigmoid, ELU, GELU, …).
    pub saturates_left: bool,
    /// f' → 0 as x → +∞: only the squashing functions (sigmoid, tanh, softsign, the hard
    /// ones) and log-sigmoid; ReLU's gradient stays 1 however large x grows.
    pub saturates_right: bool,
}

impl Properties {
    /// f' → 0 as |x| → ∞ on at least one side.
    pub fn saturates(&self) -> bool {
        self.saturates_left || self.saturates_right
    }
}

/// MathML markup (the inner content of a `<math>` element) for f and f', each a whole equation
/// starting with `f(x) =` and `f′(x) =`.
#[derive(Clone, Debug, PartialEq)]
pub struct Formula {
    pub f: String,
    pub df: String,
}

/// Everything about one parameter except its current value.
struct ParamSpec {
    name: &'static str,
    symbol: &'static str,
    default: f64,
    min: f64,
    max: f64,
    step: f64,
}

const SLOPE: ParamSpec =
    ParamSpec { name: "slope", symbol: "α", default: 0.01, min: 0.0, max: 1.0, step: 0.01 };
const PRELU_A: ParamSpec =
    ParamSpec { name: "a", symbol: "a", default: 0.25, min: 0.0, max: 1.0, step: 0.01 };
/// ELU's and CELU's alpha must be positive; 0.01 is the smallest value offered.
const ALPHA: ParamSpec =
    ParamSpec { name: "alpha", symbol: "α", default: 1.0, min: 0.01, max: 5.0, step: 0.01 };
const BETA: ParamSpec =
    ParamSpec { name: "beta", symbol: "β", default: 1.0, min: 0.1, max: 10.0, step: 0.1 };
const LAMBDA: ParamSpec =
    ParamSpec { name: "lambda", symbol: "λ", default: 0.5, min: 0.0, max: 3.0, step: 0.05 };

impl Activation {
    /// Every activation, each with its default parameter, in catalogue order.
    pub const ALL: [Activation; 24] = [
        Activation::Identity,
        Activation::Relu,
        Activation::LeakyRelu { slope: SLOPE.default },
        Activation::Prelu { a: PRELU_A.default },
        Activation::Elu { alpha: ALPHA.default },
        Activation::Selu,
        Activation::Celu { alpha: ALPHA.default },
        Activation::Gelu,
        Activation::GeluTanh,
        Activation::Silu,
        Activation::Swish { beta: BETA.default },
        Activation::Mish,
        Activation::Softplus { beta: BETA.default },
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Softsign,
        Activation::Hardsigmoid,
        Activation::Hardswish,
        Activation::Hardtanh,
        Activation::Relu6,
        Activation::LogSigmoid,
        Activation::Tanhshrink,
        Activation::Softshrink { lambda: LAMBDA.default },
        Activation::Hardshrink { lambda: LAMBDA.default },
    ];

    /// PyTorch's snake_case name, as used in the text form.
    pub fn id(&self) -> &'static str {
        match self {
            Activation::Identity => "identity",
            Activation::Relu => "relu",
            Activation::LeakyRelu { .. } => "leaky_relu",
            Activation::Prelu { .. } => "prelu",
            Activation::Elu { .. } => "elu",
            Activation::Selu => "selu",
            Activation::Celu { .. } => "celu",
            Activation::Gelu => "gelu",
            Activation::GeluTanh => "gelu_tanh",
            Activation::Silu => "silu",
            Activation::Swish { .. } => "swish",
            Activation::Mish => "mish",
            Activation::Softplus { .. } => "softplus",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Softsign => "softsign",
            Activation::Hardsigmoid => "hardsigmoid",
            Activation::Hardswish => "hardswish",
            Activation::Hardtanh => "hardtanh",
            Activation::Relu6 => "relu6",
            Activation::LogSigmoid => "log_sigmoid",
            Activation::Tanhshrink => "tanhshrink",
            Activation::Softshrink { .. } => "softshrink",
            Activation::Hardshrink { .. } => "hardshrink",
            Activation::Custom(_) => "custom",
        }
    }

    /// The parameter's description and current value, or `None` for parameter-free functions.
    fn spec_and_value(&self) -> Option<(&'static ParamSpec, f64)> {
        match *self {
            Activation::LeakyRelu { slope } => Some((&SLOPE, slope)),
            Activation::Prelu { a } => Some((&PRELU_A, a)),
            Activation::Elu { alpha } | Activation::Celu { alpha } => Some((&ALPHA, alpha)),
            Activation::Swish { beta } | Activation::Softplus { beta } => Some((&BETA, beta)),
            Activation::Softshrink { lambda } | Activation::Hardshrink { lambda } => Some((&LAMBDA, lambda)),
            _ => None,
        }
    }

    /// The parameter with its current value, or `None` for parameter-free functions.
    pub fn param(&self) -> Option<Param> {
        self.spec_and_value().map(|(spec, value)| Param {
            name: spec.name,
            symbol: spec.symbol,
            value,
            default: spec.default,
            min: spec.min,
            max: spec.max,
            step: spec.step,
        })
    }

    /// The same function with its parameter set to `value`, if `value` is finite and within
    /// [`Param::min`, `Param::max`].
    pub fn with_param(self, value: f64) -> Result<Activation, ActivationError> {
        let Some((spec, _)) = self.spec_and_value() else {
            return Err(ActivationError::UnexpectedParam(self.id().to_string()));
        };
        if !value.is_finite() {
            return Err(ActivationError::BadNumber { name: self.id().to_string(), text: value.to_string() });
        }
        if !(spec.min..=spec.max).contains(&value) {
            return Err(ActivationError::OutOfRange {
                name: self.id().to_string(),
                param: spec.name,
                value,
                min: spec.min,
                max: spec.max,
            });
        }
        Ok(match self {
            Activation::LeakyRelu { .. } => Activation::LeakyRelu { slope: value },
            Activation::Prelu { .. } => Activation::Prelu { a: value },
            Activation::Elu { .. } => Activation::Elu { alpha: value },
            Activation::Celu { .. } => Activation::Celu { alpha: value },
            Activation::Swish { .. } => Activation::Swish { beta: value },
            Activation::Softplus { .. } => Activation::Softplus { beta: value },
            Activation::Softshrink { .. } => Activation::Softshrink { lambda: value },
            Activation::Hardshrink { .. } => Activation::Hardshrink { lambda: value },
            other => other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_has_unique_ids_in_catalogue_order_with_default_parameters() {
        let ids: Vec<&str> = Activation::ALL.iter().map(|a| a.id()).collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 24, "duplicate ids in {ids:?}");
        assert_eq!(ids.first(), Some(&"identity"));
        assert_eq!(ids.last(), Some(&"hardshrink"));
        for a in Activation::ALL {
            if let Some(p) = a.param() {
                assert_eq!(p.value, p.default, "{} is not at its default", a.id());
                assert!(p.min <= p.default && p.default <= p.max, "{}", a.id());
                assert!(p.step > 0.0 && p.step <= p.max - p.min, "{}", a.id());
            }
        }
    }

    #[test]
    fn with_param_checks_the_range_and_keeps_the_variant() {
        let elu = Activation::Elu { alpha: 1.0 };
        assert_eq!(elu.with_param(0.5), Ok(Activation::Elu { alpha: 0.5 }));
        assert!(matches!(elu.with_param(0.0), Err(ActivationError::OutOfRange { param: "alpha", .. })));
        assert!(matches!(elu.with_param(f64::NAN), Err(ActivationError::BadNumber { .. })));
        assert!(matches!(
            Activation::Relu.with_param(0.1),
            Err(ActivationError::UnexpectedParam(name)) if name == "relu"
        ));
        let shrink = Activation::Softshrink { lambda: 0.5 };
        assert_eq!(shrink.with_param(3.0), Ok(Activation::Softshrink { lambda: 3.0 }));
        assert!(shrink.with_param(3.01).is_err());
    }
}
